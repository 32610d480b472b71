package checker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/dominoeks/pulumi-dominoeks/internal/names"
)

const (
	s3BucketsTitle    = "Domino S3 buckets exist (blobs, logs, backups)"
	s3EncryptionTitle = "Domino S3 buckets have default encryption"
	s3PublicTitle     = "Domino S3 buckets block all public access"
	s3VersionTitle    = "Domino S3 buckets are versioned and expire noncurrent versions"
)

// resolveBuckets sets st.buckets from --buckets or by name prefix.
func (r *runner) resolveBuckets(ctx context.Context, st *state) error {
	if len(r.opts.Buckets) > 0 {
		st.buckets = dedupe(r.opts.Buckets)
		st.bucketsHow = "--buckets"
		return nil
	}
	prefix := r.opts.Cluster + "-"
	for _, pre := range r.bucketPrefixes(st) {
		r.progress("list S3 buckets")
		p := s3.NewListBucketsPaginator(r.c.S3, &s3.ListBucketsInput{Prefix: aws.String(pre)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return fmt.Errorf("list S3 buckets with prefix %q: %w", pre, err)
			}
			for _, b := range page.Buckets {
				if name := aws.ToString(b.Name); strings.HasPrefix(name, pre) {
					st.buckets = append(st.buckets, name)
				}
			}
		}
	}
	st.buckets = dedupe(st.buckets)
	st.bucketsHow = fmt.Sprintf("discovered by prefix %q", prefix)
	return r.dropAccessLogTargets(ctx, st)
}

// bucketPrefixes are what bucket discovery lists by: <cluster>- (the form of
// every cluster name S3 accepts in it), its lower case (the component's
// form), and each derived bucket name (internal/names) that does not start
// so — the component shortens and hashes a name S3 would refuse. The account
// and region come from the cluster's ARN.
func (r *runner) bucketPrefixes(st *state) []string {
	lower := strings.ToLower(r.opts.Cluster) + "-"
	out := dedupe([]string{r.opts.Cluster + "-", lower})
	if st.cluster == nil {
		return out
	}
	a, err := arn.Parse(aws.ToString(st.cluster.Arn))
	if err != nil {
		return out
	}
	for _, role := range []string{names.BucketBlobs, names.BucketLogs, names.BucketBackups, names.BucketRegistry} {
		if b := names.Bucket(r.opts.Cluster, a.AccountID, a.Region, role); !strings.HasPrefix(b, lower) {
			out = append(out, b)
		}
	}
	return out
}

// dropAccessLogTargets removes from discovered buckets those receiving the
// others' server access logs: the access-log (monitoring) bucket holds no
// Domino data and nodes have no access to it.
func (r *runner) dropAccessLogTargets(ctx context.Context, st *state) error {
	targets := map[string]bool{}
	for _, b := range st.buckets {
		r.progress("get access logging of bucket " + b)
		out, err := r.c.S3.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("get access logging of S3 bucket %q: %w", b, err)
		}
		if out.LoggingEnabled != nil {
			targets[aws.ToString(out.LoggingEnabled.TargetBucket)] = true
		}
	}
	var kept, dropped []string
	for _, b := range st.buckets {
		if targets[b] {
			dropped = append(dropped, b)
		} else {
			kept = append(kept, b)
		}
	}
	if len(dropped) > 0 {
		st.buckets = kept
		st.bucketsHow += "; access-log bucket(s) " + strings.Join(dropped, ", ") + " left out"
	}
	return nil
}

