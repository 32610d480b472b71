package main

import (
	"io"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/policy"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// policyReport is the --policy result: the rules checked and what broke them.
type policyReport struct {
	Rules      []string           `json:"rules"`
	Violations []policy.Violation `json:"violations"`
}

// checkPolicy evaluates every invariant of internal/policy on the plan.
func checkPolicy(p *plan.Plan) *policyReport {
	rep := &policyReport{Violations: policy.Check(&preview.Result{Resources: p.Resources, Outputs: p.Outputs})}
	for _, r := range policy.Rules() {
		rep.Rules = append(rep.Rules, r.ID)
	}
	if rep.Violations == nil {
		rep.Violations = []policy.Violation{}
	}
	return rep
}

// writePolicyText prints the policy section of the human output.
func writePolicyText(w io.Writer, rep *policyReport, color bool) error {
	t := &textWriter{w: w, s: styler{on: color}}
	t.section("Policy")
	if len(rep.Violations) == 0 {
		t.printf("  %s all %d invariants hold\n", t.s.green("✓"), len(rep.Rules))
		return t.err
	}
	for _, v := range rep.Violations {
		t.printf("  %s %s\n", t.s.red("✗"), v.String())
	}
	t.printf("  %d violation(s) of %d invariants\n", len(rep.Violations), len(rep.Rules))
	return t.err
}
