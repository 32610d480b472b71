package domino

import (
	"testing"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestZonesFollowTheRegion: default node zones, the control plane's zones and
// zone refusals come from the region's zones (the table offline, the account
// at deploy time), never from "<region>a, b, c".
func TestZonesFollowTheRegion(t *testing.T) {
	tests := []struct {
		name         string
		args         DominoEKSArgs
		zones        []awsfacts.Zone // the account's answer; nil: the table
		wantAZs      []string
		wantNetwork  []string
		wantProblems []string
	}{
		{name: "us-west-2 defaults", args: DominoEKSArgs{Region: "us-west-2"},
			wantAZs: []string{"us-west-2a", "us-west-2b", "us-west-2c"}, wantNetwork: []string{"us-west-2a", "us-west-2b", "us-west-2c"}},
		{name: "us-west-1 has two zones: one node zone, a two-zone control plane", args: DominoEKSArgs{Region: "us-west-1"},
			wantAZs: []string{"us-west-1a"}, wantNetwork: []string{"us-west-1a", "us-west-1b"}},
		{name: "ca-central-1 offers a, b, d", args: DominoEKSArgs{Region: "ca-central-1"},
			wantAZs: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"}, wantNetwork: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"}},
		{name: "ap-northeast-1 has no b", args: DominoEKSArgs{Region: "ap-northeast-1", AvailabilityZones: []string{"ap-northeast-1c"}},
			wantAZs: []string{"ap-northeast-1c"}, wantNetwork: []string{"ap-northeast-1c", "ap-northeast-1a", "ap-northeast-1d"}},
		{name: "eu-west-1 zones are accepted", args: DominoEKSArgs{Region: "eu-west-1", AvailabilityZones: []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}},
			wantAZs: []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}, wantNetwork: []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}},
		{name: "an account whose us-east-1a is use1-az3", args: DominoEKSArgs{Region: "us-east-1"},
			zones:   []awsfacts.Zone{{Name: "us-east-1a", ID: "use1-az3"}, {Name: "us-east-1b", ID: "use1-az4"}, {Name: "us-east-1c", ID: "use1-az6"}, {Name: "us-east-1d", ID: "use1-az1"}},
			wantAZs: []string{"us-east-1b", "us-east-1c", "us-east-1d"}, wantNetwork: []string{"us-east-1b", "us-east-1c", "us-east-1d"}},
		{name: "a listed zone EKS refuses is named with its zone ID", args: DominoEKSArgs{Region: "us-east-1", AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1e"}},
			wantAZs: []string{"us-east-1a", "us-east-1b", "us-east-1e"}, wantNetwork: []string{"us-east-1a", "us-east-1b", "us-east-1e"},
			wantProblems: []string{`availabilityZones = "us-east-1e": is zone ID use1-az3`}},
		{name: "a zone the region does not offer", args: DominoEKSArgs{Region: "ca-central-1", AvailabilityZones: []string{"ca-central-1c"}},
			wantAZs: []string{"ca-central-1c"}, wantNetwork: []string{"ca-central-1c", "ca-central-1a", "ca-central-1b"},
			wantProblems: []string{`"ca-central-1c": is not offered in ca-central-1 (zones: ca-central-1a, ca-central-1b, ca-central-1d)`}},
		{name: "a zone of another region", args: DominoEKSArgs{Region: "eu-west-1", AvailabilityZones: []string{"us-west-2a"}},
			wantAZs: []string{"us-west-2a"}, wantNetwork: []string{"us-west-2a", "eu-west-1a", "eu-west-1b"},
			wantProblems: []string{"is not a zone of region eu-west-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zones := tt.zones
			if zones == nil && tt.wantProblems != nil {
				zones = tableZones(tt.args.Region) // as the account answers
			}
			s, err := tt.args.resolveValidIn("domino", zones)
			assert.Equal(t, tt.wantAZs, s.AZs)
			assert.Equal(t, tt.wantNetwork, s.NetworkAZs)
			if len(tt.wantProblems) == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, p := range tt.wantProblems {
				assert.Contains(t, err.Error(), p)
			}
		})
	}
}

// TestEveryRegionHasZones: every region the component accepts has a row in
// the zone table, so plan never guesses a region's zones.
func TestEveryRegionHasZones(t *testing.T) {
	for _, r := range Regions() {
		_, ok := awsfacts.ZonesOf(r)
		assert.True(t, ok, "region %s has no row in awsfacts.RegionZoneTable", r)
	}
}

// TestOfflineValidationLeavesZoneIDsToTheAccount: offline, a zone name maps
// to an unknown account's zone ID, so only the account's answer refuses it.
func TestOfflineValidationLeavesZoneIDsToTheAccount(t *testing.T) {
	args := DominoEKSArgs{Region: "us-east-1", AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1e"}}
	require.NoError(t, args.Validate())
	_, err := args.resolveValidIn("domino", tableZones("us-east-1"))
	require.ErrorContains(t, err, "use1-az3")
}

func TestValidateVersionFollowsTheCalendar(t *testing.T) {
	today := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		version, want string
	}{
		{"1.36", ""}, {"1.35", ""}, {"1.34", ""}, {"1.33", ""}, {"1.32", ""},
		{"1.37", "is newer than the newest Kubernetes version this dominoeks knows (1.36"},
		{"1.31", ""}, // refused by validateCluster (minimum), not twice
	}
	for _, tt := range tests {
		var p problems
		validateVersion(&p, spec{KubernetesVersion: tt.version}, today)
		if tt.want == "" {
			assert.NoError(t, p.err(), tt.version)
			continue
		}
		require.Error(t, p.err(), tt.version)
		assert.Contains(t, p.err().Error(), tt.want)
	}
	var p problems
	validateVersion(&p, spec{KubernetesVersion: "1.32"}, time.Date(2027, 3, 24, 0, 0, 0, 0, time.UTC))
	assert.ErrorContains(t, p.err(), "past the end of EKS extended support (2027-03-23")
	assert.ErrorContains(t, p.err(), "use one of 1.33, 1.34, 1.35")
}
