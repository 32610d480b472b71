package main

import (
	"context"
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// keys returns the sorted keys of a JSON object.
func keys(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "a JSON object, got %T", v)
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestReportJSONKeySet pins the documented key set of `check --json` and
// `preflight --json` (README: {"cluster", "region", "results": [{"id",
// "status", "title", "evidence", "fix"}], "summary": {"pass", "warn",
// "fail"}}). The document is decoded into plain maps, not the report types,
// so renaming a struct tag breaks this test.
func TestReportJSONKeySet(t *testing.T) {
	report := &checker.Report{Cluster: "domino", Region: "us-west-2", Results: []checker.Result{
		{ID: "a.pass", Status: checker.StatusPass, Title: "t", Evidence: "e"},
		{ID: "b.warn", Status: checker.StatusWarn, Title: "t", Evidence: "e", Fix: "f"},
		{ID: "c.fail", Status: checker.StatusFail, Title: "t", Evidence: "e", Fix: "f"},
	}}
	stubCheckRunner(t, func(context.Context, checker.Options) (*checker.Report, error) { return report, nil })
	orig := runPreflightChecks
	runPreflightChecks = func(context.Context, preflight.Demand, preflight.Options, time.Duration) (*checker.Report, error) {
		return report, nil
	}
	t.Cleanup(func() { runPreflightChecks = orig })

	for _, args := range [][]string{{"check", "--cluster", "domino", "--json"}, {"preflight", "--json"}} {
		t.Run(args[0], func(t *testing.T) {
			stdout, stderr, code := runCLI(t, args...)
			require.Equal(t, 1, code, "a failed check exits 1: %s", stderr)
			var doc map[string]any
			require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
			assert.Equal(t, []string{"cluster", "region", "results", "summary"}, keys(t, doc))
			assert.Equal(t, "domino", doc["cluster"])
			assert.Equal(t, "us-west-2", doc["region"])
			assert.Equal(t, []string{"fail", "pass", "warn"}, keys(t, doc["summary"]))
			assert.Equal(t, map[string]any{"pass": 1.0, "warn": 1.0, "fail": 1.0}, doc["summary"])
			results, ok := doc["results"].([]any)
			require.True(t, ok)
			require.Len(t, results, 3)
			assert.Equal(t, []string{"evidence", "id", "status", "title"}, keys(t, results[0]), "fix is omitted for passing checks")
			for _, r := range results[1:] {
				assert.Equal(t, []string{"evidence", "fix", "id", "status", "title"}, keys(t, r))
			}
			var statuses []any
			for _, r := range results {
				statuses = append(statuses, r.(map[string]any)["status"])
			}
			assert.Equal(t, []any{"PASS", "WARN", "FAIL"}, statuses)
		})
	}
}
