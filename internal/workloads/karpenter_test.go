package workloads

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

const nodePoolYAML = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default-gpu
spec:
  disruption:
    consolidationPolicy: WhenEmpty
  limits:
    nodes: "15"
  template:
    metadata:
      labels:
        dominodatalab.com/node-pool: default-gpu
        nvidia.com/gpu: "true"
    spec:
      expireAfter: Never
      nodeClassRef:
        name: domino-al2023-gpu-400gib
      requirements:
      - key: node.kubernetes.io/instance-type
        operator: In
        values: [p3.2xlarge]
      - key: karpenter.sh/capacity-type
        operator: In
        values: [on-demand]
      - key: topology.kubernetes.io/zone
        operator: In
        values: [us-west-2a, us-west-2b]
      startupTaints:
      - key: ebs.csi.aws.com/agent-not-ready
        effect: NoExecute
      taints:
      - key: nvidia.com/gpu
        value: "true"
        effect: NoSchedule
`

const nodeClassYAML = `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: domino-al2023-gpu-400gib
spec:
  blockDeviceMappings:
  - deviceName: /dev/xvda
    ebs:
      volumeSize: 400Gi
      volumeType: gp3
`

// The same NodePool reads the same from a registered custom resource (API
// reachable) and from a kubernetesSetup apply step (private API).
func TestNodePoolsFromPlanBothPaths(t *testing.T) {
	want := NodePool{Name: "default-gpu", Pool: "default-gpu",
		Labels:        map[string]string{NodePoolLabel: "default-gpu", "nvidia.com/gpu": "true"},
		Taints:        []Taint{{Key: "nvidia.com/gpu", Value: "true", Effect: "NoSchedule"}},
		StartupTaints: []Taint{{Key: EBSStartupTaintKey, Effect: "NoExecute"}},
		Zones:         []string{"us-west-2a", "us-west-2b"}, InstanceTypes: []string{"p3.2xlarge"}, CapacityType: "on-demand",
		MaxNodes: 15, ConsolidationPolicy: "WhenEmpty", ExpireAfter: "Never", NodeClass: "domino-al2023-gpu-400gib",
		DiskGiB: 400, VolumeType: "gp3"}
	var np, nc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(nodePoolYAML), &np))
	require.NoError(t, yaml.Unmarshal([]byte(nodeClassYAML), &nc))

	registered, err := NodePoolsFromPlan([]preview.Resource{
		{URN: "urn:np", Type: TypeNodePool, Inputs: np},
		{URN: "urn:nc", Type: TypeEC2NodeClass, Inputs: nc},
	}, map[string]any{"kubernetesSetup": ""})
	require.NoError(t, err)
	withURN := want
	withURN.URN = "urn:np"
	assert.Equal(t, []NodePool{withURN}, registered)

	setup := "#!/bin/sh\nhelm upgrade --install karpenter x --values - <<'EOF'\nsettings: {}\nEOF\n" +
		"kubectl apply -f - <<'EOF'\n" + nodeClassYAML + "EOF\n" +
		"kubectl apply -f - <<'EOF'\n" + nodePoolYAML + "EOF\n"
	emitted, err := NodePoolsFromPlan(nil, map[string]any{"kubernetesSetup": setup})
	require.NoError(t, err)
	assert.Equal(t, []NodePool{want}, emitted)

	_, err = NodePoolsFromPlan(nil, map[string]any{"kubernetesSetup": "kubectl apply -f - <<'EOF'\nkind: NodePool\n"})
	assert.ErrorContains(t, err, "no closing EOF")
}
