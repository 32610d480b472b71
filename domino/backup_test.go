package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBackupPlan: the default plan backs the datasets file system up with a
// plan of its own (daily, Domino's retention: cold after 35 days, deleted
// after 125) into a vault encrypted with the customer key and retained on
// destroy, and turns EFS's automatic backups off (one copy, one bill). With
// backupBuckets the data buckets join the selection; off, EFS's automatic
// backups stay on.
func TestBackupPlan(t *testing.T) {
	tests := []struct {
		name        string
		args        domino.DominoEKSArgs
		wantPlan    bool
		wantBuckets int
		wantEFSAuto string
	}{
		{"default", domino.DominoEKSArgs{}, true, 0, "DISABLED"},
		{"with the data buckets", domino.DominoEKSArgs{BackupBuckets: true}, true, -1, "DISABLED"},
		{"off", domino.DominoEKSArgs{Backup: boolRef(false)}, false, 0, "ENABLED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := plan(t, tt.args)
			pols := res.Find("aws:efs/backupPolicy:BackupPolicy")
			require.Len(t, pols, 1)
			assert.Equal(t, tt.wantEFSAuto, m(pols[0].Inputs, "backupPolicy", "status"))
			vaults, plans, sels := res.Find("aws:backup/vault:Vault"), res.Find("aws:backup/plan:Plan"), res.Find("aws:backup/selection:Selection")
			if !tt.wantPlan {
				assert.Empty(t, vaults)
				assert.Empty(t, plans)
				assert.Empty(t, sels)
				return
			}
			require.Len(t, vaults, 1)
			require.Len(t, plans, 1)
			require.Len(t, sels, 1)
			key := res.Find("aws:kms/key:Key")
			require.Len(t, key, 1)
			assert.Equal(t, "domino-datasets", vaults[0].Inputs["name"], "the vault's name carries the cluster name")
			assert.Equal(t, key[0].Outputs["arn"], vaults[0].Inputs["kmsKeyArn"], "encrypted with the customer key")
			assert.True(t, vaults[0].RetainOnDelete, "recovery points outlive a destroy")
			rules := plans[0].Inputs["rules"].([]any)
			require.Len(t, rules, 1)
			assert.Equal(t, "cron(0 12 * * ? *)", m(rules[0], "schedule"), "daily")
			assert.Equal(t, float64(35), m(rules[0], "lifecycle", "coldStorageAfter"))
			assert.Equal(t, float64(125), m(rules[0], "lifecycle", "deleteAfter"))
			assert.Equal(t, vaults[0].Outputs["name"], m(rules[0], "targetVaultName"))
			fs := res.Find(efsType)
			require.Len(t, fs, 1)
			resources := sels[0].Inputs["resources"].([]any)
			assert.Contains(t, resources, fs[0].Outputs["arn"], "the plan covers the file system")
			want := tt.wantBuckets
			if want < 0 { // every data bucket: all but the access-log target
				want = len(res.Find("aws:s3/bucketV2:BucketV2")) - 1
			}
			assert.Len(t, resources, 1+want)
			assert.Equal(t, plans[0].ID, sels[0].Inputs["planId"])
		})
	}
	t.Run("a retained vault is adopted after a destroy", func(t *testing.T) {
		res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{}), preview.Options{Account: preview.Holdings{BackupVaults: []string{"domino-datasets"}}})
		require.NoError(t, err)
		v := res.Find("aws:backup/vault:Vault")
		require.Len(t, v, 1)
		assert.Equal(t, "domino-datasets", v[0].ImportID)
	})
}

func boolRef(b bool) *bool { return &b }
