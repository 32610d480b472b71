package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
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
	KeyAliases: []string{"alias/domino"},
	// An earlier version's file system: tagged Name only, encrypted with the
	// key alias/domino names.
	FileSystems: []preview.HeldFileSystem{{Name: "domino-datasets", KeyAlias: "alias/domino"}},
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

// efsImport returns the import id of the datasets file system ("" when created).
func efsImport(t *testing.T, res *preview.Result) string {
	t.Helper()
	fs := res.Find("aws:efs/fileSystem:FileSystem")
	require.Len(t, fs, 1)
	return fs[0].ImportID
}

// TestAdoptionScopedToCluster: two clusters share an account and the default
// component name "domino", so their file systems share the tag
// Name=domino-datasets. Cluster B never adopts cluster A's file system (and
// says whose it is); it adopts its own after its destroy; an untagged file
// system an earlier version created is adopted only through this cluster's key.
func TestAdoptionScopedToCluster(t *testing.T) {
	fsA := preview.HeldFileSystem{Name: "domino-datasets", Cluster: "cluster-a", KeyAlias: "alias/cluster-a"}
	fsB := preview.HeldFileSystem{Name: "domino-datasets", Cluster: "cluster-b", KeyAlias: "alias/cluster-b"}
	legacyA := preview.HeldFileSystem{Name: "domino-datasets", KeyAlias: "alias/cluster-a"}
	legacyB := preview.HeldFileSystem{Name: "domino-datasets", KeyAlias: "alias/cluster-b"}
	b := domino.DominoEKSArgs{ClusterName: "cluster-b"}
	tests := []struct {
		name    string
		held    preview.Holdings
		adopted string // import id, "" when B creates its own
		warns   string
	}{
		{"A's file system only", preview.Holdings{FileSystems: []preview.HeldFileSystem{fsA}, KeyAliases: []string{"alias/cluster-a"}},
			"", "belongs to cluster cluster-a"},
		{"B's own after B's destroy, A's beside it", preview.Holdings{FileSystems: []preview.HeldFileSystem{fsA, fsB}, KeyAliases: []string{"alias/cluster-a", "alias/cluster-b"}},
			fsB.ID(), ""},
		{"an earlier version's untagged file system of A", preview.Holdings{FileSystems: []preview.HeldFileSystem{legacyA}, KeyAliases: []string{"alias/cluster-a"}},
			"", "carries no cluster tag"},
		{"an earlier version's untagged file system of B, encrypted with B's key", preview.Holdings{FileSystems: []preview.HeldFileSystem{legacyB}, KeyAliases: []string{"alias/cluster-b"}},
			legacyB.ID(), ""},
		{"untagged ones of A and B: the Name matches both", preview.Holdings{FileSystems: []preview.HeldFileSystem{legacyA, legacyB}, KeyAliases: []string{"alias/cluster-b"}},
			"", "several EFS file systems"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := planOpts(t, b, preview.Options{Account: tt.held})
			assert.Equal(t, tt.adopted, efsImport(t, res))
			assert.Contains(t, strings.Join(domino.RefusedLeftovers(t, b, tt.held), "\n"), tt.warns, "the up says why it adopts nothing")
			fs := res.Find("aws:efs/fileSystem:FileSystem")[0]
			assert.Equal(t, "cluster-b", m(fs.Inputs, "tags", adopt.ClusterTag), "the file system carries its cluster's identity")
		})
	}
}
