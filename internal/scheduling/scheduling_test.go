package scheduling

import (
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

var zones = []string{"us-west-2a", "us-west-2b", "us-west-2c"}

// group is one per-zone node group the way the component builds it: the
// pool's labels, domino-node, and the node-template tags.
func group(pool, zone, instanceType string, min int, labels map[string]string, taints ...Taint) Group {
	l := map[string]string{NodePoolLabel: pool, DominoNodeLabel: "true"}
	maps.Copy(l, labels)
	g := Group{Name: "domino-" + pool + "-" + zone, Pool: pool, Zones: []string{zone}, InstanceTypes: []string{instanceType},
		CapacityType: "ON_DEMAND", AMIType: "AL2023_x86_64_STANDARD", Min: min, Max: 10, Labels: l, Taints: taints,
		ASGTags: map[string]string{
			"eks:cluster-name": "domino", "eks:nodegroup-name": "domino-" + pool + "-" + zone,
			TemplateLabelTag + EBSZoneLabel:    zone,
			TemplateResourceTag + FuseResource: "20",
		}}
	for k, v := range l {
		g.ASGTags[TemplateLabelTag+k] = v
	}
	for _, t := range taints {
		if t.Key != EBSStartupTaintKey {
			g.ASGTags[TemplateTaintTag+t.Key] = t.Value + ":" + t.Effect
		}
	}
	return g
}

var (
	startup = Taint{Key: EBSStartupTaintKey, Effect: "NoExecute"}
	gpuT    = Taint{Key: GPUResource, Value: "true", Effect: "NoSchedule"}
)

// cluster is the component's default cluster with the GPU pool: platform
// 1-1, default 1-20 (started tainted), GPU 0-5 in each zone.
func cluster() Cluster {
	c := Cluster{KubernetesVersion: "1.35", EBSCSIVersion: "v1.66.0-eksbuild.1"}
	for _, z := range zones {
		c.Groups = append(c.Groups,
			group("platform", z, "m5.4xlarge", 1, nil),
			group("default", z, "m5.2xlarge", 1, map[string]string{BuildNodeLabel: "true"}, startup))
		gpu := group("default-gpu", z, "p3.2xlarge", 0, map[string]string{GPULabel: "true"}, gpuT)
		gpu.AMIType, gpu.GPU = "AL2023_x86_64_NVIDIA", true
		c.Groups = append(c.Groups, gpu)
	}
	return c
}

func placement(t *testing.T, r Report, class, zone string) Placement {
	t.Helper()
	for _, p := range r.Placements {
		if p.Class == class && p.Zone == zone {
			return p
		}
	}
	require.Failf(t, "no placement", "%s in %s", class, zone)
	return Placement{}
}

func TestDefaultClusterPlacesEveryClass(t *testing.T) {
	r := Evaluate(cluster())
	assert.Empty(t, r.Gaps)
	assert.Empty(t, r.Warnings)
	for _, class := range []string{"platform", "build", "model-api", "execution/default", "execution/default-gpu"} {
		for _, z := range zones {
			p := placement(t, r, class, z)
			assert.NotEmpty(t, p.NodeGroup, "%s in %s: %s", class, z, p.Problem)
		}
	}
}

// A GPU run with every GPU group at zero: the autoscaler's template of the
// zone's GPU group fits it under every behaviour, so the group scales.
func TestGPURunScalesAGPUGroupFromZero(t *testing.T) {
	r := Evaluate(cluster())
	p := placement(t, r, "execution/default-gpu", "us-west-2b")
	assert.Equal(t, "domino-default-gpu-us-west-2b", p.NodeGroup)
	assert.Equal(t, FromZero, p.How)
}

// A workspace whose volume is in zone b lands on zone b's default group.
func TestZonalVolumePicksItsZonesGroup(t *testing.T) {
	r := Evaluate(cluster())
	p := placement(t, r, "execution/default", "us-west-2b")
	assert.Equal(t, "domino-default-us-west-2b", p.NodeGroup)
	assert.Equal(t, OnRunningNode, p.How)
}

// Each broken rule fails naming the class or DaemonSet, the node group, the
// taint or label, and the source.
func TestBrokenRulesAreGaps(t *testing.T) {
	for name, tc := range map[string]struct {
		break_            func(*Cluster)
		subject, group    string
		taint, label, src string
	}{
		"untolerated template taint at min 0": {
			break_: func(c *Cluster) {
				for i := range c.Groups {
					if c.Groups[i].GPU {
						c.Groups[i].Taints = append(c.Groups[i].Taints, Taint{Key: EBSStartupTaintKey, Value: "true", Effect: "NoExecute"})
					}
				}
			},
			subject: "execution/default-gpu", group: "domino-default-gpu-us-west-2a",
			taint: EBSStartupTaintKey + "=true:NoExecute", src: "cluster-autoscaler",
		},
		"missing label": {
			break_: func(c *Cluster) {
				for i := range c.Groups {
					delete(c.Groups[i].Labels, BuildNodeLabel)
				}
			},
			subject: "build", label: BuildNodeLabel + "=true", src: "seed",
		},
		"missing zone tag": {
			break_: func(c *Cluster) {
				c.EBSCSIVersion = "v1.32.0-eksbuild.1" // volumes select topology.ebs.csi.aws.com/zone
				for i := range c.Groups {
					delete(c.Groups[i].ASGTags, TemplateLabelTag+EBSZoneLabel)
				}
			},
			subject: "execution/default-gpu", group: "domino-default-gpu-us-west-2a", src: "cluster-autoscaler",
		},
		"DaemonSet without a toleration": {
			break_: func(c *Cluster) {
				c.DaemonSets = DaemonSets()
				for i := range c.DaemonSets {
					if c.DaemonSets[i].ID == "domino-node-agents" {
						c.DaemonSets[i].Tolerations = nil
					}
				}
			},
			subject: "daemonset/domino-node-agents", group: "domino-default-gpu-us-west-2a",
			taint: "nvidia.com/gpu=true:NoSchedule", src: "Domino's Terraform",
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := cluster()
			tc.break_(&c)
			r := Evaluate(c)
			require.NotEmpty(t, r.Gaps)
			var hit *Finding
			for i, f := range r.Gaps {
				if f.Subject == tc.subject && (tc.group == "" || f.NodeGroup == tc.group) {
					hit = &r.Gaps[i]
					break
				}
			}
			require.NotNil(t, hit, "no gap for %s on %s in %+v", tc.subject, tc.group, r.Gaps)
			assert.Equal(t, tc.taint, hit.Taint)
			assert.Equal(t, tc.label, hit.Label)
			assert.Contains(t, hit.Source, tc.src)
			if tc.taint != "" {
				assert.Contains(t, hit.Problem, tc.taint)
			}
			if tc.label != "" {
				assert.Contains(t, hit.Problem, tc.label)
			}
		})
	}
}

