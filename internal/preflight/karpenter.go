package preflight

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// CheckSpotRole verifies the EC2 Spot service-linked role exists when
// Karpenter is planned and a pool allows spot capacity.
const CheckSpotRole = "karpenter.spot-role"

const (
	spotRoleTitle = "The EC2 Spot service-linked role exists for Karpenter's spot capacity"
	// spotRoleName is EC2 Spot's service-linked role. Karpenter launches
	// spot through CreateFleet, which needs it; Karpenter's getting-started
	// creates it (scripts/step06-add-spot-role.sh of website/content/en/v1.14).
	spotRoleName = "AWSServiceRoleForEC2Spot"
	// SpotRoleFix creates it.
	SpotRoleFix = "aws iam create-service-linked-role --aws-service-name spot.amazonaws.com"
)

// spotDemand reports whether the plan has Karpenter and a pool that allows spot.
func (d Demand) spotDemand() bool {
	if !d.Karpenter {
		return false
	}
	for _, p := range d.Pools {
		if p.CapacityType == "SPOT" {
			return true
		}
	}
	return d.KarpenterSpot
}

// checkKarpenter runs Karpenter's account checks (iam:GetRole); none
// without Karpenter, so the default report is unchanged.
func (r *runner) checkKarpenter(ctx context.Context) ([]checker.Result, error) {
	if !r.d.Karpenter {
		return nil, nil
	}
	spot, err := r.checkSpotRole(ctx)
	if err != nil {
		return nil, err
	}
	out := []checker.Result{spot}
	if r.d.KarpenterQueue != "" {
		q, err := r.checkKarpenterQueue(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if len(r.d.KarpenterRules) > 0 {
		rules, err := r.checkKarpenterRules(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, rules)
	}
	return out, nil
}

// checkSpotRole: the Spot service-linked role exists when a pool allows spot.
func (r *runner) checkSpotRole(ctx context.Context) (checker.Result, error) {
	if !r.d.spotDemand() {
		return pass(CheckSpotRole, spotRoleTitle, "not applicable: no Karpenter pool allows spot capacity"), nil
	}
	_, err := r.c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(spotRoleName)})
	switch {
	case err == nil:
		return pass(CheckSpotRole, spotRoleTitle, spotRoleName+" exists"), nil
	case checker.APIErrorCode(err) == "NoSuchEntity":
		return fail(CheckSpotRole, spotRoleTitle, spotRoleName+" does not exist: Karpenter cannot launch spot instances", SpotRoleFix), nil
	case !answered(err):
		return checker.Result{}, fmt.Errorf("get role %s: %w", spotRoleName, err)
	}
	return warn(CheckSpotRole, spotRoleTitle, "GetRole: "+errCode(err), "grant iam:GetRole, or run "+SpotRoleFix), nil
}
