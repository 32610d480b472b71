package domino

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// TestOfflineZoneFactsWarn: without the account's answer (no zones, or
// names without IDs), a zone the reference account lacks or maps to an ID
// EKS refuses is a warning; with the account's answer, a refusal.
func TestOfflineZoneFactsWarn(t *testing.T) {
	namesOnly := func(region string) []awsfacts.Zone {
		var out []awsfacts.Zone
		for _, z := range tableZones(region) {
			out = append(out, awsfacts.Zone{Name: z.Name})
		}
		return out
	}
	for _, tc := range []struct {
		name, region, az, warn string
	}{
		{"reference ID EKS refuses", "us-east-1", "us-east-1e", "us-east-1e is zone ID use1-az3 in the reference account"},
		{"name the reference account lacks", "us-west-1", "us-west-1c", "us-west-1c is not a zone of the reference account's us-west-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := DominoEKSArgs{Region: tc.region, AvailabilityZones: []string{tc.az}}
			for _, zones := range [][]awsfacts.Zone{nil, namesOnly(tc.region)} {
				s, err := args.resolveValidIn("domino", zones)
				require.NoError(t, err, "offline zone facts do not refuse")
				assert.Contains(t, strings.Join(s.warnings(), "\n"), tc.warn)
			}
			_, err := args.resolveValidIn("domino", tableZones(tc.region)) // as the account answers
			require.Error(t, err, "the account's answer refuses")
			assert.Contains(t, err.Error(), tc.az)
		})
	}
}
