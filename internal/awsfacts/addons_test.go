package awsfacts

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAddonVersionsCoverTheCalendar: every Kubernetes version EKS offers has
// a row naming every add-on, each cell cited; a pinned version has EKS's
// form and belongs to its row (kube-proxy follows the Kubernetes minor).
func TestAddonVersionsCoverTheCalendar(t *testing.T) {
	form := regexp.MustCompile(`^v\d+\.\d+\.\d+-eksbuild\.\d+$`)
	require.Len(t, AddonVersions, len(KubernetesCalendar), "one row per calendar version")
	for _, kv := range KubernetesCalendar {
		row, ok := AddonVersions[kv.Version]
		require.True(t, ok, "row for %s", kv.Version)
		for _, name := range Addons {
			pin, ok := row[name]
			require.True(t, ok, "%s %s", kv.Version, name)
			assert.NotEmpty(t, pin.Source, "%s %s is cited", kv.Version, name)
			if pin.Version == "" {
				continue // documented fallback: EKS's default at deploy time
			}
			assert.Regexp(t, form, pin.Version, "%s %s", kv.Version, name)
		}
		assert.Regexp(t, `^v`+regexp.QuoteMeta(kv.Version)+`\.`, row[AddonKubeProxy].Version, "kube-proxy matches %s", kv.Version)
	}
}

func TestAddonVersion(t *testing.T) {
	tests := []struct {
		k8s, addon, want string
		ok               bool
	}{
		{"1.35", AddonKubeProxy, "v1.35.3-eksbuild.2", true},
		{"1.33", AddonCoreDNS, "v1.12.4-eksbuild.18", true},
		{"1.32", AddonVPCCNI, "v1.20.1-eksbuild.3", true},
		{"1.34", AddonEBSCSI, "v1.66.0-eksbuild.1", true},
		{"1.31", AddonEBSCSI, "", false}, // no version found: documented fallback
		{"1.29", AddonKubeProxy, "", false},
		{"1.35", "metrics-server", "", false},
	}
	for _, tt := range tests {
		pin, ok := AddonVersion(tt.k8s, tt.addon)
		assert.Equal(t, tt.ok, ok, "%s %s", tt.k8s, tt.addon)
		assert.Equal(t, tt.want, pin.Version, "%s %s", tt.k8s, tt.addon)
	}
}
