package workloads

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
)

func TestNetworkPolicyEngine(t *testing.T) {
	agentOn := Addon{Name: "vpc-cni", Version: "v1.21.1-eksbuild.8", Configuration: `{"enableNetworkPolicy":"true"}`, URN: "urn:cni"}
	agentOff := Addon{Name: "vpc-cni", Version: "v1.21.1-eksbuild.8", Configuration: `{"enableNetworkPolicy":"false","env":{"ANNOTATE_POD_IP":"true"}}`, URN: "urn:cni"}
	oldOff := Addon{Name: "vpc-cni", Version: "v1.13.4-eksbuild.1", Configuration: `{"enableNetworkPolicy":"false"}`, URN: "urn:cni"}
	enforcing := &Calico{Evidence: "calico-system/calico-node: 6 of 6 pod(s) ready", Enforcing: true}
	notReady := &Calico{Evidence: "calico-system/calico-node: 4 of 6 pod(s) ready"}
	tests := []struct {
		name   string
		cni    *Addon
		calico *Calico
		want   Status
	}{
		{"agent on", &agentOn, nil, Satisfied},
		{"agent off, no Calico", &agentOff, nil, Gap},
		{"no vpc-cni add-on, no Calico", nil, nil, Gap},
		{"Calico, agent off", &agentOff, enforcing, Satisfied},
		{"Calico with a vpc-cni older than the agent", &oldOff, enforcing, Satisfied},
		{"Calico and the agent: double enforcement", &agentOn, enforcing, Gap},
		{"Calico not on every node", &agentOff, notReady, Gap},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Deployment{Addons: map[string]Addon{}, Calico: tt.calico}
			if tt.cni != nil {
				d.Addons["vpc-cni"] = *tt.cni
			}
			got := networkPolicy(d)
			assert.Equal(t, tt.want, got.Status, got.Evidence)
			assert.Equal(t, CapNetworkPolicy, got.ID)
		})
	}
}

func TestPlanCalico(t *testing.T) {
	release := preview.Resource{URN: "urn:release", Type: tHelmRelease,
		Inputs: map[string]any{"chart": "tigera-operator", "name": "calico-tigera-operator", "version": "v3.31.4"}}
	other := preview.Resource{URN: "urn:other", Type: tHelmRelease, Inputs: map[string]any{"chart": "karpenter"}}
	setup := kubesetup.Script([]string{kubesetup.HelmStep(kubesetup.Chart{Release: "calico-tigera-operator", Namespace: "tigera-operator",
		Chart: "tigera-operator", Repo: "https://docs.tigera.io/calico/charts", Version: "v3.31.4"}, []byte("{}\n"))})
	tests := []struct {
		name     string
		releases []preview.Resource
		outputs  map[string]any
		want     bool
		urn      string
	}{
		{"release through the API", []preview.Resource{other, release}, nil, true, "urn:release"},
		{"kubernetesSetup step", nil, map[string]any{"kubernetesSetup": setup}, true, ""},
		{"another chart only", []preview.Resource{other}, map[string]any{"kubernetesSetup": kubesetup.Script([]string{kubesetup.HelmStep(kubesetup.Chart{Release: "karpenter", Chart: "oci://x"}, []byte("{}\n"))})}, false, ""},
		{"nothing", nil, map[string]any{}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planCalico(tt.releases, tt.outputs)
			if !tt.want {
				assert.Nil(t, got)
				return
			}
			if assert.NotNil(t, got) {
				assert.True(t, got.Enforcing)
				assert.Equal(t, tt.urn, got.URN)
				assert.Contains(t, got.Evidence, "tigera-operator")
			}
		})
	}
}
