package scheduling

import corev1 "k8s.io/api/core/v1"

// Sources of Calico's entries (networkPolicyProvider: calico).
const (
	srcCalicoTolerateAll = "tigera/operator pkg/render/common/meta/meta.go (TolerateAll: CriticalAddonsOnly Exists, " +
		"NoSchedule Exists, NoExecute Exists, \"tolerate all taints\"), the default tolerations of calico-node and " +
		"calico-typha (operator render tests: \"default node and typha tolerations\") and of csi-node-driver " +
		"(pkg/render/csi.go csiTolerations); the operator sets no resource requests by default"
	srcCalicoControlPlane = "Domino's Terraform (dominodatalab/terraform-aws-eks v3.49.0) " +
		"modules/eks/submodules/k8s/templates/k8s-functions.sh.tftpl _install_calico_chart: nodeSelector, " +
		"installation.controlPlaneNodeSelector and installation.typhaDeployment nodeSelector on the platform nodes, " +
		"tolerations and installation.controlPlaneTolerations node.kubernetes.io/unschedulable; this component " +
		"selects the platform nodes by dominodatalab.com/node-pool: platform (domino/calico.go)"
	srcCalicoKubeControllers = srcCalicoControlPlane + "; tigera/operator renders calico-kube-controllers with " +
		"tolerations node-role.kubernetes.io/master NoSchedule and CriticalAddonsOnly plus controlPlaneTolerations " +
		"(operator render tests: \"default kube-controllers tolerations\")"
	srcCalicoOperator = "tigera-operator chart values.yaml (nodeSelector, tolerations of the tigera/operator pod; " +
		"resources: {}) as Domino's Terraform overrides them: " + srcCalicoControlPlane
)

// tolerateAll is the operator's TolerateAll.
var tolerateAll = []corev1.Toleration{
	{Key: "CriticalAddonsOnly", Operator: corev1.TolerationOpExists},
	{Effect: corev1.TaintEffectNoSchedule, Operator: corev1.TolerationOpExists},
	{Effect: corev1.TaintEffectNoExecute, Operator: corev1.TolerationOpExists},
}

// unschedulable is Domino's control-plane toleration for Calico.
var unschedulable = corev1.Toleration{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpEqual, Effect: corev1.TaintEffectNoSchedule}

// CalicoDaemonSets are the per-node pods the tigera-operator runs with an
// AmazonVPC CNI: calico-node (Felix, which enforces NetworkPolicy on its
// node) and csi-node-driver, both on every node.
func CalicoDaemonSets() []DaemonSet {
	return []DaemonSet{
		{ID: "calico-node", Name: "Calico node agent (calico-node, enforces NetworkPolicy)", Tolerations: tolerateAll,
			Requests: requests("0", "0", nil), MustRun: everyGroup, MustRunText: "every node", Source: srcCalicoTolerateAll},
		{ID: "csi-node-driver", Name: "Calico CSI node driver (csi-node-driver)", Tolerations: tolerateAll,
			Requests: requests("0", "0", nil), MustRun: everyGroup, MustRunText: "every node", Source: srcCalicoTolerateAll},
	}
}

// calicoClasses are the operator and Calico's control plane: on the
// platform nodes, required (without them no policy reaches calico-node).
func calicoClasses() []PodClass {
	platform := map[string]string{NodePoolLabel: platformPool}
	return []PodClass{
		{ID: "tigera-operator", Name: "tigera-operator", NodeSelector: platform, Tolerations: []corev1.Toleration{unschedulable},
			Requests: requests("0", "0", nil), Required: true, Pool: platformPool, Source: srcCalicoOperator},
		{ID: "calico-typha", Name: "Calico Typha", NodeSelector: platform, Tolerations: append(append([]corev1.Toleration{}, tolerateAll...), unschedulable),
			Requests: requests("0", "0", nil), Required: true, Pool: platformPool, Source: srcCalicoControlPlane},
		{ID: "calico-kube-controllers", Name: "Calico kube-controllers", NodeSelector: platform,
			Tolerations: []corev1.Toleration{
				{Key: "node-role.kubernetes.io/master", Effect: corev1.TaintEffectNoSchedule},
				{Key: "CriticalAddonsOnly", Operator: corev1.TolerationOpExists},
				unschedulable,
			},
			Requests: requests("0", "0", nil), Required: true, Pool: platformPool, Source: srcCalicoKubeControllers},
	}
}

// DaemonSetsFor are the DaemonSets every node group of the cluster must
// run: the table's, and Calico's when it enforces NetworkPolicy.
func DaemonSetsFor(c Cluster) []DaemonSet {
	out := DaemonSets()
	if c.Calico {
		out = append(out, CalicoDaemonSets()...)
	}
	return out
}
