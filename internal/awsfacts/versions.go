package awsfacts

import (
	"fmt"
	"time"
)

// KubernetesVersion is one row of EKS's Kubernetes version calendar.
type KubernetesVersion struct {
	Version string
	// Released, EndOfStandard and EndOfExtended are the EKS dates (UTC days).
	Released, EndOfStandard, EndOfExtended string
	// Source cites the row.
	Source string
}

// eksCalendarSource is where EKS publishes its calendar; the dates were read
// on CalendarDate.
const eksCalendarSource = "EKS user guide, Kubernetes version lifecycle, release calendar, https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (mirrored by https://endoflife.date/amazon-eks)"

// eks136Source cites the 1.36 row: EKS's release notes list it ("Kubernetes
// 1.36 is now available in Amazon EKS"); the release day is from a dated
// third-party write-up, the support ends follow EKS's 14 + 12 month rule.
const eks136Source = "EKS user guide, Review release notes for Kubernetes versions on standard support, " +
	"https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html (1.36 available); release day " +
	"2026-06-02 from https://devopsdreams.blogspot.com/2026/08/kubernetes-136-on-amazon-eks-upgrade.html (third party); " +
	"support ends by the calendar's 14 + 12 months; preflight's eks.version asks DescribeClusterVersions live"

// CalendarDate is when KubernetesCalendar was last read from the source.
const CalendarDate = "2026-12-05"

// KubernetesCalendar is the one table of the Kubernetes versions EKS offers,
// oldest first: 14 months of standard support, then 12 of extended support.
var KubernetesCalendar = []KubernetesVersion{
	{Version: "1.31", Released: "2024-09-26", EndOfStandard: "2025-11-26", EndOfExtended: "2026-11-26", Source: eksCalendarSource},
	{Version: "1.32", Released: "2025-01-23", EndOfStandard: "2026-03-23", EndOfExtended: "2027-03-23", Source: eksCalendarSource},
	{Version: "1.33", Released: "2025-05-29", EndOfStandard: "2026-07-29", EndOfExtended: "2027-07-29", Source: eksCalendarSource},
	{Version: "1.34", Released: "2025-10-02", EndOfStandard: "2026-12-02", EndOfExtended: "2027-12-02", Source: eksCalendarSource},
	{Version: "1.35", Released: "2026-01-27", EndOfStandard: "2027-03-27", EndOfExtended: "2028-03-27", Source: eksCalendarSource},
	{Version: "1.36", Released: "2026-06-02", EndOfStandard: "2027-08-02", EndOfExtended: "2028-08-02", Source: eks136Source},
}

// EKS control-plane prices per cluster-hour. Source: Amazon EKS pricing,
// https://aws.amazon.com/eks/pricing/ ("$0.10 per cluster per hour" standard,
// "$0.60 per cluster per hour" extended support).
const (
	StandardSupportHour = 0.10
	ExtendedSupportHour = 0.60
	EKSPricingSource    = "Amazon EKS pricing, https://aws.amazon.com/eks/pricing/"
)

// SupportWarningDays is how long before the end of standard support a plan
// warns.
const SupportWarningDays = 90

// Support is a version's support phase on a day.
type Support int

// Support phases.
const (
	SupportUnknown  Support = iota // not in the calendar
	SupportStandard                // standard support
	SupportExtended                // extended support: ExtendedSupportHour
	SupportEnded                   // past extended support: EKS no longer offers it
)

// VersionOf returns the calendar row of a version.
func VersionOf(v string) (KubernetesVersion, bool) {
	for _, kv := range KubernetesCalendar {
		if kv.Version == v {
			return kv, true
		}
	}
	return KubernetesVersion{}, false
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("awsfacts: bad calendar date %q", s))
	}
	return t
}

// SupportOn returns the version's support phase on the given day.
func (kv KubernetesVersion) SupportOn(today time.Time) Support {
	switch {
	case today.Before(day(kv.EndOfStandard)):
		return SupportStandard
	case today.Before(day(kv.EndOfExtended)):
		return SupportExtended
	}
	return SupportEnded
}

// DaysOfStandardLeft is the number of days until standard support ends.
func (kv KubernetesVersion) DaysOfStandardLeft(today time.Time) int {
	return int(day(kv.EndOfStandard).Sub(today.Truncate(24*time.Hour)).Hours() / 24)
}

// ControlPlaneHour is the version's control-plane price on the day.
func (kv KubernetesVersion) ControlPlaneHour(today time.Time) float64 {
	if kv.SupportOn(today) == SupportExtended {
		return ExtendedSupportHour
	}
	return StandardSupportHour
}
