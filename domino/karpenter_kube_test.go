package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

const (
	nodePoolType  = "kubernetes:karpenter.sh/v1:NodePool"
	nodeClassType = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass"
)

func karpenterArgs(public bool) domino.DominoEKSArgs {
	a := domino.DominoEKSArgs{Karpenter: true, EnableGpuPool: true}
	if public {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"203.0.113.0/24"}
	}
	return a
}

// With a reachable API the charts, the node classes and the NodePools are
// created; the compute pools have no node groups, the platform pool keeps its.
func TestKarpenterReachableAPICreatesChartsAndNodePools(t *testing.T) {
	res := plan(t, karpenterArgs(true))
	releases := map[string]preview.Resource{}
	for _, r := range res.Find(helmReleaseType) {
		releases[m(r.Inputs, "name").(string)] = r
	}
	require.Contains(t, releases, "karpenter-crd")
	require.Contains(t, releases, "karpenter")
	ctl := releases["karpenter"]
	assert.Equal(t, "oci://public.ecr.aws/karpenter/karpenter", m(ctl.Inputs, "chart"))
	assert.Equal(t, m(releases["karpenter-crd"].Inputs, "version"), m(ctl.Inputs, "version"))
	assert.Equal(t, "kube-system", m(ctl.Inputs, "namespace"))
	values := m(ctl.Inputs, "values")
	assert.Equal(t, "platform", m(values, "nodeSelector", "dominodatalab.com/node-pool"))
	assert.Equal(t, "karpenter", m(values, "serviceAccount", "name"))
	assert.NotEmpty(t, m(values, "settings", "interruptionQueue"))
	assert.Equal(t, "1Gi", m(values, "controller", "resources", "requests", "memory"))
	assert.Contains(t, ctl.Dependencies, releases["karpenter-crd"].URN)

	groups := res.Find(nodeGroupType)
	for _, g := range groups {
		assert.Equal(t, "platform", m(g.Inputs, "labels", "dominodatalab.com/node-pool"), g.Name)
		assert.Contains(t, ctl.Dependencies, g.URN, "the controller waits for platform group %s", g.Name)
	}
	assert.Len(t, groups, 3)

	pools := map[string]preview.Resource{}
	for _, r := range res.Find(nodePoolType) {
		pools[m(r.Inputs, "metadata", "name").(string)] = r
	}
	require.Len(t, pools, 2)
	for name, np := range pools {
		assert.Equal(t, "WhenEmpty", m(np.Inputs, "spec", "disruption", "consolidationPolicy"), name)
		assert.Equal(t, "Never", m(np.Inputs, "spec", "template", "spec", "expireAfter"), name)
		assert.Contains(t, np.Dependencies, ctl.URN, name)
		startup := m(np.Inputs, "spec", "template", "spec", "startupTaints").([]any)
		assert.Equal(t, "ebs.csi.aws.com/agent-not-ready", m(startup[0], "key"))
	}
	assert.Equal(t, "60", m(pools["default"].Inputs, "spec", "limits", "nodes"), "20 per zone x 3 zones")
	assert.Equal(t, "480", m(pools["default"].Inputs, "spec", "limits", "cpu"), "60 x m5.2xlarge's 8 vCPU")
	gpuTaints := m(pools["default-gpu"].Inputs, "spec", "template", "spec", "taints").([]any)
	assert.Equal(t, "nvidia.com/gpu", m(gpuTaints[0], "key"))

	classes := res.Find(nodeClassType)
	require.Len(t, classes, 2, "standard and GPU shapes")
	for _, c := range classes {
		terms := m(c.Inputs, "spec", "amiSelectorTerms").([]any)
		a := m(terms[0], "alias").(string)
		assert.True(t, strings.HasPrefix(a, "al2023@v2"), "pinned alias, got %s", a)
		assert.Equal(t, "required", m(c.Inputs, "spec", "metadataOptions", "httpTokens"))
		assert.Equal(t, float64(2), m(c.Inputs, "spec", "metadataOptions", "httpPutResponseHopLimit"))
		bdm := m(c.Inputs, "spec", "blockDeviceMappings").([]any)
		assert.Equal(t, true, m(bdm[0], "ebs", "encrypted"))
		assert.Equal(t, "400Gi", m(bdm[0], "ebs", "volumeSize"))
		assert.Equal(t, []string{"spec.amiSelectorTerms"}, c.IgnoreChanges)
	}
	assert.Equal(t, "", res.Outputs["kubernetesSetup"])
}

