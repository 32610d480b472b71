// Package workloads is the engine's second table, beside the AWS rules of
// internal/preview: what each workload that runs on the cluster once Domino
// is installed needs from AWS. Each entry names the workload, the identity it
// runs as (the node role, or an IAM role a Kubernetes service account
// assumes), the actions it needs on which of the deployment's resources
// (bucket and object ARNs, the customer key, Auto Scaling groups by tag), the
// cluster capabilities it needs (NetworkPolicy enforcement, a mount target in
// every node zone, ...), and where that need is written down.
//
// A Deployment describes what a plan will create or what a live account
// holds; Evaluate answers, with one IAM evaluator (internal/iamdoc) over
// identity, resource and trust policies, whether every workload gets what it
// needs. `dominoeks plan` fails on a gap as it fails on a violated AWS rule,
// and `dominoeks check` asks the same questions of a live account.
package workloads

// IdentityKind says what a workload authenticates to AWS as.
type IdentityKind string

// Identity kinds.
const (
	// NodeRole: the pods use the node's instance profile (IMDSv2, hop limit 2).
	NodeRole IdentityKind = "node role"
	// ServiceAccountRole: an IAM role for service accounts (IRSA) whose trust
	// policy admits the service account through the cluster's OIDC provider.
	ServiceAccountRole IdentityKind = "service account role"
	// InstanceRole: the access host's instance profile role.
	InstanceRole IdentityKind = "access host role"
	// ClusterOnly: the workload needs a cluster capability, no AWS identity.
	ClusterOnly IdentityKind = "cluster"
	// PodIdentityRole: an IAM role an EKS Pod Identity association gives the
	// service account; its trust policy admits pods.eks.amazonaws.com.
	PodIdentityRole IdentityKind = "pod identity role"
)

// Identity is who a workload runs as.
type Identity struct {
	Kind IdentityKind
	// ServiceAccount is "namespace:name" (ServiceAccountRole and PodIdentityRole).
	ServiceAccount string
	// Addon is the EKS add-on whose serviceAccountRoleArn names the role
	// (ServiceAccountRole only; "" when the role is found by its trust policy).
	Addon string
}

// Ref names a set of the deployment's resources a need applies to.
type Ref string

// Resource references, resolved against a Deployment (see Deployment.resolve).
const (
	// AnyResource is "*": actions without resource-level permissions.
	AnyResource Ref = "*"
	// DataBuckets and DataObjects: blobs, logs and backups (ARN, ARN/*).
	DataBuckets Ref = "buckets:data"
	DataObjects Ref = "objects:data"
	// RegistryBucket and RegistryObjects: the internal registry's bucket.
	RegistryBucket  Ref = "buckets:registry"
	RegistryObjects Ref = "objects:registry"
	// CustomerKey is the customer-managed KMS key.
	CustomerKey Ref = "kms:key"
	// Repositories are the component's ECR repositories.
	Repositories Ref = "ecr:repositories"
	// AutoScalingGroups are every Auto Scaling group of the account and
	// region (the need's Context carries the cluster's tag).
	AutoScalingGroups Ref = "autoscaling:groups"
	// Nodegroups are the cluster's EKS managed node groups.
	Nodegroups Ref = "eks:nodegroups"
	// Volumes, Instances and NetworkInterfaces are EC2 resources of the region.
	Volumes           Ref = "ec2:volumes"
	Instances         Ref = "ec2:instances"
	NetworkInterfaces Ref = "ec2:network-interfaces"
	// FileSystem is the datasets EFS file system.
	FileSystem Ref = "efs:file-system"
	// PullThroughRepositories are the repositories ECR pull-through cache
	// rules create: repository/<prefix>/* per rule.
	PullThroughRepositories Ref = "ecr:pull-through-repositories"
	// KarpenterQueue is Karpenter's interruption queue.
	KarpenterQueue Ref = "sqs:karpenter-queue"
	// NodeRoleARN is the nodes' role (what a node launcher passes to EC2).
	NodeRoleARN Ref = "iam:node-role"
	// Cluster is the EKS cluster.
	Cluster Ref = "eks:cluster"
	// LaunchTemplates are EC2 launch templates of the region.
	LaunchTemplates Ref = "ec2:launch-templates"
	// AWSServiceParameters are the public SSM parameters under /aws/service/ (EKS AMI ids).
	AWSServiceParameters Ref = "ssm:aws-service-parameters"
)

