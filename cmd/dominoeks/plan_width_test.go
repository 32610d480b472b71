package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlanTextFitsColumns: every line of the text plan (tree, pools, outputs,
// workloads, cost, critical path, next steps) fits 120 columns, or $COLUMNS
// when set, for the default stack and a natMode none stack (the widest: it
// adds VPC endpoints and the pull-through cache).
func TestPlanTextFitsColumns(t *testing.T) {
	for _, tc := range []struct {
		name    string
		columns string
		limit   int
		args    []string
	}{
		{"default", "", 120, nil},
		{"natMode none", "", 120, []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"}},
		{"default, COLUMNS=100", "100", 100, nil},
		{"natMode none, COLUMNS=100", "100", 100, []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"}},
		{"GPU pool and ECR, COLUMNS=100", "100", 100, []string{"--set", "enableGpuPool=true", "--set", "ecr=true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("COLUMNS", tc.columns)
			stdout, stderr, code := runCLI(t, append([]string{"plan", "--no-color"}, tc.args...)...)
			require.Equal(t, 0, code, stderr)
			lines := strings.Split(stdout, "\n")
			require.Greater(t, len(lines), 100)
			for i, line := range lines {
				assert.LessOrEqual(t, len([]rune(line)), tc.limit, "line %d: %q", i+1, line)
			}
			for _, want := range []string{"aws:eks:NodeGroup", "min/max/desired=1/20/1", "ignoreChanges=scalingConfig.desiredSize", "1-20 (1)",
				"dominodatalab.com/node-pool=default", "EKS control plane", "total", "Next steps"} {
				assert.Contains(t, stdout, want, "nothing is cut off")
			}
		})
	}
}

// TestLayoutTable: a table that fits is aligned as before; one that does not
// wraps its widest breakable column at spaces and commas.
func TestLayoutTable(t *testing.T) {
	rows := [][]string{{"A", "B", "C"}, {"aaa", "b b b b", "c"}}
	assert.Equal(t, []string{"  A    B        C", "  aaa  b b b b  c"}, layoutTable(rows, 120))
	assert.Equal(t, []string{"  A    B      C", "  aaa  b b b  c", "       b"}, layoutTable(rows, 15))
	assert.Equal(t, []string{"  x  one,", "     two"}, layoutTable([][]string{{"x", "one,two"}}, 10))
	assert.Equal(t, []string{"abcd", "efgh", "ij"}, wrapCell("abcdefghij", 4), "a word longer than the column is split")
}

// TestLayoutTree: settings that do not fit beside a resource move below it,
// after the tree's vertical line, wrapped to the width.
func TestLayoutTree(t *testing.T) {
	rows := [][]string{
		{"root", "t:Root", ""},
		{"├─ child", "t:Child", "setting=a  other=b"},
		{"└─ last", "t:Leaf", "x"},
	}
	conts := []string{"│  ", "│     ", "      "}
	assert.Equal(t, []string{
		"  root      t:Root",
		"  ├─ child  t:Child  setting=a  other=b",
		"  └─ last   t:Leaf   x",
	}, layoutTree(rows, conts, 120))
	assert.Equal(t, []string{
		"  root      t:Root",
		"  ├─ child  t:Child",
		"  │       setting=a  other=b",
		"  └─ last   t:Leaf   x",
	}, layoutTree(rows, conts, 30))
}
