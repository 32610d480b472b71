package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const helmReleaseType = "kubernetes:helm.sh/v3:Release"

// vpcCNIConfig is the planned vpc-cni add-on's configurationValues.
func vpcCNIConfig(t *testing.T, args domino.DominoEKSArgs) string {
	t.Helper()
	for _, a := range plan(t, args).Find("aws:eks/addon:Addon") {
		if a.Inputs["addonName"] == "vpc-cni" {
			return a.Inputs["configurationValues"].(string)
		}
	}
	require.FailNow(t, "no vpc-cni add-on")
	return ""
}

// TestVPCCNIAgentFollowsTheProvider: exactly one engine enforces
// NetworkPolicies, whatever else is set: the VPC CNI's agent is on with
// vpc-cni and off with calico (Tigera: the two conflict).
func TestVPCCNIAgentFollowsTheProvider(t *testing.T) {
	tests := []struct {
		name    string
		args    domino.DominoEKSArgs
		agentOn bool
	}{
		{"default", domino.DominoEKSArgs{}, true},
		{"vpc-cni", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyVPCCNI}, true},
		{"calico", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico}, false},
		{"calico with a public API", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico,
			EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}}, false},
		{"calico with a vpc-cni version override", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico,
			AddonVersions: map[string]string{awsfacts.AddonVPCCNI: "v1.13.4-eksbuild.1"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := vpcCNIConfig(t, tt.args)
			assert.Equal(t, tt.agentOn, workloads.NetworkPolicyEnabled(cfg), cfg)
			if !tt.agentOn {
				assert.Equal(t, domino.VPCCNICalicoConfiguration, cfg)
				assert.Contains(t, cfg, `"enableNetworkPolicy":"false"`)
			}
		})
	}
}

// TestCalicoThroughTheAPI: with the API reachable, the tigera-operator is a
// Helm release at the pinned version, with Domino's Installation values,
// after every platform node group.
func TestCalicoThroughTheAPI(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico,
		EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	rels := res.Find(helmReleaseType)
	require.Len(t, rels, 1)
	rel := rels[0]
	assert.Equal(t, awsfacts.CalicoRelease, rel.Inputs["name"])
	assert.Equal(t, awsfacts.CalicoNamespace, rel.Inputs["namespace"])
	assert.Equal(t, awsfacts.CalicoChart, rel.Inputs["chart"])
	assert.Equal(t, awsfacts.CalicoChartVersion, rel.Inputs["version"])
	assert.Equal(t, awsfacts.CalicoChartRepo, m(rel.Inputs, "repositoryOpts", "repo"))
	assert.Equal(t, "EKS", m(rel.Inputs, "values", "installation", "kubernetesProvider"))
	assert.Equal(t, "AmazonVPC", m(rel.Inputs, "values", "installation", "cni", "type"))
	assert.Equal(t, "platform", m(rel.Inputs, "values", "installation", "controlPlaneNodeSelector", domino.NodePoolLabel))
	assert.Equal(t, "platform", m(rel.Inputs, "values", "nodeSelector", domino.NodePoolLabel))
	assert.Nil(t, m(rel.Inputs, "values", "installation", "registry"), "with NAT, images come from quay.io")
	platform := 0
	for _, ng := range res.Find(nodeGroupType) {
		if m(ng.Inputs, "labels", domino.NodePoolLabel) == "platform" {
			platform++
			assert.Contains(t, rel.Dependencies, ng.URN, "the operator runs on the platform nodes")
		}
	}
	assert.Positive(t, platform)
	assert.Empty(t, res.Outputs["kubernetesSetup"])
}

// TestCalicoWithoutTheAPI: with the default private endpoint nothing
// Kubernetes-side is registered; kubernetesSetup installs the chart, and
// without NAT its images come through the quay.io pull-through cache.
func TestCalicoWithoutTheAPI(t *testing.T) {
	tests := []struct {
		name     string
		args     domino.DominoEKSArgs
		registry string
	}{
		{"NAT", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico}, ""},
		{"natMode none", domino.DominoEKSArgs{NetworkPolicyProvider: domino.NetworkPolicyCalico, NatMode: domino.NatNone,
			ImageRegistry: "registry.example.com/domino"}, "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino-quay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := plan(t, tt.args)
			for _, r := range res.Resources {
				if strings.HasPrefix(r.Type, "kubernetes:") {
					t.Errorf("%s registered with a private API", r.URN)
				}
			}
			setup, _ := res.Outputs["kubernetesSetup"].(string)
			want := "helm upgrade --install " + awsfacts.CalicoRelease + " " + awsfacts.CalicoChart + " --repo " + awsfacts.CalicoChartRepo +
				" --version " + awsfacts.CalicoChartVersion + " --namespace " + awsfacts.CalicoNamespace
			assert.Contains(t, setup, want)
			assert.Contains(t, setup, "kubernetesProvider: EKS")
			assert.Contains(t, setup, "type: AmazonVPC")
			if tt.registry == "" {
				assert.NotContains(t, setup, "registry:")
				return
			}
			assert.Contains(t, setup, "registry: "+tt.registry+"/\n", "installation.registry ends with /")
			assert.Contains(t, setup, "tigeraOperator:\n  registry: "+tt.registry+"\n")
		})
	}
}

// TestNoCalicoByDefault: the default provider installs nothing Kubernetes-side.
func TestNoCalicoByDefault(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	assert.Empty(t, res.Find(helmReleaseType))
	assert.NotContains(t, res.Outputs["kubernetesSetup"], awsfacts.CalicoChart)
}

// TestCalicoWarnsOnAnUntestedKubernetesVersion names Calico's tested range.
func TestCalicoWarnsOnAnUntestedKubernetesVersion(t *testing.T) {
	tests := []struct {
		provider, version string
		warns             bool
	}{
		{domino.NetworkPolicyCalico, "1.36", true},
		{domino.NetworkPolicyCalico, "1.35", false},
		{domino.NetworkPolicyVPCCNI, "1.36", false},
	}
	for _, tt := range tests {
		w := strings.Join(domino.DominoEKSArgs{NetworkPolicyProvider: tt.provider, KubernetesVersion: tt.version}.Warnings("domino"), "\n")
		assert.Equal(t, tt.warns, strings.Contains(w, "Calico "+awsfacts.CalicoChartVersion+" is tested with Kubernetes "+awsfacts.CalicoTestedRange()),
			"%s on %s: %s", tt.provider, tt.version, w)
	}
}
