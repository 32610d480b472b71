package checker

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dominoeks/pulumi-dominoeks/internal/names"
)

const (
	kmsRotationTitle = "the customer KMS key rotates automatically"
	s3KMSTitle       = "Domino S3 buckets use the customer KMS key (access-log buckets excepted)"
	ecrTitle         = "Domino ECR repositories have immutable image tags"
)

// KMSAPI is the subset of the KMS client used by the checker.
type KMSAPI interface {
	DescribeKey(ctx context.Context, in *kms.DescribeKeyInput, optFns ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
	GetKeyRotationStatus(ctx context.Context, in *kms.GetKeyRotationStatusInput, optFns ...func(*kms.Options)) (*kms.GetKeyRotationStatusOutput, error)
	GetKeyPolicy(ctx context.Context, in *kms.GetKeyPolicyInput, optFns ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error)
}

// ECRAPI is the subset of the ECR client used by the checker.
type ECRAPI interface {
	DescribeRepositories(ctx context.Context, in *ecr.DescribeRepositoriesInput, optFns ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error)
	DescribePullThroughCacheRules(ctx context.Context, in *ecr.DescribePullThroughCacheRulesInput, optFns ...func(*ecr.Options)) (*ecr.DescribePullThroughCacheRulesOutput, error)
}

// keyRef is the key the KMS checks look at: --kms-key, else alias/<cluster>
// (the alias the component gives the key it creates).
func (r *runner) keyRef() string {
	if r.opts.KMSKey != "" {
		return r.opts.KMSKey
	}
	return "alias/" + r.opts.Cluster
}

// keyLookup is one DescribeKey of the customer key and its outcome.
type keyLookup struct {
	meta *kmstypes.KeyMetadata // nil when the account has no such key
	err  error
}

// describeKey describes the customer key (keyRef) once per run; a nil
// result without error means the account has no such key.
func (r *runner) describeKey(ctx context.Context) (*kmstypes.KeyMetadata, error) {
	if r.key == nil {
		ref := r.keyRef()
		r.progress("describe KMS key " + ref)
		out, err := r.c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(ref)})
		var nf *kmstypes.NotFoundException
		switch {
		case errors.As(err, &nf):
			r.key = &keyLookup{}
		case err != nil:
			r.key = &keyLookup{err: fmt.Errorf("describe KMS key %q: %w", ref, err)}
		default:
			r.key = &keyLookup{meta: out.KeyMetadata}
		}
	}
	return r.key.meta, r.key.err
}

// checkKMS verifies rotation on the customer key and that the buckets use it.
func (r *runner) checkKMS(ctx context.Context, st *state) ([]Result, error) {
	if r.c.KMS == nil {
		ev := "skipped: no KMS client"
		return []Result{warn(CheckKMSRotation, kmsRotationTitle, ev, ""), warn(CheckS3KMSKey, s3KMSTitle, ev, "")}, nil
	}
	ref := r.keyRef()
	key, err := r.describeKey(ctx)
	if err != nil {
		return nil, err
	}
	if key == nil {
		ev := "no customer key " + ref
		fix := "pass the key with --kms-key, or deploy with createKmsKey (default) or kmsKeyArn"
		return []Result{warn(CheckKMSRotation, kmsRotationTitle, ev, fix), warn(CheckS3KMSKey, s3KMSTitle, ev, fix)}, nil
	}
	keyID, keyArn := aws.ToString(key.KeyId), aws.ToString(key.Arn)
	r.progress("get rotation status of KMS key " + keyID)
	rot, err := r.c.KMS.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyID)})
	if err != nil {
		return nil, fmt.Errorf("get rotation status of KMS key %s: %w", keyID, err)
	}
	var rotation Result
	if rot.KeyRotationEnabled {
		rotation = pass(CheckKMSRotation, kmsRotationTitle, fmt.Sprintf("%s (%s): automatic rotation on", ref, keyArn))
	} else {
		rotation = fail(CheckKMSRotation, kmsRotationTitle, fmt.Sprintf("%s (%s): automatic rotation off", ref, keyArn),
			"aws kms enable-key-rotation --key-id "+keyID)
	}
	buckets, err := r.checkBucketsUseKey(ctx, st, ref, keyID, keyArn)
	if err != nil {
		return nil, err
	}
	return []Result{rotation, buckets}, nil
}

