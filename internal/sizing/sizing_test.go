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

// TestMaxPodsMatchesSource: rows of the max-pods table as
// awslabs/amazon-eks-ami's eni-max-pods.txt lists them (MaxPodsSource), then
// the managed node group cap (110 below 30 vCPUs, 250 from 30).
func TestMaxPodsMatchesSource(t *testing.T) {
	for it, want := range map[string]int{
		"m5.xlarge": 58, "m5.2xlarge": 58, "m5.4xlarge": 234, "t3.medium": 17, "t3a.small": 8,
		"m8i.large": 59, "c6in.32xlarge": 394, "p5.48xlarge": 100, "g5.12xlarge": 737, "g6f.large": 20,
	} {
		assert.Equal(t, want, maxPodsByType[it], "%s in eni-max-pods.txt", it)
	}
	for it, want := range map[string]int{
		"m5.xlarge": 58, "m5.4xlarge": 110, "m5.16xlarge": 250, "t3.medium": 17, "p5.48xlarge": 100, "M5.2XLARGE": 58,
	} {
		got, ok := MaxPods(it)
		assert.True(t, ok, it)
		assert.Equal(t, want, got, it)
	}
	_, ok := MaxPods("m5.huge")
	assert.False(t, ok, "a size the source does not list is not modelled")
}

// TestSizeTablesAgree: every size of the size table has a max-pods row (the
// source lists all of them but i3.metal), and every max-pods row is a size of
// the size table.
func TestSizeTablesAgree(t *testing.T) {
	for fam, sizes := range familySizes {
		for _, size := range sizes {
			if it := fam + "." + size; it != "i3.metal" {
				assert.Contains(t, maxPodsByType, it)
			}
		}
	}
	for it := range maxPodsByType {
		exists, known := SizeExists(it)
		assert.True(t, exists && known, it)
	}
}
