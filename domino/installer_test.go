package domino_test

import (
	"fmt"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
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
	// Every blob store and the registry: a bucket that is versioned with
	// noncurrent expiry, and sse_kms_key_id under the key.
	assert.Equal(t, key, m(doc, "internal_docker_registry", "s3_override", "sse_kms_key_id"))
	assert.Equal(t, "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino", doc["external_docker_registry"])
	for _, bucket := range []any{m(doc, "blob_storage", "projects", "s3", "bucket"), m(doc, "blob_storage", "logs", "s3", "bucket"),
		m(doc, "blob_storage", "backups", "s3", "bucket"), m(doc, "blob_storage", "monitoring", "s3", "bucket"),
		m(doc, "internal_docker_registry", "s3_override", "bucket")} {
		b := resourceWithInput(t, res, bucketType, "bucket", bucket)
		v := resourceWithInput(t, res, "aws:s3/bucketVersioningV2:BucketVersioningV2", "bucket", b.ID)
		assert.Equal(t, "Enabled", m(v.Inputs, "versioningConfiguration", "status"), bucket)
		lc := resourceWithInput(t, res, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "bucket", b.ID)
		assert.Contains(t, fmt.Sprint(lc.Inputs["rules"]), "noncurrentDays:30", bucket)
	}
	// Infrastructure facts only: the preset owns namespaces and the default class.
	var keys []string
	for k := range doc {
		keys = append(keys, k)
	}
	assert.Subset(t, domino.InstallerKeys, keys)
	assert.NotContains(t, doc, "namespaces")
	assert.Nil(t, m(doc, "storage_classes", "block", "default"))
}

// resourceWithInput finds the one resource of typ whose input key is value.
func resourceWithInput(t *testing.T, res *preview.Result, typ, key string, value any) preview.Resource {
	t.Helper()
	var found []preview.Resource
	for _, r := range res.Find(typ) {
		if r.Inputs[key] == value {
			found = append(found, r)
		}
	}
	require.Len(t, found, 1, "%s with %s=%v", typ, key, value)
	return found[0]
}

// TestInstallerValuesImageRegistryAndCertificate: imageRegistry is named
// under helm.image_registries; a created certificate reaches nginx-ingress's
// load balancer annotation; neither appears unset.
func TestInstallerValuesImageRegistryAndCertificate(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "123456789012.dkr.ecr.us-west-2.amazonaws.com/mirror",
		Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z0123456789")})
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &doc))
	assert.Equal(t, []any{map[string]any{"server": "123456789012.dkr.ecr.us-west-2.amazonaws.com"}}, m(doc, "helm", "image_registries"))
	cert := res.Outputs["certificateArn"].(string)
	require.NotEmpty(t, cert)
	ann := m(doc, "release_overrides", "nginx-ingress", "chart_values", "controller", "service", "annotations").(map[string]any)
	assert.Equal(t, cert, ann["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"])

	res = plan(t, domino.DominoEKSArgs{})
	doc = nil
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &doc))
	assert.NotContains(t, doc, "helm")
	assert.NotContains(t, doc, "release_overrides")
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
