package scheduling

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/component-helpers/scheduling/corev1/nodeaffinity"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// How a class gets a node in a zone.
const (
	// OnRunningNode: the group always has a node there (min size >= 1 in
	// that zone) and the pod fits it.
	OnRunningNode = "running node"
	// FromZero: the autoscaler scales the group from zero for the pod
	// under every behaviour, and the pod fits the node it gets.
	FromZero = "scale from zero"
)

// Placement is where one class runs in one zone (NodeGroup empty: nowhere).
type Placement struct {
	Class     string `json:"class"`
	Zone      string `json:"zone"`
	NodeGroup string `json:"nodeGroup,omitempty"`
	How       string `json:"how,omitempty"`
	// Problem says why no group takes the class in the zone.
	Problem string `json:"problem,omitempty"`
}

// Reasons a class or DaemonSet cannot run on a node group.
const (
	ReasonLabel     = "label"     // the nodes lack a label it selects
	ReasonTaint     = "taint"     // the nodes carry a taint it does not tolerate
	ReasonZone      = "zone"      // the node is not in its volume's zone
	ReasonResources = "resources" // the node is too small for it and the DaemonSets
	ReasonUnknown   = "unknown"   // the instance type or zone is not known
)

// Finding is a class or DaemonSet that cannot run where it must.
type Finding struct {
	// Subject is a pod class ID or "daemonset/<id>".
	Subject string `json:"subject"`
	// Reason is one of the Reason constants.
	Reason string `json:"reason"`
	// Pool is the node pool of NodeGroup.
	Pool      string `json:"pool,omitempty"`
	NodeGroup string `json:"nodeGroup,omitempty"`
	Zone      string `json:"zone,omitempty"`
	Problem   string `json:"problem"`
	// Taint and Label name what blocks it ("key=value:Effect", "key=value").
	Taint  string `json:"taint,omitempty"`
	Label  string `json:"label,omitempty"`
	Source string `json:"source"`
	URN    string `json:"-"`
}

// Report is the model's answer for one cluster.
type Report struct {
	// Autoscaler names the behaviours every pool at zero was evaluated under.
	Autoscaler []string    `json:"autoscaler"`
	Placements []Placement `json:"placements"`
	// Gaps fail the plan; Warnings concern optional classes and pools.
	Gaps     []Finding `json:"gaps,omitempty"`
	Warnings []Finding `json:"warnings,omitempty"`
}

// Evaluate decides, for every pod class and zone, the node group a pod of
// the class lands on, and whether every DaemonSet runs where it must.
func Evaluate(c Cluster) Report {
	r := Report{}
	behaviours := Behaviours(c.KubernetesVersion)
	for _, b := range behaviours {
		r.Autoscaler = append(r.Autoscaler, b.Name)
	}
	e := &evaluator{c: c, ds: daemonSetsOf(c), behaviours: behaviours, zoneKeys: volumeZoneKeys(c.EBSCSIVersion),
		running: map[string]nodeOrErr{}, templates: map[string]nodeOrErr{}, load: map[*corev1.Node]corev1.ResourceList{}}
	for _, cl := range Classes(c) {
		e.class(&r, cl)
	}
	for _, g := range c.Groups {
		e.daemonSets(&r, g)
	}
	return r
}

type evaluator struct {
	c          Cluster
	ds         []DaemonSet
	behaviours []Behaviour
	zoneKeys   []string
	// running and templates memoise the nodes of each group (and zone or
	// behaviour): every class asks about the same groups.
	running, templates map[string]nodeOrErr
	// load memoises daemonSetLoad per node.
	load map[*corev1.Node]corev1.ResourceList
}

type nodeOrErr struct {
	node *corev1.Node
	err  error
}

// runningNode is RunningNode(g, z), built once per group and zone.
func (e *evaluator) runningNode(g Group, z string) (*corev1.Node, error) {
	k := g.Name + "\x00" + z
	if n, ok := e.running[k]; ok {
		return n.node, n.err
	}
	build := RunningNode
	if g.Karpenter {
		build = karpenterNode
	}
	n, err := build(g, z, e.ds)
	e.running[k] = nodeOrErr{n, err}
	return n, err
}

