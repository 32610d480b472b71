package domino

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Bucket roles, in the order the installer lists them.
const (
	BucketBlobs   = "blobs"
	BucketLogs    = "logs"
	BucketBackups = "backups"
	// BucketRegistry holds the images of Domino's internal Docker registry (optional).
	BucketRegistry = "registry"
)

// NodeS3BucketActions and NodeS3ObjectActions are what the node role may do
// on the bucket ARNs and on "<bucket ARN>/*": the seed's four actions plus
// what Domino's blob clients and its registry's S3 driver call for
// multipart uploads and region lookup (the workload table's entries
// blob-storage and internal-registry).
var (
	NodeS3BucketActions = workloads.S3BucketActions
	NodeS3ObjectActions = workloads.S3ObjectActions
)

// AbortIncompleteUploadsDays is how long an unfinished multipart upload may
// stay before S3 aborts it and frees its parts.
const AbortIncompleteUploadsDays = 7

// NoncurrentExpiryRuleID is the ID of the lifecycle rule expiring noncurrent versions.
const NoncurrentExpiryRuleID = "expire-noncurrent-versions"

// buckets are the Domino buckets by role: blobs, logs, backups, and the
// optional registry and monitoring (access-log) buckets.
type buckets struct {
	Buckets map[string]*s3.BucketV2
}

// bucketName is the bucket's name, with the account id filled in for
// default names once it is known.
func bucketName(name string, account func() pulumi.StringOutput) pulumi.StringInput {
	if !strings.Contains(name, accountPlaceholder) {
		return pulumi.String(name)
	}
	return account().ApplyT(func(id string) string { return strings.Replace(name, accountPlaceholder, id, 1) }).(pulumi.StringOutput)
}

// newBuckets creates the blobs, logs and backups buckets (and the registry
// and monitoring buckets when on), each encrypted, private (public access
// block, bucket owner enforced), TLS-only, versioned with noncurrent versions
// expired, retained on delete, and grants the node role exactly what
// Domino's workloads need on them.
func newBuckets(ctx *pulumi.Context, s spec, c *cluster, opts ...pulumi.ResourceOption) (*buckets, error) {
	b := &buckets{Buckets: map[string]*s3.BucketV2{}}
	names := map[string]string{BucketBlobs: s.BlobsBucket, BucketLogs: s.LogsBucket, BucketBackups: s.BackupsBucket,
		BucketRegistry: s.RegistryBucket, BucketMonitoring: s.MonitoringBucket}
	var accountID *pulumi.StringOutput
	account := func() pulumi.StringOutput { // looked up once, only for default names
		if accountID == nil {
			id := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}).AccountId()
			accountID = &id
		}
		return *accountID
	}
	var arns pulumi.StringArray
	// The monitoring bucket comes first: the others log into it.
	for _, role := range []string{BucketMonitoring, BucketBlobs, BucketLogs, BucketBackups, BucketRegistry} {
		if names[role] == "" {
			continue // optional bucket turned off
		}
		bucket, err := newBucket(ctx, s, role, bucketName(names[role], account), account, opts...)
		if err != nil {
			return nil, fmt.Errorf("bucket %s (%s): %w", names[role], role, err)
		}
		b.Buckets[role] = bucket
		if role == BucketMonitoring {
			continue // nodes have no business with access logs
		}
		arns = append(arns, bucket.Arn)
		if target := b.Buckets[BucketMonitoring]; target != nil {
			if err := newAccessLogging(ctx, s, role, bucket, target, dataOpts(s, opts)...); err != nil {
				return nil, fmt.Errorf("bucket %s (%s): %w", names[role], role, err)
			}
		}
	}
	policy := arns.ToStringArrayOutput().ApplyT(func(arns []string) (string, error) {
		return NodeS3Policy(arns)
	}).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, s.Name+"-node-s3", &iam.RolePolicyArgs{
		Role:   c.NodeRole.Name,
		Policy: policy,
	}, opts...); err != nil {
		return nil, fmt.Errorf("node S3 policy: %w", err)
	}
	return b, nil
}

