package checker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	smithy "github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// latestReleases answers GetParameter with EKS's latest release per parameter.
type latestReleases map[string]string

func (l latestReleases) GetParameter(_ context.Context, in *ssm.GetParameterInput, _ ...func(*ssm.Options)) (*ssm.GetParameterOutput, error) {
	v, ok := l[aws.ToString(in.Name)]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "ParameterNotFound", Message: aws.ToString(in.Name)}
	}
	return &ssm.GetParameterOutput{Parameter: &ssmtypes.Parameter{Value: aws.String(v)}}, nil
}

// TestAMIRelease: a node group whose release trails EKS's latest for its
// version by more than 90 days is a WARN naming it, the lag and the fix;
// within 90 days passes; an unreadable parameter WARNs.
func TestAMIRelease(t *testing.T) {
	const param = "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version"
	latest := latestReleases{param: "1.35.3-20261201"}
	group := func(release string) *nodeGroup {
		return &nodeGroup{Name: "domino-default-us-west-2a", AMIType: "AL2023_x86_64_STANDARD", Version: "1.35", ReleaseVersion: release}
	}
	tests := []struct {
		name     string
		releases ReleaseAPI
		groups   []*nodeGroup
		want     Status
		evidence string
	}{
		{"current", latest, []*nodeGroup{group("1.35.3-20261201")}, StatusPass, "domino-default-us-west-2a 1.35.3-20261201"},
		{"60 days behind", latest, []*nodeGroup{group("1.35.1-20261002")}, StatusPass, "1.35.1-20261002"},
		{"120 days behind", latest, []*nodeGroup{group("1.35.0-20260804")}, StatusWarn, "runs 1.35.0-20260804, 119 days behind EKS's latest 1.35.3-20261201"},
		{"parameter unreadable", latestReleases{}, []*nodeGroup{group("1.35.0-20260804")}, StatusWarn, "could not read " + param},
		{"no client", nil, []*nodeGroup{group("1.35.0-20260804")}, StatusWarn, "not checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{Releases: tt.releases}}
			res, err := r.checkAMIRelease(context.Background(), &state{groups: tt.groups})
			require.NoError(t, err)
			require.Len(t, res, 1)
			assert.Equal(t, tt.want, res[0].Status)
			assert.Contains(t, res[0].Evidence, tt.evidence)
			if tt.want == StatusWarn && tt.releases != nil && len(tt.releases.(latestReleases)) > 0 {
				assert.Contains(t, res[0].Fix, "releaseVersion")
			}
		})
	}
}
