package domino_test

import (
	"encoding/json"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminEntryArns returns the principals of the cluster's access entries.
func adminEntryArns(t *testing.T, res *preview.Result) []string {
	t.Helper()
	var out []string
	entries, _ := res.Find("eks:index:Cluster")[0].Inputs["accessEntries"].(map[string]any)
	for _, e := range entries {
		out = append(out, m(e, "principalArn").(string))
	}
	return out
}

// TestLaterUpByAnotherAdmin: principal A creates the cluster listing B in
// adminPrincipalArns; B's later `up` neither fails nor drops B's entry. EKS
// refuses a duplicate entry only for the principal that created the cluster
// (pulumi/pulumi-eks#2373), so only a first `up` refuses its own caller.
func TestLaterUpByAnotherAdmin(t *testing.T) {
	const (
		a = "arn:aws:iam::123456789012:user/alice"
		b = "arn:aws:iam::123456789012:role/ci"
	)
	args := domino.DominoEKSArgs{AdminPrincipalArns: []string{b}}
	tests := []struct {
		name    string
		opts    preview.Options
		wantErr string
	}{
		{name: "A creates the cluster", opts: preview.Options{CallerArn: a}},
		{name: "B runs a later up (as a role session)", opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-42",
			Account: preview.Holdings{Clusters: []string{"domino"}}}},
		{name: "B cannot be the creator and listed", opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-1"},
			wantErr: "ResourceInUseException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", args), tt.opts)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				assert.Contains(t, err.Error(), "adminPrincipalArns[0]")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []string{b}, adminEntryArns(t, res), "B keeps its entry")
		})
	}
}

// TestSharedKubeconfig: the sharedKubeconfig output names neither the
// deployer's profile nor its role, so any admin can use it with their own
// credentials; the kubeconfig output keeps both.
func TestSharedKubeconfig(t *testing.T) {
	role := "arn:aws:iam::123456789012:role/deployer"
	res := planOpts(t, domino.DominoEKSArgs{}, preview.Options{Config: map[string]string{
		"aws:profile": "prod", "aws:assumeRole": `{"roleArn":"` + role + `"}`,
	}})
	for name, want := range map[string]bool{"kubeconfig": true, "sharedKubeconfig": false} {
		raw, ok := res.Outputs[name].(string)
		require.True(t, ok, name)
		var kc map[string]any
		require.NoError(t, json.Unmarshal([]byte(raw), &kc), name)
		exec := m(kc["users"].([]any)[0], "user", "exec")
		assert.Equal(t, want, contains(strs(m(exec, "args")), role), "%s: --role", name)
		assert.Equal(t, want, envHas(m(exec, "env"), "AWS_PROFILE"), "%s: AWS_PROFILE", name)
		assert.Contains(t, strs(m(exec, "args")), "domino", "%s names the cluster", name)
	}
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
}

func envHas(env any, name string) bool {
	l, _ := env.([]any)
	for _, e := range l {
		if m(e, "name") == name {
			return true
		}
	}
	return false
}
