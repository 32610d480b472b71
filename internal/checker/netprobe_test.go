package checker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	k8stesting "k8s.io/client-go/testing"
)

// fastProbeTimings keep the probe's windows short in tests.
var fastProbeTimings = probeTimings{
	call:        time.Second,
	serverReady: 300 * time.Millisecond,
	baseline:    60 * time.Millisecond,
	settle:      60 * time.Millisecond,
	interval:    5 * time.Millisecond,
	cleanup:     time.Second,
}

// readyServerPods makes the fake API report the probe's server pod ready as
// soon as it is created, as a kubelet would once the image is pulled.
func readyServerPods(kube *fake.Clientset) {
	kube.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		pod := a.(k8stesting.CreateAction).GetObject().(*corev1.Pod)
		if pod.Labels[labelAppName] == probeServerApp {
			pod.Status.Phase = corev1.PodRunning
			pod.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}
		}
		return false, nil, nil // the tracker stores the changed pod
	})
}

// modelConnector answers from the fake cluster's state: the client reaches
// the server unless a NetworkPolicy exists in its namespace and the CNI
// enforces it (after ignoredAttempts attempts under the policy: an agent
// that takes a moment to program it).
type modelConnector struct {
	kube            kubernetes.Interface
	enforcing       bool
	unreachable     bool // nothing reaches the server, policy or not
	ignoredAttempts int
	// failAt makes the attempt with that number (from 1) return an error;
	// cancelAt cancels the run's context during that attempt, after leaving
	// a client pod behind as an interrupted real attempt would.
	failAt, cancelAt int
	cancel           context.CancelFunc

	attempts int
	froms    []PodRef
	policyAt []bool // per attempt: did a policy exist
}

func (m *modelConnector) Reach(ctx context.Context, from PodRef, addr string) (bool, string, error) {
	m.attempts++
	m.froms = append(m.froms, from)
	pols, err := m.kube.NetworkingV1().NetworkPolicies(from.Namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return false, "", err
	}
	policy := len(pols.Items) > 0
	m.policyAt = append(m.policyAt, policy)
	switch m.attempts {
	case m.failAt:
		return false, "", errors.New("client pod did not start: ImagePullBackOff")
	case m.cancelAt:
		_, err := m.kube.CoreV1().Pods(from.Namespace).Create(ctx, probePod(from.Name, probeClientApp, "busybox", nil), metav1.CreateOptions{})
		if err != nil {
			return false, "", err
		}
		m.cancel()
		return false, "", ctx.Err()
	}
	if m.unreachable {
		return false, "wget exited 1: download timed out", nil
	}
	underPolicy := 0
	for _, p := range m.policyAt {
		if p {
			underPolicy++
		}
	}
	if policy && m.enforcing && underPolicy > m.ignoredAttempts {
		return false, "wget exited 1: download timed out", nil
	}
	return true, "wget exited 0: dominoeks-netprobe", nil
}

// requireProbeGone fails when anything the probe creates is left in the
// fake cluster; it also requires that the probe did create its namespace,
// so that it cannot pass on a probe that did nothing.
func requireProbeGone(t *testing.T, kube *fake.Clientset) {
	t.Helper()
	ctx := context.Background()
	var createdNS bool
	for _, a := range kube.Actions() {
		createdNS = createdNS || (a.GetVerb() == "create" && a.GetResource().Resource == "namespaces")
	}
	require.True(t, createdNS, "the probe created its namespace")
	managed := metav1.ListOptions{LabelSelector: labelManagedBy + "=" + probeManager}
	nss, err := kube.CoreV1().Namespaces().List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	for _, ns := range nss.Items {
		assert.False(t, strings.HasPrefix(ns.Name, probeNamespacePrefix), "namespace %s left behind", ns.Name)
	}
	pods, err := kube.CoreV1().Pods("").List(ctx, managed)
	require.NoError(t, err)
	assert.Empty(t, pods.Items, "pods left behind")
	svcs, err := kube.CoreV1().Services("").List(ctx, managed)
	require.NoError(t, err)
	assert.Empty(t, svcs.Items, "services left behind")
	pols, err := kube.NetworkingV1().NetworkPolicies("").List(ctx, managed)
	require.NoError(t, err)
	assert.Empty(t, pols.Items, "network policies left behind")
}

