package preflight

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
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
	r.caller = aws.ToString(out.Arn)
	return []checker.Result{pass(CheckIdentity, "Caller identity (becomes the cluster's creator-admin)",
		fmt.Sprintf("%s in account %s will create the cluster and get its admin access entry", r.caller, r.account))}, nil
}

// adminEntries says which listed admins' entries a first up creates and
// which it leaves alone: the caller's is EKS's
// (bootstrapClusterCreatorAdminPermissions), and a second one would fail with
// ResourceInUseException (domino/creator.go).
func adminEntries(caller string, admins []string) string {
	var created, alone []string
	for _, a := range admins {
		if adopt.SamePrincipal(caller, a) {
			alone = append(alone, a)
		} else {
			created = append(created, a)
		}
	}
	out := ""
	if len(alone) > 0 {
		out += "; adminPrincipalArns " + strings.Join(alone, ", ") + ": the caller's own entry, made by EKS, left alone by the up (no second entry)"
	}
	if len(created) > 0 {
		out += "; the up creates admin access entries for " + strings.Join(created, ", ")
	}
	return out
}