// Need is a set of actions a workload calls on a set of resources.
type Need struct {
	Actions  []string
	Resource Ref
	// Context holds the condition keys the workload's requests carry;
	// "{cluster}", "{region}" and "{account}" are substituted.
	Context map[string]string
}

// Workload is one entry of the table.
type Workload struct {
	// ID is stable: it names the workload in plan JSON, violations and checks.
	ID   string
	Name string
	// Identity the workload runs as.
	Identity Identity
	// When says when the workload runs (nil: always), WhenText says it in words.
	When     func(*Deployment) bool
	WhenText string
	Needs    []Need
	// Capabilities are the cluster capabilities the workload needs, by ID
	// (see capabilities.go).
	Capabilities []string
	// Source is where the need is written down.
	Source string
}

// Sources of the table's entries.
const (
	srcAutoscaler  = "cluster-autoscaler AWS README, \"IAM Policy\" (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy); Domino's Terraform modules/eks/iam.tf (statement autoscaler, conditioned on autoscaling:ResourceTag/eks:cluster-name)"
	srcEBSCSI      = "aws-ebs-csi-driver docs/install.md (IAM: AmazonEBSCSIDriverPolicy; KMS: \"kms:CreateGrant ... kms:GrantIsForAWSResource\"; startup taint ebs.csi.aws.com/agent-not-ready); EKS user guide, \"Store Kubernetes volumes with Amazon EBS\""
	srcVPCCNI      = "EKS user guide, \"Amazon VPC CNI\" (AmazonEKS_CNI_Policy on the node role) and \"Limit pod traffic with Kubernetes network policies\" (vpc-cni add-on configuration enableNetworkPolicy, VPC CNI >= 1.14); Domino admin guide, network policies (Calico or the VPC CNI must enforce them)"
	srcBlobs       = "Domino's Terraform modules/infra/submodules/storage/iam.tf (s3: ListBucket, GetBucketLocation, ListBucketMultipartUploads on buckets; Put/Get/DeleteObject, ListMultipartUploadParts, AbortMultipartUpload on objects) and examples/deploy/terraform/infra/outputs.tf (blob stores with sse_kms_key_id); S3 user guide, \"Protecting data with SSE-KMS\" (kms:GenerateDataKey, kms:Decrypt)"
	srcRegistry    = "distribution S3 storage driver, \"S3 permission scopes\" (https://distribution.github.io/distribution/storage-drivers/s3/); Domino's Terraform examples/deploy/terraform/infra/outputs.tf (internal_docker_registry.s3_override with sse_kms_key_id)"
	srcImagePull   = "EKS user guide, \"Amazon EKS node IAM role\" (AmazonEC2ContainerRegistryReadOnly: ecr:GetAuthorizationToken, BatchGetImage, GetDownloadUrlForLayer)"
	srcECRPush     = "Domino's Terraform modules/infra/submodules/storage/iam.tf (statement ecr: pull and push on the repositories) and examples/deploy/terraform/infra/outputs.tf (external_docker_registry: \"Domino will append /environment and /model\"); ECR user guide, \"Pushing an image\""
	srcEFS         = "EFS user guide, \"Creating and managing mount targets\" (one mount target per Availability Zone; clients in a zone without one cannot mount by DNS name) and amazon-efs-utils README (mount target lookup: VPC DNS, else elasticfilesystem:DescribeMountTargets and ec2:DescribeAvailabilityZones); Domino's Terraform (a mount target in every private subnet)"
	srcSSMAgent    = "Systems Manager user guide, \"Configure instance permissions required for Systems Manager\" (AmazonSSMManagedInstanceCore: ssm:UpdateInstanceInformation to register, ssmmessages:* for Session Manager channels, ec2messages:* for commands; https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-instance-permissions.html)"
	srcPullThrough = "ECR user guide, \"IAM permissions required to sync an upstream registry with an Amazon ECR private registry\" (ecr:BatchImportUpstreamImage, ecr:CreateRepository on the cached repositories; https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html); Domino's Terraform modules/infra/submodules/storage/iam.tf and ecr.tf (BatchImportUpstreamImage, CreateRepository, BatchGetImage, GetDownloadUrlForLayer on the quay.io rule's repositories, prefix ${substr(deploy_id, 0, 24)}/quay); EKS user guide, \"Deploy private clusters with limited internet access\" (nodes without Internet access pull images only from registries reachable in the VPC, such as ECR; https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html)"
	srcKarpenter   = "Karpenter v1.14 getting-started CloudFormation (aws/karpenter-provider-aws website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml: NodeLifecyclePolicy, IAMIntegrationPolicy AllowPassingInstanceRole, EKSIntegrationPolicy, InterruptionPolicy, ResourceDiscoveryPolicy) and scripts/step02-create-cluster.sh (Pod Identity association kube-system/karpenter); Domino's Terraform modules/eks/karpenter-iam.tf"
	srcNodeJoin    = "EKS user guide, \"Amazon EKS node IAM role\" (AmazonEKSWorkerNodePolicy; trust ec2.amazonaws.com)"
)