// deadlineKube refuses namespace calls whose context has ended or has no
// deadline: the fake clientset itself ignores contexts, so without this a
// clean-up on the run's cancelled context would go unnoticed.
type deadlineKube struct{ *fake.Clientset }

func (k deadlineKube) CoreV1() corev1client.CoreV1Interface {
	return deadlineCore{k.Clientset.CoreV1()}
}

type deadlineCore struct{ corev1client.CoreV1Interface }

func (c deadlineCore) Namespaces() corev1client.NamespaceInterface {
	return deadlineNamespaces{c.CoreV1Interface.Namespaces()}
}

type deadlineNamespaces struct {
	corev1client.NamespaceInterface
}

func checkDeadline(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		return errors.New("test: call without a deadline")
	}
	return ctx.Err()
}

func (n deadlineNamespaces) Create(ctx context.Context, ns *corev1.Namespace, o metav1.CreateOptions) (*corev1.Namespace, error) {
	if err := checkDeadline(ctx); err != nil {
		return nil, err
	}
	return n.NamespaceInterface.Create(ctx, ns, o)
}

func (n deadlineNamespaces) Delete(ctx context.Context, name string, o metav1.DeleteOptions) error {
	if err := checkDeadline(ctx); err != nil {
		return err
	}
	return n.NamespaceInterface.Delete(ctx, name, o)
}

func newTestProbe(kube *fake.Clientset, conn Connector) *netProbe {
	return &netProbe{kube: deadlineKube{kube}, conn: conn, image: DefaultProbeImage, t: fastProbeTimings}
}

func TestProbeOutcomes(t *testing.T) {
	policyCreateFails := func(kube *fake.Clientset) {
		kube.PrependReactor("create", "networkpolicies", func(k8stesting.Action) (bool, runtime.Object, error) {
			return true, nil, errors.New("networkpolicies is forbidden")
		})
	}
	tests := []struct {
		name     string
		conn     modelConnector
		notReady bool // the server pod never becomes ready
		react    func(*fake.Clientset)
		want     Status
		evidence []string
		fix      string
		attempts int // 0: not checked
		maxTries bool
	}{
		{name: "enforced: reached before, blocked after", conn: modelConnector{enforcing: true}, want: StatusPass, attempts: 2,
			evidence: []string{"before NetworkPolicy deny-all-ingress: client-1 reached server.", "after: client-2 blocked server.", "wget exited 1", "cleaned up: namespace dominoeks-netprobe-"}},
		{name: "enforced once the agent programs the policy", conn: modelConnector{enforcing: true, ignoredAttempts: 2}, want: StatusPass, attempts: 4,
			evidence: []string{"after: client-4 blocked"}},
		{name: "not enforced: traffic still flows", conn: modelConnector{enforcing: false}, want: StatusFail, maxTries: true,
			evidence: []string{"traffic still flows", "the CNI does not enforce NetworkPolicy", "attempt(s), last: client-"}, fix: `"enableNetworkPolicy":"true"`},
		{name: "baseline fails: cannot conclude", conn: modelConnector{enforcing: true, unreachable: true}, want: StatusWarn, maxTries: true,
			evidence: []string{"could not conclude: no client reached the server", "before any policy"}, fix: "cluster-wide policies"},
		{name: "server never ready", conn: modelConnector{enforcing: true}, notReady: true, want: StatusWarn, attempts: -1,
			evidence: []string{"could not conclude: server pod dominoeks-netprobe-", "not ready after 300ms: no status yet"}, fix: "--probe-image"},
		{name: "policy create fails midway", conn: modelConnector{enforcing: true}, react: policyCreateFails, want: StatusWarn, attempts: 1,
			evidence: []string{"could not complete the probe: create network policy", "networkpolicies is forbidden", "cleaned up"}, fix: "RBAC"},
		{name: "second probe fails midway", conn: modelConnector{enforcing: true, failAt: 2}, want: StatusWarn, attempts: 2,
			evidence: []string{"could not complete the probe: connect from dominoeks-netprobe-", "/client-2 to server.", "ImagePullBackOff", "cleaned up"}},
		{name: "service create fails midway", conn: modelConnector{enforcing: true}, want: StatusWarn, attempts: -1,
			react: func(kube *fake.Clientset) {
				kube.PrependReactor("create", "services", func(k8stesting.Action) (bool, runtime.Object, error) {
					return true, nil, errors.New("etcdserver: request timed out")
				})
			}, evidence: []string{"create service dominoeks-netprobe-", "/server: etcdserver: request timed out", "cleaned up"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kube := fake.NewClientset()
			if !tc.notReady {
				readyServerPods(kube)
			}
			if tc.react != nil {
				tc.react(kube)
			}
			conn := &tc.conn
			conn.kube = kube
			res, err := newTestProbe(kube, conn).run(context.Background())
			require.NoError(t, err)
			assert.Equal(t, CheckNetworkPolicyProbe, res.ID)
			assert.Equal(t, tc.want, res.Status, res.Evidence)
			for _, ev := range tc.evidence {
				assert.Contains(t, res.Evidence, ev)
			}
			if tc.want != StatusPass {
				assert.Contains(t, res.Fix, tc.fix)
				assert.NotEmpty(t, res.Fix)
			} else {
				assert.Empty(t, res.Fix)
			}
			switch {
			case tc.attempts == -1:
				assert.Zero(t, conn.attempts, "no connection attempted")
			case tc.attempts > 0:
				assert.Equal(t, tc.attempts, conn.attempts)
			}
			if tc.maxTries {
				assert.Greater(t, conn.attempts, 2, "the probe keeps trying for its window")
			}
			requireProbeGone(t, kube)
		})
	}
}

