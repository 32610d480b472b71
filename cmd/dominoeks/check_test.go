package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// stubChecks replaces the AWS-backed runner for one test.
func stubCheckRunner(t *testing.T, fn func(context.Context, checker.Options) (*checker.Report, error)) {
	t.Helper()
	orig := runChecks
	runChecks = func(ctx context.Context, opts checker.Options, _ time.Duration) (*checker.Report, error) {
		return fn(ctx, opts)
	}
	t.Cleanup(func() { runChecks = orig })
}

// execCheck runs "dominoeks check args..." and returns stdout and the error.
func execCheckCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append([]string{"check"}, args...))
	err := root.Execute()
	return out.String(), err
}

func fakeCheckReport(statuses ...checker.Status) *checker.Report {
	r := &checker.Report{Cluster: "domino", Region: "us-west-2"}
	for i, s := range statuses {
		r.Results = append(r.Results, checker.Result{ID: checker.CheckIDs[i], Status: s, Title: "t", Evidence: "e", Fix: "f"})
	}
	return r
}

func TestCheckCommandExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		report *checker.Report
		err    error
		code   int
	}{
		{"all pass", []string{"--cluster", "domino"}, fakeCheckReport(checker.StatusPass, checker.StatusPass), nil, 0},
		{"warnings do not fail", []string{"--cluster", "domino"}, fakeCheckReport(checker.StatusPass, checker.StatusWarn), nil, 0},
		{"a failed check exits 1", []string{"--cluster", "domino"}, fakeCheckReport(checker.StatusPass, checker.StatusFail), nil, 1},
		{"AWS access error exits 2", []string{"--cluster", "domino"}, nil, errors.New("describe EKS cluster: AccessDenied"), 2},
		{"missing --cluster exits 2", nil, nil, nil, 2},
		{"unknown flag exits 2", []string{"--cluster", "domino", "--nope"}, nil, nil, 2},
		{"positional arguments exit 2", []string{"--cluster", "domino", "extra"}, nil, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			called := false
			stubCheckRunner(t, func(context.Context, checker.Options) (*checker.Report, error) {
				called = true
				return tc.report, tc.err
			})
			_, err := execCheckCmd(t, tc.args...)
			assert.Equal(t, tc.code, exitCode(err), "error: %v", err)
			assert.Equal(t, tc.report != nil || tc.err != nil, called)
		})
	}
}

