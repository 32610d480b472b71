package domino_test

import (
	"slices"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
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
		assert.Equal(t, "v1.533.0-eksbuild.1", a.Inputs["addonVersion"], "%s: the mocked getAddonVersion answer for 1.33", name)
	}
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
