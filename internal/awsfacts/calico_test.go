package awsfacts

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalicoKubernetesVersionsAreCitedAndInTheCalendar(t *testing.T) {
	require.NotEmpty(t, CalicoKubernetesVersions)
	for _, v := range CalicoKubernetesVersions {
		assert.NotEmpty(t, v.Source, v.Version)
		_, known := VersionOf(v.Version)
		assert.True(t, known, "%s is not an EKS version of the calendar", v.Version)
	}
}

func TestCalicoTested(t *testing.T) {
	tests := []struct {
		version string
		want    bool
	}{
		{"1.31", false},
		{"1.32", true},
		{"1.35", true},
		{"1.36", false},
		{"", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, CalicoTested(tt.version), tt.version)
	}
	assert.Equal(t, "1.32-1.35", CalicoTestedRange())
}
