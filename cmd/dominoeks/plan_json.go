package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// planDocument is the `dominoeks plan --json` contract (documented in the
// README): keep field names and meanings stable.
type planDocument struct {
	Resources    []planResource    `json:"resources"`
	Outputs      map[string]any    `json:"outputs"`
	Cost         plan.Cost         `json:"cost"`
	CriticalPath plan.CriticalPath `json:"criticalPath"`
	Warnings     []string          `json:"warnings"`
	// Workloads: each workload on the cluster, the identity it runs as, each
	// need with the statements that satisfy it, and its capabilities.
	Workloads []workloads.Result `json:"workloads"`
	// Scheduling: for each of Domino's pod classes and zones, the node group
	// a pod lands on (a running node, or one the autoscaler scales from
	// zero) or why none does, and the gaps and warnings.
	Scheduling scheduling.Report `json:"scheduling"`
	// Policy is present only with --policy.
	Policy *policyReport `json:"policy,omitempty"`
}

// planResource is one resource, shaped like a `pulumi stack export` resource.
type planResource struct {
	URN            string         `json:"urn"`
	Type           string         `json:"type"`
	Custom         bool           `json:"custom"`
	Parent         string         `json:"parent"`
	Inputs         map[string]any `json:"inputs"`
	Dependencies   []string       `json:"dependencies"`
	Protect        bool           `json:"protect"`
	RetainOnDelete bool           `json:"retainOnDelete"`
	IgnoreChanges  []string       `json:"ignoreChanges"`
	// ImportID is the id of a resource the account already holds that `up`
	// adopts (Pulumi's import option), e.g. what a destroy retained.
	ImportID string `json:"importId,omitempty"`
	// Modelled marks a pulumi-eks child the engine records from its model of
	// that remote component (its provider creates it under pulumi up).
	Modelled bool `json:"modelled,omitempty"`
}

// newPlanDocument converts a plan into its JSON document: resources in URN
// order, dependencies sorted, no timestamps, so equal plans print equal bytes.
func newPlanDocument(p *plan.Plan) planDocument {
	doc := planDocument{
		Resources:    make([]planResource, 0, len(p.Resources)),
		Outputs:      p.Outputs,
		Cost:         p.Cost,
		CriticalPath: p.CriticalPath,
		Warnings:     p.Warnings,
		Workloads:    p.Workloads,
		Scheduling:   p.Scheduling,
	}
	for _, r := range p.Resources {
		deps := slices.Compact(slices.Sorted(slices.Values(r.Dependencies)))
		pr := planResource{
			URN: r.URN, Type: r.Type, Custom: r.Custom, Parent: r.Parent,
			Inputs: r.Inputs, Dependencies: deps, Protect: r.Protect,
			RetainOnDelete: r.RetainOnDelete, IgnoreChanges: r.IgnoreChanges, Modelled: r.Modelled, ImportID: r.ImportID,
		}
		if pr.Inputs == nil {
			pr.Inputs = map[string]any{}
		}
		if pr.Dependencies == nil {
			pr.Dependencies = []string{}
		}
		if pr.IgnoreChanges == nil {
			pr.IgnoreChanges = []string{}
		}
		doc.Resources = append(doc.Resources, pr)
	}
	if doc.Outputs == nil {
		doc.Outputs = map[string]any{}
	}
	if doc.Warnings == nil {
		doc.Warnings = []string{}
	}
	return doc
}

// writePlanJSON writes the plan as one indented JSON document.
func writePlanJSON(w io.Writer, p *plan.Plan) error {
	return writePlanDocument(w, newPlanDocument(p))
}

// writePlanDocument prints one plan document as indented JSON.
func writePlanDocument(w io.Writer, doc planDocument) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write plan JSON: %w", err)
	}
	return nil
}
