package domino

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newEndpoints creates the VPC endpoints private nodes need when nodes have
// no NAT (or to keep S3 and ECR traffic private): an S3 gateway on the private
// route tables and interface endpoints with private DNS in the node zones,
// behind a security group admitting HTTPS from the shared node security group
// (and the access host) only. Node groups wait for them (net.Ready). Source: EKS user guide,
// "Deploy private clusters with limited internet access".
func newEndpoints(ctx *pulumi.Context, s spec, net *network, c *cluster, host *accessHost, opts ...pulumi.ResourceOption) error {
	if !s.VpcEndpoints {
		return nil
	}
	n := s.Name
	sg, err := ec2.NewSecurityGroup(ctx, n+"-endpoints", &ec2.SecurityGroupArgs{
		VpcId:       net.VpcID,
		Description: pulumi.String("VPC interface endpoints of " + s.ClusterName + ": HTTPS from Domino nodes only"),
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("HTTPS from nodes"), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
			SecurityGroups: append(pulumi.StringArray{c.NodeSecurityGroup.ID()}, host.securityGroupIDs()...),
		}},
		Tags: tagsWith(s, map[string]string{"Name": n + "-endpoints"}),
	}, opts...)
	if err != nil {
		return fmt.Errorf("VPC endpoint security group: %w", err)
	}
	s3, err := ec2.NewVpcEndpoint(ctx, n+"-s3", &ec2.VpcEndpointArgs{
		VpcId:           net.VpcID,
		ServiceName:     pulumi.String(endpointService(s.Region, "s3")),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   net.PrivateRouteTableIDs,
		Tags:            tagsWith(s, map[string]string{"Name": n + "-s3"}),
	}, opts...)
	if err != nil {
		return fmt.Errorf("S3 gateway endpoint: %w", err)
	}
	net.Ready = append(net.Ready, s3)
	subnets := pulumi.StringArray{}
	for _, az := range s.AZs {
		subnets = append(subnets, net.PrivateSubnets[az])
	}
	for _, svc := range interfaceEndpoints(s) {
		ep, err := ec2.NewVpcEndpoint(ctx, n+"-"+svc, &ec2.VpcEndpointArgs{
			VpcId:             net.VpcID,
			ServiceName:       pulumi.String(endpointService(s.Region, svc)),
			VpcEndpointType:   pulumi.String("Interface"),
			PrivateDnsEnabled: pulumi.Bool(true),
			SubnetIds:         subnets,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			Tags:              tagsWith(s, map[string]string{"Name": n + "-" + svc}),
		}, opts...)
		if err != nil {
			return fmt.Errorf("%s interface endpoint: %w", svc, err)
		}
		net.Ready = append(net.Ready, ep)
	}
	return nil
}

// interfaceEndpoints are the interface endpoints of the deployment: those
// private nodes need and, without NAT, the Systems Manager ones SSM-managed
// instances (nodes, the access host) need to register and relay sessions.
func interfaceEndpoints(s spec) []string {
	out := append([]string{}, awsfacts.RecommendedInterfaceEndpoints...)
	if s.NatMode == NatNone {
		out = append(out, awsfacts.SSMEndpoints...)
	}
	return out
}

// endpointService is the service name of an AWS service's VPC endpoint.
func endpointService(region, svc string) string { return "com.amazonaws." + region + "." + svc }
