package checker

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
)

// CheckEFSBackup verifies an AWS Backup plan's selection covers the EFS file system.
const CheckEFSBackup = "efs.backup"

const efsBackupTitle = "An AWS Backup plan covers the EFS file system (daily backups into the deployment's vault)"

// BackupAPI is the subset of the AWS Backup client the checker reads.
type BackupAPI interface {
	ListBackupPlans(ctx context.Context, in *backup.ListBackupPlansInput, optFns ...func(*backup.Options)) (*backup.ListBackupPlansOutput, error)
	ListBackupSelections(ctx context.Context, in *backup.ListBackupSelectionsInput, optFns ...func(*backup.Options)) (*backup.ListBackupSelectionsOutput, error)
	GetBackupSelection(ctx context.Context, in *backup.GetBackupSelectionInput, optFns ...func(*backup.Options)) (*backup.GetBackupSelectionOutput, error)
}

// checkEFSBackup looks for a backup selection naming the file system's ARN
// (or a wildcard covering every file system).
func (r *runner) checkEFSBackup(ctx context.Context, st *state) ([]Result, error) {
	switch {
	case st.efsID == "":
		return []Result{warn(CheckEFSBackup, efsBackupTitle, "skipped: no EFS file system found", "see "+CheckEFSMountTargets)}, nil
	case r.c.Backup == nil:
		return []Result{warn(CheckEFSBackup, efsBackupTitle, "not checked (no AWS Backup client)", "grant backup:ListBackupPlans, backup:ListBackupSelections, backup:GetBackupSelection")}, nil
	}
	r.progress("list AWS Backup plans")
	plans, err := r.c.Backup.ListBackupPlans(ctx, &backup.ListBackupPlansInput{})
	if optionalAPIError(err) {
		return []Result{warn(CheckEFSBackup, efsBackupTitle, "could not list backup plans: "+APIErrorCode(err), "grant backup:ListBackupPlans, backup:ListBackupSelections, backup:GetBackupSelection")}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backup plans: %w", err)
	}
	for _, p := range plans.BackupPlansList {
		sels, err := r.c.Backup.ListBackupSelections(ctx, &backup.ListBackupSelectionsInput{BackupPlanId: p.BackupPlanId})
		if err != nil {
			return nil, fmt.Errorf("list selections of backup plan %s: %w", aws.ToString(p.BackupPlanName), err)
		}
		for _, sel := range sels.BackupSelectionsList {
			got, err := r.c.Backup.GetBackupSelection(ctx, &backup.GetBackupSelectionInput{BackupPlanId: p.BackupPlanId, SelectionId: sel.SelectionId})
			if err != nil {
				return nil, fmt.Errorf("read backup selection %s: %w", aws.ToString(sel.SelectionName), err)
			}
			if got.BackupSelection != nil && coversFileSystem(got.BackupSelection.Resources, st.efsID) {
				return []Result{pass(CheckEFSBackup, efsBackupTitle, fmt.Sprintf("backup plan %s covers %s", aws.ToString(p.BackupPlanName), st.efsID))}, nil
			}
		}
	}
	return []Result{warn(CheckEFSBackup, efsBackupTitle, "no backup plan selects "+st.efsID,
		"keep backup on (the default) and run pulumi up, or add the file system's ARN to a backup plan's selection")}, nil
}

// coversFileSystem reports whether selection resources name the file system
// (its ARN ends in file-system/<id>) or every resource ("*", or an EFS ARN wildcard).
func coversFileSystem(resources []string, fsID string) bool {
	for _, res := range resources {
		if res == "*" || strings.HasSuffix(res, ":file-system/"+fsID) || strings.HasSuffix(res, ":file-system/*") {
			return true
		}
	}
	return false
}
