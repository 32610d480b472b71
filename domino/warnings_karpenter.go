package domino

import "fmt"

// karpenterWarnings say which pool settings a NodePool cannot express when
// Karpenter serves the pool. Karpenter has no minimum: a NodePool launches a
// node for a pending pod and removes empty ones (nodepools.md: a NodePool
// has limits, no minimum; disruption.md, "Consolidation": WhenEmpty removes
// empty nodes), so the pool starts empty and the first pod waits for a node
// (about a minute: an instance launch and the node joining). desiredSize has
// no NodePool field either. spanAZs chooses node groups per zone or one
// across zones; a NodePool lists every zone and Karpenter launches in the
// zone the pending pod needs (scheduling.md, "Topology").
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
