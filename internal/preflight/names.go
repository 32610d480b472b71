package preflight

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const (
	bucketsTitle = "Planned S3 bucket names are free"
	clusterTitle = "No EKS cluster has the planned name"
	rolesTitle   = "No IAM role has a planned fixed name"
)

// checkNames checks the S3 bucket, EKS cluster and IAM role names.
func (r *runner) checkNames(ctx context.Context) ([]checker.Result, error) {
	buckets, err := r.checkBuckets(ctx)
	if err != nil {
		return nil, err
	}
	cluster, err := r.checkClusterName(ctx)
	if err != nil {
		return nil, err
	}
	roles, err := r.checkRoleNames(ctx)
	if err != nil {
		return nil, err
	}
	return []checker.Result{buckets, cluster, roles}, nil
}

// BucketNames resolves the planned bucket names for account, sorted by role.
func (d Demand) BucketNames(account string) []string {
	var out []string
	for _, role := range slices.Sorted(maps.Keys(d.Buckets)) {
		out = append(out, strings.Replace(d.Buckets[role], domino.AccountPlaceholder, account, 1))
	}
	return out
}

// checkBuckets probes each bucket with HeadBucket, expecting the caller's
// account as owner: 404 the name is free; 403 another account owns it (S3
// names are global); 200 it exists in this account (typically retained by
// an earlier destroy); 301 it exists in another region
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).
func (r *runner) checkBuckets(ctx context.Context) (checker.Result, error) {
	var free, taken, existing, unknown []string
	for _, name := range r.d.BucketNames(r.account) {
		_, err := r.c.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name), ExpectedBucketOwner: aws.String(r.account)})
		if err != nil && !answered(err) {
			return checker.Result{}, fmt.Errorf("head bucket %s: %w", name, err)
		}
		switch status := checker.HTTPStatus(err); {
		case err == nil:
			existing = append(existing, name)
		case status == http.StatusNotFound:
			free = append(free, name)
		case status == http.StatusForbidden:
			taken = append(taken, name+" (403: owned by another account)")
		case status == http.StatusMovedPermanently:
			taken = append(taken, name+" (301: exists in another region)")
		default:
			unknown = append(unknown, fmt.Sprintf("%s (%s)", name, errCode(err)))
		}
	}
	switch {
	case len(taken) > 0:
		return fail(CheckBuckets, bucketsTitle, "taken: "+strings.Join(taken, ", "),
			"choose other names (bucketPrefix or blobsBucketName/logsBucketName/backupsBucketName): S3 bucket names are global"), nil
	case len(existing) > 0:
		return warn(CheckBuckets, bucketsTitle, "exists in this account: "+strings.Join(existing, ", "),
			"exists (typical after a destroy that retained data): the next up adopts it when no cluster of the plan's name exists (see names.leftovers); else choose another name"), nil
	case len(unknown) > 0:
		return warn(CheckBuckets, bucketsTitle, "could not probe: "+strings.Join(unknown, ", "), "grant s3:ListBucket on the planned buckets to verify"), nil
	}
	return pass(CheckBuckets, bucketsTitle, "free: "+strings.Join(free, ", ")), nil
}

// checkClusterName fails when an EKS cluster with the planned name exists.
func (r *runner) checkClusterName(ctx context.Context) (checker.Result, error) {
	out, err := r.c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(r.d.ClusterName)})
	switch {
	case err == nil:
		c := out.Cluster
		return fail(CheckClusterName, clusterTitle,
			fmt.Sprintf("cluster %s already exists (status %s, Kubernetes %s)", r.d.ClusterName, c.Status, aws.ToString(c.Version)),
			"set clusterName to a new name, or import/destroy the existing cluster"), nil
	case checker.APIErrorCode(err) == "ResourceNotFoundException":
		return pass(CheckClusterName, clusterTitle, fmt.Sprintf("no cluster named %s in %s", r.d.ClusterName, r.d.Region)), nil
	case !answered(err):
		return checker.Result{}, fmt.Errorf("describe cluster %s: %w", r.d.ClusterName, err)
	}
	return warn(CheckClusterName, clusterTitle, "DescribeCluster: "+errCode(err), "grant eks:DescribeCluster to verify"), nil
}

// checkRoleNames fails when an IAM role has one of the plan's fixed names.
func (r *runner) checkRoleNames(ctx context.Context) (checker.Result, error) {
	if len(r.d.RoleNames) == 0 {
		return pass(CheckRoleNames, rolesTitle, "no fixed role names planned (Pulumi generates unique names)"), nil
	}
	var exists, unknown []string
	for _, name := range r.d.RoleNames {
		_, err := r.c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		switch {
		case err == nil:
			exists = append(exists, name)
		case checker.APIErrorCode(err) == "NoSuchEntity":
		case !answered(err):
			return checker.Result{}, fmt.Errorf("get role %s: %w", name, err)
		default:
			unknown = append(unknown, fmt.Sprintf("%s (%s)", name, errCode(err)))
		}
	}
	switch {
	case len(exists) > 0:
		return fail(CheckRoleNames, rolesTitle, "roles exist: "+strings.Join(exists, ", "), "choose other role names or delete the roles"), nil
	case len(unknown) > 0:
		return warn(CheckRoleNames, rolesTitle, "could not read: "+strings.Join(unknown, ", "), "grant iam:GetRole to verify"), nil
	}
	return pass(CheckRoleNames, rolesTitle, "free: "+strings.Join(r.d.RoleNames, ", ")), nil
}
