package awsfacts

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTaintEffectsRoundTrip(t *testing.T) {
	tests := []struct {
		eks, kubernetes string
		ok              bool
	}{
		{"NO_SCHEDULE", "NoSchedule", true},
		{"PREFER_NO_SCHEDULE", "PreferNoSchedule", true},
		{"NO_EXECUTE", "NoExecute", true},
		{"NoSchedule", "NO_SCHEDULE", false}, // each side only knows its own spelling
	}
	for _, tt := range tests {
		k8s, ok := KubernetesTaintEffect(tt.eks)
		assert.Equal(t, tt.ok, ok, tt.eks)
		if !tt.ok {
			continue
		}
		assert.Equal(t, tt.kubernetes, k8s)
		eks, ok := EKSTaintEffect(tt.kubernetes)
		assert.True(t, ok, tt.kubernetes)
		assert.Equal(t, tt.eks, eks)
	}
	_, ok := EKSTaintEffect("NO_SCHEDULE")
	assert.False(t, ok, "EKS spelling is not a Kubernetes effect")
}
