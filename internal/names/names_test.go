package names

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"My_Cluster", 63, "my-cluster"},
		{"__a--b__", 63, "a-b"},
		{"abc-def", 4, "abc"}, // cut, then the trailing hyphen trimmed
		{"___", 63, ""},
	} {
		assert.Equal(t, tc.want, Clean(tc.in, tc.n), tc.in)
	}
}

// TestHashIsStable pins the hash: changing it would rename every shortened
// bucket and repository of existing deployments.
func TestHashIsStable(t *testing.T) {
	assert.Equal(t, "b4366238", Hash("Prod_Domino_abcdefghijabcdefghijabcdefghij"))
	assert.NotEqual(t, Hash("my_cluster"), Hash("my-cluster"))
	assert.Len(t, Hash(""), HashLength)
}

func TestBucketFillsTheAccount(t *testing.T) {
	assert.Equal(t, "domino-123456789012-us-west-2-blobs", Bucket("domino", "123456789012", "us-west-2", BucketBlobs))
	assert.Panics(t, func() { Of("no-such-id", Input{}) })
}
