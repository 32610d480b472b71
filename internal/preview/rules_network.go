package preview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// Type tokens the rules inspect.
const (
	typeVpc            = "aws:ec2/vpc:Vpc"
	typeSubnet         = "aws:ec2/subnet:Subnet"
	typeRouteTable     = "aws:ec2/routeTable:RouteTable"
	typeRTAssociation  = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	typeInternetGW     = "aws:ec2/internetGateway:InternetGateway"
	typeNatGateway     = "aws:ec2/natGateway:NatGateway"
	typeVpcEndpoint    = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeNodeGroup      = "aws:eks/nodeGroup:NodeGroup"
	typeAddon          = "aws:eks/addon:Addon"
	typeLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	typeEKSComponent   = "eks:index:Cluster"
	typeEKSCluster     = "aws:eks/cluster:Cluster"
	typeIAMRole        = "aws:iam/role:Role"
	typeIAMPolicy      = "aws:iam/policy:Policy"
	typeBucket         = "aws:s3/bucketV2:BucketV2"
	typeBucketLegacy   = "aws:s3/bucket:Bucket"
	typeK8sProvider    = "pulumi:providers:kubernetes"
	typeInstance       = "aws:ec2/instance:Instance"
	typeInstanceProf   = "aws:iam/instanceProfile:InstanceProfile"
	typeAttachment     = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
)

