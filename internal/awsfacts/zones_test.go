package awsfacts

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestZoneTableIsCitedAndConsistent guards the zone table: every row cites a
// source and names zones of its own region, IDs unique within the region.
func TestZoneTableIsCitedAndConsistent(t *testing.T) {
	require.NotEmpty(t, RegionZoneTable)
	for region, rz := range RegionZoneTable {
		assert.NotEmpty(t, rz.Source, "%s: no source", region)
		assert.GreaterOrEqual(t, len(rz.Zones), 2, "%s: EKS needs two zones", region)
		ids := map[string]bool{}
		for _, z := range rz.Zones {
			assert.True(t, strings.HasPrefix(z.Name, region) && len(z.Name) == len(region)+1, "%s: zone %s", region, z.Name)
			assert.Regexp(t, `^[a-z0-9]+-az[0-9]+$`, z.ID, "%s: zone ID of %s", region, z.Name)
			assert.False(t, ids[z.ID], "%s: zone ID %s twice", region, z.ID)
			ids[z.ID] = true
		}
	}
	assert.NotEmpty(t, EKSUnsupportedZoneSource)
}

func TestEKSZones(t *testing.T) {
	tests := []struct {
		region string
		want   []string
	}{
		{"us-east-1", []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"}}, // us-east-1e is use1-az3 in the reference account
		{"us-west-1", []string{"us-west-1a", "us-west-1b"}},
		{"ca-central-1", []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"}},
		{"ap-northeast-1", []string{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"}},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			rz, ok := ZonesOf(tt.region)
			require.True(t, ok)
			assert.Equal(t, tt.want, Names(rz.EKSZones()))
		})
	}
	for _, id := range []string{"use1-az3", "usw1-az2", "cac1-az3"} {
		assert.False(t, EKSSupportsZoneID(id), id)
	}
	assert.True(t, EKSSupportsZoneID("use1-az1"))
	assert.True(t, EKSSupportsZoneID(""), "an unknown ID is left to the account")
}
