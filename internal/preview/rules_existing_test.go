package preview_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leftovers is an account after a destroy that retained data.
var leftovers = preview.Holdings{
	LogGroups:    []string{"/aws/eks/domino/cluster"},
	Repositories: []string{"domino/environment"},
	Buckets:      []string{"domino-blobs"},
	KeyAliases:   []string{"alias/domino"},
	FileSystems:  []preview.HeldFileSystem{{Name: "domino-datasets"}},
	BackupVaults: []string{"domino-datasets"},
	// An admin's entry added by hand on cluster domino (untagged, made later).
	AccessEntries: map[string][]preview.HeldAccessEntry{"domino": {{Principal: "arn:aws:iam::123456789012:role/by-hand"}}},
}

// accountRuleCases run against an account holding leftovers: creating a
// held name is refused, adopting it (import) or another name is not.
var accountRuleCases = func() []ruleCase {
	create := map[string]func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error{
		"logs-log-group-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := cloudwatch.NewLogGroup(ctx, "lg", &cloudwatch.LogGroupArgs{Name: pulumi.String(name)}, opts...)
			return err
		},
		"ecr-repository-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := ecr.NewRepository(ctx, "repo", &ecr.RepositoryArgs{Name: pulumi.String(name)}, opts...)
			return err
		},
		"s3-bucket-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{Bucket: pulumi.String(name)}, opts...)
			return err
		},
		"kms-alias-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := kms.NewAlias(ctx, "a", &kms.AliasArgs{Name: pulumi.String(name), TargetKeyId: pulumi.String("k")}, opts...)
			return err
		},
		"backup-vault-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := backup.NewVault(ctx, "v", &backup.VaultArgs{Name: pulumi.String(name)}, opts...)
			return err
		},
		"access-entry-exists": func(ctx *pulumi.Context, principal string, opts ...pulumi.ResourceOption) error {
			_, err := awseks.NewAccessEntry(ctx, "e", &awseks.AccessEntryArgs{ClusterName: pulumi.String("domino"), PrincipalArn: pulumi.String(principal)}, opts...)
			return err
		},
		"efs-creation-token-exists": func(ctx *pulumi.Context, name string, opts ...pulumi.ResourceOption) error {
			_, err := efs.NewFileSystem(ctx, "fs", &efs.FileSystemArgs{CreationToken: pulumi.String(name)}, opts...)
			return err
		},
	}
	held := map[string]string{
		"logs-log-group-exists": leftovers.LogGroups[0], "ecr-repository-exists": leftovers.Repositories[0],
		"s3-bucket-exists": leftovers.Buckets[0], "kms-alias-exists": leftovers.KeyAliases[0], "efs-creation-token-exists": leftovers.FileSystems[0].Name,
		"backup-vault-exists": leftovers.BackupVaults[0], "access-entry-exists": leftovers.AccessEntries["domino"][0].Principal,
	}
	var out []ruleCase
	for _, rule := range slices.Sorted(func(yield func(string) bool) {
		for k := range create {
			if !yield(k) {
				return
			}
		}
	}) {
		mk, name := create[rule], held[rule]
		out = append(out,
			ruleCase{rule, "creates a held name", true, func(ctx *pulumi.Context) error { return mk(ctx, name) }},
			ruleCase{rule, "adopts the held name", false, func(ctx *pulumi.Context) error { return mk(ctx, name, pulumi.Import(pulumi.ID(name))) }},
			ruleCase{rule, "another name", false, func(ctx *pulumi.Context) error { return mk(ctx, name+"-2") }})
	}
	return out
}()

func TestRulesRejectExistingNames(t *testing.T) {
	for _, tc := range accountRuleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			_, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) { return nil, tc.program(ctx) }, preview.Options{Account: leftovers})
			var ve *preview.ViolationError
			if !tc.violating {
				require.NoError(t, err)
				return
			}
			require.True(t, errors.As(err, &ve), "want a violation, got %v", err)
			require.Len(t, ve.Violations, 1)
			assert.Equal(t, tc.rule, ve.Violations[0].Rule)
			assert.Contains(t, ve.Violations[0].Problem, "already exists")
		})
		t.Run(tc.rule+"/"+tc.name+"/empty account", func(t *testing.T) {
			assert.Empty(t, violated(t, tc.program), "an empty account holds nothing")
		})
	}
}
