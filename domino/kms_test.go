package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

const (
	kmsKeyType   = "aws:kms/key:Key"
	kmsAliasType = "aws:kms/alias:Alias"
	sseType      = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	rolePolicy   = "aws:iam/rolePolicy:RolePolicy"
)

// keyArn is the ARN of the plan's one customer key.
func keyArn(t testing.TB, res *preview.Result) string {
	t.Helper()
	keys := res.Find(kmsKeyType)
	require.Len(t, keys, 1, "one customer key")
	return keys[0].Outputs["arn"].(string)
}

// keyUsers returns, for every place a customer key can be named, the key it
// names ("" when none): launch templates, the storage class, EFS, the data
// buckets and the EKS cluster's secrets encryption.
func keyUsers(res *preview.Result) map[string]string {
	out := map[string]string{}
	for _, lt := range res.Find(ltType) {
		for _, bdm := range m(lt.Inputs, "blockDeviceMappings").([]any) {
			out["launch template "+lt.Name], _ = m(bdm, "ebs", "kmsKeyId").(string)
		}
	}
	for _, sc := range res.Find(storageClass) {
		out["storage class"], _ = m(sc.Inputs, "parameters", "kmsKeyId").(string)
	}
	if len(res.Find(storageClass)) == 0 { // the installer creates the class from its values
		var vals map[string]any
		if yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &vals) == nil {
			out["storage class"], _ = m(vals, "storage_classes", "block", "parameters", "kmsKeyId").(string)
		}
	}
	for _, fs := range res.Find(efsType) {
		out["EFS "+fs.Name], _ = fs.Inputs["kmsKeyId"].(string)
	}
	for _, r := range res.Find(sseType) {
		out["bucket "+r.Name], _ = m(r.Inputs["rules"].([]any)[0], "applyServerSideEncryptionByDefault", "kmsMasterKeyId").(string)
	}
	for _, c := range res.Find("eks:index:Cluster") {
		out["EKS secrets"], _ = c.Inputs["encryptionConfigKeyArn"].(string)
	}
	return out
}

// TestCustomerKeyEncryptsEveryDataStore: the default plan has exactly one
// customer key, and launch templates, the storage class, EFS, the three data
// buckets, the registry bucket and EKS secrets all use it; the access-log
// bucket cannot (SSE-S3).
func TestCustomerKeyEncryptsEveryDataStore(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	arn := keyArn(t, res)
	users := keyUsers(res)
	want := map[string]string{
		"launch template domino-platform": arn, "launch template domino-default": arn,
		"storage class": arn, "EFS domino-datasets": arn,
		"bucket domino-blobs": arn, "bucket domino-logs": arn, "bucket domino-backups": arn, "bucket domino-registry": arn,
		"bucket domino-monitoring": "", "EKS secrets": arn,
	}
	assert.Equal(t, want, users)
	assert.Equal(t, arn, res.Outputs["kmsKeyArn"])
	manifest := map[string]any{}
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["storageClassManifest"].(string)), &manifest))
	assert.Equal(t, arn, m(manifest, "parameters", "kmsKeyId"), "the manifest output names the key too")

	key := res.Find(kmsKeyType)[0]
	assert.Equal(t, true, key.Inputs["enableKeyRotation"])
	assert.Equal(t, float64(30), key.Inputs["deletionWindowInDays"])
	assert.Equal(t, "ENCRYPT_DECRYPT", key.Inputs["keyUsage"])
	assert.NotContains(t, key.Inputs, "bypassPolicyLockoutSafetyCheck")
	assert.True(t, key.RetainOnDelete, "the key is retained like the data it protects")
	aliases := res.Find(kmsAliasType)
	require.Len(t, aliases, 1)
	assert.Equal(t, "alias/domino", aliases[0].Inputs["name"])
	assert.Equal(t, key.Outputs["keyId"], aliases[0].Inputs["targetKeyId"])

	res = plan(t, domino.DominoEKSArgs{DeleteDataOnDestroy: true, ProtectData: true})
	key = res.Find(kmsKeyType)[0]
	assert.False(t, key.RetainOnDelete, "scheduled for deletion (30-day window) only with deleteDataOnDestroy")
	assert.True(t, key.Protect)
}

// TestKeyPolicy: the account root keeps kms:* (else KMS refuses the policy)
// and the Auto Scaling service-linked role may use the key and create grants
// for AWS resources (else managed node groups cannot launch encrypted volumes).
func TestKeyPolicy(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	doc := policyJSON(t, res.Find(kmsKeyType)[0].Inputs["policy"].(string))
	stmts := map[string]map[string]any{}
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		stmts[st["Sid"].(string)] = st
	}
	admin := stmts["AccountAdministrator"]
	assert.Equal(t, "arn:aws:iam::123456789012:root", m(admin, "Principal", "AWS"))
	assert.Equal(t, []any{"kms:*"}, admin["Action"])
	slr := "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
	use := stmts["AutoScalingUseOfTheKey"]
	assert.Equal(t, slr, m(use, "Principal", "AWS"))
	assert.ElementsMatch(t, []any{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, use["Action"])
	grant := stmts["AutoScalingAttachmentOfPersistentResources"]
	assert.Equal(t, slr, m(grant, "Principal", "AWS"))
	assert.Equal(t, []any{"kms:CreateGrant"}, grant["Action"])
	assert.Equal(t, true, m(grant, "Condition", "Bool", "kms:GrantIsForAWSResource"))
}

