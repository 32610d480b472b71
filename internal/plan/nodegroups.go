package plan

import (
	"sort"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// Resource type tokens the planner reads.
const (
	typeNodeGroup      = "aws:eks/nodeGroup:NodeGroup"
	typeLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	typeSubnet         = "aws:ec2/subnet:Subnet"
)

// NodeGroup is one EKS managed node group as the plan will create it.
type NodeGroup struct {
	// URN of the aws:eks/nodeGroup:NodeGroup resource.
	URN string `json:"urn"`
	// Name is the resource's logical name, e.g. domino-default-us-west-2a.
	Name string `json:"name"`
	// Pool is the Domino node pool (the dominodatalab.com/node-pool tag or label).
	Pool string `json:"pool"`
	// AvailabilityZones of the group's subnets; empty when the subnets are not
	// created by the stack (bring-your-own VPC), see SubnetIDs.
	AvailabilityZones []string `json:"availabilityZones"`
	// SubnetIDs the group launches nodes in.
	SubnetIDs []string `json:"subnetIds"`
	// InstanceTypes the group may launch; the first is the one on-demand capacity uses.
	InstanceTypes []string `json:"instanceTypes"`
	// CapacityType is ON_DEMAND or SPOT.
	CapacityType string `json:"capacityType"`
	// MinSize, MaxSize and DesiredSize are the group's scaling configuration.
	MinSize     int `json:"minSize"`
	MaxSize     int `json:"maxSize"`
	DesiredSize int `json:"desiredSize"`
	// DiskGiB is each node's root volume size (0 when unknown).
	DiskGiB int `json:"diskGiB"`
	// VolumeType is the root volume's EBS type ("" when unknown).
	VolumeType string `json:"volumeType"`
	// Labels are the Kubernetes node labels.
	Labels map[string]string `json:"labels"`
	// Taints are the Kubernetes node taints as key=value:Effect, e.g.
	// nvidia.com/gpu=true:NoSchedule, sorted.
	Taints []string `json:"taints"`
}

// NodeGroups extracts every managed node group from the resources: scaling
// configuration, instance types and labels from its inputs, zones from its
// subnets' availabilityZone inputs, disk from its launch template's first
// block device (matched by the template's ID, else by dependency URN).
func NodeGroups(rs []preview.Resource) []NodeGroup {
	subnetAZ := map[string]string{}
	templates := map[string]preview.Resource{}
	byURN := map[string]preview.Resource{}
	for _, r := range rs {
		byURN[r.URN] = r
		switch r.Type {
		case typeSubnet:
			subnetAZ[r.ID] = str(r.Inputs["availabilityZone"])
		case typeLaunchTemplate:
			templates[r.ID] = r
		}
	}
	var out []NodeGroup
	for _, r := range rs {
		if r.Type != typeNodeGroup {
			continue
		}
		in := r.Inputs
		ng := NodeGroup{
			URN:           r.URN,
			Name:          r.Name,
			SubnetIDs:     stringList(in["subnetIds"]),
			InstanceTypes: stringList(in["instanceTypes"]),
			CapacityType:  str(in["capacityType"]),
			MinSize:       intOf(path(in, "scalingConfig", "minSize"), 0),
			MaxSize:       intOf(path(in, "scalingConfig", "maxSize"), 0),
			DesiredSize:   intOf(path(in, "scalingConfig", "desiredSize"), 0),
			Labels:        stringMap(in["labels"]),
			Taints:        taints(in["taints"]),
		}
		if ng.CapacityType == "" {
			ng.CapacityType = domino.CapacityOnDemand
		}
		ng.Pool = poolOf(r, ng.Labels)
		seen := map[string]bool{}
		for _, id := range ng.SubnetIDs {
			if az := subnetAZ[id]; az != "" && !seen[az] {
				seen[az] = true
				ng.AvailabilityZones = append(ng.AvailabilityZones, az)
			}
		}
		sort.Strings(ng.AvailabilityZones)
		if ng.AvailabilityZones == nil {
			ng.AvailabilityZones = []string{}
		}
		ng.DiskGiB, ng.VolumeType = rootVolume(r, templates, byURN)
		out = append(out, ng)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pool != out[j].Pool {
			return out[i].Pool < out[j].Pool
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// taints formats a node group's taints input as key=value:Effect, sorted.
func taints(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for i := range list {
		key, value, effect := str(path(list, i, "key")), str(path(list, i, "value")), str(path(list, i, "effect"))
		if k8s, ok := awsfacts.KubernetesTaintEffect(effect); ok {
			effect = k8s
		}
		t := key
		if value != "" {
			t += "=" + value
		}
		out = append(out, t+":"+effect)
	}
	sort.Strings(out)
	return out
}

// poolOf names a node group's pool: its dominodatalab.com/node-pool tag, else
// that label, else the resource name.
func poolOf(r preview.Resource, labels map[string]string) string {
	if p := str(path(r.Inputs, "tags", domino.NodePoolLabel)); p != "" {
		return p
	}
	if p := labels[domino.NodePoolLabel]; p != "" {
		return p
	}
	return r.Name
}

// rootVolume returns the node root volume size and type: from the launch
// template (blockDeviceMappings[0].ebs), else the node group's diskSize
// (EKS default volume type unknown here: "").
func rootVolume(ng preview.Resource, templates map[string]preview.Resource, byURN map[string]preview.Resource) (int, string) {
	lt, ok := templates[str(path(ng.Inputs, "launchTemplate", "id"))]
	if !ok {
		for _, dep := range ng.Dependencies {
			if d, found := byURN[dep]; found && d.Type == typeLaunchTemplate {
				lt, ok = d, true
				break
			}
		}
	}
	if ok {
		ebs := path(lt.Inputs, "blockDeviceMappings", 0, "ebs")
		return intOf(path(ebs, "volumeSize"), 0), strings.ToLower(str(path(ebs, "volumeType")))
	}
	return intOf(ng.Inputs["diskSize"], 0), ""
}
