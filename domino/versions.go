package domino

import (
	"strconv"
	"strings"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// validateVersion refuses a Kubernetes version EKS no longer offers on the
// day: one past its end of extended support (awsfacts.KubernetesCalendar).
// Versions older than minKubernetesMinor are refused by validateCluster
// already. A version newer than the calendar is refused too: the add-on
// versions, AMI releases and support dates this release pins are per
// version, and it knows none for it (a newer dominoeks does).
func validateVersion(p *problems, s spec, today time.Time) {
	if r := s.NodeReleaseVersion; r != "" && !strings.HasPrefix(r, s.KubernetesVersion+".") {
		p.add("nodeReleaseVersion", r, "is not an AMI release of Kubernetes "+s.KubernetesVersion,
			"use a release of the form "+s.KubernetesVersion+".N-YYYYMMDD (aws ssm get-parameter --name /aws/service/eks/optimized-ami/"+s.KubernetesVersion+"/amazon-linux-2023/x86_64/standard/recommended/release_version), or leave it unset")
	}
	for _, pl := range s.Pools {
		if r := pl.Release; r != "" && !strings.HasPrefix(r, s.KubernetesVersion+".") {
			p.add(pl.field+".releaseVersion", r, "is not an AMI release of Kubernetes "+s.KubernetesVersion,
				"use a release of the form "+s.KubernetesVersion+".N-YYYYMMDD, or leave it unset (nodeReleaseVersion, else EKS's recommended release at creation)")
		}
	}
	if !k8sVersionRE.MatchString(s.KubernetesVersion) || olderThanMinimum(s.KubernetesVersion) {
		return
	}
	kv, ok := awsfacts.VersionOf(s.KubernetesVersion)
	switch {
	case !ok:
		newest := awsfacts.KubernetesCalendar[len(awsfacts.KubernetesCalendar)-1].Version
		p.add("kubernetesVersion", s.KubernetesVersion,
			"is newer than the newest Kubernetes version this dominoeks knows ("+newest+", EKS calendar read "+awsfacts.CalendarDate+")",
			"use "+newest+" or earlier (one of "+offered(today)+"); if EKS offers "+s.KubernetesVersion+" by now, upgrade dominoeks, which pins add-on versions and AMI releases per version")
	case kv.SupportOn(today) == awsfacts.SupportEnded:
		p.add("kubernetesVersion", s.KubernetesVersion, "is past the end of EKS extended support ("+kv.EndOfExtended+"; "+kv.Source+")",
			"use one of "+offered(today))
	}
}

// olderThanMinimum reports a 1.NN version below minKubernetesMinor.
func olderThanMinimum(v string) bool {
	m := k8sVersionRE.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	minor, err := strconv.Atoi(m[1])
	return err == nil && minor < minKubernetesMinor
}

// offered lists the versions EKS offers on the day.
func offered(today time.Time) string {
	var out []string
	for _, kv := range awsfacts.KubernetesCalendar {
		if kv.SupportOn(today) != awsfacts.SupportEnded {
			out = append(out, kv.Version)
		}
	}
	return strings.Join(out, ", ")
}
