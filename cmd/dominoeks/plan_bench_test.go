package main

import (
	"io"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// BenchmarkPlanCommandJSON measures `dominoeks plan --json` on the default
// stack end to end: evaluation, cost, critical path and JSON encoding.
func BenchmarkPlanCommandJSON(b *testing.B) {
	for b.Loop() {
		p, err := plan.Build(plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := writePlanJSON(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanCommandText measures the text rendering of the default stack's plan.
func BenchmarkPlanCommandText(b *testing.B) {
	p, err := plan.Build(plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := writePlanText(io.Discard, p, false); err != nil {
			b.Fatal(err)
		}
	}
}
