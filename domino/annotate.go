package domino

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// The Annotate methods below are the only source of the provider schema's
// documentation (schema.json, and the docs of every generated SDK): each
// describes its type and every field, mirroring the Go doc comments, sets the
// type token and records the defaults DominoEKSArgs documents. A field without
// a description fails the schema tests.

// setToken gives an annotated type the token "dominoeks:index:<name>", in the
// module of Token.
func setToken(a infer.Annotator, name tokens.TypeName) {
	a.SetToken(tokens.Type(Token).Module().Name(), name)
}

// Annotate documents the DominoEKS component and its outputs for the provider schema.
func (d *DominoEKS) Annotate(a infer.Annotator) {
	setToken(a, tokens.Type(Token).Name())
	a.Describe(d, "An AWS EKS cluster ready for a Domino Data Lab installation, following Domino's "+
		"\"Domino on AWS EKS\" requirements: network, EKS control plane, node pools (platform, default, "+
		"optional GPU) with the docker bridge and cluster-autoscaler tags, the EBS storage class, EFS for "+
		"datasets, S3 buckets, node IAM and the values the Domino installer needs. Its outputs are what a "+
		"platform engineer records for the installer.")
	a.Describe(&d.ClusterName, "The EKS cluster name.")
	a.Describe(&d.Kubeconfig, "Kubeconfig for the cluster, as JSON (secret).")
	a.Describe(&d.SharedKubeconfig, "Kubeconfig for any admin, as JSON: no profile or role, so `aws eks get-token` runs with the reader's own credentials. It holds no credentials.")
	a.Describe(&d.VpcId, "The VPC the cluster runs in.")
	a.Describe(&d.PrivateSubnetIds, "The private subnets the nodes run in, in availability-zone order.")
	a.Describe(&d.NodeRoleArn, "The IAM role of every node.")
	a.Describe(&d.NodeSecurityGroupId, "The shared node security group (EFS allows NFS from it).")
	a.Describe(&d.ClusterSecurityGroupId, "The EKS-managed cluster security group.")
	a.Describe(&d.OidcProviderArn, "The cluster's IAM OIDC provider, for IAM roles for service accounts.")
	a.Describe(&d.NodeGroups, "Maps \"<pool>\" or \"<pool>-<zone>\" to the EKS node group name.")
	a.Describe(&d.AutoscalingGroups, "Maps the same keys as nodeGroups to the node groups' Auto Scaling group names.")

	a.Describe(&d.EfsFileSystemId, "The encrypted EFS file system for Domino datasets.")
	a.Describe(&d.EfsSecurityGroupId, "The EFS security group; it allows NFS (TCP 2049) only from the shared node security group.")
	a.Describe(&d.EfsMountTargetIds, "Maps each compute availability zone to its EFS mount target id.")
	a.Describe(&d.EfsMountTargetIps, "Maps each compute availability zone to its EFS mount target IP address.")
	a.Describe(&d.EfsMountTargetDnsNames, "Maps each compute availability zone to its EFS mount target DNS name.")
	a.Describe(&d.BlobsBucket, "The S3 bucket for user data (Domino \"projects\" blob storage).")
	a.Describe(&d.LogsBucket, "The S3 bucket for logs.")
	a.Describe(&d.BackupsBucket, "The S3 bucket for backups.")
	a.Describe(&d.StorageClassName, "The EBS storage class for execution volumes (domino-compute-storage).")
	a.Describe(&d.StorageClassManifest, "domino-compute-storage as a Kubernetes manifest (YAML), to kubectl apply when createStorageClass is false.")
	a.Describe(&d.EbsCsiRoleArn, "The IAM role of the EBS CSI driver controller.")
	a.Describe(&d.Hostname, "The FQDN Domino serves from.")
	a.Describe(&d.CertificateArn, "The validated ACM certificate for the hostname (empty without a Route 53 zone).")
	a.Describe(&d.InstallerValues, "The Domino installer configuration (YAML) for this deployment: hostname, "+
		"storage classes (block and shared with the EFS id and access point), blob storage buckets, region, autoscaler groups "+
		"and, when enabled, the internal registry's bucket and the ECR repositories.")
	a.Describe(&d.KmsKeyArn, "The customer KMS key encrypting node volumes, the storage class, EFS, the buckets, ECR and EKS secrets (empty without one).")
	a.Describe(&d.EfsAccessPointId, "The datasets EFS access point (root directory efsAccessPointPath).")
	a.Describe(&d.RegistryBucket, "The bucket of Domino's internal Docker registry (empty when registryBucket is off).")
	a.Describe(&d.MonitoringBucket, "The bucket receiving the other buckets' S3 server access logs (empty when accessLogging is off).")
	a.Describe(&d.EcrRepositories, "Maps environment and model to their ECR repository URLs (empty when ecr is off).")
	a.Describe(&d.Region, "The region the deployment runs in.")
	a.Describe(&d.AccessHostId, "The access host's instance id, the target of dominoeks tunnel (empty when accessHost is off).")
	a.Describe(&d.PullThroughCacheUrl, "The registry URL of the quay.io pull-through cache: <account>.dkr.ecr.<region>.amazonaws.com/<cluster>-quay "+
		"(empty when ecrPullThroughCache is off).")
	a.Describe(&d.KubernetesSetup, "What up could not create because the Kubernetes API was not reachable (Karpenter, Calico): helm and kubectl "+
		"commands in order, to run with the kubeconfig dominoeks tunnel writes: pulumi stack output kubernetesSetup --show-secrets | sh (empty when nothing is left).")
}

