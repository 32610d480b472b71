package plan

import (
	"fmt"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// versionWarnings warns about the cluster's Kubernetes version on the day:
// extended support (and its price), or standard support ending within
// awsfacts.SupportWarningDays.
func versionWarnings(rs []preview.Resource, today time.Time) []string {
	var out []string
	for _, r := range rs {
		if r.Type != "aws:eks/cluster:Cluster" {
			continue
		}
		kv, ok := awsfacts.VersionOf(str(r.Inputs["version"]))
		if !ok {
			out = append(out, fmt.Sprintf("kubernetesVersion %s: not in the EKS version calendar of %s, so neither its support dates nor its price are known here; `dominoeks preflight` asks EKS whether it offers it (%s)",
				str(r.Inputs["version"]), awsfacts.CalendarDate, awsfacts.KubernetesCalendar[0].Source))
			continue
		}
		switch kv.SupportOn(today) {
		case awsfacts.SupportExtended:
			out = append(out, fmt.Sprintf("kubernetesVersion %s: in EKS extended support since %s, at $%.2f per cluster-hour instead of $%.2f, until %s, when EKS upgrades the cluster itself; upgrade to a version in standard support (%s; %s)",
				kv.Version, kv.EndOfStandard, awsfacts.ExtendedSupportHour, awsfacts.StandardSupportHour, kv.EndOfExtended, kv.Source, awsfacts.EKSPricingSource))
		case awsfacts.SupportStandard:
			if left := kv.DaysOfStandardLeft(today); left <= awsfacts.SupportWarningDays {
				out = append(out, fmt.Sprintf("kubernetesVersion %s: EKS standard support ends %s (in %d days); extended support then costs $%.2f per cluster-hour: plan the upgrade (%s)",
					kv.Version, kv.EndOfStandard, left, awsfacts.ExtendedSupportHour, kv.Source))
			}
		}
	}
	return out
}
