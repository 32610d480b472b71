package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The -update flag rewrites golden files. It is registered only if no other
// test file of the package registered it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// cliMu serialises tests that swap os.Stdout and os.Stderr.
var cliMu sync.Mutex

// runCLI runs the CLI as main does and returns what it wrote and its exit code.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cliMu.Lock()
	defer cliMu.Unlock()
	outR, outW, err := os.Pipe()
	require.NoError(t, err)
	errR, errW, err := os.Pipe()
	require.NoError(t, err)
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outW, errW
	defer func() { os.Stdout, os.Stderr = oldOut, oldErr }()

	var outBuf, errBuf bytes.Buffer
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, _ = io.Copy(&outBuf, outR) }()
	go func() { defer wg.Done(); _, _ = io.Copy(&errBuf, errR) }()
	code = run(args)
	require.NoError(t, outW.Close())
	require.NoError(t, errW.Close())
	wg.Wait()
	return outBuf.String(), errBuf.String(), code
}

// planJSON runs `plan --json` with args and decodes the document.
func planJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	stdout, stderr, code := runCLI(t, append([]string{"plan", "--json"}, args...)...)
	require.Equal(t, 0, code, "stderr: %s", stderr)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "stdout is one JSON document")
	return doc
}

// TestPlanGolden pins the JSON document of the default stack. After an
// intended change: go test ./cmd/dominoeks -run TestPlanGolden -update
func TestPlanGolden(t *testing.T) {
	stdout, stderr, code := runCLI(t, "plan", "--json")
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Empty(t, stderr)

	golden := filepath.Join("testdata", "plan-default.json")
	if updateGolden() {
		require.NoError(t, os.WriteFile(golden, []byte(stdout), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), stdout, "plan --json changed; rerun with -update if intended")

	again, _, _ := runCLI(t, "plan", "--json")
	assert.Equal(t, stdout, again, "output is deterministic")
}

func TestPlanJSONContract(t *testing.T) {
	doc := planJSON(t)
	for _, key := range []string{"resources", "outputs", "cost", "criticalPath", "warnings", "workloads", "scheduling"} {
		assert.Contains(t, doc, key)
	}
	assert.Len(t, doc, 7, "exactly the documented top-level keys")
	sched := doc["scheduling"].(map[string]any)
	assert.Equal(t, []string{"autoscaler", "placements"}, keys(t, sched), "no gaps or warnings in the default plan")
	for _, p := range sched["placements"].([]any) {
		p := p.(map[string]any)
		assert.Subset(t, keys(t, p), []string{"class", "how", "nodeGroup", "zone"}, "%v", p)
	}
	ws := doc["workloads"].([]any)
	require.NotEmpty(t, ws)
	for _, w := range ws {
		w := w.(map[string]any)
		for _, key := range []string{"id", "name", "identity", "identityKind", "status", "needs", "capabilities", "source"} {
			assert.Contains(t, w, key)
		}
		assert.Equal(t, "satisfied", w["status"], w["id"])
		for _, n := range w["needs"].([]any) {
			n := n.(map[string]any)
			for _, key := range []string{"action", "resource", "status", "decision", "by"} {
				assert.Contains(t, n, key, "%s: %v", w["id"], n)
			}
		}
	}

	resources := doc["resources"].([]any)
	require.NotEmpty(t, resources)
	first := resources[0].(map[string]any)
	for _, key := range []string{"urn", "type", "custom", "parent", "inputs", "dependencies", "protect", "retainOnDelete", "ignoreChanges"} {
		assert.Contains(t, first, key)
	}
	var prev string
	for _, r := range resources {
		urn := r.(map[string]any)["urn"].(string)
		assert.Less(t, prev, urn, "resources sorted by URN")
		prev = urn
	}

	assert.Equal(t, "[secret]", doc["outputs"].(map[string]any)["kubeconfig"])
	cost := doc["cost"].(map[string]any)
	assert.Equal(t, "USD", cost["currency"])
	assert.Equal(t, false, cost["partial"])
	assert.Less(t, cost["monthlyMin"].(float64), cost["monthlyMax"].(float64))
	cp := doc["criticalPath"].(map[string]any)
	assert.Positive(t, cp["seconds"].(float64))
	assert.NotEmpty(t, cp["path"])

	// The seed's node groups, buckets, EFS and storage class are in the plan.
	ngs := nodeGroupInputs(t, doc)
	require.Len(t, ngs, 6)
	for name, want := range map[string][3]float64{
		"domino-platform-us-west-2a": {1, 1, 1}, "domino-platform-us-west-2b": {1, 1, 1}, "domino-platform-us-west-2c": {1, 1, 1},
		"domino-default-us-west-2a": {1, 20, 1}, "domino-default-us-west-2b": {1, 20, 1}, "domino-default-us-west-2c": {1, 20, 1},
	} {
		sc := ngs[name]["scalingConfig"].(map[string]any)
		assert.Equal(t, want, [3]float64{sc["minSize"].(float64), sc["maxSize"].(float64), sc["desiredSize"].(float64)}, name)
	}
	assert.Equal(t, 5, countType(doc, "aws:s3/bucketV2:BucketV2"), "blobs, logs, backups, registry and the access-log bucket")
	assert.Equal(t, 3, countType(doc, "aws:ecr/repository:Repository"), "environment, model, genai-model")
	assert.Equal(t, 1, countType(doc, "aws:kms/key:Key"), "one customer key")
	assert.Equal(t, 1, countType(doc, "aws:efs/accessPoint:AccessPoint"))
	assert.Equal(t, 1, countType(doc, "aws:efs/fileSystem:FileSystem"))
	assert.Equal(t, 3, countType(doc, "aws:efs/mountTarget:MountTarget"))
	assert.Equal(t, 0, countType(doc, "kubernetes:storage.k8s.io/v1:StorageClass"), "private endpoint: the installer creates the class")
	assert.Contains(t, doc["outputs"].(map[string]any)["installerValues"], "create: true")
	assert.Equal(t, "domino-compute-storage", doc["outputs"].(map[string]any)["storageClassName"])
}

func TestPlanText(t *testing.T) {
	t.Setenv("COLUMNS", "") // the default width, whatever the terminal's
	stdout, stderr, code := runCLI(t, "plan")
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.NotContains(t, stdout, "\x1b[", "no colour when stdout is not a terminal")

	poolRow := func(pool, group, az, instance, nodes, disk string) {
		t.Helper()
		for _, line := range strings.Split(stdout, "\n") {
			if f := strings.Fields(line); len(f) >= 8 && f[0] == pool && f[1] == group {
				assert.Equal(t, []string{az, instance, nodes, disk}, []string{f[2], f[3], f[4] + " " + f[5], f[6] + " " + f[7]}, line)
				return
			}
		}
		t.Errorf("no pool table row for %s %s in:\n%s", pool, group, stdout)
	}
	for _, az := range []string{"us-west-2a", "us-west-2b", "us-west-2c"} {
		poolRow("platform", "domino-platform-"+az, az, "m5.4xlarge", "1-1 (1)", "128 GiB")
		poolRow("default", "domino-default-"+az, az, "m5.2xlarge", "1-20 (1)", "400 GiB")
	}

	for _, want := range []string{
		"Resources", "dominoeks:index:DominoEKS", "aws:ec2:Vpc", "cidr=10.0.0.0/16", "eks:index:Cluster",
		"Node pools", "Outputs", "kubeconfig              [secret]",
		"Domino installer values", "Warnings", "docker bridge",
		"Estimated monthly cost", "EKS control plane", "total",
		"Deploy critical path (modelled)",
	} {
		assert.Contains(t, stdout, want)
	}
	assert.NotContains(t, stdout, "get-token", "the kubeconfig never appears")
}

func TestPlanConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Pulumi.dev.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`config:
  aws:region: us-east-1
  dominoeks:natMode: single
  dominoeks:defaultPool:
    maxSize: 30
    diskSizeGib: 200
`), 0o600))

	doc := planJSON(t, "--config", path)
	groups := nodeGroupInputs(t, doc)
	require.Len(t, groups, 6)
	for name, in := range groups {
		if strings.Contains(name, "-default-") {
			assert.Equal(t, 30.0, in["scalingConfig"].(map[string]any)["maxSize"], name)
			assert.Contains(t, name, "us-east-1", "aws:region is the region default")
		}
	}
	assert.Equal(t, "us-east-1", doc["cost"].(map[string]any)["region"])
	assert.Equal(t, 1, countType(doc, "aws:ec2/natGateway:NatGateway"), "natMode single")

	t.Run("--set overrides the file", func(t *testing.T) {
		doc := planJSON(t, "--config", path, "--set", `defaultPool={"maxSize":7}`, "--set", "dominoeks:natMode=per-az")
		for name, in := range nodeGroupInputs(t, doc) {
			if strings.Contains(name, "-default-") {
				assert.Equal(t, 7.0, in["scalingConfig"].(map[string]any)["maxSize"], name)
			}
		}
		assert.Equal(t, 3, countType(doc, "aws:ec2/natGateway:NatGateway"))
	})
	t.Run("--region overrides aws:region", func(t *testing.T) {
		doc := planJSON(t, "--config", path, "--region", "eu-west-1")
		assert.Equal(t, "eu-west-1", doc["cost"].(map[string]any)["region"])
	})
}

