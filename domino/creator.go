package domino

import (
	"fmt"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// adminEntries returns the admin principals the stack registers access
// entries for, and a warning for each principal whose existing entry it leaves
// alone (adopt.JudgeEntry): EKS gives the principal that creates the cluster
// an entry (pulumi-eks v2.8.1 creates the cluster with
// bootstrapClusterCreatorAdminPermissions), and a second one fails with
// ResourceInUseException (pulumi/pulumi-eks#2373). On a first up that is the
// caller; on a later one, the entry EKS created with the cluster.
func adminEntries(ctx *pulumi.Context, s spec, cl existingCluster) (register, leftAlone []string, err error) {
	if len(s.AdminPrincipals) == 0 {
		return nil, nil, nil
	}
	creator := func(arn string) (bool, error) { return creatorsEntry(ctx, s.ClusterName, arn, cl.created) }
	if !cl.exists { // a first up: the caller is about to be the creator
		id, err := aws.GetCallerIdentity(ctx, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("identify the deploying principal: %w", err)
		}
		creator = func(arn string) (bool, error) { return samePrincipal(id.Arn, arn), nil }
	}
	for i, arn := range s.AdminPrincipals {
		isCreator, err := creator(arn)
		if err != nil {
			return nil, nil, err
		}
		if !isCreator {
			register = append(register, arn)
			continue
		}
		leftAlone = append(leftAlone, fmt.Sprintf("adminPrincipalArns[%d] = %s: the principal that created cluster %s already has an access entry with cluster admin (EKS made it with the cluster); "+
			"the stack leaves it alone and registers no second one (CreateAccessEntry would fail with ResourceInUseException)", i, arn, s.ClusterName))
	}
	return register, leftAlone, nil
}

// creatorsEntry reports whether principal has an access entry on the
// existing cluster that EKS created with the cluster for its creator.
func creatorsEntry(ctx *pulumi.Context, cluster, principal string, created time.Time) (bool, error) {
	e, err := eks.LookupAccessEntry(ctx, &eks.LookupAccessEntryArgs{ClusterName: cluster, PrincipalArn: principal})
	switch {
	case isNotFound(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("look up the access entry of %s on cluster %s (eks:DescribeAccessEntry) before creating one: %w", principal, cluster, err)
	}
	at, _ := time.Parse(time.RFC3339, e.CreatedAt)
	return adopt.JudgeEntry(adopt.Entry{Tags: e.Tags, CreatedAt: at}, cluster, created) == adopt.Creators, nil
}

// existingCluster is what the account says of the cluster before the run.
type existingCluster struct {
	exists  bool
	created time.Time
}

// clusterExists looks the EKS cluster up by name. Only EKS's "not found" means
// absent; any other error (access denied, no credentials) is returned.
func clusterExists(ctx *pulumi.Context, name string) (existingCluster, error) {
	c, err := eks.LookupCluster(ctx, &eks.LookupClusterArgs{Name: name})
	switch {
	case err == nil:
		at, _ := time.Parse(time.RFC3339, c.CreatedAt)
		return existingCluster{exists: true, created: at}, nil
	case isNotFound(err):
		return existingCluster{}, nil
	}
	return existingCluster{}, fmt.Errorf("look up EKS cluster %s (eks:DescribeCluster) to tell a first up from a later one: %w", name, err)
}

// samePrincipal reports whether the caller ARN is the IAM principal admin
// (adopt.SamePrincipal: one implementation for up and preflight).
func samePrincipal(caller, admin string) bool { return adopt.SamePrincipal(caller, admin) }
