package main

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight/fakeaws"
)

// TestPreflightAdminEntries: against an existing cluster, preflight reads the
// live access entries (ListAccessEntries, DescribeAccessEntry,
// ListAssociatedAccessPolicies, served by the fake: moto has none) and says,
// per planned admin, what the up does: created, kept, left alone or adopted.
func TestPreflightAdminEntries(t *testing.T) {
	const (
		acct    = "arn:aws:iam::" + mototest.Account + ":role/"
		none    = acct + "newcomer"
		stacks  = acct + "ci"
		creator = acct + "founder"
		other   = acct + "cluster-a-admin"
		byHand  = acct + "oncall"
		listed  = `adminPrincipalArns=["` + none + `","` + stacks + `","` + creator + `","` + other + `","` + byHand + `"]`
	)
	createCluster := func(t *testing.T, w *preflightWorld) time.Time {
		t.Helper()
		ctx := context.Background()
		client := eks.NewFromConfig(mototest.Config(ctx, w.moto))
		_, err := client.CreateCluster(ctx, &eks.CreateClusterInput{
			Name: aws.String("domino"), RoleArn: aws.String(acct + "eks"),
			ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: []string{"subnet-1", "subnet-2"}},
		})
		require.NoError(t, err)
		out, err := client.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String("domino")})
		require.NoError(t, err)
		return aws.ToTime(out.Cluster.CreatedAt)
	}
	admin := func(scope string, ns ...string) []fakeaws.AssociatedPolicy {
		return []fakeaws.AssociatedPolicy{{PolicyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", ScopeType: scope, Namespaces: ns}}
	}
	tests := []struct {
		name   string
		seed   func(w *preflightWorld, created time.Time)
		status checker.Status
		want   []string
	}{
		{
			name: "one of each",
			seed: func(w *preflightWorld, created time.Time) {
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: stacks, CreatedAt: created.Add(12 * time.Minute),
					Tags: map[string]string{adopt.ClusterTag: "domino"}, Policies: admin("cluster")})
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: creator, CreatedAt: created.Add(3 * time.Second), Policies: admin("cluster")})
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: other, CreatedAt: created.Add(time.Hour),
					Tags: map[string]string{adopt.ClusterTag: "cluster-a"}})
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: byHand, CreatedAt: created.Add(time.Hour), Policies: admin("cluster")})
			},
			status: checker.StatusWarn, // another cluster's entry leaves that principal without admin
			want: []string{
				"cluster domino exists",
				byHand + ": adopted (untagged, made after the cluster: by hand or by an earlier version; imported as domino:" + byHand +
					"; AmazonEKSClusterAdminPolicy already associated at cluster scope)",
				other + ": left alone (another cluster's: tagged dominodatalab.com/cluster=cluster-a)",
				stacks + ": kept (the stack's: tagged dominodatalab.com/cluster=domino)",
				creator + ": left alone (the creator's: EKS made it with the cluster)",
				none + ": created (no entry on cluster domino)",
			},
		},
		{
			name: "an entry added by hand without the admin policy: adopted, the up associates it",
			seed: func(w *preflightWorld, created time.Time) {
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: byHand, CreatedAt: created.Add(time.Hour)})
				w.fake.AddAccessEntry("domino", fakeaws.AccessEntry{Principal: stacks, CreatedAt: created.Add(2 * time.Hour), Policies: admin("namespace", "team-a")})
			},
			status: checker.StatusPass,
			want: []string{
				byHand + ": adopted (", "; the up associates AmazonEKSClusterAdminPolicy at cluster scope)",
				stacks + ": adopted (", "AmazonEKSClusterAdminPolicy associated at namespace scope: the up widens it to the cluster",
				none + ": created", creator + ": created", other + ": created",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newPreflightWorld(t)
			tt.seed(w, createCluster(t, w))
			rep, _ := preflightJSON(t, "--set", listed)
			res, ok := rep.Result(preflight.CheckAdminEntries)
			require.True(t, ok, "the report has %s", preflight.CheckAdminEntries)
			assert.Equal(t, tt.status, res.Status, res.Evidence)
			for _, s := range tt.want {
				assert.Contains(t, res.Evidence, s)
			}
		})
	}
	t.Run("no cluster yet: the caller's entry is EKS's, the others are created", func(t *testing.T) {
		newPreflightWorld(t)
		rep, code := preflightJSON(t, "--set", listed)
		assert.Equal(t, 0, code)
		res, ok := rep.Result(preflight.CheckAdminEntries)
		require.True(t, ok)
		assert.Equal(t, checker.StatusPass, res.Status)
		assert.Contains(t, res.Evidence, "cluster domino does not exist yet; the up creates admin access entries for "+stacks+", "+other+", "+creator+", "+none+", "+byHand)
		assert.NotContains(t, res.Evidence, "adopted")
	})
}
