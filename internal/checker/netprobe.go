package checker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	utilrand "k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/client-go/kubernetes"
)

// The network policy probe (--probe-network-policy) proves, with live
// traffic, that a NetworkPolicy is enforced: in a namespace of its own it
// starts an HTTP server pod behind a Service, lets a client pod connect,
// applies a deny-all ingress policy to the server, lets a client connect
// again and expects it to be refused, then deletes everything it created —
// also when a step fails, the run times out or is interrupted.
//
// It is the only part of `check` that writes to the cluster, and only with
// Options.ProbeNetworkPolicy.

// DefaultProbeImage runs the probe's server (busybox httpd) and clients
// (busybox wget); the nodes must be able to pull it (Options.ProbeImage
// names a mirror).
const DefaultProbeImage = "public.ecr.aws/docker/library/busybox:1.37"

// Names and labels of the objects the probe creates.
const (
	probeNamespacePrefix = "dominoeks-netprobe-"
	probeServerName      = "server"
	probePolicyName      = "deny-all-ingress"
	probePort            = 8080
	labelManagedBy       = "app.kubernetes.io/managed-by"
	labelAppName         = "app.kubernetes.io/name"
	probeManager         = "dominoeks"
	probeServerApp       = "netprobe-server"
	probeClientApp       = "netprobe-client"
)

const (
	networkPolicyProbeTitle = "A deny-all NetworkPolicy blocks pod traffic (live probe)"
	probeEnforceFix         = `turn on NetworkPolicy enforcement: set the vpc-cni add-on's configuration to {"enableNetworkPolicy":"true"} (VPC CNI >= v1.14) or install Calico; Domino relies on its network policies to isolate executions`
)

// PodRef names a pod.
type PodRef struct {
	Namespace, Name string
}

func (p PodRef) String() string { return p.Namespace + "/" + p.Name }

// Connector is the probe's seam for one connection attempt: it runs a new
// client pod from and reports whether it reached addr (host:port), with what
// was observed. An error means the attempt could not be made (the pod did
// not start, an API call failed), not that the connection was refused.
type Connector interface {
	Reach(ctx context.Context, from PodRef, addr string) (reached bool, evidence string, err error)
}

// ProbeInterruptedError ends a run whose context ended (interrupt,
// --timeout) during the network policy probe; Cleanup says what the
// probe's clean-up, which still ran, did.
type ProbeInterruptedError struct {
	Cleanup string
	Err     error
}

func (e *ProbeInterruptedError) Error() string {
	return fmt.Sprintf("network policy probe: %v (%s)", e.Err, e.Cleanup)
}

func (e *ProbeInterruptedError) Unwrap() error { return e.Err }

// probeTimings bound each phase of the probe.
type probeTimings struct {
	// call bounds one Kubernetes API call.
	call time.Duration
	// serverReady bounds the wait for the server pod (image pull included).
	serverReady time.Duration
	// baseline is how long clients keep trying to reach the server before
	// any policy exists.
	baseline time.Duration
	// settle is how long clients keep trying after the policy is applied:
	// the policy agent needs a few seconds to program it.
	settle time.Duration
	// interval is the pause between polls and attempts.
	interval time.Duration
	// cleanup bounds the deletion of everything created, on a fresh
	// context (the run's may be cancelled).
	cleanup time.Duration
}

var defaultProbeTimings = probeTimings{
	call:        20 * time.Second,
	serverReady: 2 * time.Minute,
	baseline:    45 * time.Second,
	settle:      45 * time.Second,
	interval:    2 * time.Second,
	cleanup:     time.Minute,
}

// netProbe is one run of the probe.
type netProbe struct {
	kube  kubernetes.Interface
	conn  Connector
	image string
	t     probeTimings
	// ns is the probe's namespace, e.g. dominoeks-netprobe-x7k2q.
	ns string
	// created lists what to delete, in creation order.
	created []probeObject
	// attempts numbers the client pods.
	attempts int
}

