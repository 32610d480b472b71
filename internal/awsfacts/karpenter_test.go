package awsfacts

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKarpenterSupports(t *testing.T) {
	for _, tc := range []struct {
		k8s  string
		want bool
	}{
		{"1.29", false}, // older than the matrix
		{"1.30", true},
		{"1.35", true},
		{"1.36", true},
		{"1.37", false}, // newer than the matrix: unknown, not supported
		{"", false},
	} {
		assert.Equal(t, tc.want, Karpenter.Supports(tc.k8s), tc.k8s)
	}
	assert.Equal(t, "1.30-1.36", Karpenter.Range())
	assert.Contains(t, Karpenter.Source, "compatibility.md")
}

// TestKarpenterCoversTheCalendar: the pinned release supports every
// Kubernetes version EKS offers, so karpenter: true plans on each of them.
func TestKarpenterCoversTheCalendar(t *testing.T) {
	for _, kv := range KubernetesCalendar {
		assert.True(t, Karpenter.Supports(kv.Version), "Karpenter %s supports %s", KarpenterVersion, kv.Version)
	}
}
