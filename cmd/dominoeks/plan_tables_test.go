package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// section returns the lines of one titled section of the text plan.
func section(t *testing.T, text, title string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(text, "\n"+title+"\n")
	require.True(t, ok, "section %q", title)
	body, _, _ := strings.Cut(rest, "\n\n")
	return strings.Split(body, "\n")
}

// TestOutputsTableStaysAligned: every output row starts its value in the same
// column, and the multi-line storageClassManifest is printed whole below the
// table instead of breaking it.
func TestOutputsTableStaysAligned(t *testing.T) {
	stdout, _, code := runCLI(t, "plan", "--no-color")
	require.Equal(t, 0, code)
	rows := section(t, stdout, "Outputs")
	require.Greater(t, len(rows), 20)
	col := -1
	for _, row := range rows {
		require.True(t, strings.HasPrefix(row, "  "), "every line is a table row: %q", row)
		if strings.HasPrefix(row, "   ") {
			// A wrapped value continues in the value column.
			assert.Equal(t, col, len(row)-len(strings.TrimLeft(row, " ")), "continuation of a value: %q", row)
			continue
		}
		name, _, _ := strings.Cut(strings.TrimSpace(row), " ")
		at := strings.Index(row[2+len(name):], strings.TrimSpace(row[2+len(name):])) + 2 + len(name)
		if col < 0 {
			col = at
		}
		assert.Equal(t, col, at, "value column of %q", row)
	}
	assert.Contains(t, stdout, "  storageClassManifest    (13 lines, below)\n")
	assert.Contains(t, stdout, "\n  storageClassManifest:\n    allowVolumeExpansion: true\n    apiVersion: storage.k8s.io/v1\n")
	assert.Contains(t, stdout, "    volumeBindingMode: WaitForFirstConsumer\n")
}

// TestNodePoolTableShowsTaints: the GPU pool's NoSchedule taint is visible
// in the table of each pool's labels and taints (a wrapped cell read whole).
func TestNodePoolTableShowsTaints(t *testing.T) {
	t.Setenv("COLUMNS", "")
	stdout, _, code := runCLI(t, "plan", "--no-color", "--set", "enableGpuPool=true")
	require.Equal(t, 0, code)
	_, rest, ok := strings.Cut(stdout, "\nNode pools\n")
	require.True(t, ok)
	_, labels, ok := strings.Cut(rest, "\n\n")
	require.True(t, ok, "the labels table follows the node group table")
	labels, _, _ = strings.Cut(labels, "\n\n")
	rows := strings.Split(labels, "\n")
	require.Contains(t, rows[0], "TAINTS")
	col := strings.Index(rows[0], "TAINTS")
	taints := map[string]string{}
	pool := ""
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row, "   ") {
			pool = strings.Fields(row)[0]
		}
		if len(row) > col {
			taints[pool] += strings.TrimSpace(row[col:])
		}
	}
	assert.Equal(t, map[string]string{
		"default-gpu": "nvidia.com/gpu=true:NoSchedule",            // at zero: no startup taint in the autoscaler's template
		"default":     "ebs.csi.aws.com/agent-not-ready:NoExecute", // never empty: compute nodes wait for the EBS CSI driver
		"platform":    "-",
	}, taints)
}

// TestWorkloadsTable: the text plan lists every workload of the table that
// applies, who it runs as and that the plan satisfies it.
func TestWorkloadsTable(t *testing.T) {
	stdout, _, code := runCLI(t, "plan", "--no-color", "--set", "ecr=true", "--set", "registryBucket=true")
	require.Equal(t, 0, code)
	rows := section(t, stdout, "Domino's workloads on the cluster")
	require.Equal(t, []string{"WORKLOAD", "RUNS", "AS", "NEEDS", "STATUS"}, strings.Fields(rows[0]))
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if strings.HasPrefix(row, "   ") {
			continue // a wrapped NEEDS cell continues on its own line
		}
		f := strings.Fields(row)
		seen[f[0]] = true
		assert.Equal(t, "satisfied", f[len(f)-1], row)
	}
	for _, id := range []string{"cluster-autoscaler", "vpc-cni", "ebs-csi-driver", "blob-storage", "internal-registry", "environment-builds", "efs-mounts", "image-pulls"} {
		assert.True(t, seen[id], id)
	}
}
