package preview_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-eks/sdk/v2/go/eks"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	storagev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/storage/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ruleCase registers resources; violating says whether AWS would refuse them
// under the rule.
type ruleCase struct {
	rule      string
	name      string
	violating bool
	program   func(ctx *pulumi.Context) error
}

// violated runs the program and returns the ids of the rules it breaks.
func violated(t *testing.T, program func(ctx *pulumi.Context) error) []string {
	t.Helper()
	_, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) { return nil, program(ctx) }, preview.Options{})
	var ve *preview.ViolationError
	if err != nil && !errors.As(err, &ve) {
		require.NoError(t, err)
	}
	if ve == nil {
		return nil
	}
	var ids []string
	for _, v := range ve.Violations {
		ids = append(ids, v.Rule)
		assert.NotEmpty(t, v.URN)
		assert.NotEmpty(t, v.Source)
		assert.Contains(t, ve.Error(), v.Rule)
	}
	return ids
}

// network builds a VPC with two private subnets in the given zones.
func network(ctx *pulumi.Context, zones ...string) (*ec2.Vpc, []*ec2.Subnet, error) {
	vpc, err := ec2.NewVpc(ctx, "vpc", &ec2.VpcArgs{CidrBlock: pulumi.String("10.0.0.0/16"),
		EnableDnsSupport: pulumi.Bool(true), EnableDnsHostnames: pulumi.Bool(true)})
	if err != nil {
		return nil, nil, err
	}
	var subnets []*ec2.Subnet
	for i, z := range zones {
		sn, err := ec2.NewSubnet(ctx, "private-"+string(rune('a'+i)), &ec2.SubnetArgs{VpcId: vpc.ID(), AvailabilityZone: pulumi.String(z),
			CidrBlock: pulumi.Sprintf("10.0.%d.0/24", i)})
		if err != nil {
			return nil, nil, err
		}
		subnets = append(subnets, sn)
	}
	return vpc, subnets, nil
}

func ids(subnets []*ec2.Subnet) pulumi.StringArray {
	var out pulumi.StringArray
	for _, s := range subnets {
		out = append(out, s.ID())
	}
	return out
}

// nodeGroup registers a valid node group (subnets not created by the program).
func nodeGroup(ctx *pulumi.Context, name string, mutate func(*awseks.NodeGroupArgs), opts ...pulumi.ResourceOption) (*awseks.NodeGroup, error) {
	args := &awseks.NodeGroupArgs{
		ClusterName: pulumi.String("c"), NodeRoleArn: pulumi.String("arn:aws:iam::123456789012:role/n"),
		SubnetIds: pulumi.ToStringArray([]string{"subnet-byo"}), AmiType: pulumi.String("AL2023_x86_64_STANDARD"),
		InstanceTypes: pulumi.ToStringArray([]string{"m5.xlarge"}),
		ScalingConfig: awseks.NodeGroupScalingConfigArgs{MinSize: pulumi.Int(1), DesiredSize: pulumi.Int(1), MaxSize: pulumi.Int(3)},
	}
	if mutate != nil {
		mutate(args)
	}
	return awseks.NewNodeGroup(ctx, name, args, opts...)
}

