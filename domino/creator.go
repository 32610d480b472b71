package domino

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// checkCreatorNotAdmin refuses an adminPrincipalArns entry that is the
// principal running the deployment: pulumi-eks v2.8.1 creates the cluster
// with bootstrapClusterCreatorAdminPermissions, so EKS already gave that
// principal an access entry, and a second one fails with
// ResourceInUseException (pulumi/pulumi-eks#2373) after the cluster exists.
func checkCreatorNotAdmin(ctx *pulumi.Context, s spec) error {
	if len(s.AdminPrincipals) == 0 {
		return nil
	}
	id, err := aws.GetCallerIdentity(ctx, nil)
	if err != nil {
		return fmt.Errorf("identify the deploying principal: %w", err)
	}
	var p problems
	for i, arn := range s.AdminPrincipals {
		if samePrincipal(id.Arn, arn) {
			p.add(fmt.Sprintf("adminPrincipalArns[%d]", i), arn,
				"is the principal running this deployment ("+id.Arn+"), which EKS makes cluster admin already; a second access entry fails with ResourceInUseException",
				"remove it from adminPrincipalArns")
		}
	}
	return p.err()
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

// accountOf returns the account field of an ARN.
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}