var networkRules = []Rule{
	{
		ID:     "private-subnet-egress",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html (nodes must reach ECR, S3, EC2 and STS to join: NAT or VPC endpoints)",
		Types:  []string{typeNodeGroup},
		Check:  checkNodeEgress,
	},
	{
		ID:     "nat-after-internet-gateway",
		Source: "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html (a public NAT gateway needs the VPC's internet gateway attached; EIP association fails with Gateway.NotAttached otherwise)",
		Types:  []string{typeNatGateway},
		Check: func(r Resource, reg Registered) string {
			if fstr(r.Inputs, "connectivityType") == "private" {
				return ""
			}
			if dependsOn(r, reg, func(d Resource) bool { return d.Type == typeInternetGW }) {
				return ""
			}
			return "public NAT gateway does not depend on the VPC's internet gateway"
		},
	},
	{
		ID:     "ssm-managed-private-endpoints",
		Source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html (Systems Manager user guide, \"Improve the security of EC2 instances by using VPC endpoints for Systems Manager\": an SSM-managed instance in a subnet without Internet egress needs the ssm, ssmmessages and ec2messages interface endpoints)",
		Types:  []string{typeNodeGroup, typeInstance},
		Check:  checkSSMEndpoints,
	},
	{
		ID:     "interface-endpoint-private-dns",
		Source: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html (private DNS needs the VPC's enableDnsSupport and enableDnsHostnames)",
		Types:  []string{typeVpcEndpoint},
		Check: func(r Resource, reg Registered) string {
			if fstr(r.Inputs, "vpcEndpointType") != "Interface" || !fbool(r.Inputs, false, "privateDnsEnabled") {
				return ""
			}
			vpc, ok := reg.ByID(fstr(r.Inputs, "vpcId"))
			if !ok {
				return ""
			}
			if !fbool(vpc.Inputs, true, "enableDnsSupport") || !fbool(vpc.Inputs, false, "enableDnsHostnames") {
				return "private DNS on an interface endpoint needs enableDnsSupport and enableDnsHostnames on VPC " + vpc.Name
			}
			return ""
		},
	},
	{
		ID:     "interface-endpoint-one-subnet-per-zone",
		Source: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html (one subnet per Availability Zone)",
		Types:  []string{typeVpcEndpoint},
		Check: func(r Resource, reg Registered) string {
			seen := map[string]bool{}
			for _, id := range fstrings(r.Inputs, "subnetIds") {
				sn, ok := reg.ByID(id)
				if !ok {
					continue
				}
				az := fstr(sn.Inputs, "availabilityZone")
				if seen[az] {
					return "two subnets in " + az
				}
				seen[az] = true
			}
			return ""
		},
	},
}

// checkNodeEgress: every subnet of a node group created in this run routes
// 0.0.0.0/0 through a NAT gateway, or the node group depends on the VPC
// endpoints private nodes need.
func checkNodeEgress(r Resource, reg Registered) string {
	var noEgress []string
	for _, id := range fstrings(r.Inputs, "subnetIds") {
		sn, ok := reg.ByID(id)
		if !ok {
			continue // not created in this run (bring-your-own VPC): cannot tell
		}
		rt := routeTableOf(id, r, reg)
		if rt != nil && hasDefaultEgress(*rt) {
			continue
		}
		if missing := missingEndpoints(r, sn, rt, reg); len(missing) == 0 {
			continue
		} else {
			noEgress = append(noEgress, fmt.Sprintf("%s (no NAT route; missing endpoints: %s)", sn.Name, strings.Join(missing, ", ")))
		}
	}
	if len(noEgress) == 0 {
		return ""
	}
	return "nodes could not reach ECR, S3, EC2 or STS from " + strings.Join(noEgress, "; ") +
		": add a NAT route, or VPC endpoints the node group depends on"
}

// routeTableOf returns the route table associated with the subnet that the
// node group depends on (an association it does not wait for may not exist
// when nodes boot).
func routeTableOf(subnetID string, ng Resource, reg Registered) *Resource {
	for _, a := range reg.Find(typeRTAssociation) {
		if fstr(a.Inputs, "subnetId") != subnetID {
			continue
		}
		if !dependsOn(ng, reg, func(d Resource) bool { return d.URN == a.URN }) {
			continue
		}
		if rt, ok := reg.ByID(fstr(a.Inputs, "routeTableId")); ok {
			return &rt
		}
	}
	return nil
}

func hasDefaultEgress(rt Resource) bool {
	routes, _ := Field(rt.Inputs, "routes").([]any)
	for _, rte := range routes {
		if fstr(rte, "cidrBlock") != "0.0.0.0/0" {
			continue
		}
		for _, k := range []string{"natGatewayId", "transitGatewayId", "networkInterfaceId"} {
			if fstr(rte, k) != "" {
				return true
			}
		}
	}
	return false
}

// missingEndpoints lists the endpoints private nodes need that the node group
// does not depend on: interface endpoints with private DNS in the subnet's
// VPC, and the S3 gateway on the subnet's route table.
func missingEndpoints(ng, subnet Resource, rt *Resource, reg Registered) []string {
	vpcID := fstr(subnet.Inputs, "vpcId")
	have := map[string]bool{}
	for _, ep := range reg.Find(typeVpcEndpoint) {
		if fstr(ep.Inputs, "vpcId") != vpcID || !dependsOn(ng, reg, func(d Resource) bool { return d.URN == ep.URN }) {
			continue
		}
		// com.amazonaws.<region>.<service>
		_, svc, _ := strings.Cut(strings.TrimPrefix(fstr(ep.Inputs, "serviceName"), "com.amazonaws."), ".")
		switch fstr(ep.Inputs, "vpcEndpointType") {
		case "Gateway":
			if svc == "s3" && rt != nil && slices.Contains(fstrings(ep.Inputs, "routeTableIds"), rt.ID) {
				have["s3 (gateway)"] = true
			}
		case "Interface":
			if fbool(ep.Inputs, false, "privateDnsEnabled") {
				have[svc] = true
			}
		}
	}
	var missing []string
	for _, svc := range append([]string{"s3 (gateway)"}, awsfacts.PrivateNodeEndpoints...) {
		if !have[svc] {
			missing = append(missing, svc)
		}
	}
	return missing
}

// checkSSMEndpoints: an instance or node group whose role carries
// AmazonSSMManagedInstanceCore (an SSM-managed instance), launched in a subnet
// created in this run that has no default route (NAT, Internet gateway,
// transit gateway), needs the ssm, ssmmessages and ec2messages interface
// endpoints with private DNS in the subnet's VPC, which it waits for, or its
// agent cannot register. The route table counts when r waits for its
// association, as for private-subnet-egress.
func checkSSMEndpoints(r Resource, reg Registered) string {
	if !ssmManaged(r, reg) {
		return ""
	}
	subnets := fstrings(r.Inputs, "subnetIds")
	if id := fstr(r.Inputs, "subnetId"); id != "" {
		subnets = append(subnets, id)
	}
	var problems []string
	for _, id := range subnets {
		sn, ok := reg.ByID(id)
		if !ok {
			continue // not created in this run: cannot tell
		}
		if rt := routeTableOf(id, r, reg); rt != nil && (hasDefaultEgress(*rt) || hasInternetRoute(*rt)) {
			continue
		}
		have := interfaceEndpointsIn(r, fstr(sn.Inputs, "vpcId"), reg)
		var missing []string
		for _, svc := range awsfacts.SSMEndpoints {
			if !have[svc] {
				missing = append(missing, svc)
			}
		}
		if len(missing) > 0 {
			problems = append(problems, fmt.Sprintf("%s (no NAT route; missing endpoints: %s)", sn.Name, strings.Join(missing, ", ")))
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return "an SSM-managed instance (its role has AmazonSSMManagedInstanceCore) could not register with Systems Manager from " +
		strings.Join(problems, "; ") + ": add a NAT route or the ssm, ssmmessages and ec2messages interface endpoints"
}

// ssmManaged reports whether the instance's profile role, or the node
// group's role, has AmazonSSMManagedInstanceCore attached.
func ssmManaged(r Resource, reg Registered) bool {
	roleName := ""
	switch r.Type {
	case typeNodeGroup:
		if role, ok := roleByArn(fstr(r.Inputs, "nodeRoleArn"), reg); ok {
			roleName = fstr(role.Outputs, "name")
		}
	case typeInstance:
		prof := fstr(r.Inputs, "iamInstanceProfile")
		for _, p := range reg.Find(typeInstanceProf) {
			if p.ID == prof || fstr(p.Outputs, "name") == prof {
				roleName = fstr(p.Inputs, "role")
			}
		}
	}
	if roleName == "" {
		return false
	}
	for _, a := range reg.Find(typeAttachment) {
		if fstr(a.Inputs, "role") == roleName && fstr(a.Inputs, "policyArn") == awsfacts.SSMManagedInstancePolicy {
			return true
		}
	}
	return false
}

// hasInternetRoute: the default route goes to an Internet gateway (a public subnet).
func hasInternetRoute(rt Resource) bool {
	routes, _ := Field(rt.Inputs, "routes").([]any)
	for _, rte := range routes {
		if fstr(rte, "cidrBlock") == "0.0.0.0/0" && strings.HasPrefix(fstr(rte, "gatewayId"), "igw-") {
			return true
		}
	}
	return false
}

// interfaceEndpointsIn returns the services with an interface endpoint and
// private DNS in the VPC that r waits for (an endpoint created after the
// instance boots is not there when the agent first registers).
func interfaceEndpointsIn(r Resource, vpcID string, reg Registered) map[string]bool {
	have := map[string]bool{}
	for _, ep := range reg.Find(typeVpcEndpoint) {
		if fstr(ep.Inputs, "vpcId") != vpcID || !dependsOn(r, reg, func(d Resource) bool { return d.URN == ep.URN }) || fstr(ep.Inputs, "vpcEndpointType") != "Interface" ||
			!fbool(ep.Inputs, false, "privateDnsEnabled") {
			continue
		}
		_, svc, _ := strings.Cut(strings.TrimPrefix(fstr(ep.Inputs, "serviceName"), "com.amazonaws."), ".")
		have[svc] = true
	}
	return have
}
