package domino

import (
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccessHostTag marks the access host (and its role and security group)
// with the cluster name, so `dominoeks tunnel`, `dominoeks check` and the
// workload table find it.
const AccessHostTag = "dominodatalab.com/access-host"

// accessHost is the SSM-managed host that relays a port forward to the
// private Kubernetes API. It has no inbound rule anywhere: Session Manager
// sessions are opened by the agent's outbound HTTPS connection.
type accessHost struct {
	// SecurityGroup has no ingress; the cluster security group admits 443 from it.
	SecurityGroup *ec2.SecurityGroup
	Instance      *ec2.Instance
}

// securityGroupIDs returns the host's security group as a list for other
// groups' ingress sources (empty without a host).
func (h *accessHost) securityGroupIDs() pulumi.StringArray {
	if h == nil {
		return nil
	}
	return pulumi.StringArray{h.SecurityGroup.ID()}
}

// instanceID is the host's instance id ("" without a host).
func (h *accessHost) instanceID() pulumi.StringOutput {
	if h == nil {
		return pulumi.String("").ToStringOutput()
	}
	return h.Instance.ID().ToStringOutput()
}

// amiParameter is the public SSM parameter holding the current Amazon Linux
// 2023 AMI of the architecture. Source: Amazon Linux 2023 user guide,
// "Launching AL2023 using the SSM parameter and AWS CLI"
// (https://docs.aws.amazon.com/linux/al2023/ug/ec2.html).
func amiParameter(arch string) string {
	return "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + arch
}

// instanceArch is the AMI architecture of an instance type: arm64 for the
// Graviton families (a "g" after the generation digit: t4g, m7g, c6gn),
// x86_64 otherwise.
func instanceArch(instanceType string) string {
	fam := awsfacts.InstanceFamily(instanceType)
	for i := 1; i < len(fam); i++ {
		if fam[i-1] >= '0' && fam[i-1] <= '9' {
			if strings.HasPrefix(fam[i:], "g") {
				return "arm64"
			}
			break
		}
	}
	return "x86_64"
}

// newAccessHostSecurityGroup creates the host's security group: no ingress,
// egress HTTPS only (SSM endpoints or, through NAT, Systems Manager; the
// Kubernetes API). Nil without a host.
func newAccessHostSecurityGroup(ctx *pulumi.Context, s spec, net *network, opts ...pulumi.ResourceOption) (*accessHost, error) {
	if !s.AccessHost {
		return nil, nil
	}
	sg, err := ec2.NewSecurityGroup(ctx, s.Name+"-access-host", &ec2.SecurityGroupArgs{
		VpcId:       net.VpcID,
		Description: pulumi.String("Access host of " + s.ClusterName + ": no ingress; HTTPS out to Systems Manager and the Kubernetes API"),
		Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{
			Description: pulumi.String("HTTPS"), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.StringArray{pulumi.String("0.0.0.0/0")},
		}},
		Tags: tagsWith(s, map[string]string{"Name": s.Name + "-access-host", AccessHostTag: s.ClusterName}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("access host security group: %w", err)
	}
	return &accessHost{SecurityGroup: sg}, nil
}

// newAccessHost launches the access host: the smallest instance type that
// runs the SSM agent, current Amazon Linux 2023 from its public SSM
// parameter, in the first private subnet, no public IP, no key pair, IMDSv2
// required, an encrypted root volume (the customer key when there is one),
// and its own role with only AmazonSSMManagedInstanceCore. The EKS cluster
// security group admits HTTPS from the host's group. It waits for net.Ready
// (routes and, without NAT, the SSM endpoints) so the agent registers at boot.
func newAccessHost(ctx *pulumi.Context, s spec, net *network, c *cluster, h *accessHost, opts ...pulumi.ResourceOption) error {
	if h == nil {
		return nil
	}
	n := s.Name + "-access-host"
	role, err := iam.NewRole(ctx, n, &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ec2.amazonaws.com")),
		Description:      pulumi.String("Access host of " + s.ClusterName + ": Systems Manager only"),
		Tags:             tagsWith(s, map[string]string{AccessHostTag: s.ClusterName}),
	}, opts...)
	if err != nil {
		return fmt.Errorf("access host role: %w", err)
	}
	att, err := iam.NewRolePolicyAttachment(ctx, n+"-ssm", &iam.RolePolicyAttachmentArgs{
		Role: role.Name, PolicyArn: pulumi.String(awsfacts.SSMManagedInstancePolicy),
	}, opts...)
	if err != nil {
		return fmt.Errorf("access host role policy: %w", err)
	}
	profile, err := iam.NewInstanceProfile(ctx, n, &iam.InstanceProfileArgs{
		Role: role.Name, Tags: tagsWith(s, map[string]string{AccessHostTag: s.ClusterName}),
	}, opts...)
	if err != nil {
		return fmt.Errorf("access host instance profile: %w", err)
	}
	ami, err := ssm.LookupParameter(ctx, &ssm.LookupParameterArgs{Name: amiParameter(instanceArch(s.AccessHostType))})
	if err != nil {
		return fmt.Errorf("access host AMI (%s): %w", amiParameter(instanceArch(s.AccessHostType)), err)
	}
	if _, err := ec2.NewSecurityGroupRule(ctx, n+"-to-api", &ec2.SecurityGroupRuleArgs{
		Type: pulumi.String("ingress"), Description: pulumi.String("Kubernetes API from the access host (SSM port forward)"),
		SecurityGroupId: c.SecurityGroupID, SourceSecurityGroupId: h.SecurityGroup.ID(),
		Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
	}, opts...); err != nil {
		return fmt.Errorf("cluster security group rule for the access host: %w", err)
	}
	deps := append(append([]pulumi.Resource{}, net.Ready...), att)
	h.Instance, err = ec2.NewInstance(ctx, n, &ec2.InstanceArgs{
		Ami:                      pulumi.String(ami.Value),
		InstanceType:             pulumi.String(s.AccessHostType),
		SubnetId:                 net.PrivateSubnets[s.AZs[0]],
		AssociatePublicIpAddress: pulumi.Bool(false),
		IamInstanceProfile:       profile.Name,
		VpcSecurityGroupIds:      pulumi.StringArray{h.SecurityGroup.ID()},
		MetadataOptions: ec2.InstanceMetadataOptionsArgs{
			HttpEndpoint: pulumi.String("enabled"), HttpTokens: pulumi.String("required"), HttpPutResponseHopLimit: pulumi.Int(1),
		},
		RootBlockDevice: ec2.InstanceRootBlockDeviceArgs{
			Encrypted: pulumi.Bool(true), KmsKeyId: s.kmsKeyID(), VolumeType: pulumi.String("gp3"),
			// The AL2023 AMIs' root snapshot is 8 GiB; stated so the cost is exact.
			VolumeSize: pulumi.Int(8),
		},
		Tags:       tagsWith(s, map[string]string{"Name": n, AccessHostTag: s.ClusterName}),
		VolumeTags: tagsWith(s, map[string]string{"Name": n}),
		Monitoring: pulumi.Bool(false),
	}, append(append([]pulumi.ResourceOption{}, opts...),
		pulumi.DependsOn(deps),
		// A new Amazon Linux release changes the parameter; replacing the host
		// on every up would cut open sessions. Replace it deliberately
		// (pulumi up --replace) to move to a new AMI.
		pulumi.IgnoreChanges([]string{"ami"}))...)
	if err != nil {
		return fmt.Errorf("access host: %w", err)
	}
	return nil
}
