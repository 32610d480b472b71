package plan

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// CriticalPath is the longest chain of dependent resource creations under
// the modelled create times: a lower bound on `pulumi up` wall time.
type CriticalPath struct {
	// Seconds is the modelled (typical) time of the whole chain.
	Seconds int `json:"seconds"`
	// Range is the chain's time with every step at its fast, typical and
	// slow figure (durations.go).
	Range Range `json:"range"`
	// Path lists the URNs on the chain, first created first. Resources that
	// take no time of their own (components, providers) are left out.
	Path []string `json:"path"`
	// Steps pairs each URN of Path with its type and modelled seconds.
	Steps []Step `json:"-"`
}

// Range is a fast, typical and slow time in seconds.
type Range struct {
	Fast    int `json:"fast"`
	Typical int `json:"typical"`
	Slow    int `json:"slow"`
}

// Step is one resource on the critical path.
type Step struct {
	URN     string
	Type    string
	Name    string
	Seconds int
}

// ComputeCriticalPath models deploy time over the resources' dependency graph.
// A resource starts when everything it waits for has finished and takes
// CreateSeconds of its type. It waits for:
//   - its recorded dependencies (a parent is not a dependency);
//   - for a component, its children as well (depending on a component means
//     waiting for its children);
//   - its explicit provider resource (e.g. Kubernetes objects wait for the
//     kubernetes provider, which waits for the cluster's kubeconfig).
//
// It returns an error when the graph has a cycle.
func ComputeCriticalPath(rs []preview.Resource) (CriticalPath, error) {
	g := newDeployGraph(rs)
	for _, r := range rs {
		if _, err := g.finish(r.URN); err != nil {
			return CriticalPath{}, err
		}
	}
	end := ""
	for _, r := range rs { // rs is sorted by URN: ties go to the first URN
		if end == "" || g.done[r.URN] > g.done[end] {
			end = r.URN
		}
	}
	cp := CriticalPath{Path: []string{}}
	if end == "" {
		return cp, nil
	}
	cp.Seconds = g.done[end]
	cp.Range.Typical = cp.Seconds
	var rev []Step
	for u := end; u != ""; u = g.via[u] {
		r := g.nodes[u]
		if d := DurationOf(r.Type, r.Custom); d.Typical > 0 {
			rev = append(rev, Step{URN: u, Type: r.Type, Name: r.Name, Seconds: d.Typical})
			cp.Range.Fast += d.Fast
			cp.Range.Slow += d.Slow
		}
	}
	for i := len(rev) - 1; i >= 0; i-- {
		cp.Steps = append(cp.Steps, rev[i])
		cp.Path = append(cp.Path, rev[i].URN)
	}
	return cp, nil
}

// deployGraph memoises each resource's modelled finish time.
type deployGraph struct {
	nodes    map[string]preview.Resource
	waitsFor map[string][]string
	done     map[string]int    // finish time, once computed
	via      map[string]string // the predecessor finishing last
	visiting map[string]bool
}

func newDeployGraph(rs []preview.Resource) *deployGraph {
	g := &deployGraph{
		nodes:    make(map[string]preview.Resource, len(rs)),
		waitsFor: make(map[string][]string, len(rs)),
		done:     make(map[string]int, len(rs)),
		via:      make(map[string]string, len(rs)),
		visiting: map[string]bool{},
	}
	for _, r := range rs {
		g.nodes[r.URN] = r
	}
	for _, r := range rs {
		var preds []string
		for _, d := range r.Dependencies {
			// A dependency on an ancestor component would mean waiting for
			// oneself; Pulumi does not model it either.
			if _, ok := g.nodes[d]; ok && !g.isAncestor(d, r) {
				preds = append(preds, d)
			}
		}
		if p, ok := g.nodes[r.Parent]; ok && !p.Custom {
			g.waitsFor[r.Parent] = append(g.waitsFor[r.Parent], r.URN)
		}
		if _, ok := g.nodes[r.Provider]; ok {
			preds = append(preds, r.Provider)
		}
		g.waitsFor[r.URN] = append(g.waitsFor[r.URN], preds...)
	}
	return g
}

// isAncestor reports whether a is r's parent, grandparent, ...
func (g *deployGraph) isAncestor(a string, r preview.Resource) bool {
	// Parent chains are acyclic; the bound only guards against bad input.
	for p, hops := r.Parent, 0; p != "" && hops <= len(g.nodes); p, hops = g.nodes[p].Parent, hops+1 {
		if p == a {
			return true
		}
	}
	return false
}

// finish returns the modelled finish time of u (longest path ending at u).
func (g *deployGraph) finish(u string) (int, error) {
	if t, ok := g.done[u]; ok {
		return t, nil
	}
	if g.visiting[u] {
		return 0, fmt.Errorf("dependency cycle through %s", u)
	}
	g.visiting[u] = true
	start, via := 0, ""
	for _, p := range g.waitsFor[u] {
		t, err := g.finish(p)
		if err != nil {
			return 0, err
		}
		if t > start || (t == start && via != "" && p < via) {
			start, via = t, p
		}
	}
	delete(g.visiting, u)
	r := g.nodes[u]
	g.done[u] = start + CreateSeconds(r.Type, r.Custom)
	g.via[u] = via
	return g.done[u], nil
}