func TestPlanInvalidConfigExits2(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"two zones", []string{"--set", `availabilityZones=["us-west-2a","us-west-2b"]`}, "2 availability zones are not supported"},
		{"two zones as JSON", []string{"--json", "--set", `availabilityZones=["us-west-2a","us-west-2b"]`}, "2 availability zones are not supported"},
		{"unknown key", []string{"--set", "nodes=3"}, "is not a DominoEKS configuration key"},
		{"bad --set", []string{"--set", "natMode"}, "expected key=value"},
		{"missing file", []string{"--config", filepath.Join(t.TempDir(), "Pulumi.none.yaml")}, "does not exist; give a stack config file"},
		{"conflicting region", []string{"--set", "region=us-east-1", "--region", "us-west-2"}, "conflicts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, append([]string{"plan"}, tt.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.want)
			assert.True(t, strings.HasPrefix(stderr, "error: "), stderr)
			for _, noise := range []string{"goroutine", "panic", ".go:", "Usage:"} {
				assert.NotContains(t, stderr, noise)
			}
		})
	}
}

func TestPlanUnknownInstanceTypeIsPartial(t *testing.T) {
	doc := planJSON(t, "--set",
		`additionalPools=[{"name":"hpc","instanceTypes":["m5zn.6xlarge"],"maxSize":4,"labels":{"dominodatalab.com/node-pool":"hpc"}}]`)
	cost := doc["cost"].(map[string]any)
	assert.Equal(t, true, cost["partial"])
	for _, it := range cost["items"].([]any) {
		assert.NotContains(t, it.(map[string]any)["description"], "m5zn.6xlarge", "never a guessed price")
	}
	assert.Contains(t, strings.Join(toStrings(doc["warnings"]), "\n"), "no us-west-2 price for instance type m5zn.6xlarge")
}