// TestKeyRolePolicies: nodes may encrypt and decrypt SSE-KMS objects; the EBS
// CSI driver may use the key and create grants for AWS resources — each on
// exactly the key.
func TestKeyRolePolicies(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	arn := keyArn(t, res)
	node, err := res.ByName(rolePolicy, "domino-node-kms")
	require.NoError(t, err)
	nodeRole, _ := res.ByName("aws:iam/role:Role", "domino-node")
	assert.Equal(t, nodeRole.Outputs["name"], node.Inputs["role"])
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Sid":"DominoSSEKMS","Effect":"Allow",`+
		`"Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":["`+arn+`"]}]}`, node.Inputs["policy"].(string))
	csi, err := res.ByName(rolePolicy, "domino-ebs-csi-kms")
	require.NoError(t, err)
	csiRole, _ := res.ByName("aws:iam/role:Role", "domino-ebs-csi")
	assert.Equal(t, csiRole.Outputs["name"], csi.Inputs["role"])
	doc := policyJSON(t, csi.Inputs["policy"].(string))
	grants := doc["Statement"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []any{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}, grants["Action"])
	assert.Equal(t, true, m(grants, "Condition", "Bool", "kms:GrantIsForAWSResource"))
	use := doc["Statement"].([]any)[1].(map[string]any)
	assert.ElementsMatch(t, []any{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, use["Action"])
	for _, st := range doc["Statement"].([]any) {
		assert.Equal(t, []any{arn}, st.(map[string]any)["Resource"])
	}
}

// TestBringYourOwnKeyOrNone: kmsKeyArn is used everywhere without creating a
// key; createKmsKey false keeps AWS managed keys (the seed's behaviour).
func TestBringYourOwnKeyOrNone(t *testing.T) {
	const byo = "arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"
	res := plan(t, domino.DominoEKSArgs{KmsKeyArn: byo})
	assert.Empty(t, res.Find(kmsKeyType))
	assert.Empty(t, res.Find(kmsAliasType))
	for where, k := range keyUsers(res) {
		if where != "bucket domino-monitoring" {
			assert.Equal(t, byo, k, where)
		}
	}
	assert.Equal(t, byo, res.Outputs["kmsKeyArn"])
	_, err := res.ByName(rolePolicy, "domino-ebs-csi-kms")
	assert.NoError(t, err, "the EBS CSI role may use the brought key")

	res = plan(t, domino.DominoEKSArgs{CreateKmsKey: pulumi.BoolRef(false)})
	assert.Empty(t, res.Find(kmsKeyType))
	for where, k := range keyUsers(res) {
		assert.Empty(t, k, where)
	}
	for _, r := range res.Find(sseType) {
		assert.Equal(t, "AES256", m(r.Inputs["rules"].([]any)[0], "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	}
	_, err = res.ByName(rolePolicy, "domino-node-kms")
	assert.Error(t, err, "no key, no key policy")
	assert.Equal(t, "", res.Outputs["kmsKeyArn"])
}

func TestKMSKeyPolicyDocument(t *testing.T) {
	doc, err := domino.KMSKeyPolicy("aws-us-gov", "210987654321", "arn:aws-us-gov:iam::210987654321:role/d-eks-eksRole-role-*")
	require.NoError(t, err)
	assert.Contains(t, doc, `"arn:aws-us-gov:iam::210987654321:root"`)
	assert.Contains(t, doc, `"arn:aws-us-gov:iam::210987654321:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"`)
	// EKS encrypts secrets as pulumi-eks's auto-named cluster role: granted by
	// pattern, in this account only.
	assert.Contains(t, doc, `"ArnLike":{"aws:PrincipalArn":"arn:aws-us-gov:iam::210987654321:role/d-eks-eksRole-role-*"}`)
	assert.Contains(t, doc, `"StringEquals":{"aws:PrincipalAccount":"210987654321"}`)
}

// TestKeyWarnings: a configured key warns that EFS's key is fixed at creation.
func TestKeyWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		args domino.DominoEKSArgs
		want []string
	}{
		{"created", domino.DominoEKSArgs{}, []string{"fixed at creation", "keeps the key it was created with", "AWSServiceRoleForAutoScaling"}},
		{"brought", domino.DominoEKSArgs{KmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/k"}, []string{"fixed at creation", "kmsKeyArn: the key's policy"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := strings.Join(tc.args.Warnings("domino"), "\n")
			for _, w := range tc.want {
				assert.Contains(t, all, w)
			}
		})
	}
	all := strings.Join(domino.DominoEKSArgs{CreateKmsKey: pulumi.BoolRef(false)}.Warnings("domino"), "\n")
	assert.NotContains(t, all, "KMS key")
}
