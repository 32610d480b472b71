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
