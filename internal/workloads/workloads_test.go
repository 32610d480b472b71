package workloads

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryWorkloadIsCited guards the table: unique ids, a source, needs on
// references a deployment resolves, capabilities that exist.
func TestEveryWorkloadIsCited(t *testing.T) {
	seen := map[string]bool{}
	refs := []Ref{AnyResource, DataBuckets, DataObjects, RegistryBucket, RegistryObjects, CustomerKey, Repositories,
		AutoScalingGroups, Nodegroups, Volumes, Instances, NetworkInterfaces, FileSystem, PullThroughRepositories,
		KarpenterQueue, NodeRoleARN, Cluster, LaunchTemplates, AWSServiceParameters}
	for _, w := range Table() {
		assert.False(t, seen[w.ID], "duplicate id %s", w.ID)
		seen[w.ID] = true
		assert.NotEmpty(t, w.Source, w.ID)
		assert.NotEmpty(t, w.Name, w.ID)
		assert.True(t, len(w.Needs)+len(w.Capabilities) > 0, "%s needs nothing", w.ID)
		assert.Equal(t, w.When == nil, w.WhenText == "", "%s: When and WhenText go together", w.ID)
		if w.Identity.Kind == ServiceAccountRole {
			assert.Contains(t, w.Identity.ServiceAccount, ":", w.ID)
		}
		for _, n := range w.Needs {
			assert.Contains(t, refs, n.Resource, w.ID)
			assert.NotEmpty(t, n.Actions, w.ID)
		}
		for _, c := range w.Capabilities {
			assert.Contains(t, capabilities, c, w.ID)
		}
	}
}

func TestVersionAtLeast(t *testing.T) {
	for _, tc := range []struct {
		version     string
		atLeast, ok bool
	}{
		{"v1.14.0-eksbuild.3", true, true},
		{"v1.19.2-eksbuild.1", true, true},
		{"v1.13.4-eksbuild.1", false, true},
		{"v2.0.0", true, true},
		{"latest", false, false},
	} {
		atLeast, ok := versionAtLeast(tc.version, NetworkPolicyMinCNI)
		assert.Equal(t, tc.atLeast, atLeast, tc.version)
		assert.Equal(t, tc.ok, ok, tc.version)
	}
}

func TestNetworkPolicyEnabled(t *testing.T) {
	assert.True(t, NetworkPolicyEnabled(`{"enableNetworkPolicy":"true"}`))
	assert.True(t, NetworkPolicyEnabled(`{"enableNetworkPolicy":true,"env":{}}`))
	assert.False(t, NetworkPolicyEnabled(`{"enableNetworkPolicy":"false"}`))
	assert.False(t, NetworkPolicyEnabled(``))
	assert.False(t, NetworkPolicyEnabled(`{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}`))
}

// TestUnknownFactsAreNeverSatisfied: a deployment that lacks facts (a live
// account read partly) evaluates as unknown, never as satisfied.
func TestUnknownFactsAreNeverSatisfied(t *testing.T) {
	trust, err := iamdoc.ParsePolicy("trust", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	require.NoError(t, err)
	d := &Deployment{Region: "us-west-2", Account: "1", Cluster: "c", NodeRole: &Role{Name: "n", ARN: "arn:aws:iam::1:role/n", Trust: trust},
		NodeGroups: []NodeGroup{{Name: "g", Zones: []string{"us-west-2a"}}}}
	for _, r := range Evaluate(d) {
		assert.NotEqual(t, Satisfied, r.Status, r.ID)
	}
}
