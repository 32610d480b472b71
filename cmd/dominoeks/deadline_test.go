package main

import (
	"bytes"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// silentEndpoint listens on 127.0.0.1, accepts every connection and never
// answers: a wedged proxy. It returns the endpoint URL.
func silentEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never read or written
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// pointAWSAt makes the SDK use static credentials and send every call to
// endpoint, through the environment only, as a user would.
func pointAWSAt(t *testing.T, endpoint string) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            endpoint,
		"AWS_ENDPOINT_URL_S3":         "",
		"AWS_ACCESS_KEY_ID":           "AKIAEXAMPLE",
		"AWS_SECRET_ACCESS_KEY":       "secret",
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_REGION":                  "us-west-2",
		"AWS_CONFIG_FILE":             none,
		"AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
}

// TestNeverHang: `check` and `preflight` against an endpoint that accepts
// connections and never answers end with exit status 2 once the per-call
// deadline (--call-timeout) or the run's deadline (--timeout) passes, and the
// error names the call that timed out.
func TestNeverHang(t *testing.T) {
	endpoint := silentEndpoint(t)
	pointAWSAt(t, endpoint)
	const deadline = 1500 * time.Millisecond
	// What a run may spend besides waiting: the preflight's offline plan and
	// start-up, on a loaded machine.
	const slack = 8 * time.Second
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"check, per-call deadline", []string{"check", "--cluster", "domino", "--call-timeout", deadline.String(), "--timeout", "1m"},
			[]string{"timed out", "EKS DescribeCluster", "within 1.5s (--call-timeout)", endpoint}},
		{"check, run deadline", []string{"check", "--cluster", "domino", "--timeout", deadline.String()},
			[]string{"timed out after 1.5s (--timeout)", "EKS DescribeCluster", endpoint}},
		{"preflight, per-call deadline", []string{"preflight", "--call-timeout", deadline.String(), "--timeout", "1m"},
			[]string{"timed out", "STS GetCallerIdentity", "within 1.5s (--call-timeout)", endpoint}},
		{"preflight, run deadline", []string{"preflight", "--timeout", deadline.String()},
			[]string{"timed out after 1.5s (--timeout)", "STS GetCallerIdentity", endpoint}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := newRootCmd()
			var out, errOut bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&errOut)
			root.SetArgs(tc.args)
			start := time.Now()
			err := root.Execute()
			elapsed := time.Since(start)
			t.Logf("%v: exit %d after %v: %v", tc.args, exitCode(err), elapsed, err)
			require.Error(t, err)
			assert.Equal(t, 2, exitCode(err))
			assert.Less(t, elapsed, deadline+slack, "ends at its deadline, not later")
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, out.String(), "no report when the account cannot be reached")
		})
	}
}

func TestDeadlineFlagsMustBePositive(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--cluster", "domino", "--timeout", "0s"},
		{"check", "--cluster", "domino", "--call-timeout", "-1s"},
		{"preflight", "--timeout", "0s"},
	} {
		root := newRootCmd()
		root.SetOut(&bytes.Buffer{})
		root.SetErr(&bytes.Buffer{})
		root.SetArgs(args)
		err := root.Execute()
		require.Error(t, err, "%v", args)
		assert.Equal(t, 2, exitCode(err))
		assert.Contains(t, err.Error(), "must be positive")
	}
}
