package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `plan --json --set karpenter=true` exits 0 with the compute pools on
// Karpenter: no compute node group, the NodePools' manifests in
// kubernetesSetup (private API by default), every compute class placed by
// Karpenter and the NodePools in the cost.
func TestPlanKarpenterJSON(t *testing.T) {
	doc := planJSON(t, "--set", "karpenter=true")
	for _, r := range doc["resources"].([]any) {
		r := r.(map[string]any)
		if r["type"] == "aws:eks/nodeGroup:NodeGroup" {
			labels := r["inputs"].(map[string]any)["labels"].(map[string]any)
			assert.Equal(t, "platform", labels["dominodatalab.com/node-pool"], r["urn"])
		}
		assert.False(t, strings.HasPrefix(r["type"].(string), "kubernetes:"), "private API: nothing Kubernetes-side registered (%s)", r["urn"])
	}
	setup := doc["outputs"].(map[string]any)["kubernetesSetup"].(string)
	for _, want := range []string{"helm upgrade --install karpenter-crd oci://public.ecr.aws/karpenter/karpenter-crd",
		"helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter", "kind: EC2NodeClass", "kind: NodePool",
		"consolidationPolicy: WhenEmpty", "expireAfter: Never"} {
		assert.Contains(t, setup, want)
	}
	sched := doc["scheduling"].(map[string]any)
	assert.NotContains(t, sched, "gaps")
	karpenter := map[string]bool{}
	for _, p := range sched["placements"].([]any) {
		p := p.(map[string]any)
		if p["how"] == "Karpenter launches a node" {
			karpenter[p["class"].(string)] = true
		}
	}
	assert.Equal(t, map[string]bool{"build": true, "model-api": true, "execution/default": true}, karpenter)
	var priced bool
	for _, it := range doc["cost"].(map[string]any)["items"].([]any) {
		desc := it.(map[string]any)["description"].(string)
		if strings.Contains(desc, "Karpenter NodePool default") {
			priced = true
			assert.Equal(t, float64(0), it.(map[string]any)["quantityMin"], desc)
		}
	}
	require.True(t, priced, "the default NodePool is priced")
}

// The text plan lists the NodePools below the node groups, with their
// bounds and disruption settings.
func TestPlanKarpenterText(t *testing.T) {
	stdout, stderr, code := runCLI(t, "plan", "--set", "karpenter=true")
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Contains(t, stdout, "NODEPOOL")
	assert.Regexp(t, `default\s+default\s+3\s+m5\.2xlarge\s+0-60\s+400 GiB\s+on-demand`, stdout)
	assert.Contains(t, stdout, "consolidationPolicy WhenEmpty, expireAfter Never")
	assert.Contains(t, stdout, "Karpenter launches a node")
}
