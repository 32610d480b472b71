package preview

import (
	"fmt"
	"slices"
)

// existingName is one resource type whose physical name is unique in an
// account (or, for buckets, globally): creating it again fails with the
// service's error, after everything before it was created.
type existingName struct {
	ID, Type, Source string
	// Key is the input holding the physical name.
	Key string
	// Held lists the names the account holds.
	Held func(Holdings) []string
	// Error is what the service answers.
	Error string
}

// existingNames is the table of "already exists" failures the engine models.
// A registration that adopts the resource (the import option) is not a create.
var existingNames = []existingName{
	{ID: "logs-log-group-exists", Type: "aws:cloudwatch/logGroup:LogGroup", Key: "name",
		Held:   func(h Holdings) []string { return h.LogGroups },
		Error:  "ResourceAlreadyExistsException: The specified log group already exists",
		Source: "CloudWatch Logs API CreateLogGroup (ResourceAlreadyExistsException), https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html; EKS recreates /aws/eks/<cluster>/cluster after a destroy: terraform-aws-modules/terraform-aws-eks#2486, #2763"},
	{ID: "ecr-repository-exists", Type: "aws:ecr/repository:Repository", Key: "name",
		Held:   func(h Holdings) []string { return h.Repositories },
		Error:  "RepositoryAlreadyExistsException: The repository already exists in the registry",
		Source: "ECR API CreateRepository (RepositoryAlreadyExistsException), https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html"},
	{ID: "s3-bucket-exists", Type: "aws:s3/bucketV2:BucketV2", Key: "bucket",
		Held:   func(h Holdings) []string { return h.Buckets },
		Error:  "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it",
		Source: "S3 API CreateBucket errors (BucketAlreadyOwnedByYou outside us-east-1), https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html"},
	{ID: "kms-alias-exists", Type: "aws:kms/alias:Alias", Key: "name",
		Held:   func(h Holdings) []string { return h.KeyAliases },
		Error:  "AlreadyExistsException: An alias with the name already exists",
		Source: "KMS API CreateAlias (AlreadyExistsException), https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html"},
	{ID: "backup-vault-exists", Type: "aws:backup/vault:Vault", Key: "name",
		Held:   func(h Holdings) []string { return h.BackupVaults },
		Error:  "AlreadyExistsException: Backup vault with the same name already exists",
		Source: "AWS Backup API CreateBackupVault (AlreadyExistsException), https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html"},
	{ID: "efs-creation-token-exists", Type: "aws:efs/fileSystem:FileSystem", Key: "creationToken",
		Held:   func(h Holdings) []string { return h.fileSystemNames() },
		Error:  "FileSystemAlreadyExists: File system with the creation token already exists",
		Source: "EFS API CreateFileSystem (FileSystemAlreadyExists), https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html"},
}

// existingNameRules: creating a physical name the account already holds
// fails as AWS fails it.
var existingNameRules = func() []Rule {
	var out []Rule
	for _, e := range existingNames {
		out = append(out, Rule{ID: e.ID, Source: e.Source, Types: []string{e.Type}, Check: func(r Resource, reg Registered) string {
			name, _ := r.Inputs[e.Key].(string)
			if r.ImportID != "" || name == "" || !slices.Contains(e.Held(reg.Holds()), name) {
				return ""
			}
			return fmt.Sprintf("%s %q already exists in the account (%s): adopt it (import) or choose another name", e.Key, name, e.Error)
		}})
	}
	return out
}()
