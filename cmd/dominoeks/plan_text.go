package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
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
	lines := sectionLines(title, textColumns())
	t.printf("\n%s\n", t.s.bold(lines[0]))
	for _, l := range lines[1:] {
		t.printf("%s\n", t.s.bold(l))
	}
}

// block writes the lines of a multi-line value indented by indent, each
// shortened to fit the text width, and says so when one was.
func (t *textWriter) block(lines []string, indent string) {
	width := textColumns() - len(indent)
	shortened := false
	for _, line := range lines {
		l, s := fitLine(line, width)
		shortened = shortened || s
		t.printf("%s%s\n", indent, l)
	}
	if shortened {
		t.printf("%s%s\n", indent, t.s.dim("(… marks values shortened to fit "+strconv.Itoa(textColumns())+" columns; plan --json has them whole)"))
	}
}

// table writes rows of cells aligned in columns, indented, within the
// text width ($COLUMNS, else 120): cells too wide wrap onto continuation lines.
func (t *textWriter) table(rows [][]string) {
	for _, line := range layoutTable(rows, textColumns()) {
		t.printf("%s\n", line)
	}
}

// writePlanText writes the plan for people: header, resource tree, node
// pools, outputs, installer values, warnings, cost and critical path.
func writePlanText(w io.Writer, p *plan.Plan, color bool) error {
	t := &textWriter{w: w, s: styler{on: color}}
	t.printf("%s\n", t.s.bold(fmt.Sprintf("DominoEKS %q — %d resources in %s", p.Name, len(p.Resources), p.Region)))
	t.printf("Evaluated offline under mocks: ids, ARNs and addresses are placeholders.\n")

	t.section("Resources")
	tree := resourceTree(p.Resources, t.s)
	for _, line := range layoutTree(tree.rows, tree.conts, textColumns()) {
		t.printf("%s\n", line)
	}

	t.section("Node pools")
	t.table(poolRows(p.NodeGroups))
	t.printf("\n")
	t.table(poolLabelRows(p.NodeGroups))
	if len(p.NodePools) > 0 {
		t.printf("\n")
		t.table(nodePoolRows(p.NodePools))
		t.printf("%s", nodePoolNote(p.NodePools[0]))
	}

	t.section("Outputs")
	rows, blocks := outputRows(p.Outputs)
	t.table(rows)
	for _, b := range blocks {
		t.printf("\n  %s:\n", b.name)
		t.block(b.lines, "    ")
	}

	if v, ok := p.Outputs["installerValues"].(string); ok && v != "" {
		t.section("Domino installer values")
		t.block(strings.Split(strings.TrimRight(v, "\n"), "\n"), "  ")
	}

	writeWorkloads(t, p.Workloads)
	writeScheduling(t, p.Scheduling)
	t.writeWarnings(p.Warnings)

	writeCost(t, p.Cost)
	writeCriticalPath(t, p.CriticalPath)
	t.writeNextSteps()
	return t.err
}

// poolRows is the node pool table: one row per node group; sizes are
// min-max (desired).
func poolRows(groups []plan.NodeGroup) [][]string {
	rows := [][]string{{"POOL", "NODE GROUP", "AZ", "INSTANCE", "NODES", "DISK", "CAPACITY"}}
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
			fmt.Sprintf("%d-%d (%d)", ng.MinSize, ng.MaxSize, ng.DesiredSize),
			disk, ng.CapacityType,
		})
	}
	return rows
}

// nodePoolRows is the table of Karpenter's NodePools: no minimum, at most
// limits.nodes, and their taints.
func nodePoolRows(pools []workloads.NodePool) [][]string {
	rows := [][]string{{"POOL", "NODEPOOL", "ZONES", "INSTANCE", "NODES", "DISK", "CAPACITY", "TAINTS"}}
	for _, np := range pools {
		disk := "?"
		if np.DiskGiB > 0 {
			disk = strconv.Itoa(np.DiskGiB) + " GiB"
		}
		var taints []string
		for _, t := range np.Taints {
			taints = append(taints, taintString(t))
		}
		rows = append(rows, []string{np.Pool, np.Name, strconv.Itoa(len(np.Zones)), strings.Join(np.InstanceTypes, ","),
			fmt.Sprintf("0-%d", np.MaxNodes), disk, np.CapacityType, orDash(strings.Join(taints, ","))})
	}
	return rows
}

// nodePoolNote says how Karpenter treats every NodePool's nodes.
func nodePoolNote(np workloads.NodePool) string {
	var startup []string
	for _, t := range np.StartupTaints {
		startup = append(startup, taintString(t))
	}
	return fmt.Sprintf("  Karpenter NodePools: no minimum (empty at rest); consolidationPolicy %s, expireAfter %s;\n"+
		"  startup taints %s\n",
		np.ConsolidationPolicy, np.ExpireAfter, orDash(strings.Join(startup, ",")))
}

// taintString is key[=value]:Effect.
func taintString(t workloads.Taint) string {
	if t.Value == "" {
		return t.Key + ":" + t.Effect
	}
	return t.Key + "=" + t.Value + ":" + t.Effect
}

// poolLabelRows lists each pool's Kubernetes labels and taints (the same
// on every node group of the pool), in the order the pools first appear.
func poolLabelRows(groups []plan.NodeGroup) [][]string {
	rows := [][]string{{"POOL", "LABELS", "TAINTS"}}
	seen := map[string]bool{}
	for _, ng := range groups {
		if seen[ng.Pool] {
			continue
		}
		seen[ng.Pool] = true
		rows = append(rows, []string{ng.Pool, joinMap(ng.Labels), orDash(strings.Join(ng.Taints, ","))})
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
