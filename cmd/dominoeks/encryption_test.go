package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlanRefusesDroppingTheSecretsKey: `plan --account` with the cluster
// holding a secrets key refuses a configuration that turns the key off or
// moves it (exit 2, naming the field and the fix); keeping it plans.
func TestPlanRefusesDroppingTheSecretsKey(t *testing.T) {
	const key = "arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"
	holds := filepath.Join(t.TempDir(), "holds.json")
	require.NoError(t, os.WriteFile(holds, []byte(`{"clusters":["domino"],"clusterKeys":{"domino":"`+key+`"}}`), 0o600))
	tests := []struct {
		name  string
		set   string
		code  int
		field string
	}{
		{"key off", "createKmsKey=false", 2, "createKmsKey = false"},
		{"another key", "kmsKeyArn=arn:aws:kms:us-west-2:123456789012:key/99999999-2222-3333-4444-555555555555", 2, "kmsKeyArn = "},
		{"the same key", "kmsKeyArn=" + key, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, "plan", "--account", holds, "--set", tt.set)
			assert.Equal(t, tt.code, code, stderr)
			if tt.field != "" {
				assert.Contains(t, stderr, tt.field)
				assert.Contains(t, stderr, "set kmsKeyArn to "+key)
			}
		})
	}
}
