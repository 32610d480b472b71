package scheduling

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nodePool is a NodePool the way the component writes it: the pool's
// labels, its taints, the EBS CSI startup taint, every zone.
func nodePool(pool, instanceType string, labels map[string]string, taints ...Taint) Group {
	l := map[string]string{NodePoolLabel: pool, DominoNodeLabel: "true"}
	for k, v := range labels {
		l[k] = v
	}
	return Group{Name: pool, Pool: pool, Zones: zones, InstanceTypes: []string{instanceType}, CapacityType: "on-demand",
		Max: 60, Labels: l, Taints: taints, StartupTaints: []Taint{startup}, Karpenter: true, Additional: !seedPools[pool]}
}

// karpenterCluster is the default cluster with karpenter on: platform node
// groups, the default and GPU pools as NodePools.
func karpenterCluster() Cluster {
	c := Cluster{KubernetesVersion: "1.35", EBSCSIVersion: "v1.66.0-eksbuild.1"}
	for _, z := range zones {
		c.Groups = append(c.Groups, group("platform", z, "m5.4xlarge", 1, nil))
	}
	gpu := nodePool("default-gpu", "p3.2xlarge", map[string]string{GPULabel: "true"}, gpuT)
	gpu.GPU = true
	return withGroups(c, nodePool("default", "m5.2xlarge", map[string]string{BuildNodeLabel: "true"}), gpu)
}

func withGroups(c Cluster, gs ...Group) Cluster {
	c.Groups = append(c.Groups, gs...)
	return c
}

// Every required class is placed, in every zone: the compute classes on the
// NodePools (from zero), platform and Karpenter's controller on the
// platform node groups; every DaemonSet runs on the NodePools' nodes.
func TestKarpenterClusterPlacesEveryClass(t *testing.T) {
	r := Evaluate(karpenterCluster())
	assert.Empty(t, r.Gaps)
	assert.Empty(t, r.Warnings)
	for _, tc := range []struct{ class, group, how string }{
		{"build", "default", ByKarpenter},
		{"model-api", "default", ByKarpenter},
		{"execution/default", "default", ByKarpenter},
		{"execution/default-gpu", "default-gpu", ByKarpenter},
		{"platform", "domino-platform-", OnRunningNode},
		{"karpenter-controller", "domino-platform-", OnRunningNode},
	} {
		for _, z := range zones {
			p := placement(t, r, tc.class, z)
			assert.Contains(t, p.NodeGroup, tc.group, "%s in %s: %s", tc.class, z, p.Problem)
			assert.Equal(t, tc.how, p.How, "%s in %s", tc.class, z)
		}
	}
}

// A GPU run whose volume is in zone c: Karpenter launches a GPU node there
// from zero (a NodePool has no size-0 template confined to its first zone).
func TestGPURunOnAGPUNodePoolFromZero(t *testing.T) {
	p := placement(t, Evaluate(karpenterCluster()), "execution/default-gpu", "us-west-2c")
	assert.Equal(t, "default-gpu", p.NodeGroup)
	assert.Equal(t, ByKarpenter, p.How)
}

// The model's Karpenter node: the zone asked for, Karpenter's labels, the
// template's taints without the startup taint.
func TestKarpenterNodeIsInThePodsZone(t *testing.T) {
	n, err := karpenterNode(nodePool("default", "m5.2xlarge", nil), "us-west-2b", nil)
	require.NoError(t, err)
	assert.Equal(t, "us-west-2b", n.Labels["topology.kubernetes.io/zone"])
	assert.Equal(t, "default", n.Labels["karpenter.sh/nodepool"])
	assert.NotContains(t, n.Labels, "eks.amazonaws.com/nodegroup")
	assert.Empty(t, n.Spec.Taints)
}

// A taint on a NodePool that no execution tolerates is a gap naming the
// NodePool, its pool and the taint; a startup taint no pod tolerates is not.
func TestKarpenterTaints(t *testing.T) {
	team := Taint{Key: "team", Value: "x", Effect: "NoSchedule"}
	for name, tc := range map[string]struct {
		taint, startup []Taint
		gap            string
	}{
		"template taint":          {taint: []Taint{team}, gap: "team=x:NoSchedule"},
		"startup taint":           {startup: []Taint{team, startup}},
		"EBS startup taint alone": {startup: []Taint{startup}},
	} {
		t.Run(name, func(t *testing.T) {
			def := nodePool("default", "m5.2xlarge", map[string]string{BuildNodeLabel: "true"}, tc.taint...)
			def.StartupTaints = tc.startup
			c := Cluster{KubernetesVersion: "1.35", EBSCSIVersion: "v1.66.0-eksbuild.1"}
			for _, z := range zones {
				c.Groups = append(c.Groups, group("platform", z, "m5.4xlarge", 1, nil))
			}
			r := Evaluate(withGroups(c, def))
			if tc.gap == "" {
				assert.Empty(t, r.Gaps)
				return
			}
			require.NotEmpty(t, r.Gaps)
			var hit *Finding
			for i, f := range r.Gaps {
				if f.Subject == "execution/default" {
					hit = &r.Gaps[i]
				}
			}
			require.NotNil(t, hit, "gaps: %+v", r.Gaps)
			assert.Equal(t, "default", hit.NodeGroup)
			assert.Equal(t, "default", hit.Pool)
			assert.Equal(t, tc.gap, hit.Taint)
			assert.Contains(t, hit.Problem, "NodePool default")
			assert.Contains(t, hit.Source, "karpenter-provider-aws")
		})
	}
}

// Without a platform pool, Karpenter's controller has nowhere to run: a gap.
func TestKarpenterControllerNeedsThePlatformPool(t *testing.T) {
	c := Cluster{KubernetesVersion: "1.35"}
	c = withGroups(c, nodePool("default", "m5.2xlarge", map[string]string{BuildNodeLabel: "true"}))
	r := Evaluate(c)
	subjects := map[string]bool{}
	for _, f := range r.Gaps {
		subjects[f.Subject] = true
	}
	assert.True(t, subjects["karpenter-controller"], "gaps: %+v", r.Gaps)
}
