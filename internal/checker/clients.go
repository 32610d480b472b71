package checker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/smithy-go/logging"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// EKSAPI is the subset of the EKS client used by the checker.
type EKSAPI interface {
	DescribeCluster(ctx context.Context, in *eks.DescribeClusterInput, optFns ...func(*eks.Options)) (*eks.DescribeClusterOutput, error)
	ListNodegroups(ctx context.Context, in *eks.ListNodegroupsInput, optFns ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error)
	DescribeNodegroup(ctx context.Context, in *eks.DescribeNodegroupInput, optFns ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error)
	ListAddons(ctx context.Context, in *eks.ListAddonsInput, optFns ...func(*eks.Options)) (*eks.ListAddonsOutput, error)
	DescribeAddon(ctx context.Context, in *eks.DescribeAddonInput, optFns ...func(*eks.Options)) (*eks.DescribeAddonOutput, error)
}

// EC2API is the subset of the EC2 client used by the checker.
type EC2API interface {
	DescribeLaunchTemplateVersions(ctx context.Context, in *ec2.DescribeLaunchTemplateVersionsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplateVersionsOutput, error)
	DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error)
	DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error)
	DescribeSecurityGroups(ctx context.Context, in *ec2.DescribeSecurityGroupsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
	DescribeVpcAttribute(ctx context.Context, in *ec2.DescribeVpcAttributeInput, optFns ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error)
	DescribeInstances(ctx context.Context, in *ec2.DescribeInstancesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error)
}

// AutoScalingAPI is the subset of the Auto Scaling client used by the checker.
type AutoScalingAPI interface {
	DescribeAutoScalingGroups(ctx context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, optFns ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error)
}

// EFSAPI is the subset of the EFS client used by the checker.
type EFSAPI interface {
	DescribeFileSystems(ctx context.Context, in *efs.DescribeFileSystemsInput, optFns ...func(*efs.Options)) (*efs.DescribeFileSystemsOutput, error)
	DescribeMountTargets(ctx context.Context, in *efs.DescribeMountTargetsInput, optFns ...func(*efs.Options)) (*efs.DescribeMountTargetsOutput, error)
	DescribeMountTargetSecurityGroups(ctx context.Context, in *efs.DescribeMountTargetSecurityGroupsInput, optFns ...func(*efs.Options)) (*efs.DescribeMountTargetSecurityGroupsOutput, error)
}

// S3API is the subset of the S3 client used by the checker.
type S3API interface {
	ListBuckets(ctx context.Context, in *s3.ListBucketsInput, optFns ...func(*s3.Options)) (*s3.ListBucketsOutput, error)
	HeadBucket(ctx context.Context, in *s3.HeadBucketInput, optFns ...func(*s3.Options)) (*s3.HeadBucketOutput, error)
	GetBucketEncryption(ctx context.Context, in *s3.GetBucketEncryptionInput, optFns ...func(*s3.Options)) (*s3.GetBucketEncryptionOutput, error)
	GetPublicAccessBlock(ctx context.Context, in *s3.GetPublicAccessBlockInput, optFns ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error)
	GetBucketLogging(ctx context.Context, in *s3.GetBucketLoggingInput, optFns ...func(*s3.Options)) (*s3.GetBucketLoggingOutput, error)
	GetBucketPolicy(ctx context.Context, in *s3.GetBucketPolicyInput, optFns ...func(*s3.Options)) (*s3.GetBucketPolicyOutput, error)
	GetBucketLifecycleConfiguration(ctx context.Context, in *s3.GetBucketLifecycleConfigurationInput, optFns ...func(*s3.Options)) (*s3.GetBucketLifecycleConfigurationOutput, error)
	GetBucketVersioning(ctx context.Context, in *s3.GetBucketVersioningInput, optFns ...func(*s3.Options)) (*s3.GetBucketVersioningOutput, error)
}

// IAMAPI is the subset of the IAM client used by the checker.
type IAMAPI interface {
	GetRole(ctx context.Context, in *iam.GetRoleInput, optFns ...func(*iam.Options)) (*iam.GetRoleOutput, error)
	ListRolePolicies(ctx context.Context, in *iam.ListRolePoliciesInput, optFns ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error)
	GetRolePolicy(ctx context.Context, in *iam.GetRolePolicyInput, optFns ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error)
	ListAttachedRolePolicies(ctx context.Context, in *iam.ListAttachedRolePoliciesInput, optFns ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error)
	GetPolicy(ctx context.Context, in *iam.GetPolicyInput, optFns ...func(*iam.Options)) (*iam.GetPolicyOutput, error)
	GetPolicyVersion(ctx context.Context, in *iam.GetPolicyVersionInput, optFns ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error)
	GetInstanceProfile(ctx context.Context, in *iam.GetInstanceProfileInput, optFns ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error)
}

// SSMAPI is the subset of the Systems Manager client used by the checker.
type SSMAPI interface {
	DescribeInstanceInformation(ctx context.Context, in *ssm.DescribeInstanceInformationInput, optFns ...func(*ssm.Options)) (*ssm.DescribeInstanceInformationOutput, error)
}