func (r *runner) checkS3(ctx context.Context, st *state) ([]Result, error) {
	if err := r.resolveBuckets(ctx, st); err != nil {
		return nil, err
	}
	if len(st.buckets) == 0 {
		ev := fmt.Sprintf("skipped: --buckets not given and no bucket name starts with %q", r.opts.Cluster+"-")
		fix := "pass --buckets blobs,logs,backups"
		return []Result{
			warn(CheckS3Buckets, s3BucketsTitle, ev, fix),
			warn(CheckS3Encryption, s3EncryptionTitle, ev, fix),
			warn(CheckS3PublicAccess, s3PublicTitle, ev, fix),
			warn(CheckS3Versioning, s3VersionTitle, ev, fix),
		}, nil
	}

	var existing, missing []string
	for _, b := range st.buckets {
		r.progress("head bucket " + b)
		ok, err := r.bucketExists(ctx, b)
		if err != nil {
			return nil, err
		}
		if ok {
			existing = append(existing, b)
		} else {
			missing = append(missing, b)
		}
	}
	st.existingBuckets = existing

	var results []Result
	ev := fmt.Sprintf("buckets (%s): %s", st.bucketsHow, strings.Join(st.buckets, ", "))
	switch {
	case len(missing) > 0:
		results = append(results, fail(CheckS3Buckets, s3BucketsTitle, ev+"; missing: "+strings.Join(missing, ", "),
			"create the missing buckets in the cluster's region, or pass the right names with --buckets"))
	case len(st.buckets) < 3:
		results = append(results, warn(CheckS3Buckets, s3BucketsTitle, ev+fmt.Sprintf("; only %d bucket(s), Domino uses three", len(st.buckets)),
			"pass all three buckets (blobs, logs, backups) with --buckets"))
	default:
		results = append(results, pass(CheckS3Buckets, s3BucketsTitle, ev+"; all exist"))
	}
	if len(existing) == 0 {
		ev := "skipped: none of the buckets exists"
		return append(results,
			warn(CheckS3Encryption, s3EncryptionTitle, ev, "see "+CheckS3Buckets),
			warn(CheckS3PublicAccess, s3PublicTitle, ev, "see "+CheckS3Buckets),
			warn(CheckS3Versioning, s3VersionTitle, ev, "see "+CheckS3Buckets)), nil
	}
	enc, err := r.checkS3Encryption(ctx, existing)
	if err != nil {
		return nil, err
	}
	pub, err := r.checkS3PublicAccess(ctx, existing)
	if err != nil {
		return nil, err
	}
	ver, err := r.checkS3Versioning(ctx, existing)
	if err != nil {
		return nil, err
	}
	return append(results, enc, pub, ver), nil
}

// checkS3Versioning FAILs a bucket without versioning (every pod reaches S3
// with DeleteObject on node credentials: one faulty client deletes data for
// good; Domino's Terraform versions every bucket) and WARNs a versioned one
// without an enabled whole-bucket rule expiring noncurrent versions (their
// cost grows without bound). Sources: S3 user guide, "Retaining multiple
// versions of objects with S3 Versioning" and "Lifecycle configuration
// elements" (NoncurrentVersionExpiration).
func (r *runner) checkS3Versioning(ctx context.Context, buckets []string) (Result, error) {
	var unversioned, noExpiry, ok []string
	for _, b := range buckets {
		r.progress("get versioning of bucket " + b)
		v, err := r.c.S3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
		if err != nil {
			return Result{}, fmt.Errorf("get versioning of S3 bucket %q: %w", b, err)
		}
		if v.Status != s3types.BucketVersioningStatusEnabled {
			state := string(v.Status)
			if state == "" {
				state = "never enabled"
			}
			unversioned = append(unversioned, b+": versioning "+state)
			continue
		}
		days, err := r.noncurrentExpiryDays(ctx, b)
		if err != nil {
			return Result{}, err
		}
		if days == 0 {
			noExpiry = append(noExpiry, b+": versioned, no rule expires noncurrent versions")
			continue
		}
		ok = append(ok, fmt.Sprintf("%s: versioned, noncurrent versions expire after %d days", b, days))
	}
	switch {
	case len(unversioned) > 0:
		return fail(CheckS3Versioning, s3VersionTitle, strings.Join(slices.Concat(unversioned, noExpiry, ok), "; "),
			"enable versioning on every Domino bucket (aws s3api put-bucket-versioning --versioning-configuration Status=Enabled), "+
				"with a lifecycle rule expiring noncurrent versions"), nil
	case len(noExpiry) > 0:
		return warn(CheckS3Versioning, s3VersionTitle, strings.Join(append(noExpiry, ok...), "; "),
			"add a lifecycle rule with NoncurrentVersionExpiration (the component's default: 30 days), or noncurrent versions are kept and billed forever"), nil
	}
	return pass(CheckS3Versioning, s3VersionTitle, strings.Join(ok, "; ")), nil
}

