package scheduling

import (
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// seedPools are the pools the seed (and Domino's default hardware tiers)
// name; every other pool is one of the user's additional pools.
var seedPools = map[string]bool{"platform": true, "default": true, "default-gpu": true}

// FromDeployment is the cluster a plan creates or a live account holds: its
// node groups and Karpenter NodePools, Kubernetes version, EBS CSI add-on version and Calico, as the
// workload model (internal/workloads) read them.
func FromDeployment(d *workloads.Deployment) Cluster {
	c := Cluster{EBSCSIVersion: d.Addons["aws-ebs-csi-driver"].Version, Calico: d.Calico != nil}
	for _, ng := range d.NodeGroups {
		if c.KubernetesVersion == "" {
			c.KubernetesVersion = ng.Version
		}
		g := Group{Name: ng.Name, Pool: ng.Pool, URN: ng.URN, Zones: ng.Zones, InstanceTypes: ng.InstanceTypes,
			CapacityType: ng.CapacityType, AMIType: ng.AMIType, Min: ng.Min, Max: ng.Max, Labels: ng.Labels,
			ASGTags: ng.ASGTags, Additional: !seedPools[ng.Pool]}
		g.GPU = isGPUAMI(ng.AMIType)
		if len(g.Zones) == 0 {
			g.Zones = []string{zoneOf(ng)}
		}
		for _, t := range ng.Taints {
			g.Taints = append(g.Taints, Taint(t))
		}
		c.Groups = append(c.Groups, g)
	}
	for _, np := range d.NodePools {
		c.Groups = append(c.Groups, fromNodePool(np))
	}
	return c
}

// isGPUAMI reports whether an EKS AMI type carries the NVIDIA driver.
func isGPUAMI(amiType string) bool {
	switch amiType {
	case "AL2_x86_64_GPU", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA":
		return true
	}
	return false
}

// UnknownZone stands for the zone of a group whose subnets the plan does not
// hold (an existing VPC) and whose template does not name one.
const UnknownZone = "(zone unknown)"

// zoneOf is the zone of a one-zone group whose subnets are not known: the
// EBS zone label of its Auto Scaling group's template, which the component
// writes from availabilityZones.
func zoneOf(ng workloads.NodeGroup) string {
	if z := ng.ASGTags[TemplateLabelTag+EBSZoneLabel]; z != "" {
		return z
	}
	return UnknownZone
}
