package plan

// ReplaceFact is one input whose change makes the provider replace the
// resource (create a new one, delete or retain the old): AWS fixes it at
// creation, and the Terraform AWS provider behind Pulumi marks it ForceNew.
type ReplaceFact struct {
	// Key is the input (top-level) whose change replaces the resource.
	Key string
	// Why says what the replacement means.
	Why string
	// Source cites where the provider or AWS states it.
	Source string
}

// tfaws is the terraform-provider-aws source tree Pulumi's AWS provider v6 bridges.
const tfaws = "terraform-provider-aws (bridged by pulumi-aws v6) "

// ReplaceFacts is the one table of replace-on-change facts per resource type
// that `plan --compare` reads.
var ReplaceFacts = map[string][]ReplaceFact{
	"aws:s3/bucketV2:BucketV2": {{Key: "bucket", Why: "a bucket cannot be renamed: a new, empty bucket",
		Source: tfaws + "internal/service/s3/bucket.go (bucket ForceNew); S3 user guide, bucket naming rules"}},
	"aws:s3/bucket:Bucket": {{Key: "bucket", Why: "a bucket cannot be renamed: a new, empty bucket",
		Source: tfaws + "internal/service/s3/bucket.go (bucket ForceNew)"}},
	"aws:eks/cluster:Cluster": {
		{Key: "name", Why: "a cluster cannot be renamed: a new cluster", Source: tfaws + "internal/service/eks/cluster.go (name ForceNew)"},
		{Key: "encryptionConfig", Why: "EKS cannot remove or change secrets encryption: a new cluster",
			Source: tfaws + "internal/service/eks/cluster.go (encryption_config ForceNewIfChange); EKS user guide, envelope encryption"},
	},
	"aws:ecr/repository:Repository": {
		{Key: "name", Why: "a repository cannot be renamed: a new, empty repository", Source: tfaws + "internal/service/ecr/repository.go (name ForceNew)"},
		{Key: "encryptionConfigurations", Why: "a repository's encryption is fixed at creation: a new, empty repository",
			Source: tfaws + "internal/service/ecr/repository.go (encryption_configuration ForceNew)"},
	},
	"aws:efs/fileSystem:FileSystem": {
		{Key: "creationToken", Why: "a new, empty file system", Source: tfaws + "internal/service/efs/file_system.go (creation_token ForceNew)"},
		{Key: "performanceMode", Why: "a new, empty file system", Source: tfaws + "internal/service/efs/file_system.go (performance_mode ForceNew)"},
		{Key: "kmsKeyId", Why: "EFS fixes the key at creation: a new, empty file system", Source: tfaws + "internal/service/efs/file_system.go (kms_key_id ForceNew)"},
		{Key: "encrypted", Why: "a new, empty file system", Source: tfaws + "internal/service/efs/file_system.go (encrypted ForceNew)"},
	},
	"aws:kms/key:Key": {
		{Key: "keyUsage", Why: "a new key: data under the old one needs it", Source: tfaws + "internal/service/kms/key.go (key_usage ForceNew)"},
		{Key: "customerMasterKeySpec", Why: "a new key: data under the old one needs it", Source: tfaws + "internal/service/kms/key.go (customer_master_key_spec ForceNew)"},
	},
	"aws:cloudwatch/logGroup:LogGroup": {{Key: "name", Why: "a new, empty log group", Source: tfaws + "internal/service/logs/group.go (name ForceNew)"}},
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": {{Key: "url", Why: "a new OIDC provider: IRSA roles must trust it",
		Source: tfaws + "internal/service/iam/openid_connect_provider.go (url ForceNew)"}},
	"aws:ec2/vpc:Vpc": {{Key: "cidrBlock", Why: "a new VPC: its subnets, NAT gateways and EFS mount targets are replaced, and the EKS cluster, which cannot move to another VPC, with them",
		Source: tfaws + "internal/service/ec2/vpc_.go (cidr_block ForceNew); EKS user guide, VPC and subnet requirements (a cluster's VPC cannot change)"}},
	"aws:ec2/subnet:Subnet": {
		{Key: "cidrBlock", Why: "a new subnet", Source: tfaws + "internal/service/ec2/vpc_subnet.go (cidr_block ForceNew)"},
		{Key: "availabilityZone", Why: "a new subnet", Source: tfaws + "internal/service/ec2/vpc_subnet.go (availability_zone ForceNew)"},
	},
	"aws:efs/mountTarget:MountTarget": {{Key: "subnetId", Why: "a new mount target", Source: tfaws + "internal/service/efs/mount_target.go (subnet_id ForceNew)"}},
}

// RegionFact: every AWS resource lives in one region; a provider region
// change replaces all of them (the old ones stay in the old region, retained
// or deleted). Source: AWS Regions; Pulumi AWS provider configuration (region).
const RegionFact = "AWS resources are regional: pulumi-aws replaces every resource when the provider's region changes (Pulumi AWS provider, region configuration: https://www.pulumi.com/registry/packages/aws/installation-configuration/)"