// TestProbeAttemptsSeeThePolicy: the baseline runs with no policy and the
// second probe with the deny policy in place, each from a client pod of
// its own in the probe's namespace.
func TestProbeAttemptsSeeThePolicy(t *testing.T) {
	kube := fake.NewClientset()
	readyServerPods(kube)
	conn := &modelConnector{kube: kube, enforcing: true}
	p := newTestProbe(kube, conn)
	res, err := p.run(context.Background())
	require.NoError(t, err)
	require.Equal(t, StatusPass, res.Status, res.Evidence)
	assert.Equal(t, []bool{false, true}, conn.policyAt)
	assert.Equal(t, []PodRef{{p.ns, "client-1"}, {p.ns, "client-2"}}, conn.froms)
	assert.Regexp(t, `^dominoeks-netprobe-[a-z0-9]{5}$`, p.ns)
	var created []string
	for _, a := range kube.Actions() {
		if c, ok := a.(k8stesting.CreateAction); ok {
			created = append(created, a.GetResource().Resource+"/"+c.GetObject().(metav1.Object).GetName())
		}
	}
	assert.Equal(t, []string{"namespaces/" + p.ns, "pods/server", "services/server", "networkpolicies/deny-all-ingress"}, created)
}

// TestProbeInterruptedCleansUp: an interrupt (the run's context cancelled)
// or the run's deadline during an attempt ends the run with the context's
// error, after deleting everything on a fresh context — the client pod the
// interrupted attempt left behind included.
func TestProbeInterruptedCleansUp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cancelAt int
		want     error
	}{
		{"interrupt during the baseline", 1, context.Canceled},
		{"interrupt under the policy", 2, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kube := fake.NewClientset()
			readyServerPods(kube)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			conn := &modelConnector{kube: kube, enforcing: true, cancelAt: tc.cancelAt, cancel: cancel}
			_, err := newTestProbe(kube, conn).run(ctx)
			require.ErrorIs(t, err, tc.want)
			var pie *ProbeInterruptedError
			require.ErrorAs(t, err, &pie)
			assert.Contains(t, pie.Cleanup, "cleaned up")
			assert.Contains(t, err.Error(), "cleaned up: namespace dominoeks-netprobe-")
			assert.Equal(t, tc.cancelAt, conn.attempts)
			requireProbeGone(t, kube)
		})
	}

	t.Run("deadline while waiting for the server", func(t *testing.T) {
		kube := fake.NewClientset() // the server never becomes ready
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		p := newTestProbe(kube, &modelConnector{kube: kube})
		p.t.serverReady = time.Minute
		_, err := p.run(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		requireProbeGone(t, kube)
	})
}

