package preflight

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// The planned admins are the component's STANDARD access entries (the node
// role's EC2_LINUX entry is pulumi-eks's).
func TestFromPlanAdminPrincipals(t *testing.T) {
	ci, sso := "arn:aws:iam::123456789012:role/ci", "arn:aws:iam::123456789012:role/admin"
	p, err := plan.Build(plan.Options{Config: map[string]string{"dominoeks:adminPrincipalArns": `["` + ci + `","` + sso + `"]`}})
	require.NoError(t, err)
	assert.Equal(t, []string{sso, ci}, FromPlan(p).AdminPrincipals)
	p, err = plan.Build(plan.Options{})
	require.NoError(t, err)
	assert.Empty(t, FromPlan(p).AdminPrincipals)
}

// stubEKS answers the access entry reads; unset methods panic (EKSAPI nil).
type stubEKS struct {
	EKSAPI
	describeErr, listErr, entryErr error
}

func (s stubEKS) DescribeCluster(context.Context, *eks.DescribeClusterInput, ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	if s.describeErr != nil {
		return nil, s.describeErr
	}
	return &eks.DescribeClusterOutput{Cluster: &ekstypes.Cluster{CreatedAt: aws.Time(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))}}, nil
}

func (s stubEKS) ListAccessEntries(context.Context, *eks.ListAccessEntriesInput, ...func(*eks.Options)) (*eks.ListAccessEntriesOutput, error) {
	if s.listErr != nil {
		return nil, s.listErr
	}
	return &eks.ListAccessEntriesOutput{AccessEntries: []string{"arn:aws:iam::123456789012:role/ci"}}, nil
}

func (s stubEKS) DescribeAccessEntry(context.Context, *eks.DescribeAccessEntryInput, ...func(*eks.Options)) (*eks.DescribeAccessEntryOutput, error) {
	return nil, s.entryErr
}

// Denied reads are a WARN naming the action to grant; no cluster is the
// first up; no admins is not applicable.
func TestAdminEntriesUnread(t *testing.T) {
	denied := &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized"}
	tests := []struct {
		name     string
		admins   []string
		eks      stubEKS
		status   checker.Status
		evidence string
		fix      string
	}{
		{"no admins", nil, stubEKS{}, checker.StatusPass, "no adminPrincipalArns planned", ""},
		{"no cluster: a first up", []string{"arn:aws:iam::123456789012:role/ci"},
			stubEKS{describeErr: &smithy.GenericAPIError{Code: "ResourceNotFoundException"}}, checker.StatusPass,
			"cluster domino does not exist yet; the up creates admin access entries for arn:aws:iam::123456789012:role/ci", ""},
		{"DescribeCluster denied", []string{"arn:aws:iam::123456789012:role/ci"}, stubEKS{describeErr: denied}, checker.StatusWarn,
			"DescribeCluster: AccessDeniedException", "grant eks:DescribeCluster"},
		{"ListAccessEntries denied", []string{"arn:aws:iam::123456789012:role/ci"}, stubEKS{listErr: denied}, checker.StatusWarn,
			"ListAccessEntries: AccessDeniedException", "grant eks:ListAccessEntries"},
		{"DescribeAccessEntry denied", []string{"arn:aws:iam::123456789012:role/ci"}, stubEKS{entryErr: denied}, checker.StatusWarn,
			"DescribeAccessEntry: AccessDeniedException", "grant eks:DescribeAccessEntry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{EKS: tt.eks}, d: Demand{ClusterName: "domino", AdminPrincipals: tt.admins}, caller: "arn:aws:sts::123456789012:assumed-role/deployer/s"}
			results, err := r.checkAdminEntries(context.Background())
			require.NoError(t, err)
			require.Len(t, results, 1)
			assert.Equal(t, CheckAdminEntries, results[0].ID)
			assert.Equal(t, tt.status, results[0].Status, results[0].Evidence)
			assert.Contains(t, results[0].Evidence, tt.evidence)
			assert.Contains(t, results[0].Fix, tt.fix)
		})
	}
}
