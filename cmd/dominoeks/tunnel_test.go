package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

const (
	tunnelEndpoint = "https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com"
	tunnelCA       = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="
)

// tunnelWorld is a workstation whose PATH holds only a fake aws (it logs
// its arguments, one call a line, and answers describe-cluster and
// describe-instances) and, unless left out, a fake session-manager-plugin.
type tunnelWorld struct {
	dir, log string
}

func newTunnelWorld(t *testing.T, plugin bool) *tunnelWorld {
	t.Helper()
	w := &tunnelWorld{dir: t.TempDir()}
	w.log = filepath.Join(w.dir, "aws.log")
	tools := filepath.Join(w.dir, "bin")
	require.NoError(t, os.Mkdir(tools, 0o755))
	// Builtins only: PATH holds nothing but the fakes.
	aws := `#!/bin/sh
echo "$*" >> '` + w.log + `'
case "$1 $2" in
"eks describe-cluster") printf '%s\n' '{"cluster":{"name":"domino","endpoint":"` + tunnelEndpoint + `","certificateAuthority":{"data":"` + tunnelCA + `"}}}' ;;
"ec2 describe-instances") printf '%s\n' '["i-0abc1234def567890"]' ;;
"ssm start-session") echo "Starting session with SessionId: s-1" ;;
*) echo "unexpected: $*" >&2; exit 255 ;;
esac
`
	require.NoError(t, os.WriteFile(filepath.Join(tools, "aws"), []byte(aws), 0o755))
	if plugin {
		require.NoError(t, os.WriteFile(filepath.Join(tools, "session-manager-plugin"), []byte("#!/bin/sh\necho ok\n"), 0o755))
	}
	t.Setenv("PATH", tools)
	t.Chdir(w.dir)
	return w
}

func (w *tunnelWorld) calls(t *testing.T) []string {
	b, err := os.ReadFile(w.log)
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func execTunnel(t *testing.T, args ...string) (string, int) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append([]string{"tunnel"}, args...))
	err := root.Execute()
	if err != nil {
		out.WriteString("error: " + err.Error())
	}
	return out.String(), exitCode(err)
}

// TestTunnelOpensThePortForward: the SSM port forward to the endpoint's host
// through the access host found by its tag, and a kubeconfig for it.
func TestTunnelOpensThePortForward(t *testing.T) {
	w := newTunnelWorld(t, true)
	out, code := execTunnel(t, "--cluster", "domino", "--region", "us-west-2", "--port", "9555")
	require.Equal(t, 0, code, out)
	calls := w.calls(t)
	require.Len(t, calls, 3)
	assert.Equal(t, "eks describe-cluster --name domino --region us-west-2 --output json", calls[0])
	assert.Contains(t, calls[1], "ec2 describe-instances --region us-west-2 --filters Name=tag:dominodatalab.com/access-host,Values=domino Name=instance-state-name,Values=running")
	assert.Equal(t, "ssm start-session --region us-west-2 --target i-0abc1234def567890 --document-name AWS-StartPortForwardingSessionToRemoteHost "+
		"--parameters host=ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com,portNumber=443,localPortNumber=9555", calls[2])
	assert.Contains(t, out, "Starting session")

	b, err := os.ReadFile("domino.tunnel.kubeconfig")
	require.NoError(t, err)
	info, err := os.Stat("domino.tunnel.kubeconfig")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "credentials config: owner only")
	var kc struct {
		CurrentContext string `json:"current-context"`
		Clusters       []struct {
			Cluster map[string]string `json:"cluster"`
		} `json:"clusters"`
		Users []struct {
			User struct {
				Exec struct {
					Command string   `json:"command"`
					Args    []string `json:"args"`
				} `json:"exec"`
			} `json:"user"`
		} `json:"users"`
	}
	require.NoError(t, yaml.Unmarshal(b, &kc))
	assert.Equal(t, "domino-tunnel", kc.CurrentContext)
	require.Len(t, kc.Clusters, 1)
	assert.Equal(t, map[string]string{"server": "https://127.0.0.1:9555", "tls-server-name": "ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com",
		"certificate-authority-data": tunnelCA}, kc.Clusters[0].Cluster)
	require.Len(t, kc.Users, 1)
	assert.Equal(t, "aws", kc.Users[0].User.Exec.Command)
	assert.Equal(t, []string{"eks", "get-token", "--cluster-name", "domino", "--region", "us-west-2", "--output", "json"}, kc.Users[0].User.Exec.Args)
}