// Clients bundles the API clients the checker talks to. All AWS clients are
// required; Kube is optional and the Kubernetes checks are skipped (WARN)
// when it is nil.
type Clients struct {
	// EKS describes the cluster and its managed node groups.
	EKS EKSAPI
	// EC2 reads launch templates, subnets, route tables and security groups.
	EC2 EC2API
	// AutoScaling reads the tags of the node groups' Auto Scaling groups.
	AutoScaling AutoScalingAPI
	// EFS reads the file system, its mount targets and their security groups.
	EFS EFSAPI
	// S3 reads bucket existence, encryption and public access settings.
	S3 S3API
	// IAM reads the node role's inline and attached policies.
	IAM IAMAPI
	// KMS reads the customer key and its rotation; optional (its checks WARN without it).
	KMS KMSAPI
	// ECR lists the repositories and pull-through cache rules; optional (its
	// checks WARN without it).
	ECR ECRAPI
	// SSM reads whether the access host's agent is online; optional (the
	// check WARNs without it).
	SSM SSMAPI
	// Backup reads the backup plans covering the EFS file system; optional
	// (efs.backup WARNs without it).
	Backup BackupAPI
	// Releases reads EKS's latest AMI releases (public SSM parameters);
	// optional (nodes.ami-release WARNs without it).
	Releases ReleaseAPI
	// Kube is the Kubernetes API of the cluster; optional.
	Kube kubernetes.Interface
	// NetProbe makes the network policy probe's connection attempts; nil:
	// client pods run through Kube (tests replace it).
	NetProbe Connector
}

func (c Clients) validate() error {
	switch {
	case c.EKS == nil:
		return errors.New("checker: EKS client is nil")
	case c.EC2 == nil:
		return errors.New("checker: EC2 client is nil")
	case c.AutoScaling == nil:
		return errors.New("checker: Auto Scaling client is nil")
	case c.EFS == nil:
		return errors.New("checker: EFS client is nil")
	case c.S3 == nil:
		return errors.New("checker: S3 client is nil")
	case c.IAM == nil:
		return errors.New("checker: IAM client is nil")
	}
	return nil
}

// LoadAWSConfig loads the shared AWS configuration with the standard
// credential chain (environment, shared config/credentials files, SSO, web
// identity, container and instance roles). A non-empty region overrides the
// configured one. The SDK natively honours AWS_ENDPOINT_URL and the
// service-specific AWS_ENDPOINT_URL_<SERVICE> variables (and endpoint_url in
// the shared config file), which point every client at an emulator such as
// moto or LocalStack. Every call made with the configuration is bounded by
// DefaultCallTimeout; WithCallTimeout sets another bound. The SDK logs
// nothing (its default logger writes "SDK <date> WARN ..." lines to stderr,
// e.g. when the instance metadata service refuses IMDSv2): every outcome
// reaches the user as a result or an error.
func LoadAWSConfig(ctx context.Context, region string, optFns ...func(*config.LoadOptions) error) (aws.Config, error) {
	first := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if region != "" {
		first = append(first, config.WithRegion(region))
	}
	optFns = append(first, optFns...)
	cfg, err := config.LoadDefaultConfig(ctx, optFns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return aws.Config{}, errors.New("no AWS region: pass --region or set AWS_REGION")
	}
	return WithCallTimeout(cfg, DefaultCallTimeout), nil
}

// NewAWSClients builds the AWS clients from cfg. When a custom endpoint is
// configured (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_S3), S3 uses path-style
// addressing, which emulators require.
func NewAWSClients(cfg aws.Config) Clients {
	return Clients{
		EKS:         eks.NewFromConfig(cfg),
		EC2:         ec2.NewFromConfig(cfg),
		AutoScaling: autoscaling.NewFromConfig(cfg),
		EFS:         efs.NewFromConfig(cfg),
		S3:          NewS3Client(cfg),
		IAM:         iam.NewFromConfig(cfg),
		KMS:         kms.NewFromConfig(cfg),
		ECR:         ecr.NewFromConfig(cfg),
		SSM:         ssm.NewFromConfig(cfg),
		Releases:    ssm.NewFromConfig(cfg),
		Backup:      backup.NewFromConfig(cfg),
	}
}

// NewS3Client builds the S3 client from cfg, with path-style addressing when
// a custom endpoint is configured (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_S3):
// emulators require it.
func NewS3Client(cfg aws.Config) *s3.Client {
	customS3 := cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_S3") != ""
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		if customS3 {
			o.UsePathStyle = true
		}
	})
}

// NewKubeClient builds a Kubernetes client from a kubeconfig file, using its
// current context.
func NewKubeClient(kubeconfig string) (kubernetes.Interface, error) {
	restCfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("load kubeconfig %q: %w", kubeconfig, err)
	}
	restCfg.Timeout = 30 * time.Second
	cs, err := kubernetes.NewForConfig(restCfg)
	if err != nil {
		return nil, fmt.Errorf("create Kubernetes client from %q: %w", kubeconfig, err)
	}
	return cs, nil
}
