package scheduling

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// srcCA is the autoscaler source every rule below is read from.
const srcCA = "kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/aws_manager.go (buildNodeFromTemplate, " +
	"buildGenericLabels, extractLabelsFromAsg, extractTaintsFromAsg) and aws_wrapper.go (getManagedNodegroupInfo, " +
	"taintEksTranslator), read at tags cluster-autoscaler-1.24.0 through 1.36.1 and master 55c37cd (2026-08-22)"

// Behaviour is how one cluster-autoscaler release builds the template of an
// EKS managed node group with no nodes. Each field is a difference between
// releases, cited to the commit that made it.
type Behaviour struct {
	// Name says which release or assumption the behaviour stands for.
	Name string
	// ManagedNodegroup: labels and taints are read from DescribeNodegroup
	// (b4cadfb "[AWS EKS - Scale-to-0] Add Managed Nodegroup Cache",
	// cluster-autoscaler-1.24.0). Before, only the ASG's tags count.
	ManagedNodegroup bool
	// EBSZoneLabel: buildGenericLabels adds topology.ebs.csi.aws.com/zone
	// (dca8632 "fix: add aws csi zone label to template", 1.29.0).
	EBSZoneLabel bool
	// TranslatesEffect: node group taint effects are translated from EKS's
	// NO_EXECUTE to NoExecute (taintEksTranslator, 1.31.0); before, the EKS
	// spelling was copied and the scheduler ignores such a taint.
	TranslatesEffect bool
	// KeepsValueless: node group taints without a value are kept. Every
	// release so far skips them (`taint.Key != nil && taint.Value != nil`);
	// the worst case assumes a release that does not.
	KeepsValueless bool
}

// Release is the behaviour of the cluster-autoscaler release whose minor
// matches the Kubernetes minor (the autoscaler's own compatibility rule:
// "use the Cluster Autoscaler release that matches the Kubernetes minor").
func Release(kubernetesVersion string) Behaviour {
	minor := minorOf(kubernetesVersion)
	return Behaviour{
		Name:             "cluster-autoscaler 1." + strconv.Itoa(minor),
		ManagedNodegroup: minor >= 24,
		EBSZoneLabel:     minor >= 29,
		TranslatesEffect: minor >= 31,
	}
}

// Behaviours are every behaviour a pool at zero must scale under: the
// release matching the Kubernetes version; an older release reading only
// the ASG's tags (Domino's installer chooses the autoscaler and its flags,
// and does not publish them); and the worst case of the quirks above — a
// release that keeps valueless taints with their effect translated. None of
// them is assumed to run with --startup-taint.
func Behaviours(kubernetesVersion string) []Behaviour {
	return []Behaviour{
		Release(kubernetesVersion),
		{Name: "cluster-autoscaler before 1.24 (ASG tags only)"},
		{Name: "worst case (valueless taints kept, effects translated)", ManagedNodegroup: true, TranslatesEffect: true, KeepsValueless: true},
	}
}

func minorOf(v string) int {
	_, m, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(m)
	if err != nil {
		return 0
	}
	return n
}

// startupTaintPrefixes are the taint prefixes the autoscaler drops from every
// template (utils/taints/taints.go StartupTaintPrefix, IgnoreTaintPrefix;
// FAQ "How does Cluster Autoscaler treat nodes with status/startup/ignore
// taints?"), and status taints which it drops too.
var startupTaintPrefixes = []string{
	"startup-taint.cluster-autoscaler.kubernetes.io/",
	"ignore-taint.cluster-autoscaler.kubernetes.io/",
	"status-taint.cluster-autoscaler.kubernetes.io/",
}

// autoscalerTemplatePods is the pod capacity of every AWS template
// (buildNodeFromTemplate: "TODO: get a real value", 110).
const autoscalerTemplatePods = 110

