package preflight

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeRoles answers GetRole from a set of role names, as IAM does.
type fakeRoles map[string]bool

func (f fakeRoles) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	if f[*in.RoleName] {
		return &iam.GetRoleOutput{}, nil
	}
	return nil, &smithy.GenericAPIError{Code: "NoSuchEntity", Message: "The role with name " + *in.RoleName + " cannot be found."}
}

// TestSpotRoleCheck: with Karpenter and a spot pool the Spot service-linked
// role must exist (FAIL with the command otherwise); without spot the check
// does not apply; without Karpenter there is no check.
func TestSpotRoleCheck(t *testing.T) {
	spot := []Pool{{NodeGroup: plan.NodeGroup{CapacityType: "SPOT"}}}
	onDemand := []Pool{{NodeGroup: plan.NodeGroup{CapacityType: "ON_DEMAND"}}}
	for _, tc := range []struct {
		name     string
		d        Demand
		roles    fakeRoles
		want     checker.Status
		evidence string
		wantsFix bool
	}{
		{"role missing", Demand{Karpenter: true, Pools: spot}, fakeRoles{}, checker.StatusFail, "does not exist", true},
		{"role present", Demand{Karpenter: true, Pools: spot}, fakeRoles{spotRoleName: true}, checker.StatusPass, "exists", false},
		{"spot NodePool", Demand{Karpenter: true, KarpenterSpot: true, Pools: onDemand}, fakeRoles{}, checker.StatusFail, "does not exist", true},
		{"on-demand only", Demand{Karpenter: true, Pools: onDemand}, fakeRoles{}, checker.StatusPass, "not applicable", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{c: Clients{IAM: tc.roles}, d: tc.d}
			got, err := r.checkKarpenter(context.Background())
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, CheckSpotRole, got[0].ID)
			assert.Equal(t, tc.want, got[0].Status)
			assert.Contains(t, got[0].Evidence, tc.evidence)
			if tc.wantsFix {
				assert.Equal(t, SpotRoleFix, got[0].Fix)
			}
		})
	}
}

// TestNoKarpenterNoSpotCheck: without Karpenter, spot node groups ask nothing
// of the Spot role (managed node groups launch spot through Auto Scaling).
func TestNoKarpenterNoSpotCheck(t *testing.T) {
	r := &runner{c: Clients{IAM: fakeRoles{}}, d: Demand{Pools: []Pool{{NodeGroup: plan.NodeGroup{CapacityType: "SPOT"}}}}}
	got, err := r.checkKarpenter(context.Background())
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestFromPlanKarpenterSpot: a Karpenter pool allowing spot is spot demand
// whether its NodePool is created through the API or is a kubernetesSetup
// step (the default private endpoint); the queue and rules are named.
func TestFromPlanKarpenterSpot(t *testing.T) {
	for name, extra := range map[string]map[string]string{
		"private API":   nil,
		"reachable API": {"dominoeks:endpointPublicAccess": "true", "dominoeks:publicAccessCidrs": `["203.0.113.0/24"]`},
	} {
		t.Run(name, func(t *testing.T) {
			for _, spot := range []bool{false, true} {
				cfg := map[string]string{"dominoeks:karpenter": "true"}
				if spot {
					cfg["dominoeks:defaultPool"] = `{"capacityType":"SPOT"}`
				}
				for k, v := range extra {
					cfg[k] = v
				}
				p, err := plan.Build(plan.Options{Config: cfg})
				require.NoError(t, err)
				d := FromPlan(p)
				assert.True(t, d.Karpenter)
				assert.Equal(t, spot, d.KarpenterSpot, "spot=%v", spot)
				assert.Equal(t, "domino", d.KarpenterQueue)
				assert.Len(t, d.KarpenterRules, 5)
			}
		})
	}
}
