package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// subnetZones returns the sorted zones of the planned subnets.
func subnetZones(doc map[string]any) []string {
	var zones []string
	for _, r := range doc["resources"].([]any) {
		m := r.(map[string]any)
		if m["type"] == "aws:ec2/subnet:Subnet" {
			if z, _ := m["inputs"].(map[string]any)["availabilityZone"].(string); !slices.Contains(zones, z) {
				zones = append(zones, z)
			}
		}
	}
	slices.Sort(zones)
	return zones
}

// TestPlanZonesOfEveryRegion: plan uses the zones the region has (the zone
// table), including two-zone regions, and validates zones in the region the
// AWS provider deploys to.
func TestPlanZonesOfEveryRegion(t *testing.T) {
	dir := t.TempDir()
	euFile := filepath.Join(dir, "Pulumi.eu.yaml")
	require.NoError(t, os.WriteFile(euFile, []byte("config:\n  aws:region: eu-west-1\n  dominoeks:availabilityZones:\n    - eu-west-1a\n    - eu-west-1b\n    - eu-west-1c\n"), 0o600))
	tests := []struct {
		name       string
		args       []string
		wantSubnet []string
		wantGroups int
	}{
		{"us-west-1: one node zone, two-zone control plane", []string{"--region", "us-west-1"}, []string{"us-west-1a", "us-west-1b"}, 2},
		{"ca-central-1: a, b, d", []string{"--region", "ca-central-1"}, []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"}, 6},
		{"eu-west-1 with --set zones", []string{"--region", "eu-west-1", "--set", `availabilityZones=["eu-west-1a","eu-west-1b","eu-west-1c"]`},
			[]string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}, 6},
		{"eu-west-1 stack file", []string{"--config", euFile}, []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := planJSON(t, tt.args...)
			assert.Equal(t, tt.wantSubnet, subnetZones(doc))
			assert.Len(t, nodeGroupInputs(t, doc), tt.wantGroups)
		})
	}
	// Zone names map to zone IDs per account, and the names an account has
	// differ too: offline, the reference account's facts are warnings;
	// preflight decides with the account's answer.
	for name, tc := range map[string]struct {
		args []string
		warn string
	}{
		"a zone the reference account maps to an ID EKS refuses": {[]string{"--region", "us-east-1", "--set", `availabilityZones=["us-east-1a","us-east-1b","us-east-1e"]`},
			"availabilityZones: us-east-1e is zone ID use1-az3 in the reference account"},
		"a zone name the reference account lacks": {[]string{"--region", "us-west-1", "--set", `availabilityZones=["us-west-1c"]`},
			"availabilityZones: us-west-1c is not a zone of the reference account's us-west-1 (us-west-1a, us-west-1b)"},
	} {
		t.Run(name+" warns", func(t *testing.T) {
			doc := planJSON(t, tc.args...)
			var found bool
			for _, w := range doc["warnings"].([]any) {
				found = found || strings.Contains(w.(string), tc.warn)
			}
			assert.True(t, found, "warnings: %v", doc["warnings"])
		})
	}
}

