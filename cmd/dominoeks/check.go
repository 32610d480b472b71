package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
)

// checkFlags holds the flags of the check command.
type checkFlags struct {
	cluster    string
	region     string
	buckets    []string
	efs        string
	kmsKey     string
	kubeconfig string
	json       bool
	deadlines  deadlines
	// probe runs the network policy probe; probeImage overrides its image.
	probe      bool
	probeImage string
}

// runChecks builds the AWS (and optional Kubernetes) clients and runs the
// checker. Tests replace it to exercise the command without AWS.
var runChecks = func(ctx context.Context, opts checker.Options, callTimeout time.Duration) (*checker.Report, error) {
	cfg, err := checker.LoadAWSConfig(ctx, opts.Region)
	if err != nil {
		return nil, err
	}
	cfg = checker.WithCallTimeout(cfg, callTimeout)
	opts.Region = cfg.Region
	clients := checker.NewAWSClients(cfg)
	if opts.Kubeconfig != "" {
		kube, err := checker.NewKubeClient(opts.Kubeconfig)
		if err != nil {
			return nil, err
		}
		clients.Kube = kube
	}
	return checker.Run(ctx, clients, opts)
}

// newCheckCmd returns the "check" command, which verifies a live AWS account
// and EKS cluster against Domino's requirements. Exit codes: 0 all checks
// passed or warned, 1 at least one check failed, 2 usage or access errors.
func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check --cluster NAME [--region R] [--buckets a,b,c] [--efs fs-id] [--kubeconfig F] [--probe-network-policy] [--json]",
		Short: "Check a live cluster against Domino's requirements",
		Long: `Check a live AWS account and EKS cluster against the requirements of
Domino's "Domino on AWS EKS" deployment: node pools, availability zones,
cluster-autoscaler tags, docker bridge, private subnets, EFS, S3 buckets,
the node role's S3 permissions, the access host's SSM agent (online), the
workload table (the access host's role and the ECR pull-through cache rules
included) and, with --kubeconfig, the storage class, node labels and the
NetworkPolicy enforcer on every node: the VPC CNI's agent, or Calico
(calico-system/calico-node) with the agent off.

Read-only unless --probe-network-policy (needs --kubeconfig) is given: it
then proves a NetworkPolicy is enforced with live traffic. In a namespace
of its own (dominoeks-netprobe-<random>) it starts a busybox httpd server
pod behind a Service, lets a client pod reach it, applies a deny-all
ingress policy to the server, expects a client to be refused, and deletes
everything it created, also after a failed step, --timeout or Ctrl-C.
PASS: reached before, refused after; FAIL: still reached (the CNI does not
enforce NetworkPolicy). The nodes must be able to pull the image
(` + checker.DefaultProbeImage + `; --probe-image names a
mirror). Without the flag its check is WARN "skipped".

AWS credentials come from the standard chain (environment, shared config,
SSO, instance roles); AWS_ENDPOINT_URL points the clients at an emulator.

Every AWS call is bounded by --call-timeout and the whole run by --timeout:
an endpoint that accepts connections but never answers ends the run with
exit status 2, naming the call that timed out.

Exit status: 0 when no check failed, 1 when a check failed, 2 on usage,
configuration or AWS access errors (timeouts included).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.cluster, "cluster", "", "EKS cluster name (required)")
	fl.StringVar(&f.region, "region", "", "AWS region (default: AWS_REGION or the shared config)")
	fl.StringSliceVar(&f.buckets, "buckets", nil, "Domino S3 buckets: blobs,logs,backups (default: buckets named <cluster>-*)")
	fl.StringVar(&f.kmsKey, "kms-key", "", "customer KMS key: ARN, id or alias (default: alias/<cluster>)")
	fl.StringVar(&f.efs, "efs", "", "EFS file system id (default: the one file system with a mount target in the cluster VPC)")
	fl.StringVar(&f.kubeconfig, "kubeconfig", "", "kubeconfig for the cluster; without it the Kubernetes checks are skipped")
	fl.BoolVar(&f.json, "json", false, "print one JSON document instead of a table")
	fl.BoolVar(&f.probe, "probe-network-policy", false, "prove a deny-all NetworkPolicy blocks traffic with live pods in a namespace of their own, deleted afterwards (needs --kubeconfig)")
	fl.StringVar(&f.probeImage, "probe-image", "", "image with busybox httpd and wget for --probe-network-policy (default "+checker.DefaultProbeImage+")")
	f.deadlines.register(cmd)
	return cmd
}

func runCheck(cmd *cobra.Command, f checkFlags) error {
	if f.cluster == "" {
		return &exitError{code: 2, err: errors.New("--cluster is required")}
	}
	if err := f.deadlines.validate(); err != nil {
		return &exitError{code: 2, err: err}
	}
	if err := f.validateProbe(); err != nil {
		return &exitError{code: 2, err: err}
	}
	if f.kubeconfig != "" {
		// Refused here, before any AWS call, by the CLI's one bounded reader:
		// client-go would read /dev/zero without end or wait on a FIFO.
		if _, err := cliread.Kubeconfig.Read(f.kubeconfig); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, f.deadlines.total)
	defer cancel()

	opts := checker.Options{
		Cluster:    f.cluster,
		Region:     f.region,
		Buckets:    f.buckets,
		EFS:        f.efs,
		KMSKey:     f.kmsKey,
		Kubeconfig: f.kubeconfig,

		ProbeNetworkPolicy: f.probe,
		ProbeImage:         f.probeImage,
	}
	sp := newCheckSpinner(cmd.ErrOrStderr())
	if sp != nil {
		opts.Progress = sp.set
		sp.set("loading AWS configuration")
	}
	report, err := runChecks(ctx, opts, f.deadlines.call)
	if sp != nil {
		sp.stop() // clear the progress line before printing
	}
	if err != nil {
		return &exitError{code: 2, err: withProbeCleanup(f.deadlines.explainAccessError(ctx, err), err)}
	}

	return writeReport(cmd, report, f.json, "check")
}

// withProbeCleanup keeps what the network policy probe's clean-up did in
// the message of a run that ended during the probe (explained may have
// replaced the probe's error by the timeout's).
func withProbeCleanup(explained, err error) error {
	var pie *checker.ProbeInterruptedError
	if !errors.As(err, &pie) || strings.Contains(explained.Error(), pie.Cleanup) {
		return explained
	}
	return fmt.Errorf("%w; network policy probe: %s", explained, pie.Cleanup)
}

// validateProbe refuses probe flags that cannot take effect: the probe
// runs pods through the Kubernetes API, and --probe-image only sets its
// image.
func (f checkFlags) validateProbe() error {
	switch {
	case f.probe && f.kubeconfig == "":
		return errors.New("--probe-network-policy needs --kubeconfig: the probe runs pods in the cluster through its API (e.g. --kubeconfig ~/.kube/config after aws eks update-kubeconfig, or through dominoeks tunnel)")
	case f.probeImage != "" && !f.probe:
		return errors.New("--probe-image is only used by --probe-network-policy: add that flag or drop --probe-image")
	}
	return nil
}

// checkSpinner draws a progress line on a terminal until stopped.
type checkSpinner struct {
	w    io.Writer
	mu   sync.Mutex
	step string
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// newCheckSpinner starts a spinner on w when w is a terminal, else returns nil.
func newCheckSpinner(w io.Writer) *checkSpinner {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	s := &checkSpinner{w: w, done: make(chan struct{})}
	s.wg.Add(1)
	go s.loop()
	return s
}

func (s *checkSpinner) loop() {
	defer s.wg.Done()
	frames := []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		s.mu.Lock()
		step := s.step
		s.mu.Unlock()
		fmt.Fprintf(s.w, "\r\033[K%c checking: %s", frames[i%len(frames)], step)
		select {
		case <-s.done:
			fmt.Fprint(s.w, "\r\033[K")
			return
		case <-t.C:
		}
	}
}

// set changes the step shown by the spinner.
func (s *checkSpinner) set(step string) {
	s.mu.Lock()
	s.step = step
	s.mu.Unlock()
}

// stop clears the spinner line; it is safe to call more than once.
func (s *checkSpinner) stop() {
	s.once.Do(func() {
		close(s.done)
		s.wg.Wait()
	})
}

// writeReport prints a check or pre-flight report (table or --json) and maps
// it to the exit status: 1 when a check failed, 2 when the report cannot be
// written.
func writeReport(cmd *cobra.Command, report *checker.Report, asJSON bool, what string) error {
	out := cmd.OutOrStdout()
	var err error
	if asJSON {
		err = checker.WriteJSON(out, report)
	} else {
		err = checker.WriteTable(out, report)
	}
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if s := report.Summary(); s.Fail > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%s: %d of %d checks failed", what, s.Fail, len(report.Results))}
	}
	return nil
}
