package preview

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMocksAnswerAvailabilityZonesFromTheTable: getAvailabilityZones answers
// the region's zones and IDs from awsfacts.RegionZoneTable, honouring exclusions.
func TestMocksAnswerAvailabilityZonesFromTheTable(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		args      aws.GetAvailabilityZonesArgs
		wantNames []string
		wantIDs   []string
	}{
		{"us-west-2 by default", Options{}, aws.GetAvailabilityZonesArgs{},
			[]string{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}, []string{"usw2-az2", "usw2-az1", "usw2-az3", "usw2-az4"}},
		{"aws:region us-east-1, EKS-unsupported ID excluded", Options{Config: map[string]string{"aws:region": "us-east-1"}},
			aws.GetAvailabilityZonesArgs{ExcludeZoneIds: []string{"use1-az3"}},
			[]string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"}, []string{"use1-az6", "use1-az1", "use1-az2", "use1-az4", "use1-az5"}},
		{"us-west-1 has two", Options{ProviderRegion: "us-west-1"}, aws.GetAvailabilityZonesArgs{},
			[]string{"us-west-1a", "us-west-1b"}, []string{"usw1-az3", "usw1-az1"}},
		{"zone IDs unknown", Options{Config: map[string]string{"aws:region": "ca-central-1"}, ZoneIDsUnknown: true}, aws.GetAvailabilityZonesArgs{},
			[]string{"ca-central-1a", "ca-central-1b", "ca-central-1d"}, []string{"", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *aws.GetAvailabilityZonesResult
			_, err := Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				var err error
				got, err = aws.GetAvailabilityZones(ctx, &tt.args)
				return nil, err
			}, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.wantNames, got.Names)
			assert.Equal(t, tt.wantIDs, got.ZoneIds)
		})
	}
}
