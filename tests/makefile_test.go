package tests

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// makeIn runs make in the module root with BIN pointing at bin and returns
// stdout, stderr and the exit code.
func makeIn(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("make", append([]string{"BIN=" + bin}, args...)...)
	cmd.Dir = provRoot(t)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("make: %v", err)
	}
	return out.String(), errOut.String(), code
}

// TestMakePlan: `make plan PLAN_ARGS=--json > plan.json` writes exactly one
// JSON document (make's own lines stay off stdout), the CLI is built once and
// then reused, and a refused configuration fails make with the error on stderr.
func TestMakePlan(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	bin := t.TempDir()

	stdout, stderr, code := makeIn(t, bin, "plan", "PLAN_ARGS=--json")
	require.Equal(t, 0, code, stderr)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "stdout is one JSON document:\n%.300s", stdout)
	assert.Contains(t, doc, "resources")

	_, _, code = makeIn(t, bin, "-q", filepath.Join(bin, "dominoeks"))
	assert.Equal(t, 0, code, "bin/dominoeks is up to date after one build: no rebuild on the next make plan")

	stdout, stderr, code = makeIn(t, bin, "plan", "PLAN_ARGS=--set natMode=bad")
	assert.NotEqual(t, 0, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `natMode = "bad"`)
}