// probeObject is one object the probe created.
type probeObject struct {
	kind, name string
	delete     func(ctx context.Context) error
}

// probeOutcome is what the probe concluded, before clean-up.
type probeOutcome struct {
	status   Status
	evidence string
	fix      string
}

func (r *runner) checkNetworkPolicyProbe(ctx context.Context, _ *state) ([]Result, error) {
	switch {
	case r.c.Kube == nil:
		return []Result{warn(CheckNetworkPolicyProbe, networkPolicyProbeTitle, "skipped: no --kubeconfig given",
			"pass --kubeconfig and --probe-network-policy to prove a NetworkPolicy blocks traffic")}, nil
	case !r.opts.ProbeNetworkPolicy:
		return []Result{warn(CheckNetworkPolicyProbe, networkPolicyProbeTitle, "skipped: pass --probe-network-policy",
			"pass --probe-network-policy to prove with live pods that a NetworkPolicy blocks traffic (it creates and deletes a namespace)")}, nil
	}
	image := r.opts.ProbeImage
	if image == "" {
		image = DefaultProbeImage
	}
	conn := r.c.NetProbe
	if conn == nil {
		conn = &podConnector{kube: r.c.Kube, image: image, t: defaultProbeTimings}
	}
	p := &netProbe{kube: r.c.Kube, conn: conn, image: image, t: defaultProbeTimings}
	res, err := p.run(ctx)
	if err != nil {
		return nil, err
	}
	return []Result{res}, nil
}

// run creates the probe's objects, concludes and deletes them. It returns an
// error only when ctx ends (interrupt or --timeout); everything else is a
// result. Clean-up runs in every case.
func (p *netProbe) run(ctx context.Context) (res Result, err error) {
	p.ns = probeNamespacePrefix + utilrand.String(5)
	defer func() {
		cleaned := p.cleanup(ctx)
		if err != nil {
			err = &ProbeInterruptedError{Cleanup: cleaned, Err: err}
			return
		}
		res.Evidence += "; " + cleaned
		if !strings.HasPrefix(cleaned, "cleaned up") && res.Status == StatusPass {
			res.Status = StatusWarn
			res.Fix = "delete the probe's leftovers: kubectl delete namespace " + p.ns
		}
	}()
	out, err := p.conclude(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, err
		}
		out = probeOutcome{status: StatusWarn, evidence: "could not complete the probe: " + err.Error(),
			fix: "the probe needs RBAC to create namespaces, pods, services and network policies, and nodes that can pull " + p.image + " (--probe-image names a mirror)"}
	}
	return Result{ID: CheckNetworkPolicyProbe, Status: out.status, Title: networkPolicyProbeTitle, Evidence: out.evidence, Fix: out.fix}, nil
}

// conclude runs the probe's steps. An error is an API failure or the end
// of ctx.
func (p *netProbe) conclude(ctx context.Context) (probeOutcome, error) {
	if err := p.setUp(ctx); err != nil {
		return probeOutcome{}, err
	}
	why, err := p.waitServerReady(ctx)
	if err != nil {
		return probeOutcome{}, err
	}
	if why != "" {
		return probeOutcome{status: StatusWarn,
			evidence: fmt.Sprintf("could not conclude: server pod %s/%s not ready after %s: %s", p.ns, probeServerName, p.t.serverReady, why),
			fix:      "nodes must be able to pull " + p.image + " (pass --probe-image with a mirror, e.g. the ECR pull-through cache) and have room for a small pod"}, nil
	}
	addr, err := p.serverAddr(ctx)
	if err != nil {
		return probeOutcome{}, err
	}
	before, ok, err := p.attempt(ctx, addr, true, p.t.baseline)
	if err != nil {
		return probeOutcome{}, err
	}
	if !ok {
		return probeOutcome{status: StatusWarn,
			evidence: fmt.Sprintf("could not conclude: no client reached the server at %s within %s before any policy: %s", addr, p.t.baseline, before),
			fix:      "pods must reach a Service in a new namespace with no policy: look for cluster-wide policies and at the CNI's pods (kubectl -n kube-system get pods -l k8s-app=aws-node)"}, nil
	}
	if err := p.applyDenyPolicy(ctx); err != nil {
		return probeOutcome{}, err
	}
	after, blocked, err := p.attempt(ctx, addr, false, p.t.settle)
	if err != nil {
		return probeOutcome{}, err
	}
	ev := fmt.Sprintf("before NetworkPolicy %s: %s; after: %s", probePolicyName, before, after)
	if !blocked {
		return probeOutcome{status: StatusFail,
			evidence: fmt.Sprintf("traffic still flows %s after a deny-all ingress policy: the CNI does not enforce NetworkPolicy (%s)", p.t.settle, ev),
			fix:      probeEnforceFix}, nil
	}
	return probeOutcome{status: StatusPass, evidence: ev}, nil
}

