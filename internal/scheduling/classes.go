package scheduling

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/component-helpers/scheduling/corev1/nodeaffinity"
	"k8s.io/klog/v2"

	schedhelper "k8s.io/component-helpers/scheduling/corev1"
)

// Sources of the class and DaemonSet table.
const (
	srcPlatform = "Domino admin guide, \"Kubernetes infrastructure\" (platform nodes host the always-on components) and " +
		"\"Cluster requirements\" (block storage for Domino's databases: zonal EBS volumes); request: elasticsearch, " +
		"the largest platform request in \"Large Domino Platform\" (1 CPU, 8Gi)"
	srcExecution = "Domino admin guide, \"Hardware tier best practices\" and \"Node pools\" (a hardware tier selects its " +
		"pool by dominodatalab.com/node-pool only and carries no tolerations; executions get an EBS volume from " +
		"domino-compute-storage, zonal); request: Domino's default small tier, 1 CPU and 4 GiB"
	srcBuild = "seed \"Domino on AWS EKS\" node pool table (domino/build-node: true on the default pool: environment " +
		"builds run there)"
	srcModelAPI = "Domino admin guide, \"Model APIs\" (model API pods run on a hardware tier of the default pool)"
	srcGPURun   = "Domino admin guide, \"GPU hardware tiers\" (a GPU tier selects dominodatalab.com/node-pool: default-gpu " +
		"and requests nvidia.com/gpu); Kubernetes admission plugin ExtendedResourceToleration (adds a toleration " +
		"for every extended resource requested), enabled on EKS since 1.19 (aws/containers-roadmap#739)"
	srcDefaultTolerations = "Kubernetes admission plugin DefaultTolerationSeconds (node.kubernetes.io/not-ready and " +
		"unreachable, NoExecute, 300 s), on by default in the API server"
	srcAWSNode   = "amazon-vpc-cni-k8s charts/aws-vpc-cni/values.yaml (tolerations: operator Exists; requests cpu 25m)"
	srcKubeProxy = "EKS kube-proxy add-on manifest (tolerations: operator Exists; requests cpu 100m)"
	srcEBSNode   = "aws-ebs-csi-driver charts/aws-ebs-csi-driver/values.yaml node.tolerateAllTaints: true (requests " +
		"10m/40Mi for each of the node plugin, registrar and liveness probe)"
	srcDominoNode = "Domino's Terraform modules/nodes/main.tf (dominodatalab.com/domino-node on every node group \"to " +
		"mitigate daemonsets scheduling issues\"; GPU groups tainted nvidia.com/gpu); Domino admin guide \"Hardware " +
		"tier best practices\" (Domino's per-node pods for log aggregation, monitoring and image caching reserve about " +
		"0.5 CPU and 0.5 GiB per node)"
	srcNvidia = "NVIDIA/k8s-device-plugin deployments/static/nvidia-device-plugin.yml (tolerations: nvidia.com/gpu " +
		"Exists NoSchedule, CriticalAddonsOnly); EKS user guide \"Use GPU instances\" (install the device plugin on " +
		"NVIDIA AMI nodes)"
)

// PodClass is one kind of Domino pod: where it asks to run and what it needs.
type PodClass struct {
	// ID is stable: it names the class in plan JSON and check results.
	ID   string
	Name string
	// NodeSelector and Tolerations are the pod's own, before admission.
	NodeSelector map[string]string
	Tolerations  []corev1.Toleration
	// Requests are one pod's resource requests.
	Requests corev1.ResourceList
	// Zonal: the pod is bound to a zonal EBS volume, so it must be able to
	// run in every zone its pool serves (a volume in zone b brings its pod
	// back to zone b).
	Zonal bool
	// Required: a cluster where the class cannot run is not Domino-ready.
	// Executions on an additional pool are optional (the pool may serve
	// other workloads); their problems are warnings.
	Required bool
	// Pool is the node-pool the class selects ("" when it selects by
	// another label).
	Pool   string
	Source string
}