// egressNetwork: a subnet whose route table is as given, and what a node group must wait for.
func egressNetwork(ctx *pulumi.Context, withNAT, withEndpoints bool) (*ec2.Subnet, []pulumi.Resource, error) {
	vpc, subnets, err := network(ctx, "us-west-2a")
	if err != nil {
		return nil, nil, err
	}
	var routes ec2.RouteTableRouteArray
	var ready []pulumi.Resource
	if withNAT {
		igw, err := ec2.NewInternetGateway(ctx, "igw", &ec2.InternetGatewayArgs{VpcId: vpc.ID()})
		if err != nil {
			return nil, nil, err
		}
		nat, err := ec2.NewNatGateway(ctx, "nat", &ec2.NatGatewayArgs{SubnetId: pulumi.String("subnet-public"), AllocationId: pulumi.String("eipalloc-1")},
			pulumi.DependsOn([]pulumi.Resource{igw}))
		if err != nil {
			return nil, nil, err
		}
		routes = append(routes, ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), NatGatewayId: nat.ID()})
	}
	rt, err := ec2.NewRouteTable(ctx, "private", &ec2.RouteTableArgs{VpcId: vpc.ID(), Routes: routes})
	if err != nil {
		return nil, nil, err
	}
	assoc, err := ec2.NewRouteTableAssociation(ctx, "private", &ec2.RouteTableAssociationArgs{SubnetId: subnets[0].ID(), RouteTableId: rt.ID()})
	if err != nil {
		return nil, nil, err
	}
	ready = append(ready, assoc)
	if withEndpoints {
		gw, err := ec2.NewVpcEndpoint(ctx, "s3", &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("com.amazonaws.us-west-2.s3"),
			VpcEndpointType: pulumi.String("Gateway"), RouteTableIds: pulumi.StringArray{rt.ID()}})
		if err != nil {
			return nil, nil, err
		}
		ready = append(ready, gw)
		for _, svc := range []string{"ecr.api", "ecr.dkr", "ec2", "sts"} {
			ep, err := ec2.NewVpcEndpoint(ctx, svc, &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("com.amazonaws.us-west-2." + svc),
				VpcEndpointType: pulumi.String("Interface"), PrivateDnsEnabled: pulumi.Bool(true), SubnetIds: ids(subnets)})
			if err != nil {
				return nil, nil, err
			}
			ready = append(ready, ep)
		}
	}
	return subnets[0], ready, nil
}

// egressCase registers a node group in a subnet of egressNetwork(withNAT,
// withEndpoints); waitAll makes it depend on everything the network offers,
// else only on the route table association.
func egressCase(withNAT, withEndpoints, waitAll bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		sn, ready, err := egressNetwork(ctx, withNAT, withEndpoints)
		if err != nil {
			return err
		}
		if !waitAll {
			ready = ready[:1]
		}
		_, err = nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) { a.SubnetIds = pulumi.StringArray{sn.ID()} }, pulumi.DependsOn(ready))
		return err
	}
}

// pulumiEKS registers a pulumi-eks cluster in a VPC the program creates.
func pulumiEKS(ctx *pulumi.Context, public bool) (*eks.Cluster, error) {
	vpc, subnets, err := network(ctx, "us-west-2a", "us-west-2b")
	if err != nil {
		return nil, err
	}
	args := &eks.ClusterArgs{Name: pulumi.StringPtr("c"), VpcId: vpc.ID().ToStringPtrOutput(), PrivateSubnetIds: ids(subnets),
		SkipDefaultNodeGroup: pulumi.BoolRef(true), EndpointPrivateAccess: pulumi.BoolPtr(true), EndpointPublicAccess: pulumi.BoolPtr(public)}
	if public {
		args.PublicAccessCidrs = pulumi.ToStringArray([]string{"203.0.113.0/24"})
	}
	return eks.NewCluster(ctx, "c", args)
}

