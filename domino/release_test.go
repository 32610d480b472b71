package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNodeGroupsPinTheirRelease: every node group has a releaseVersion: the
// recommended release of its Kubernetes version, pinned at creation
// (ignoreChanges, so a new AMI does not roll nodes), or the one given, which
// an up applies.
func TestNodeGroupsPinTheirRelease(t *testing.T) {
	tests := []struct {
		name       string
		args       domino.DominoEKSArgs
		want       string
		wantIgnore bool
	}{
		{"resolved for 1.35", domino.DominoEKSArgs{EnableGpuPool: true}, "1.35.0-20261120", true},
		{"resolved for 1.33", domino.DominoEKSArgs{KubernetesVersion: "1.33"}, "1.33.0-20261120", true},
		{"given", domino.DominoEKSArgs{NodeReleaseVersion: "1.35.2-20261201"}, "1.35.2-20261201", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := plan(t, tt.args).Find(nodeGroupType)
			require.NotEmpty(t, groups)
			for _, g := range groups {
				assert.Equal(t, tt.want, g.Inputs["releaseVersion"], g.URN)
				assert.Equal(t, tt.wantIgnore, contains(g.IgnoreChanges, "releaseVersion"), g.URN)
			}
		})
	}
	err := domino.DominoEKSArgs{NodeReleaseVersion: "1.34.0-20261120"}.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `nodeReleaseVersion = "1.34.0-20261120": is not an AMI release of Kubernetes 1.35`)
}

// TestReleaseMovesPerPool: a pool's releaseVersion pins that pool's node
// groups (applied by an up, so not ignored) while the others keep theirs; a
// release of another Kubernetes version is refused naming the pool's field.
// Each group rolls with the cited update config: 30 % of a compute group, one
// node of any other (Domino's Terraform).
func TestReleaseMovesPerPool(t *testing.T) {
	const patched = "1.35.2-20261201"
	res := plan(t, domino.DominoEKSArgs{DefaultPool: &domino.NodePool{ReleaseVersion: patched}, NodeReleaseVersion: ""})
	groups := res.Find(nodeGroupType)
	require.NotEmpty(t, groups)
	for _, g := range groups {
		pool := m(g.Inputs, "labels", "dominodatalab.com/node-pool")
		if pool == domino.DefaultPool {
			assert.Equal(t, patched, g.Inputs["releaseVersion"], g.URN)
			assert.NotContains(t, g.IgnoreChanges, "releaseVersion", "an up applies the pin: %s", g.URN)
			assert.Equal(t, float64(30), m(g.Inputs, "updateConfig", "maxUnavailablePercentage"), g.URN)
			continue
		}
		assert.Equal(t, "1.35.0-20261120", g.Inputs["releaseVersion"], g.URN)
		assert.Contains(t, g.IgnoreChanges, "releaseVersion", g.URN)
		assert.Equal(t, float64(1), m(g.Inputs, "updateConfig", "maxUnavailable"), g.URN)
	}
	err := domino.DominoEKSArgs{DefaultPool: &domino.NodePool{ReleaseVersion: "1.34.0-20261120"}}.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `defaultPool.releaseVersion = "1.34.0-20261120": is not an AMI release of Kubernetes 1.35`)
}
