package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuckets: the three data buckets and the access-log (monitoring)
// bucket, each encrypted (the data buckets with the customer key and S3
// Bucket Keys, the access-log bucket with SSE-S3), public access fully
// blocked, bucket owner enforced, TLS-only, retained on delete, never
// force-destroyed; every one versioned (the registry bucket included).
func TestBuckets(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{RegistryBucket: pulumi.BoolRef(false)})
	bkts := res.Find(bucketType)
	require.Len(t, bkts, 4)
	names := map[string]string{}
	for _, b := range bkts {
		names[b.Name] = b.Inputs["bucket"].(string)
		assert.Equal(t, false, b.Inputs["forceDestroy"], b.Name)
		assert.True(t, b.RetainOnDelete, "%s retained on delete", b.Name)
	}
	// Bucket names are global: the default adds the account and the region.
	const prefix = "domino-123456789012-us-west-2"
	assert.Equal(t, map[string]string{"domino-blobs": prefix + "-blobs", "domino-logs": prefix + "-logs", "domino-backups": prefix + "-backups",
		"domino-monitoring": prefix + "-monitoring"}, names)
	assert.Equal(t, prefix+"-monitoring", res.Outputs["monitoringBucket"])
	assert.Equal(t, prefix+"-blobs", res.Outputs["blobsBucket"])
	assert.Equal(t, prefix+"-logs", res.Outputs["logsBucket"])
	assert.Equal(t, prefix+"-backups", res.Outputs["backupsBucket"])

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
		assert.Equal(t, true, m(rule, "bucketKeyEnabled"), name)
		if name == prefix+"-monitoring" {
			// S3 does not deliver access logs to an SSE-KMS target bucket.
			assert.Equal(t, "AES256", m(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"), name)
		} else {
			assert.Equal(t, "aws:kms", m(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"), name)
			assert.Equal(t, keyArn(t, res), m(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"), name)
		}
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, pab[name][k], "%s %s", name, k)
		}
		assert.Equal(t, "BucketOwnerEnforced", m(own[name], "rule", "objectOwnership"), name)
		doc := policyJSON(t, pol[name]["policy"].(string))
		var stmt map[string]any
		for _, st := range doc["Statement"].([]any) {
			if st.(map[string]any)["Sid"] == "DenyInsecureTransport" {
				stmt = st.(map[string]any)
			}
		}
		require.NotNil(t, stmt, "%s: TLS-only statement", name)
		assert.Equal(t, "Deny", stmt["Effect"])
		assert.Equal(t, "false", m(stmt, "Condition", "Bool", "aws:SecureTransport"))
		assert.ElementsMatch(t, []any{"arn:aws:s3:::" + name, "arn:aws:s3:::" + name + "/*"}, stmt["Resource"])
	}
	for _, typ := range []string{
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
		"aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:efs/backupPolicy:BackupPolicy",
	} {
		for _, r := range res.Find(typ) {
			assert.True(t, r.RetainOnDelete, "%s %s stays with its retained bucket or file system", typ, r.Name)
		}
	}
	require.Len(t, ver, len(names), "every bucket is versioned")
	for _, name := range names {
		assert.Equal(t, "Enabled", m(ver[name], "versioningConfiguration", "status"), name)
	}

	// The default adds the registry bucket, versioned too; bucketVersioning
	// (deprecated) changes nothing.
	for _, args := range []domino.DominoEKSArgs{{}, {BucketVersioning: true}} {
		res = plan(t, args)
		assert.Len(t, res.Find(bucketType), 5)
		assert.Len(t, res.Find("aws:s3/bucketVersioningV2:BucketVersioningV2"), 5)
	}
}

// TestNodeS3Policy: the node role gets exactly the seed's four actions on the
// three bucket ARNs — ListBucket on the buckets, object actions on their keys.
func TestNodeS3Policy(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{BucketPrefix: "acme-domino", RegistryBucket: pulumi.BoolRef(false)})
	s3pol, err := res.ByName("aws:iam/rolePolicy:RolePolicy", "domino-node-s3")
	require.NoError(t, err)
	pols := []preview.Resource{s3pol}
	role, err := res.ByName("aws:iam/role:Role", "domino-node")
	require.NoError(t, err)
	assert.Equal(t, role.Outputs["name"], pols[0].Inputs["role"])
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"DominoListBuckets","Effect":"Allow","Action":["s3:ListBucket","s3:GetBucketLocation","s3:ListBucketMultipartUploads"],"Resource":["arn:aws:s3:::acme-domino-blobs","arn:aws:s3:::acme-domino-logs","arn:aws:s3:::acme-domino-backups"]},` +
		`{"Sid":"DominoObjects","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:ListMultipartUploadParts","s3:AbortMultipartUpload"],"Resource":["arn:aws:s3:::acme-domino-blobs/*","arn:aws:s3:::acme-domino-logs/*","arn:aws:s3:::acme-domino-backups/*"]}]}`
	assert.JSONEq(t, want, pols[0].Inputs["policy"].(string))
	assert.NotContains(t, pols[0].Inputs["policy"], "s3:*")
	assert.False(t, strings.Contains(pols[0].Inputs["policy"].(string), `"*"`))
}

// TestAbortIncompleteUploads: every data bucket (not the access-log bucket,
// which has its own expiry rule) aborts multipart uploads left unfinished,
// whose parts are billed and invisible; the rule stays with a retained
// bucket. Every bucket, the access-log one too, expires noncurrent versions
// after noncurrentVersionExpirationDays, once versioning is on.
func TestAbortIncompleteUploads(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{NoncurrentVersionExpirationDays: pulumi.IntRef(45)})
	expiry := func(lc preview.Resource) float64 {
		for _, r := range lc.Inputs["rules"].([]any) {
			if m(r, "id") == domino.NoncurrentExpiryRuleID && m(r, "status") == "Enabled" && m(r, "filter", "prefix") == "" {
				d, _ := m(r, "noncurrentVersionExpiration", "noncurrentDays").(float64)
				return d
			}
		}
		return 0
	}
	byBucket := map[string]preview.Resource{}
	for _, lc := range res.Find("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2") {
		byBucket[lc.Inputs["bucket"].(string)] = lc
	}
	for _, role := range []string{"blobs", "logs", "backups", "registry"} {
		b, err := res.ByName(bucketType, "domino-"+role)
		require.NoError(t, err)
		lc, ok := byBucket[b.ID]
		require.True(t, ok, "%s has a lifecycle configuration", role)
		rule := lc.Inputs["rules"].([]any)[0]
		assert.Equal(t, "Enabled", m(rule, "status"), role)
		assert.Equal(t, float64(domino.AbortIncompleteUploadsDays), m(rule, "abortIncompleteMultipartUpload", "daysAfterInitiation"), role)
		assert.Equal(t, "", m(rule, "filter", "prefix"), "%s: the whole bucket", role)
		assert.True(t, lc.RetainOnDelete, role)
	}
	for _, role := range []string{"blobs", "logs", "backups", "registry", "monitoring"} {
		b, err := res.ByName(bucketType, "domino-"+role)
		require.NoError(t, err)
		lc, ok := byBucket[b.ID]
		require.True(t, ok, "%s has a lifecycle configuration", role)
		assert.Equal(t, float64(45), expiry(lc), "%s expires noncurrent versions", role)
		ver, err := res.ByName("aws:s3/bucketVersioningV2:BucketVersioningV2", "domino-"+role)
		require.NoError(t, err)
		assert.Contains(t, lc.Dependencies, ver.URN, "%s: lifecycle after versioning", role)
	}
	err := domino.DominoEKSArgs{NoncurrentVersionExpirationDays: pulumi.IntRef(0)}.Validate()
	assert.ErrorContains(t, err, "noncurrentVersionExpirationDays = 0")
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

func TestBucketNaming(t *testing.T) {
	for _, tc := range []struct {
		name string
		args domino.DominoEKSArgs
		want []string
	}{
		{"prefix", domino.DominoEKSArgs{BucketPrefix: "acme", RegistryBucket: pulumi.BoolRef(true)}, []string{"acme-blobs", "acme-logs", "acme-backups", "acme-monitoring", "acme-registry"}},
		{"explicit", domino.DominoEKSArgs{BlobsBucketName: "a-data", LogsBucketName: "a-logs", BackupsBucketName: "a-bak",
			MonitoringBucketName: "a-access-logs", RegistryBucketName: "a-images"}, []string{"a-data", "a-logs", "a-bak", "a-access-logs", "a-images"}},
		{"cluster and region", domino.DominoEKSArgs{ClusterName: "Prod", Region: "eu-west-1"}, []string{"prod-123456789012-eu-west-1-blobs", "prod-123456789012-eu-west-1-logs", "prod-123456789012-eu-west-1-backups", "prod-123456789012-eu-west-1-monitoring", "prod-123456789012-eu-west-1-registry"}},
		{"no access logging, no registry", domino.DominoEKSArgs{BucketPrefix: "acme", AccessLogging: pulumi.BoolRef(false), RegistryBucket: pulumi.BoolRef(false)}, []string{"acme-blobs", "acme-logs", "acme-backups"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := plan(t, tc.args)
			var got []string
			for _, b := range res.Find(bucketType) {
				got = append(got, b.Inputs["bucket"].(string))
			}
			assert.ElementsMatch(t, tc.want, got)
		})
	}
	// A long cluster name is ours to shorten; a prefix the user sets is refused with the fix.
	assert.NoError(t, domino.DominoEKSArgs{ClusterName: strings.Repeat("c", 40)}.Validate())
	err := domino.DominoEKSArgs{BucketPrefix: strings.Repeat("c", 53)}.Validate()
	require.ErrorContains(t, err, `bucketPrefix = "`+strings.Repeat("c", 53)+`": makes the bucket name `+strings.Repeat("c", 53)+"-monitoring, which is 64 characters; S3 bucket names take 3-63")
	assert.Contains(t, err.Error(), "use at most 52 lower-case letters")
	err = domino.DominoEKSArgs{BlobsBucketName: "Data_Bucket"}.Validate()
	assert.ErrorContains(t, err, `blobsBucketName = "Data_Bucket": has upper-case letters`)
}