// ssmCase registers an instance in a subnet of egressNetwork(withNAT, false)
// whose profile role has AmazonSSMManagedInstanceCore when managed, beside
// the Systems Manager interface endpoints when ssmEndpoints.
func ssmCase(withNAT, ssmEndpoints, managed bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		sn, ready, err := egressNetwork(ctx, withNAT, false)
		if err != nil {
			return err
		}
		if ssmEndpoints {
			for _, svc := range []string{"ssm", "ssmmessages", "ec2messages"} {
				ep, err := ec2.NewVpcEndpoint(ctx, svc, &ec2.VpcEndpointArgs{VpcId: sn.VpcId,
					ServiceName: pulumi.String("com.amazonaws.us-west-2." + svc), VpcEndpointType: pulumi.String("Interface"),
					PrivateDnsEnabled: pulumi.Bool(true), SubnetIds: pulumi.StringArray{sn.ID()}})
				if err != nil {
					return err
				}
				ready = append(ready, ep)
			}
		}
		role, err := iam.NewRole(ctx, "host", &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")})
		if err != nil {
			return err
		}
		policy := "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
		if managed {
			policy = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
		}
		att, err := iam.NewRolePolicyAttachment(ctx, "host", &iam.RolePolicyAttachmentArgs{Role: role.Name, PolicyArn: pulumi.String(policy)})
		if err != nil {
			return err
		}
		prof, err := iam.NewInstanceProfile(ctx, "host", &iam.InstanceProfileArgs{Role: role.Name}, pulumi.DependsOn([]pulumi.Resource{att}))
		if err != nil {
			return err
		}
		_, err = ec2.NewInstance(ctx, "host", &ec2.InstanceArgs{Ami: pulumi.String("ami-0123456789abcdef0"), InstanceType: pulumi.String("t4g.nano"),
			SubnetId: sn.ID(), IamInstanceProfile: prof.Name}, pulumi.DependsOn(ready))
		return err
	}
}

func longName(n int) string { return strings.Repeat("n", n) }

