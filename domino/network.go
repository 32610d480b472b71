package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// network is the VPC the cluster runs in: created, or brought by the user.
type network struct {
	VpcID pulumi.StringOutput
	// PrivateSubnets holds one private subnet id per availability zone.
	PrivateSubnets map[string]pulumi.StringOutput
	// PrivateSubnetIDs and PublicSubnetIDs are in availability-zone order.
	PrivateSubnetIDs pulumi.StringArrayOutput
	PublicSubnetIDs  pulumi.StringArrayOutput
	// ControlPlaneSubnetIDs are the subnets the EKS control plane's network
	// interfaces use (two or more zones).
	ControlPlaneSubnetIDs pulumi.StringArrayOutput
	// PrivateRouteTableIDs are the private subnets' route tables (for the S3 gateway endpoint).
	PrivateRouteTableIDs pulumi.StringArray
	// Ready holds what nodes need before they start: private routes (egress)
	// and, when created, the VPC endpoints.
	Ready []pulumi.Resource
	// vpc is the VPC the component created (nil when brought by the user).
	vpc *ec2.Vpc
}

// tagsWith returns the user's tags plus extra.
func tagsWith(s spec, extra map[string]string) pulumi.StringMap {
	out := pulumi.StringMap{}
	for k, v := range s.Tags {
		out[k] = pulumi.String(v)
	}
	for k, v := range extra {
		out[k] = pulumi.String(v)
	}
	return out
}

func clusterTag(s spec) string { return "kubernetes.io/cluster/" + s.ClusterName }