// TestProbeCleanupFailureIsReported: a namespace that cannot be deleted
// turns PASS into WARN naming the command that deletes it.
func TestProbeCleanupFailureIsReported(t *testing.T) {
	kube := fake.NewClientset()
	readyServerPods(kube)
	kube.PrependReactor("delete", "namespaces", func(k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, errors.New("namespaces is forbidden")
	})
	p := newTestProbe(kube, &modelConnector{kube: kube, enforcing: true})
	res, err := p.run(context.Background())
	require.NoError(t, err)
	assert.Equal(t, StatusWarn, res.Status, res.Evidence)
	assert.Contains(t, res.Evidence, "client-2 blocked")
	assert.Contains(t, res.Evidence, "clean-up incomplete (delete namespace "+p.ns+": namespaces is forbidden)")
	assert.Equal(t, "delete the probe's leftovers: kubectl delete namespace "+p.ns, res.Fix)
}

// TestProbeNeverDeletesWhatItDidNotCreate: a namespace of the probe's name
// that already exists (another probe's) is reported and left alone.
func TestProbeNeverDeletesWhatItDidNotCreate(t *testing.T) {
	kube := fake.NewClientset()
	kube.PrependReactor("create", "namespaces", func(a k8stesting.Action) (bool, runtime.Object, error) {
		ns := a.(k8stesting.CreateAction).GetObject().(*corev1.Namespace)
		return true, nil, apierrors.NewAlreadyExists(corev1.Resource("namespaces"), ns.Name)
	})
	p := newTestProbe(kube, &modelConnector{kube: kube, enforcing: true})
	res, err := p.run(context.Background())
	require.NoError(t, err)
	assert.Equal(t, StatusWarn, res.Status)
	assert.Contains(t, res.Evidence, "could not complete the probe: create namespace")
	assert.Contains(t, res.Evidence, "already exists")
	for _, a := range kube.Actions() {
		assert.NotEqual(t, "delete", a.GetVerb(), "deleted %s it did not create", a.GetResource().Resource)
	}
}

func TestProbeCheckSkips(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		kube     kubernetes.Interface
		probe    bool
		evidence string
	}{
		{"no kubeconfig", nil, true, "skipped: no --kubeconfig given"},
		{"flag off", fake.NewClientset(), false, "skipped: pass --probe-network-policy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{c: Clients{Kube: tc.kube}, opts: Options{Cluster: testCluster, ProbeNetworkPolicy: tc.probe}}
			results, err := r.checkNetworkPolicyProbe(ctx, &state{})
			require.NoError(t, err)
			require.Len(t, results, 1)
			assert.Equal(t, CheckNetworkPolicyProbe, results[0].ID)
			assert.Equal(t, StatusWarn, results[0].Status)
			assert.Equal(t, tc.evidence, results[0].Evidence)
			assert.Contains(t, results[0].Fix, "--probe-network-policy")
			if fk, ok := tc.kube.(*fake.Clientset); ok {
				assert.Empty(t, fk.Actions(), "read-only without the flag")
			}
		})
	}
}

// TestProbeCheckRuns: with the flag the check runs the probe with the
// image asked for and reports its result.
func TestProbeCheckRuns(t *testing.T) {
	kube := fake.NewClientset()
	readyServerPods(kube)
	r := &runner{c: Clients{Kube: kube, NetProbe: &modelConnector{kube: kube, enforcing: true}},
		opts: Options{Cluster: testCluster, ProbeNetworkPolicy: true, ProbeImage: "mirror.example/busybox:1"}}
	results, err := r.checkNetworkPolicyProbe(context.Background(), &state{})
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.Equal(t, StatusPass, results[0].Status, results[0].Evidence)
	var images []string
	for _, a := range kube.Actions() {
		if c, ok := a.(k8stesting.CreateAction); ok && a.GetResource().Resource == "pods" {
			images = append(images, c.GetObject().(*corev1.Pod).Spec.Containers[0].Image)
		}
	}
	assert.Equal(t, []string{"mirror.example/busybox:1"}, images)
	requireProbeGone(t, kube)
}

