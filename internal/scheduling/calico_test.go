package scheduling

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

func dsIDs(ds []DaemonSet) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func classIDs(cs []PodClass) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestCalicoJoinsTheModelOnlyWithCalico(t *testing.T) {
	for _, calico := range []bool{false, true} {
		c := Cluster{Calico: calico}
		assert.Equal(t, calico, slices.Contains(dsIDs(DaemonSetsFor(c)), "calico-node"), "calico=%v", calico)
		assert.Equal(t, calico, slices.Contains(dsIDs(DaemonSetsFor(c)), "csi-node-driver"), "calico=%v", calico)
		for _, id := range []string{"tigera-operator", "calico-typha", "calico-kube-controllers"} {
			assert.Equal(t, calico, slices.Contains(classIDs(Classes(c)), id), "%s calico=%v", id, calico)
		}
	}
}

// TestCalicoNodeRunsOnEveryNode: calico-node tolerates every taint a Domino
// group may carry (the operator's TolerateAll); the control plane selects
// the platform pool.
func TestCalicoNodeRunsOnEveryNode(t *testing.T) {
	node := &corev1.Node{Spec: corev1.NodeSpec{Taints: []corev1.Taint{
		{Key: "nvidia.com/gpu", Value: "true", Effect: corev1.TaintEffectNoSchedule},
		{Key: "ebs.csi.aws.com/agent-not-ready", Effect: corev1.TaintEffectNoExecute},
		{Key: "dominodatalab.com/dedicated", Value: "x", Effect: corev1.TaintEffectNoSchedule},
	}}}
	for _, ds := range CalicoDaemonSets() {
		runs, blocked := ds.RunsOn(node)
		assert.True(t, runs, "%s blocked by %v", ds.ID, blocked)
		assert.NotEmpty(t, ds.Source, ds.ID)
	}
	for _, cl := range calicoClasses() {
		assert.Equal(t, map[string]string{NodePoolLabel: platformPool}, cl.NodeSelector, cl.ID)
		assert.True(t, cl.Required, cl.ID)
		assert.NotEmpty(t, cl.Source, cl.ID)
	}
}

// TestCalicoPlacedOnThePlatformPool: with Calico on a cluster with a platform
// group, every Calico class is placed there and no DaemonSet has a gap; without
// a platform group the classes are gaps.
func TestCalicoPlacedOnThePlatformPool(t *testing.T) {
	platform := Group{Name: "platform-a", Pool: platformPool, Zones: []string{"us-west-2a"}, InstanceTypes: []string{"m5.4xlarge"},
		Min: 1, Max: 3, Labels: map[string]string{NodePoolLabel: platformPool, DominoNodeLabel: "true"}}
	compute := Group{Name: "default-a", Pool: defaultPool, Zones: []string{"us-west-2a"}, InstanceTypes: []string{"m5.2xlarge"},
		Min: 1, Max: 10, Labels: map[string]string{NodePoolLabel: defaultPool, DominoNodeLabel: "true", BuildNodeLabel: "true"}}
	r := Evaluate(Cluster{KubernetesVersion: "1.35", Calico: true, Groups: []Group{platform, compute}})
	require.Empty(t, r.Gaps)
	placed := map[string]string{}
	for _, p := range r.Placements {
		placed[p.Class] = p.NodeGroup
	}
	for _, id := range []string{"tigera-operator", "calico-typha", "calico-kube-controllers"} {
		assert.Equal(t, "platform-a", placed[id], id)
	}
	r = Evaluate(Cluster{KubernetesVersion: "1.35", Calico: true, Groups: []Group{compute}})
	var subjects []string
	for _, g := range r.Gaps {
		subjects = append(subjects, g.Subject)
	}
	assert.Contains(t, subjects, "tigera-operator")
}
