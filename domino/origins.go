package domino

import "fmt"

// NodeGroupOrigin is the pool argument a managed node group comes from, so
// that a problem found on the node group names the setting the user wrote.
type NodeGroupOrigin struct {
	// Field is the pool's argument path: "platformPool", "defaultPool",
	// "gpuPool" or "additionalPools[i]".
	Field string
	// Written is the pool as the user wrote it (zero when left to defaults).
	Written NodePool
	// GPU is the pool's effective gpu setting (written, or following its
	// instance types).
	GPU bool
}

// NodeGroupOrigins maps the logical name of every managed node group the
// deployment named name registers (e.g. "domino-default-us-west-2a"), and of
// every Karpenter NodePool ("domino-nodepool-default"), to its pool's origin. Zones come from the offline table, as in a plan.
func (a DominoEKSArgs) NodeGroupOrigins(name string) map[string]NodeGroupOrigin {
	s := a.resolve(name)
	out := map[string]NodeGroupOrigin{}
	for _, p := range s.Pools {
		o := NodeGroupOrigin{Field: p.field, Written: a.writtenPool(p.field), GPU: p.GPU}
		if s.karpenterServes(p) {
			out[s.Name+"-nodepool-"+p.Name] = o // its NodePool (karpenter_kube.go)
			continue
		}
		for _, g := range p.nodeGroups() {
			out[s.Name+"-"+g.Key] = o
		}
	}
	return out
}

// writtenPool returns the pool argument at field as the user wrote it.
func (a DominoEKSArgs) writtenPool(field string) NodePool {
	var p *NodePool
	switch field {
	case platformField:
		p = a.PlatformPool
	case "defaultPool":
		p = a.DefaultPool
	case "gpuPool":
		p = a.GpuPool
	default:
		for i := range a.AdditionalPools {
			if field == additionalPoolField(i) {
				p = &a.AdditionalPools[i]
			}
		}
	}
	if p == nil {
		return NodePool{}
	}
	return *p
}

// additionalPoolField is the argument path of the i-th additional pool.
func additionalPoolField(i int) string { return fmt.Sprintf("additionalPools[%d]", i) }