// zeroTemplate is ZeroTemplate(g, e.behaviours[i]), built once per group and behaviour.
func (e *evaluator) zeroTemplate(g Group, i int) (*corev1.Node, error) {
	k := g.Name + "\x00" + e.behaviours[i].Name
	if n, ok := e.templates[k]; ok {
		return n.node, n.err
	}
	n, err := ZeroTemplate(g, e.behaviours[i])
	e.templates[k] = nodeOrErr{n, err}
	return n, err
}

// volumeZoneKeys are the label keys an EBS volume's node affinity may name:
// topology.ebs.csi.aws.com/zone (driver v1.30-v1.32) or
// topology.kubernetes.io/zone (v1.33 on, CHANGELOG #2086); both when the
// version is unknown, so either must be satisfied.
func volumeZoneKeys(ebsVersion string) []string {
	v := strings.TrimPrefix(ebsVersion, "v")
	if major, rest, ok := strings.Cut(v, "."); ok && major == "1" {
		minor, _, _ := strings.Cut(rest, ".")
		var n int
		if _, err := fmt.Sscanf(minor, "%d", &n); err == nil {
			if n >= 33 {
				return []string{corev1.LabelTopologyZone}
			}
			return []string{EBSZoneLabel}
		}
	}
	return []string{corev1.LabelTopologyZone, EBSZoneLabel}
}

// class places one class in each zone it must run in.
func (e *evaluator) class(r *Report, cl PodClass) {
	zones := e.zonesFor(cl)
	if len(zones) == 0 {
		e.find(r, cl.Required, Finding{Subject: cl.ID, Reason: ReasonLabel, Problem: fmt.Sprintf("%s select %s, which no node group carries",
			cl.Name, selectorText(cl.NodeSelector)), Label: selectorText(cl.NodeSelector), Source: cl.Source})
		return
	}
	var unplaced []Finding
	for _, z := range zones {
		p, f := e.place(cl, z)
		r.Placements = append(r.Placements, p)
		if p.NodeGroup == "" {
			unplaced = append(unplaced, f)
		}
	}
	// A zonal class must run in every zone its pool serves; another in one.
	if cl.Zonal || len(unplaced) == len(zones) {
		for _, f := range unplaced {
			e.find(r, cl.Required, f)
		}
	}
}

func (e *evaluator) find(r *Report, required bool, f Finding) {
	if required {
		r.Gaps = append(r.Gaps, f)
	} else {
		r.Warnings = append(r.Warnings, f)
	}
}

// zonesFor lists the zones of the groups whose nodes carry the class's
// selector labels (zonal classes must run in each; the rest in one).
func (e *evaluator) zonesFor(cl PodClass) []string {
	var zones []string
	for _, g := range e.c.Groups {
		if !hasLabels(g.Labels, cl.NodeSelector) {
			continue
		}
		for _, z := range g.Zones {
			if !slices.Contains(zones, z) {
				zones = append(zones, z)
			}
		}
	}
	slices.Sort(zones)
	return zones
}

