package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuckets: three buckets, each SSE-encrypted, public access fully
// blocked, bucket owner enforced, TLS-only, retained on delete, never
// force-destroyed; backups versioned.
func TestBuckets(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	bkts := res.Find(bucketType)
	require.Len(t, bkts, 3)
	names := map[string]string{}
	for _, b := range bkts {
		names[b.Name] = b.Inputs["bucket"].(string)
		assert.Equal(t, false, b.Inputs["forceDestroy"], b.Name)
		assert.True(t, b.RetainOnDelete, "%s retained on delete", b.Name)
	}
	assert.Equal(t, map[string]string{"domino-blobs": "domino-blobs", "domino-logs": "domino-logs", "domino-backups": "domino-backups"}, names)
	assert.Equal(t, "domino-blobs", res.Outputs["blobsBucket"])
	assert.Equal(t, "domino-logs", res.Outputs["logsBucket"])
	assert.Equal(t, "domino-backups", res.Outputs["backupsBucket"])

	byBucket := func(typ string) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, r := range res.Find(typ) {
			out[r.Inputs["bucket"].(string)] = r.Inputs
		}
		return out
	}
	sse := byBucket("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
	pab := byBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
	own := byBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls")
	pol := byBucket("aws:s3/bucketPolicy:BucketPolicy")
	ver := byBucket("aws:s3/bucketVersioningV2:BucketVersioningV2")
	for _, name := range names {
		rule := sse[name]["rules"].([]any)[0]
		assert.Equal(t, "AES256", m(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"), name)
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, pab[name][k], "%s %s", name, k)
		}
		assert.Equal(t, "BucketOwnerEnforced", m(own[name], "rule", "objectOwnership"), name)
		doc := policyJSON(t, pol[name]["policy"].(string))
		stmt := doc["Statement"].([]any)[0].(map[string]any)
		assert.Equal(t, "Deny", stmt["Effect"])
		assert.Equal(t, "false", m(stmt, "Condition", "Bool", "aws:SecureTransport"))
		assert.ElementsMatch(t, []any{"arn:aws:s3:::" + name, "arn:aws:s3:::" + name + "/*"}, stmt["Resource"])
	}
	require.Len(t, ver, 1, "only backups are versioned by default")
	assert.Equal(t, "Enabled", m(ver["domino-backups"], "versioningConfiguration", "status"))

	res = plan(t, domino.DominoEKSArgs{BucketVersioning: true})
	assert.Len(t, res.Find("aws:s3/bucketVersioningV2:BucketVersioningV2"), 3)
}

// TestNodeS3Policy: the node role gets exactly the seed's four actions on the
// three bucket ARNs — ListBucket on the buckets, object actions on their keys.
func TestNodeS3Policy(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{BucketPrefix: "acme-domino"})
	pols := res.Find("aws:iam/rolePolicy:RolePolicy")
	require.Len(t, pols, 1)
	role, err := res.ByName("aws:iam/role:Role", "domino-node")
	require.NoError(t, err)
	assert.Equal(t, role.Outputs["name"], pols[0].Inputs["role"])
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"DominoListBuckets","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::acme-domino-blobs","arn:aws:s3:::acme-domino-logs","arn:aws:s3:::acme-domino-backups"]},` +
		`{"Sid":"DominoObjects","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],"Resource":["arn:aws:s3:::acme-domino-blobs/*","arn:aws:s3:::acme-domino-logs/*","arn:aws:s3:::acme-domino-backups/*"]}]}`
	assert.JSONEq(t, want, pols[0].Inputs["policy"].(string))
	assert.NotContains(t, pols[0].Inputs["policy"], "s3:*")
	assert.False(t, strings.Contains(pols[0].Inputs["policy"].(string), `"*"`))
}

func TestDataProtection(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{ProtectData: true})
	for _, r := range append(res.Find(bucketType), res.Find(efsType)...) {
		assert.True(t, r.Protect, "%s protected", r.Name)
		assert.True(t, r.RetainOnDelete, "%s retained", r.Name)
	}
	res = plan(t, domino.DominoEKSArgs{DeleteDataOnDestroy: true})
	for _, r := range append(res.Find(bucketType), res.Find(efsType)...) {
		assert.False(t, r.RetainOnDelete, "%s deletable on request", r.Name)
		if r.Type == bucketType {
			assert.Equal(t, false, r.Inputs["forceDestroy"], "never force-destroyed")
		}
	}
}
