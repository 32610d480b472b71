package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// collapsedTypes are shown as one "N × type" line per parent: there are
// many of them and each says little (cluster-autoscaler tags).
var collapsedTypes = map[string]string{
	"aws:autoscaling/tag:Tag": "cluster-autoscaler tags on the node groups' Auto Scaling groups",
}

// resourceTree returns the tree rows: component → children, each with its
// type and key settings. Children are ordered by type, then name.
func resourceTree(rs []preview.Resource, s styler) *treeRows {
	byURN := map[string]preview.Resource{}
	children := map[string][]preview.Resource{}
	for _, r := range rs {
		byURN[r.URN] = r
	}
	var roots []preview.Resource
	for _, r := range rs {
		if _, ok := byURN[r.Parent]; ok {
			children[r.Parent] = append(children[r.Parent], r)
		} else {
			roots = append(roots, r)
		}
	}
	tr := &treeRows{children: children, index: newResourceIndex(rs), s: s}
	sortResources(roots)
	for _, r := range roots {
		tr.add(r, "", "")
	}
	return tr
}

type treeRows struct {
	children map[string][]preview.Resource
	index    resourceIndex
	s        styler
	// rows are (name with its tree lead, type, settings).
	rows [][]string
	// conts continue each row's tree lines on a line of its own (its
	// settings when they do not fit beside it).
	conts []string
}

// row appends a row and its continuation lead.
func (t *treeRows) row(cells []string, cont string) {
	t.rows = append(t.rows, cells)
	t.conts = append(t.conts, cont)
}

// add appends r's row and, recursively, its children's.
func (t *treeRows) add(r preview.Resource, lead, childLead string) {
	at := len(t.rows)
	t.row([]string{lead + r.Name, t.s.dim(displayType(r.Type)), t.index.settings(r)}, childLead+"   ")
	kids := t.children[r.URN]
	sortResources(kids)
	type entry struct {
		res   *preview.Resource
		label string
		typ   string
	}
	var entries []entry
	collapsed := map[string]int{}
	for i := range kids {
		if _, ok := collapsedTypes[kids[i].Type]; ok {
			if collapsed[kids[i].Type] == 0 {
				entries = append(entries, entry{typ: kids[i].Type})
			}
			collapsed[kids[i].Type]++
			continue
		}
		entries = append(entries, entry{res: &kids[i]})
	}
	if len(entries) > 0 {
		t.conts[at] = childLead + "│  "
	}
	for i, e := range entries {
		branch, next := "├─ ", "│  "
		if i == len(entries)-1 {
			branch, next = "└─ ", "   "
		}
		if e.res == nil {
			t.row([]string{
				childLead + branch + fmt.Sprintf("%d ×", collapsed[e.typ]), t.s.dim(displayType(e.typ)), collapsedTypes[e.typ],
			}, childLead+next+"   ")
			continue
		}
		t.add(*e.res, childLead+branch, childLead+next)
	}
}

// displayType shortens a type token the way the Pulumi CLI displays it:
// aws:ec2/vpc:Vpc becomes aws:ec2:Vpc. Other tokens are unchanged.
func displayType(typ string) string {
	parts := strings.Split(typ, ":")
	if len(parts) != 3 {
		return typ
	}
	mod, member, ok := strings.Cut(parts[1], "/")
	if !ok || !strings.EqualFold(member, parts[2]) {
		return typ
	}
	return parts[0] + ":" + mod + ":" + parts[2]
}

func sortResources(rs []preview.Resource) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Type != rs[j].Type {
			return rs[i].Type < rs[j].Type
		}
		return rs[i].Name < rs[j].Name
	})
}

// resourceIndex finds resources by physical ID (to name a subnet's zone).
type resourceIndex struct{ byID map[string]preview.Resource }

func newResourceIndex(rs []preview.Resource) resourceIndex {
	idx := resourceIndex{byID: map[string]preview.Resource{}}
	for _, r := range rs {
		if r.ID != "" {
			idx.byID[r.ID] = r
		}
	}
	return idx
}

// zoneOf returns the availability zone of a subnet id, or "".
func (x resourceIndex) zoneOf(subnetID any) string {
	id, _ := subnetID.(string)
	return str(x.byID[id].Inputs["availabilityZone"])
}

// settings summarises a resource's key inputs on one line, plus its data
// safety options.
func (x resourceIndex) settings(r preview.Resource) string {
	var parts []string
	if f, ok := settingsByType[r.Type]; ok {
		parts = f(r.Inputs, x)
	}
	if r.Protect {
		parts = append(parts, "protect")
	}
	if r.RetainOnDelete {
		parts = append(parts, "retainOnDelete")
	}
	if len(r.IgnoreChanges) > 0 {
		parts = append(parts, "ignoreChanges="+strings.Join(r.IgnoreChanges, ","))
	}
	return strings.Join(nonEmpty(parts), "  ")
}

func nonEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if s != "" && !strings.HasSuffix(s, "=") {
			out = append(out, s)
		}
	}
	return out
}