// The zone tag is what rescues a release before 1.29 with driver v1.30-1.32
// volumes: with it, every behaviour's template carries the EBS zone label.
func TestZoneTagCoversOldAutoscalers(t *testing.T) {
	c := cluster()
	c.EBSCSIVersion = "v1.32.0-eksbuild.1"
	assert.Empty(t, Evaluate(c).Gaps)
}

// A pool with a taint of the user's own at min 0: its executions and
// Domino's per-node pods cannot use it; for an additional pool that is a
// warning (the pool may serve other workloads), naming pool and taint.
func TestTaintedAdditionalPoolIsAWarning(t *testing.T) {
	c := cluster()
	team := Taint{Key: "team", Value: "x", Effect: "NoSchedule"}
	for _, z := range zones {
		g := group("big", z, "m5.8xlarge", 0, nil, team)
		g.Additional = true
		c.Groups = append(c.Groups, g)
	}
	r := Evaluate(c)
	assert.Empty(t, r.Gaps)
	subjects := map[string]bool{}
	for _, w := range r.Warnings {
		assert.Equal(t, "team=x:NoSchedule", w.Taint)
		assert.Contains(t, w.NodeGroup, "domino-big-")
		subjects[w.Subject] = true
	}
	assert.Equal(t, map[string]bool{"execution/big": true, "daemonset/domino-node-agents": true}, subjects)
}

