package domino

import (
	"fmt"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// adoptedEntry is an admin's existing access entry that the stack registers
// with the import option: untagged and created after the cluster
// (adopt.Adopted). Its inputs are the entry's own, as DescribeAccessEntry
// reports them, so the import finds no difference.
type adoptedEntry struct {
	PrincipalArn     string
	Type             string
	Tags             map[string]string
	KubernetesGroups []string
}

// adminPlan is what the up does with adminPrincipalArns.
type adminPlan struct {
	// Register are the principals pulumi-eks registers entries for: those
	// without one (created) and those tagged for this cluster (kept).
	Register []string
	// Adopted are registered by the component with the import option.
	Adopted []adoptedEntry
	// Notes are the warnings, one per principal neither created nor kept.
	Notes []string
}

// adminEntries decides, per admin principal, what the up does with its access
// entry (adopt.JudgeEntry): EKS gives the principal that creates the cluster
// an entry (pulumi-eks v2.8.1 creates the cluster with
// bootstrapClusterCreatorAdminPermissions), an admin may add one by hand, and
// CreateAccessEntry for a principal that has one fails with
// ResourceInUseException (pulumi/pulumi-eks#2373). On a first up the caller
// is about to be the creator; on a later one each principal's entry is looked
// up (eks:DescribeAccessEntry).
func adminEntries(ctx *pulumi.Context, s spec, cl existingCluster) (adminPlan, error) {
	var p adminPlan
	if len(s.AdminPrincipals) == 0 {
		return p, nil
	}
	if !cl.exists {
		id, err := aws.GetCallerIdentity(ctx, nil)
		if err != nil {
			return p, fmt.Errorf("identify the deploying principal: %w", err)
		}
		for i, arn := range s.AdminPrincipals {
			if !samePrincipal(id.Arn, arn) {
				p.Register = append(p.Register, arn)
				continue
			}
			p.Notes = append(p.Notes, creatorsNote(i, arn, s.ClusterName))
		}
		return p, nil
	}
	for i, arn := range s.AdminPrincipals {
		e, err := lookupEntry(ctx, s.ClusterName, arn)
		if err != nil {
			return p, err
		}
		if e == nil { // no entry: the stack creates one
			p.Register = append(p.Register, arn)
			continue
		}
		at, _ := time.Parse(time.RFC3339, e.CreatedAt)
		switch adopt.JudgeEntry(adopt.Entry{Tags: e.Tags, CreatedAt: at}, s.ClusterName, cl.created) {
		case adopt.Managed:
			p.Register = append(p.Register, arn)
		case adopt.Creators:
			p.Notes = append(p.Notes, creatorsNote(i, arn, s.ClusterName))
		case adopt.OtherClusters:
			p.Notes = append(p.Notes, fmt.Sprintf("adminPrincipalArns[%d] = %s: its access entry on cluster %s is tagged %s=%s, another cluster's; "+
				"the stack leaves it alone and registers no second one (CreateAccessEntry would fail with ResourceInUseException). "+
				"Remove the tag (aws eks untag-resource) for the next up to adopt it", i, arn, s.ClusterName, adopt.ClusterTag, e.Tags[adopt.ClusterTag]))
		case adopt.Adopted:
			p.Adopted = append(p.Adopted, adoptedEntry{PrincipalArn: arn, Type: e.Type, Tags: e.Tags, KubernetesGroups: e.KubernetesGroups})
			p.Notes = append(p.Notes, fmt.Sprintf("adminPrincipalArns[%d] = %s: adopted: the principal already has an untagged access entry on cluster %s, made after the cluster "+
				"(by hand, or by an earlier version of this stack); the stack imports it as it is (id %s) and associates %s at cluster scope, "+
				"so it manages the entry you added by hand from now on; removing it from adminPrincipalArns will delete it",
				i, arn, s.ClusterName, adopt.EntryImportID(s.ClusterName, arn), clusterAdminPolicy))
		}
	}
	return p, nil
}

// creatorsNote is the warning for the creator's entry, left alone.
func creatorsNote(i int, arn, cluster string) string {
	return fmt.Sprintf("adminPrincipalArns[%d] = %s: left alone: the principal that created cluster %s already has an access entry with cluster admin (EKS made it with the cluster); "+
		"the stack registers no second one (CreateAccessEntry would fail with ResourceInUseException)", i, arn, cluster)
}

// lookupEntry returns principal's access entry on the existing cluster, nil
// when it has none.
func lookupEntry(ctx *pulumi.Context, cluster, principal string) (*eks.LookupAccessEntryResult, error) {
	e, err := eks.LookupAccessEntry(ctx, &eks.LookupAccessEntryArgs{ClusterName: cluster, PrincipalArn: principal})
	switch {
	case isNotFound(err):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("look up the access entry of %s on cluster %s (eks:DescribeAccessEntry) before creating one: %w", principal, cluster, err)
	}
	return e, nil
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
