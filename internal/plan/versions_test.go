package plan

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// TestExtendedSupportIsPriced: on 2026-12-05 Kubernetes 1.32 is in EKS
// extended support: the control plane costs $0.60 an hour, cited, and the plan
// warns; 1.35 costs the standard price without a warning.
func TestExtendedSupportIsPriced(t *testing.T) {
	today := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		version string
		price   float64
		warn    string
	}{
		{"1.32", 0.60, "kubernetesVersion 1.32: in EKS extended support since 2026-03-23"},
		{"1.33", 0.60, "in EKS extended support since 2026-07-29"},
		{"1.35", 0.10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			p, err := Build(Options{Config: map[string]string{Namespace + ":kubernetesVersion": tt.version}, Today: today})
			require.NoError(t, err)
			var found bool
			for _, it := range p.Cost.Items {
				if it.Description == "EKS control plane" || len(it.Description) > 17 && it.Description[:17] == "EKS control plane" {
					found = true
					assert.Equal(t, tt.price, it.UnitPrice)
					if tt.warn != "" {
						assert.Contains(t, it.Description, "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html")
					}
				}
			}
			assert.True(t, found, "control plane priced")
			joined := ""
			for _, w := range p.Warnings {
				joined += w + "\n"
			}
			if tt.warn == "" {
				assert.NotContains(t, joined, "extended support since")
			} else {
				assert.Contains(t, joined, tt.warn)
			}
		})
	}
	t.Run("standard support ending soon warns", func(t *testing.T) {
		p, err := Build(Options{Today: time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC)})
		require.NoError(t, err)
		assert.Contains(t, p.Warnings, "kubernetesVersion 1.35: EKS standard support ends 2027-03-27 (in 66 days); extended support then costs $0.60 per cluster-hour: plan the upgrade (EKS user guide, Kubernetes version lifecycle, release calendar, https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (mirrored by https://endoflife.date/amazon-eks))")
	})
}

// TestSupportWarningStartsOnItsDay: the 90-day warning starts on the day
// 90 days before standard support ends, not in the evening before.
func TestSupportWarningStartsOnItsDay(t *testing.T) {
	cluster := []preview.Resource{{Type: "aws:eks/cluster:Cluster", Inputs: map[string]any{"version": "1.35"}}} // ends 2027-03-27
	assert.Empty(t, versionWarnings(cluster, time.Date(2026, 12, 26, 23, 30, 0, 0, time.UTC)), "91 days left at 23:30 the day before")
	w := versionWarnings(cluster, time.Date(2026, 12, 27, 0, 30, 0, 0, time.UTC))
	require.Len(t, w, 1)
	assert.Contains(t, w[0], "(in 90 days)")
}