// Actions, shared by the table and the component that grants them.
var (
	// AutoscalerDescribeActions have no resource-level permissions: "*".
	AutoscalerDescribeActions = []string{
		"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
		"autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags",
		"ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions",
		"ec2:GetInstanceTypesFromInstanceRequirements",
	}
	// AutoscalerNodegroupActions read managed node groups (scale from zero).
	AutoscalerNodegroupActions = []string{"eks:DescribeNodegroup"}
	// AutoscalerScaleActions change the cluster's groups only.
	AutoscalerScaleActions = []string{"autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"}
	// S3BucketActions and S3ObjectActions: Domino's blob clients and the
	// registry's S3 driver, on bucket ARNs and "<bucket ARN>/*".
	S3BucketActions = []string{"s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"}
	S3ObjectActions = []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"}
	// S3KeyActions: reading and writing SSE-KMS objects.
	S3KeyActions = []string{"kms:GenerateDataKey", "kms:Decrypt"}
	// ECRPullActions and ECRPushActions on the repositories.
	ECRPullActions = []string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}
	ECRPushActions = []string{"ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"}
	// EFSLookupActions let efs-utils find a mount target without VPC DNS.
	EFSLookupActions = []string{"elasticfilesystem:DescribeMountTargets"}
	// EBSCSIKeyUseActions and EBSCSIKeyGrantActions: encrypted volumes.
	EBSCSIKeyUseActions   = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}
	EBSCSIKeyGrantActions = []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}
	// SSMAgentActions: the SSM agent registering and relaying Session Manager port forwards.
	SSMAgentActions = []string{"ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
		"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"}
	// PullThroughActions: pulling through an ECR pull-through cache (the
	// first pull imports the image and creates the cached repository).
	PullThroughActions = []string{"ecr:BatchImportUpstreamImage", "ecr:CreateRepository", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}
)

// Workload ids the checker reads facts for by name.
const (
	// IDAccessHost is the access host's SSM agent.
	IDAccessHost = "access-host"
	// IDImagePullThrough is the kubelet pulling through the ECR pull-through cache.
	IDImagePullThrough = "image-pull-through"
	// IDKarpenter is Karpenter's controller.
	IDKarpenter = "karpenter"
)

