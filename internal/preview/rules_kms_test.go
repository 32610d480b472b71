package preview_test

import (
	"errors"
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
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// violations runs a tiny program and returns the ids of the rules it breaks.
func violations(t *testing.T, f func(ctx *pulumi.Context) error) []string {
	t.Helper()
	_, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) { return nil, f(ctx) }, preview.Options{})
	if err == nil {
		return nil
	}
	var ve *preview.ViolationError
	require.True(t, errors.As(err, &ve), "unexpected error: %v", err)
	var ids []string
	for _, v := range ve.Violations {
		assert.NotEmpty(t, v.Source, v.Rule)
		ids = append(ids, v.Rule)
	}
	return ids
}

const (
	rootOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	lockout  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}`
)

func key(ctx *pulumi.Context, policy string) (*kms.Key, error) {
	args := &kms.KeyArgs{EnableKeyRotation: pulumi.Bool(true)}
	if policy != "" {
		args.Policy = pulumi.String(policy)
	}
	return kms.NewKey(ctx, "k", args)
}

func TestRuleKeyPolicyKeepsAnAdministrator(t *testing.T) {
	for _, tc := range []struct {
		name, policy string
		want         []string
	}{
		{"no account principal may manage the key", lockout, []string{"kms-key-policy-admin"}},
		{"the account root keeps kms:*", rootOnly, nil},
		{"the default key policy", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, func(ctx *pulumi.Context) error { _, err := key(ctx, tc.policy); return err })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRuleLaunchTemplateKeyGrantsAutoScaling(t *testing.T) {
	grants, err := domino.KMSKeyPolicy("aws", "123456789012")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, policy string
		want         []string
	}{
		{"key policy without the Auto Scaling service-linked role", rootOnly, []string{"ebs-kms-autoscaling-grant"}},
		{"default key policy", "", []string{"ebs-kms-autoscaling-grant"}},
		{"the component's key policy", grants, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, func(ctx *pulumi.Context) error {
				k, err := key(ctx, tc.policy)
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
			})
			assert.Equal(t, tc.want, got)
		})
	}
	// A key from outside the run: its policy is unknown offline, no finding.
	got := violations(t, func(ctx *pulumi.Context) error {
		_, err := ec2.NewLaunchTemplate(ctx, "lt", &ec2.LaunchTemplateArgs{
			BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
				DeviceName: pulumi.String("/dev/xvda"),
				Ebs:        &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{KmsKeyId: pulumi.String("arn:aws:kms:us-west-2:123456789012:key/elsewhere")},
			}},
		})
		return err
	})
	assert.Empty(t, got)
}

func TestRuleAccessLogTargetIsSSES3(t *testing.T) {
	for _, tc := range []struct {
		name, algorithm string
		sseAfterLogging bool
		want            []string
	}{
		{"SSE-KMS target", "aws:kms", false, []string{"s3-access-log-target-sse-s3"}},
		{"SSE-KMS target configured after the logging", "aws:kms", true, []string{"s3-access-log-target-sse-s3"}},
		{"SSE-S3 target", "AES256", false, nil},
		{"SSE-S3 target configured after the logging", "AES256", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, func(ctx *pulumi.Context) error {
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
								SseAlgorithm: pulumi.String(tc.algorithm),
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
				if tc.sseAfterLogging {
					first, then = logging, sse
				}
				r, err := first()
				if err != nil {
					return err
				}
				_, err = then(pulumi.DependsOn([]pulumi.Resource{r}))
				return err
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRuleAccessPointCreationInfo(t *testing.T) {
	for _, tc := range []struct {
		name string
		root efs.AccessPointRootDirectoryArgs
		want []string
	}{
		{"below / without creation info", efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/domino")}, []string{"efs-access-point-creation-info"}},
		{"below / with creation info", efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/domino"),
			CreationInfo: &efs.AccessPointRootDirectoryCreationInfoArgs{OwnerUid: pulumi.Int(0), OwnerGid: pulumi.Int(0), Permissions: pulumi.String("777")}}, nil},
		{"the root always exists", efs.AccessPointRootDirectoryArgs{Path: pulumi.String("/")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, func(ctx *pulumi.Context) error {
				_, err := efs.NewAccessPoint(ctx, "ap", &efs.AccessPointArgs{FileSystemId: pulumi.String("fs-1"), RootDirectory: tc.root})
				return err
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestKMSRulesHoldOnTheComponent: the component's own plans break none of them.
func TestKMSRulesHoldOnTheComponent(t *testing.T) {
	for name, args := range map[string]domino.DominoEKSArgs{
		"default":       {},
		"ECR, registry": {Ecr: true, RegistryBucket: true},
		"no key":        {CreateKmsKey: pulumi.BoolRef(false)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := preview.Run(domino.Program("domino", args), preview.Options{})
			require.NoError(t, err)
		})
	}
}

// TestRuleControlPlaneLogGroupBeforeCluster: the cluster must depend on
// /aws/eks/<cluster>/cluster; the component's plan does.
func TestRuleControlPlaneLogGroupBeforeCluster(t *testing.T) {
	for _, tc := range []struct {
		name    string
		depends bool
		want    []string
	}{
		{"cluster without the dependency", false, []string{"eks-log-group-before-cluster"}},
		{"cluster depends on its log group", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, func(ctx *pulumi.Context) error {
				lg, err := cloudwatch.NewLogGroup(ctx, "lg", &cloudwatch.LogGroupArgs{Name: pulumi.String("/aws/eks/c1/cluster"), RetentionInDays: pulumi.Int(90)})
				if err != nil {
					return err
				}
				args := &awseks.ClusterArgs{Name: pulumi.String("c1"), RoleArn: pulumi.String("arn:aws:iam::123456789012:role/eks"),
					VpcConfig: awseks.ClusterVpcConfigArgs{SubnetIds: pulumi.StringArray{}}}
				if tc.depends {
					_, err = awseks.NewCluster(ctx, "c1", args, pulumi.DependsOn([]pulumi.Resource{lg}))
					return err
				}
				// Registered after the log group, without depending on it.
				lg.Name.ApplyT(func(string) (string, error) {
					_, err := awseks.NewCluster(ctx, "c1", args)
					return "", err
				})
				return err
			})
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{}), preview.Options{})
	require.NoError(t, err)
}
