package preflight

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// Resource type tokens the demand is counted from: the same recorded
// resources `dominoeks plan` lists and prices.
const (
	typeCluster     = "eks:index:Cluster"
	typeNodeGroup   = "aws:eks/nodeGroup:NodeGroup"
	typeVPC         = "aws:ec2/vpc:Vpc"
	typeSubnet      = "aws:ec2/subnet:Subnet"
	typeNATGateway  = "aws:ec2/natGateway:NatGateway"
	typeEIP         = "aws:ec2/eip:Eip"
	typeVPCEndpoint = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeRole        = "aws:iam/role:Role"
	typeInstance    = "aws:ec2/instance:Instance"
	typeAccessEntry = "aws:eks/accessEntry:AccessEntry"
)

// Pool is one node group as the pre-flight needs it.
type Pool struct {
	plan.NodeGroup
	// AMIType is the node group's amiType input ("" when EKS picks it).
	AMIType string
}

// Demand is what the planned deployment will create, counted from the plan.
type Demand struct {
	// Region the deployment runs in.
	Region string
	// ClusterName is the EKS cluster's name.
	ClusterName string
	// KubernetesVersion is the cluster's planned version ("" when EKS picks it).
	KubernetesVersion string
	// AdminPrincipals are the principals of the planned admin access entries.
	AdminPrincipals []string
	// Pools are the managed node groups (plan.NodeGroups) with their AMI types.
	Pools []Pool
	// Zones are every zone a node group or NAT gateway uses, sorted.
	Zones []string
	// VPCs is the number of VPCs created.
	VPCs int
	// EIPs is the number of Elastic IPs allocated.
	EIPs int
	// NATGatewaysByZone counts NAT gateways per zone ("" = unknown zone).
	NATGatewaysByZone map[string]int
	// InterfaceEndpointsByVPC counts interface VPC endpoints per VPC id
	// (the endpoint's vpcId input).
	InterfaceEndpointsByVPC map[string]int
	// NewVPCIDs are the ids the plan gives the VPCs it creates: endpoints in
	// them start from zero usage.
	NewVPCIDs map[string]bool
	// Buckets are the S3 bucket names by role; default names still contain
	// domino.AccountPlaceholder.
	Buckets map[string]string
	// RoleNames are the fixed IAM role names (roles without one get a
	// generated, unique name and cannot collide).
	RoleNames []string
	// Addons are the managed add-ons' planned versions by add-on name (the
	// plan's addonVersion inputs: awsfacts.AddonVersions or the override);
	// add-ons left to EKS's default version are absent.
	Addons map[string]string
	// Retainable are the planned physical names a destroy retains (or EKS
	// recreates): what the next `up` adopts when it finds them.
	Retainable Retainable
	// AccessHost is the planned SSM-managed access host (nil without one).
	AccessHost *AccessHost
	// Karpenter: the plan has Karpenter's interruption queue.
	Karpenter bool
	// KarpenterSpot: a planned Karpenter NodePool allows spot capacity
	// (plan.NodePools: created through the API or a kubernetesSetup step).
	KarpenterSpot bool
	// KarpenterQueue is the interruption queue's name; KarpenterRules the
	// EventBridge rules' names (on the default bus).
	KarpenterQueue string
	KarpenterRules []string
}

// AccessHost is the planned access host (the instance tagged
// workloads.AccessHostTag) as the access path checks need it.
type AccessHost struct {
	// InstanceType is the host's instance type.
	InstanceType string
	// SubnetID is its subnet; Zone and VPCID are "" when the subnet is not
	// created by the plan (an existing VPC).
	SubnetID, Zone, VPCID string
	// SSMEndpoints are the Systems Manager services (ssm, ssmmessages,
	// ec2messages) with a planned interface endpoint in the host's VPC.
	SSMEndpoints []string
}

// Retainable are physical names by kind.
type Retainable struct {
	LogGroups, Repositories, KeyAliases, FileSystems []string
}

// NATGateways is the total number of NAT gateways.
func (d Demand) NATGateways() int {
	n := 0
	for _, c := range d.NATGatewaysByZone {
		n += c
	}
	return n
}

