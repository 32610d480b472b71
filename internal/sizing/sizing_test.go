package sizing

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		in   string
		want Capacity
		ok   bool
	}{
		{"m5.4xlarge", Capacity{16, 64, 0}, true},
		{"m5.2xlarge", Capacity{8, 32, 0}, true},
		{"m6i.large", Capacity{2, 8, 0}, true},
		{"r5.xlarge", Capacity{4, 32, 0}, true},
		{"c5.9xlarge", Capacity{36, 72, 0}, true},
		{"p3.2xlarge", Capacity{8, 61, 1}, true},
		{"t3.medium", Capacity{2, 4, 0}, true},
		{"M5.4XLARGE", Capacity{16, 64, 0}, true},
		{"m5.metal", Capacity{}, false},
		{"mac1.metal", Capacity{}, false},
		{"x2iedn.xlarge", Capacity{}, false},
		{"nonsense", Capacity{}, false},
	}
	for _, tc := range tests {
		got, ok := Lookup(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

// The seed's own instance types meet their roles' minimums, and one size down
// does not: the thresholds are the seed's figures, not looser ones.
func TestSeedMinimums(t *testing.T) {
	tests := []struct {
		min      Minimum
		instance string
		fits     bool
	}{
		{Platform, "m5.4xlarge", true},
		{Platform, "m5.2xlarge", false},
		{Platform, "c5.4xlarge", false}, // 16 vCPU but 32 GiB
		{Platform, "t3.micro", false},
		{Default, "m5.2xlarge", true},
		{Default, "m5.xlarge", false},
		{Default, "r5.2xlarge", true},
		{GPU, "p3.2xlarge", true},
		{GPU, "g4dn.xlarge", true},
		{GPU, "m5.4xlarge", false}, // no GPU
	}
	for _, tc := range tests {
		c, ok := Lookup(tc.instance)
		if assert.True(t, ok, tc.instance) {
			assert.Equal(t, tc.fits, tc.min.Fits(c), "%s as %s", tc.instance, tc.min.Role)
		}
	}
	assert.Equal(t, "m5.4xlarge: 16 vCPU, 64 GiB", Platform.Describe())
	assert.Equal(t, 128, Platform.DiskGiB)
	assert.Equal(t, 400, Default.DiskGiB)
}
