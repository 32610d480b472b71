package preview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

var eksRules = []Rule{
	{
		ID: "eks-zone-supported",
		Source: "EKS user guide, \"VPC and subnet requirements\" (subnets in use1-az3, usw1-az2, cac1-az3 are refused: " +
			"CreateCluster UnsupportedAvailabilityZoneException), " + awsfacts.EKSUnsupportedZoneSource,
		Types: []string{typeEKSComponent, typeEKSCluster, typeNodeGroup},
		Check: func(r Resource, reg Registered) string {
			ids := slices.Concat(fstrings(r.Inputs, "privateSubnetIds"), fstrings(r.Inputs, "publicSubnetIds"),
				fstrings(r.Inputs, "subnetIds"), fstrings(r.Inputs, "vpcConfig", "subnetIds"))
			var bad []string
			for _, id := range ids {
				sn, ok := reg.ByID(id)
				if !ok {
					continue // a subnet not created in this run: preflight checks its zone live
				}
				zone, zoneID := subnetZoneID(sn, reg.ZoneIDsKnown())
				if zoneID != "" && !awsfacts.EKSSupportsZoneID(zoneID) {
					bad = append(bad, fmt.Sprintf("%s (%s, zone ID %s)", sn.Name, zone, zoneID))
				}
			}
			if len(bad) == 0 {
				return ""
			}
			return "subnets in a zone EKS does not support: " + strings.Join(bad, ", ") +
				"; EKS refuses them (UnsupportedAvailabilityZoneException): use the region's other zones (zone IDs " +
				strings.Join(awsfacts.EKSUnsupportedZoneIDs, ", ") + " are excluded)"
		},
	},
	{
		ID:     "eks-subnets-two-azs",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html (CreateCluster: \"Subnets specified must be in at least two different AZs\")",
		Types:  []string{typeEKSComponent, typeEKSCluster},
		Check: func(r Resource, reg Registered) string {
			ids := slices.Concat(fstrings(r.Inputs, "privateSubnetIds"), fstrings(r.Inputs, "publicSubnetIds"),
				fstrings(r.Inputs, "subnetIds"), fstrings(r.Inputs, "vpcConfig", "subnetIds"))
			zones := map[string]bool{}
			for _, id := range ids {
				sn, ok := reg.ByID(id)
				if !ok {
					return "" // a subnet not created in this run: its zone is unknown offline
				}
				zones[fstr(sn.Inputs, "availabilityZone")] = true
			}
			if len(ids) > 0 && len(zones) < 2 {
				return fmt.Sprintf("control-plane subnets span %d availability zone(s) %v; EKS needs at least two", len(zones), sortedKeys(zones))
			}
			return ""
		},
	},
	{
		ID:     "addon-after-nodes",
		Source: "terraform-provider-aws internal/service/eks/addon.go (waitAddonCreated: add-ons whose pods cannot schedule stay DEGRADED until the 20-minute timeout); https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html",
		Types:  []string{typeAddon},
		Check: func(r Resource, reg Registered) string {
			name := fstr(r.Inputs, "addonName")
			if !awsfacts.PodAddons[name] {
				return ""
			}
			cluster := fstr(r.Inputs, "clusterName")
			if dependsOn(r, reg, func(d Resource) bool {
				return d.Type == typeNodeGroup && fstr(d.Inputs, "clusterName") == cluster
			}) {
				return ""
			}
			return "add-on " + name + " runs pods but does not depend on a node group of cluster " + cluster + ": it would wait DEGRADED"
		},
	},
}

// eksAccessRules: cluster access.
var eksAccessRules = []Rule{{
	ID: "access-entry-not-creator",
	Source: "pulumi-eks nodejs/eks/cluster.ts (accessConfig.bootstrapClusterCreatorAdminPermissions: true); " +
		"https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html (ResourceInUseException: pulumi/pulumi-eks#2373)",
	Types: []string{typeAccessEntry},
	Check: func(r Resource, reg Registered) string {
		if fstr(r.Inputs, "principalArn") == CallerArn && !slices.Contains(reg.Holds().Clusters, fstr(r.Inputs, "clusterName")) {
			return "access entry for " + CallerArn + ", the principal creating the cluster, which EKS already made admin: CreateAccessEntry fails with ResourceInUseException"
		}
		if p := fstr(r.Inputs, "principalArn"); reg.Holds().creatorsEntry(fstr(r.Inputs, "clusterName"), p) {
			return "access entry for " + p + ", which has the entry EKS made for the cluster's creator: CreateAccessEntry fails with ResourceInUseException"
		}
		return ""
	},
}, {
	// An entry tagged for this cluster is the stack's, in its state: registering
	// it is an update. Any other held entry is not known to be in state (an
	// admin may have added it by hand), so only an import registers it safely.
	ID:     "access-entry-exists",
	Source: "EKS API CreateAccessEntry (ResourceInUseException for a principal that has an entry), https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html",
	Types:  []string{typeAccessEntry},
	Check: func(r Resource, reg Registered) string {
		cluster, p := fstr(r.Inputs, "clusterName"), fstr(r.Inputs, "principalArn")
		e, ok := reg.Holds().heldEntry(cluster, p)
		if !ok || e.Tagged || e.Creator || r.ImportID != "" {
			return ""
		}
		return "an untagged access entry for " + p + " already exists on cluster " + cluster + " and may not be the stack's: CreateAccessEntry fails with ResourceInUseException; adopt it (import)"
	},
}}

var nodeGroupRules = []Rule{
	{
		ID:     "nodegroup-scaling",
		Source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html (0 ≤ minSize ≤ desiredSize ≤ maxSize, maxSize ≥ 1)",
		Types:  []string{typeNodeGroup},
		Check: func(r Resource, _ Registered) string {
			lo, ok1 := fint(r.Inputs, "scalingConfig", "minSize")
			hi, ok2 := fint(r.Inputs, "scalingConfig", "maxSize")
			want, ok3 := fint(r.Inputs, "scalingConfig", "desiredSize")
			if !ok1 || !ok2 || !ok3 {
				return "scalingConfig needs minSize, maxSize and desiredSize"
			}
			if lo < 0 || hi < 1 || lo > want || want > hi {
				return fmt.Sprintf("scalingConfig min %d, desired %d, max %d breaks 0 ≤ min ≤ desired ≤ max, max ≥ 1", lo, want, hi)
			}
			return ""
		},
	},
	{
		ID:     "gpu-ami-type",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html (NVIDIA instance families need an accelerated AMI type; accelerated AMIs support only listed families)",
		Types:  []string{typeNodeGroup},
		Check: func(r Resource, _ Registered) string {
			ami := fstr(r.Inputs, "amiType")
			for _, it := range fstrings(r.Inputs, "instanceTypes") {
				gpu := awsfacts.IsNvidiaGPU(it)
				switch {
				case awsfacts.GPUAmiTypes[ami] && !gpu:
					return "AMI type " + ami + " does not support instance type " + it + " (not a supported NVIDIA family)"
				case !awsfacts.GPUAmiTypes[ami] && gpu:
					return "instance type " + it + " has NVIDIA GPUs but AMI type " + ami + " ships no NVIDIA driver"
				}
			}
			return ""
		},
	},
	{
		ID:     "launch-template-managed-nodegroup",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html (with a launch template: no IAM instance profile or subnet in the template, no instance type there when the node group lists instanceTypes, no diskSize or remoteAccess on the node group)",
		Types:  []string{typeNodeGroup},
		Check:  checkNodeGroupLaunchTemplate,
	},
	{
		ID:     "launch-template-cluster-security-group",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html (security groups in a launch template replace EKS's: the cluster security group must be listed or nodes cannot reach the control plane)",
		Types:  []string{typeNodeGroup},
		Check: func(r Resource, reg Registered) string {
			lt, ok := reg.ByID(fstr(r.Inputs, "launchTemplate", "id"))
			if !ok {
				return ""
			}
			sgs := fstrings(lt.Inputs, "vpcSecurityGroupIds")
			if len(sgs) == 0 {
				return "" // EKS adds the cluster security group itself
			}
			clusterSG := clusterSecurityGroupOf(fstr(r.Inputs, "clusterName"), reg)
			if clusterSG == "" || slices.Contains(sgs, clusterSG) {
				return ""
			}
			return "launch template " + lt.Name + " sets security groups " + strings.Join(sgs, ", ") + " without the cluster security group " + clusterSG
		},
	},
}

func checkNodeGroupLaunchTemplate(r Resource, reg Registered) string {
	if Field(r.Inputs, "launchTemplate") == nil {
		return ""
	}
	var problems []string
	if _, ok := fint(r.Inputs, "diskSize"); ok {
		problems = append(problems, "node group sets diskSize (set the volume size in the launch template)")
	}
	if Field(r.Inputs, "remoteAccess") != nil {
		problems = append(problems, "node group sets remoteAccess (set a key pair in the launch template)")
	}
	if lt, ok := reg.ByID(fstr(r.Inputs, "launchTemplate", "id")); ok {
		if Field(lt.Inputs, "iamInstanceProfile") != nil {
			problems = append(problems, "launch template sets iamInstanceProfile (EKS uses the node group's role)")
		}
		for _, ni := range list(Field(lt.Inputs, "networkInterfaces")) {
			if fstr(ni, "subnetId") != "" {
				problems = append(problems, "launch template sets a subnet (EKS uses the node group's subnets)")
			}
		}
		if fstr(lt.Inputs, "instanceType") != "" && len(fstrings(r.Inputs, "instanceTypes")) > 0 {
			problems = append(problems, "launch template sets instanceType while the node group lists instanceTypes")
		}
	}
	return strings.Join(problems, "; ")
}

// clusterSecurityGroupOf returns the EKS-created cluster security group of
// the named cluster, from the recorded aws:eks/cluster:Cluster.
func clusterSecurityGroupOf(clusterName string, reg Registered) string {
	for _, c := range reg.Find(typeEKSCluster) {
		if fstr(c.Outputs, "name") == clusterName {
			return fstr(c.Outputs, "vpcConfig", "clusterSecurityGroupId")
		}
	}
	return ""
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// subnetZoneID returns a planned subnet's zone and zone ID: its
// availabilityZoneId input, else its zone name mapped by the region's row of
// awsfacts.RegionZoneTable (the modelled account's mapping; names map to IDs
// per account, which preflight checks live; byTable false leaves names
// unmapped). "" when unknown.
func subnetZoneID(sn Resource, byTable bool) (zone, zoneID string) {
	zone = fstr(sn.Inputs, "availabilityZone")
	if id := fstr(sn.Inputs, "availabilityZoneId"); id != "" {
		return zone, id
	}
	if !byTable || len(zone) < 2 {
		return zone, ""
	}
	rz, ok := awsfacts.ZonesOf(zone[:len(zone)-1])
	if !ok {
		return zone, ""
	}
	z, ok := awsfacts.Find(rz.Zones, zone)
	if !ok {
		return zone, ""
	}
	return zone, z.ID
}
