package adopt

import (
	"testing"
	"time"

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

func TestJudgeEntry(t *testing.T) {
	created := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    Entry
		want EntryVerdict
	}{
		{"tagged by the stack", Entry{Tags: map[string]string{ClusterTag: "B"}, CreatedAt: created.Add(15 * time.Minute)}, Managed},
		{"tagged by the stack, made with the cluster", Entry{Tags: map[string]string{ClusterTag: "B"}, CreatedAt: created}, Managed},
		{"made with the cluster: the creator's", Entry{CreatedAt: created.Add(20 * time.Second)}, Creators},
		{"just inside the window", Entry{CreatedAt: created.Add(CreatorEntryWindow - time.Second)}, Creators},
		{"at the window's edge: made later", Entry{CreatedAt: created.Add(CreatorEntryWindow)}, Adopted},
		{"made by hand an hour later", Entry{CreatedAt: created.Add(time.Hour)}, Adopted},
		{"made by hand, tagged with other tags only", Entry{Tags: map[string]string{"team": "data"}, CreatedAt: created.Add(time.Hour)}, Adopted},
		// The tag decides alone: an entry tagged for cluster A is A's even
		// when its time matches B's creation.
		{"tagged for another cluster, made with this one", Entry{Tags: map[string]string{ClusterTag: "A"}, CreatedAt: created}, OtherClusters},
		{"tagged for another cluster, made later", Entry{Tags: map[string]string{ClusterTag: "A"}, CreatedAt: created.Add(time.Hour)}, OtherClusters},
		{"no creation time known: adopted (right in state or not)", Entry{}, Adopted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, JudgeEntry(tt.e, "B", created))
		})
	}
}

func TestEntryVerdictWords(t *testing.T) {
	for v, want := range map[EntryVerdict]string{Managed: "kept", Creators: "left alone (the creator's)", Adopted: "adopted",
		OtherClusters: "left alone (another cluster's)", EntryVerdict(9): "EntryVerdict(9)"} {
		assert.Equal(t, want, v.String())
	}
	assert.Equal(t, "B:arn:aws:iam::123456789012:role/ci", EntryImportID("B", "arn:aws:iam::123456789012:role/ci"))
}
