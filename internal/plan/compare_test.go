package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompareWarnsAboutReplacedData: renaming the cluster renames the
// default buckets and replaces the EKS cluster; comparing with the previous
// plan says so, names the old and new values, and that the buckets are
// retained. An unchanged plan, or a pool resize, warns about nothing.
func TestCompareWarnsAboutReplacedData(t *testing.T) {
	before, err := Build(Options{})
	require.NoError(t, err)
	resized, err := Build(Options{Config: map[string]string{"dominoeks:defaultPool": `{"maxSize":30}`}})
	require.NoError(t, err)
	assert.Empty(t, CompareResources(before.Resources, before.Resources))
	assert.Empty(t, CompareResources(before.Resources, resized.Resources), "a pool resize touches no data")

	renamed, err := Build(Options{Config: map[string]string{"dominoeks:clusterName": "domino2"}})
	require.NoError(t, err)
	warnings := strings.Join(CompareResources(before.Resources, renamed.Resources), "\n")
	for _, want := range []string{
		"bucketV2 domino-blobs: bucket domino-123456789012-us-west-2-blobs → domino2-123456789012-us-west-2-blobs replaces it (a bucket cannot be renamed: a new, empty bucket)",
		"retained (not deleted; import it to keep using it)",
		"cluster domino-eks-eksCluster: name domino → domino2",
	} {
		assert.Contains(t, warnings, want)
	}

	// The file the CLI reads is `plan --json` output.
	path := filepath.Join(t.TempDir(), "plan.json")
	data, err := json.Marshal(map[string]any{"resources": before.Resources, "cost": before.Cost, "criticalPath": before.CriticalPath})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	prev, err := LoadPlanResources(path)
	require.NoError(t, err)
	assert.Equal(t, len(before.Resources), len(prev))
	_, err = LoadPlanResources(filepath.Join(t.TempDir(), "missing.json"))
	assert.Error(t, err)
}

// TestCompareGatesStatefulChanges: region and vpcCidr changes are noticed with
// their cited reason and counted as stateful; non-plan files are refused.
func TestCompareGatesStatefulChanges(t *testing.T) {
	base, err := Build(Options{})
	require.NoError(t, err)
	prev := PreviousPlan{Resources: base.Resources, Region: base.Region}
	tests := []struct {
		name         string
		config       map[string]string
		wantStateful bool
		want         []string
	}{
		{"pool resize", map[string]string{"dominoeks:defaultPool": `{"maxSize":30}`}, false, nil},
		{"region change", map[string]string{"aws:region": "us-east-1"}, true,
			[]string{"fileSystem domino-datasets: region us-west-2 → us-east-1", "cluster domino-eks-eksCluster: region", "key domino-key: region", "bucketV2 domino-blobs: region"}},
		{"customer key turned off", map[string]string{"dominoeks:createKmsKey": "false"}, true,
			[]string{"cluster domino-eks-eksCluster: encryptionConfig", "EKS cannot remove or change secrets encryption"}},
		{"vpcCidr change", map[string]string{"dominoeks:vpcCidr": "10.1.0.0/16"}, true,
			[]string{"vpc domino-vpc: cidrBlock 10.0.0.0/16 → 10.1.0.0/16 replaces it", "cannot move to another VPC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur, err := Build(Options{Config: tt.config})
			require.NoError(t, err)
			c := Compare(prev, cur.Resources, cur.Region)
			assert.Equal(t, tt.wantStateful, c.Stateful > 0, c.Warnings)
			joined := strings.Join(c.Warnings, "\n")
			for _, w := range tt.want {
				assert.Contains(t, joined, w)
			}
		})
	}
	for _, doc := range []string{`{}`, `{"resources":[]}`, `{"resources":[{"urn":"x"}]}`, `[1]`} {
		path := filepath.Join(t.TempDir(), "prev.json")
		require.NoError(t, os.WriteFile(path, []byte(doc), 0o600))
		_, err := LoadPlan(path)
		assert.ErrorContains(t, err, "not a `dominoeks plan --json` document", doc)
	}
}

func TestReplaceFactsAreCited(t *testing.T) {
	for typ, facts := range ReplaceFacts {
		for _, f := range facts {
			assert.NotEmpty(t, f.Key, typ)
			assert.NotEmpty(t, f.Why, typ)
			assert.Regexp(t, `\.go|https://`, f.Source, "%s %s cites its source", typ, f.Key)
		}
	}
}

// TestCompareNamesNodeGroupsLeaving: an older stack's spanning platform
// group, replaced by one group per zone, is named by --compare (its nodes
// are drained), without counting as data.
func TestCompareNamesNodeGroupsLeaving(t *testing.T) {
	old, err := Build(Options{Config: map[string]string{"dominoeks:platformPool": `{"spanAZs":true,"minSize":3,"maxSize":3,"desiredSize":3}`}})
	require.NoError(t, err)
	cur, err := Build(Options{})
	require.NoError(t, err)
	c := Compare(PreviousPlan{Resources: old.Resources, Region: old.Region}, cur.Resources, cur.Region)
	assert.Zero(t, c.Stateful, "node groups hold no data")
	require.Len(t, c.Warnings, 1)
	assert.Contains(t, c.Warnings[0], "nodeGroup domino-platform leaves the plan")
	assert.Contains(t, c.Warnings[0], "pool platform")
}

// TestCompareNamesNodeRolls: moving a pool's AMI release is an in-place
// update that rolls its nodes: --compare says so without counting it as a
// stateful change.
func TestCompareNamesNodeRolls(t *testing.T) {
	ng := func(release string) preview.Resource {
		return preview.Resource{URN: "urn:pulumi:dev::p::aws:eks/nodeGroup:NodeGroup::domino-default-us-west-2a", Type: "aws:eks/nodeGroup:NodeGroup",
			Inputs: map[string]any{"releaseVersion": release}}
	}
	c := compareResources([]preview.Resource{ng("1.35.0-20261120")}, []preview.Resource{ng("1.35.2-20261201")})
	assert.Zero(t, c.Stateful)
	require.Len(t, c.Warnings, 1)
	assert.Contains(t, c.Warnings[0], "nodeGroup domino-default-us-west-2a: releaseVersion 1.35.0-20261120 → 1.35.2-20261201 rolls the group's nodes")
	assert.Empty(t, compareResources([]preview.Resource{ng("1.35.0-20261120")}, []preview.Resource{ng("1.35.0-20261120")}).Warnings)
}
