package plan

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func karpenterConfig(public bool) map[string]string {
	c := map[string]string{"dominoeks:karpenter": "true", "dominoeks:enableGpuPool": "true"}
	if public {
		c["dominoeks:endpointPublicAccess"] = "true"
		c["dominoeks:publicAccessCidrs"] = `["203.0.113.0/24"]`
	}
	return c
}

// With karpenter on, the plan models the NodePools whether the API is
// reachable (custom resources) or not (kubernetesSetup): every compute class
// is placed by Karpenter, the NodePools are priced at 0 nodes at rest and
// their limits.nodes at most, and only platform node groups remain.
func TestKarpenterPlanModelsNodePools(t *testing.T) {
	for name, public := range map[string]bool{"reachable API": true, "private API": false} {
		t.Run(name, func(t *testing.T) {
			p, err := Build(Options{Config: karpenterConfig(public)})
			require.NoError(t, err)
			for _, ng := range p.NodeGroups {
				assert.Equal(t, "platform", ng.Pool, ng.Name)
			}
			by := map[string]string{}
			for _, pl := range p.Scheduling.Placements {
				if pl.How == scheduling.ByKarpenter {
					by[pl.Class] = pl.NodeGroup
				}
			}
			assert.Equal(t, map[string]string{"build": "default", "model-api": "default", "execution/default": "default",
				"execution/default-gpu": "default-gpu"}, by)
			assert.Empty(t, p.Scheduling.Gaps)
			priced := map[string][2]float64{}
			for _, it := range p.Cost.Items {
				if strings.Contains(it.Description, karpenterPrefix) && it.Unit == unitHour {
					priced[it.Description] = [2]float64{it.QuantityMin, it.QuantityMax}
				}
			}
			assert.Equal(t, map[string][2]float64{
				"m5.2xlarge on-demand instances of Karpenter NodePool default (none at rest)":     {0, 60},
				"p3.2xlarge on-demand instances of Karpenter NodePool default-gpu (none at rest)": {0, 15},
			}, priced)
		})
	}
}

// With a reachable API the Karpenter chart is on the critical path after
// the platform node group it runs on, and the NodePools after it.
func TestKarpenterCriticalPath(t *testing.T) {
	p, err := Build(Options{Config: karpenterConfig(true)})
	require.NoError(t, err)
	var types []string
	for _, s := range p.CriticalPath.Steps {
		types = append(types, s.Type)
	}
	ng := indexOf(types, "aws:eks/nodeGroup:NodeGroup")
	chart := indexOf(types, "kubernetes:helm.sh/v3:Release")
	require.GreaterOrEqual(t, ng, 0, "path %v", types)
	assert.Greater(t, chart, ng, "path %v", types)
	assert.Equal(t, "kubernetes:karpenter.sh/v1:NodePool", types[len(types)-1])
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// A taint of the user's on a Karpenter-served pool that no execution
// tolerates is a configuration error naming the pool's taints field, with a
// reachable API (the NodePool's URN) and a private one (its setup step).
func TestKarpenterTaintGapNamesTheSetting(t *testing.T) {
	for name, public := range map[string]bool{"reachable API": true, "private API": false} {
		t.Run(name, func(t *testing.T) {
			cfg := karpenterConfig(public)
			cfg["dominoeks:defaultPool"] = `{"taints":[{"key":"team","value":"x","effect":"NoSchedule"}]}`
			_, err := Build(Options{Config: cfg})
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Contains(t, err.Error(), "defaultPool.taints")
			assert.Contains(t, err.Error(), "team=x:NoSchedule")
			assert.Contains(t, err.Error(), "NodePool default")
		})
	}
}