// newNetwork creates a VPC with a public and a private subnet per zone, an
// Internet gateway, NAT per natMode and route tables; or adopts the user's VPC.
func newNetwork(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (*network, error) {
	if s.BringYourOwnVPC {
		return adoptNetwork(s), nil
	}
	n := s.Name
	vpc, err := ec2.NewVpc(ctx, n+"-vpc", &ec2.VpcArgs{
		CidrBlock:          pulumi.String(s.VpcCidr),
		EnableDnsHostnames: pulumi.Bool(true),
		EnableDnsSupport:   pulumi.Bool(true),
		Tags:               tagsWith(s, map[string]string{"Name": n + "-vpc"}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("vpc: %w", err)
	}
	igw, err := ec2.NewInternetGateway(ctx, n+"-igw", &ec2.InternetGatewayArgs{
		VpcId: vpc.ID(),
		Tags:  tagsWith(s, map[string]string{"Name": n + "-igw"}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("internet gateway: %w", err)
	}
	publicRT, err := ec2.NewRouteTable(ctx, n+"-public", &ec2.RouteTableArgs{
		VpcId:  vpc.ID(),
		Routes: ec2.RouteTableRouteArray{ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), GatewayId: igw.ID()}},
		Tags:   tagsWith(s, map[string]string{"Name": n + "-public"}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("public route table: %w", err)
	}

	net := &network{VpcID: vpc.ID().ToStringOutput(), PrivateSubnets: map[string]pulumi.StringOutput{}}
	var privIDs, pubIDs pulumi.StringArray
	publicSubnets := map[string]*ec2.Subnet{}
	for i, az := range s.NetworkAZs {
		pub, err := ec2.NewSubnet(ctx, n+"-public-"+az, &ec2.SubnetArgs{
			VpcId:               vpc.ID(),
			CidrBlock:           pulumi.String(s.PublicCidrs[i]),
			AvailabilityZone:    pulumi.String(az),
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags: tagsWith(s, map[string]string{
				"Name": n + "-public-" + az, "kubernetes.io/role/elb": "1", clusterTag(s): "shared",
			}),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("public subnet %s: %w", az, err)
		}
		if _, err := ec2.NewRouteTableAssociation(ctx, n+"-public-"+az, &ec2.RouteTableAssociationArgs{
			SubnetId: pub.ID(), RouteTableId: publicRT.ID(),
		}, opts...); err != nil {
			return nil, fmt.Errorf("public route association %s: %w", az, err)
		}
		priv, err := ec2.NewSubnet(ctx, n+"-private-"+az, &ec2.SubnetArgs{
			VpcId:               vpc.ID(),
			CidrBlock:           pulumi.String(s.PrivateCidrs[i]),
			AvailabilityZone:    pulumi.String(az),
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags: tagsWith(s, s.withDiscovery(map[string]string{
				"Name": n + "-private-" + az, "kubernetes.io/role/internal-elb": "1", clusterTag(s): "shared",
			})),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("private subnet %s: %w", az, err)
		}
		publicSubnets[az] = pub
		net.PrivateSubnets[az] = priv.ID().ToStringOutput()
		privIDs = append(privIDs, priv.ID())
		pubIDs = append(pubIDs, pub.ID())
	}
	net.PrivateSubnetIDs = privIDs.ToStringArrayOutput()
	net.PublicSubnetIDs = pubIDs.ToStringArrayOutput()
	net.ControlPlaneSubnetIDs = net.PrivateSubnetIDs
	net.vpc = vpc

	nats, err := newNATs(ctx, s, publicSubnets, igw, opts...)
	if err != nil {
		return nil, err
	}
	for i, az := range s.NetworkAZs {
		var routes ec2.RouteTableRouteArray
		if nat, ok := nats[az]; ok {
			routes = append(routes, ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), NatGatewayId: nat.ID()})
		}
		rt, err := ec2.NewRouteTable(ctx, n+"-private-"+az, &ec2.RouteTableArgs{
			VpcId:  vpc.ID(),
			Routes: routes,
			Tags:   tagsWith(s, map[string]string{"Name": n + "-private-" + az}),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("private route table %s: %w", az, err)
		}
		assoc, err := ec2.NewRouteTableAssociation(ctx, n+"-private-"+az, &ec2.RouteTableAssociationArgs{
			SubnetId: privIDs[i], RouteTableId: rt.ID(),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("private route association %s: %w", az, err)
		}
		net.PrivateRouteTableIDs = append(net.PrivateRouteTableIDs, rt.ID())
		net.Ready = append(net.Ready, assoc)
	}
	return net, nil
}

// newNATs returns the NAT gateway each zone's private subnets route through:
// one per zone, one shared (in the first zone), or none.
func newNATs(ctx *pulumi.Context, s spec, public map[string]*ec2.Subnet, igw *ec2.InternetGateway, opts ...pulumi.ResourceOption) (map[string]*ec2.NatGateway, error) {
	out := map[string]*ec2.NatGateway{}
	// Public addresses need the Internet gateway attached first, and must be
	// released before it is detached on destroy.
	opts = append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{igw}))
	var zones []string
	switch s.NatMode {
	case NatPerAZ:
		zones = s.AZs
	case NatSingle:
		zones = s.AZs[:1]
	default:
		return out, nil
	}
	for _, az := range zones {
		name := s.Name + "-nat-" + az
		eip, err := ec2.NewEip(ctx, name, &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   tagsWith(s, map[string]string{"Name": name}),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("NAT address %s: %w", az, err)
		}
		nat, err := ec2.NewNatGateway(ctx, name, &ec2.NatGatewayArgs{
			AllocationId: eip.ID(),
			SubnetId:     public[az].ID(),
			Tags:         tagsWith(s, map[string]string{"Name": name}),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("NAT gateway %s: %w", az, err)
		}
		out[az] = nat
	}
	if s.NatMode == NatSingle {
		for _, az := range s.AZs[1:] {
			out[az] = out[s.AZs[0]]
		}
	}
	return out, nil
}

// adoptNetwork uses the VPC and subnets the user passed.
func adoptNetwork(s spec) *network {
	net := &network{
		VpcID:            s.vpcID.ToStringPtrOutput().Elem(),
		PrivateSubnetIDs: s.privateSubnetIDs.ToStringArrayOutput(),
		PrivateSubnets:   map[string]pulumi.StringOutput{},
	}
	if s.publicSubnetIDs != nil {
		net.PublicSubnetIDs = s.publicSubnetIDs.ToStringArrayOutput()
	} else {
		net.PublicSubnetIDs = pulumi.StringArray{}.ToStringArrayOutput()
	}
	for i, az := range s.AZs {
		net.PrivateSubnets[az] = net.PrivateSubnetIDs.Index(pulumi.Int(i))
	}
	net.ControlPlaneSubnetIDs = net.PrivateSubnetIDs
	if s.controlPlaneIDs != nil {
		net.ControlPlaneSubnetIDs = s.controlPlaneIDs.ToStringArrayOutput()
	}
	return net
}