var ruleCases = []ruleCase{
	{"eks-subnets-two-azs", "one zone", true, func(ctx *pulumi.Context) error {
		_, subnets, err := network(ctx, "us-west-2a", "us-west-2a")
		if err != nil {
			return err
		}
		_, err = awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: ids(subnets)}})
		return err
	}},
	{"eks-zone-supported", "control plane in us-east-1e (use1-az3 in the modelled account)", true, func(ctx *pulumi.Context) error {
		_, subnets, err := network(ctx, "us-east-1a", "us-east-1e")
		if err != nil {
			return err
		}
		_, err = awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: ids(subnets)}})
		return err
	}},
	{"eks-zone-supported", "control plane in us-east-1a and 1b", false, func(ctx *pulumi.Context) error {
		_, subnets, err := network(ctx, "us-east-1a", "us-east-1b")
		if err != nil {
			return err
		}
		_, err = awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: ids(subnets)}})
		return err
	}},
	{"eks-subnets-two-azs", "two zones", false, func(ctx *pulumi.Context) error {
		_, subnets, err := network(ctx, "us-west-2a", "us-west-2b")
		if err != nil {
			return err
		}
		_, err = awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: ids(subnets)}})
		return err
	}},
	{"addon-after-nodes", "EBS CSI before nodes", true, func(ctx *pulumi.Context) error {
		_, err := awseks.NewAddon(ctx, "ebs", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("aws-ebs-csi-driver")})
		return err
	}},
	{"addon-after-nodes", "EBS CSI after a node group", false, func(ctx *pulumi.Context) error {
		ng, err := nodeGroup(ctx, "ng", nil)
		if err != nil {
			return err
		}
		_, err = awseks.NewAddon(ctx, "ebs", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("aws-ebs-csi-driver")},
			pulumi.DependsOn([]pulumi.Resource{ng}))
		return err
	}},
	{"addon-after-nodes", "kube-proxy runs no Deployment", false, func(ctx *pulumi.Context) error {
		_, err := awseks.NewAddon(ctx, "kp", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("kube-proxy")})
		return err
	}},
	{"addon-after-control-plane", "add-on naming a planned cluster without waiting for it", true, func(ctx *pulumi.Context) error {
		if _, err := awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: pulumi.StringArray{pulumi.String("subnet-1")}}}); err != nil {
			return err
		}
		_, err := awseks.NewAddon(ctx, "kp", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("kube-proxy")})
		return err
	}},
	{"addon-after-control-plane", "add-on takes the cluster's name output", false, func(ctx *pulumi.Context) error {
		c, err := awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: pulumi.StringArray{pulumi.String("subnet-1")}}})
		if err != nil {
			return err
		}
		_, err = awseks.NewAddon(ctx, "kp", &awseks.AddonArgs{ClusterName: c.Name, AddonName: pulumi.String("kube-proxy")})
		return err
	}},
	{"vpc-cni-before-nodes", "node group beside the vpc-cni add-on", true, func(ctx *pulumi.Context) error {
		if _, err := awseks.NewAddon(ctx, "cni", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("vpc-cni")}); err != nil {
			return err
		}
		_, err := nodeGroup(ctx, "ng", nil)
		return err
	}},
	{"vpc-cni-before-nodes", "node group waits for the vpc-cni add-on", false, func(ctx *pulumi.Context) error {
		cni, err := awseks.NewAddon(ctx, "cni", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("vpc-cni")})
		if err != nil {
			return err
		}
		_, err = nodeGroup(ctx, "ng", nil, pulumi.DependsOn([]pulumi.Resource{cni}))
		return err
	}},
	{"bucket-one-lifecycle-configuration", "two lifecycle configurations on one bucket", true, func(ctx *pulumi.Context) error {
		for _, name := range []string{"expire", "abort"} {
			if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name, &s3.BucketLifecycleConfigurationV2Args{Bucket: pulumi.String("b"),
				Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{Id: pulumi.String(name), Status: pulumi.String("Enabled")}}}); err != nil {
				return err
			}
		}
		return nil
	}},
	{"bucket-one-lifecycle-configuration", "one configuration per bucket", false, func(ctx *pulumi.Context) error {
		for _, b := range []string{"b1", "b2"} {
			if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, b, &s3.BucketLifecycleConfigurationV2Args{Bucket: pulumi.String(b),
				Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{Id: pulumi.String("r"), Status: pulumi.String("Enabled")}}}); err != nil {
				return err
			}
		}
		return nil
	}},
	{"backup-cold-storage-minimum", "deleted 30 days after going cold", true, func(ctx *pulumi.Context) error {
		return backupPlan(ctx, 35, 65)
	}},
	{"backup-cold-storage-minimum", "Domino's 35/125", false, func(ctx *pulumi.Context) error {
		return backupPlan(ctx, 35, 125)
	}},
	{"nodegroup-scaling", "min above desired", true, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.ScalingConfig = awseks.NodeGroupScalingConfigArgs{MinSize: pulumi.Int(3), DesiredSize: pulumi.Int(1), MaxSize: pulumi.Int(5)}
		})
		return err
	}},
	{"nodegroup-scaling", "max zero", true, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.ScalingConfig = awseks.NodeGroupScalingConfigArgs{MinSize: pulumi.Int(0), DesiredSize: pulumi.Int(0), MaxSize: pulumi.Int(0)}
		})
		return err
	}},
	{"nodegroup-scaling", "scale from zero", false, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.ScalingConfig = awseks.NodeGroupScalingConfigArgs{MinSize: pulumi.Int(0), DesiredSize: pulumi.Int(0), MaxSize: pulumi.Int(5)}
		})
		return err
	}},
	{"gpu-ami-type", "GPU instances on the standard AMI", true, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) { a.InstanceTypes = pulumi.ToStringArray([]string{"p4d.24xlarge"}) })
		return err
	}},
	{"gpu-ami-type", "p2 (K80) on the NVIDIA AMI", true, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.AmiType = pulumi.String("AL2023_x86_64_NVIDIA")
			a.InstanceTypes = pulumi.ToStringArray([]string{"p2.xlarge"})
		})
		return err
	}},
	{"gpu-ami-type", "g6 on the NVIDIA AMI", false, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.AmiType = pulumi.String("AL2023_x86_64_NVIDIA")
			a.InstanceTypes = pulumi.ToStringArray([]string{"g6.xlarge"})
		})
		return err
	}},
	{"launch-template-managed-nodegroup", "instance profile in the template, disk on the group", true, func(ctx *pulumi.Context) error {
		lt, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{
			IamInstanceProfile: &ec2.LaunchTemplateIamInstanceProfileArgs{Name: pulumi.String("p")}})
		if err != nil {
			return err
		}
		_, err = nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.LaunchTemplate = &awseks.NodeGroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("1")}
			a.DiskSize = pulumi.Int(100)
		})
		return err
	}},
	{"launch-template-managed-nodegroup", "template with volumes only", false, func(ctx *pulumi.Context) error {
		lt, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{})
		if err != nil {
			return err
		}
		_, err = nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.LaunchTemplate = &awseks.NodeGroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("1")}
		})
		return err
	}},
	{"launch-template-cluster-security-group", "template security groups without the cluster's", true, func(ctx *pulumi.Context) error {
		c, err := pulumiEKS(ctx, true)
		if err != nil {
			return err
		}
		lt, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{VpcSecurityGroupIds: pulumi.ToStringArray([]string{"sg-0other"})})
		if err != nil {
			return err
		}
		// Node groups wait for their cluster, as the component's do.
		_, err = nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.LaunchTemplate = &awseks.NodeGroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("1")}
		}, pulumi.DependsOn([]pulumi.Resource{c}))
		return err
	}},
	{"launch-template-cluster-security-group", "template lists the cluster security group", false, func(ctx *pulumi.Context) error {
		c, err := pulumiEKS(ctx, true)
		if err != nil {
			return err
		}
		lt, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{VpcSecurityGroupIds: pulumi.StringArray{
			c.EksCluster.VpcConfig().ClusterSecurityGroupId().Elem(), pulumi.String("sg-0shared")}})
		if err != nil {
			return err
		}
		_, err = nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) {
			a.LaunchTemplate = &awseks.NodeGroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("1")}
		}, pulumi.DependsOn([]pulumi.Resource{c}))
		return err
	}},
	{"nat-after-internet-gateway", "NAT without the gateway", true, func(ctx *pulumi.Context) error {
		_, err := ec2.NewNatGateway(ctx, "nat", &ec2.NatGatewayArgs{SubnetId: pulumi.String("subnet-1"), AllocationId: pulumi.String("eipalloc-1")})
		return err
	}},
	{"nat-after-internet-gateway", "private NAT", false, func(ctx *pulumi.Context) error {
		_, err := ec2.NewNatGateway(ctx, "nat", &ec2.NatGatewayArgs{SubnetId: pulumi.String("subnet-1"), ConnectivityType: pulumi.String("private")})
		return err
	}},
	{"private-subnet-egress", "no NAT, no endpoints", true, egressCase(false, false, true)},
	{"private-subnet-egress", "endpoints the nodes do not wait for", true, egressCase(false, true, false)},
	{"private-subnet-egress", "NAT route", false, egressCase(true, false, true)},
	{"private-subnet-egress", "VPC endpoints", false, egressCase(false, true, true)},
	// The association is what puts the subnet on the NAT route: a node group
	// that does not wait for it may boot nodes in a subnet without egress.
	// The node group is registered once the association is (inside an apply
	// of its id) but without depending on it, so only the missing dependency
	// can make the rule fire, not the order of registration.
	{"private-subnet-egress", "NAT route whose association the nodes do not wait for", true, func(ctx *pulumi.Context) error {
		sn, ready, err := egressNetwork(ctx, true, false)
		if err != nil {
			return err
		}
		ready[0].(*ec2.RouteTableAssociation).ID().ApplyT(func(pulumi.ID) (string, error) {
			_, err := nodeGroup(ctx, "ng", func(a *awseks.NodeGroupArgs) { a.SubnetIds = pulumi.StringArray{sn.ID()} })
			return "", err
		})
		return nil
	}},
	{"ssm-managed-private-endpoints", "SSM-managed host, no NAT, no SSM endpoints", true, ssmCase(false, false, true)},
	{"ssm-managed-private-endpoints", "SSM-managed host with the SSM endpoints", false, ssmCase(false, true, true)},
	{"ssm-managed-private-endpoints", "SSM-managed host behind NAT", false, ssmCase(true, false, true)},
	{"ssm-managed-private-endpoints", "host without AmazonSSMManagedInstanceCore", false, ssmCase(false, false, false)},
	{"interface-endpoint-private-dns", "VPC without DNS hostnames", true, func(ctx *pulumi.Context) error {
		vpc, err := ec2.NewVpc(ctx, "vpc", &ec2.VpcArgs{CidrBlock: pulumi.String("10.0.0.0/16")})
		if err != nil {
			return err
		}
		_, err = ec2.NewVpcEndpoint(ctx, "sts", &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("com.amazonaws.us-west-2.sts"),
			VpcEndpointType: pulumi.String("Interface"), PrivateDnsEnabled: pulumi.Bool(true)})
		return err
	}},
	{"interface-endpoint-one-subnet-per-zone", "two subnets in one zone", true, func(ctx *pulumi.Context) error {
		vpc, subnets, err := network(ctx, "us-west-2a", "us-west-2a")
		if err != nil {
			return err
		}
		_, err = ec2.NewVpcEndpoint(ctx, "sts", &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("com.amazonaws.us-west-2.sts"),
			VpcEndpointType: pulumi.String("Interface"), PrivateDnsEnabled: pulumi.Bool(true), SubnetIds: ids(subnets)})
		return err
	}},
	{"interface-endpoint-one-subnet-per-zone", "one subnet per zone", false, func(ctx *pulumi.Context) error {
		vpc, subnets, err := network(ctx, "us-west-2a", "us-west-2b")
		if err != nil {
			return err
		}
		_, err = ec2.NewVpcEndpoint(ctx, "sts", &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("com.amazonaws.us-west-2.sts"),
			VpcEndpointType: pulumi.String("Interface"), PrivateDnsEnabled: pulumi.Bool(true), SubnetIds: ids(subnets)})
		return err
	}},
	{"nodegroup-name", "auto-name over 63", true, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, longName(56), nil)
		return err
	}},
	{"nodegroup-name", "auto-name of 63", false, func(ctx *pulumi.Context) error {
		_, err := nodeGroup(ctx, longName(55), nil)
		return err
	}},
	{"iam-role-name", "auto-name over 64", true, func(ctx *pulumi.Context) error {
		_, err := iam.NewRole(ctx, longName(57), &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")})
		return err
	}},
	{"iam-role-name", "explicit name of 64", false, func(ctx *pulumi.Context) error {
		_, err := iam.NewRole(ctx, "r", &iam.RoleArgs{Name: pulumi.String(longName(64)), AssumeRolePolicy: pulumi.String("{}")})
		return err
	}},
	{"iam-policy-name", "name over 128", true, func(ctx *pulumi.Context) error {
		_, err := iam.NewPolicy(ctx, "p", &iam.PolicyArgs{Name: pulumi.String(longName(129)), Policy: pulumi.String("{}")})
		return err
	}},
	{"launch-template-name", "space in the name", true, func(ctx *pulumi.Context) error {
		_, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{Name: pulumi.String("my template")})
		return err
	}},
	{"eks-cluster-name", "leading hyphen", true, func(ctx *pulumi.Context) error {
		_, err := awseks.NewCluster(ctx, "c", &awseks.ClusterArgs{Name: pulumi.String("-c"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/c"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: pulumi.ToStringArray([]string{"subnet-1"})}})
		return err
	}},
	{"s3-bucket-name", "upper case", true, func(ctx *pulumi.Context) error {
		_, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{Bucket: pulumi.String("Domino_Data")})
		return err
	}},
	{"s3-bucket-name", "auto-name over 63", true, func(ctx *pulumi.Context) error {
		_, err := s3.NewBucketV2(ctx, longName(56), &s3.BucketV2Args{})
		return err
	}},
	{"s3-bucket-name", "valid", false, func(ctx *pulumi.Context) error {
		_, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{Bucket: pulumi.String("domino-data-123456789012")})
		return err
	}},
	{"ecr-repository-name", "double hyphen after an underscore", true, func(ctx *pulumi.Context) error {
		_, err := ecr.NewRepository(ctx, "r", &ecr.RepositoryArgs{Name: pulumi.String("my_-cluster/environment")})
		return err
	}},
	{"ecr-repository-name", "valid", false, func(ctx *pulumi.Context) error {
		_, err := ecr.NewRepository(ctx, "r", &ecr.RepositoryArgs{Name: pulumi.String("my_cluster/genai-model")})
		return err
	}},
	{"ecr-pull-through-prefix", "31 characters", true, func(ctx *pulumi.Context) error {
		_, err := ecr.NewPullThroughCacheRule(ctx, "q", &ecr.PullThroughCacheRuleArgs{
			EcrRepositoryPrefix: pulumi.String(longName(26) + "-quay"), UpstreamRegistryUrl: pulumi.String("quay.io")})
		return err
	}},
	{"ecr-pull-through-prefix", "30 characters", false, func(ctx *pulumi.Context) error {
		_, err := ecr.NewPullThroughCacheRule(ctx, "q", &ecr.PullThroughCacheRuleArgs{
			EcrRepositoryPrefix: pulumi.String(longName(25) + "-quay"), UpstreamRegistryUrl: pulumi.String("quay.io")})
		return err
	}},
	{"kms-alias-name", "the reserved alias/aws/ prefix", true, func(ctx *pulumi.Context) error {
		_, err := kms.NewAlias(ctx, "a", &kms.AliasArgs{Name: pulumi.String("alias/aws/domino"), TargetKeyId: pulumi.String("k")})
		return err
	}},
	{"kms-alias-name", "alias/aws-prod is not reserved", false, func(ctx *pulumi.Context) error {
		_, err := kms.NewAlias(ctx, "a", &kms.AliasArgs{Name: pulumi.String("alias/aws-prod"), TargetKeyId: pulumi.String("k")})
		return err
	}},
	{"log-group-name", "a space", true, func(ctx *pulumi.Context) error {
		_, err := cloudwatch.NewLogGroup(ctx, "l", &cloudwatch.LogGroupArgs{Name: pulumi.String("/aws/vpc/my cluster/flow-logs")})
		return err
	}},
	{"log-group-name", "valid", false, func(ctx *pulumi.Context) error {
		_, err := cloudwatch.NewLogGroup(ctx, "l", &cloudwatch.LogGroupArgs{Name: pulumi.String("/aws/vpc/My_Cluster/flow-logs")})
		return err
	}},
	{"access-entry-not-creator", "an entry for the deploying principal", true, func(ctx *pulumi.Context) error {
		_, err := awseks.NewAccessEntry(ctx, "me", &awseks.AccessEntryArgs{ClusterName: pulumi.String("c"), PrincipalArn: pulumi.String(preview.CallerArn)})
		return err
	}},
	{"access-entry-not-creator", "an entry for a CI role", false, func(ctx *pulumi.Context) error {
		_, err := awseks.NewAccessEntry(ctx, "ci", &awseks.AccessEntryArgs{ClusterName: pulumi.String("c"), PrincipalArn: pulumi.String("arn:aws:iam::123456789012:role/ci")})
		return err
	}},
	{"eks-secrets-key-usable-by-cluster-role", "key policy without the cluster role", true, func(ctx *pulumi.Context) error {
		return encryptedCluster(ctx, "")
	}},
	{"eks-secrets-key-usable-by-cluster-role", "key policy granting pulumi-eks's cluster role by pattern", false, func(ctx *pulumi.Context) error {
		return encryptedCluster(ctx, "arn:aws:iam::123456789012:role/c-eksRole-role-*")
	}},
	{"kubernetes-through-private-endpoint", "private endpoint of a VPC made in the run", true, func(ctx *pulumi.Context) error {
		return storageClassThrough(ctx, false)
	}},
	{"kubernetes-through-private-endpoint", "public endpoint", false, func(ctx *pulumi.Context) error {
		return storageClassThrough(ctx, true)
	}},
}

