package preflight

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// CheckUnaliasedKeys names customer keys tagged for the cluster that no alias
// points to: an older version of the component deleted alias/<cluster> on
// destroy but retained the key, so the next `up` cannot find the key by its
// alias and creates a new one, and the data written under the old key
// (buckets, EFS, backups) is unreadable to the new deployment.
const CheckUnaliasedKeys = "names.unaliased-keys"

const unaliasedTitle = "No retained customer key of the cluster lost its alias (the next up finds keys by alias/<cluster>)"

// RetainedKey is a customer key tagged for the cluster that no alias names.
type RetainedKey struct {
	// ID is the key id; State its KMS key state (Enabled, Disabled, PendingDeletion).
	ID, State string
}

// checkUnaliasedKeys finds the cluster's unaliased keys (domino/kms.go tags
// the key Name=<cluster>) and prints, for each, the commands that make the
// next `up` adopt it. Only when the plan creates the key (createKmsKey).
func (r *runner) checkUnaliasedKeys(ctx context.Context) ([]checker.Result, error) {
	alias := "alias/" + r.d.ClusterName
	planned := false
	for _, a := range r.d.Retainable.KeyAliases {
		planned = planned || a == alias
	}
	if !planned {
		return []checker.Result{pass(CheckUnaliasedKeys, unaliasedTitle, "the plan creates no customer key (kmsKeyArn or createKmsKey false)")}, nil
	}
	if r.c.Leftovers == nil {
		return []checker.Result{warn(CheckUnaliasedKeys, unaliasedTitle, "not checked (no client)", "look for keys tagged Name="+r.d.ClusterName+" yourself")}, nil
	}
	keys, err := r.c.Leftovers.UnaliasedKeys(ctx, r.d.ClusterName)
	if err != nil {
		if !answered(err) {
			return nil, fmt.Errorf("list KMS keys: %w", err)
		}
		return []checker.Result{warn(CheckUnaliasedKeys, unaliasedTitle, "could not list keys: "+errCode(err),
			"grant kms:ListKeys, kms:DescribeKey, kms:ListResourceTags, kms:ListAliases")}, nil
	}
	if len(keys) == 0 {
		return []checker.Result{pass(CheckUnaliasedKeys, unaliasedTitle, "no key tagged Name="+r.d.ClusterName+" lacks an alias")}, nil
	}
	var found, fixes []string
	for _, k := range keys {
		found = append(found, fmt.Sprintf("key %s (%s) is tagged Name=%s and no alias names it", k.ID, k.State, r.d.ClusterName))
		fixes = append(fixes, AdoptKeyCommands(alias, k))
	}
	fix := "the next up would create a new key and not read data written under the old one; to adopt a key, run: " + strings.Join(fixes, "; or: ")
	if r.aliasExists {
		fix = alias + " exists and names another key, which the next up adopts; data written under these keys needs them: " +
			"keep them enabled and grant their use, or point the alias at one: " + strings.ReplaceAll(strings.Join(fixes, "; or: "), "create-alias", "update-alias")
	}
	return []checker.Result{warn(CheckUnaliasedKeys, unaliasedTitle, strings.Join(found, "; "), fix)}, nil
}

// AdoptKeyCommands are the AWS CLI commands that make the next `up` adopt a
// retained key: a key pending deletion is restored first (KMS leaves it
// Disabled after cancel-key-deletion), then alias/<cluster> points to it.
func AdoptKeyCommands(alias string, k RetainedKey) string {
	var cmds []string
	switch kmstypes.KeyState(k.State) {
	case kmstypes.KeyStatePendingDeletion:
		cmds = append(cmds, "aws kms cancel-key-deletion --key-id "+k.ID, "aws kms enable-key --key-id "+k.ID)
	case kmstypes.KeyStateDisabled:
		cmds = append(cmds, "aws kms enable-key --key-id "+k.ID)
	}
	cmds = append(cmds, "aws kms create-alias --alias-name "+alias+" --target-key-id "+k.ID)
	return strings.Join(cmds, " && ")
}

// UnaliasedKeys lists the customer-managed keys tagged Name=<cluster> that no
// alias names (ListKeys, DescribeKey, ListResourceTags, ListAliases).
func (c leftoverClients) UnaliasedKeys(ctx context.Context, cluster string) ([]RetainedKey, error) {
	var out []RetainedKey
	p := kms.NewListKeysPaginator(c.kms, &kms.ListKeysInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, entry := range page.Keys {
			id := aws.ToString(entry.KeyId)
			desc, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
			if err != nil {
				return nil, fmt.Errorf("describe key %s: %w", id, err)
			}
			md := desc.KeyMetadata
			if md.KeyManager != kmstypes.KeyManagerTypeCustomer || md.KeyState == kmstypes.KeyStatePendingReplicaDeletion {
				continue
			}
			tagged, err := c.keyTagged(ctx, id, "Name", cluster)
			if err != nil || !tagged {
				if err != nil {
					return nil, err
				}
				continue
			}
			aliases, err := c.kms.ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(id)})
			if err != nil {
				return nil, fmt.Errorf("list aliases of key %s: %w", id, err)
			}
			if len(aliases.Aliases) == 0 {
				out = append(out, RetainedKey{ID: id, State: string(md.KeyState)})
			}
		}
	}
	return out, nil
}

// keyTagged reports whether the key carries the tag key=value.
func (c leftoverClients) keyTagged(ctx context.Context, id, key, value string) (bool, error) {
	p := kms.NewListResourceTagsPaginator(c.kms, &kms.ListResourceTagsInput{KeyId: aws.String(id)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return false, fmt.Errorf("list tags of key %s: %w", id, err)
		}
		for _, t := range page.Tags {
			if aws.ToString(t.TagKey) == key && aws.ToString(t.TagValue) == value {
				return true, nil
			}
		}
	}
	return false, nil
}
