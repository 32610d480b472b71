package checker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	backuptypes "github.com/aws/aws-sdk-go-v2/service/backup/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeBackup is an account's backup plans, each with one selection of
// resources: moto 5 has plans and vaults but no selections.
type fakeBackup map[string][]string

func (f fakeBackup) ListBackupPlans(context.Context, *backup.ListBackupPlansInput, ...func(*backup.Options)) (*backup.ListBackupPlansOutput, error) {
	out := &backup.ListBackupPlansOutput{}
	for name := range f {
		out.BackupPlansList = append(out.BackupPlansList, backuptypes.BackupPlansListMember{BackupPlanId: aws.String(name), BackupPlanName: aws.String(name)})
	}
	return out, nil
}

func (f fakeBackup) ListBackupSelections(_ context.Context, in *backup.ListBackupSelectionsInput, _ ...func(*backup.Options)) (*backup.ListBackupSelectionsOutput, error) {
	return &backup.ListBackupSelectionsOutput{BackupSelectionsList: []backuptypes.BackupSelectionsListMember{{SelectionId: in.BackupPlanId, SelectionName: in.BackupPlanId}}}, nil
}

func (f fakeBackup) GetBackupSelection(_ context.Context, in *backup.GetBackupSelectionInput, _ ...func(*backup.Options)) (*backup.GetBackupSelectionOutput, error) {
	return &backup.GetBackupSelectionOutput{BackupSelection: &backuptypes.BackupSelection{Resources: f[aws.ToString(in.BackupPlanId)]}}, nil
}

// TestEFSBackup: a plan whose selection names the file system passes; plans
// of other resources, or none, WARN with the fix.
func TestEFSBackup(t *testing.T) {
	const fs = "fs-0123456789abcdef0"
	arn := "arn:aws:elasticfilesystem:us-west-2:123456789012:file-system/" + fs
	tests := []struct {
		name   string
		plans  BackupAPI
		efsID  string
		want   Status
		detail string
	}{
		{"the deployment's plan", fakeBackup{"domino-backup": {arn}}, fs, StatusPass, "backup plan domino-backup covers " + fs},
		{"a plan of every file system", fakeBackup{"org": {"arn:aws:elasticfilesystem:*:*:file-system/*"}}, fs, StatusPass, "covers"},
		{"another file system's plan", fakeBackup{"other": {arn + "1"}}, fs, StatusWarn, "no backup plan selects " + fs},
		{"no plan", fakeBackup{}, fs, StatusWarn, "no backup plan selects"},
		{"no file system", fakeBackup{}, "", StatusWarn, "skipped"},
		{"no client", nil, fs, StatusWarn, "not checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{Backup: tt.plans}}
			res, err := r.checkEFSBackup(context.Background(), &state{efsID: tt.efsID})
			require.NoError(t, err)
			require.Len(t, res, 1)
			assert.Equal(t, tt.want, res[0].Status)
			assert.Contains(t, res[0].Evidence, tt.detail)
		})
	}
}
