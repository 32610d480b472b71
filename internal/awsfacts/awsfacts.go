// Package awsfacts holds the AWS, EKS and pulumi-eks facts the component and
// the offline engine both rely on, each with the place AWS writes it down. The
// component validates arguments against them; internal/preview's rule set
// checks every registration against them. Keeping them here means a fact is
// encoded once.
package awsfacts

import "strings"

// NvidiaFamilies are the x86_64 NVIDIA GPU instance families the current EKS
// accelerated AMIs (AL2023_x86_64_NVIDIA; AL2_x86_64_GPU until 1.32) drive.
// p2 is absent: its K80 GPUs need a driver ≤ 470 that no current EKS AMI ships.
// Source: EKS user guide, "Use EKS-optimized accelerated AMIs for GPU instances"
// (https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html);
// awslabs/amazon-eks-ami NVIDIA driver support table.
var NvidiaFamilies = map[string]bool{
	"p6-b200": true, "p6-b300": true,
	"p5": true, "p5e": true, "p5en": true,
	"p4d": true, "p4de": true,
	"p3": true, "p3dn": true,
	"g7e": true,
	"g6":  true, "g6e": true, "g6f": true, "gr6": true, "gr6f": true,
	"g5": true, "g4dn": true,
}

// InstanceFamily returns the family of an instance type: "p4d" of "p4d.24xlarge".
func InstanceFamily(instanceType string) string {
	fam, _, _ := strings.Cut(instanceType, ".")
	return fam
}

// IsNvidiaGPU reports whether the instance type has NVIDIA GPUs the EKS
// accelerated AMIs support.
func IsNvidiaGPU(instanceType string) bool { return NvidiaFamilies[InstanceFamily(instanceType)] }

// GPUAmiTypes are the EKS AMI types that ship NVIDIA drivers.
// Source: EKS API, Nodegroup.amiType
// (https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html).
var GPUAmiTypes = map[string]bool{"AL2023_x86_64_NVIDIA": true, "AL2_x86_64_GPU": true, "BOTTLEROCKET_x86_64_NVIDIA": true}

// AutoNameSuffix is the length Pulumi's auto-naming adds to a logical name:
// "-" and 7 random hex characters.
// Source: pulumi/pulumi sdk resource auto-naming (resource.NewUniqueHex(name+"-", 7, ...)).
const AutoNameSuffix = 8

// Physical-name limits AWS enforces.
const (
	// NodeGroupNameMax: EKS CreateNodegroup nodegroupName, 1-63 characters.
	// https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html
	NodeGroupNameMax = 63
	// ClusterNameMax: EKS CreateCluster name, 1-100 characters.
	// https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html
	ClusterNameMax = 100
	// IAMRoleNameMax: IAM role names, 64 characters.
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
	IAMRoleNameMax = 64
	// IAMPolicyNameMax: IAM policy names, 128 characters (same page).
	IAMPolicyNameMax = 128
	// BucketNameMin, BucketNameMax: S3 bucket names, 3-63 characters.
	// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
	BucketNameMin = 3
	BucketNameMax = 63
	// LaunchTemplateNameMax: EC2 CreateLaunchTemplate LaunchTemplateName, 3-128 characters.
	// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html
	LaunchTemplateNameMax = 128
)

// PrivateNodeEndpoints are the AWS services nodes in private subnets without
// NAT must reach through VPC endpoints to join the cluster and pull images:
// the S3 gateway (ECR layers live in S3) and interface endpoints with private
// DNS for the rest. Source: EKS user guide, "Deploy private clusters with
// limited internet access" (https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html).
var PrivateNodeEndpoints = []string{"ecr.api", "ecr.dkr", "ec2", "sts"}

// RecommendedInterfaceEndpoints are the interface endpoints the component
// creates for private nodes: the required ones plus those EKS add-ons and
// controllers call (load balancers, autoscaling, logs, the EKS API).
var RecommendedInterfaceEndpoints = []string{"ecr.api", "ecr.dkr", "sts", "ec2", "eks", "elasticloadbalancing", "autoscaling", "logs"}

// SSMEndpoints are the interface endpoints an SSM-managed instance (the SSM
// agent: registration, Session Manager, Run Command) needs in a private subnet
// without NAT. Source: AWS Systems Manager user guide, "Improve the security of
// EC2 instances by using VPC endpoints for Systems Manager"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html).
var SSMEndpoints = []string{"ssm", "ssmmessages", "ec2messages"}

// SSMManagedInstancePolicy is the AWS managed policy an instance profile role
// needs for the SSM agent to register and open sessions.
// Source: Systems Manager user guide, "Configure instance permissions required for Systems Manager".
const SSMManagedInstancePolicy = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"

// SessionManagerPlugin is the AWS CLI plugin that carries Session Manager
// sessions (port forwards included) on the client; SessionManagerPluginInstallURL
// is where AWS documents installing it. Source: Systems Manager user guide,
// "Install the Session Manager plugin for the AWS CLI".
const (
	SessionManagerPlugin           = "session-manager-plugin"
	SessionManagerPluginInstallURL = "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html"
)

// PodAddons are EKS add-ons that run Deployments: they stay DEGRADED until a
// node can run their pods, and the Terraform AWS provider waits up to 20
// minutes for ACTIVE. Source: terraform-provider-aws
// internal/service/eks/addon.go (waitAddonCreated, addonCreatedTimeout);
// EKS user guide "Amazon EKS add-ons" (add-ons with pods need nodes).
var PodAddons = map[string]bool{
	"aws-ebs-csi-driver": true, "aws-efs-csi-driver": true, "coredns": true, "snapshot-controller": true,
	"aws-mountpoint-s3-csi-driver": true, "metrics-server": true, "amazon-cloudwatch-observability": true, "adot": true,
}
