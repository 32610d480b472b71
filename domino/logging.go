package domino

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// BucketMonitoring is the role of the access-log bucket.
const BucketMonitoring = "monitoring"

// LogRetentionDaysAllowed are the retention periods CloudWatch Logs accepts
// (PutRetentionPolicy, retentionInDays).
var LogRetentionDaysAllowed = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// ControlPlaneLogGroupName is the log group EKS writes control-plane logs to.
// EKS creates it without retention (never expiring) unless it exists already,
// so the component creates it first, with a retention.
// EKS user guide, "Send control plane logs to CloudWatch Logs".
func ControlPlaneLogGroupName(clusterName string) string {
	return "/aws/eks/" + clusterName + "/cluster"
}

// FlowLogGroupName is the log group of the VPC's rejected-traffic flow logs.
func FlowLogGroupName(clusterName string) string {
	return "/aws/vpc/" + clusterName + "/flow-logs"
}

// newControlPlaneLogGroup creates /aws/eks/<cluster>/cluster with the
// retention. The EKS cluster must depend on it: created after the cluster,
// it would collide with the group EKS creates on its own.
func newControlPlaneLogGroup(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (*cloudwatch.LogGroup, error) {
	lg, err := cloudwatch.NewLogGroup(ctx, s.Name+"-control-plane", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(ControlPlaneLogGroupName(s.ClusterName)),
		RetentionInDays: pulumi.Int(s.LogRetentionDays),
		Tags:            tagsWith(s, nil),
	}, append(append([]pulumi.ResourceOption{}, opts...), s.leftovers.adopt("logGroup", "logGroup")...)...)
	if err != nil {
		return nil, fmt.Errorf("control-plane log group: %w", err)
	}
	return lg, nil
}

// newFlowLogs records the VPC's rejected traffic in a log group with the
// retention, delivered by a role only the flow-logs service of this account
// may assume.
func newFlowLogs(ctx *pulumi.Context, s spec, vpcID pulumi.StringInput, opts ...pulumi.ResourceOption) error {
	if !s.FlowLogs {
		return nil
	}
	n := s.Name + "-flow-logs"
	lg, err := cloudwatch.NewLogGroup(ctx, n, &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(s.derivedName(NameFlowLogGroup)),
		RetentionInDays: pulumi.Int(s.LogRetentionDays),
		Tags:            tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return fmt.Errorf("flow log group: %w", err)
	}
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}).AccountId()
	role, err := iam.NewRole(ctx, n, &iam.RoleArgs{
		AssumeRolePolicy: account.ApplyT(flowLogsTrustPolicy).(pulumi.StringOutput),
		Description:      pulumi.String("VPC flow logs of " + s.ClusterName),
		Tags:             tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return fmt.Errorf("flow logs role: %w", err)
	}
	rp, err := iam.NewRolePolicy(ctx, n, &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: lg.Arn.ApplyT(flowLogsDeliveryPolicy).(pulumi.StringOutput),
	}, opts...)
	if err != nil {
		return fmt.Errorf("flow logs role policy: %w", err)
	}
	if _, err := ec2.NewFlowLog(ctx, n, &ec2.FlowLogArgs{
		VpcId:              vpcID,
		TrafficType:        pulumi.String("REJECT"),
		LogDestinationType: pulumi.String("cloud-watch-logs"),
		LogDestination:     lg.Arn,
		IamRoleArn:         role.Arn,
		Tags:               tagsWith(s, map[string]string{"Name": n}),
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{rp}))...); err != nil {
		return fmt.Errorf("flow log: %w", err)
	}
	return nil
}

// flowLogsTrustPolicy lets the VPC flow-logs service assume the role for this
// account only (VPC user guide, "IAM role for publishing flow logs to
// CloudWatch Logs", confused-deputy condition).
func flowLogsTrustPolicy(account string) (string, error) {
	doc, err := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "sts:AssumeRole",
			"Principal": map[string]any{"Service": "vpc-flow-logs.amazonaws.com"},
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}},
		}},
	})
	return string(doc), err
}

// flowLogsDeliveryPolicy lets the role write to exactly the flow log group.
func flowLogsDeliveryPolicy(logGroupArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{{
		Sid: "DeliverFlowLogs", Effect: "Allow",
		Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"},
		Resource: []string{logGroupArn, logGroupArn + ":*"},
	}}})
	return string(doc), err
}

// AccessLogBucketPolicy is the monitoring bucket's policy: TLS only, and the
// S3 logging service of this account may write access logs. With
// BucketOwnerEnforced ownership ACLs are off, so delivery is granted by
// bucket policy. S3 user guide, "Enabling Amazon S3 server access logging",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
//
// The delivery statement comes first, with Resource as a single string, in
// the shape of the S3 user guide's example (moto 5.2.1 only recognises that
// shape when it validates PutBucketLogging, as tests/checker_plan_test.go does).
func AccessLogBucketPolicy(bucketArn, account string) (string, error) {
	doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{
		map[string]any{"Sid": "S3ServerAccessLogsPolicy", "Effect": "Allow",
			"Principal": map[string]any{"Service": "logging.s3.amazonaws.com"},
			"Action":    "s3:PutObject",
			"Resource":  bucketArn + "/*",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}},
		policyStatement{Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*",
			Action:    []string{"s3:*"},
			Resource:  []string{bucketArn, bucketArn + "/*"},
			Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}},
	}})
	return string(doc), err
}

// bucketEncryption is a bucket's default encryption. The access-log bucket
// uses SSE-S3: S3 does not deliver server access logs to a target bucket
// whose default encryption is SSE-KMS (S3 user guide, "Enabling Amazon S3
// server access logging"). The others use the customer key with S3 Bucket
// Keys, when there is one.
func bucketEncryption(s spec, role string) *s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs {
	if s.key == nil || role == BucketMonitoring {
		return &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
			SseAlgorithm: pulumi.String("AES256"),
		}
	}
	return &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm:   pulumi.String("aws:kms"),
		KmsMasterKeyId: s.key.Arn,
	}
}

// newAccessLogging sends a data bucket's server access logs to the
// monitoring bucket under <role>/.
func newAccessLogging(ctx *pulumi.Context, s spec, role string, bucket, target *s3.BucketV2, opts ...pulumi.ResourceOption) error {
	if _, err := s3.NewBucketLoggingV2(ctx, s.Name+"-"+role, &s3.BucketLoggingV2Args{
		Bucket:       bucket.ID(),
		TargetBucket: target.ID(),
		TargetPrefix: pulumi.String(role + "/"),
	}, opts...); err != nil {
		return fmt.Errorf("access logging: %w", err)
	}
	return nil
}

// newLogExpiry expires access logs after the log retention, and their
// noncurrent versions (the bucket is versioned) after s.NoncurrentDays.
func newLogExpiry(ctx *pulumi.Context, s spec, bucket *s3.BucketV2, opts ...pulumi.ResourceOption) error {
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, s.Name+"-"+BucketMonitoring, &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:         pulumi.String("expire-access-logs"),
			Status:     pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(s.LogRetentionDays)},
		}, expireNoncurrentVersions(s)},
	}, opts...); err != nil {
		return fmt.Errorf("access log expiry: %w", err)
	}
	return nil
}
