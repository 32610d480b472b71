package domino

// registryWarnings say what Domino is left with when the stack's
// registries are off, and what natMode none still leaves to the operator.
func (s spec) registryWarnings() []string {
	var w []string
	if !s.ECR && s.RegistryBucket == "" {
		w = append(w, "registry: ecr and registryBucket are off: Domino gets no image registry from this stack (installer values carry neither "+
			"internal_docker_registry nor external_docker_registry); Domino's installer must then be given a registry it can push "+
			"environment and model images to, or turn either back on")
	}
	if s.NatMode == NatNone && s.ImageRegistry != "" {
		w = append(w, "natMode none: Domino's images come from imageRegistry "+s.ImageRegistry+" (installer values: helm.image_registries); "+
			"load them there with domino-load-images.py before installing, and point the installer's platform images at it as Domino's "+
			"offline installation instructs: no key of Domino's install configuration reference documents re-pointing them, so this stack "+
			"cannot set it; the nodes reach the registry only if it is ECR in "+s.Region+" (through the VPC endpoints) or routed from the VPC")
	}
	if s.NatMode == NatNone && s.PullThroughCache {
		w = append(w, "natMode none: the quay.io pull-through cache ("+s.pullThroughPrefix()+") serves public quay.io images only "+
			"(ECR attaches no credentials to quay.io: aws/containers-roadmap#2652); Domino's private images come from imageRegistry")
	}
	return w
}
