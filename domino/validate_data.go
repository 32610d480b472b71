package domino

// validateData checks the arguments of data retention and image supply
// (issue 26): noncurrent version expiry.
func validateData(p *problems, s spec) {
	// S3 API NoncurrentVersionExpiration: NoncurrentDays "must be a non-zero
	// positive integer".
	if s.NoncurrentDays < 1 {
		p.add("noncurrentVersionExpirationDays", s.NoncurrentDays, "is not a positive number of days, as S3 lifecycle rules need",
			"use 1 or more (default 30)")
	}
}
