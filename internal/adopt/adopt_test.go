package adopt

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJudge(t *testing.T) {
	const keyB = "arn:aws:kms:us-west-2:111122223333:key/bbbb"
	b := Cluster{Name: "B", KeyID: "bbbb"}
	tests := []struct {
		name  string
		c     Candidate
		want  Verdict
		owner string
	}{
		{"tagged for this cluster", Candidate{Tags: map[string]string{ClusterTag: "B", "Name": "domino-datasets"}}, Adopt, "B"},
		{"tagged for another cluster", Candidate{Tags: map[string]string{ClusterTag: "A", "Name": "domino-datasets"}, KeyID: keyB}, Foreign, "A"},
		{"untagged, this cluster's key (an earlier version's file system)", Candidate{Tags: map[string]string{"Name": "domino-datasets"}, KeyID: keyB}, Adopt, "B"},
		{"untagged, another key", Candidate{Tags: map[string]string{"Name": "domino-datasets"}, KeyID: "arn:aws:kms:us-west-2:111122223333:key/aaaa"}, Unverified, ""},
		{"untagged, no key", Candidate{Tags: map[string]string{"Name": "domino-datasets"}}, Unverified, ""},
		{"kubernetes cluster tag of this cluster", Candidate{Tags: map[string]string{"kubernetes.io/cluster/B": "owned"}}, Adopt, "B"},
		{"kubernetes cluster tag of another", Candidate{Tags: map[string]string{"kubernetes.io/cluster/A": "owned"}, KeyID: keyB}, Foreign, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, owner := Judge(tt.c, b)
			assert.Equal(t, tt.want, v)
			assert.Equal(t, tt.owner, owner)
		})
	}
	t.Run("no key alias proves nothing", func(t *testing.T) {
		v, _ := Judge(Candidate{KeyID: ""}, Cluster{Name: "B"})
		assert.Equal(t, Unverified, v)
	})
}