// Pod is the class as admitted by the API server: its tolerations include
// those DefaultTolerationSeconds and ExtendedResourceToleration add.
func (c PodClass) Pod() *corev1.Pod {
	tolerations := slices.Clone(c.Tolerations)
	for _, key := range []string{corev1.TaintNodeNotReady, corev1.TaintNodeUnreachable} {
		secs := int64(300)
		tolerations = append(tolerations, corev1.Toleration{Key: key, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: &secs})
	}
	for r := range c.Requests {
		if isExtended(r) {
			tolerations = append(tolerations, corev1.Toleration{Key: string(r), Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule})
		}
	}
	return &corev1.Pod{Spec: corev1.PodSpec{
		NodeSelector: c.NodeSelector,
		Tolerations:  tolerations,
		Containers:   []corev1.Container{{Name: "main", Resources: corev1.ResourceRequirements{Requests: c.Requests}}},
	}}
}

// isExtended reports whether a resource is an extended resource
// (a domain-prefixed name outside kubernetes.io), as the
// ExtendedResourceToleration plugin decides.
func isExtended(r corev1.ResourceName) bool {
	switch r {
	case corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourcePods, corev1.ResourceEphemeralStorage:
		return false
	}
	for i := range len(r) {
		if r[i] == '/' {
			return true
		}
	}
	return false
}

func requests(cpu, memory string, extra map[string]int64) corev1.ResourceList {
	l := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu), corev1.ResourceMemory: resource.MustParse(memory)}
	for k, v := range extra {
		l[corev1.ResourceName(k)] = *resource.NewQuantity(v, resource.DecimalSI)
	}
	return l
}

// The seed's pool names, which Domino's default hardware tiers select.
const (
	platformPool = "platform"
	defaultPool  = "default"
)

// Classes are Domino's pod classes for the cluster's pools: platform
// services, environment builds and model APIs, executions on every compute
// pool (GPU runs on GPU pools), Calico's operator and control plane when it
// enforces NetworkPolicy, and Karpenter's controller when a NodePool serves a
// pool.
func Classes(c Cluster) []PodClass {
	out := []PodClass{
		{ID: "platform", Name: "Domino platform services", NodeSelector: map[string]string{NodePoolLabel: platformPool},
			Requests: requests("1", "8Gi", nil), Zonal: true, Required: true, Pool: platformPool, Source: srcPlatform},
		{ID: "build", Name: "environment builds", NodeSelector: map[string]string{BuildNodeLabel: "true"},
			Requests: requests("1", "4Gi", nil), Zonal: true, Required: true, Source: srcBuild},
		{ID: "model-api", Name: "model APIs", NodeSelector: map[string]string{NodePoolLabel: defaultPool},
			Requests: requests("1", "4Gi", nil), Required: true, Pool: defaultPool, Source: srcModelAPI},
	}
	seen := map[string]bool{platformPool: true}
	for _, g := range c.Groups {
		if g.Pool == "" || seen[g.Pool] {
			continue
		}
		seen[g.Pool] = true
		cl := PodClass{ID: "execution/" + g.Pool, Name: "executions on " + g.Pool, Pool: g.Pool,
			NodeSelector: map[string]string{NodePoolLabel: g.Pool}, Requests: requests("1", "4Gi", nil),
			Zonal: true, Required: !g.Additional, Source: srcExecution}
		if g.GPU {
			cl.Name = "GPU runs on " + g.Pool
			cl.Requests = requests("1", "4Gi", map[string]int64{GPUResource: 1})
			cl.Source = srcGPURun
		}
		out = append(out, cl)
	}
	if c.Calico {
		out = append(out, calicoClasses()...)
	}
	for _, g := range c.Groups {
		if g.Karpenter {
			out = append(out, karpenterControllerClass())
			break
		}
	}
	return out
}

