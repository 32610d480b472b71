package domino

import "fmt"

// karpenterWarnings say which pool settings a NodePool cannot express when
// Karpenter serves the pool (aws/karpenter-provider-aws v1.14.1 docs). A
// dynamic NodePool has no minimum: it launches nodes for pending pods, its
// spec.limits bound it from above only (nodepools.md, "spec.limits"), and
// WhenEmpty consolidation removes empty nodes (disruption.md,
// "Consolidation"); so the pool starts empty and the first pod waits for a
// node (about a minute: an instance launch and the node joining; an
// estimate). A static NodePool (spec.replicas) keeps a fixed count but is
// never consolidated and allows only limits.nodes (nodepools.md, "Static
// NodePool Constraints"), so it cannot be a minimum with growth above it.
// desiredSize has no NodePool field either. spanAZs chooses node groups per
// zone or one across zones; a NodePool lists every zone and Karpenter
// launches in the zone the pending pod's volume needs (scheduling.md,
// "Persistent Volume Topology").
func (s spec) karpenterWarnings() []string {
	var w []string
	for _, p := range s.Pools {
		if !s.karpenterServes(p) {
			continue
		}
		if p.Min > 0 {
			w = append(w, fmt.Sprintf("%s.minSize: %d is not expressed under karpenter: a NodePool has no minimum, so pool %s starts "+
				"empty and empty nodes are removed after %s; the first execution after a quiet spell waits for a node to "+
				"launch (about a minute); set minSize 0 to silence this", p.field, p.Min, p.Name, KarpenterConsolidateAfter))
		}
		if p.Desired > 0 && p.Desired != p.Min {
			w = append(w, fmt.Sprintf("%s.desiredSize: %d is ignored under karpenter: Karpenter launches nodes for pending pods "+
				"and nothing else; remove desiredSize", p.field, p.Desired))
		}
		if p.Span {
			w = append(w, fmt.Sprintf("%s.spanAZs is irrelevant under karpenter: pool %s's NodePool lists its zones (%d) and Karpenter "+
				"launches each node in the zone its pod needs; remove spanAZs", p.field, p.Name, len(p.AZs)))
		}
	}
	return w
}
