package domino

import (
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NAT modes for private subnet egress.
const (
	// NatPerAZ creates one NAT gateway per availability zone (highly available egress).
	NatPerAZ = "per-az"
	// NatSingle creates one NAT gateway shared by all zones (cheaper, one failure domain).
	NatSingle = "single"
	// NatNone creates no NAT gateway: nodes have no Internet egress.
	NatNone = "none"
)

// Network policy providers.
const (
	// NetworkPolicyVPCCNI enforces network policies with the VPC CNI's agent (EKS add-on setting).
	NetworkPolicyVPCCNI = "vpc-cni"
	// NetworkPolicyCalico enforces them with Calico (tigera-operator, AmazonVPC CNI).
	NetworkPolicyCalico = "calico"
)

// AMI families supported for node groups.
const (
	// AmiAL2 is Amazon Linux 2, whose EKS AMIs run Docker: the docker bridge applies.
	AmiAL2 = "AL2"
	// AmiAL2023 is Amazon Linux 2023, containerd only: the docker bridge does not apply.
	AmiAL2023 = "AL2023"
)

// Capacity types of a node pool.
const (
	// CapacityOnDemand runs a pool on on-demand instances.
	CapacityOnDemand = "ON_DEMAND"
	// CapacitySpot runs a pool on spot instances.
	CapacitySpot = "SPOT"
)

// Pool names of the seed's node pools.
const (
	PlatformPool = "platform"
	DefaultPool  = "default"
	GPUPool      = "default-gpu"
)

// Label keys Domino uses to select nodes.
const (
	// NodePoolLabel is the label Domino's hardware tiers select nodes by.
	NodePoolLabel = scheduling.NodePoolLabel
	// BuildNodeLabel marks nodes that may run environment builds.
	BuildNodeLabel = scheduling.BuildNodeLabel
	// GPULabel marks GPU nodes.
	GPULabel = scheduling.GPULabel
	// DominoNodeLabel is on every pool's nodes: Domino's DaemonSets select
	// it (Domino's Terraform modules/nodes/main.tf puts it on every node
	// group "to mitigate daemonsets scheduling issues").
	DominoNodeLabel = scheduling.DominoNodeLabel
)

// Defaults, all in one place (DESIGN.md: DominoEKSArgs is the one place defaults live).
const (
	DefaultRegion            = "us-west-2"
	DefaultKubernetesVersion = "1.35"
	DefaultVpcCidr           = "10.0.0.0/16"
	DefaultNatMode           = NatPerAZ
	// DefaultNetworkPolicyProvider enforces network policies with the VPC CNI's agent.
	DefaultNetworkPolicyProvider = NetworkPolicyVPCCNI
	DefaultAmiFamily             = AmiAL2023
	DefaultStorageClassName      = "domino-compute-storage"
	DefaultStorageVolumeType     = "gp3"
	DefaultEfsThroughputMode     = "elastic"
	// DefaultEfsAccessPointPath, uid/gid 0 and permissions 777 are the values
	// Domino's own Terraform gives the datasets access point
	// (github.com/dominodatalab/terraform-aws-eks, modules/infra/submodules/storage/efs.tf).
	DefaultEfsAccessPointPath        = "/domino"
	DefaultEfsAccessPointPermissions = "777"
	// DefaultLogRetentionDays is how long control-plane and flow logs are kept.
	DefaultLogRetentionDays = 90
	// DefaultAccessHostInstanceType is the access host's type: the cheapest
	// current instance that runs the SSM agent (2 vCPU Graviton, 0.5 GiB; the
	// agent needs well under that). It relays TCP, nothing more.
	DefaultAccessHostInstanceType = "t4g.nano"
	// PullThroughQuaySuffix names the quay.io pull-through cache prefix <cluster>-quay,
	// as Domino's Terraform does (${deploy_id}-quay).
	PullThroughQuaySuffix = "-quay"
	// DefaultNoncurrentVersionExpirationDays is how long noncurrent object
	// versions stay in the versioned buckets. Domino's Terraform versions every
	// bucket but sets no noncurrent expiry (modules/infra/submodules/storage/s3.tf),
	// and AWS documents no default (S3 API NoncurrentVersionExpiration:
	// NoncurrentDays, a positive integer): 30 days is this component's choice,
	// a month to recover an overwritten or deleted object.
	DefaultNoncurrentVersionExpirationDays = 30
	// MinDiskGiB is the smallest root volume a node may have.
	MinDiskGiB = 20
)

// Taint is a Kubernetes taint applied to every node of a pool.
type Taint struct {
	// Key of the taint, a valid Kubernetes label key.
	Key string `pulumi:"key" json:"key,omitempty"`
	// Value of the taint (may be empty).
	Value string `pulumi:"value,optional" json:"value,omitempty"`
	// Effect: NoSchedule, PreferNoSchedule or NoExecute.
	Effect string `pulumi:"effect" json:"effect,omitempty"`
}

// NodePool configures a group of worker nodes. Unset fields take the pool's
// defaults (the seed table for platform, default and default-gpu).
type NodePool struct {
	// Name of the pool; it names the node groups and must be unique.
	Name string `pulumi:"name,optional" json:"name,omitempty"`
	// InstanceTypes the pool may launch; the first is the primary type.
	InstanceTypes []string `pulumi:"instanceTypes,optional" json:"instanceTypes,omitempty"`
	// MinSize is the minimum number of nodes (per availability zone for per-AZ pools).
	MinSize *int `pulumi:"minSize,optional" json:"minSize,omitempty"`
	// MaxSize is the maximum number of nodes (per availability zone for per-AZ pools).
	MaxSize *int `pulumi:"maxSize,optional" json:"maxSize,omitempty"`
	// DesiredSize is the initial number of nodes; afterwards the cluster autoscaler owns it.
	DesiredSize *int `pulumi:"desiredSize,optional" json:"desiredSize,omitempty"`
	// DiskSizeGiB is the size of each node's encrypted gp3 root volume.
	DiskSizeGiB *int `pulumi:"diskSizeGib,optional" json:"diskSizeGib,omitempty"`
	// Labels are the Kubernetes node labels; Domino selects nodes by them. They
	// are added to the pool's own labels (dominodatalab.com/node-pool,
	// dominodatalab.com/domino-node, and the seed's domino/build-node on the
	// default pool); a key written here wins.
	Labels map[string]string `pulumi:"labels,optional" json:"labels,omitempty"`
	// Taints applied to every node of the pool.
	Taints []Taint `pulumi:"taints,optional" json:"taints,omitempty"`
	// CapacityType is ON_DEMAND (default) or SPOT.
	CapacityType string `pulumi:"capacityType,optional" json:"capacityType,omitempty"`
	// AvailabilityZones restricts the pool to a subset of the cluster's zones.
	AvailabilityZones []string `pulumi:"availabilityZones,optional" json:"availabilityZones,omitempty"`
	// SpanAZs makes one node group span all the pool's zones instead of one node
	// group per zone. Default false for every pool, the platform pool included:
	// EBS volumes are zonal, and cluster-autoscaler's template of a group has
	// only its first zone, so a pod bound to a volume elsewhere cannot scale it.
	SpanAZs *bool `pulumi:"spanAZs,optional" json:"spanAZs,omitempty"`
	// GPU selects the GPU AMI type for the pool; the instance types must have GPUs.
	GPU *bool `pulumi:"gpu,optional" json:"gpu,omitempty"`
	// ReleaseVersion pins this pool's EKS AMI release (e.g. 1.35.2-20261201),
	// over nodeReleaseVersion; setting or changing it rolls the pool's nodes.
	ReleaseVersion string `pulumi:"releaseVersion,optional" json:"releaseVersion,omitempty"`
}

// DominoEKSArgs configures a DominoEKS deployment. The zero value deploys the
// seed's cluster: us-west-2 a/b/c, platform and default pools, EFS, three
// buckets and the domino-compute-storage class.
type DominoEKSArgs struct {
	// ClusterName is the EKS cluster name (default: the component name).
	ClusterName string `pulumi:"clusterName,optional" json:"clusterName,omitempty"`
	// Region the deployment runs in (default: aws:region, else us-west-2; it must
	// match aws:region); used for zone names, bucket names and installer values.
	Region string `pulumi:"region,optional" json:"region,omitempty"`
	// AvailabilityZones: 1 or 3 zones (default: the region's first three zones EKS
	// supports, or one in a two-zone region). 2 is rejected.
	AvailabilityZones []string `pulumi:"availabilityZones,optional" json:"availabilityZones,omitempty"`
	// KubernetesVersion of the control plane and nodes (default 1.35).
	KubernetesVersion string `pulumi:"kubernetesVersion,optional" json:"kubernetesVersion,omitempty"`
	// NodeReleaseVersion pins every node group's EKS AMI release (e.g. 1.35.0-20261120).
	// Default: the recommended release for kubernetesVersion when the node group is
	// created, then kept (no node roll when AWS publishes a new AMI); set it to patch nodes.
	NodeReleaseVersion string `pulumi:"nodeReleaseVersion,optional" json:"nodeReleaseVersion,omitempty"`
	// AddonVersions overrides the pinned version of a managed add-on, by add-on
	// name (vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver). Default: the
	// version awsfacts.AddonVersions pins for kubernetesVersion.
	AddonVersions map[string]string `pulumi:"addonVersions,optional" json:"addonVersions,omitempty"`

	// VpcCidr of the VPC the component creates (default 10.0.0.0/16).
	VpcCidr string `pulumi:"vpcCidr,optional" json:"vpcCidr,omitempty"`
	// PrivateSubnetCidrs overrides the computed private subnet CIDRs, one per zone.
	PrivateSubnetCidrs []string `pulumi:"privateSubnetCidrs,optional" json:"privateSubnetCidrs,omitempty"`
	// PublicSubnetCidrs overrides the computed public subnet CIDRs, one per zone.
	PublicSubnetCidrs []string `pulumi:"publicSubnetCidrs,optional" json:"publicSubnetCidrs,omitempty"`
	// VpcId of an existing VPC to deploy into instead of creating one.
	VpcId pulumi.StringPtrInput `pulumi:"vpcId,optional" json:"-"`
	// PrivateSubnetIds of the existing VPC, one per availability zone in the same order.
	PrivateSubnetIds pulumi.StringArrayInput `pulumi:"privateSubnetIds,optional" json:"-"`
	// PublicSubnetIds of the existing VPC (optional; for Internet-facing load balancers).
	PublicSubnetIds pulumi.StringArrayInput `pulumi:"publicSubnetIds,optional" json:"-"`
	// ControlPlaneSubnetIds of an existing VPC for the EKS control plane's network
	// interfaces, in at least two availability zones (default: privateSubnetIds and
	// publicSubnetIds). Required with vpcId and a single availability zone.
	ControlPlaneSubnetIds pulumi.StringArrayInput `pulumi:"controlPlaneSubnetIds,optional" json:"-"`
	// Karpenter serves the compute pools (default, GPU, additional) with
	// Karpenter NodePools instead of managed node groups scaled by
	// cluster-autoscaler; the platform pool stays a managed node group.
	// Default false.
	Karpenter bool `pulumi:"karpenter,optional" json:"karpenter,omitempty"`
	// NetworkPolicyProvider enforces Domino's network policies: vpc-cni
	// (default: the VPC CNI's network policy agent) or calico (the
	// tigera-operator with an AmazonVPC CNI Installation; the agent is off).
	NetworkPolicyProvider string `pulumi:"networkPolicyProvider,optional" json:"networkPolicyProvider,omitempty"`
	// NatMode is per-az (default), single or none.
	NatMode string `pulumi:"natMode,optional" json:"natMode,omitempty"`
	// VpcEndpoints creates the VPC endpoints private nodes need (S3 gateway; ECR,
	// STS, EC2, EKS, ELB, Auto Scaling and CloudWatch Logs interface endpoints with
	// private DNS) in a VPC the component creates. Default: on with natMode none
	// (nodes could not join otherwise), off with NAT (turn on to keep S3 and ECR
	// traffic private).
	VpcEndpoints *bool `pulumi:"vpcEndpoints,optional" json:"vpcEndpoints,omitempty"`
	// AccessHost creates an SSM-managed access host (no inbound port, no public
	// IP, no key pair) that relays `dominoeks tunnel` port forwards to the
	// private Kubernetes API. Default: on when the API endpoint is private in a
	// VPC the component creates (nothing else can reach it), off otherwise.
	AccessHost *bool `pulumi:"accessHost,optional" json:"accessHost,omitempty"`
	// AccessHostInstanceType is the access host's instance type (default t4g.nano;
	// Graviton types get the arm64 AMI).
	AccessHostInstanceType string `pulumi:"accessHostInstanceType,optional" json:"accessHostInstanceType,omitempty"`
	// EcrPullThroughCache creates an ECR pull-through cache rule for quay.io
	// (prefix <cluster>-quay, shortened to ECR's 30 characters) that nodes may
	// pull public quay.io images through (e.g. Calico's). ECR caches quay.io
	// without credentials only: Domino's private images need imageRegistry.
	// Default: on with natMode none, off with NAT.
	EcrPullThroughCache *bool `pulumi:"ecrPullThroughCache,optional" json:"ecrPullThroughCache,omitempty"`
	// ImageRegistry is the registry (host[:port][/path], no scheme) Domino's
	// images are mirrored into when nodes cannot reach quay.io: Domino's
	// offline install loads them with domino-load-images.py into "a Docker
	// registry accessible to your cluster", e.g. this account's ECR
	// <account>.dkr.ecr.<region>.amazonaws.com/<prefix>. Required with natMode
	// none; installer values name it under helm.image_registries.
	ImageRegistry string `pulumi:"imageRegistry,optional" json:"imageRegistry,omitempty"`

	// EndpointPublicAccess exposes the Kubernetes API publicly (default false:
	// private endpoint only). Requires PublicAccessCidrs.
	EndpointPublicAccess bool `pulumi:"endpointPublicAccess,optional" json:"endpointPublicAccess,omitempty"`
	// PublicAccessCidrs allowed to reach a public Kubernetes API endpoint.
	PublicAccessCidrs []string `pulumi:"publicAccessCidrs,optional" json:"publicAccessCidrs,omitempty"`
	// AdminPrincipalArns are IAM role or user ARNs (e.g. a CI role, an SSO
	// role) given cluster admin through EKS access entries with the
	// AmazonEKSClusterAdminPolicy, besides the principal that creates the cluster.
	AdminPrincipalArns []string `pulumi:"adminPrincipalArns,optional" json:"adminPrincipalArns,omitempty"`
	// Tags added to every AWS resource. Changing them creates a new launch
	// template version, which rolls every node of every node group.
	Tags map[string]string `pulumi:"tags,optional" json:"tags,omitempty"`

	// AmiFamily of the nodes: AL2023 (default) or AL2.
	AmiFamily string `pulumi:"amiFamily,optional" json:"amiFamily,omitempty"`
	// DockerBridge enables Docker bridge networking on AL2 nodes (default true).
	DockerBridge *bool `pulumi:"dockerBridge,optional" json:"dockerBridge,omitempty"`
	// PlatformPool overrides the platform pool (3-3 m5.4xlarge, 128 GiB).
	PlatformPool *NodePool `pulumi:"platformPool,optional" json:"platformPool,omitempty"`
	// DefaultPool overrides the default compute pool (1-20 m5.2xlarge, 400 GiB).
	DefaultPool *NodePool `pulumi:"defaultPool,optional" json:"defaultPool,omitempty"`
	// EnableGpuPool adds the default-gpu pool (0-5 p3.2xlarge, 400 GiB).
	EnableGpuPool bool `pulumi:"enableGpuPool,optional" json:"enableGpuPool,omitempty"`
	// GpuPool overrides the default-gpu pool; setting it enables the pool.
	GpuPool *NodePool `pulumi:"gpuPool,optional" json:"gpuPool,omitempty"`
	// AdditionalPools are extra compute pools with distinct labels.
	AdditionalPools []NodePool `pulumi:"additionalPools,optional" json:"additionalPools,omitempty"`

	// Hostname is the FQDN Domino serves from.
	Hostname string `pulumi:"hostname,optional" json:"hostname,omitempty"`
	// Route53ZoneId, when set with Hostname, issues a DNS-validated ACM certificate.
	Route53ZoneId pulumi.StringPtrInput `pulumi:"route53ZoneId,optional" json:"-"`

	// CreateStorageClass creates domino-compute-storage through the Kubernetes API
	// during `pulumi up`. Default: true when the machine running Pulumi can reach
	// the API (endpointPublicAccess, or an existing VPC via vpcId); false with the
	// default private endpoint in a VPC the same run creates, where the Domino
	// installer creates the class instead (installerValues storage_classes.block
	// create: true; or kubectl apply the storageClassManifest output). true in
	// that combination is refused.
	CreateStorageClass *bool `pulumi:"createStorageClass,optional" json:"createStorageClass,omitempty"`
	// StorageClassVolumeType is the EBS type of domino-compute-storage: gp3 (default) or gp2.
	StorageClassVolumeType string `pulumi:"storageClassVolumeType,optional" json:"storageClassVolumeType,omitempty"`
	// EfsThroughputMode is elastic (default), bursting or provisioned.
	EfsThroughputMode string `pulumi:"efsThroughputMode,optional" json:"efsThroughputMode,omitempty"`
	// EfsProvisionedThroughputMibps is required with the provisioned throughput mode.
	EfsProvisionedThroughputMibps float64 `pulumi:"efsProvisionedThroughputMibps,optional" json:"efsProvisionedThroughputMibps,omitempty"`
	// BucketPrefix names the buckets <prefix>-blobs, -logs, -backups (default
	// <cluster name>-<account id>-<region>: S3 bucket names are global).
	BucketPrefix string `pulumi:"bucketPrefix,optional" json:"bucketPrefix,omitempty"`
	// BlobsBucketName overrides the user-data bucket name.
	BlobsBucketName string `pulumi:"blobsBucketName,optional" json:"blobsBucketName,omitempty"`
	// LogsBucketName overrides the logs bucket name.
	LogsBucketName string `pulumi:"logsBucketName,optional" json:"logsBucketName,omitempty"`
	// BackupsBucketName overrides the backups bucket name.
	BackupsBucketName string `pulumi:"backupsBucketName,optional" json:"backupsBucketName,omitempty"`
	// BucketVersioning is deprecated and ignored: every bucket is versioned
	// (Domino's Terraform versions every bucket), with noncurrent versions
	// expired after noncurrentVersionExpirationDays.
	BucketVersioning bool `pulumi:"bucketVersioning,optional" json:"bucketVersioning,omitempty"`
	// NoncurrentVersionExpirationDays is how long S3 keeps a noncurrent
	// (overwritten or deleted) object version in the versioned buckets before
	// deleting it (default 30).
	NoncurrentVersionExpirationDays *int `pulumi:"noncurrentVersionExpirationDays,optional" json:"noncurrentVersionExpirationDays,omitempty"`
	// Backup puts the EFS file system in an AWS Backup plan of the deployment:
	// daily backups into a vault encrypted with the customer key, Domino's
	// retention (cold after 35 days, deleted after 125), the vault retained on
	// destroy; it replaces EFS's automatic backups (default true).
	Backup *bool `pulumi:"backup,optional" json:"backup,omitempty"`
	// BackupBuckets adds the S3 data buckets (versioned, as AWS Backup needs)
	// to the backup plan.
	BackupBuckets bool `pulumi:"backupBuckets,optional" json:"backupBuckets,omitempty"`
	// ProtectData sets Pulumi's protect option on EFS and the buckets.
	ProtectData bool `pulumi:"protectData,optional" json:"protectData,omitempty"`
	// DeleteDataOnDestroy lets `pulumi destroy` delete EFS and the buckets (default false:
	// they are retained). Buckets are never force-destroyed: they must be emptied first.
	DeleteDataOnDestroy bool `pulumi:"deleteDataOnDestroy,optional" json:"deleteDataOnDestroy,omitempty"`

	// CreateKmsKey creates one customer-managed KMS key (rotation on, alias
	// alias/<cluster name>) that encrypts node volumes, the storage class, EFS,
	// the buckets and EKS secrets (default true; ignored when KmsKeyArn is set).
	CreateKmsKey *bool `pulumi:"createKmsKey,optional" json:"createKmsKey,omitempty"`
	// KmsKeyArn is an existing customer-managed key to use instead of creating one.
	KmsKeyArn string `pulumi:"kmsKeyArn,optional" json:"kmsKeyArn,omitempty"`
	// Ecr creates ECR repositories <cluster>/environment, /model and /genai-model
	// for Domino's images (immutable tags, scan on push) that the node role may
	// pull from and push to, handed to Domino as external_docker_registry
	// (default true, as Domino's Terraform).
	Ecr *bool `pulumi:"ecr,optional" json:"ecr,omitempty"`
	// RegistryBucket creates the <prefix>-registry bucket (encrypted, versioned)
	// for Domino's internal Docker registry, handed to Domino as
	// internal_docker_registry.s3_override (default true, as Domino's Terraform).
	RegistryBucket *bool `pulumi:"registryBucket,optional" json:"registryBucket,omitempty"`
	// RegistryBucketName overrides the registry bucket name.
	RegistryBucketName string `pulumi:"registryBucketName,optional" json:"registryBucketName,omitempty"`
	// EfsAccessPointPath is the root directory of the datasets EFS access point (default /domino).
	EfsAccessPointPath string `pulumi:"efsAccessPointPath,optional" json:"efsAccessPointPath,omitempty"`
	// EfsAccessPointUid owns the access point's root directory and is the POSIX user of its requests (default 0).
	EfsAccessPointUid *int `pulumi:"efsAccessPointUid,optional" json:"efsAccessPointUid,omitempty"`
	// EfsAccessPointGid is the group of the access point's root directory and requests (default 0).
	EfsAccessPointGid *int `pulumi:"efsAccessPointGid,optional" json:"efsAccessPointGid,omitempty"`
	// EfsAccessPointPermissions are the octal permissions of the root directory when EFS creates it (default 777).
	EfsAccessPointPermissions string `pulumi:"efsAccessPointPermissions,optional" json:"efsAccessPointPermissions,omitempty"`
	// AccessLogging delivers S3 server access logs of the data buckets to a
	// dedicated <prefix>-monitoring bucket (default true).
	AccessLogging *bool `pulumi:"accessLogging,optional" json:"accessLogging,omitempty"`
	// MonitoringBucketName overrides the access-log bucket name.
	MonitoringBucketName string `pulumi:"monitoringBucketName,optional" json:"monitoringBucketName,omitempty"`
	// FlowLogs records the VPC's rejected traffic in CloudWatch Logs (default true).
	FlowLogs *bool `pulumi:"flowLogs,optional" json:"flowLogs,omitempty"`
	// LogRetentionDays keeps control-plane logs, flow logs and access logs this many days (default 90).
	LogRetentionDays *int `pulumi:"logRetentionDays,optional" json:"logRetentionDays,omitempty"`
}