// TestTunnelFromStackOutputs: cluster, region and access host come from
// pulumi stack output --json; --print prints the command without running it.
func TestTunnelFromStackOutputs(t *testing.T) {
	w := newTunnelWorld(t, false)
	require.NoError(t, os.WriteFile("outputs.json", []byte(`{"clusterName":"domino","region":"eu-west-1","accessHostId":"i-0fromoutputs0000"}`), 0o600))
	out, code := execTunnel(t, "--outputs", "outputs.json", "--print", "--kubeconfig", "kc.yaml")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "aws ssm start-session --region eu-west-1 --target i-0fromoutputs0000 --document-name AWS-StartPortForwardingSessionToRemoteHost "+
		"--parameters host=ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com,portNumber=443,localPortNumber=9443")
	assert.Contains(t, out, "kubectl --kubeconfig kc.yaml get nodes")
	assert.Equal(t, []string{"eks describe-cluster --name domino --region eu-west-1 --output json"}, w.calls(t), "--print opens nothing")
	_, err := os.Stat("kc.yaml")
	assert.NoError(t, err)
}

// TestTunnelFailures exit 2 with what to do.
func TestTunnelFailures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		plugin bool
		args   []string
		want   string
	}{
		{"missing plugin", false, []string{"--cluster", "domino", "--region", "us-west-2"},
			"session-manager-plugin) is not on PATH; install it: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html"},
		{"no cluster", true, []string{"--region", "us-west-2"}, "--cluster and --region"},
		{"bad port", true, []string{"--cluster", "domino", "--region", "us-west-2", "--port", "70000"}, "not a TCP port"},
		{"unreadable outputs", true, []string{"--outputs", "missing.json"}, "missing.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newTunnelWorld(t, tc.plugin)
			out, code := execTunnel(t, tc.args...)
			assert.Equal(t, 2, code, out)
			assert.Contains(t, out, tc.want)
			if tc.name == "missing plugin" {
				for _, c := range w.calls(t) {
					assert.NotContains(t, c, "start-session", "no session without the plugin")
				}
			}
		})
	}
}

// TestTwoStepFlowFromTheDefaultPlan: README "Reach your cluster" for the
// default stack (private API in a VPC the same up creates), from what the
// plan's stack outputs hold. Step 1: `pulumi stack output --json` feeds
// `dominoeks tunnel --outputs`: the access host and cluster are the stack's,
// and the kubeconfig reaches the API through 127.0.0.1. Step 2:
// domino-compute-storage, not created by `up`, comes either from
// `kubectl apply` of storageClassManifest through that kubeconfig or from the
// installer (installerValues storage_classes.block.create: true): both are
// the same class.
func TestTwoStepFlowFromTheDefaultPlan(t *testing.T) {
	p, err := plan.Build(plan.Options{})
	require.NoError(t, err)
	for _, r := range p.Resources {
		require.NotEqual(t, "kubernetes:storage.k8s.io/v1:StorageClass", r.Type, "up creates no Kubernetes object with a private API in a new VPC")
	}
	hostID, _ := p.Outputs["accessHostId"].(string)
	require.NotEmpty(t, hostID, "the default stack has an access host")

	w := newTunnelWorld(t, false)
	outs, err := json.Marshal(map[string]any{"clusterName": p.Outputs["clusterName"], "region": p.Outputs["region"], "accessHostId": hostID})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("outputs.json", outs, 0o600))
	out, code := execTunnel(t, "--outputs", "outputs.json", "--print")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "--target "+hostID+" --document-name AWS-StartPortForwardingSessionToRemoteHost")
	assert.Equal(t, []string{"eks describe-cluster --name domino --region us-west-2 --output json"}, w.calls(t))
	var kc struct {
		Clusters []struct {
			Cluster map[string]string `json:"cluster"`
		} `json:"clusters"`
	}
	b, err := os.ReadFile("domino.tunnel.kubeconfig")
	require.NoError(t, err, "the README's KUBECONFIG path")
	require.NoError(t, yaml.Unmarshal(b, &kc))
	require.Len(t, kc.Clusters, 1)
	assert.Equal(t, "https://127.0.0.1:9443", kc.Clusters[0].Cluster["server"])

	var manifest, values map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(p.Outputs["storageClassManifest"].(string)), &manifest))
	require.NoError(t, yaml.Unmarshal([]byte(p.Outputs["installerValues"].(string)), &values))
	block := values["storage_classes"].(map[string]any)["block"].(map[string]any)
	assert.Equal(t, true, block["create"], "the installer creates the class unless you kubectl apply it")
	assert.Equal(t, block["name"], manifest["metadata"].(map[string]any)["name"])
	assert.Equal(t, block["parameters"], manifest["parameters"])
}