// The template of each release: DescribeNodegroup taints only from 1.24,
// EKS's effect spelling copied before 1.31, valueless taints skipped, the
// EBS zone label from 1.29, startup-prefixed taints dropped, allocatable =
// capacity with 110 pods.
func TestZeroTemplateFollowsTheRelease(t *testing.T) {
	g := group("default-gpu", "us-west-2a", "p3.2xlarge", 0, nil,
		Taint{Key: "a", Value: "1", Effect: "NoExecute"}, Taint{Key: "valueless", Effect: "NoSchedule"},
		Taint{Key: "startup-taint.cluster-autoscaler.kubernetes.io/x", Value: "1", Effect: "NoSchedule"})
	delete(g.ASGTags, TemplateLabelTag+EBSZoneLabel)
	for k := range g.ASGTags {
		if strings.HasPrefix(k, TemplateTaintTag) {
			delete(g.ASGTags, k)
		}
	}
	effects := func(n *corev1.Node) map[string]string {
		m := map[string]string{}
		for _, t := range n.Spec.Taints {
			m[t.Key] = string(t.Effect)
		}
		return m
	}
	for _, tc := range []struct {
		version string
		taints  map[string]string
		ebsZone bool
	}{
		{"1.23", map[string]string{}, false},
		{"1.28", map[string]string{"a": "NO_EXECUTE"}, false},
		{"1.30", map[string]string{"a": "NO_EXECUTE"}, true},
		{"1.31", map[string]string{"a": "NoExecute"}, true},
		{"1.36", map[string]string{"a": "NoExecute"}, true},
	} {
		n, err := ZeroTemplate(g, Release(tc.version))
		require.NoError(t, err)
		assert.Equal(t, tc.taints, effects(n), tc.version)
		_, has := n.Labels[EBSZoneLabel]
		assert.Equal(t, tc.ebsZone, has, tc.version)
		assert.Equal(t, "us-west-2a", n.Labels[corev1.LabelTopologyZone])
		pods := n.Status.Allocatable[corev1.ResourcePods]
		assert.Equal(t, int64(110), pods.Value())
		gpus := n.Status.Allocatable[GPUResource]
		assert.Equal(t, int64(1), gpus.Value())
	}
	worst, err := ZeroTemplate(g, Behaviours("1.35")[2])
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a": "NoExecute", "valueless": "NoSchedule"}, effects(worst))
}

// A multi-zone group's template has its first zone only: a pod bound to a
// volume in another zone cannot scale it from zero.
func TestSpanningGroupAtZeroServesOnlyItsFirstZone(t *testing.T) {
	c := cluster()
	var kept []Group
	for _, g := range c.Groups {
		if !g.GPU {
			kept = append(kept, g)
		}
	}
	span := group("default-gpu", "us-west-2a", "p3.2xlarge", 0, map[string]string{GPULabel: "true"}, gpuT)
	span.Name, span.Zones, span.GPU, span.AMIType = "domino-default-gpu", zones, true, "AL2023_x86_64_NVIDIA"
	delete(span.ASGTags, TemplateLabelTag+EBSZoneLabel)
	c.Groups = append(kept, span)
	r := Evaluate(c)
	assert.Equal(t, "domino-default-gpu", placement(t, r, "execution/default-gpu", "us-west-2a").NodeGroup)
	p := placement(t, r, "execution/default-gpu", "us-west-2c")
	assert.Empty(t, p.NodeGroup)
	assert.Contains(t, p.Problem, "volume in us-west-2c")
}

// The running node's allocatable follows EKS's reservations: an m5.large
// (2 vCPU, 8 GiB, 29 pods) keeps 1,930m CPU and ~6.7 GiB.
func TestRunningNodeAllocatable(t *testing.T) {
	n, err := RunningNode(group("default", "us-west-2a", "m5.large", 1, nil), "us-west-2a", nil)
	require.NoError(t, err)
	cpu := n.Status.Allocatable[corev1.ResourceCPU]
	assert.Equal(t, int64(1930), cpu.MilliValue())
	mem := n.Status.Allocatable[corev1.ResourceMemory]
	assert.Equal(t, int64(8*1024*925/1000-(11*29+255)-100), mem.Value()>>20)
	pods := n.Status.Allocatable[corev1.ResourcePods]
	assert.Equal(t, int64(29), pods.Value())
}

// A class too big for the nodes with the DaemonSets is a resources gap.
func TestTooSmallNodesAreAGap(t *testing.T) {
	c := cluster()
	for i := range c.Groups {
		if c.Groups[i].Pool == "platform" {
			c.Groups[i].InstanceTypes = []string{"m5.large"} // 8 GiB: elasticsearch asks 8Gi
		}
	}
	r := Evaluate(c)
	require.NotEmpty(t, r.Gaps)
	assert.Equal(t, "platform", r.Gaps[0].Subject)
	assert.Equal(t, ReasonResources, r.Gaps[0].Reason)
	assert.Contains(t, r.Gaps[0].Problem, "memory")
}

func BenchmarkEvaluate(b *testing.B) {
	c := cluster()
	for b.Loop() {
		Evaluate(c)
	}
}