// checkBucketsUseKey: every existing bucket with default encryption uses
// SSE-KMS with the key, except the targets of the buckets' access logging,
// which must use SSE-S3 (S3 does not deliver access logs to SSE-KMS
// buckets). Buckets without default encryption are s3.encryption's finding.
func (r *runner) checkBucketsUseKey(ctx context.Context, st *state, ref, keyID, keyArn string) (Result, error) {
	if len(st.existingBuckets) == 0 {
		return warn(CheckS3KMSKey, s3KMSTitle, "skipped: no bucket to check", "see "+CheckS3Buckets), nil
	}
	targets := map[string]bool{}
	for _, b := range st.existingBuckets {
		r.progress("get access logging of bucket " + b)
		out, err := r.c.S3.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
		if err != nil {
			return Result{}, fmt.Errorf("get access logging of S3 bucket %q: %w", b, err)
		}
		if out.LoggingEnabled != nil {
			targets[aws.ToString(out.LoggingEnabled.TargetBucket)] = true
		}
	}
	uses := func(id string) bool {
		return id == keyArn || id == keyID || id == ref || strings.HasSuffix(id, ":"+ref)
	}
	var ok, bad []string
	for _, b := range st.existingBuckets {
		out, err := r.c.S3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
		if APIErrorCode(err) == "ServerSideEncryptionConfigurationNotFoundError" {
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("get encryption of S3 bucket %q: %w", b, err)
		}
		algo, id := "", ""
		for _, rule := range out.ServerSideEncryptionConfiguration.Rules {
			if d := rule.ApplyServerSideEncryptionByDefault; d != nil {
				algo, id = string(d.SSEAlgorithm), aws.ToString(d.KMSMasterKeyID)
				break
			}
		}
		switch {
		case targets[b]:
			ok = append(ok, b+": access-log target ("+algo+")")
		case strings.HasPrefix(algo, "aws:kms") && uses(id):
			ok = append(ok, b+": "+algo+" with the key")
		case strings.HasPrefix(algo, "aws:kms"):
			bad = append(bad, b+": "+algo+" with another key "+id)
		default:
			bad = append(bad, b+": "+algo+", not the customer key")
		}
	}
	sort.Strings(ok)
	sort.Strings(bad)
	if len(bad) > 0 {
		return fail(CheckS3KMSKey, s3KMSTitle, strings.Join(append(bad, ok...), "; "),
			"set each bucket's default encryption to SSE-KMS with "+keyArn+" (and S3 Bucket Keys); keep SSE-S3 on the access-log bucket"), nil
	}
	if len(ok) == 0 {
		return warn(CheckS3KMSKey, s3KMSTitle, "no bucket has default encryption", "see "+CheckS3Encryption), nil
	}
	return pass(CheckS3KMSKey, s3KMSTitle, keyArn+": "+strings.Join(ok, "; ")), nil
}

// checkECR verifies the repositories named <cluster>/... have immutable tags.
func (r *runner) checkECR(ctx context.Context, _ *state) ([]Result, error) {
	if r.c.ECR == nil {
		return []Result{warn(CheckECRImmutable, ecrTitle, "skipped: no ECR client", "")}, nil
	}
	prefix := r.repositoryPrefix() + "/"
	r.progress("list ECR repositories")
	var ok, bad []string
	p := ecr.NewDescribeRepositoriesPaginator(r.c.ECR, &ecr.DescribeRepositoriesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list ECR repositories: %w", err)
		}
		for _, repo := range page.Repositories {
			name := aws.ToString(repo.RepositoryName)
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			if m := string(repo.ImageTagMutability); strings.HasPrefix(m, "IMMUTABLE") {
				ok = append(ok, name)
			} else {
				bad = append(bad, name+": "+m)
			}
		}
	}
	switch {
	case len(bad) > 0:
		return []Result{fail(CheckECRImmutable, ecrTitle, strings.Join(bad, "; "),
			"aws ecr put-image-tag-mutability --image-tag-mutability IMMUTABLE --repository-name <name>")}, nil
	case len(ok) == 0:
		return []Result{warn(CheckECRImmutable, ecrTitle, "no ECR repository named "+prefix+"*: the registry is optional (ecr)",
			"deploy with ecr to create Domino's repositories")}, nil
	}
	return []Result{pass(CheckECRImmutable, ecrTitle, strings.Join(ok, ", "))}, nil
}

// repositoryPrefix is the ECR namespace of the component's repositories:
// the cluster name in lower case, shortened with a stable hash when ECR
// would refuse it (internal/names).
func (r *runner) repositoryPrefix() string {
	return names.Of(names.RepositoryPrefix, names.Input{Cluster: r.opts.Cluster, Region: r.opts.Region})
}
