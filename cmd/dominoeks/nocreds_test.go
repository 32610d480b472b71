package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoCredentials: without any AWS credentials, check and preflight exit 2
// with one plain sentence saying how to provide them, not the SDK's chain.
func TestNoCredentials(t *testing.T) {
	endpoint := silentEndpoint(t) // never reached: credentials are resolved first
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": endpoint, "AWS_ENDPOINT_URL_S3": "", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
		"AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_REGION": "us-west-2", "AWS_CONFIG_FILE": none,
		"AWS_SHARED_CREDENTIALS_FILE": none, "AWS_EC2_METADATA_DISABLED": "true", "AWS_WEB_IDENTITY_TOKEN_FILE": "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
	} {
		t.Setenv(k, v)
	}
	for _, args := range [][]string{{"check", "--cluster", "domino", "--call-timeout", "5s"}, {"preflight", "--call-timeout", "5s"}} {
		t.Run(args[0], func(t *testing.T) {
			root := newRootCmd()
			var out, errOut bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&errOut)
			root.SetArgs(args)
			err := root.Execute()
			require.Error(t, err)
			t.Logf("%v", err)
			assert.Equal(t, 2, exitCode(err))
			assert.Regexp(t, `^no AWS credentials: set AWS_PROFILE`, err.Error())
			for _, raw := range []string{"operation error", "failed to refresh cached credentials", "IMDS", "https response error"} {
				assert.NotContains(t, err.Error(), raw)
			}
			assert.Empty(t, out.String())
			assert.Empty(t, errOut.String(), "no SDK log lines")
		})
	}
}
