package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelmReleaseAfterPlatformNodes: a chart installed through the API
// (Calico's tigera-operator) starts when the platform node groups it
// depends on are done and takes the table's helm time; a chart that is only
// a kubernetesSetup step is no resource and takes no time of `up`.
func TestHelmReleaseAfterPlatformNodes(t *testing.T) {
	const (
		cluster = "urn:r::cluster"
		ng      = "urn:r::platform-us-west-2a"
		calico  = "urn:r::domino-calico"
	)
	rs := sortedByURN(
		res(cluster, "aws:eks/cluster:Cluster", true, ""),
		res(ng, "aws:eks/nodeGroup:NodeGroup", true, "", cluster),
		res(calico, "kubernetes:helm.sh/v3:Release", true, "", ng),
	)
	cp, err := ComputeCriticalPath(rs)
	require.NoError(t, err)
	assert.Equal(t, []string{cluster, ng, calico}, cp.Path)
	helm := DurationOf("kubernetes:helm.sh/v3:Release", true)
	assert.Equal(t, CreateSeconds("aws:eks/cluster:Cluster", true)+CreateSeconds("aws:eks/nodeGroup:NodeGroup", true)+helm.Typical, cp.Seconds)
	assert.Equal(t, 600, helm.Slow, "Domino's Terraform: helm --wait --timeout 10m")
	assert.NotEmpty(t, helm.Source)
}
