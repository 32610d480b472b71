package plan

import (
	"errors"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExplainViolationsOnlyWhatASettingCauses: a violation becomes a
// configuration error only when every violation is one a setting the user
// wrote explains; otherwise the component is at fault and the violation stays.
func TestExplainViolationsOnlyWhatASettingCauses(t *testing.T) {
	f := false
	noEndpoints := domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino", VpcEndpoints: &f}
	gpuOffPool := domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "inf", InstanceTypes: []string{"g5.xlarge"}, GPU: &f}}}
	egress := preview.Violation{Rule: "private-subnet-egress", URN: "urn:pulumi:dev::p::aws:eks/nodeGroup:NodeGroup::domino-default-us-west-2a", Problem: "no egress"}
	gpu := preview.Violation{Rule: "gpu-ami-type", URN: "urn:pulumi:dev::p::aws:eks/nodeGroup:NodeGroup::domino-inf-us-west-2a", Problem: "no driver"}
	other := preview.Violation{Rule: "addon-after-nodes", URN: "urn:pulumi:dev::p::aws:eks/addon:Addon::domino-coredns", Problem: "before nodes"}
	for _, tc := range []struct {
		name       string
		args       domino.DominoEKSArgs
		violations []preview.Violation
		field      string // "" when the violation stays the component's
	}{
		{"endpoints off explain no egress", noEndpoints, []preview.Violation{egress, egress}, "vpcEndpoints"},
		{"default config: egress missing is a bug", domino.DominoEKSArgs{}, []preview.Violation{egress}, ""},
		{"natMode none with endpoints: a bug", domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"}, []preview.Violation{egress}, ""},
		{"gpu false explains the AMI type", gpuOffPool, []preview.Violation{gpu}, "additionalPools[0].gpu"},
		{"gpu unset: a bug", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "inf", InstanceTypes: []string{"g5.xlarge"}}}}, []preview.Violation{gpu}, ""},
		{"a rule no setting breaks", noEndpoints, []preview.Violation{other}, ""},
		{"one unexplained violation keeps them all", noEndpoints, []preview.Violation{egress, other}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := causeInput{args: tc.args, name: "domino", groups: tc.args.NodeGroupOrigins("domino")}
			err := explainViolations(&preview.ViolationError{Violations: tc.violations}, in)
			var ce *ConfigError
			if tc.field == "" {
				var ve *preview.ViolationError
				assert.True(t, errors.As(err, &ve), "stays a violation: %v", err)
				assert.False(t, errors.As(err, &ce))
				return
			}
			require.True(t, errors.As(err, &ce), "%v", err)
			var val *domino.ValidationError
			require.True(t, errors.As(err, &val))
			require.Len(t, val.Problems, 1, "one problem per setting and rule")
			assert.Equal(t, tc.field, val.Problems[0].Field)
		})
	}
}

// TestSettingCausesNameEngineRules: every rule a cause explains exists.
func TestSettingCausesNameEngineRules(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range preview.Rules() {
		ids[r.ID] = true
	}
	for _, w := range workloads.Table() {
		ids["workload:"+w.ID] = true // evaluateWorkloads' violations
	}
	for id := range settingCauses {
		assert.True(t, ids[id], "settingCauses names %q, not a rule of the engine", id)
	}
}
