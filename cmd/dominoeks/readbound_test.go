package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// TestPlanBoundedReads: --config and --compare read regular files of bounded
// size only; /dev/zero, a FIFO with no writer, a directory or an oversized
// file is refused at once (exit 2), never read without limit or waited on.
func TestPlanBoundedReads(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	bigConfig := filepath.Join(dir, "Pulumi.big.yaml")
	require.NoError(t, os.WriteFile(bigConfig, []byte("config:\n"), 0o600))
	require.NoError(t, os.Truncate(bigConfig, plan.MaxStackConfigBytes+1)) // sparse: no disk used
	bigPlan := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(bigPlan, []byte("{}"), 0o600))
	require.NoError(t, os.Truncate(bigPlan, plan.MaxPlanDocumentBytes+1))

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"config /dev/zero", []string{"--config", "/dev/zero"}, "/dev/zero is not a regular file (a character device)"},
		{"compare /dev/zero", []string{"--compare", "/dev/zero"}, "/dev/zero is not a regular file (a character device)"},
		{"config FIFO", []string{"--config", fifo}, "is not a regular file (a named pipe)"},
		{"compare FIFO", []string{"--compare", fifo}, "is not a regular file (a named pipe)"},
		{"config directory", []string{"--config", dir}, "is not a regular file (a directory)"},
		{"config over 1 MiB", []string{"--config", bigConfig}, "is 1048577 bytes, more than the 1048576"},
		{"compare over 16 MiB", []string{"--compare", bigPlan}, "is 16777217 bytes, more than the 16777216"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			stdout, stderr, code := runCLI(t, append([]string{"plan"}, tc.args...)...)
			elapsed := time.Since(start)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
			// The refusal comes before reading; a plan (for --compare) runs first
			// and takes a second or two on a loaded machine.
			assert.Less(t, elapsed, 15*time.Second)
		})
	}
}
