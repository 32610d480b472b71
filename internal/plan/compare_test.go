package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		"bucketV2 domino-blobs: bucket domino-123456789012-us-west-2-blobs → domino2-123456789012-us-west-2-blobs replaces it with a new, empty one",
		"retained (not deleted; import it to keep using it)",
		"cluster domino-eks-eksCluster: name domino → domino2",
	} {
		assert.Contains(t, warnings, want)
	}

	// The file the CLI reads is `plan --json` output.
	path := filepath.Join(t.TempDir(), "plan.json")
	data, err := json.Marshal(map[string]any{"resources": before.Resources})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	prev, err := LoadPlanResources(path)
	require.NoError(t, err)
	assert.Equal(t, len(before.Resources), len(prev))
	_, err = LoadPlanResources(filepath.Join(t.TempDir(), "missing.json"))
	assert.Error(t, err)
}