// With the default private endpoint nothing Kubernetes-side is registered:
// kubernetesSetup holds the CRD chart, the chart, the node classes and the
// NodePools, in that order.
func TestKarpenterPrivateAPIEmitsSetupInOrder(t *testing.T) {
	res := plan(t, karpenterArgs(false))
	for _, r := range res.Resources {
		assert.False(t, strings.HasPrefix(r.Type, "kubernetes:"), "registered %s", r.URN)
	}
	setup, _ := res.Outputs["kubernetesSetup"].(string)
	require.NotEmpty(t, setup)
	var order []string
	for _, line := range strings.Split(setup, "\n") {
		switch {
		case strings.HasPrefix(line, "helm upgrade --install "):
			order = append(order, "helm "+strings.Fields(line)[3])
		case strings.HasPrefix(line, "kind: "):
			order = append(order, strings.TrimPrefix(line, "kind: "))
		}
	}
	assert.Equal(t, []string{"helm karpenter-crd", "helm karpenter", "EC2NodeClass", "EC2NodeClass", "NodePool", "NodePool"},
		order[:6])
	docs := strings.Split(setup, "kubectl apply -f - <<'EOF'\n")
	var np map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(strings.SplitN(docs[len(docs)-1], "EOF\n", 2)[0]), &np))
	assert.Equal(t, "NodePool", np["kind"])
	assert.Equal(t, "WhenEmpty", m(np, "spec", "disruption", "consolidationPolicy"))
	for _, g := range res.Find(nodeGroupType) {
		assert.Equal(t, "platform", m(g.Inputs, "labels", "dominodatalab.com/node-pool"), g.Name)
	}
}

// Off by default: the compute pools stay node groups and nothing of
// Karpenter's is made.
func TestKarpenterOffKeepsComputeNodeGroups(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	pools := map[string]bool{}
	for _, g := range res.Find(nodeGroupType) {
		pools[m(g.Inputs, "labels", "dominodatalab.com/node-pool").(string)] = true
	}
	assert.True(t, pools["default"])
	assert.Empty(t, res.Find(nodePoolType))
	assert.NotContains(t, res.Outputs["kubernetesSetup"], "karpenter")
}

// The EC2NodeClass follows the AMI pin, the AMI family's user data and the
// key, as the launch templates do.
func TestKarpenterNodeClassShapes(t *testing.T) {
	for name, tc := range map[string]struct {
		args     domino.DominoEKSArgs
		alias    string
		ignored  bool
		userData string
		key      bool
	}{
		"resolved release, kept": {args: domino.DominoEKSArgs{}, alias: "al2023@v20261120", ignored: true, key: true},
		"pinned release": {args: domino.DominoEKSArgs{NodeReleaseVersion: "1.35.0-20260101"},
			alias: "al2023@v20260101", key: true},
		"AL2 with the docker bridge": {args: domino.DominoEKSArgs{AmiFamily: domino.AmiAL2, KubernetesVersion: "1.32"},
			alias: "al2@v20261120", ignored: true, userData: "docker0", key: true},
		"no customer key": {args: domino.DominoEKSArgs{CreateKmsKey: ptr(false)}, alias: "al2023@v", ignored: true},
	} {
		t.Run(name, func(t *testing.T) {
			a := tc.args
			a.Karpenter, a.EndpointPublicAccess, a.PublicAccessCidrs = true, true, []string{"203.0.113.0/24"}
			classes := plan(t, a).Find(nodeClassType)
			require.Len(t, classes, 1)
			c := classes[0]
			terms := m(c.Inputs, "spec", "amiSelectorTerms").([]any)
			assert.True(t, strings.HasPrefix(m(terms[0], "alias").(string), tc.alias), "alias %v", m(terms[0], "alias"))
			assert.Equal(t, tc.ignored, len(c.IgnoreChanges) > 0, "%v", c.IgnoreChanges)
			ud, _ := m(c.Inputs, "spec", "userData").(string)
			if tc.userData == "" {
				assert.Empty(t, ud)
			} else {
				assert.Contains(t, ud, tc.userData)
			}
			bdm := m(c.Inputs, "spec", "blockDeviceMappings").([]any)
			_, hasKey := m(bdm[0], "ebs").(map[string]any)["kmsKeyID"]
			assert.Equal(t, tc.key, hasKey)
		})
	}
}

// The budgets keep drifted and underutilized nodes: only empty ones go.
func TestKarpenterBudgetsNeverDisruptBusyNodes(t *testing.T) {
	pools := plan(t, karpenterArgs(true)).Find(nodePoolType)
	require.NotEmpty(t, pools)
	for _, np := range pools {
		budgets := m(np.Inputs, "spec", "disruption", "budgets").([]any)
		zero := map[string]bool{}
		for _, b := range budgets {
			if m(b, "nodes") == "0" {
				for _, r := range m(b, "reasons").([]any) {
					zero[r.(string)] = true
				}
			}
		}
		assert.Equal(t, map[string]bool{"Drifted": true, "Underutilized": true}, zero, np.Name)
	}
}
