package domino

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// checkCreatorNotAdmin refuses an adminPrincipalArns entry that is the
// principal about to create the cluster: pulumi-eks v2.8.1 creates the
// cluster with bootstrapClusterCreatorAdminPermissions, so EKS gives the
// creator an access entry, and a second one fails with
// ResourceInUseException (pulumi/pulumi-eks#2373) after the cluster exists.
// EKS refuses the duplicate only for the principal that created the cluster:
// once the cluster exists (a later `up`), whoever runs it may be any admin
// listed, and keeps its entry (removing it would revoke that admin).
func checkCreatorNotAdmin(ctx *pulumi.Context, s spec, clusterExists bool) error {
	if len(s.AdminPrincipals) == 0 || clusterExists {
		return nil // a later up: the cluster was created by whoever created it
	}
	id, err := aws.GetCallerIdentity(ctx, nil)
	if err != nil {
		return fmt.Errorf("identify the deploying principal: %w", err)
	}
	var p problems
	for i, arn := range s.AdminPrincipals {
		if samePrincipal(id.Arn, arn) {
			p.add(fmt.Sprintf("adminPrincipalArns[%d]", i), arn,
				"is the principal creating the cluster ("+id.Arn+"), which EKS makes cluster admin already; a second access entry fails with ResourceInUseException",
				"remove it from adminPrincipalArns for the first up (add it back only if another principal creates the cluster), or run the first up as another principal")
		}
	}
	return p.err()
}

// clusterExists looks the EKS cluster up by name. Only EKS's "not found" means
// absent; any other error (access denied, no credentials) is returned.
func clusterExists(ctx *pulumi.Context, name string) (bool, error) {
	_, err := eks.LookupCluster(ctx, &eks.LookupClusterArgs{Name: name})
	switch {
	case err == nil:
		return true, nil
	case isNotFound(err):
		return false, nil
	}
	return false, fmt.Errorf("look up EKS cluster %s (eks:DescribeCluster) to tell a first up from a later one: %w", name, err)
}

// samePrincipal reports whether the caller ARN (an IAM user, or an STS
// assumed-role session) is the IAM principal admin. A session ARN carries the
// role's name but not its path, so roles match by account and name.
func samePrincipal(caller, admin string) bool {
	if caller == admin {
		return true
	}
	const sts = ":assumed-role/"
	i := strings.Index(caller, sts)
	if i < 0 || !strings.Contains(admin, ":role/") {
		return false
	}
	role, _, _ := strings.Cut(caller[i+len(sts):], "/")
	account := accountOf(caller)
	return account != "" && account == accountOf(admin) && admin[strings.LastIndex(admin, "/")+1:] == role
}

// accountOf returns the account field of an ARN ("" when it is not one).
func accountOf(s string) string {
	a, err := arn.Parse(s)
	if err != nil {
		return ""
	}
	return a.AccountID
}
