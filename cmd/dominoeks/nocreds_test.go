package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noCredentialsMessage is what check and preflight print, and all they print,
// when the standard credential chain finds nothing.
const noCredentialsMessage = "error: no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login), or AWS_ACCESS_KEY_ID and " +
	"AWS_SECRET_ACCESS_KEY, or run where an instance or container role applies\n"

// TestNoCredentials: without any AWS credentials, check and preflight exit 2
// and print exactly one plain sentence saying how to provide them: no SDK
// log lines ("SDK 2026/... WARN ..."), no SDK error chain. The commands run
// as a separate process with nothing but the AWS variables below in their
// environment, and all their output (stdout and stderr) is compared.
func TestNoCredentials(t *testing.T) {
	dir := t.TempDir()
	none := filepath.Join(dir, "none")
	// An instance metadata service that refuses IMDSv2 tokens and has no
	// role: the SDK falls back to IMDSv1 and, with its default logger,
	// writes a WARN line to stderr.
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(imds.Close)
	base := []string{asCLI + "=1", "HOME=" + dir, "AWS_REGION=us-west-2", "AWS_CONFIG_FILE=" + none, "AWS_SHARED_CREDENTIALS_FILE=" + none}
	noIMDS := append(append([]string{}, base...), "AWS_EC2_METADATA_DISABLED=true")
	refusingIMDS := append(append([]string{}, base...), "AWS_EC2_METADATA_SERVICE_ENDPOINT="+imds.URL)
	missingProfile := append(append([]string{}, noIMDS...), "AWS_PROFILE=nope")
	profileMessage := "error: no AWS credentials: AWS_PROFILE=nope names no profile in the shared config files (AWS_CONFIG_FILE or ~/.aws/config, " +
		"AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials); create it (aws configure --profile nope, or aws configure sso) or set AWS_PROFILE to one that exists\n"

	for _, cmd := range [][]string{{"check", "--cluster", "domino", "--call-timeout", "5s"}, {"preflight", "--call-timeout", "5s"}} {
		for _, tc := range []struct {
			name string
			env  []string
			want string
		}{
			{"no instance metadata", noIMDS, noCredentialsMessage},
			{"instance metadata refusing IMDSv2", refusingIMDS, noCredentialsMessage},
			{"AWS_PROFILE naming no profile", missingProfile, profileMessage},
		} {
			t.Run(cmd[0]+"/"+tc.name, func(t *testing.T) {
				c := exec.Command(os.Args[0], cmd...)
				c.Env = tc.env
				var out bytes.Buffer
				c.Stdout, c.Stderr = &out, &out
				err := c.Run()
				var exit *exec.ExitError
				require.ErrorAs(t, err, &exit, out.String())
				assert.Equal(t, 2, exit.ExitCode())
				assert.Equal(t, tc.want, out.String(), "the whole output is the message")
			})
		}
	}
}
