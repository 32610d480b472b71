package kubesetup

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseReadsWhatTheStepsWrite: a script of helm and kubectl steps is read
// back as its charts (release, chart, repo, version, namespace) and objects;
// heredoc bodies are never taken for steps.
func TestParseReadsWhatTheStepsWrite(t *testing.T) {
	oci := Chart{Release: "karpenter", Namespace: "kube-system", Chart: "oci://public.ecr.aws/karpenter/karpenter", Version: "1.14.1"}
	repo := Chart{Release: "calico-tigera-operator", Namespace: "tigera-operator", Chart: "tigera-operator", Repo: "https://docs.tigera.io/calico/charts", Version: "v3.31.4"}
	script := Script([]string{
		HelmStep(oci, []byte("note: |\n  helm upgrade --install fake oci://nowhere\n")),
		HelmStep(repo, []byte("{}\n")),
		ApplyStep([]byte("apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: default\n")),
	})
	require.Contains(t, script, Header)
	got, err := Parse(script)
	require.NoError(t, err)
	assert.Equal(t, []Chart{oci, repo}, got.Charts)
	require.Len(t, got.Objects, 1)
	assert.Equal(t, "NodePool", got.Objects[0]["kind"])
	assert.Equal(t, map[string]any{"name": "default"}, got.Objects[0]["metadata"])
}

func TestParseRefusesAnUnclosedStep(t *testing.T) {
	for name, script := range map[string]string{
		"apply": Header + "kubectl apply -f - <<'EOF'\nkind: NodePool\n",
		"helm":  Header + "helm upgrade --install x y --version 1 --namespace n --create-namespace --atomic --values - <<'EOF'\n{}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(script)
			require.ErrorContains(t, err, "no closing EOF")
		})
	}
}

func TestScriptWithoutSteps(t *testing.T) {
	assert.Equal(t, "", Script(nil))
	got, err := Parse("")
	require.NoError(t, err)
	assert.Empty(t, got.Charts)
	assert.Empty(t, got.Objects)
}
