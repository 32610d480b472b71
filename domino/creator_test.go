package domino_test

import (
	"encoding/json"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminEntryArns returns the principals of the admin access entries the
// component registers (pulumi-eks's own is the node role's EC2_LINUX entry).
func adminEntryArns(t *testing.T, res *preview.Result) []string {
	t.Helper()
	var out []string
	for _, e := range res.Find("aws:eks/accessEntry:AccessEntry") {
		if !e.Modelled {
			out = append(out, e.Inputs["principalArn"].(string))
		}
	}
	return out
}

// laterUp is an account holding cluster domino with entries.
func laterUp(entries ...preview.HeldAccessEntry) preview.Holdings {
	return preview.Holdings{Clusters: []string{"domino"}, AccessEntries: map[string][]preview.HeldAccessEntry{"domino": entries}}
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
	tests := []struct {
		name   string
		admins []string
		opts   preview.Options
		want   []string
	}{
		{name: "A creates the cluster", admins: []string{b}, opts: preview.Options{CallerArn: a}, want: []string{b}},
		{name: "B runs a later up (as a role session)", admins: []string{b}, opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-42",
			Account: laterUp(preview.HeldAccessEntry{Principal: b, Tagged: true})}, want: []string{b}},
		{name: "B creates the cluster and is listed: its entry is EKS's", admins: []string{b},
			opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-1"}, want: nil},
		{name: "the creator already holds an entry: a later up by B registers no second one", admins: []string{a, b},
			opts: preview.Options{CallerArn: "arn:aws:sts::123456789012:assumed-role/ci/run-2",
				Account: laterUp(preview.HeldAccessEntry{Principal: a, Creator: true}, preview.HeldAccessEntry{Principal: b, Tagged: true})}, want: []string{b}},
		{name: "an earlier version's untagged entry stays registered (adopted)", admins: []string{b},
			opts: preview.Options{CallerArn: a, Account: laterUp(preview.HeldAccessEntry{Principal: b})}, want: []string{b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{AdminPrincipalArns: tt.admins}), tt.opts)
			require.NoError(t, err, "no ResourceInUseException")
			assert.ElementsMatch(t, tt.want, adminEntryArns(t, res))
			assert.Len(t, res.Find("aws:eks/accessEntry:AccessEntry"), 1+len(tt.want), "the node role's entry and one per registered admin")
		})
	}
}

// TestExistingAdminEntries: on a later up, each listed admin's existing
// access entry is created, kept, adopted or left alone, never created twice
// (the warnings are TestAdminEntryNotes')
// (the engine's rules access-entry-not-creator and access-entry-exists fail a
// create for a principal holding an entry the stack may not hold).
func TestExistingAdminEntries(t *testing.T) {
	const (
		x      = "arn:aws:iam::123456789012:role/platform-oncall"
		y      = "arn:aws:iam::123456789012:role/ci"
		caller = "arn:aws:iam::123456789012:user/alice"
	)
	type want struct {
		registered bool
		importID   string   // the entry's import id ("" for a create or an update)
		inputs     []string // the entry's inputs beyond clusterName and principalArn
	}
	tests := []struct {
		name    string
		account preview.Holdings
		want    want
	}{
		{"first up: no cluster, no entry: created", preview.Holdings{},
			want{registered: true, inputs: []string{"tags", "type"}}},
		{"later up, no entry for X: created", laterUp(),
			want{registered: true, inputs: []string{"tags", "type"}}},
		{"X's entry tagged for this cluster: kept, no import", laterUp(preview.HeldAccessEntry{Principal: x, Tagged: true}),
			want{registered: true, inputs: []string{"tags", "type"}}},
		{"X's entry added by hand an hour after the cluster: adopted with its own inputs",
			laterUp(preview.HeldAccessEntry{Principal: x, Groups: []string{"oncall"}}),
			want{registered: true, importID: "domino:" + x, inputs: []string{"kubernetesGroups", "type"}}},
		{"X is the creator: left alone", laterUp(preview.HeldAccessEntry{Principal: x, Creator: true}), want{}},
		{"X's entry tagged for another cluster: left alone", laterUp(preview.HeldAccessEntry{Principal: x, Owner: "other"}), want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{AdminPrincipalArns: []string{x, y}}),
				preview.Options{CallerArn: caller, Account: tt.account})
			require.NoError(t, err, "no entry is created twice")
			entries := map[string]preview.Resource{}
			for _, e := range res.Find("aws:eks/accessEntry:AccessEntry") {
				if !e.Modelled {
					entries[e.Inputs["principalArn"].(string)] = e
				}
			}
			require.Contains(t, entries, y, "Y, without an entry, is created alongside")
			assert.Empty(t, entries[y].ImportID)
			assocs := map[string]preview.Resource{}
			for _, a := range res.Find("aws:eks/accessPolicyAssociation:AccessPolicyAssociation") {
				assocs[a.Inputs["principalArn"].(string)] = a
			}
			e, ok := entries[x]
			require.Equal(t, tt.want.registered, ok, "X's entry registered")
			_, hasAssoc := assocs[x]
			assert.Equal(t, tt.want.registered, hasAssoc, "X's cluster-admin association registered")
			if ok {
				assert.Equal(t, tt.want.importID, e.ImportID)
				var keys []string
				for k := range e.Inputs {
					if k != "clusterName" && k != "principalArn" {
						keys = append(keys, k)
					}
				}
				assert.ElementsMatch(t, tt.want.inputs, keys)
				if tt.want.importID != "" {
					assert.Equal(t, []any{"oncall"}, e.Inputs["kubernetesGroups"], "the entry's own groups: the import finds no difference")
					assert.Nil(t, e.Inputs["tags"], "untagged, as the entry is")
				}
				a := assocs[x]
				assert.Empty(t, a.ImportID, "the association is created: AssociateAccessPolicy sets the scope of one that exists")
				assert.Equal(t, "cluster", m(a.Inputs, "accessScope", "type"))
				assert.Equal(t, e.URN, a.Parent)
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
