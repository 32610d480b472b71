package scheduling

import (
	"maps"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	corev1 "k8s.io/api/core/v1"
)

// Karpenter's NodePools as node templates. Karpenter decides a pending pod's
// node from the NodePool itself, not from a running node or an Auto Scaling
// group's tags (aws/karpenter-provider-aws v1.14.1 website/content/en/docs/concepts/scheduling.md):
//   - the node carries the template's labels and the well-known labels of the
//     instance it launches, in the zone the pod needs among the NodePool's
//     zones ("Persistent Volume Topology": Karpenter "detects storage
//     scheduling requirements and includes them in node launch decisions"),
//     unlike cluster-autoscaler's first-zone template;
//   - its taints are the template's; startup taints are ignored when
//     deciding (concepts/nodepools.md, spec.template.spec.startupTaints:
//     "pods aren't required to tolerate these taints to be considered for
//     provisioning");
//   - it always starts from zero: there is no minimum and no size-0 template
//     quirk of a release.
//
// The node's allocatable is RunningNode's (EKS's kube-reserved, eviction
// threshold and Karpenter's own 7.5% VM overhead estimate), of the
// NodePool's first instance type.
const (
	srcKarpenterScheduling = "aws/karpenter-provider-aws v1.14.1 website/content/en/docs/concepts/scheduling.md " +
		"(Well-Known Labels; Persistent Volume Topology: a node in the volume's zone) and nodepools.md (startupTaints: pods need not tolerate them to be provisioned for)"
	// ByKarpenter: Karpenter launches a node of the NodePool for the pod.
	ByKarpenter            = "Karpenter launches a node"
	srcKarpenterController = "aws/karpenter-provider-aws v1.14.1 charts/karpenter/values.yaml (replicas 2, " +
		"tolerations CriticalAddonsOnly, affinity karpenter.sh/nodepool DoesNotExist: never on a node it launched) " +
		"and getting-started step08-apply-helm-chart.sh (controller requests 1 CPU, 1Gi); the component's values " +
		"select the platform pool"
)

// karpenterNode is the node Karpenter launches for g in zone: RunningNode's,
// labelled as Karpenter labels it (karpenter.sh/nodepool,
// karpenter.sh/capacity-type) instead of a node group's EKS labels.
func karpenterNode(g Group, zone string, daemonSets []DaemonSet) (*corev1.Node, error) {
	node, err := RunningNode(g, zone, daemonSets)
	if err != nil {
		return nil, err
	}
	delete(node.Labels, "eks.amazonaws.com/nodegroup")
	delete(node.Labels, "eks.amazonaws.com/capacityType")
	labels := map[string]string{"karpenter.sh/nodepool": g.Name, "karpenter.sh/capacity-type": g.CapacityType}
	maps.Copy(labels, node.Labels)
	node.Labels = labels
	return node, nil
}

// fromNodePool is a NodePool as a group of the model.
func fromNodePool(np workloads.NodePool) Group {
	g := Group{Name: np.Name, Pool: np.Pool, URN: np.URN, Zones: np.Zones, InstanceTypes: np.InstanceTypes,
		CapacityType: np.CapacityType, Max: np.MaxNodes, Labels: np.Labels, Karpenter: true,
		Additional: !seedPools[np.Pool], GPU: np.Labels[GPULabel] == "true"}
	for _, t := range np.Taints {
		g.Taints = append(g.Taints, Taint(t))
	}
	for _, t := range np.StartupTaints {
		g.StartupTaints = append(g.StartupTaints, Taint(t))
	}
	return g
}

// karpenterControllerClass is Karpenter's controller: on the platform pool,
// required whenever a NodePool exists (without it no NodePool gets a node).
func karpenterControllerClass() PodClass {
	return PodClass{ID: "karpenter-controller", Name: "Karpenter's controller",
		// The chart's kubernetes.io/os: linux holds on every node of the model.
		NodeSelector: map[string]string{NodePoolLabel: platformPool},
		Tolerations:  []corev1.Toleration{{Key: "CriticalAddonsOnly", Operator: corev1.TolerationOpExists}},
		Requests:     requests("1", "1Gi", nil), Required: true, Pool: platformPool, Source: srcKarpenterController}
}
