package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ciRun runs .ci/run with a PATH holding only stubs (make, and npm when
// npmScript is set) and the shell tools the script uses.
func ciRun(t *testing.T, makeExit, npmScript string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755))
	}
	write("make", `echo "make $*"; exit `+makeExit)
	if npmScript != "" {
		write("npm", npmScript)
	}
	for _, tool := range []string{"bash", "env", "dirname", "timeout"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("%s not installed", tool)
		}
		require.NoError(t, os.Symlink(p, filepath.Join(dir, tool)))
	}
	cmd := exec.Command(filepath.Join(provRoot(t), ".ci", "run"))
	cmd.Env = []string{"PATH=" + dir, "HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestCIRunWarnsWhenSDKCheckIsSkipped: a skipped TypeScript SDK check ends the
// CI output with a WARNING line, whether the tests pass or fail; when the
// registry answers, the check runs and no warning is printed.
func TestCIRunWarnsWhenSDKCheckIsSkipped(t *testing.T) {
	out, err := ciRun(t, "0", "")
	require.NoError(t, err, out)
	assert.Contains(t, out, "\nmake test\n")
	assert.NotRegexp(t, `(?m)^make sdk-check$`, out, "the check did not run")
	assert.Regexp(t, `^WARNING: the TypeScript SDK check \(make sdk-check\) was SKIPPED: npm is not installed`, lastLine(out))

	out, err = ciRun(t, "0", "exit 1") // npm ping fails: registry unreachable
	require.NoError(t, err, out)
	assert.Regexp(t, `^WARNING: .* SKIPPED: the npm registry did not answer`, lastLine(out))

	out, err = ciRun(t, "2", "exit 1") // tests fail too: still the warning, and CI fails
	require.Error(t, err)
	assert.Regexp(t, `^WARNING: .* SKIPPED`, lastLine(out))

	out, err = ciRun(t, "0", "exit 0") // registry answers: the check runs
	require.NoError(t, err, out)
	assert.Regexp(t, `(?m)^make sdk-check$`, out)
	assert.NotContains(t, out, "WARNING")
}