// call runs fn with a deadline of its own.
func (p *netProbe) call(ctx context.Context, fn func(context.Context) error) error {
	cctx, cancel := context.WithTimeout(ctx, p.t.call)
	defer cancel()
	return fn(cctx)
}

// setUp creates the namespace, the server pod and its Service.
func (p *netProbe) setUp(ctx context.Context) error {
	nsAPI := p.kube.CoreV1().Namespaces()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: p.ns, Labels: map[string]string{labelManagedBy: probeManager}}}
	if err := p.create(ctx, "namespace", p.ns, func(c context.Context) error {
		_, err := nsAPI.Create(c, ns, metav1.CreateOptions{})
		return err
	}, func(c context.Context) error { return nsAPI.Delete(c, p.ns, metav1.DeleteOptions{}) }); err != nil {
		return err
	}
	pods := p.kube.CoreV1().Pods(p.ns)
	if err := p.create(ctx, "pod", probeServerName, func(c context.Context) error {
		_, err := pods.Create(c, serverPod(p.image), metav1.CreateOptions{})
		return err
	}, func(c context.Context) error { return pods.Delete(c, probeServerName, deleteNow()) }); err != nil {
		return err
	}
	svcs := p.kube.CoreV1().Services(p.ns)
	return p.create(ctx, "service", probeServerName, func(c context.Context) error {
		_, err := svcs.Create(c, serverService(), metav1.CreateOptions{})
		return err
	}, func(c context.Context) error { return svcs.Delete(c, probeServerName, metav1.DeleteOptions{}) })
}

// applyDenyPolicy creates the deny-all ingress policy for the server.
func (p *netProbe) applyDenyPolicy(ctx context.Context) error {
	api := p.kube.NetworkingV1().NetworkPolicies(p.ns)
	return p.create(ctx, "network policy", probePolicyName, func(c context.Context) error {
		_, err := api.Create(c, denyIngressPolicy(), metav1.CreateOptions{})
		return err
	}, func(c context.Context) error { return api.Delete(c, probePolicyName, metav1.DeleteOptions{}) })
}

// create makes one object and remembers how to delete it. A failed create
// is remembered too (the request may have been applied before its answer
// was lost), unless the object already existed: then it is not the
// probe's to delete.
func (p *netProbe) create(ctx context.Context, kind, name string, create, del func(context.Context) error) error {
	p.created = append(p.created, probeObject{kind: kind, name: name, delete: del})
	if err := p.call(ctx, create); err != nil {
		if apierrors.IsAlreadyExists(err) {
			p.created = p.created[:len(p.created)-1]
		}
		return fmt.Errorf("create %s %s/%s: %w", kind, p.ns, name, err)
	}
	return nil
}

// waitServerReady waits until the server pod is ready; why says what it
// was waiting on when it never became ready.
func (p *netProbe) waitServerReady(ctx context.Context) (why string, err error) {
	wctx, cancel := context.WithTimeout(ctx, p.t.serverReady)
	defer cancel()
	why = "never observed"
	for {
		var pod *corev1.Pod
		err := p.call(wctx, func(c context.Context) (err error) {
			pod, err = p.kube.CoreV1().Pods(p.ns).Get(c, probeServerName, metav1.GetOptions{})
			return err
		})
		switch {
		case err == nil && podReady(pod):
			return "", nil
		case err == nil:
			why = podState(pod)
		case wctx.Err() == nil:
			return "", fmt.Errorf("get pod %s/%s: %w", p.ns, probeServerName, err)
		}
		if err := sleep(wctx, p.t.interval); err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			return why, nil
		}
	}
}

