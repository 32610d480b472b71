package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanPolicy(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		violated []string
	}{
		{"default stack holds", nil, 0, nil},
		{"gpu and AL2 hold", []string{"--set", "enableGpuPool=true", "--set", "amiFamily=AL2", "--set", "kubernetesVersion=1.32"}, 0, nil},
		{"API open to the Internet", []string{"--set", "endpointPublicAccess=true", "--set", `publicAccessCidrs=["0.0.0.0/0"]`}, 1, []string{"no-open-ingress"}},
		{"data deleted on destroy", []string{"--set", "deleteDataOnDestroy=true"}, 1, []string{"data-retained"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"plan", "--policy", "--json"}, tc.args...)
			stdout, stderr, code := runCLI(t, args...)
			require.Equal(t, tc.code, code, stderr)
			var doc struct {
				Policy *struct {
					Rules      []string `json:"rules"`
					Violations []struct {
						Rule string `json:"rule"`
					} `json:"violations"`
				} `json:"policy"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
			require.NotNil(t, doc.Policy)
			assert.GreaterOrEqual(t, len(doc.Policy.Rules), 12)
			var rules []string
			for _, v := range doc.Policy.Violations {
				if len(rules) == 0 || rules[len(rules)-1] != v.Rule {
					rules = append(rules, v.Rule)
				}
			}
			assert.Equal(t, tc.violated, rules)
			if tc.code == 1 {
				assert.Contains(t, stderr, "policy:")
			}
		})
	}
	stdout, _, code := runCLI(t, "plan", "--json")
	require.Equal(t, 0, code)
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(stdout), &top))
	_, has := top["policy"]
	assert.False(t, has, "the policy block appears only with --policy")
}
