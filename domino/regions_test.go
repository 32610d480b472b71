package domino_test

import (
	"slices"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRegionsAccepted: every listed region, opt-in ones included, validates
// (with its own zones), and the list is the commercial partition's.
func TestRegionsAccepted(t *testing.T) {
	regions := domino.Regions()
	require.True(t, slices.IsSorted(regions), "the region list must stay sorted (it is binary-searched)")
	require.Equal(t, len(regions), len(slices.Compact(slices.Clone(regions))), "no region twice")
	for _, r := range []string{"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-7", "mx-central-1", "af-south-1", "il-central-1", "ca-west-1"} {
		assert.Contains(t, regions, r)
	}
	for _, r := range regions {
		assert.NoError(t, domino.DominoEKSArgs{Region: r}.Validate(), r)
		assert.NotContains(t, r, "gov", "GovCloud is another partition")
		assert.NotRegexp(t, `^cn-`, r, "China is another partition")
	}
}
