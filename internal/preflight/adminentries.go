package preflight

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const (
	adminEntriesTitle = "Admin access entries: created, kept, adopted or left alone, never created twice"
	// clusterAdminPolicy is the access policy the stack associates with every admin entry.
	clusterAdminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
)

// checkAdminEntries says what the up does with each planned admin
// principal's access entry. Before the cluster exists: the caller's is the
// one EKS makes, the others are created. Once it exists, the live entries
// (ListAccessEntries, DescribeAccessEntry) are judged as the up judges them
// (adopt.JudgeEntry, domino/creator.go); for an adopted entry,
// ListAssociatedAccessPolicies says whether it already has cluster admin.
// Every call is bounded by the clients' call timeout (checker.WithCallTimeout).
func (r *runner) checkAdminEntries(ctx context.Context) ([]checker.Result, error) {
	if len(r.d.AdminPrincipals) == 0 {
		return []checker.Result{pass(CheckAdminEntries, adminEntriesTitle, "no adminPrincipalArns planned")}, nil
	}
	out, err := r.c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(r.d.ClusterName)})
	switch {
	case checker.APIErrorCode(err) == "ResourceNotFoundException":
		return []checker.Result{pass(CheckAdminEntries, adminEntriesTitle,
			"cluster "+r.d.ClusterName+" does not exist yet"+adminEntries(r.caller, r.d.AdminPrincipals))}, nil
	case err != nil && !answered(err):
		return nil, fmt.Errorf("describe cluster %s: %w", r.d.ClusterName, err)
	case err != nil:
		return []checker.Result{warn(CheckAdminEntries, adminEntriesTitle, "DescribeCluster: "+errCode(err),
			"grant eks:DescribeCluster to know whether the up creates or adopts the admins' access entries")}, nil
	}
	created := aws.ToTime(out.Cluster.CreatedAt)
	listed := map[string]bool{}
	p := eks.NewListAccessEntriesPaginator(r.c.EKS, &eks.ListAccessEntriesInput{ClusterName: aws.String(r.d.ClusterName)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return r.adminEntriesUnread(err, "ListAccessEntries", "eks:ListAccessEntries")
		}
		for _, a := range page.AccessEntries {
			listed[a] = true
		}
	}
	var lines []string
	foreign := false
	for _, arn := range r.d.AdminPrincipals {
		head := arn + ": "
		if !listed[arn] {
			lines = append(lines, head+"created (no entry on cluster "+r.d.ClusterName+")")
			continue
		}
		e, err := r.c.EKS.DescribeAccessEntry(ctx, &eks.DescribeAccessEntryInput{ClusterName: aws.String(r.d.ClusterName), PrincipalArn: aws.String(arn)})
		if err != nil {
			return r.adminEntriesUnread(err, "DescribeAccessEntry", "eks:DescribeAccessEntry")
		}
		entry := adopt.Entry{Tags: e.AccessEntry.Tags, CreatedAt: aws.ToTime(e.AccessEntry.CreatedAt)}
		switch v := adopt.JudgeEntry(entry, r.d.ClusterName, created); v {
		case adopt.Managed:
			lines = append(lines, head+"kept (the stack's: tagged "+adopt.ClusterTag+"="+r.d.ClusterName+")")
		case adopt.Creators:
			lines = append(lines, head+"left alone (the creator's: EKS made it with the cluster)")
		case adopt.OtherClusters:
			foreign = true
			lines = append(lines, head+"left alone (another cluster's: tagged "+adopt.ClusterTag+"="+entry.Tags[adopt.ClusterTag]+")")
		case adopt.Adopted:
			assoc, err := r.clusterAdminScope(ctx, arn)
			if err != nil {
				return r.adminEntriesUnread(err, "ListAssociatedAccessPolicies", "eks:ListAssociatedAccessPolicies")
			}
			lines = append(lines, head+"adopted (untagged, made after the cluster: by hand or by an earlier version; imported as "+
				adopt.EntryImportID(r.d.ClusterName, arn)+"; "+assoc+")")
		}
	}
	evidence := "cluster " + r.d.ClusterName + " exists: " + strings.Join(lines, "; ")
	if foreign {
		return []checker.Result{warn(CheckAdminEntries, adminEntriesTitle, evidence,
			"an entry tagged for another cluster is left alone and the principal gets no admin from this stack; remove the tag (aws eks untag-resource) to let the next up adopt it")}, nil
	}
	return []checker.Result{pass(CheckAdminEntries, adminEntriesTitle, evidence)}, nil
}

// clusterAdminScope says what the up does with the cluster-admin association
// of an adopted entry: AssociateAccessPolicy sets its scope to the cluster.
func (r *runner) clusterAdminScope(ctx context.Context, arn string) (string, error) {
	p := eks.NewListAssociatedAccessPoliciesPaginator(r.c.EKS, &eks.ListAssociatedAccessPoliciesInput{
		ClusterName: aws.String(r.d.ClusterName), PrincipalArn: aws.String(arn)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", err
		}
		for _, a := range page.AssociatedAccessPolicies {
			if aws.ToString(a.PolicyArn) != clusterAdminPolicy {
				continue
			}
			if a.AccessScope != nil && a.AccessScope.Type == "cluster" {
				return "AmazonEKSClusterAdminPolicy already associated at cluster scope", nil
			}
			return "AmazonEKSClusterAdminPolicy associated at namespace scope: the up widens it to the cluster", nil
		}
	}
	return "the up associates AmazonEKSClusterAdminPolicy at cluster scope", nil
}

// adminEntriesUnread is the WARN for an answered error; an unanswered one
// (transport, timeout) aborts the run.
func (r *runner) adminEntriesUnread(err error, call, action string) ([]checker.Result, error) {
	if !answered(err) {
		return nil, fmt.Errorf("%s on cluster %s: %w", call, r.d.ClusterName, err)
	}
	return []checker.Result{warn(CheckAdminEntries, adminEntriesTitle, call+": "+errCode(err),
		"grant "+action+" to know whether the up creates, keeps, adopts or leaves alone each admin's access entry")}, nil
}
