package preflight

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// checkIdentity reads the caller (STS GetCallerIdentity). Any error aborts
// the run: without an identity nothing else can be checked. EKS gives the
// creating principal cluster-admin through an access entry
// (https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html,
// bootstrapClusterCreatorAdminPermissions).
func (r *runner) checkIdentity(ctx context.Context) ([]checker.Result, error) {
	out, err := r.c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("read the caller identity (check credentials and AWS_ENDPOINT_URL): %w", err)
	}
	r.account = aws.ToString(out.Account)
	return []checker.Result{pass(CheckIdentity, "Caller identity (becomes the cluster's creator-admin)",
		fmt.Sprintf("%s in account %s will create the cluster and get its admin access entry", aws.ToString(out.Arn), r.account))}, nil
}
