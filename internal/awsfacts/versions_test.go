package awsfacts

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKubernetesCalendarIsCitedAndOrdered(t *testing.T) {
	for i, kv := range KubernetesCalendar {
		assert.NotEmpty(t, kv.Source, kv.Version)
		assert.True(t, day(kv.Released).Before(day(kv.EndOfStandard)), kv.Version)
		// 14 months standard, 12 extended (a few days' tolerance for EKS's dates).
		assert.InDelta(t, 14*30.4, day(kv.EndOfStandard).Sub(day(kv.Released)).Hours()/24, 10, "%s standard", kv.Version)
		assert.InDelta(t, 365, day(kv.EndOfExtended).Sub(day(kv.EndOfStandard)).Hours()/24, 2, "%s extended", kv.Version)
		if i > 0 {
			assert.True(t, day(KubernetesCalendar[i-1].Released).Before(day(kv.Released)), kv.Version)
		}
	}
}

func TestSupportOn(t *testing.T) {
	today := day(CalendarDate)
	tests := []struct {
		version string
		want    Support
		hour    float64
	}{
		{"1.31", SupportEnded, StandardSupportHour},
		{"1.32", SupportExtended, ExtendedSupportHour},
		{"1.33", SupportExtended, ExtendedSupportHour},
		{"1.34", SupportExtended, ExtendedSupportHour}, // standard support ended 2026-12-02
		{"1.35", SupportStandard, StandardSupportHour},
	}
	for _, tt := range tests {
		kv, ok := VersionOf(tt.version)
		require.True(t, ok, tt.version)
		assert.Equal(t, tt.want, kv.SupportOn(today), tt.version)
		assert.Equal(t, tt.hour, kv.ControlPlaneHour(today), tt.version)
	}
	kv, _ := VersionOf("1.35")
	assert.Equal(t, 112, kv.DaysOfStandardLeft(today))
	assert.Equal(t, SupportStandard, kv.SupportOn(time.Date(2027, 3, 26, 23, 0, 0, 0, time.UTC)))
	_, ok := VersionOf("1.99")
	assert.False(t, ok)
}
