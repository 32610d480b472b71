package domino

import "github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"

// validateKarpenter refuses karpenter: true with a Kubernetes version the
// pinned Karpenter release does not support (awsfacts.Karpenter, from
// Karpenter's compatibility matrix): its controller would run against an API
// it was not built for.
func validateKarpenter(p *problems, s spec) {
	if !s.Karpenter || !k8sVersionRE.MatchString(s.KubernetesVersion) || awsfacts.Karpenter.Supports(s.KubernetesVersion) {
		return
	}
	p.add("karpenter", "true", "Karpenter "+awsfacts.KarpenterVersion+" (the pinned release) does not support kubernetesVersion "+
		s.KubernetesVersion+" ("+awsfacts.Karpenter.Source+")",
		"use kubernetesVersion "+awsfacts.Karpenter.Range()+" with karpenter, or set karpenter false")
}