// TestPlanControlPlaneSubnetIdsFromConfig: controlPlaneSubnetIds from --set
// and from a stack file reach the component (an existing VPC with one node zone).
func TestPlanControlPlaneSubnetIdsFromConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Pulumi.byo.yaml")
	require.NoError(t, os.WriteFile(file, []byte(`config:
  dominoeks:vpcId: vpc-0123456789abcdef0
  dominoeks:privateSubnetIds: '["subnet-0aaaaaaaaaaaaaaaa"]'
  dominoeks:availabilityZones: '["us-west-2a"]'
  dominoeks:controlPlaneSubnetIds: '["subnet-0aaaaaaaaaaaaaaaa","subnet-0bbbbbbbbbbbbbbbb"]'
`), 0o600))
	for name, args := range map[string][]string{
		"--set": {"--set", "vpcId=vpc-0123456789abcdef0", "--set", `privateSubnetIds=["subnet-0aaaaaaaaaaaaaaaa"]`, "--set", `availabilityZones=["us-west-2a"]`,
			"--set", `controlPlaneSubnetIds=["subnet-0aaaaaaaaaaaaaaaa","subnet-0bbbbbbbbbbbbbbbb"]`},
		"stack file": {"--config", file},
	} {
		t.Run(name, func(t *testing.T) {
			doc := planJSON(t, args...)
			var cluster map[string]any
			for _, r := range doc["resources"].([]any) {
				if m := r.(map[string]any); m["type"] == "eks:index:Cluster" {
					cluster = m["inputs"].(map[string]any)
				}
			}
			require.NotNil(t, cluster)
			assert.Equal(t, []string{"subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"}, toStrings(cluster["privateSubnetIds"]))
		})
	}
}

// TestPreflightFailsAZoneEKSRefuses: moto maps us-east-1e to use1-az3, a zone
// ID EKS refuses; preflight names it.
func TestPreflightFailsAZoneEKSRefuses(t *testing.T) {
	newPreflightWorld(t)
	rep, code := preflightJSON(t, "--region", "us-east-1", "--set", `availabilityZones=["us-east-1a","us-east-1b","us-east-1e"]`)
	assert.Equal(t, 1, code)
	r, ok := rep.Result(preflight.CheckZones)
	require.True(t, ok)
	assert.Equal(t, checker.StatusFail, r.Status, r.Evidence)
	assert.Contains(t, r.Evidence, "us-east-1e is zone ID use1-az3")
	assert.NotContains(t, r.Evidence, "us-east-1a is", "supported zones are not blamed")
}

// TestPlanCompareExitsNonZeroOnStatefulReplacement: CI can gate on --compare.
func TestPlanCompareExitsNonZeroOnStatefulReplacement(t *testing.T) {
	old, _, code := runCLI(t, "plan", "--json")
	require.Equal(t, 0, code)
	path := filepath.Join(t.TempDir(), "old.json")
	require.NoError(t, os.WriteFile(path, []byte(old), 0o600))

	_, _, code = runCLI(t, "plan", "--compare", path, "--set", `defaultPool={"maxSize":30}`)
	assert.Equal(t, 0, code, "a resize replaces nothing")
	out, stderr, code := runCLI(t, "plan", "--compare", path, "--region", "eu-west-1")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "stateful resource(s) would be replaced")
	assert.Contains(t, out, "fileSystem domino-datasets: region us-west-2 → eu-west-1")
	assert.Contains(t, out, "cluster domino-eks-eksCluster: region us-west-2 → eu-west-1", "the cluster is replaced too")
	assert.Contains(t, out, "key domino-key: region us-west-2 → eu-west-1")

	empty := filepath.Join(t.TempDir(), "empty.json")
	require.NoError(t, os.WriteFile(empty, []byte(`{}`), 0o600))
	_, stderr, code = runCLI(t, "plan", "--compare", empty)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "not a `dominoeks plan --json` document")
}

// TestPreflightDecidesAZoneNameOfflineOnlyWarnsAbout: plan warns about
// us-west-1c (the reference account lacks it); preflight asks the account,
// which lacks it too (moto's us-west-1 has a and b), and fails the zone check.
func TestPreflightDecidesAZoneNameOfflineOnlyWarnsAbout(t *testing.T) {
	newPreflightWorld(t)
	rep, code := preflightJSON(t, "--region", "us-west-1", "--set", `availabilityZones=["us-west-1c"]`)
	assert.Equal(t, 1, code)
	r, ok := rep.Result(preflight.CheckZones)
	require.True(t, ok)
	assert.Equal(t, checker.StatusFail, r.Status, r.Evidence)
	assert.Contains(t, r.Evidence, "us-west-1c")
}
