package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// planCapability is a capability of a workload in plan --json.
func planCapability(t *testing.T, doc map[string]any, workload, capability string) map[string]any {
	t.Helper()
	for _, w := range doc["workloads"].([]any) {
		wm := w.(map[string]any)
		if wm["id"] != workload {
			continue
		}
		caps, _ := wm["capabilities"].([]any)
		for _, c := range caps {
			if cm := c.(map[string]any); cm["id"] == capability {
				return cm
			}
		}
	}
	require.FailNow(t, "capability not in the plan", "%s/%s", workload, capability)
	return nil
}

// planVPCCNIConfig is the vpc-cni add-on's configurationValues in plan --json.
func planVPCCNIConfig(t *testing.T, doc map[string]any) string {
	t.Helper()
	for _, r := range doc["resources"].([]any) {
		rm := r.(map[string]any)
		if rm["type"] != "aws:eks/addon:Addon" {
			continue
		}
		if in := rm["inputs"].(map[string]any); in["addonName"] == "vpc-cni" {
			return in["configurationValues"].(string)
		}
	}
	require.FailNow(t, "no vpc-cni add-on in the plan")
	return ""
}

// TestPlanCalico: `plan --json --set networkPolicyProvider=calico` exits 0
// with the tigera-operator (a Helm release when the API is reachable, a
// kubernetesSetup step otherwise), the VPC CNI's agent off, and the
// NetworkPolicy capability satisfied by Calico.
func TestPlanCalico(t *testing.T) {
	public := []string{"--set", "endpointPublicAccess=true", "--set", `publicAccessCidrs=["203.0.113.0/24"]`}
	tests := []struct {
		name    string
		args    []string
		release bool
	}{
		{"private endpoint", nil, false},
		{"reachable API", public, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := planJSON(t, append([]string{"--set", "networkPolicyProvider=calico"}, tt.args...)...)
			releases := 0
			for _, r := range doc["resources"].([]any) {
				rm := r.(map[string]any)
				if rm["type"] == "kubernetes:helm.sh/v3:Release" {
					releases++
					assert.Equal(t, "tigera-operator", rm["inputs"].(map[string]any)["chart"])
				}
				if !tt.release {
					assert.NotRegexp(t, `^kubernetes:(helm|apiextensions|storage)`, rm["type"], "nothing Kubernetes-side with a private API")
				}
			}
			setup, _ := doc["outputs"].(map[string]any)["kubernetesSetup"].(string)
			if tt.release {
				assert.Equal(t, 1, releases)
				assert.Empty(t, setup)
			} else {
				assert.Zero(t, releases)
				assert.Contains(t, setup, "helm upgrade --install calico-tigera-operator tigera-operator")
			}
			assert.Equal(t, `{"enableNetworkPolicy":"false","env":{"ANNOTATE_POD_IP":"true"}}`, planVPCCNIConfig(t, doc))
			c := planCapability(t, doc, "vpc-cni", "network-policy-enforced")
			assert.Equal(t, "satisfied", c["status"])
			assert.Contains(t, c["evidence"], "Calico enforces NetworkPolicies")
		})
	}
}

// TestPlanDefaultKeepsTheAgent: without the setting, the VPC CNI's agent
// enforces and no Calico is planned.
func TestPlanDefaultKeepsTheAgent(t *testing.T) {
	doc := planJSON(t)
	assert.Equal(t, `{"enableNetworkPolicy":"true"}`, planVPCCNIConfig(t, doc))
	c := planCapability(t, doc, "vpc-cni", "network-policy-enforced")
	assert.Equal(t, "satisfied", c["status"])
	assert.True(t, strings.HasPrefix(c["evidence"].(string), "vpc-cni add-on"), c["evidence"])
}
