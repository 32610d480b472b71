package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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
