package domino_test

import (
	"slices"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestManagedAddons: vpc-cni (network policy on) and kube-proxy become
// managed add-ons before any node group, coredns after them, each at EKS's
// version for the cluster's Kubernetes version, adopting the copy EKS
// bootstrapped (OVERWRITE on create).
func TestManagedAddons(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{KubernetesVersion: "1.33"})
	addons := map[string]preview.Resource{}
	for _, a := range res.Find("aws:eks/addon:Addon") {
		addons[a.Inputs["addonName"].(string)] = a
	}
	require.Len(t, addons, 4)
	assert.Equal(t, domino.VPCCNIConfiguration, addons["vpc-cni"].Inputs["configurationValues"])
	for name, a := range addons {
		assert.Equal(t, "OVERWRITE", a.Inputs["resolveConflictsOnCreate"], name)
		pin, ok := awsfacts.AddonVersion("1.33", name)
		require.True(t, ok, name)
		assert.Equal(t, pin.Version, a.Inputs["addonVersion"], "%s: pinned for 1.33, not EKS's default", name)
	}
	// EKS's upgrade order: control plane (the engine's addon-after-control-plane
	// rule passed: plan fails otherwise), then vpc-cni and kube-proxy, then
	// the node groups, then the add-ons that run Deployments on them.
	groups := res.Find(nodeGroupType)
	require.NotEmpty(t, groups)
	for _, ng := range groups {
		for _, before := range []string{"vpc-cni", "kube-proxy"} {
			assert.Contains(t, ng.Dependencies, addons[before].URN, "%s waits for %s", ng.Name, before)
		}
		for _, after := range []string{"coredns", "aws-ebs-csi-driver"} {
			assert.Contains(t, addons[after].Dependencies, ng.URN, "%s waits for %s", after, ng.Name)
		}
	}
}

// TestAutoscalerPolicy: cluster-autoscaler runs on node credentials, so the
// node role may describe what it must and scale only this cluster's groups.
func TestAutoscalerPolicy(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{ClusterName: "acme"})
	pol, err := res.ByName("aws:iam/rolePolicy:RolePolicy", "domino-node-autoscaler")
	require.NoError(t, err)
	role, err := res.ByName("aws:iam/role:Role", "domino-node")
	require.NoError(t, err)
	assert.Equal(t, role.Outputs["name"], pol.Inputs["role"])
	doc := policyJSON(t, pol.Inputs["policy"].(string))
	bySid := map[string]map[string]any{}
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		bySid[st["Sid"].(string)] = st
	}
	scale := bySid["AutoscalerScaleOwnGroups"]
	assert.ElementsMatch(t, []any{"autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"}, scale["Action"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"autoscaling:ResourceTag/eks:cluster-name": "acme"}}, scale["Condition"])
	assert.Equal(t, []any{"arn:aws:eks:us-west-2:123456789012:nodegroup/acme/*"}, bySid["AutoscalerNodegroups"]["Resource"])
	describe := bySid["AutoscalerDescribe"]["Action"].([]any)
	assert.True(t, slices.Contains(describe, any("autoscaling:DescribeAutoScalingGroups")))
	for _, a := range describe {
		if a != "ec2:GetInstanceTypesFromInstanceRequirements" {
			assert.Contains(t, a, ":Describe", "only reads on *")
		}
	}
}

// TestAddonVersionsOverride: addonVersions replaces the table's version of
// the add-ons it names and leaves the others pinned; unknown add-ons and
// malformed versions are refused naming the field, the value and the fix.
func TestAddonVersionsOverride(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{AddonVersions: map[string]string{"coredns": "v1.13.2-eksbuild.11"}})
	got := map[string]any{}
	for _, a := range res.Find("aws:eks/addon:Addon") {
		got[a.Inputs["addonName"].(string)] = a.Inputs["addonVersion"]
	}
	kubeProxy, _ := awsfacts.AddonVersion(domino.DefaultKubernetesVersion, "kube-proxy")
	assert.Equal(t, "v1.13.2-eksbuild.11", got["coredns"], "the override")
	assert.Equal(t, kubeProxy.Version, got["kube-proxy"], "the table")
	assert.Equal(t, domino.AddonVersions(domino.DominoEKSArgs{AddonVersions: map[string]string{"coredns": "v1.13.2-eksbuild.11"}})["coredns"], got["coredns"],
		"preflight reads the same versions")

	for _, tc := range []struct {
		name, version, field, fix string
	}{
		{"metrics-server", "v0.7.2-eksbuild.1", "addonVersions.metrics-server", "use one of vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver"},
		{"coredns", "1.13.2", "addonVersions.coredns", "vX.Y.Z-eksbuild.N"},
	} {
		err := domino.DominoEKSArgs{AddonVersions: map[string]string{tc.name: tc.version}}.Validate()
		require.Error(t, err, tc.name)
		var fe *domino.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, tc.field, fe.Field)
		assert.Equal(t, tc.version, fe.Value)
		assert.Contains(t, fe.Fix, tc.fix)
	}
}

// TestAddonVersionsFollowKubernetesVersion: a kubernetesVersion change moves
// every add-on to the table's version for the new Kubernetes version.
func TestAddonVersionsFollowKubernetesVersion(t *testing.T) {
	for _, k8s := range []string{"1.34", "1.35"} {
		for _, a := range plan(t, domino.DominoEKSArgs{KubernetesVersion: k8s}).Find("aws:eks/addon:Addon") {
			name := a.Inputs["addonName"].(string)
			pin, ok := awsfacts.AddonVersion(k8s, name)
			require.True(t, ok, "%s %s", k8s, name)
			assert.Equal(t, pin.Version, a.Inputs["addonVersion"], "%s %s", k8s, name)
			assert.NotEqual(t, preview.EKSDefaultAddonVersion, a.Inputs["addonVersion"])
		}
	}
}