// nodeGroupInputs returns the inputs of every node group by resource name.
func nodeGroupInputs(t *testing.T, doc map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, r := range doc["resources"].([]any) {
		m := r.(map[string]any)
		if m["type"] == "aws:eks/nodeGroup:NodeGroup" {
			out[urnName(m["urn"].(string))] = m["inputs"].(map[string]any)
		}
	}
	return out
}

func countType(doc map[string]any, typ string) int {
	n := 0
	for _, r := range doc["resources"].([]any) {
		if r.(map[string]any)["type"] == typ {
			n++
		}
	}
	return n
}

func toStrings(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

// TestPlanFailureExitCodes: a rule AWS enforces exits 1 with the rule, the
// resource and its source; configuration errors exit 2.
func TestPlanFailureExitCodes(t *testing.T) {
	ve := &preview.ViolationError{Violations: []preview.Violation{{
		Rule: "eks-subnets-two-azs", URN: "urn:pulumi:dev::p::eks:index:Cluster::c", Problem: "one zone",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html",
	}}}
	err := planFailure(fmt.Errorf("evaluate: %w", ve))
	assert.Equal(t, 1, exitCode(err))
	for _, want := range []string{"eks-subnets-two-azs", "eks:index:Cluster::c", "network-reqs.html"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Equal(t, 2, exitCode(planFailure(&plan.ConfigError{Err: errors.New("bad")})))
}