// ZeroTemplate is the node cluster-autoscaler imagines for a group with no
// nodes under behaviour b: capacity from the first instance type (allocatable
// equals capacity: "TODO: use proper allocatable!!"), 110 pods, the generic
// labels with the ASG's first zone, labels and taints from the ASG's
// node-template tags and, for managed node groups, DescribeNodegroup's
// labels and taints; startup taints dropped. It fails when the group has no
// instance type or zone, or its instance type is not in the sizing table.
func ZeroTemplate(g Group, b Behaviour) (*corev1.Node, error) {
	if len(g.InstanceTypes) == 0 || len(g.Zones) == 0 {
		return nil, fmt.Errorf("node group %s has no instance type or zone", g.Name)
	}
	it := g.InstanceTypes[0]
	c, ok := sizing.Lookup(it)
	if !ok {
		return nil, fmt.Errorf("node group %s: instance type %s is not in the sizing table", g.Name, it)
	}
	zone := g.Zones[0]
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: g.Name + "-template", Labels: map[string]string{
		corev1.LabelArchStable:         ArchOf(it),
		corev1.LabelOSStable:           "linux",
		corev1.LabelInstanceTypeStable: it,
		corev1.LabelTopologyRegion:     regionOf(zone),
		corev1.LabelTopologyZone:       zone,
		corev1.LabelHostname:           g.Name + "-template",
	}}}
	if b.EBSZoneLabel {
		node.Labels[EBSZoneLabel] = zone
	}
	capacity := corev1.ResourceList{
		corev1.ResourcePods:   *resource.NewQuantity(autoscalerTemplatePods, resource.DecimalSI),
		corev1.ResourceCPU:    *resource.NewQuantity(int64(c.VCPU), resource.DecimalSI),
		corev1.ResourceMemory: *resource.NewQuantity(int64(c.MemGiB)<<30, resource.BinarySI),
		GPUResource:           *resource.NewQuantity(int64(c.GPUs), resource.DecimalSI),
	}
	// The ASG's tags: node-template labels, resources and taints; EKS's own
	// eks:cluster-name and eks:nodegroup-name tags become labels too.
	for k, v := range g.ASGTags {
		switch {
		case strings.HasPrefix(k, TemplateLabelTag):
			node.Labels[strings.TrimPrefix(k, TemplateLabelTag)] = v
		case strings.HasPrefix(k, "eks:"):
			node.Labels[strings.TrimPrefix(k, "eks:")] = v
		case strings.HasPrefix(k, TemplateResourceTag):
			if q, err := resource.ParseQuantity(v); err == nil {
				capacity[corev1.ResourceName(strings.TrimPrefix(k, TemplateResourceTag))] = q
			}
		case strings.HasPrefix(k, TemplateTaintTag):
			if t, ok := asgTaint(strings.TrimPrefix(k, TemplateTaintTag), v); ok {
				node.Spec.Taints = append(node.Spec.Taints, t)
			}
		}
	}
	if b.ManagedNodegroup {
		maps.Copy(node.Labels, managedLabels(g))
		node.Spec.Taints = append(node.Spec.Taints, managedTaints(g, b)...)
	}
	node.Spec.Taints = withoutStartupTaints(node.Spec.Taints)
	node.Status.Capacity = capacity
	node.Status.Allocatable = capacity.DeepCopy()
	return node, nil
}

// asgTaint parses a node-template taint tag: the value must match
// "(.*):(?:NoSchedule|NoExecute|PreferNoSchedule)".
func asgTaint(key, value string) (corev1.Taint, bool) {
	v, effect, ok := strings.Cut(value, ":")
	if !ok || !slices.Contains([]string{"NoSchedule", "NoExecute", "PreferNoSchedule"}, effect) {
		return corev1.Taint{}, false
	}
	return corev1.Taint{Key: key, Value: v, Effect: corev1.TaintEffect(effect)}, true
}

// managedLabels are the labels getManagedNodegroupInfo reads from
// DescribeNodegroup: amiType, capacity type, version, node group name and
// the node group's labels (they win over the ASG's tags).
func managedLabels(g Group) map[string]string {
	l := map[string]string{"eks.amazonaws.com/nodegroup": g.Name}
	if g.AMIType != "" {
		l["amiType"] = g.AMIType
	}
	if g.CapacityType != "" {
		l["eks.amazonaws.com/capacityType"] = g.CapacityType
	}
	maps.Copy(l, g.Labels)
	return l
}

// managedTaints are the node group's taints as the behaviour copies them.
func managedTaints(g Group, b Behaviour) []corev1.Taint {
	var out []corev1.Taint
	for _, t := range g.Taints {
		if t.Value == "" && !b.KeepsValueless {
			continue
		}
		effect := t.Effect
		if !b.TranslatesEffect {
			effect, _ = awsfacts.EKSTaintEffect(t.Effect) // NO_EXECUTE: the scheduler ignores it
		}
		out = append(out, corev1.Taint{Key: t.Key, Value: t.Value, Effect: corev1.TaintEffect(effect)})
	}
	return out
}

// withoutStartupTaints drops the taints every template drops.
func withoutStartupTaints(taints []corev1.Taint) []corev1.Taint {
	return slices.DeleteFunc(taints, func(t corev1.Taint) bool {
		return slices.ContainsFunc(startupTaintPrefixes, func(p string) bool { return strings.HasPrefix(t.Key, p) })
	})
}

// ArchOf is the architecture of an instance type: Graviton families (a "g"
// after the generation digit, e.g. m7g, c6gn, t4g) are arm64.
func ArchOf(instanceType string) string {
	family, _, _ := strings.Cut(instanceType, ".")
	for i := 1; i < len(family); i++ {
		if family[i-1] >= '0' && family[i-1] <= '9' && family[i] == 'g' {
			return "arm64"
		}
	}
	return "amd64"
}

// regionOf is the region of a zone name ("us-west-2a" -> "us-west-2").
func regionOf(zone string) string {
	if zone == "" {
		return ""
	}
	return zone[:len(zone)-1]
}