// serverAddr is the Service's cluster IP and port (the DNS name when the
// API assigned no IP), so the probe does not depend on cluster DNS.
func (p *netProbe) serverAddr(ctx context.Context) (string, error) {
	var svc *corev1.Service
	if err := p.call(ctx, func(c context.Context) (err error) {
		svc, err = p.kube.CoreV1().Services(p.ns).Get(c, probeServerName, metav1.GetOptions{})
		return err
	}); err != nil {
		return "", fmt.Errorf("get service %s/%s: %w", p.ns, probeServerName, err)
	}
	host := svc.Spec.ClusterIP
	if host == "" || host == corev1.ClusterIPNone {
		host = fmt.Sprintf("%s.%s.svc", probeServerName, p.ns)
	}
	return fmt.Sprintf("%s:%d", host, probePort), nil
}

// attempt runs client pods until one's outcome is want (reached or not)
// or the window passes. It returns the evidence of the deciding (or last)
// attempt and whether the outcome was want.
func (p *netProbe) attempt(ctx context.Context, addr string, want bool, window time.Duration) (string, bool, error) {
	deadline := time.Now().Add(window)
	var evidence []string
	for {
		p.attempts++
		from := PodRef{Namespace: p.ns, Name: fmt.Sprintf("client-%d", p.attempts)}
		reached, ev, err := p.conn.Reach(ctx, from, addr)
		if err != nil {
			return "", false, fmt.Errorf("connect from %s to %s: %w", from, addr, err)
		}
		word := "blocked"
		if reached {
			word = "reached"
		}
		evidence = append(evidence, fmt.Sprintf("%s %s %s (%s)", from.Name, word, addr, ev))
		if reached == want {
			return evidence[len(evidence)-1], true, nil
		}
		if !time.Now().Before(deadline) {
			return fmt.Sprintf("%d attempt(s), last: %s", len(evidence), evidence[len(evidence)-1]), false, nil
		}
		if err := sleep(ctx, p.t.interval); err != nil {
			return "", false, err
		}
	}
}

// cleanup deletes everything created, newest first, on a fresh context
// bounded by the clean-up timeout: the run's context may be cancelled. It
// says what it did.
func (p *netProbe) cleanup(ctx context.Context) string {
	if len(p.created) == 0 {
		return "nothing to clean up"
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.t.cleanup)
	defer cancel()
	var problems []string
	if err := p.deleteClients(cctx); err != nil {
		problems = append(problems, err.Error())
	}
	for i := len(p.created) - 1; i >= 0; i-- {
		o := p.created[i]
		if err := p.call(cctx, o.delete); err != nil && !apierrors.IsNotFound(err) {
			problems = append(problems, fmt.Sprintf("delete %s %s: %v", o.kind, o.name, err))
		}
	}
	if len(problems) > 0 {
		return fmt.Sprintf("clean-up incomplete (%s); delete the rest with: kubectl delete namespace %s", strings.Join(problems, "; "), p.ns)
	}
	return "cleaned up: namespace " + p.ns + " and everything in it deleted"
}

// deleteClients deletes the client pods left in the namespace (the
// Connector deletes its own; an interrupted one may not have).
func (p *netProbe) deleteClients(ctx context.Context) error {
	pods := p.kube.CoreV1().Pods(p.ns)
	var list *corev1.PodList
	err := p.call(ctx, func(c context.Context) (err error) {
		list, err = pods.List(c, metav1.ListOptions{LabelSelector: labelAppName + "=" + probeClientApp})
		return err
	})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list client pods: %w", err)
	}
	var errs []error
	for _, pod := range list.Items {
		if err := p.call(ctx, func(c context.Context) error { return pods.Delete(c, pod.Name, deleteNow()) }); err != nil && !apierrors.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("delete pod %s: %w", pod.Name, err))
		}
	}
	return errors.Join(errs...)
}