func hasLabels(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// place finds the group a pod of the class lands on in zone z: a running
// node first, else a group the autoscaler scales from zero.
func (e *evaluator) place(cl PodClass, z string) (Placement, Finding) {
	p := Placement{Class: cl.ID, Zone: z}
	var first *Finding
	for _, how := range []string{OnRunningNode, FromZero} {
		for _, g := range e.c.Groups {
			if !slices.Contains(g.Zones, z) || (how == OnRunningNode) != g.neverEmpty() {
				continue
			}
			f := e.fits(cl, g, z)
			if f == nil {
				p.NodeGroup, p.How = g.Name, how
				if g.Karpenter {
					p.How = ByKarpenter
				}
				return p, Finding{}
			}
			if first == nil || (first.Label != "" && f.Label == "") {
				first = f // prefer a group that carries the labels: its reason is the telling one
			}
		}
	}
	if first == nil {
		first = &Finding{Subject: cl.ID, Reason: ReasonZone, Zone: z, Problem: "no node group runs in " + z, Source: cl.Source}
	}
	p.Problem = first.Problem
	return p, *first
}

// describe names the group in a problem: a node group by name, a
// Karpenter NodePool as such.
func (g Group) describe() string {
	if g.Karpenter {
		return "NodePool " + g.Name
	}
	return g.Name
}

// neverEmpty: the group always has a node in each of its zones, so the
// autoscaler never uses its size-0 template.
func (g Group) neverEmpty() bool { return workloads.NeverEmpty(g.Min, len(g.Zones)) }

// fits decides whether a pod of the class bound to zone z runs on the group:
// on its running node, and, when the group may be at zero, on the template
// of every autoscaler behaviour. nil when it does.
func (e *evaluator) fits(cl PodClass, g Group, z string) *Finding {
	pod := e.pod(cl, z)
	node, err := e.runningNode(g, z)
	if err != nil {
		return &Finding{Subject: cl.ID, Reason: ReasonUnknown, NodeGroup: g.Name, Zone: z, Problem: err.Error(), Source: cl.Source, URN: g.URN}
	}
	what := "its nodes"
	if g.Karpenter {
		what = "the nodes Karpenter launches"
	}
	if f := e.fitsNode(cl, pod, node, g, z, what); f != nil {
		if g.Karpenter {
			f.Source = cl.Source + "; " + srcKarpenterScheduling
		}
		return f
	}
	if g.neverEmpty() || g.Karpenter {
		return nil // Karpenter decides from the NodePool itself: no autoscaler template
	}
	for i, b := range e.behaviours {
		tmpl, err := e.zeroTemplate(g, i)
		if err != nil {
			return &Finding{Subject: cl.ID, Reason: ReasonUnknown, NodeGroup: g.Name, Zone: z, Problem: err.Error(), Source: srcCA, URN: g.URN}
		}
		if f := e.fitsNode(cl, pod, tmpl, g, z, "the autoscaler's template at size 0 ("+b.Name+")"); f != nil {
			f.Source = srcCA + "; " + cl.Source
			return f
		}
	}
	return nil
}

// pod is the class's admitted pod, bound to zone z when zonal: its volume's
// node affinity requires the zone under every key the driver may write.
func (e *evaluator) pod(cl PodClass, z string) *corev1.Pod {
	pod := cl.Pod()
	if !cl.Zonal {
		return pod
	}
	var reqs []corev1.NodeSelectorRequirement
	for _, k := range e.zoneKeys {
		reqs = append(reqs, corev1.NodeSelectorRequirement{Key: k, Operator: corev1.NodeSelectorOpIn, Values: []string{z}})
	}
	pod.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{
		NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: reqs}},
	}}}
	return pod
}

// fitsNode is the scheduler's verdict for pod on node: required node
// affinity and selector (k8s.io/component-helpers), taints
// (FindMatchingUntoleratedTaint) and resources with the DaemonSets that run
// there. what names the node in the problem.
func (e *evaluator) fitsNode(cl PodClass, pod *corev1.Pod, node *corev1.Node, g Group, z, what string) *Finding {
	f := &Finding{Subject: cl.ID, NodeGroup: g.Name, Pool: g.Pool, Zone: z, Source: cl.Source, URN: g.URN}
	if ok, _ := nodeaffinity.GetRequiredNodeAffinity(pod).Match(node); !ok {
		for _, k := range slices.Sorted(maps.Keys(cl.NodeSelector)) {
			if node.Labels[k] != cl.NodeSelector[k] {
				f.Reason, f.Label = ReasonLabel, k+"="+cl.NodeSelector[k]
				f.Problem = fmt.Sprintf("%s: %s of %s lack the label %s", cl.Name, what, g.describe(), f.Label)
				return f
			}
		}
		f.Reason = ReasonZone
		f.Problem = fmt.Sprintf("%s with a volume in %s: %s of %s are in %s (labels %s)", cl.Name, z, what, g.describe(),
			node.Labels[corev1.LabelTopologyZone], zoneLabels(node, e.zoneKeys))
		return f
	}
	if t, found := untolerated(node.Spec.Taints, pod.Spec.Tolerations); found {
		f.Reason, f.Taint = ReasonTaint, taintText(t)
		f.Problem = fmt.Sprintf("%s: %s of %s carry the taint %s, which they do not tolerate", cl.Name, what, g.describe(), f.Taint)
		return f
	}
	if short := e.shortfall(pod, node); short != "" {
		f.Reason = ReasonResources
		f.Problem = fmt.Sprintf("%s: %s of %s are too small: %s", cl.Name, what, g.describe(), short)
		return f
	}
	return nil
}

