package domino

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AWS Backup. The datasets file system (and, with backupBuckets, the S3 data
// buckets) is in a backup plan of the deployment's own: daily backups into a
// vault encrypted with the customer key, with Domino's retention. It replaces
// EFS's automatic backups (which go to the account's default vault under
// AWS's default plan: 35 days, the AWS managed key), not beside them: two
// copies would be two bills. The vault keeps its recovery points on destroy
// (retained like the data) and the next up adopts it (leftovers.go).

// backupRule is the plan's one rule, from Domino's Terraform defaults
// (dominodatalab/terraform-aws-eks, storage.efs.backup_vault.backup:
// schedule "0 12 * * ? *", cold_storage_after 35, delete_after 125; module
// modules/infra/submodules/storage/efs_backup_vault.tf). AWS Backup keeps a
// recovery point in cold storage at least 90 days, so delete_after must be
// cold_storage_after + 90 or more (AWS Backup developer guide, "Lifecycle
// and storage tiers"); resource types without cold storage (S3) ignore the
// transition.
var backupRule = struct {
	Name, Schedule             string
	ColdAfterDays, DeleteAfter int
	StartWindowMinutes         int
}{Name: "daily", Schedule: "cron(0 12 * * ? *)", ColdAfterDays: 35, DeleteAfter: 125, StartWindowMinutes: 60}

// backupRolePolicies are the AWS managed policies of the role AWS Backup
// assumes: backup and restore, and for S3 its own pair (AWS Backup developer
// guide, "Managed policies for AWS Backup").
var backupRolePolicies = map[string]string{
	"backup":  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
	"restore": "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
}

var backupS3RolePolicies = map[string]string{
	"s3-backup":  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
	"s3-restore": "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
}

// BackupVaultName is the backup vault's name: unique per account and region,
// so it carries the cluster name (2-50 of [A-Za-z0-9_-]: AWS Backup
// CreateBackupVault), shortened with a stable hash when the cluster name is long.
func BackupVaultName(clusterName string) string {
	const max, suffix = 50, "-datasets"
	if len(clusterName)+len(suffix) <= max {
		return clusterName + suffix
	}
	id := shortID(clusterName)
	return clusterName[:max-len(suffix)-len(id)-1] + "-" + id + suffix
}

// newBackups creates the vault, the plan and the selection of what it backs up.
func newBackups(ctx *pulumi.Context, s spec, fileSystemArn pulumi.StringInput, bucketArns pulumi.StringArray, opts ...pulumi.ResourceOption) error {
	if !s.Backup {
		return nil
	}
	n := s.Name
	vault, err := backup.NewVault(ctx, n+"-backup", &backup.VaultArgs{
		Name:      pulumi.String(BackupVaultName(s.ClusterName)),
		KmsKeyArn: s.kmsKeyID(), // nil: AWS Backup's managed key
		Tags:      tagsWith(s, nil),
	}, append(dataOpts(s, opts), s.leftovers.adopt("vault", "vault")...)...)
	if err != nil {
		return fmt.Errorf("backup vault: %w", err)
	}
	plan, err := backup.NewPlan(ctx, n+"-backup", &backup.PlanArgs{
		Rules: backup.PlanRuleArray{backup.PlanRuleArgs{
			RuleName:        pulumi.String(backupRule.Name),
			TargetVaultName: vault.Name,
			Schedule:        pulumi.String(backupRule.Schedule),
			StartWindow:     pulumi.Int(backupRule.StartWindowMinutes),
			Lifecycle: backup.PlanRuleLifecycleArgs{
				ColdStorageAfter: pulumi.Int(backupRule.ColdAfterDays),
				DeleteAfter:      pulumi.Int(backupRule.DeleteAfter),
			},
		}},
		Tags: tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return fmt.Errorf("backup plan: %w", err)
	}
	role, err := newBackupRole(ctx, s, opts...)
	if err != nil {
		return err
	}
	resources := pulumi.StringArray{fileSystemArn}
	if s.BackupBuckets {
		resources = append(resources, bucketArns...)
	}
	if _, err := backup.NewSelection(ctx, n+"-backup", &backup.SelectionArgs{
		PlanId:     plan.ID(),
		IamRoleArn: role.Arn,
		Resources:  resources,
	}, opts...); err != nil {
		return fmt.Errorf("backup selection: %w", err)
	}
	return nil
}

// newBackupRole is the role AWS Backup assumes for the plan.
func newBackupRole(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, s.Name+"-backup", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("backup.amazonaws.com")),
		Description:      pulumi.String("AWS Backup of the Domino data of " + s.ClusterName),
		Tags:             tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("backup role: %w", err)
	}
	policies := backupRolePolicies
	if s.BackupBuckets {
		policies = maps.Clone(backupRolePolicies)
		maps.Copy(policies, backupS3RolePolicies)
	}
	for _, key := range sortedKeys(policies) {
		if _, err := iam.NewRolePolicyAttachment(ctx, s.Name+"-backup-"+key, &iam.RolePolicyAttachmentArgs{
			Role: role.Name, PolicyArn: pulumi.String(policies[key]),
		}, opts...); err != nil {
			return nil, fmt.Errorf("backup role policy %s: %w", key, err)
		}
	}
	return role, nil
}

// dataArns are the ARNs of the data buckets (blobs, logs, backups, registry).
func (b *buckets) dataArns() pulumi.StringArray {
	var out pulumi.StringArray
	for _, role := range []string{BucketBlobs, BucketLogs, BucketBackups, BucketRegistry} {
		if bk, ok := b.Buckets[role]; ok {
			out = append(out, bk.Arn)
		}
	}
	return out
}

// efsAutomaticBackups is the EFS backup policy status: EFS's automatic
// backups (the default vault) only without the deployment's own plan, never both.
func (s spec) efsAutomaticBackups() string {
	if s.Backup {
		return "DISABLED"
	}
	return "ENABLED"
}
