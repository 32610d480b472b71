package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// afterDestroy is the account a destroy of the default stack (with ECR)
// leaves: the retained buckets, repositories, key with its alias and EFS, and
// the control-plane log group EKS recreated while it flushed.
var afterDestroy = preview.Holdings{
	LogGroups:    []string{"/aws/eks/domino/cluster"},
	Repositories: []string{"domino/environment", "domino/model"},
	RepositoryKeys: map[string]string{
		"domino/environment": "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + preview.RetainedKeyID("alias/domino"),
		"domino/model":       "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + preview.RetainedKeyID("alias/domino"),
	},
	Buckets: []string{
		"domino-" + preview.Account + "-us-west-2-blobs", "domino-" + preview.Account + "-us-west-2-logs",
		"domino-" + preview.Account + "-us-west-2-backups", "domino-" + preview.Account + "-us-west-2-monitoring",
	},
	KeyAliases:  []string{"alias/domino"},
	FileSystems: []string{"domino-datasets"},
}

// TestDestroyThenUp: an up into an account holding what a destroy retained
// adopts each leftover (import) instead of failing on its name mid-apply, and
// the data keeps the old key: the node role, the buckets and EFS use the
// adopted key. The engine refuses a re-create of any of these names.
func TestDestroyThenUp(t *testing.T) {
	args := domino.DominoEKSArgs{} // ecr is on by default
	res, err := preview.Run(domino.Program("domino", args), preview.Options{Account: afterDestroy})
	require.NoError(t, err, "the up adopts, so no name collides")

	imports := map[string]string{}
	for _, r := range res.Resources {
		if r.ImportID != "" {
			imports[r.Type+" "+r.Name] = r.ImportID
			assert.NotEmpty(t, r.IgnoreChanges, "%s adopts with the differing properties left alone", r.URN)
		}
	}
	oldKey := preview.RetainedKeyID("alias/domino")
	for _, want := range []string{
		"aws:cloudwatch/logGroup:LogGroup domino-control-plane", "aws:ecr/repository:Repository domino-environment",
		"aws:ecr/repository:Repository domino-model", "aws:kms/key:Key domino-key", "aws:kms/alias:Alias domino-key",
		"aws:s3/bucketV2:BucketV2 domino-blobs", "aws:s3/bucketV2:BucketV2 domino-logs", "aws:s3/bucketV2:BucketV2 domino-backups",
		"aws:s3/bucketV2:BucketV2 domino-monitoring", "aws:efs/fileSystem:FileSystem domino-datasets",
	} {
		assert.Contains(t, imports, want, "adopted")
	}
	assert.Equal(t, "/aws/eks/domino/cluster", imports["aws:cloudwatch/logGroup:LogGroup domino-control-plane"])

	// Data stays readable: every consumer of the customer key gets the old key.
	keyArn := "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + oldKey
	key := res.Find("aws:kms/key:Key")
	require.Len(t, key, 1)
	assert.Equal(t, oldKey, key[0].ImportID)
	assert.Equal(t, keyArn, res.Outputs["kmsKeyArn"], "the stack's key is the retained one")
	nodeKMS := 0
	for _, r := range res.Find("aws:iam/rolePolicy:RolePolicy") {
		if r.Name == "domino-node-kms" {
			nodeKMS++
			assert.Contains(t, r.Inputs["policy"], keyArn, "the node role may use the old key: data written before the destroy stays readable")
		}
	}
	assert.Equal(t, 1, nodeKMS, "the node role's key policy")
	alias := res.Find("aws:kms/alias:Alias")
	require.Len(t, alias, 1)
	assert.True(t, alias[0].RetainOnDelete, "the alias is retained with the key, so the next up finds it")

	t.Run("a later up (the cluster exists, the rest is in the stack) looks nothing up", func(t *testing.T) {
		res, err := preview.Run(domino.Program("domino", args), preview.Options{Account: preview.Holdings{Clusters: []string{"domino"}}})
		require.NoError(t, err)
		for _, r := range res.Resources {
			assert.Empty(t, r.ImportID, r.URN)
		}
	})
	t.Run("an empty account adopts nothing", func(t *testing.T) {
		for _, r := range plan(t, args).Resources {
			assert.Empty(t, r.ImportID, r.URN)
		}
	})
}