// encryptedCluster registers a pulumi-eks cluster whose secrets use a key
// created in the run, with the key policy domino builds for the given
// cluster-role pattern.
func encryptedCluster(ctx *pulumi.Context, rolePattern string) error {
	policy, err := domino.KMSKeyPolicy("aws", "123456789012", rolePattern)
	if err != nil {
		return err
	}
	key, err := kms.NewKey(ctx, "k", &kms.KeyArgs{Policy: pulumi.String(policy)})
	if err != nil {
		return err
	}
	_, err = eks.NewCluster(ctx, "c", &eks.ClusterArgs{Name: pulumi.StringPtr("c"), VpcId: pulumi.StringPtr("vpc-1"),
		PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-1", "subnet-2"}), SkipDefaultNodeGroup: pulumi.BoolRef(true),
		EncryptionConfigKeyArn: key.Arn})
	return err
}

func storageClassThrough(ctx *pulumi.Context, public bool) error {
	c, err := pulumiEKS(ctx, public)
	if err != nil {
		return err
	}
	k8s, err := kubernetes.NewProvider(ctx, "k8s", &kubernetes.ProviderArgs{Kubeconfig: c.KubeconfigJson})
	if err != nil {
		return err
	}
	_, err = storagev1.NewStorageClass(ctx, "sc", &storagev1.StorageClassArgs{
		Metadata: &metav1.ObjectMetaArgs{Name: pulumi.String("sc")}, Provisioner: pulumi.String("ebs.csi.aws.com"),
	}, pulumi.Provider(k8s))
	return err
}