// clientPodsExit makes the fake API run each client pod to completion with
// the exit status code returns (stuck: the pod waits on its image).
func clientPodsExit(kube *fake.Clientset, code func(name string) (int32, bool)) {
	kube.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		pod := a.(k8stesting.CreateAction).GetObject().(*corev1.Pod)
		c, done := code(pod.Name)
		if !done {
			pod.Status.Phase = corev1.PodPending
			pod.Status.ContainerStatuses = []corev1.ContainerStatus{{State: corev1.ContainerState{
				Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff", Message: "Back-off pulling image"}}}}
			return false, nil, nil
		}
		pod.Status.Phase = corev1.PodSucceeded
		if c != 0 {
			pod.Status.Phase = corev1.PodFailed
		}
		pod.Status.ContainerStatuses = []corev1.ContainerStatus{{State: corev1.ContainerState{
			Terminated: &corev1.ContainerStateTerminated{ExitCode: c}}}}
		return false, nil, nil
	})
}

func TestPodConnector(t *testing.T) {
	ctx := context.Background()
	from := PodRef{Namespace: "dominoeks-netprobe-abcde", Name: "client-1"}
	tests := []struct {
		name     string
		code     int32
		done     bool
		reached  bool
		evidence string
		err      string
	}{
		{name: "connects", code: 0, done: true, reached: true, evidence: "wget http://10.100.0.7:8080/ exited 0: fake logs"},
		{name: "refused or timed out", code: 1, done: true, reached: false, evidence: "wget http://10.100.0.7:8080/ exited 1: fake logs"},
		{name: "pod never runs", done: false, err: "client pod dominoeks-netprobe-abcde/client-1 did not finish within 300ms: Pending, ImagePullBackOff: Back-off pulling image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kube := fake.NewClientset()
			clientPodsExit(kube, func(string) (int32, bool) { return tc.code, tc.done })
			c := &podConnector{kube: kube, image: "mirror.example/busybox:1", t: fastProbeTimings}
			reached, ev, err := c.Reach(ctx, from, "10.100.0.7:8080")
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.reached, reached)
				assert.Equal(t, tc.evidence, ev)
			}
			pods, err := kube.CoreV1().Pods(from.Namespace).List(ctx, metav1.ListOptions{})
			require.NoError(t, err)
			assert.Empty(t, pods.Items, "the client pod is deleted after its attempt")
			created := kube.Actions()[0].(k8stesting.CreateAction).GetObject().(*corev1.Pod)
			c0 := created.Spec.Containers[0]
			assert.Equal(t, "mirror.example/busybox:1", c0.Image)
			assert.Equal(t, []string{"wget", "-q", "-O", "-", "-T", "3", "http://10.100.0.7:8080/"}, c0.Command)
			assert.Equal(t, probeClientApp, created.Labels[labelAppName])
			assert.Equal(t, corev1.RestartPolicyNever, created.Spec.RestartPolicy)
			assert.True(t, *c0.SecurityContext.RunAsNonRoot)
		})
	}
}

// TestProbeObjects: the server answers on the Service's port, the policy
// selects exactly the server and allows no ingress.
func TestProbeObjects(t *testing.T) {
	srv := serverPod(DefaultProbeImage)
	svc := serverService()
	pol := denyIngressPolicy()
	assert.Equal(t, srv.Labels[labelAppName], svc.Spec.Selector[labelAppName])
	assert.Equal(t, pol.Spec.PodSelector.MatchLabels, svc.Spec.Selector)
	assert.Empty(t, pol.Spec.Ingress, "no rule: deny all")
	assert.Equal(t, "Ingress", string(pol.Spec.PolicyTypes[0]))
	assert.Contains(t, srv.Spec.Containers[0].Command[2], fmt.Sprintf("httpd -f -v -p %d", probePort))
	assert.Equal(t, int32(probePort), svc.Spec.Ports[0].TargetPort.IntVal)
	assert.Equal(t, int32(probePort), srv.Spec.Containers[0].ReadinessProbe.TCPSocket.Port.IntVal)
}
