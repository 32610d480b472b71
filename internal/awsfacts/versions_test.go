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

// TestDaysOfStandardLeftCountsFromMidnight: the days left are whole calendar
// days from the start of today (UTC), whatever the hour: counting from the
// current instant would be one day short after midnight.
func TestDaysOfStandardLeftCountsFromMidnight(t *testing.T) {
	kv, ok := VersionOf("1.35") // standard support ends 2027-03-27
	require.True(t, ok)
	for _, hour := range []int{0, 1, 12, 23} {
		today := time.Date(2026, 12, 27, hour, 59, 0, 0, time.UTC)
		assert.Equal(t, 90, kv.DaysOfStandardLeft(today), "at %02d:59", hour)
	}
	assert.Equal(t, 1, kv.DaysOfStandardLeft(time.Date(2027, 3, 26, 18, 0, 0, 0, time.UTC)))
	assert.Equal(t, 0, kv.DaysOfStandardLeft(time.Date(2027, 3, 27, 6, 0, 0, 0, time.UTC)))
}