// Annotate documents DominoEKSArgs, the component's inputs, and their defaults.
func (a *DominoEKSArgs) Annotate(an infer.Annotator) {
	setToken(an, "DominoEKSArgs")
	an.Describe(a, "Configures a DominoEKS deployment. Leaving everything unset deploys the seed's cluster: "+
		"us-west-2 a/b/c, platform and default pools, EFS, three buckets and the domino-compute-storage class.")

	an.Describe(&a.ClusterName, "The EKS cluster name (default: the component name).")
	an.Describe(&a.Region, "Region the deployment runs in (default: the AWS provider's aws:region, else us-west-2; must match aws:region); used for zone names, bucket names and installer values.")
	an.Describe(&a.AvailabilityZones, "Availability zones: 1 or 3 (default <region>a, b, c). 2 is rejected: "+
		"the platform pool needs an odd number of failure domains.")
	an.Describe(&a.KubernetesVersion, "Kubernetes version of the control plane and nodes.")
	an.SetDefault(&a.KubernetesVersion, DefaultKubernetesVersion)
	an.Describe(&a.AddonVersions, "Overrides the pinned version of a managed add-on, by add-on name (vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver), e.g. {\"coredns\": \"v1.13.2-eksbuild.11\"}. Default: the version the component's dated table pins for kubernetesVersion, so a kubernetesVersion change moves every add-on with it.")
	an.Describe(&a.NodeReleaseVersion, "EKS AMI release every node group pins (e.g. 1.35.0-20261120). Default: the recommended release for kubernetesVersion when a node group is created, then kept; set it (or a pool's releaseVersion) to patch nodes.")

	an.Describe(&a.VpcCidr, "CIDR of the VPC the component creates.")
	an.SetDefault(&a.VpcCidr, DefaultVpcCidr)
	an.Describe(&a.PrivateSubnetCidrs, "Overrides the computed private subnet CIDRs, one per zone.")
	an.Describe(&a.PublicSubnetCidrs, "Overrides the computed public subnet CIDRs, one per zone.")
	an.Describe(&a.VpcId, "An existing VPC to deploy into instead of creating one.")
	an.Describe(&a.PrivateSubnetIds, "Private subnets of the existing VPC, one per availability zone in the same order.")
	an.Describe(&a.PublicSubnetIds, "Public subnets of the existing VPC (optional; for Internet-facing load balancers).")
	an.Describe(&a.ControlPlaneSubnetIds, "Subnets of the existing VPC for the EKS control plane's network interfaces, in at least two availability zones "+
		"(default: privateSubnetIds and publicSubnetIds). Required with vpcId and a single availability zone: EKS refuses control-plane subnets in one zone.")
	an.Describe(&a.VpcEndpoints, "Create the VPC endpoints private nodes need (S3 gateway; ECR api/dkr, STS, EC2, EKS, ELB, Auto Scaling and CloudWatch Logs "+
		"interface endpoints with private DNS) in the VPC the component creates. Default: on with natMode none (nodes could not join otherwise), off with NAT.")
	an.Describe(&a.AccessHost, "Create an SSM-managed access host (private subnet, no public IP, no key pair, IMDSv2, no ingress, its own role with only "+
		"AmazonSSMManagedInstanceCore) that relays dominoeks tunnel port forwards to the Kubernetes API. Default: on when the API endpoint is private "+
		"in a VPC the component creates, off otherwise.")
	an.Describe(&a.AccessHostInstanceType, "Instance type of the access host; Graviton types get the arm64 Amazon Linux 2023 AMI.")
	an.SetDefault(&a.AccessHostInstanceType, DefaultAccessHostInstanceType)
	an.Describe(&a.EcrPullThroughCache, "Create an ECR pull-through cache rule for quay.io (prefix <cluster>-quay, shortened to ECR's 30 characters) "+
		"and let nodes pull public quay.io images through it; ECR caches quay.io without credentials only, so Domino's private images need imageRegistry. "+
		"Default: on with natMode none, off with NAT.")
	an.Describe(&a.ImageRegistry, "Registry (host[:port][/path], no scheme) Domino's images are mirrored into when nodes cannot reach quay.io "+
		"(Domino's offline install loads them with domino-load-images.py), e.g. <account>.dkr.ecr.<region>.amazonaws.com/<prefix>. "+
		"Required with natMode none; installer values name it under helm.image_registries.")
	an.Describe(&a.AdminPrincipalArns, "IAM role or user ARNs given cluster admin through EKS access entries (AmazonEKSClusterAdminPolicy, cluster scope), "+
		"e.g. a CI role or an SSO role; the principal creating the cluster is admin already: its entry, made by EKS, is left alone (never created twice: ResourceInUseException).")
	an.Describe(&a.NatMode, "Egress of the private subnets: per-az (one NAT gateway per zone), single (one shared "+
		"NAT gateway) or none.")
	an.SetDefault(&a.NatMode, DefaultNatMode)
	an.Describe(&a.Karpenter, "Serves the compute pools (default, GPU, additional) with Karpenter NodePools instead of managed node groups "+
		"scaled by cluster-autoscaler: interruption queue and EventBridge rules, controller role on EKS Pod Identity, the pinned chart, "+
		"an EC2NodeClass and one NodePool per pool that never disrupts running executions. The platform pool stays a managed node group. Default false.")
	an.SetDefault(&a.Karpenter, false)
	an.Describe(&a.NetworkPolicyProvider, "What enforces Domino's network policies: vpc-cni (the VPC CNI's network policy agent) "+
		"or calico (the pinned tigera-operator chart with an AmazonVPC CNI Installation, as Domino's Terraform installs it; the VPC CNI's agent is turned off).")
	an.SetDefault(&a.NetworkPolicyProvider, DefaultNetworkPolicyProvider)

	an.Describe(&a.EndpointPublicAccess, "Exposes the Kubernetes API publicly (default false: private endpoint "+
		"only). Requires publicAccessCidrs.")
	an.SetDefault(&a.EndpointPublicAccess, false)
	an.Describe(&a.PublicAccessCidrs, "CIDRs allowed to reach a public Kubernetes API endpoint.")
	an.Describe(&a.Tags, "Tags added to every AWS resource.")

	an.Describe(&a.AmiFamily, "AMI family of the nodes: AL2023 or AL2.")
	an.SetDefault(&a.AmiFamily, DefaultAmiFamily)
	an.Describe(&a.DockerBridge, "Enables Docker bridge networking on AL2 nodes; not applicable to AL2023 "+
		"(containerd only), which logs a warning instead.")
	an.SetDefault(&a.DockerBridge, true)
	an.Describe(&a.PlatformPool, "Overrides the platform pool (3-3 m5.4xlarge, 128 GiB, spanning all zones).")
	an.Describe(&a.DefaultPool, "Overrides the default compute pool (1-20 m5.2xlarge per zone, 400 GiB).")
	an.Describe(&a.EnableGpuPool, "Adds the default-gpu pool (0-5 p3.2xlarge per zone, 400 GiB).")
	an.Describe(&a.GpuPool, "Overrides the default-gpu pool; setting it enables the pool.")
	an.Describe(&a.AdditionalPools, "Extra compute pools with distinct names and labels.")

	an.Describe(&a.Hostname, "The FQDN Domino serves from.")
	an.Describe(&a.Route53ZoneId, "A Route 53 hosted zone; with hostname, issues a DNS-validated ACM certificate.")

	an.Describe(&a.CreateStorageClass, "Create domino-compute-storage through the Kubernetes API during pulumi up. Default: true when the machine running Pulumi can reach the API "+
		"(endpointPublicAccess, or an existing VPC via vpcId); false with the default private endpoint in a VPC the same run creates, where the Domino installer creates the class "+
		"(installerValues storage_classes.block.create: true) or you kubectl apply the storageClassManifest output. true in that combination is refused.")
	an.Describe(&a.StorageClassVolumeType, "EBS volume type of the domino-compute-storage class: gp3 or gp2.")
	an.SetDefault(&a.StorageClassVolumeType, DefaultStorageVolumeType)
	an.Describe(&a.EfsThroughputMode, "EFS throughput mode: elastic, bursting or provisioned.")
	an.SetDefault(&a.EfsThroughputMode, DefaultEfsThroughputMode)
	an.Describe(&a.EfsProvisionedThroughputMibps, "EFS provisioned throughput in MiB/s; required with the "+
		"provisioned throughput mode.")
	an.Describe(&a.BucketPrefix, "Names the buckets <prefix>-blobs, -logs, -backups (default: <cluster name>-<account id>-<region>, since S3 names are global).")
	an.Describe(&a.BlobsBucketName, "Overrides the user-data (blobs) bucket name.")
	an.Describe(&a.LogsBucketName, "Overrides the logs bucket name.")
	an.Describe(&a.BackupsBucketName, "Overrides the backups bucket name.")
	an.Describe(&a.BucketVersioning, "Deprecated and ignored: every bucket is versioned (as in Domino's Terraform), with noncurrent "+
		"versions expired after noncurrentVersionExpirationDays.")
	an.Describe(&a.NoncurrentVersionExpirationDays, "Days S3 keeps a noncurrent (overwritten or deleted) object version in the "+
		"versioned buckets before deleting it. Domino's Terraform sets no expiry and AWS documents no default: 30 is this component's choice.")
	an.SetDefault(&a.NoncurrentVersionExpirationDays, DefaultNoncurrentVersionExpirationDays)
	an.Describe(&a.Backup, "Puts the EFS file system in an AWS Backup plan: daily backups into a vault <cluster>-datasets encrypted with the customer key, cold after 35 days, deleted after 125 (Domino's Terraform defaults); the vault is retained on destroy. Replaces EFS's automatic backups. Default true.")
	an.Describe(&a.BackupBuckets, "Adds the S3 data buckets to the backup plan; (they are versioned, as AWS Backup needs). Default false.")
	an.Describe(&a.ProtectData, "Sets Pulumi's protect option on EFS and the buckets.")
	an.Describe(&a.DeleteDataOnDestroy, "Lets `pulumi destroy` delete EFS and the buckets (default false: they "+
		"are retained). Buckets are never force-destroyed: they must be emptied first.")
	an.SetDefault(&a.DeleteDataOnDestroy, false)

	an.Describe(&a.CreateKmsKey, "Creates one customer-managed KMS key (rotation on, alias alias/<cluster name>, retained on delete) "+
		"that encrypts node volumes, the storage class, EFS, the buckets (SSE-KMS with bucket keys), ECR and EKS secrets. "+
		"Ignored when kmsKeyArn is set; false keeps AWS managed keys. An EFS file system's key is fixed at creation: "+
		"the file system keeps the key it was created with (later key changes are ignored for it, never replacing it).")
	an.SetDefault(&a.CreateKmsKey, true)
	an.Describe(&a.KmsKeyArn, "An existing customer-managed KMS key to use instead of creating one; its policy must delegate to "+
		"the account (IAM) and grant the EC2 Auto Scaling service-linked role use of the key.")
	an.Describe(&a.Ecr, "Creates ECR repositories <cluster>/environment, <cluster>/model and <cluster>/genai-model for Domino's images "+
		"(immutable tags, scan on push, the customer key, retained), lets the node role pull from and push to exactly them, and "+
		"hands them to Domino as external_docker_registry. false turns them off.")
	an.SetDefault(&a.Ecr, true)
	an.Describe(&a.RegistryBucket, "Creates the <prefix>-registry bucket for Domino's internal Docker registry (internal_docker_registry.s3_override), "+
		"hardened and versioned like the data buckets. false turns it off.")
	an.SetDefault(&a.RegistryBucket, true)
	an.Describe(&a.RegistryBucketName, "Overrides the registry bucket name (setting it enables the bucket).")
	an.Describe(&a.EfsAccessPointPath, "Root directory of the datasets EFS access point; EFS creates it with the owner and permissions below.")
	an.SetDefault(&a.EfsAccessPointPath, DefaultEfsAccessPointPath)
	an.Describe(&a.EfsAccessPointUid, "POSIX user id that owns the access point's root directory and makes every request through it.")
	an.SetDefault(&a.EfsAccessPointUid, 0)
	an.Describe(&a.EfsAccessPointGid, "POSIX group id of the access point's root directory and requests.")
	an.SetDefault(&a.EfsAccessPointGid, 0)
	an.Describe(&a.EfsAccessPointPermissions, "Octal permissions EFS gives the access point's root directory when it creates it.")
	an.SetDefault(&a.EfsAccessPointPermissions, DefaultEfsAccessPointPermissions)
	an.Describe(&a.AccessLogging, "Delivers the buckets' S3 server access logs to a dedicated <prefix>-monitoring bucket (SSE-S3: "+
		"S3 does not deliver access logs to SSE-KMS buckets), expired after logRetentionDays.")
	an.SetDefault(&a.AccessLogging, true)
	an.Describe(&a.MonitoringBucketName, "Overrides the access-log (monitoring) bucket name.")
	an.Describe(&a.FlowLogs, "Records the VPC's rejected traffic (flow logs) in the CloudWatch log group /aws/vpc/<cluster>/flow-logs.")
	an.SetDefault(&a.FlowLogs, true)
	an.Describe(&a.LogRetentionDays, "Days CloudWatch keeps the control-plane log group /aws/eks/<cluster>/cluster (created before "+
		"the cluster, instead of never expiring) and the flow logs, and S3 keeps access logs; a value CloudWatch accepts.")
	an.SetDefault(&a.LogRetentionDays, DefaultLogRetentionDays)
}

