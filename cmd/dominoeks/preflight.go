package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// runPreflightChecks loads the AWS configuration for the plan's region and
// runs the pre-flight. Tests replace it to stub the tool probes.
var runPreflightChecks = func(ctx context.Context, d preflight.Demand, opts preflight.Options, callTimeout time.Duration) (*checker.Report, error) {
	cfg, err := checker.LoadAWSConfig(ctx, d.Region)
	if err != nil {
		return nil, err
	}
	return preflight.Run(ctx, preflight.NewClients(checker.WithCallTimeout(cfg, callTimeout)), d, opts)
}

func newPreflightCmd() *cobra.Command {
	var o planOptions // the plan's inputs, plus --json
	var dl deadlines
	cmd := &cobra.Command{
		Use:   "preflight",
		Short: "Check an AWS account can take the planned deployment, before deploying",
		Long: `Preflight evaluates the plan exactly as "dominoeks plan" does (same --config,
--set and --region), then checks the live account read-only (Describe, List,
Get and Head calls only) for what would otherwise fail a deploy 15-30 minutes
in:

  - vCPU quotas per instance family at the pools' maximum sizes (minus the
    vCPUs already running), Elastic IPs (one per NAT gateway), VPCs per
    region, NAT gateways per zone, interface endpoints per VPC; EKS managed
    node groups per cluster and every node group's maxSize against nodes
    per managed node group;
  - zones available and opted in, every pool's instance types offered in
    each of its zones;
  - the Kubernetes version offered by EKS and the node AMI types valid for it;
  - S3 bucket names free (403: owned by another account), no existing EKS
    cluster or IAM role with the planned names;
  - aws CLI v2 >= 2.7 and kubectl >= 1.24 on PATH (pulumi-eks needs both);
  - with an access host planned: the Session Manager plugin on PATH (for
    "dominoeks tunnel"), NAT or the ssm, ssmmessages and ec2messages
    endpoints, and the host's instance type offered in its zone;
  - the caller identity, which becomes the cluster's creator-admin.

AWS credentials come from the standard chain; AWS_ENDPOINT_URL points the
clients at an emulator, as for "check".

Every AWS call is bounded by --call-timeout and the whole run by --timeout:
an endpoint that accepts connections but never answers ends the run with
exit status 2, naming the call that timed out.

Exit status: 0 when no check failed, 1 when a check failed, 2 on usage,
configuration or AWS access errors, timeouts included (no report is printed
then).`,
		Example: `  dominoeks preflight
  dominoeks preflight --config Pulumi.prod.yaml --json
  dominoeks preflight --set defaultPool='{"maxSize":30}' --region us-east-1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPreflight(cmd, o, dl)
		},
	}
	f := cmd.Flags()
	f.Var(newOnceString(&o.configFile), "config", "stack config `FILE` (Pulumi.<stack>.yaml) to check; once (use --set for overrides)")
	f.StringArrayVar(&o.sets, "set", nil, "override a setting: key=value (key with or without dominoeks:, JSON for lists and objects); repeatable")
	f.StringVar(&o.region, "region", "", "AWS region (overrides dominoeks:region and aws:region)")
	f.BoolVar(&o.json, "json", false, "print one JSON document instead of a table")
	dl.register(cmd)
	return cmd
}

// runPreflight plans offline, checks the account and prints the report.
func runPreflight(cmd *cobra.Command, o planOptions, dl deadlines) error {
	if err := dl.validate(); err != nil {
		return &exitError{code: 2, err: err}
	}
	inputs, err := o.planInputs()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	// Zone names map to zone IDs per account: the live check decides which
	// zones EKS refuses, not the offline table's reference account.
	inputs.ZoneIDsUnknown = true
	p, err := plan.Build(inputs)
	if err != nil {
		var ce *plan.ConfigError
		if errors.As(err, &ce) {
			return &exitError{code: 2, err: ce}
		}
		return &exitError{code: 2, err: fmt.Errorf("plan: %w", err)}
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, dl.total)
	defer cancel()

	var opts preflight.Options
	sp := newCheckSpinner(cmd.ErrOrStderr())
	if sp != nil {
		opts.Progress = sp.set
		sp.set("loading AWS configuration")
	}
	report, err := runPreflightChecks(ctx, preflight.FromPlan(p), opts, dl.call)
	if sp != nil {
		sp.stop()
	}
	if err != nil {
		return &exitError{code: 2, err: dl.explainAccessError(ctx, err)}
	}
	return writeReport(cmd, report, o.json, "preflight")
}