func newBucket(ctx *pulumi.Context, s spec, role string, name pulumi.StringInput, account func() pulumi.StringOutput, opts ...pulumi.ResourceOption) (*s3.BucketV2, error) {
	res := s.Name + "-" + role
	tags := tagsWith(s, map[string]string{"dominodatalab.com/bucket": role})
	tags["Name"] = name
	bucket, err := s3.NewBucketV2(ctx, res, &s3.BucketV2Args{
		Bucket:       name,
		ForceDestroy: pulumi.Bool(false),
		Tags:         tags,
	}, append(dataOpts(s, opts), s.leftovers.adopt("bucket", "bucket:"+role)...)...)
	if err != nil {
		return nil, err
	}
	// The bucket's protections stay with it: a retained bucket keeps its
	// encryption, public access block, ownership, TLS policy and versioning.
	keep := dataOpts(s, opts)
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, res, &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: bucketEncryption(s, role),
			BucketKeyEnabled:                   pulumi.Bool(true),
		}},
	}, keep...); err != nil {
		return nil, fmt.Errorf("encryption: %w", err)
	}
	pab, err := s3.NewBucketPublicAccessBlock(ctx, res, &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, keep...)
	if err != nil {
		return nil, fmt.Errorf("public access block: %w", err)
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, res, &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, keep...); err != nil {
		return nil, fmt.Errorf("ownership controls: %w", err)
	}
	tlsOnly := bucket.Arn.ApplyT(func(arn string) (string, error) { return TLSOnlyBucketPolicy(arn) }).(pulumi.StringOutput)
	if role == BucketMonitoring {
		tlsOnly = pulumi.All(bucket.Arn, account()).ApplyT(func(v []any) (string, error) {
			return AccessLogBucketPolicy(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput)
	}
	if _, err := s3.NewBucketPolicy(ctx, res, &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: tlsOnly,
	}, append(append([]pulumi.ResourceOption{}, keep...), pulumi.DependsOn([]pulumi.Resource{pab}))...); err != nil {
		return nil, fmt.Errorf("TLS-only policy: %w", err)
	}
	// Every bucket is versioned: a faulty client with DeleteObject (every pod
	// on node credentials) cannot destroy data for good. The lifecycle rules
	// come after versioning and expire what it keeps.
	versioning, err := s3.NewBucketVersioningV2(ctx, res, &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, keep...)
	if err != nil {
		return nil, fmt.Errorf("versioning: %w", err)
	}
	afterVersioning := append(append([]pulumi.ResourceOption{}, keep...), pulumi.DependsOn([]pulumi.Resource{versioning}))
	if role == BucketMonitoring {
		if err := newLogExpiry(ctx, s, bucket, afterVersioning...); err != nil {
			return nil, err
		}
	} else if err := newAbortIncompleteUploads(ctx, s, res, bucket, afterVersioning...); err != nil {
		return nil, err
	}
	return bucket, nil
}

// expireNoncurrentVersions is the lifecycle rule deleting object versions
// noncurrent for s.NoncurrentDays: versioning keeps every overwritten or
// deleted object, and cost grows without bound otherwise. S3 user guide,
// "Lifecycle configuration elements" (NoncurrentVersionExpiration).
func expireNoncurrentVersions(s spec) s3.BucketLifecycleConfigurationV2RuleArgs {
	return s3.BucketLifecycleConfigurationV2RuleArgs{
		Id:     pulumi.String(NoncurrentExpiryRuleID),
		Status: pulumi.String("Enabled"),
		Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
		NoncurrentVersionExpiration: &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
			NoncurrentDays: pulumi.Int(s.NoncurrentDays),
		},
	}
}

// newAbortIncompleteUploads gives a data bucket its lifecycle rules: S3 aborts
// multipart uploads left unfinished for AbortIncompleteUploadsDays (their
// parts are billed and invisible in listings until then). S3 user guide,
// "Configuring a bucket lifecycle configuration to delete incomplete
// multipart uploads"; and noncurrent versions expire (expireNoncurrentVersions).
// A bucket has one lifecycle configuration: this is it.
func newAbortIncompleteUploads(ctx *pulumi.Context, s spec, res string, bucket *s3.BucketV2, opts ...pulumi.ResourceOption) error {
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, res, &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("abort-incomplete-multipart-uploads"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(AbortIncompleteUploadsDays),
			},
		}, expireNoncurrentVersions(s)},
	}, opts...); err != nil {
		return fmt.Errorf("lifecycle (abort incomplete multipart uploads): %w", err)
	}
	return nil
}

// policyDocument is an IAM policy document.
type policyDocument struct {
	Version   string            `json:"Version"`
	Statement []policyStatement `json:"Statement"`
}

type policyStatement struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal,omitempty"`
	Action    []string       `json:"Action"`
	Resource  []string       `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

// NodeS3Policy returns the node role's S3 policy for the bucket ARNs:
// NodeS3BucketActions on the buckets and NodeS3ObjectActions on their
// objects. Nothing is wildcarded but the object key.
func NodeS3Policy(bucketArns []string) (string, error) {
	objects := make([]string, len(bucketArns))
	for i, a := range bucketArns {
		objects[i] = a + "/*"
	}
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "DominoListBuckets", Effect: "Allow", Action: NodeS3BucketActions, Resource: bucketArns},
		{Sid: "DominoObjects", Effect: "Allow", Action: NodeS3ObjectActions, Resource: objects},
	}})
	return string(doc), err
}

// TLSOnlyBucketPolicy denies every request to the bucket that is not over TLS.
func TLSOnlyBucketPolicy(bucketArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*",
		Action:    []string{"s3:*"},
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}}})
	return string(doc), err
}

// optionalBucket is the name of an optional bucket, "" when it is off.
func optionalBucket(b *buckets, role string) pulumi.StringOutput {
	if bucket, ok := b.Buckets[role]; ok {
		return bucket.Bucket
	}
	return pulumi.String("").ToStringOutput()
}