// Request tags of what Karpenter creates and resource tags of what it
// created (its reference's tag scoping; nodepool "default" stands for any).
var (
	karpenterLaunch = map[string]string{"aws:RequestTag/kubernetes.io/cluster/{cluster}": "owned",
		"aws:RequestTag/eks:eks-cluster-name": "{cluster}", "aws:RequestTag/karpenter.sh/nodepool": "default"}
	karpenterCreateTags = map[string]string{"aws:RequestTag/kubernetes.io/cluster/{cluster}": "owned",
		"aws:RequestTag/eks:eks-cluster-name": "{cluster}", "aws:RequestTag/karpenter.sh/nodepool": "default", "ec2:CreateAction": "RunInstances"}
	karpenterOwned = map[string]string{"aws:ResourceTag/kubernetes.io/cluster/{cluster}": "owned", "aws:ResourceTag/karpenter.sh/nodepool": "default"}
)

// Table returns every workload, in a stable order.
func Table() []Workload {
	sseKMS := map[string]string{"kms:ViaService": "s3.{region}.amazonaws.com"}
	// A volume the driver created carries its tag (ec2: and aws: condition keys alike).
	csiVolume := map[string]string{"aws:ResourceTag/ebs.csi.aws.com/cluster": "true", "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true"}
	return []Workload{
		{
			ID: "node-join", Name: "kubelet joining the cluster", Identity: Identity{Kind: NodeRole},
			Needs:  []Need{{Actions: []string{"ec2:DescribeInstances", "eks:DescribeCluster"}, Resource: AnyResource}},
			Source: srcNodeJoin,
		},
		{
			ID: "cluster-autoscaler", Name: "cluster-autoscaler (installed by Domino, on node credentials)", Identity: Identity{Kind: NodeRole},
			Needs: []Need{
				{Actions: AutoscalerDescribeActions, Resource: AnyResource},
				{Actions: AutoscalerNodegroupActions, Resource: Nodegroups},
				{Actions: AutoscalerScaleActions, Resource: AutoScalingGroups, Context: map[string]string{
					"autoscaling:ResourceTag/eks:cluster-name": "{cluster}", "aws:ResourceTag/eks:cluster-name": "{cluster}",
					"autoscaling:ResourceTag/k8s.io/cluster-autoscaler/{cluster}": "owned", "aws:ResourceTag/k8s.io/cluster-autoscaler/{cluster}": "owned",
				}},
			},
			Capabilities: []string{CapAutoDiscovery},
			Source:       srcAutoscaler,
		},
		{
			ID: "ebs-csi-driver", Name: "EBS CSI driver controller (EKS add-on)",
			Identity: Identity{Kind: ServiceAccountRole, ServiceAccount: "kube-system:ebs-csi-controller-sa", Addon: "aws-ebs-csi-driver"},
			Needs: []Need{
				{Actions: []string{"ec2:DescribeAvailabilityZones", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots"}, Resource: AnyResource},
				{Actions: []string{"ec2:CreateVolume"}, Resource: Volumes, Context: map[string]string{"aws:RequestTag/ebs.csi.aws.com/cluster": "true"}},
				{Actions: []string{"ec2:CreateTags"}, Resource: Volumes, Context: map[string]string{"ec2:CreateAction": "CreateVolume"}},
				{Actions: []string{"ec2:AttachVolume", "ec2:DetachVolume"}, Resource: Volumes, Context: csiVolume},
				{Actions: []string{"ec2:AttachVolume", "ec2:DetachVolume"}, Resource: Instances, Context: map[string]string{"aws:ResourceTag/eks:cluster-name": "{cluster}"}},
				{Actions: []string{"ec2:DeleteVolume"}, Resource: Volumes, Context: csiVolume},
			},
			Capabilities: []string{CapEBSCSIAddon, CapEBSStartupTaint},
			Source:       srcEBSCSI,
		},
		{
			ID: "ebs-csi-encryption", Name: "EBS CSI driver with the customer key (encrypted execution volumes)",
			Identity: Identity{Kind: ServiceAccountRole, ServiceAccount: "kube-system:ebs-csi-controller-sa", Addon: "aws-ebs-csi-driver"},
			When:     hasKey, WhenText: "a customer key encrypts the volumes",
			Needs: []Need{
				{Actions: EBSCSIKeyUseActions, Resource: CustomerKey},
				{Actions: EBSCSIKeyGrantActions, Resource: CustomerKey, Context: map[string]string{"kms:GrantIsForAWSResource": "true"}},
			},
			Source: srcEBSCSI,
		},
		{
			ID: "vpc-cni", Name: "Amazon VPC CNI (aws-node) and its network policy agent", Identity: Identity{Kind: NodeRole},
			Needs: []Need{
				{Actions: []string{"ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface",
					"ec2:DeleteNetworkInterface", "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface",
					"ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses"}, Resource: AnyResource},
				{Actions: []string{"ec2:CreateTags"}, Resource: NetworkInterfaces},
			},
			Capabilities: []string{CapNetworkPolicy},
			Source:       srcVPCCNI,
		},
		{
			ID: "blob-storage", Name: "Domino blob storage clients (projects, logs, backups)", Identity: Identity{Kind: NodeRole},
			Needs: []Need{
				{Actions: S3BucketActions, Resource: DataBuckets},
				{Actions: S3ObjectActions, Resource: DataObjects},
			},
			Capabilities: []string{CapAbortIncompleteUploads, CapInstallerBlobStores},
			Source:       srcBlobs,
		},
		{
			ID: "blob-storage-encryption", Name: "Domino blob storage clients with SSE-KMS objects", Identity: Identity{Kind: NodeRole},
			When: bucketsUseKey, WhenText: "the customer key encrypts the data buckets",
			Needs:  []Need{{Actions: S3KeyActions, Resource: CustomerKey, Context: sseKMS}},
			Source: srcBlobs,
		},
		{
			ID: "internal-registry", Name: "Domino's internal Docker registry (distribution S3 driver)", Identity: Identity{Kind: NodeRole},
			When: hasRegistryBucket, WhenText: "registryBucket is on",
			Needs: []Need{
				{Actions: S3BucketActions, Resource: RegistryBucket},
				{Actions: S3ObjectActions, Resource: RegistryObjects},
			},
			Capabilities: []string{CapInstallerRegistry},
			Source:       srcRegistry,
		},
		{
			ID: "internal-registry-encryption", Name: "Domino's internal registry with SSE-KMS objects", Identity: Identity{Kind: NodeRole},
			When: registryUsesKey, WhenText: "registryBucket is on and the customer key encrypts it",
			Needs:  []Need{{Actions: S3KeyActions, Resource: CustomerKey, Context: sseKMS}},
			Source: srcRegistry,
		},
		{
			ID: "image-pulls", Name: "kubelet and containerd pulling images from ECR", Identity: Identity{Kind: NodeRole},
			Needs:  []Need{{Actions: append([]string{"ecr:GetAuthorizationToken"}, ECRPullActions...), Resource: AnyResource}},
			Source: srcImagePull,
		},
		{
			ID: "environment-builds", Name: "Domino environment and model builds pushing to ECR", Identity: Identity{Kind: NodeRole},
			When: hasRepositories, WhenText: "ecr is on",
			Needs: []Need{
				{Actions: []string{"ecr:GetAuthorizationToken"}, Resource: AnyResource},
				{Actions: append(append([]string{}, ECRPullActions...), ECRPushActions...), Resource: Repositories},
			},
			Capabilities: []string{CapInstallerExternalRegistry},
			Source:       srcECRPush,
		},
		{
			ID: IDImagePullThrough, Name: "kubelet pulling public quay.io images (e.g. Calico's) through the ECR pull-through cache (Domino's private images come from imageRegistry)", Identity: Identity{Kind: NodeRole},
			When: pullsThrough, WhenText: "an ECR pull-through cache rule exists, or the nodes have no Internet egress (natMode none)",
			Needs: []Need{
				{Actions: []string{"ecr:GetAuthorizationToken"}, Resource: AnyResource},
				{Actions: PullThroughActions, Resource: PullThroughRepositories},
			},
			Capabilities: []string{CapPullThroughRule},
			Source:       srcPullThrough,
		},
		{
			ID: IDAccessHost, Name: "SSM agent of the access host (registration and Session Manager port forwards)", Identity: Identity{Kind: InstanceRole},
			When: hasAccessHost, WhenText: "the access host exists",
			Needs:  []Need{{Actions: SSMAgentActions, Resource: AnyResource}},
			Source: srcSSMAgent,
		},
		{
			ID: IDKarpenter, Name: "Karpenter controller (kube-system/karpenter, EKS Pod Identity)",
			Identity: Identity{Kind: PodIdentityRole, ServiceAccount: "kube-system:karpenter"},
			When:     hasKarpenter, WhenText: "karpenter is on (its interruption queue exists)",
			Needs: []Need{
				{Actions: KarpenterCreateActions, Resource: Instances, Context: karpenterLaunch},
				{Actions: []string{"ec2:CreateTags"}, Resource: Instances, Context: karpenterCreateTags},
				{Actions: []string{"ec2:TerminateInstances"}, Resource: Instances, Context: karpenterOwned},
				{Actions: []string{"ec2:DeleteLaunchTemplate"}, Resource: LaunchTemplates, Context: karpenterOwned},
				{Actions: KarpenterDescribeActions, Resource: AnyResource, Context: map[string]string{"aws:RequestedRegion": "{region}"}},
				{Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"}, Resource: KarpenterQueue},
				{Actions: []string{"iam:PassRole"}, Resource: NodeRoleARN, Context: map[string]string{"iam:PassedToService": "ec2.amazonaws.com"}},
				{Actions: []string{"eks:DescribeCluster"}, Resource: Cluster},
				{Actions: []string{"pricing:GetProducts"}, Resource: AnyResource},
				{Actions: []string{"ssm:GetParameter"}, Resource: AWSServiceParameters},
			},
			Source: srcKarpenter,
		},
		{
			ID: "efs-mounts", Name: "EFS mounts of Domino datasets (efs-utils on every node)", Identity: Identity{Kind: NodeRole},
			Needs: []Need{
				{Actions: EFSLookupActions, Resource: FileSystem},
				{Actions: []string{"ec2:DescribeAvailabilityZones"}, Resource: AnyResource},
			},
			Capabilities: []string{CapMountTargetPerNodeZone, CapVPCDNS},
			Source:       srcEFS,
		},
	}
}

func hasKey(d *Deployment) bool            { return d.Key != nil }
func hasKarpenter(d *Deployment) bool      { return d.KarpenterQueueARN != "" }
func bucketsUseKey(d *Deployment) bool     { return d.Key != nil && d.dataBucketsUse(d.Key.ARN) }
func hasRegistryBucket(d *Deployment) bool { _, ok := d.Buckets[BucketRegistry]; return ok }
func registryUsesKey(d *Deployment) bool {
	b, ok := d.Buckets[BucketRegistry]
	return ok && d.Key != nil && b.KMSKeyARN == d.Key.ARN
}
func hasRepositories(d *Deployment) bool { return len(d.Repositories) > 0 }
func pullsThrough(d *Deployment) bool {
	return len(d.PullThroughPrefixes) > 0 || (d.NodeEgress != nil && !*d.NodeEgress)
}
func hasAccessHost(d *Deployment) bool { return d.AccessHost }

// Karpenter controller actions, shared by the table and the component's
// controller policy (domino.KarpenterControllerPolicy). Source: Karpenter's
// getting-started CloudFormation (awsfacts.KarpenterTemplateSource).
var (
	// KarpenterLaunchActions launch nodes from images, subnets, security groups and launch templates.
	KarpenterLaunchActions = []string{"ec2:RunInstances", "ec2:CreateFleet"}
	// KarpenterCreateActions create instances, fleets and launch templates tagged for the cluster.
	KarpenterCreateActions = []string{"ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"}
	// KarpenterDeleteActions remove what it created.
	KarpenterDeleteActions = []string{"ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"}
	// KarpenterQueueActions read the interruption queue.
	KarpenterQueueActions = []string{"sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"}
	// KarpenterDescribeActions discover the region's offerings (no resource-level permissions).
	KarpenterDescribeActions = []string{"ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstances",
		"ec2:DescribeInstanceStatus", "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplates",
		"ec2:DescribePlacementGroups", "ec2:DescribeSecurityGroups", "ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets"}
)
