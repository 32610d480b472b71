package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestExitCode: main and the tests share one mapping, which finds an
// *exitError however deeply it is wrapped.
func TestExitCode(t *testing.T) {
	policy := &exitError{code: 1, err: errors.New("policy: 1 violation")}
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"exit error", policy, 1},
		{"wrapped exit error", fmt.Errorf("plan: %w", policy), 1},
		{"doubly wrapped exit error", fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", policy)), 1},
		{"joined with another error", errors.Join(errors.New("x"), policy), 1},
		{"config error", &exitError{code: 2, err: errors.New("bad config")}, 2},
		{"any other error", errors.New("unknown flag: --nope"), 2},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, exitCode(tc.err)) })
	}
}

// TestRunExitCodes: the process exit codes of whole command lines.
func TestRunExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, 0},
		{[]string{"plan", "--set", "natMode=single"}, 0},
		{[]string{"plan", "--set", "defaultPool={\"maxsize\":30}"}, 2},
		{[]string{"plan", "--nope"}, 2},
	} {
		_, stderr, code := runCLI(t, tc.args...)
		assert.Equal(t, tc.want, code, "%v: %s", tc.args, stderr)
	}
}
