package plan

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// SchedulingRulePrefix prefixes the rule of a scheduling violation: a pod
// class or DaemonSet of Domino's that has nowhere to run.
const SchedulingRulePrefix = "scheduling:"

// evaluateScheduling places every pod class of Domino's on the plan's node
// groups (internal/scheduling). A required class or DaemonSet with nowhere
// to run is a *preview.ViolationError naming the class, node group, taint
// or label and the source, like a workload gap; problems of optional
// classes (executions on additional pools) come back as warnings.
func evaluateScheduling(res *preview.Result, d *workloads.Deployment) (scheduling.Report, []string, error) {
	report := scheduling.Evaluate(scheduling.FromDeployment(d))
	warnings := schedulingWarnings(report.Warnings)
	var gaps []preview.Violation
	for _, f := range report.Gaps {
		urn := f.URN
		if urn == "" {
			urn = componentURN(res)
		}
		gaps = append(gaps, preview.Violation{Rule: SchedulingRulePrefix + f.Subject, URN: urn, Problem: f.Problem, Source: f.Source})
	}
	if len(gaps) > 0 {
		return report, warnings, &schedulingError{ViolationError: &preview.ViolationError{Violations: gaps}, gaps: report.Gaps}
	}
	return report, warnings, nil
}

// schedulingWarnings words the warnings once per pool and blocking taint or
// label: which of Domino's pods cannot use the pool, and its node groups.
func schedulingWarnings(findings []scheduling.Finding) []string {
	type key struct{ pool, what string }
	subjects, groups := map[key][]string{}, map[key][]string{}
	var order []key
	for _, f := range findings {
		pool := f.Pool
		what := "the taint " + f.Taint
		if f.Taint == "" {
			what = f.Reason + " " + f.Label
		}
		k := key{pool, what}
		if _, ok := subjects[k]; !ok {
			order = append(order, k)
		}
		if !slices.Contains(subjects[k], f.Subject) {
			subjects[k] = append(subjects[k], f.Subject)
		}
		if f.NodeGroup != "" && !slices.Contains(groups[k], f.NodeGroup) {
			groups[k] = append(groups[k], f.NodeGroup)
		}
	}
	var out []string
	for _, k := range order {
		out = append(out, fmt.Sprintf("scheduling: pool %s (%s) has %s, and no Domino pod tolerates or selects it: %s cannot run "+
			"there; remove it if Domino's executions are to use the pool (Domino's hardware tiers select by node-pool label "+
			"and carry no tolerations)", k.pool, strings.Join(groups[k], ", "), k.what, strings.Join(subjects[k], ", ")))
	}
	return out
}

// schedulingError is a scheduling violation with the findings behind it, so
// that the settings that cause them can be named.
type schedulingError struct {
	*preview.ViolationError
	gaps []scheduling.Finding
}

// Unwrap returns the violations.
func (e *schedulingError) Unwrap() error { return e.ViolationError }

// explainScheduling turns scheduling gaps that settings cause into a
// *ConfigError naming them (`dominoeks plan` exits 2); a gap no setting
// explains stays a violation (exit 1: the component's own fault).
func explainScheduling(err error, in causeInput) error {
	var se *schedulingError
	if !errors.As(err, &se) {
		return err
	}
	var problems []*domino.FieldError
	seen := map[string]bool{}
	for _, f := range se.gaps {
		fe := schedulingCause(in, f)
		if fe == nil {
			return se.ViolationError
		}
		if key := fe.Field + "\x00" + fmt.Sprint(fe.Value); !seen[key] {
			seen[key] = true
			problems = append(problems, fe)
		}
	}
	return &ConfigError{Err: &domino.ValidationError{Problems: problems}}
}

// schedulingCause names the pool setting that leaves a class or DaemonSet
// nowhere to run: a taint the user wrote, a label value the user wrote over
// the pool's own, a renamed seed pool, instance types the user chose, or a
// spanning group.
func schedulingCause(in causeInput, f scheduling.Finding) *domino.FieldError {
	problem := f.Problem + " [" + SchedulingRulePrefix + f.Subject + ", source: " + f.Source + "]"
	name := urnName(f.URN)
	if f.URN == "" {
		// A NodePool emitted to kubernetesSetup (private API) has no URN.
		name = in.name + "-nodepool-" + f.NodeGroup
		if _, ok := in.groups[name]; !ok || f.NodeGroup == "" {
			return renamedPool(in, f, problem)
		}
	}
	o, ok := in.groups[name]
	if !ok {
		return nil
	}
	w := o.Written
	switch f.Reason {
	case scheduling.ReasonTaint:
		key, _, _ := strings.Cut(f.Taint, ":")
		key, _, _ = strings.Cut(key, "=")
		if slices.ContainsFunc(w.Taints, func(t domino.Taint) bool { return t.Key == key }) {
			return &domino.FieldError{Field: o.Field + ".taints", Value: f.Taint, Problem: problem,
				Fix: "remove the taint: Domino's hardware tiers and per-node pods carry no toleration for it"}
		}
	case scheduling.ReasonLabel:
		key, _, _ := strings.Cut(f.Label, "=")
		if _, ok := w.Labels[key]; ok {
			return &domino.FieldError{Field: o.Field + ".labels", Value: key + "=" + w.Labels[key], Problem: problem,
				Fix: "leave " + key + " to the pool (" + f.Label + ")"}
		}
	case scheduling.ReasonResources:
		if len(w.InstanceTypes) > 0 {
			return &domino.FieldError{Field: o.Field + ".instanceTypes", Value: w.InstanceTypes, Problem: problem,
				Fix: "choose a larger instance type"}
		}
	case scheduling.ReasonZone:
		if w.SpanAZs != nil && *w.SpanAZs {
			return &domino.FieldError{Field: o.Field + ".spanAZs", Value: true, Problem: problem,
				Fix: "remove spanAZs: one node group per zone lets the autoscaler add a node in the volume's zone"}
		}
	}
	return nil
}

// renamedPool explains a class whose selector no group carries: the user
// wrote the label Domino's default tiers select (node-pool platform or
// default, domino/build-node) away on the seed pool that carries it. (A
// renamed seed pool keeps its node-pool label: labels are merged.)
func renamedPool(in causeInput, f scheduling.Finding, problem string) *domino.FieldError {
	a := in.args
	key, value, _ := strings.Cut(f.Label, "=")
	for field, p := range map[string]*domino.NodePool{"platformPool": a.PlatformPool, "defaultPool": a.DefaultPool} {
		if p == nil {
			continue
		}
		if v, ok := p.Labels[key]; ok && v != value {
			return &domino.FieldError{Field: field + ".labels", Value: key + "=" + v, Problem: problem,
				Fix: "leave " + key + " to the pool (" + f.Label + ")"}
		}
	}
	return nil
}
