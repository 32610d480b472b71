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
		{"default, COLUMNS=80", "80", 80, nil},
		{"natMode none, COLUMNS=80", "80", 80, []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"}},
		{"GPU pool, ECR and a customer key, COLUMNS=80", "80", 80, []string{"--set", "enableGpuPool=true", "--set", "ecr=true",
			"--set", "kmsKeyArn=arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}},
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
			want := []string{"aws:eks:NodeGroup", "min/max/desired=1/20/1", "ignoreChanges=scalingConfig.desiredSize", "1-20 (1)",
				"dominodatalab.com/node-pool=default", "EKS control plane", "total", "Next steps"}
			if tc.limit < 100 {
				// Table cells wrap at 80 columns: what stays on one line.
				want = []string{"aws:eks:NodeGroup", "min/max/desired=1/20/1", "total", "Deploy critical path (modelled)",
					"Estimated monthly cost", "  (USD, us-west-2, on-demand prices of", "sse_kms_key_id: arn:aws:kms:us-west-2:123456789012:", "Next steps"}
			}
			for _, w := range want {
				assert.Contains(t, stdout, w, "nothing is cut off")
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

// TestFitLine: a long YAML line keeps its key and the value's ends; a
// heading too wide puts its last parenthesis on the next line.
func TestFitLine(t *testing.T) {
	line := "        sse_kms_key_id: arn:aws:kms:us-west-2:123456789012:key/a06ed27f-0e9f-0d7b-7c4e-3834379c9da8"
	got, shortened := fitLine(line, 78)
	assert.True(t, shortened)
	assert.Equal(t, 78, len([]rune(got)))
	assert.True(t, strings.HasPrefix(got, "        sse_kms_key_id: arn:aws:kms:us-west-2:"), got)
	assert.True(t, strings.HasSuffix(got, "9c9da8"), got)
	assert.Contains(t, got, "…")
	same, shortened := fitLine("  region: us-west-2", 78)
	assert.False(t, shortened)
	assert.Equal(t, "  region: us-west-2", same)

	assert.Equal(t, []string{"Deploy critical path (modelled): 15m22s", "  (fast 10m43s, typical 15m22s, slow 23m45s)"},
		sectionLines("Deploy critical path (modelled): 15m22s (fast 10m43s, typical 15m22s, slow 23m45s)", 80))
	assert.Equal(t, []string{"Node pools"}, sectionLines("Node pools", 80))
}
