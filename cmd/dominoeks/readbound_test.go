package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// hostileFiles are paths no file flag may read: a device that never ends, a
// FIFO with no writer, a directory, a socket and, per kind, a file over its
// cap (sparse: no disk used).
type hostileFiles struct {
	dir, fifo, socket string
}

func newHostileFiles(t *testing.T) hostileFiles {
	t.Helper()
	// Unix socket paths are limited to ~108 bytes: keep the directory short.
	dir, err := os.MkdirTemp("", "h")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	h := hostileFiles{dir: dir, fifo: filepath.Join(dir, "fifo"), socket: filepath.Join(dir, "sock")}
	require.NoError(t, syscall.Mkfifo(h.fifo, 0o600))
	l, err := net.Listen("unix", h.socket)
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	return h
}

// oversized writes a sparse file one byte over k's cap.
func (h hostileFiles) oversized(t *testing.T, k cliread.Kind) string {
	t.Helper()
	p := filepath.Join(h.dir, "big"+k.Flag)
	require.NoError(t, os.WriteFile(p, []byte("{}"), 0o600))
	require.NoError(t, os.Truncate(p, k.Limit+1))
	return p
}

// TestHostileFileArguments: every file flag of every command refuses
// /dev/zero, a FIFO with no writer, a directory, a socket and an oversized
// file within a second, with exit 2 and a message naming the flag, before
// reading more than the cap or calling AWS.
func TestHostileFileArguments(t *testing.T) {
	h := newHostileFiles(t)
	// Neither AWS-backed runner may be reached: the refusal comes first.
	origCheck, origPre := runChecks, runPreflightChecks
	runChecks = func(context.Context, checker.Options, time.Duration) (*checker.Report, error) {
		t.Error("check reached AWS with a hostile --kubeconfig")
		return nil, context.Canceled
	}
	runPreflightChecks = func(context.Context, preflight.Demand, preflight.Options, time.Duration) (*checker.Report, error) {
		t.Error("preflight reached AWS with a hostile --config")
		return nil, context.Canceled
	}
	t.Cleanup(func() { runChecks, runPreflightChecks = origCheck, origPre })

	commands := []struct {
		kind cliread.Kind
		args func(path string) []string
	}{
		{cliread.StackConfig, func(p string) []string { return []string{"plan", "--config", p} }},
		{cliread.Account, func(p string) []string { return []string{"plan", "--account", p} }},
		{cliread.PlanDocument, func(p string) []string { return []string{"plan", "--compare", p} }},
		{cliread.StackConfig, func(p string) []string { return []string{"preflight", "--config", p} }},
		{cliread.Kubeconfig, func(p string) []string { return []string{"check", "--cluster", "domino", "--kubeconfig", p} }},
		{cliread.Outputs, func(p string) []string { return []string{"tunnel", "--print", "--outputs", p} }},
	}
	inputs := []struct {
		name string
		path func(k cliread.Kind) string
		want string
	}{
		{"/dev/zero", func(cliread.Kind) string { return "/dev/zero" }, "/dev/zero is not a regular file (a character device)"},
		{"FIFO without writer", func(cliread.Kind) string { return h.fifo }, "is not a regular file (a named pipe)"},
		{"directory", func(cliread.Kind) string { return h.dir }, "is not a regular file (a directory)"},
		{"socket", func(cliread.Kind) string { return h.socket }, "is not a regular file (a socket)"},
		{"missing", func(cliread.Kind) string { return filepath.Join(h.dir, "none") }, "does not exist"},
		{"oversized", func(k cliread.Kind) string { return h.oversized(t, k) }, "more than the"},
	}
	for _, c := range commands {
		for _, in := range inputs {
			args := c.args(in.path(c.kind))
			t.Run(args[0]+" "+c.kind.Flag+" "+in.name, func(t *testing.T) {
				start := time.Now()
				stdout, stderr, code := runCLI(t, args...)
				elapsed := time.Since(start)
				assert.Equal(t, 2, code, stderr)
				assert.Empty(t, stdout)
				assert.Contains(t, stderr, "error: "+flagPrefix(args[0])+c.kind.Flag+": ")
				assert.Contains(t, stderr, in.want)
				assert.Contains(t, stderr, "give "+c.kind.What)
				assert.Less(t, elapsed, time.Second)
			})
		}
	}
}

// flagPrefix is what a command puts before a file error: tunnel prefixes
// its errors with its name.
func flagPrefix(command string) string {
	if command == "tunnel" {
		return "tunnel: "
	}
	return ""
}

// TestTunnelRefusesAKubeconfigItCannotWrite: a FIFO with no reader as the
// kubeconfig to write would block forever; it is refused at once.
func TestTunnelRefusesAKubeconfigItCannotWrite(t *testing.T) {
	h := newHostileFiles(t)
	for _, p := range []string{h.fifo, "/dev/zero", h.dir} {
		start := time.Now()
		out, code := execTunnel(t, "--cluster", "domino", "--region", "us-west-2", "--print", "--kubeconfig", p)
		assert.Equal(t, 2, code, out)
		assert.Contains(t, out, "--kubeconfig: "+p+" is not a regular file")
		assert.Less(t, time.Since(start), time.Second)
	}
}

// TestHostileFlags: flags no command can use end within a second with exit
// 2 and a message naming the flag, before any AWS call.
func TestHostileFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--cluster", "d", "--timeout", "0"}, "--timeout 0s: must be positive"},
		{[]string{"check", "--cluster", "d", "--call-timeout", "-1s"}, "--call-timeout -1s: must be positive"},
		{[]string{"check"}, "--cluster is required"},
		{[]string{"preflight", "--timeout", "0"}, "--timeout 0s: must be positive"},
		{[]string{"preflight", "--set", "noequals"}, `--set "noequals": expected key=value`},
		{[]string{"tunnel", "--cluster", "d", "--region", "us-west-2", "--port", "70000"}, "--port 70000 is not a TCP port"},
		{[]string{"tunnel", "--cluster", "d"}, "--cluster and --region"},
		{[]string{"plan", "--set", "=x"}, `--set "=x": expected key=value`},
		{[]string{"plan", "--set", "other:key=1"}, "plan reads only dominoeks:* settings"},
		{[]string{"plan", "--region", "us-east-1", "--set", "region=us-west-2"}, "--region us-east-1 conflicts with --set region=us-west-2"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			start := time.Now()
			stdout, stderr, code := runCLI(t, tc.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
			assert.Less(t, time.Since(start), time.Second)
		})
	}
}