func TestCheckCommandFlagsAndOutput(t *testing.T) {
	var got checker.Options
	stubCheckRunner(t, func(_ context.Context, opts checker.Options) (*checker.Report, error) {
		got = opts
		return fakeCheckReport(checker.StatusPass, checker.StatusWarn, checker.StatusFail), nil
	})

	// --kubeconfig must name a readable regular file (the CLI's bounded reader).
	kc := filepath.Join(t.TempDir(), "kc")
	require.NoError(t, os.WriteFile(kc, []byte("apiVersion: v1\nkind: Config\n"), 0o600))
	out, err := execCheckCmd(t, "--cluster", "domino", "--region", "eu-west-1", "--buckets", "a,b", "--buckets", "c",
		"--efs", "fs-1", "--kms-key", "alias/prod", "--kubeconfig", kc, "--json")
	assert.Equal(t, 1, exitCode(err))
	assert.Equal(t, "domino", got.Cluster)
	assert.Equal(t, "eu-west-1", got.Region)
	assert.Equal(t, []string{"a", "b", "c"}, got.Buckets)
	assert.Equal(t, "fs-1", got.EFS)
	assert.Equal(t, "alias/prod", got.KMSKey)
	assert.Equal(t, kc, got.Kubeconfig)
	assert.Nil(t, got.Progress, "no spinner when stderr is not a terminal")

	var doc struct {
		Cluster string           `json:"cluster"`
		Region  string           `json:"region"`
		Results []checker.Result `json:"results"`
		Summary checker.Summary  `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	assert.Equal(t, "domino", doc.Cluster)
	assert.Len(t, doc.Results, 3)
	assert.Equal(t, checker.Summary{Pass: 1, Warn: 1, Fail: 1}, doc.Summary)

	out, err = execCheckCmd(t, "--cluster", "domino")
	assert.Equal(t, 1, exitCode(err))
	assert.Contains(t, out, "STATUS")
	assert.Contains(t, out, "nodegroups.platform")
	assert.Contains(t, out, "3 checks: 1 pass, 1 warn, 1 fail")
}

// TestCheckProbeFlags: --probe-network-policy reaches the checker only with
// --kubeconfig (without it, or --probe-image without the probe, is a
// usage error: exit 2, nothing run); without it check stays read-only.
func TestCheckProbeFlags(t *testing.T) {
	kc := filepath.Join(t.TempDir(), "kc")
	require.NoError(t, os.WriteFile(kc, []byte("apiVersion: v1\nkind: Config\n"), 0o600))
	tests := []struct {
		name      string
		args      []string
		code      int
		err       string
		probe     bool
		image     string
		runChecks bool
	}{
		{name: "off by default", args: []string{"--kubeconfig", kc}, runChecks: true},
		{name: "probe with kubeconfig", args: []string{"--kubeconfig", kc, "--probe-network-policy"}, probe: true, runChecks: true},
		{name: "probe with its image", args: []string{"--kubeconfig", kc, "--probe-network-policy", "--probe-image", "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino-docker/library/busybox:1.37"},
			probe: true, image: "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino-docker/library/busybox:1.37", runChecks: true},
		{name: "probe without kubeconfig", args: []string{"--probe-network-policy"}, code: 2, err: "--probe-network-policy needs --kubeconfig"},
		{name: "image without the probe", args: []string{"--kubeconfig", kc, "--probe-image", "busybox"}, code: 2, err: "--probe-image is only used by --probe-network-policy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got *checker.Options
			stubCheckRunner(t, func(_ context.Context, opts checker.Options) (*checker.Report, error) {
				got = &opts
				return fakeCheckReport(checker.StatusPass), nil
			})
			_, err := execCheckCmd(t, append([]string{"--cluster", "domino"}, tc.args...)...)
			assert.Equal(t, tc.code, exitCode(err), "error: %v", err)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
			}
			require.Equal(t, tc.runChecks, got != nil, "checks run")
			if got != nil {
				assert.Equal(t, tc.probe, got.ProbeNetworkPolicy)
				assert.Equal(t, tc.image, got.ProbeImage)
			}
		})
	}

	t.Run("help describes the probe", func(t *testing.T) {
		out, err := execCheckCmd(t, "--help")
		require.NoError(t, err)
		for _, s := range []string{"--probe-network-policy", "--probe-image", "deny-all", "Read-only unless --probe-network-policy",
			"dominoeks-netprobe-<random>", checker.DefaultProbeImage, "also after a failed step, --timeout or Ctrl-C"} {
			assert.Contains(t, out, s)
		}
	})
}

// TestCheckProbeInterruptedSaysWhatWasCleanedUp: a run that ends during
// the probe (--timeout here) exits 2 and still says what the probe's
// clean-up did, once.
func TestCheckProbeInterruptedSaysWhatWasCleanedUp(t *testing.T) {
	kc := filepath.Join(t.TempDir(), "kc")
	require.NoError(t, os.WriteFile(kc, []byte("apiVersion: v1\nkind: Config\n"), 0o600))
	const cleaned = "cleaned up: namespace dominoeks-netprobe-x7k2q and everything in it deleted"
	stubCheckRunner(t, func(ctx context.Context, _ checker.Options) (*checker.Report, error) {
		<-ctx.Done()
		return nil, &checker.ProbeInterruptedError{Cleanup: cleaned, Err: ctx.Err()}
	})
	_, err := execCheckCmd(t, "--cluster", "domino", "--kubeconfig", kc, "--probe-network-policy", "--timeout", "20ms")
	require.Equal(t, 2, exitCode(err), "error: %v", err)
	assert.Contains(t, err.Error(), "timed out after 20ms (--timeout)")
	assert.Equal(t, 1, strings.Count(err.Error(), cleaned), err.Error())
}