// TestRulesRejectWhatAWSRejects: every rule turns down a registration AWS,
// EKS or pulumi-eks would turn down, and passes the compliant variant; no
// other rule fires on either.
func TestRulesRejectWhatAWSRejects(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			got := violated(t, tc.program)
			if tc.violating {
				assert.Equal(t, []string{tc.rule}, slices.Compact(got), "exactly %s fires", tc.rule)
			} else {
				assert.Empty(t, got)
			}
		})
	}
}

// TestEveryRuleIsCitedAndTested: each rule of the engine names its source and
// has a rejecting case above.
func TestEveryRuleIsCitedAndTested(t *testing.T) {
	rejecting := map[string]bool{}
	for _, tc := range slices.Concat(ruleCases, accountRuleCases) {
		if tc.violating {
			rejecting[tc.rule] = true
		}
	}
	seen := map[string]bool{}
	for _, r := range preview.Rules() {
		seen[r.ID] = true
		assert.Regexp(t, `https://|\.go|\.ts`, r.Source, "%s cites where the rule is written down", r.ID)
		assert.NotEmpty(t, r.Types, r.ID)
		assert.True(t, rejecting[r.ID], "rule %s has no rejecting test case", r.ID)
	}
	for id := range rejecting {
		assert.True(t, seen[id], "test case for unknown rule %s", id)
	}
}

// backupPlan registers a backup plan with one rule's lifecycle.
func backupPlan(ctx *pulumi.Context, cold, del int) error {
	_, err := backup.NewPlan(ctx, "plan", &backup.PlanArgs{Rules: backup.PlanRuleArray{backup.PlanRuleArgs{
		RuleName: pulumi.String("daily"), TargetVaultName: pulumi.String("v"), Schedule: pulumi.String("cron(0 12 * * ? *)"),
		Lifecycle: backup.PlanRuleLifecycleArgs{ColdStorageAfter: pulumi.Int(cold), DeleteAfter: pulumi.Int(del)},
	}}})
	return err
}