// deleteNow deletes a pod without its grace period: the probe's pods hold
// nothing.
func deleteNow() metav1.DeleteOptions {
	return metav1.DeleteOptions{GracePeriodSeconds: probeRef[int64](0)}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// podReady reports whether the pod's Ready condition is true.
func podReady(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podState describes a pod that is not ready: its phase and why its
// container waits or ended (e.g. "Pending, ImagePullBackOff: …").
func podState(pod *corev1.Pod) string {
	s := string(pod.Status.Phase)
	if s == "" {
		s = "no status yet"
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse && c.Message != "" {
			s += ", unschedulable: " + c.Message
		}
	}
	for _, cs := range pod.Status.ContainerStatuses {
		switch {
		case cs.State.Waiting != nil:
			s += ", " + strings.TrimSuffix(cs.State.Waiting.Reason+": "+cs.State.Waiting.Message, ": ")
		case cs.State.Terminated != nil:
			s += fmt.Sprintf(", exited %d %s", cs.State.Terminated.ExitCode, cs.State.Terminated.Reason)
		}
	}
	return s
}

// restrictedContext satisfies the "restricted" Pod Security Standard, so
// the probe also runs where that is enforced.
func restrictedContext() *corev1.SecurityContext {
	return &corev1.SecurityContext{
		RunAsNonRoot:             probeRef(true),
		RunAsUser:                probeRef[int64](65534),
		AllowPrivilegeEscalation: probeRef(false),
		ReadOnlyRootFilesystem:   probeRef(true),
		Capabilities:             &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
		SeccompProfile:           &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault},
	}
}

// probePod is a small pod of the probe running command in image.
func probePod(name, app, image string, command []string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{labelManagedBy: probeManager, labelAppName: app}},
		Spec: corev1.PodSpec{
			RestartPolicy:                 corev1.RestartPolicyNever,
			AutomountServiceAccountToken:  probeRef(false),
			TerminationGracePeriodSeconds: probeRef[int64](0),
			Containers: []corev1.Container{{
				Name:            "probe",
				Image:           image,
				Command:         command,
				SecurityContext: restrictedContext(),
				Resources: corev1.ResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("10m"), corev1.ResourceMemory: resource.MustParse("16Mi")},
					Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("32Mi")},
				},
			}},
		},
	}
}

// serverPod serves one page on probePort with busybox httpd.
func serverPod(image string) *corev1.Pod {
	pod := probePod(probeServerName, probeServerApp, image, []string{"sh", "-c",
		fmt.Sprintf("mkdir -p /tmp/www && echo dominoeks-netprobe > /tmp/www/index.html && exec httpd -f -v -p %d -h /tmp/www", probePort)})
	c := &pod.Spec.Containers[0]
	c.Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: probePort}}
	c.ReadinessProbe = &corev1.Probe{
		ProbeHandler:  corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(probePort)}},
		PeriodSeconds: 1,
	}
	c.VolumeMounts = []corev1.VolumeMount{{Name: "www", MountPath: "/tmp"}}
	pod.Spec.Volumes = []corev1.Volume{{Name: "www", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
	return pod
}

func serverService() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: probeServerName, Labels: map[string]string{labelManagedBy: probeManager}},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{labelAppName: probeServerApp},
			Ports:    []corev1.ServicePort{{Name: "http", Port: probePort, TargetPort: intstr.FromInt32(probePort)}},
		},
	}
}

// denyIngressPolicy selects the server and allows no ingress.
func denyIngressPolicy() *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Name: probePolicyName, Labels: map[string]string{labelManagedBy: probeManager}},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{labelAppName: probeServerApp}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
		},
	}
}

// probeRef returns a pointer to v.
func probeRef[T any](v T) *T { return &v }
