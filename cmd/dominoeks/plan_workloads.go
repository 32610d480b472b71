package main

import (
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// writeWorkloads writes what each workload on the cluster runs as and
// whether the plan gives it what it needs (the workload table).
func writeWorkloads(t *textWriter, results []workloads.Result) {
	if len(results) == 0 {
		return
	}
	t.section("Domino's workloads on the cluster")
	rows := [][]string{{"WORKLOAD", "RUNS AS", "NEEDS", "STATUS"}}
	for _, r := range results {
		who := string(r.IdentityKind)
		if r.Identity != "" {
			who = r.Identity[strings.LastIndex(r.Identity, "/")+1:]
		}
		caps := make([]string, 0, len(r.Capabilities))
		for _, c := range r.Capabilities {
			caps = append(caps, c.ID)
		}
		needs := fmt.Sprintf("%d grant(s)", len(r.Needs))
		if len(caps) > 0 {
			needs += ", " + strings.Join(caps, ", ")
		}
		// No colour inside the table: escape codes would break the column widths.
		rows = append(rows, []string{r.ID, who, needs, string(r.Status)})
	}
	t.table(rows)
}

// writeScheduling writes where each of Domino's pod classes runs in each
// zone (the scheduling model): the node group and whether a running node
// takes the pod or the autoscaler scales the group from zero.
func writeScheduling(t *textWriter, r scheduling.Report) {
	if len(r.Placements) == 0 {
		return
	}
	t.section("Where Domino's pods run")
	rows := [][]string{{"POD CLASS", "ZONE", "NODE GROUP", "HOW"}}
	for _, p := range r.Placements {
		group, how := p.NodeGroup, p.How
		if group == "" {
			group, how = "none", p.Problem
		}
		rows = append(rows, []string{p.Class, p.Zone, group, how})
	}
	t.table(rows)
}
