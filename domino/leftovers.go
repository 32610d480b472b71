package domino

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Destroy, then up again. A destroy retains the data (buckets, EFS, ECR
// repositories, the customer key and its alias), and EKS recreates the
// control-plane log group while it flushes (terraform-aws-modules/terraform-aws-eks
// #2486, #2763). Creating any of those names again fails as AWS fails
// (ResourceAlreadyExistsException, RepositoryAlreadyExistsException,
// BucketAlreadyOwnedByYou, AlreadyExistsException) after the VPC, NAT gateways
// and key exist. So an `up` that finds no cluster (a first up, or the first
// after a destroy) looks each physical name up, and adopts what it finds with
// Pulumi's import option: the stack manages the retained resource again, the
// data keeps its key and stays readable. Properties AWS reports differently
// from the program (the log group EKS recreated has no retention; a key's
// policy) are left alone for that one run (ignoreChanges) and converge on the
// next `up`.

// adoptable is one kind of retained resource: how the component finds it and
// which properties it leaves alone while adopting it.
type adoptable struct {
	// Type is the Pulumi type token (for the import command).
	Type string
	// Ignore are properties that may differ on the retained resource.
	Ignore []string
}

// Kinds of retained resources, by the component's role for them.
var adoptables = map[string]adoptable{
	"logGroup":   {Type: "aws:cloudwatch/logGroup:LogGroup", Ignore: []string{"retentionInDays", "kmsKeyId", "tags", "logGroupClass", "skipDestroy"}},
	"repository": {Type: "aws:ecr/repository:Repository", Ignore: []string{"imageTagMutability", "imageScanningConfiguration", "encryptionConfigurations", "forceDelete", "tags"}},
	"key":        {Type: "aws:kms/key:Key", Ignore: []string{"description", "policy", "tags", "deletionWindowInDays", "enableKeyRotation", "keyUsage", "bypassPolicyLockoutSafetyCheck"}},
	"alias":      {Type: "aws:kms/alias:Alias", Ignore: []string{"targetKeyId"}},
	"bucket":     {Type: "aws:s3/bucketV2:BucketV2", Ignore: []string{"tags", "forceDestroy", "objectLockEnabled"}},
	"vault":      {Type: "aws:backup/vault:Vault", Ignore: []string{"kmsKeyArn", "tags", "forceDestroy"}},
	"efs":        {Type: "aws:efs/fileSystem:FileSystem", Ignore: []string{"tags", "throughputMode", "provisionedThroughputInMibps", "performanceMode"}},
}

// leftovers are the retained resources found by physical name, by role key
// ("logGroup", "repository:<name>", "key", "alias", "bucket:<role>", "efs"),
// each with its AWS id.
type leftovers struct {
	found map[string]string
	// names are the physical names, for messages.
	names map[string]string
	// refused are candidates found but not adopted (another cluster's, or
	// nothing ties them to this one), for warnings.
	refused []string
}

// Leftover is a resource a destroy retained that the next `up` adopts.
type Leftover struct {
	// Type is the Pulumi type token; Name the physical name; ID the AWS id.
	Type, Name, ID string
}

// adopt returns the resource options that adopt the retained resource of the
// role key, none when nothing was retained.
func (l leftovers) adopt(kind, key string) []pulumi.ResourceOption {
	id, ok := l.found[key]
	if !ok {
		return nil
	}
	return []pulumi.ResourceOption{pulumi.Import(pulumi.ID(id)), pulumi.IgnoreChanges(adoptables[kind].Ignore)}
}

// list returns what was found, for warnings.
func (l leftovers) list() []Leftover {
	var out []Leftover
	for key, id := range l.found {
		kind, _, _ := strings.Cut(key, ":")
		out = append(out, Leftover{Type: adoptables[kind].Type, Name: l.names[key], ID: id})
	}
	return out
}

// findLeftovers looks up every physical name the deployment creates that a
// destroy may have left behind. Only a lookup's "not found" means absent; any
// other error stops the run before anything is created.
func findLeftovers(ctx *pulumi.Context, s spec) (leftovers, error) {
	l := leftovers{found: map[string]string{}, names: map[string]string{}}
	record := func(key, name, id string) { l.found[key], l.names[key] = id, name }
	lookup := func(what string, err error) (bool, error) {
		switch {
		case err == nil:
			return true, nil
		case isNotFound(err):
			return false, nil
		}
		return false, fmt.Errorf("look up a retained %s before creating it: %w", what, err)
	}
	lg := ControlPlaneLogGroupName(s.ClusterName)
	_, err := cloudwatch.LookupLogGroup(ctx, &cloudwatch.LookupLogGroupArgs{Name: lg})
	if ok, err := lookup("log group "+lg, err); err != nil {
		return l, err
	} else if ok {
		record("logGroup", lg, lg)
	}
	if s.ECR {
		for _, role := range RepositoryRoles {
			name := s.repositoryName(role)
			_, err := ecr.LookupRepository(ctx, &ecr.LookupRepositoryArgs{Name: name})
			if ok, err := lookup("ECR repository "+name, err); err != nil {
				return l, err
			} else if ok {
				record("repository:"+name, name, name)
			}
		}
	}
	if s.CreateKMSKey {
		alias := "alias/" + s.ClusterName
		res, err := kms.LookupAlias(ctx, &kms.LookupAliasArgs{Name: alias})
		if ok, err := lookup("KMS alias "+alias, err); err != nil {
			return l, err
		} else if ok {
			record("alias", alias, alias)
			record("key", res.TargetKeyArn, res.TargetKeyId)
		}
	}
	account := ""
	for _, role := range []string{BucketMonitoring, BucketBlobs, BucketLogs, BucketBackups, BucketRegistry} {
		b := s.bucketsByRole()[role]
		if b == "" {
			continue
		}
		if strings.Contains(b, accountPlaceholder) {
			if account == "" {
				id, err := aws.GetCallerIdentity(ctx, nil)
				if err != nil {
					return l, fmt.Errorf("identify the account for bucket names: %w", err)
				}
				account = id.AccountId
			}
			b = strings.Replace(b, accountPlaceholder, account, 1)
		}
		_, err := s3.LookupBucket(ctx, &s3.LookupBucketArgs{Bucket: b})
		if ok, err := lookup("S3 bucket "+b, err); err != nil {
			return l, err
		} else if ok {
			record("bucket:"+role, b, b)
		}
	}
	if s.Backup {
		vault := BackupVaultName(s.ClusterName)
		_, err := backup.LookupVault(ctx, &backup.LookupVaultArgs{Name: vault})
		if ok, err := lookup("backup vault "+vault, err); err != nil {
			return l, err
		} else if ok {
			record("vault", vault, vault)
		}
	}
	if err := l.findFileSystem(ctx, s); err != nil {
		return l, err
	}
	return l, nil
}

// bucketsByRole are the planned bucket names by role ("" when off), with
// the account placeholder in default names.
func (s spec) bucketsByRole() map[string]string {
	return map[string]string{BucketBlobs: s.BlobsBucket, BucketLogs: s.LogsBucket, BucketBackups: s.BackupsBucket,
		BucketRegistry: s.RegistryBucket, BucketMonitoring: s.MonitoringBucket}
}

// findFileSystem finds the retained datasets file system: by the identity tag
// (adopt.ClusterTag=<cluster>), else by the Name tag an earlier version gave it
// (Name=<component>-datasets, which every stack with the default component
// name shares), adopted only when adopt.Judge ties it to this cluster. A file
// system of another cluster is never adopted: this cluster gets its own.
func (l *leftovers) findFileSystem(ctx *pulumi.Context, s spec) error {
	fsName := s.Name + "-datasets"
	cl := adopt.Cluster{Name: s.ClusterName, KeyID: l.found["key"]}
	for _, tags := range []map[string]string{{adopt.ClusterTag: s.ClusterName}, {"Name": fsName}} {
		what := "EFS file system tagged " + tagList(tags)
		fs, err := efs.LookupFileSystem(ctx, &efs.LookupFileSystemArgs{Tags: tags})
		switch {
		case isNotFound(err):
			continue
		case isAmbiguous(err):
			l.refused = append(l.refused, fmt.Sprintf("several EFS file systems are tagged %s: none is adopted; give only the one holding cluster %s's data the tag %s=%s (`%s`) and up again",
				tagList(tags), s.ClusterName, adopt.ClusterTag, s.ClusterName, adopt.TagCommand("<fs-id>", s.ClusterName)))
			continue
		case err != nil:
			return fmt.Errorf("look up a retained %s before creating it: %w", what, err)
		}
		switch v, owner := adopt.Judge(adopt.Candidate{ID: fs.FileSystemId, Tags: fs.Tags, KeyID: fs.KmsKeyId}, cl); v {
		case adopt.Adopt:
			l.found["efs"], l.names["efs"] = fs.FileSystemId, fsName
			return nil
		case adopt.Foreign:
			l.refused = append(l.refused, fmt.Sprintf("%s %s belongs to cluster %s (tag %s): not adopted, cluster %s gets its own file system",
				what, fs.FileSystemId, owner, adopt.ClusterTag, s.ClusterName))
		default:
			l.refused = append(l.refused, fmt.Sprintf("%s %s carries no cluster tag and is not encrypted with the key alias/%s names: not adopted, a new file system is created; "+
				"if it holds cluster %s's data, run `%s` and up again", what, fs.FileSystemId, s.ClusterName, s.ClusterName, adopt.TagCommand(fs.FileSystemId, s.ClusterName)))
		}
	}
	return nil
}

// tagList renders tags as k=v for messages.
func tagList(tags map[string]string) string {
	var out []string
	for k, v := range tags {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}
