package domino

import (
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

func TestSamePrincipal(t *testing.T) {
	for _, tc := range []struct {
		caller, admin string
		want          bool
	}{
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", true},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/session-1", "arn:aws:iam::123456789012:role/deployer", true},
		{"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_01/alice", "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_01", true},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::210987654321:role/deployer", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::123456789012:role/ci", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::123456789012:user/deployer", false},
	} {
		assert.Equal(t, tc.want, samePrincipal(tc.caller, tc.admin), "%s vs %s", tc.caller, tc.admin)
	}
}

func TestIsNotFound(t *testing.T) {
	for _, tc := range []struct {
		err  string
		want bool
	}{
		{"reading EKS Cluster (domino): couldn't find resource", true},
		{"reading IAM Role (AWSServiceRoleForAutoScaling): NoSuchEntity: The role with name AWSServiceRoleForAutoScaling cannot be found.", true},
		{"ResourceNotFoundException: No cluster found for name: domino.", true},
		{"AccessDenied: User: arn:aws:iam::1:user/x is not authorized to perform: iam:GetRole", false},
		{"no valid credential sources for the AWS provider found", false},
	} {
		assert.Equal(t, tc.want, isNotFound(errors.New(tc.err)), tc.err)
	}
	assert.False(t, isNotFound(nil))
}

// TestAdminEntryNotes: up warns once per admin whose entry it neither creates
// nor keeps, naming adminPrincipalArns[i], the principal and what happens.
func TestAdminEntryNotes(t *testing.T) {
	const (
		x      = "arn:aws:iam::123456789012:role/platform-oncall"
		caller = "arn:aws:iam::123456789012:user/alice"
	)
	later := func(e preview.HeldAccessEntry) preview.Holdings {
		return preview.Holdings{Clusters: []string{"domino"}, AccessEntries: map[string][]preview.HeldAccessEntry{"domino": {e}}}
	}
	tests := []struct {
		name     string
		account  preview.Holdings
		caller   string
		register bool
		adopted  bool
		note     []string
	}{
		{"first up, another caller: created", preview.Holdings{}, caller, true, false, nil},
		{"first up by X: the creator's, left alone", preview.Holdings{}, "arn:aws:sts::123456789012:assumed-role/platform-oncall/s", false, false,
			[]string{"adminPrincipalArns[1] = " + x + ": left alone: the principal that created cluster domino already has an access entry"}},
		{"later up, no entry: created", preview.Holdings{Clusters: []string{"domino"}}, caller, true, false, nil},
		{"tagged for this cluster: kept", later(preview.HeldAccessEntry{Principal: x, Tagged: true}), caller, true, false, nil},
		{"the creator's: left alone", later(preview.HeldAccessEntry{Principal: x, Creator: true}), caller, false, false,
			[]string{"adminPrincipalArns[1] = " + x + ": left alone: the principal that created cluster domino", "ResourceInUseException"}},
		{"another cluster's: left alone", later(preview.HeldAccessEntry{Principal: x, Owner: "other"}), caller, false, false,
			[]string{"adminPrincipalArns[1] = " + x + ": its access entry on cluster domino is tagged dominodatalab.com/cluster=other, another cluster's",
				"leaves it alone"}},
		{"added by hand: adopted", later(preview.HeldAccessEntry{Principal: x}), caller, false, true,
			[]string{"adminPrincipalArns[1] = " + x + ": adopted: ", "id domino:" + x,
				"manages the entry you added by hand from now on; removing it from adminPrincipalArns will delete it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got adminPlan
			_, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				cl, err := clusterExists(ctx, "domino")
				if err != nil {
					return nil, err
				}
				got, err = adminEntries(ctx, spec{ClusterName: "domino", AdminPrincipals: []string{"arn:aws:iam::123456789012:role/ci", x}}, cl)
				return nil, err
			}, preview.Options{CallerArn: tt.caller, Account: tt.account})
			require.NoError(t, err)
			assert.Equal(t, tt.register, contains(got.Register, x), "registered as created or kept")
			assert.Contains(t, got.Register, "arn:aws:iam::123456789012:role/ci", "the other admin, without an entry, is created")
			var adopted []string
			for _, a := range got.Adopted {
				adopted = append(adopted, a.PrincipalArn)
			}
			assert.Equal(t, tt.adopted, contains(adopted, x), "adopted")
			if len(tt.note) == 0 {
				assert.Empty(t, got.Notes)
				return
			}
			require.Len(t, got.Notes, 1, "one warning, about X")
			for _, w := range tt.note {
				assert.Contains(t, got.Notes[0], w)
			}
		})
	}
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
}
