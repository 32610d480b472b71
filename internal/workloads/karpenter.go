package workloads

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// Karpenter's objects in a plan. With a reachable API they are registered
// custom resources (their inputs hold apiVersion, kind, metadata and spec);
// otherwise they are only `kubectl apply` steps of the kubernetesSetup
// output. Both are read, so a plan models Karpenter's NodePools either way.
const (
	TypeNodePool      = "kubernetes:karpenter.sh/v1:NodePool"
	TypeEC2NodeClass  = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass"
	kindNodePool      = "NodePool"
	kindEC2NodeClass  = "EC2NodeClass"
	labelInstanceType = "node.kubernetes.io/instance-type"
	labelCapacityType = "karpenter.sh/capacity-type"
	labelZone         = "topology.kubernetes.io/zone"
)

// NodePool is a Karpenter NodePool with what the scheduling model, the cost
// model and the reports read from it and its EC2NodeClass.
type NodePool struct {
	// Name is the NodePool's name; Pool its node-pool label value.
	Name, Pool string
	// URN locates the custom resource ("" when it is a kubernetesSetup step).
	URN string
	// Labels and Taints of its nodes (spec.template); StartupTaints are
	// removed by the agents that run there.
	Labels                map[string]string
	Taints, StartupTaints []Taint
	// Zones, InstanceTypes and CapacityType (on-demand or spot) from its requirements.
	Zones, InstanceTypes []string
	CapacityType         string
	// MaxNodes is limits.nodes (0: unbounded).
	MaxNodes int
	// ConsolidationPolicy and ExpireAfter say how Karpenter disrupts its nodes.
	ConsolidationPolicy, ExpireAfter string
	// NodeClass names its EC2NodeClass; DiskGiB and VolumeType are that
	// class's root volume (0 and "" when unknown).
	NodeClass  string
	DiskGiB    int
	VolumeType string
}

// karpenterObjects returns the plan's Karpenter objects as manifests, with
// the URN of those registered as custom resources.
func karpenterObjects(resources []preview.Resource, outputs map[string]any) ([]map[string]any, []string, error) {
	var objs []map[string]any
	var urns []string
	for _, r := range resources {
		if r.Type == TypeNodePool || r.Type == TypeEC2NodeClass {
			objs, urns = append(objs, r.Inputs), append(urns, r.URN)
		}
	}
	setup, _ := outputs["kubernetesSetup"].(string)
	steps, err := kubesetup.Parse(setup)
	if err != nil {
		return nil, nil, err
	}
	for _, obj := range steps.Objects {
		if k := str(obj, "kind"); k == kindNodePool || k == kindEC2NodeClass {
			objs, urns = append(objs, obj), append(urns, "")
		}
	}
	return objs, urns, nil
}

// NodePoolsFromPlan reads the Karpenter NodePools of a plan, from its
// custom resources or its kubernetesSetup steps, sorted by name.
func NodePoolsFromPlan(resources []preview.Resource, outputs map[string]any) ([]NodePool, error) {
	objs, urns, err := karpenterObjects(resources, outputs)
	if err != nil {
		return nil, err
	}
	type volume struct {
		gib int
		typ string
	}
	classes := map[string]volume{}
	for _, o := range objs {
		if str(o, "kind") != kindEC2NodeClass {
			continue
		}
		bdm, _ := preview.Field(o, "spec", "blockDeviceMappings").([]any)
		if len(bdm) > 0 {
			var gib int
			fmt.Sscanf(str(bdm[0], "ebs", "volumeSize"), "%dGi", &gib)
			classes[str(o, "metadata", "name")] = volume{gib, str(bdm[0], "ebs", "volumeType")}
		}
	}
	var out []NodePool
	for i, o := range objs {
		if str(o, "kind") != kindNodePool {
			continue
		}
		np := nodePool(o)
		np.URN = urns[i]
		v := classes[np.NodeClass]
		np.DiskGiB, np.VolumeType = v.gib, v.typ
		out = append(out, np)
	}
	slices.SortFunc(out, func(a, b NodePool) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// nodePool reads one NodePool manifest.
func nodePool(o map[string]any) NodePool {
	tmpl := preview.Field(o, "spec", "template")
	np := NodePool{Name: str(o, "metadata", "name"), Labels: map[string]string{},
		ConsolidationPolicy: str(o, "spec", "disruption", "consolidationPolicy"),
		ExpireAfter:         str(tmpl, "spec", "expireAfter"), NodeClass: str(tmpl, "spec", "nodeClassRef", "name")}
	if labels, ok := preview.Field(tmpl, "metadata", "labels").(map[string]any); ok {
		for k, v := range labels {
			np.Labels[k] = fmt.Sprint(v)
		}
	}
	np.Pool = np.Labels[NodePoolLabel]
	np.Taints = taintList(preview.Field(tmpl, "spec", "taints"))
	np.StartupTaints = taintList(preview.Field(tmpl, "spec", "startupTaints"))
	reqs, _ := preview.Field(tmpl, "spec", "requirements").([]any)
	for _, r := range reqs {
		if str(r, "operator") != "In" {
			continue
		}
		var values []string
		vs, _ := preview.Field(r, "values").([]any)
		for _, v := range vs {
			values = append(values, fmt.Sprint(v))
		}
		switch str(r, "key") {
		case labelInstanceType:
			np.InstanceTypes = values
		case labelZone:
			np.Zones = values
		case labelCapacityType:
			if len(values) > 0 {
				np.CapacityType = values[0]
			}
		}
	}
	fmt.Sscanf(fmt.Sprint(preview.Field(o, "spec", "limits", "nodes")), "%d", &np.MaxNodes)
	return np
}

// taintList reads a list of Kubernetes taints.
func taintList(v any) []Taint {
	list, _ := v.([]any)
	var out []Taint
	for _, t := range list {
		out = append(out, Taint{Key: str(t, "key"), Value: str(t, "value"), Effect: str(t, "effect")})
	}
	return out
}