// shortfall compares the pod's requests plus those of the DaemonSets that
// run on the node with the node's allocatable; "" when everything fits.
func (e *evaluator) shortfall(pod *corev1.Pod, node *corev1.Node) string {
	need := SumRequests(pod.Spec.Containers[0].Resources.Requests, onePod, e.daemonSetLoad(node))
	var short []string
	for _, k := range slices.Sorted(maps.Keys(need)) {
		have := node.Status.Allocatable[k]
		if n := need[k]; n.Cmp(have) > 0 {
			short = append(short, fmt.Sprintf("%s %s needed with the DaemonSets, %s allocatable", k, n.String(), have.String()))
		}
	}
	return strings.Join(short, "; ")
}

// onePod is the pod slot a pod takes.
var onePod = corev1.ResourceList{corev1.ResourcePods: *resource.NewQuantity(1, resource.DecimalSI)}

// daemonSetLoad is what the DaemonSets that run on node request there, a pod
// slot each; computed once per node (nodes are memoised too).
func (e *evaluator) daemonSetLoad(node *corev1.Node) corev1.ResourceList {
	if l, ok := e.load[node]; ok {
		return l
	}
	var lists []corev1.ResourceList
	for _, ds := range e.ds {
		if ok, _ := ds.RunsOn(node); ok {
			lists = append(lists, ds.Requests, onePod)
		}
	}
	l := SumRequests(lists...)
	e.load[node] = l
	return l
}

// SumRequests adds resource lists up (a pod's containers, or a node's pods).
func SumRequests(lists ...corev1.ResourceList) corev1.ResourceList {
	sum := corev1.ResourceList{}
	for _, l := range lists {
		for k, v := range l {
			q := sum[k]
			q.Add(v)
			sum[k] = q
		}
	}
	return sum
}

// daemonSets checks that every DaemonSet runs on the group's nodes, and that
// the EBS CSI node plugin, which removes the startup taint, tolerates it.
func (e *evaluator) daemonSets(r *Report, g Group) {
	if len(g.Zones) == 0 {
		return
	}
	node, err := e.runningNode(g, g.Zones[0])
	if err != nil {
		return // the class placements report it
	}
	for _, ds := range e.ds {
		if !ds.MustRun(g) {
			continue
		}
		target := node
		if ds.ID == "ebs-csi-node" {
			target = node.DeepCopy()
			for _, t := range append(slices.Clone(g.Taints), g.StartupTaints...) {
				if t.Key == EBSStartupTaintKey {
					target.Spec.Taints = append(target.Spec.Taints, corev1.Taint{Key: t.Key, Value: t.Value, Effect: corev1.TaintEffect(t.Effect)})
				}
			}
		}
		ok, taint := ds.RunsOn(target)
		if ok {
			continue
		}
		f := Finding{Subject: "daemonset/" + ds.ID, NodeGroup: g.Name, Pool: g.Pool, Source: ds.Source, URN: g.URN}
		if taint != nil {
			f.Reason, f.Taint = ReasonTaint, taintText(*taint)
			f.Problem = fmt.Sprintf("%s must run on %s but does not tolerate %s's taint %s", ds.Name, ds.MustRunText, g.Name, f.Taint)
		} else {
			f.Reason, f.Label = ReasonLabel, selectorText(ds.NodeSelector)
			f.Problem = fmt.Sprintf("%s must run on %s but selects %s, which %s's nodes lack", ds.Name, ds.MustRunText, f.Label, g.Name)
		}
		e.find(r, !g.Additional, f)
	}
}

func taintText(t corev1.Taint) string {
	if t.Value == "" {
		return t.Key + ":" + string(t.Effect)
	}
	return t.Key + "=" + t.Value + ":" + string(t.Effect)
}

func selectorText(sel map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(sel)) {
		parts = append(parts, k+"="+sel[k])
	}
	return strings.Join(parts, ",")
}

func zoneLabels(node *corev1.Node, keys []string) string {
	var parts []string
	for _, k := range keys {
		v, ok := node.Labels[k]
		if !ok {
			v = "(none)"
		}
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ", ")
}
