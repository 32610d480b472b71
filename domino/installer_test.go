package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// TestInstallerValuesGolden pins the installer configuration of the default
// stack (with a hostname and the GPU pool).
// The key set is pinned by the golden file: Domino's "Install configuration
// reference" keys, covering every value of Domino's Terraform
// domino_config_values.
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
	assert.Nil(t, m(doc, "autoscaler", "groups"), "auto-discovery only: group names go stale")
	assert.Equal(t, "domino", m(doc, "autoscaler", "auto_discovery", "cluster_name"))
	assert.Equal(t, true, doc["enable_network_policies"])
	key := keyArn(t, res)
	for _, store := range []string{"projects", "logs", "backups"} {
		assert.Equal(t, "s3", m(doc, "blob_storage", store, "type"), store)
		assert.Equal(t, key, m(doc, "blob_storage", store, "s3", "sse_kms_key_id"), store)
	}
	assert.Nil(t, m(doc, "blob_storage", "monitoring", "s3", "sse_kms_key_id"), "access logs are SSE-S3")
	assert.Equal(t, key, m(doc, "storage_classes", "block", "parameters", "kmsKeyId"))
	assert.Equal(t, "domino-system", m(doc, "namespaces", "system", "name"))
}

// TestInstallerValuesRegistry: the internal registry's S3 override carries
// the key; with ECR, external_docker_registry is the prefix Domino appends
// /environment and /model to, and ecr_repositories (which Domino does not
// read) is gone.
func TestInstallerValuesRegistry(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{RegistryBucket: pulumi.BoolRef(true), Ecr: pulumi.BoolRef(true)})
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &doc))
	assert.Equal(t, map[string]any{"region": "us-west-2", "bucket": "domino-123456789012-us-west-2-registry", "sse_kms_key_id": keyArn(t, res)},
		m(doc, "internal_docker_registry", "s3_override"))
	urls := res.Outputs["ecrRepositories"].(map[string]any)
	ext := doc["external_docker_registry"].(string)
	assert.Equal(t, ext+"/environment", urls["environment"])
	assert.Equal(t, ext+"/model", urls["model"])
	assert.NotContains(t, doc, "ecr_repositories")
	res = plan(t, domino.DominoEKSArgs{CreateKmsKey: pulumi.BoolRef(false)})
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &doc))
	assert.Nil(t, m(doc, "blob_storage", "projects", "s3", "sse_kms_key_id"), "no customer key, no sse_kms_key_id")
}