// FromPlan derives the demand from a built plan: node groups from
// p.NodeGroups (as the cost estimate), everything else from the recorded
// resources by type.
func FromPlan(p *plan.Plan) Demand {
	d := Demand{
		Region:                  p.Region,
		ClusterName:             p.Name,
		Buckets:                 p.Buckets,
		NATGatewaysByZone:       map[string]int{},
		InterfaceEndpointsByVPC: map[string]int{},
		NewVPCIDs:               map[string]bool{},
		Addons:                  map[string]string{},
	}
	subnetAZ, subnetVPC := map[string]string{}, map[string]string{}
	amiByURN := map[string]string{}
	for _, r := range p.Resources {
		switch r.Type {
		case typeSubnet:
			subnetAZ[r.ID] = str(r.Inputs["availabilityZone"])
			subnetVPC[r.ID] = str(r.Inputs["vpcId"])
		case typeNodeGroup:
			amiByURN[r.URN] = str(r.Inputs["amiType"])
		case "aws:sqs/queue:Queue": // the component's one queue: Karpenter's interruption queue
			d.Karpenter = true
			d.KarpenterQueue = str(r.Inputs["name"])
		case "aws:cloudwatch/eventRule:EventRule": // the component's rules: Karpenter's
			d.KarpenterRules = append(d.KarpenterRules, str(r.Inputs["name"]))
		}
	}
	for _, np := range p.NodePools {
		d.KarpenterSpot = d.KarpenterSpot || np.CapacityType == "spot"
	}
	zones := map[string]bool{}
	for _, r := range p.Resources {
		switch r.Type {
		case typeCluster:
			if n := str(r.Inputs["name"]); n != "" {
				d.ClusterName = n
			}
			d.KubernetesVersion = str(r.Inputs["version"])
		case typeAccessEntry:
			// The admins' entries (STANDARD); the node role's is EC2_LINUX.
			if str(r.Inputs["type"]) == "STANDARD" {
				d.AdminPrincipals = append(d.AdminPrincipals, str(r.Inputs["principalArn"]))
			}
		case typeVPC:
			d.VPCs++
			d.NewVPCIDs[r.ID] = true
		case typeEIP:
			d.EIPs++
		case typeNATGateway:
			az := subnetAZ[str(r.Inputs["subnetId"])]
			d.NATGatewaysByZone[az]++
			if az != "" {
				zones[az] = true
			}
		case typeVPCEndpoint:
			if str(r.Inputs["vpcEndpointType"]) == "Interface" {
				d.InterfaceEndpointsByVPC[vpcOf(r)]++
			}
		case typeInstance:
			if tags, ok := r.Inputs["tags"].(map[string]any); ok && str(tags[workloads.AccessHostTag]) != "" {
				sn := str(r.Inputs["subnetId"])
				d.AccessHost = &AccessHost{InstanceType: str(r.Inputs["instanceType"]), SubnetID: sn, Zone: subnetAZ[sn], VPCID: subnetVPC[sn]}
			}
		case typeRole:
			if n := str(r.Inputs["name"]); n != "" {
				d.RoleNames = append(d.RoleNames, n)
			}
		case "aws:cloudwatch/logGroup:LogGroup":
			if n := str(r.Inputs["name"]); strings.HasPrefix(n, "/aws/eks/") {
				d.Retainable.LogGroups = append(d.Retainable.LogGroups, n)
			}
		case "aws:eks/addon:Addon":
			if v := str(r.Inputs["addonVersion"]); v != "" && v != preview.EKSDefaultAddonVersion {
				d.Addons[str(r.Inputs["addonName"])] = v
			}
		case "aws:ecr/repository:Repository":
			d.Retainable.Repositories = append(d.Retainable.Repositories, str(r.Inputs["name"]))
		case "aws:kms/alias:Alias":
			d.Retainable.KeyAliases = append(d.Retainable.KeyAliases, str(r.Inputs["name"]))
		case "aws:efs/fileSystem:FileSystem":
			if tags, ok := r.Inputs["tags"].(map[string]any); ok {
				d.Retainable.FileSystems = append(d.Retainable.FileSystems, str(tags["Name"]))
			}
		}
	}
	for _, ng := range p.NodeGroups {
		d.Pools = append(d.Pools, Pool{NodeGroup: ng, AMIType: amiByURN[ng.URN]})
		for _, z := range ng.AvailabilityZones {
			zones[z] = true
		}
	}
	d.Zones = slices.Sorted(maps.Keys(zones))
	sort.Strings(d.RoleNames)
	sort.Strings(d.AdminPrincipals)
	if h := d.AccessHost; h != nil && h.VPCID != "" {
		h.SSMEndpoints = ssmEndpointsIn(p, h.VPCID)
	}
	return d
}

// ssmEndpointsIn returns the Systems Manager services with a planned
// interface endpoint (service name com.amazonaws.<region>.<service>) in vpc.
func ssmEndpointsIn(p *plan.Plan, vpc string) []string {
	var out []string
	for _, r := range p.Resources {
		if r.Type != typeVPCEndpoint || str(r.Inputs["vpcEndpointType"]) != "Interface" || vpcOf(r) != vpc {
			continue
		}
		svc := strings.TrimPrefix(str(r.Inputs["serviceName"]), "com.amazonaws."+p.Region+".")
		if slices.Contains(awsfacts.SSMEndpoints, svc) && !slices.Contains(out, svc) {
			out = append(out, svc)
		}
	}
	sort.Strings(out)
	return out
}

// vpcOf names the VPC an endpoint belongs to: its vpcId input.
func vpcOf(r preview.Resource) string {
	if id := str(r.Inputs["vpcId"]); id != "" {
		return id
	}
	return "(unknown VPC)"
}

// str returns v as a string ("" when it is not one).
func str(v any) string {
	s, _ := v.(string)
	return s
}
