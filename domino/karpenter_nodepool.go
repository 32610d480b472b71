package domino

import (
	"fmt"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Domino's NodePools: one per pool Karpenter serves, labelled and tainted as
// the pool's node groups would be. Fields as aws/karpenter-provider-aws
// v1.14.1 website/content/en/docs/concepts/nodepools.md and disruption.md
// document them; the disruption settings as Domino's Terraform
// examples/karpenter/templates/nodepools/compute.yaml and gpu.yaml (v3.49.0).

// Disruption settings of every Domino NodePool, chosen so that a running
// execution is never evicted by Karpenter:
//   - consolidationPolicy WhenEmpty: only nodes without non-DaemonSet pods
//     are consolidated (disruption.md, "Consolidation"), never an
//     underutilized node that still runs a workspace or job;
//   - consolidateAfter 5m: Domino's Terraform's value for compute and GPU;
//   - expireAfter Never: nodes are not drained at an age (disruption.md,
//     "Expiration" is forceful and ignores budgets; its default is 720h);
//   - budgets: empty nodes 10% at a time (Domino's Terraform), and none for
//     Drifted or Underutilized (disruption.md, "Reasons"): a changed AMI
//     alias or node class leaves drifted nodes running until they are empty,
//     when emptiness removes them and new nodes start on the new AMI.
const (
	KarpenterConsolidationPolicy = "WhenEmpty"
	KarpenterConsolidateAfter    = "5m"
	KarpenterExpireAfter         = "Never"
)

// karpenterCapacityType is Karpenter's karpenter.sh/capacity-type value of
// an EKS capacity type (scheduling.md, "Well-Known Labels").
func karpenterCapacityType(eks string) string {
	if eks == CapacitySpot {
		return "spot"
	}
	return "on-demand"
}

// nodePoolMaxNodes is how many nodes the pool may have: its maxSize per
// node group it would have had (sizes are per zone group unless spanAZs).
func nodePoolMaxNodes(p pool) int { return p.Max * len(p.nodeGroups()) }

// nodePoolLimits bound the pool's spend as its node groups' maxima did:
// limits.nodes (nodepools.md, "spec.limits") and cpu and memory of that many
// of its largest instance type (sizing table, as instances.go sizes pools).
func nodePoolLimits(p pool) pulumi.Map {
	nodes := nodePoolMaxNodes(p)
	vcpu, mem := 0, 0
	for _, it := range p.InstanceTypes {
		if c, ok := sizing.Lookup(it); ok {
			vcpu, mem = max(vcpu, c.VCPU), max(mem, c.MemGiB)
		}
	}
	limits := pulumi.Map{"nodes": pulumi.String(fmt.Sprint(nodes))}
	if vcpu > 0 {
		limits["cpu"] = pulumi.String(fmt.Sprint(nodes * vcpu))
		limits["memory"] = pulumi.String(fmt.Sprintf("%dGi", nodes*mem))
	}
	return limits
}

// nodePoolRequirements: the pool's instance types, capacity type and zones,
// and the architecture of its instance types (scheduling.md, "Well-Known
// Labels": node.kubernetes.io/instance-type, karpenter.sh/capacity-type,
// topology.kubernetes.io/zone, kubernetes.io/arch; Domino's Terraform
// compute.yaml selects instance types the same way).
func nodePoolRequirements(p pool) pulumi.Array {
	var arches []string
	for _, it := range p.InstanceTypes {
		if a := scheduling.ArchOf(it); !slices.Contains(arches, a) {
			arches = append(arches, a)
		}
	}
	in := func(key string, values []string) pulumi.Map {
		return pulumi.Map{"key": pulumi.String(key), "operator": pulumi.String("In"), "values": pulumi.ToStringArray(values)}
	}
	return pulumi.Array{
		in("node.kubernetes.io/instance-type", p.InstanceTypes),
		in("karpenter.sh/capacity-type", []string{karpenterCapacityType(p.CapacityType)}),
		in("topology.kubernetes.io/zone", p.AZs),
		in("kubernetes.io/arch", arches),
		in("kubernetes.io/os", []string{"linux"}),
	}
}

// nodePoolTaints are the pool's taints, and the startup taints: the EBS CSI
// driver's agent-not-ready taint (aws-ebs-csi-driver docs/install.md,
// "Configure node startup taint"), declared as a startup taint so Karpenter
// does not expect pods to tolerate it (nodepools.md,
// "spec.template.spec.startupTaints").
func nodePoolTaints(p pool) (taints, startup pulumi.Array) {
	taint := func(t Taint) pulumi.Map {
		m := pulumi.Map{"key": pulumi.String(t.Key), "effect": pulumi.String(t.Effect)}
		if t.Value != "" {
			m["value"] = pulumi.String(t.Value)
		}
		return m
	}
	for _, t := range p.Taints {
		if t.Key != EBSStartupTaint.Key {
			taints = append(taints, taint(t))
		}
	}
	return taints, pulumi.Array{taint(EBSStartupTaint)}
}

// nodePoolObject is the pool's NodePool, launching nodes of nodeClass.
func nodePoolObject(s spec, p pool, nodeClass string) kubeObject {
	taints, startup := nodePoolTaints(p)
	podSpec := pulumi.Map{
		"nodeClassRef": pulumi.Map{"group": pulumi.String("karpenter.k8s.aws"), "kind": pulumi.String("EC2NodeClass"),
			"name": pulumi.String(nodeClass)},
		"requirements":  nodePoolRequirements(p),
		"startupTaints": startup,
		"expireAfter":   pulumi.String(KarpenterExpireAfter),
	}
	if len(taints) > 0 {
		podSpec["taints"] = taints
	}
	spec := pulumi.Map{
		"template": pulumi.Map{
			"metadata": pulumi.Map{"labels": pulumi.ToStringMap(p.Labels)},
			"spec":     podSpec,
		},
		"disruption": pulumi.Map{
			"consolidationPolicy": pulumi.String(KarpenterConsolidationPolicy),
			"consolidateAfter":    pulumi.String(KarpenterConsolidateAfter),
			"budgets": pulumi.Array{
				pulumi.Map{"nodes": pulumi.String("10%"), "reasons": pulumi.ToStringArray([]string{"Empty"})},
				pulumi.Map{"nodes": pulumi.String("0"), "reasons": pulumi.ToStringArray([]string{"Drifted", "Underutilized"})},
			},
		},
		"limits": nodePoolLimits(p),
	}
	return kubeObject{APIVersion: karpenterNodePoolAPI, Kind: "NodePool", Name: p.Name,
		Labels: map[string]string{"app.kubernetes.io/managed-by": "dominoeks"}, Fields: pulumi.Map{"spec": spec}}
}