// Annotate documents NodePool, a group of worker nodes.
func (p *NodePool) Annotate(a infer.Annotator) {
	setToken(a, "NodePool")
	a.Describe(p, "Configures a group of worker nodes. Unset fields take the pool's defaults (the seed table "+
		"for platform, default and default-gpu).")
	a.Describe(&p.Name, "Name of the pool; it names the node groups and must be unique.")
	a.Describe(&p.InstanceTypes, "Instance types the pool may launch; the first is the primary type.")
	a.Describe(&p.MinSize, "Minimum number of nodes (per availability zone for per-AZ pools).")
	a.Describe(&p.MaxSize, "Maximum number of nodes (per availability zone for per-AZ pools).")
	a.Describe(&p.DesiredSize, "Initial number of nodes; afterwards the cluster autoscaler owns it.")
	a.Describe(&p.DiskSizeGiB, "Size in GiB of each node's encrypted gp3 root volume (at least 20).")
	a.Describe(&p.Labels, "Kubernetes node labels; Domino selects nodes by them. They are added to the pool's own "+
		"labels (dominodatalab.com/node-pool, dominodatalab.com/domino-node, and the seed's domino/build-node on the "+
		"default pool); a key written here wins.")
	a.Describe(&p.Taints, "Taints applied to every node of the pool.")
	a.Describe(&p.CapacityType, "ON_DEMAND or SPOT.")
	a.SetDefault(&p.CapacityType, CapacityOnDemand)
	a.Describe(&p.AvailabilityZones, "Restricts the pool to a subset of the cluster's zones.")
	a.Describe(&p.SpanAZs, "Makes one node group span all the pool's zones instead of one node group per zone. "+
		"Default false for every pool, the platform pool included: EBS volumes are zonal, and cluster-autoscaler's "+
		"template of a node group has only its first zone, so a pod bound to a volume elsewhere cannot scale it.")
	a.Describe(&p.GPU, "Selects the GPU AMI type for the pool; the instance types must have GPUs.")
	a.Describe(&p.ReleaseVersion, "EKS AMI release this pool's node groups pin (e.g. 1.35.2-20261201), over nodeReleaseVersion. Default: nodeReleaseVersion, else EKS's recommended release when the group is created, then kept. Setting or changing it rolls the pool's nodes (max unavailable: 30 % for the default pool, 1 otherwise).")
}

// Annotate documents Taint, a Kubernetes taint on a pool's nodes.
func (t *Taint) Annotate(a infer.Annotator) {
	setToken(a, "Taint")
	a.Describe(t, "A Kubernetes taint applied to every node of a pool.")
	a.Describe(&t.Key, "Key of the taint, a valid Kubernetes label key.")
	a.Describe(&t.Value, "Value of the taint (may be empty).")
	a.Describe(&t.Effect, "Effect: NoSchedule, PreferNoSchedule or NoExecute.")
}

// Annotate documents NodeGroupInfo, one deployed EKS managed node group.
func (n *NodeGroupInfo) Annotate(a infer.Annotator) {
	setToken(a, "NodeGroupInfo")
	a.Describe(n, "Describes one deployed EKS managed node group.")
	a.Describe(&n.Pool, "The node pool the group belongs to.")
	a.Describe(&n.AvailabilityZones, "Availability zones the group launches nodes in.")
	a.Describe(&n.MinSize, "Lower bound of the group; the cluster autoscaler scales within minSize and maxSize.")
	a.Describe(&n.MaxSize, "Upper bound of the group; the cluster autoscaler scales within minSize and maxSize.")
}
