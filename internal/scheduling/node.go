package scheduling

import (
	"fmt"
	"maps"

	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Sources of the running node's allocatable.
const (
	// srcReserved: the EKS AMIs reserve CPU and memory for the kubelet by
	// these formulas (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go
	// getCPUMillicoresToReserve and getMemoryMebibytesToReserve; AL2's
	// bootstrap.sh the same) and evict below 100Mi of free memory.
	srcReserved = "awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go (kube-reserved CPU 6%/1%/0.5%/0.25% " +
		"of cores 1/2/3-4/5+, memory 11 MiB x max pods + 255 MiB, evictionHard memory.available 100Mi)"
	// srcVMOverhead: a node's memory capacity is below the nominal instance
	// memory; Karpenter estimates the difference as 7.5% (its
	// vmMemoryOverheadPercent default), which the model uses too.
	srcVMOverhead = "Karpenter settings, vmMemoryOverheadPercent (default 0.075), https://karpenter.sh/docs/reference/settings/"
)

const (
	vmMemoryOverheadPermille = 75
	evictionHardMiB          = 100
)

// RunningNode is a node of the group as it runs in zone once its DaemonSets
// are up: the node group's labels and the kubelet's well-known ones
// (including the EBS driver's topology key, which the kubelet sets when the
// driver registers), the node group's taints less the EBS CSI startup taint
// (the driver removes it; its node DaemonSet tolerates every taint), and
// allocatable after EKS's reservations with the group's max pods. The NVIDIA
// device plugin advertises the GPUs and Domino's FUSE device manager its
// devices only where their DaemonSets run.
func RunningNode(g Group, zone string, daemonSets []DaemonSet) (*corev1.Node, error) {
	if len(g.InstanceTypes) == 0 {
		return nil, fmt.Errorf("node group %s has no instance type", g.Name)
	}
	it := g.InstanceTypes[0]
	c, ok := sizing.Lookup(it)
	if !ok {
		return nil, fmt.Errorf("node group %s: instance type %s is not in the sizing table", g.Name, it)
	}
	maxPods, ok := sizing.MaxPods(it)
	if !ok {
		maxPods = autoscalerTemplatePods
	}
	name := g.Name + "-" + zone
	labels := map[string]string{
		corev1.LabelArchStable:         ArchOf(it),
		corev1.LabelOSStable:           "linux",
		corev1.LabelInstanceTypeStable: it,
		corev1.LabelTopologyRegion:     regionOf(zone),
		corev1.LabelTopologyZone:       zone,
		corev1.LabelHostname:           name,
		EBSZoneLabel:                   zone,
		"eks.amazonaws.com/nodegroup":  g.Name,
	}
	if g.CapacityType != "" {
		labels["eks.amazonaws.com/capacityType"] = g.CapacityType
	}
	maps.Copy(labels, g.Labels)
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
	for _, t := range g.Taints {
		if t.Key != EBSStartupTaintKey {
			node.Spec.Taints = append(node.Spec.Taints, corev1.Taint{Key: t.Key, Value: t.Value, Effect: corev1.TaintEffect(t.Effect)})
		}
	}
	memMiB := int64(c.MemGiB) * 1024 * (1000 - vmMemoryOverheadPermille) / 1000
	allocatable := corev1.ResourceList{
		corev1.ResourcePods:   *resource.NewQuantity(int64(maxPods), resource.DecimalSI),
		corev1.ResourceCPU:    *resource.NewMilliQuantity(int64(c.VCPU)*1000-reservedCPUMillis(c.VCPU), resource.DecimalSI),
		corev1.ResourceMemory: *resource.NewQuantity((memMiB-reservedMemoryMiB(maxPods)-evictionHardMiB)<<20, resource.BinarySI),
	}
	for _, ds := range daemonSets {
		if ok, _ := ds.RunsOn(node); !ok {
			continue
		}
		for r, n := range ds.Provides {
			if r == GPUResource {
				n = int64(c.GPUs)
			}
			if n > 0 {
				allocatable[corev1.ResourceName(r)] = *resource.NewQuantity(n, resource.DecimalSI)
			}
		}
	}
	node.Status.Capacity = allocatable
	node.Status.Allocatable = allocatable.DeepCopy()
	return node, nil
}

// reservedCPUMillis is EKS's kube-reserved CPU for a node of vcpu cores.
func reservedCPUMillis(vcpu int) int64 {
	var m float64
	for core := 1; core <= vcpu; core++ {
		switch {
		case core == 1:
			m += 60
		case core == 2:
			m += 10
		case core <= 4:
			m += 5
		default:
			m += 2.5
		}
	}
	return int64(m)
}

// reservedMemoryMiB is EKS's kube-reserved memory for a node of maxPods.
func reservedMemoryMiB(maxPods int) int64 { return 11*int64(maxPods) + 255 }
