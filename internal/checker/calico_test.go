package checker

import (
	"context"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
)

// awsNodeAgentFlag is aws-node with its network policy agent started with
// --enable-network-policy=<on>.
func awsNodeAgentFlag(on bool, ready, desired int32) *appsv1.DaemonSet {
	ds := awsNodeDS(true, ready, desired)
	flag := agentFlagOff
	if on {
		flag = agentFlagOn
	}
	ds.Spec.Template.Spec.Containers[1].Args = []string{"--enable-ipv6=false", flag}
	return ds
}

// calicoNodeDS is the operator's calico-node, ready pods of desired.
func calicoNodeDS(ready, desired int32) *appsv1.DaemonSet {
	return &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "calico-node", Namespace: "calico-system"},
		Status:     appsv1.DaemonSetStatus{DesiredNumberScheduled: desired, NumberReady: ready},
	}
}

func TestNetworkPolicyEnforcerWithCalico(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		objs     []runtime.Object
		want     Status
		evidence string
	}{
		{"calico-node ready, agent off", []runtime.Object{awsNodeAgentFlag(false, 6, 6), calicoNodeDS(6, 6)}, StatusPass,
			"calico-system/calico-node: 6 of 6 pod(s) ready; the VPC CNI's agent does not enforce"},
		{"calico-node ready, no aws-node", []runtime.Object{calicoNodeDS(3, 3)}, StatusPass, "3 of 3 pod(s) ready"},
		{"calico-node not ready everywhere", []runtime.Object{awsNodeAgentFlag(false, 6, 6), calicoNodeDS(4, 6)}, StatusFail, "4 of 6 pod(s) ready"},
		{"calico-node on no node", []runtime.Object{awsNodeAgentFlag(false, 0, 0), calicoNodeDS(0, 0)}, StatusFail, "0 of 0 pod(s) ready"},
		{"calico and the agent both enforce", []runtime.Object{awsNodeAgentFlag(true, 6, 6), calicoNodeDS(6, 6)}, StatusFail, "two engines enforce"},
		{"agent off and no calico", []runtime.Object{awsNodeAgentFlag(false, 6, 6)}, StatusFail, "--enable-network-policy=false and no Calico"},
		{"agent on and no calico", []runtime.Object{awsNodeAgentFlag(true, 6, 6)}, StatusPass, "6 of 6 pod(s) ready"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := checkNetworkPolicyAgent(ctx, fake.NewClientset(tc.objs...))
			require.NoError(t, err)
			assert.Equal(t, CheckNetworkPolicyAgent, res.ID)
			assert.Equal(t, tc.want, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tc.evidence)
			if tc.want != StatusPass {
				assert.NotEmpty(t, res.Fix)
			}
		})
	}
}

func TestLiveCalico(t *testing.T) {
	ctx := context.Background()
	agentOff := map[string]workloads.Addon{"vpc-cni": {Name: "vpc-cni", Configuration: `{"enableNetworkPolicy":"false"}`}}
	agentOn := map[string]workloads.Addon{"vpc-cni": {Name: "vpc-cni", Configuration: `{"enableNetworkPolicy":"true"}`}}
	tests := []struct {
		name       string
		kube       []runtime.Object // nil: no --kubeconfig
		addons     map[string]workloads.Addon
		addonsUnk  string
		wantCalico *bool
		unread     bool
	}{
		{"calico-node ready", []runtime.Object{calicoNodeDS(6, 6)}, agentOff, "", ptr(true), false},
		{"calico-node not ready", []runtime.Object{calicoNodeDS(5, 6)}, agentOff, "", ptr(false), false},
		{"no calico-node", []runtime.Object{}, agentOff, "", nil, false},
		{"no kubeconfig, agent off", nil, agentOff, "", nil, true},
		{"no kubeconfig, agent on", nil, agentOn, "", nil, false},
		{"no kubeconfig, add-ons unread", nil, nil, "AccessDeniedException", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{c: Clients{}}
			if tc.kube != nil {
				r.c.Kube = fake.NewClientset(tc.kube...)
			}
			d := &workloads.Deployment{Addons: tc.addons}
			unk := unknowns{addons: tc.addonsUnk}
			require.NoError(t, r.liveCalico(ctx, d, &unk))
			if tc.wantCalico == nil {
				assert.Nil(t, d.Calico)
			} else if assert.NotNil(t, d.Calico) {
				assert.Equal(t, *tc.wantCalico, d.Calico.Enforcing, d.Calico.Evidence)
			}
			assert.Equal(t, tc.unread, unk.calico != "", unk.calico)
		})
	}
}

// TestLiveResultCalicoUnread: without --kubeconfig, a gap concluded from the
// agent being off is reported unknown, naming what could not be read.
func TestLiveResultCalicoUnread(t *testing.T) {
	byID := map[string]workloads.Workload{}
	for _, w := range workloads.Table() {
		byID[w.ID] = w
	}
	d := &workloads.Deployment{Addons: map[string]workloads.Addon{"vpc-cni": {Name: "vpc-cni", Version: "v1.21.1-eksbuild.8", Configuration: `{"enableNetworkPolicy":"false"}`}}}
	var cni workloads.Result
	for _, res := range workloads.Evaluate(d) {
		if res.ID == "vpc-cni" {
			cni = res
		}
	}
	for _, tc := range []struct {
		name string
		unk  unknowns
		want workloads.Status
	}{
		{"calico unread", unknowns{calico: calicoUnread}, workloads.Unknown},
		{"calico read and absent", unknowns{}, workloads.Gap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := liveResult(byID["vpc-cni"], cni, tc.unk)
			for _, c := range got.Capabilities {
				if c.ID == workloads.CapNetworkPolicy {
					assert.Equal(t, tc.want, c.Status, c.Evidence)
					if tc.want == workloads.Unknown {
						assert.Contains(t, c.Evidence, "pass --kubeconfig")
					}
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
