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
// refuses a duplicate entry only for the principal that has one already
// (pulumi/pulumi-eks#2373): the creator, whose entry EKS made with the
// cluster, is left alone, never registered a second time.
func TestLaterUpByAnotherAdmin(t *testing.T) {
	const (
		a = "arn:aws:iam::123456789012:user/alice"
		b = "arn:aws:iam::123456789012:role/ci"
	)
	later := func(entries ...preview.HeldAccessEntry) preview.Holdings {
		return preview.Holdings{Clusters: []string{"domino"}, AccessEntries: map[string][]preview.HeldAccessEntry{"domino": entries}}
	}
	tests := []struct {
		name   string
		admins []string
		opts   preview.Options
		want   []string
	}{
		{name: "A creates the cluster", admins: []string{b}, opts: preview.Options{CallerArn: a}, want: []string{b}},
		{name: "B runs a later up (as a role session)", admins: []string{b}, opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-42",
			Account: later(preview.HeldAccessEntry{Principal: b, Tagged: true})}, want: []string{b}},
		{name: "B creates the cluster and is listed: its entry is EKS's", admins: []string{b},
			opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-1"}, want: nil},
		{name: "the creator already holds an entry: a later up by B registers no second one", admins: []string{a, b},
			opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-2",
				Account: later(preview.HeldAccessEntry{Principal: a, Creator: true}, preview.HeldAccessEntry{Principal: b, Tagged: true})}, want: []string{b}},
		{name: "an earlier version's untagged entry stays the stack's", admins: []string{b},
			opts: preview.Options{CallerArn: a, Account: later(preview.HeldAccessEntry{Principal: b})}, want: []string{b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{AdminPrincipalArns: tt.admins}), tt.opts)
			require.NoError(t, err, "no ResourceInUseException")
			assert.ElementsMatch(t, tt.want, adminEntryArns(t, res))
			if len(tt.want) > 0 {
				assert.Len(t, res.Find("aws:eks/accessEntry:AccessEntry"), 1+len(tt.want), "the node role's entry and one per registered admin")
			}
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
