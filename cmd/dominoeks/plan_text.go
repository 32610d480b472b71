package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// textWriter writes the human-readable plan, remembering the first error.
type textWriter struct {
	w   io.Writer
	s   styler
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) section(title string) {
	t.printf("\n%s\n", t.s.bold(title))
}

// table writes rows of tab-separated cells aligned in columns, indented.
// Every row keeps all its cells (empty ones too) so columns stay aligned.
func (t *textWriter) table(rows [][]string) {
	if t.err != nil {
		return
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, "  "+strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		t.err = err
		return
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" {
			t.printf("%s\n", strings.TrimRight(line, " \n"))
		}
	}
}

// writePlanText writes the plan for people: header, resource tree, node
// pools, outputs, installer values, warnings, cost and critical path.
func writePlanText(w io.Writer, p *plan.Plan, color bool) error {
	t := &textWriter{w: w, s: styler{on: color}}
	t.printf("%s\n", t.s.bold(fmt.Sprintf("DominoEKS %q — %d resources in %s", p.Name, len(p.Resources), p.Region)))
	t.printf("Evaluated offline under mocks: ids, ARNs and addresses are placeholders.\n")

	t.section("Resources")
	t.table(resourceTree(p.Resources, t.s))

	t.section("Node pools")
	t.table(poolRows(p.NodeGroups))

	t.section("Outputs")
	rows, blocks := outputRows(p.Outputs)
	t.table(rows)
	for _, b := range blocks {
		t.printf("\n  %s:\n", b.name)
		for _, line := range b.lines {
			t.printf("    %s\n", line)
		}
	}

	if v, ok := p.Outputs["installerValues"].(string); ok && v != "" {
		t.section("Domino installer values")
		for _, line := range strings.Split(strings.TrimRight(v, "\n"), "\n") {
			t.printf("  %s\n", line)
		}
	}

	writeWorkloads(t, p.Workloads)
	t.writeWarnings(p.Warnings)

	writeCost(t, p.Cost)
	writeCriticalPath(t, p.CriticalPath)
	t.writeNextSteps()
	return t.err
}

// poolRows is the node pool table: one row per node group.
func poolRows(groups []plan.NodeGroup) [][]string {
	rows := [][]string{{"POOL", "NODE GROUP", "AZ", "INSTANCE", "MIN", "MAX", "DESIRED", "DISK", "CAPACITY", "LABELS", "TAINTS"}}
	for _, ng := range groups {
		azs := strings.Join(ng.AvailabilityZones, ",")
		if azs == "" {
			azs = strings.Join(ng.SubnetIDs, ",")
		}
		disk := "?"
		if ng.DiskGiB > 0 {
			disk = strconv.Itoa(ng.DiskGiB) + " GiB"
		}
		rows = append(rows, []string{
			ng.Pool, ng.Name, azs, strings.Join(ng.InstanceTypes, ","),
			strconv.Itoa(ng.MinSize), strconv.Itoa(ng.MaxSize), strconv.Itoa(ng.DesiredSize),
			disk, ng.CapacityType, joinMap(ng.Labels), orDash(strings.Join(ng.Taints, ",")),
		})
	}
	return rows
}

// outputBlock is a multi-line output, printed below the outputs table so the
// table's columns stay aligned.
type outputBlock struct {
	name  string
	lines []string
}

// outputRows lists the component outputs; installer values get their own
// section, and multi-line values (storageClassManifest) a block below the
// table, referenced from their row.
func outputRows(outs map[string]any) ([][]string, []outputBlock) {
	keys := make([]string, 0, len(outs))
	for k := range outs {
		if k != "installerValues" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	rows := make([][]string, 0, len(keys))
	var blocks []outputBlock
	for _, k := range keys {
		v := compactValue(outs[k])
		if lines := strings.Split(strings.TrimRight(v, "\n"), "\n"); len(lines) > 1 {
			blocks = append(blocks, outputBlock{name: k, lines: lines})
			v = fmt.Sprintf("(%d lines, below)", len(lines))
		}
		rows = append(rows, []string{k, v})
	}
	return rows, blocks
}

// orDash shows an empty cell as "-".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// compactValue formats a value on one line: strings as they are, others as JSON.
func compactValue(v any) string {
	if s, ok := v.(string); ok {
		if s == "" {
			return `""`
		}
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// joinMap formats a map as sorted k=v pairs.
func joinMap(m map[string]string) string {
	parts := make([]string, 0, len(m))
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
