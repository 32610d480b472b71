package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// TestInstallerValuesGolden pins the installer configuration of the default
// stack (with a hostname and the GPU pool).
func TestInstallerValuesGolden(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{Hostname: "domino.example.com", EnableGpuPool: true})
	values, ok := res.Outputs["installerValues"].(string)
	require.True(t, ok)
	golden(t, "installer-values.golden.yaml", values)

	var doc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(values), &doc))
	fs := res.Find(efsType)[0]
	assert.Equal(t, "domino.example.com", doc["hostname"])
	assert.Equal(t, "domino-compute-storage", m(doc, "storage_classes", "block", "name"))
	assert.Equal(t, fs.ID, m(doc, "storage_classes", "shared", "efs", "filesystem_id"))
	assert.Equal(t, "us-west-2", m(doc, "storage_classes", "shared", "efs", "region"))
	for store, bucket := range map[string]string{"projects": "domino-123456789012-us-west-2-blobs", "logs": "domino-123456789012-us-west-2-logs", "backups": "domino-123456789012-us-west-2-backups"} {
		assert.Equal(t, bucket, m(doc, "blob_storage", store, "s3", "bucket"), store)
		assert.Equal(t, "us-west-2", m(doc, "blob_storage", store, "s3", "region"), store)
	}
	groups := m(doc, "autoscaler", "groups").([]any)
	assert.Len(t, groups, len(res.Find(nodeGroupType)), "one autoscaler group per node group")
	asgs := res.Outputs["autoscalingGroups"].(map[string]any)
	assert.Contains(t, groups, map[string]any{"name": asgs["platform"], "min_size": float64(3), "max_size": float64(3)})
	assert.Contains(t, groups, map[string]any{"name": asgs["default-us-west-2b"], "min_size": float64(1), "max_size": float64(20)})
	assert.Contains(t, groups, map[string]any{"name": asgs["default-gpu-us-west-2c"], "min_size": float64(0), "max_size": float64(5)})
	assert.Equal(t, "domino", m(doc, "autoscaler", "auto_discovery", "cluster_name"))
	assert.Equal(t, "domino-system", m(doc, "namespaces", "system", "name"))
}