// DaemonSet is a per-node pod that must run on the nodes it serves.
type DaemonSet struct {
	ID, Name string
	// NodeSelector and Affinity are the DaemonSet's pod template's.
	NodeSelector map[string]string
	Affinity     *corev1.Affinity
	Tolerations  []corev1.Toleration
	Requests     corev1.ResourceList
	// Provides are the extended resources the DaemonSet advertises on its
	// node (the NVIDIA device plugin: the node's GPUs, count filled in).
	Provides map[string]int64
	// MustRun says which node groups the DaemonSet must run on.
	MustRun func(Group) bool
	// MustRunText says it in words.
	MustRunText string
	Source      string
}

// RunsOn reports whether the DaemonSet controller places a pod on node: its
// required node affinity (nodeSelector and affinity, decided by
// k8s.io/component-helpers) and its tolerations of every NoSchedule and
// NoExecute taint. The untolerated taint is returned when one blocks it.
func (d DaemonSet) RunsOn(node *corev1.Node) (bool, *corev1.Taint) {
	if ok, _ := nodeaffinity.NewRequiredNodeAffinity(d.NodeSelector, d.Affinity).Match(node); !ok {
		return false, nil
	}
	if t, found := untolerated(node.Spec.Taints, d.Tolerations); found {
		return false, &t
	}
	return true, nil
}

// untolerated returns the first NoSchedule or NoExecute taint the
// tolerations do not tolerate (the scheduler's TaintToleration filter).
func untolerated(taints []corev1.Taint, tolerations []corev1.Toleration) (corev1.Taint, bool) {
	return schedhelper.FindMatchingUntoleratedTaint(klog.Background(), taints, tolerations, func(t *corev1.Taint) bool {
		return t.Effect == corev1.TaintEffectNoSchedule || t.Effect == corev1.TaintEffectNoExecute
	}, false)
}

func everyGroup(Group) bool { return true }

// DaemonSets are the per-node pods every Domino node group must run.
func DaemonSets() []DaemonSet {
	all := []corev1.Toleration{{Operator: corev1.TolerationOpExists}}
	return []DaemonSet{
		{ID: "aws-node", Name: "Amazon VPC CNI (aws-node)", Tolerations: all, Requests: requests("25m", "0", nil),
			MustRun: everyGroup, MustRunText: "every node", Source: srcAWSNode},
		{ID: "kube-proxy", Name: "kube-proxy", Tolerations: all, Requests: requests("100m", "0", nil),
			MustRun: everyGroup, MustRunText: "every node", Source: srcKubeProxy},
		{ID: "ebs-csi-node", Name: "EBS CSI node plugin", Tolerations: all, Requests: requests("30m", "120Mi", nil),
			MustRun: everyGroup, MustRunText: "every node", Source: srcEBSNode},
		{ID: "domino-node-agents", Name: "Domino's per-node pods (logs, monitoring, image cache, FUSE devices)",
			NodeSelector: map[string]string{DominoNodeLabel: "true"},
			Tolerations:  []corev1.Toleration{{Key: GPUResource, Operator: corev1.TolerationOpExists}},
			Requests:     requests("500m", "512Mi", nil), Provides: map[string]int64{FuseResource: FuseDevices},
			MustRun: everyGroup, MustRunText: "every Domino node", Source: srcDominoNode},
		{ID: "nvidia-device-plugin", Name: "NVIDIA device plugin",
			NodeSelector: map[string]string{GPULabel: "true"},
			Tolerations: []corev1.Toleration{
				{Key: GPUResource, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
				{Key: "CriticalAddonsOnly", Operator: corev1.TolerationOpExists},
			},
			Provides: map[string]int64{GPUResource: 0},
			MustRun:  func(g Group) bool { return g.GPU }, MustRunText: "every GPU node", Source: srcNvidia},
	}
}

// daemonSetsOf returns the cluster's DaemonSets (the table's, with
// Calico's when it runs, unless replaced).
func daemonSetsOf(c Cluster) []DaemonSet {
	if c.DaemonSets != nil {
		return c.DaemonSets
	}
	return DaemonSetsFor(c)
}