// noncurrentExpiryDays returns the days after which an enabled whole-bucket
// lifecycle rule expires noncurrent versions (0: no such rule).
func (r *runner) noncurrentExpiryDays(ctx context.Context, bucket string) (int32, error) {
	r.progress("get lifecycle of bucket " + bucket)
	lc, err := r.c.S3.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	switch {
	case APIErrorCode(err) == "NoSuchLifecycleConfiguration":
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("get lifecycle configuration of S3 bucket %q: %w", bucket, err)
	}
	for _, rule := range lc.Rules {
		if rule.Status == s3types.ExpirationStatusEnabled && rule.NoncurrentVersionExpiration != nil &&
			aws.ToInt32(rule.NoncurrentVersionExpiration.NoncurrentDays) > 0 && wholeBucket(rule.Filter, aws.ToString(rule.Prefix)) {
			return aws.ToInt32(rule.NoncurrentVersionExpiration.NoncurrentDays), nil
		}
	}
	return 0, nil
}

// bucketExists reports whether HeadBucket finds the bucket.
func (r *runner) bucketExists(ctx context.Context, bucket string) (bool, error) {
	_, err := r.c.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if err == nil {
		return true, nil
	}
	var nf *s3types.NotFound
	var nsb *s3types.NoSuchBucket
	if errors.As(err, &nf) || errors.As(err, &nsb) || HTTPStatus(err) == http.StatusNotFound {
		return false, nil
	}
	return false, fmt.Errorf("head S3 bucket %q: %w", bucket, err)
}

func (r *runner) checkS3Encryption(ctx context.Context, buckets []string) (Result, error) {
	var ok, bad []string
	for _, b := range buckets {
		r.progress("get encryption of bucket " + b)
		out, err := r.c.S3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
		if APIErrorCode(err) == "ServerSideEncryptionConfigurationNotFoundError" {
			bad = append(bad, b+": no default encryption")
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("get encryption of S3 bucket %q: %w", b, err)
		}
		algo := ""
		if out.ServerSideEncryptionConfiguration != nil {
			for _, rule := range out.ServerSideEncryptionConfiguration.Rules {
				if d := rule.ApplyServerSideEncryptionByDefault; d != nil && d.SSEAlgorithm != "" {
					algo = string(d.SSEAlgorithm)
					break
				}
			}
		}
		if algo == "" {
			bad = append(bad, b+": encryption configuration has no default algorithm")
			continue
		}
		ok = append(ok, b+": "+algo)
	}
	if len(bad) > 0 {
		return fail(CheckS3Encryption, s3EncryptionTitle, strings.Join(append(bad, ok...), "; "),
			"enable default encryption (SSE-S3 AES256 or SSE-KMS) on every Domino bucket"), nil
	}
	return pass(CheckS3Encryption, s3EncryptionTitle, strings.Join(ok, "; ")), nil
}

func (r *runner) checkS3PublicAccess(ctx context.Context, buckets []string) (Result, error) {
	var ok, bad []string
	for _, b := range buckets {
		r.progress("get public access block of bucket " + b)
		out, err := r.c.S3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b)})
		if APIErrorCode(err) == "NoSuchPublicAccessBlockConfiguration" {
			bad = append(bad, b+": no bucket-level public access block")
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("get public access block of S3 bucket %q: %w", b, err)
		}
		c := out.PublicAccessBlockConfiguration
		if c == nil {
			bad = append(bad, b+": empty public access block")
			continue
		}
		var off []string
		if !aws.ToBool(c.BlockPublicAcls) {
			off = append(off, "BlockPublicAcls")
		}
		if !aws.ToBool(c.IgnorePublicAcls) {
			off = append(off, "IgnorePublicAcls")
		}
		if !aws.ToBool(c.BlockPublicPolicy) {
			off = append(off, "BlockPublicPolicy")
		}
		if !aws.ToBool(c.RestrictPublicBuckets) {
			off = append(off, "RestrictPublicBuckets")
		}
		if len(off) > 0 {
			bad = append(bad, b+": "+strings.Join(off, ", ")+" off")
			continue
		}
		ok = append(ok, b)
	}
	if len(bad) > 0 {
		return fail(CheckS3PublicAccess, s3PublicTitle, strings.Join(bad, "; "),
			"turn on all four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) on each bucket"), nil
	}
	return pass(CheckS3PublicAccess, s3PublicTitle, "all four Block Public Access settings on: "+strings.Join(ok, ", ")), nil
}

// APIErrorCode returns the AWS error code of err (e.g. "AccessDenied"), or "".
func APIErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// HTTPStatus returns the HTTP status code of an AWS response error, or 0.
func HTTPStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// dedupe returns the non-empty, trimmed, unique items in order of first
// appearance.
func dedupe(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" || seen[it] {
			continue
		}
		seen[it] = true
		out = append(out, it)
	}
	return out
}
