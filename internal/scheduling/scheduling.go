// Package scheduling is the engine's third table, beside the AWS rules
// (internal/preview) and the workload grants (internal/workloads): where each
// of Domino's pods can run. A cluster can pass the other two and still fail
// its users — a GPU run stays Pending because the template cluster-autoscaler
// builds for an empty node group carries a taint no pod tolerates, or a
// workspace whose volume lives in zone b finds no group there.
//
// The package models three things, each cited where it is defined:
//   - Domino's pod classes and the DaemonSets that must run on every node
//     (classes.go), with their node selectors, tolerations (including those
//     admission plugins add) and requests;
//   - the node templates cluster-autoscaler builds for an EKS managed node
//     group at size 0, for every autoscaler behaviour a supported release can
//     show (autoscaler.go), and the node a running group really has
//     (node.go);
//   - the decision, made by Kubernetes' own code (k8s.io/component-helpers:
//     taint toleration and required node affinity), of which node group each
//     class lands on in each zone (evaluate.go).
//
// `dominoeks plan` evaluates every plan with it and fails like a workload gap
// when a required class has nowhere to run; `dominoeks check` builds the same
// templates from DescribeNodegroup and the Auto Scaling group tags.
package scheduling

import "github.com/dominoeks/pulumi-dominoeks/internal/workloads"

// Label and taint keys the model relies on.
const (
	// NodePoolLabel is the label Domino's hardware tiers select nodes by.
	NodePoolLabel = workloads.NodePoolLabel
	// DominoNodeLabel marks every node Domino's own DaemonSets run on
	// (Domino's Terraform modules/nodes/main.tf: "dominodatalab.com/domino-node"
	// = true on every node group except Karpenter's controller group, "to
	// mitigate daemonsets scheduling issues").
	DominoNodeLabel = "dominodatalab.com/domino-node"
	// BuildNodeLabel marks nodes environment builds may run on (seed table).
	BuildNodeLabel = "domino/build-node"
	// GPUResource is the extended resource the NVIDIA device plugin advertises.
	GPUResource = "nvidia.com/gpu"
	// GPULabel marks GPU nodes (seed table; Domino's Terraform gpu_labels).
	GPULabel = "nvidia.com/gpu"
	// EBSStartupTaintKey is the EBS CSI driver's node startup taint, which the
	// driver removes once it runs on the node (aws-ebs-csi-driver
	// docs/install.md, "Configure node startup taint").
	EBSStartupTaintKey = workloads.EBSStartupTaintKey
	// EBSZoneLabel is the EBS CSI driver's own topology key (driver v1.30-v1.32
	// write it into volume node affinity; CHANGELOG v1.33.0, #2086).
	EBSZoneLabel = "topology.ebs.csi.aws.com/zone"
	// FuseResource is the FUSE device resource Domino's Terraform advertises
	// on every node group's template (modules/nodes/nodes.tf asg_tags:
	// k8s.io/cluster-autoscaler/node-template/resources/smarter-devices/fuse = 20).
	FuseResource = "smarter-devices/fuse"
	// FuseDevices is how many FUSE devices that tag advertises.
	FuseDevices = 20
)

// Autoscaler tag prefixes on an Auto Scaling group (cluster-autoscaler
// cloudprovider/aws/aws_manager.go: extractLabelsFromAsg,
// extractTaintsFromAsg, extractAllocatableResourcesFromAsg).
const (
	TemplateLabelTag    = "k8s.io/cluster-autoscaler/node-template/label/"
	TemplateTaintTag    = "k8s.io/cluster-autoscaler/node-template/taint/"
	TemplateResourceTag = "k8s.io/cluster-autoscaler/node-template/resources/"
)

// Taint is a node group taint, its effect in Kubernetes' spelling. An empty
// Value is what the EKS API returns as no value at all (nil).
type Taint struct{ Key, Value, Effect string }

// Group is an EKS managed node group as the scheduler and the autoscaler see
// it: what DescribeNodegroup returns and the tags on its Auto Scaling group.
type Group struct {
	// Name is the node group name; Pool its node-pool label value.
	Name, Pool string
	// URN locates the group in a plan ("" live).
	URN string
	// Zones the group's subnets are in, in the order the Auto Scaling group
	// lists them (the autoscaler's template takes the first).
	Zones []string
	// InstanceTypes of the group; the template uses the first.
	InstanceTypes []string
	// CapacityType is ON_DEMAND or SPOT; AMIType the EKS AMI type.
	CapacityType, AMIType string
	// Min and Max bound the group.
	Min, Max int
	// Labels and Taints are the node group's (DescribeNodegroup).
	Labels map[string]string
	Taints []Taint
	// ASGTags are the tags on the group's Auto Scaling group (nil: unknown).
	ASGTags map[string]string
	// GPU: the group runs an NVIDIA AMI type.
	GPU bool
	// Additional: the pool is one of the user's additional pools (its
	// problems are warnings when only optional classes are affected).
	Additional bool
	// Karpenter: the group is a Karpenter NodePool (karpenter.go), not a
	// node group; StartupTaints are its spec.template.spec.startupTaints.
	Karpenter     bool
	StartupTaints []Taint
}

// Cluster is what the model evaluates: the node groups, the Kubernetes
// version (which picks the autoscaler release) and the EBS CSI driver
// version (which picks the zone key of volume node affinity).
type Cluster struct {
	KubernetesVersion string
	// EBSCSIVersion is the aws-ebs-csi-driver add-on version ("": unknown).
	EBSCSIVersion string
	Groups        []Group
	// DaemonSets replaces the table's DaemonSets (check with --kubeconfig
	// reads the real ones); nil: DaemonSetsFor(c).
	DaemonSets []DaemonSet
	// Calico: Calico enforces NetworkPolicy (calico-node and
	// csi-node-driver on every node, the operator and its control plane on
	// the platform nodes).
	Calico bool
}
