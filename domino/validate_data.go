package domino

import (
	"regexp"
	"strings"
)

// imageRegistryRE is a registry reference without scheme: a lower-case
// host, an optional port, an optional repository path.
var imageRegistryRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._/-][a-z0-9]+)*)?$`)

// validateData checks the arguments of data retention and image supply:
// noncurrent version expiry, and where Domino's images come from.
func validateData(p *problems, s spec) {
	// S3 API NoncurrentVersionExpiration: NoncurrentDays "must be a non-zero
	// positive integer".
	if s.NoncurrentDays < 1 {
		p.add("noncurrentVersionExpirationDays", s.NoncurrentDays, "is not a positive number of days, as S3 lifecycle rules need",
			"use 1 or more (default 30)")
	}
	switch {
	case s.ImageRegistry != "" && !imageRegistryRE.MatchString(s.ImageRegistry):
		fix := "use host[:port][/path] in lower case, e.g. 123456789012.dkr.ecr." + s.Region + ".amazonaws.com/domino"
		if strings.Contains(s.ImageRegistry, "://") {
			fix = "drop the scheme: " + s.ImageRegistry[strings.Index(s.ImageRegistry, "://")+3:]
		}
		p.add("imageRegistry", s.ImageRegistry, "is not a registry reference", fix)
	case s.NatMode == NatNone && s.ImageRegistry == "":
		// Domino's images are private on quay.io; ECR's pull-through cache
		// serves quay.io for public images only (ECR user guide, "Sync an
		// upstream registry": quay.io needs no credentials and none can be
		// attached; aws/containers-roadmap#2652).
		p.add("imageRegistry", "<unset>",
			"is required with natMode none: the nodes have no Internet egress, and Domino's images are private on quay.io, "+
				"which an ECR pull-through cache serves for public images only (aws/containers-roadmap#2652)",
			"load Domino's images into a registry the nodes reach with domino-load-images.py (README: \"natMode none\") and set imageRegistry to it, "+
				"e.g. <account>.dkr.ecr."+s.Region+".amazonaws.com/"+s.derivedName(NameRepositoryPrefix)+"; or set natMode to single or per-az")
	}
}
