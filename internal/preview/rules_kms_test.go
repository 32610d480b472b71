package preview_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// The KMS, logging and access point rules' cases join the engine's table
// (ruleCases), which TestRulesRejectWhatAWSRejects runs: each violating
// program must break exactly its rule, each compliant one none.
func init() { ruleCases = append(ruleCases, kmsRuleCases()...) }

const (
	rootOnlyPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	lockoutPolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}`
)

func kmsKey(ctx *pulumi.Context, policy string) (*kms.Key, error) {
	args := &kms.KeyArgs{EnableKeyRotation: pulumi.Bool(true)}
	if policy != "" {
		args.Policy = pulumi.String(policy)
	}
	return kms.NewKey(ctx, "k", args)
}

// keyOnly registers a key with the policy.
func keyOnly(policy string) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error { _, err := kmsKey(ctx, policy); return err }
}

// encryptedLaunchTemplate registers a key with the policy and a launch
// template whose root volume it encrypts.
func encryptedLaunchTemplate(policy string) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		k, err := kmsKey(ctx, policy)
		if err != nil {
			return err
		}
		_, err = ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{
			BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
				DeviceName: pulumi.String("/dev/xvda"),
				Ebs:        &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{Encrypted: pulumi.String("true"), KmsKeyId: k.Arn},
			}},
		})
		return err
	}
}

// accessLogging registers a source bucket logging into a target bucket whose
// default encryption is algorithm, the encryption registered before or after
// the logging.
func accessLogging(algorithm string, encryptionAfterLogging bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		target, err := s3.NewBucketV2(ctx, "target", &s3.BucketV2Args{Bucket: pulumi.String("target")})
		if err != nil {
			return err
		}
		source, err := s3.NewBucketV2(ctx, "source", &s3.BucketV2Args{Bucket: pulumi.String("source")})
		if err != nil {
			return err
		}
		sse := func(opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return s3.NewBucketServerSideEncryptionConfigurationV2(ctx, "target", &s3.BucketServerSideEncryptionConfigurationV2Args{
				Bucket: target.ID(),
				Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
					ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
						SseAlgorithm: pulumi.String(algorithm),
					},
				}},
			}, opts...)
		}
		logging := func(opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return s3.NewBucketLoggingV2(ctx, "source", &s3.BucketLoggingV2Args{
				Bucket: source.ID(), TargetBucket: target.ID(), TargetPrefix: pulumi.String("source/"),
			}, opts...)
		}
		first, then := sse, logging
		if encryptionAfterLogging {
			first, then = logging, sse
		}
		r, err := first()
		if err != nil {
			return err
		}
		_, err = then(pulumi.DependsOn([]pulumi.Resource{r}))
		return err
	}
}

func accessPoint(root efs.AccessPointRootDirectoryArgs) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		_, err := efs.NewAccessPoint(ctx, "ap", &efs.AccessPointArgs{FileSystemId: pulumi.String("fs-1"), RootDirectory: root})
		return err
	}
}

// clusterAndLogGroup registers /aws/eks/c1/cluster and the cluster c1,
// depending on the group or registered after it without depending on it.
func clusterAndLogGroup(depends bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		lg, err := cloudwatch.NewLogGroup(ctx, "lg", &cloudwatch.LogGroupArgs{Name: pulumi.String("/aws/eks/c1/cluster"), RetentionInDays: pulumi.Int(90)})
		if err != nil {
			return err
		}
		args := &awseks.ClusterArgs{Name: pulumi.String("c1"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/eks"),
			VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: pulumi.StringArray{}}}
		if depends {
			_, err = awseks.NewCluster(ctx, "c1", args, pulumi.DependsOn([]pulumi.Resource{lg}))
			return err
		}
		lg.Name.ApplyT(func(string) (string, error) { // registered after the group, not depending on it
			_, err := awseks.NewCluster(ctx, "c1", args)
			return "", err
		})
		return nil
	}
}

func kmsRuleCases() []ruleCase {
	grants, err := domino.KMSKeyPolicy("aws", "123456789012", "")
	if err != nil {
		panic(err) // a constant document: a failure is a programming error
	}
	creationInfo := &efs.AccessPointRootDirectoryCreationInfoArgs{OwnerUid: pulumi.Int(0), OwnerGid: pulumi.Int(0), Permissions: pulumi.String("777")}
	return []ruleCase{
		{"kms-key-policy-admin", "no account principal may manage the key", true, keyOnly(lockoutPolicy)},
		{"kms-key-policy-admin", "the account root keeps kms:*", false, keyOnly(rootOnlyPolicy)},
		{"kms-key-policy-admin", "the default key policy", false, keyOnly("")},
		{"ebs-kms-autoscaling-grant", "key policy without the Auto Scaling service-linked role", true, encryptedLaunchTemplate(rootOnlyPolicy)},
		{"ebs-kms-autoscaling-grant", "the default key policy", true, encryptedLaunchTemplate("")},
		{"ebs-kms-autoscaling-grant", "the component's key policy", false, encryptedLaunchTemplate(grants)},
		{"ebs-kms-autoscaling-grant", "a key from outside the run (policy unknown offline)", false, func(ctx *pulumi.Context) error {
			_, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{
				BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
					DeviceName: pulumi.String("/dev/xvda"),
					Ebs:        &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{KmsKeyId: pulumi.String("arn:aws:kms:us-west-2:123456789012:key/elsewhere")},
				}},
			})
			return err
		}},
		{"s3-access-log-target-sse-s3", "SSE-KMS target", true, accessLogging("aws:kms", false)},
		{"s3-access-log-target-sse-s3", "SSE-KMS target configured after the logging", true, accessLogging("aws:kms", true)},
		{"s3-access-log-target-sse-s3", "SSE-S3 target", false, accessLogging("AES256", false)},
		{"s3-access-log-target-sse-s3", "SSE-S3 target configured after the logging", false, accessLogging("AES256", true)},
		{"efs-access-point-creation-info", "below / without creation info", true, accessPoint(efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/domino")})},
		{"efs-access-point-creation-info", "below / with creation info", false, accessPoint(efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/domino"), CreationInfo: creationInfo})},
		{"efs-access-point-creation-info", "the file system root always exists", false, accessPoint(efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/")})},
		{"eks-log-group-before-cluster", "cluster registered after its log group without depending on it", true, clusterAndLogGroup(false)},
		{"eks-log-group-before-cluster", "cluster depends on its log group", false, clusterAndLogGroup(true)},
	}
}

// TestKMSRulesHoldOnTheComponent: the component's own plans break none of
// the rules (the cluster depends on its control-plane log group through the
// pulumi-eks component, the key policy grants Auto Scaling, the access-log
// bucket is SSE-S3, the access point has creation info).
func TestKMSRulesHoldOnTheComponent(t *testing.T) {
	for name, args := range map[string]domino.DominoEKSArgs{
		"default":       {},
		"ECR, registry": {Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true)},
		"no key":        {CreateKmsKey: pulumi.BoolRef(false)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := preview.Run(domino.Program("domino", args), preview.Options{})
			require.NoError(t, err)
		})
	}
}
