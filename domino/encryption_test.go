package domino_test

import (
	"errors"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncryptionIsKept: EKS cannot remove or change a cluster's secrets
// encryption and ECR a repository's, so a configuration that would is
// refused before anything is registered, naming the setting, the value, the
// key in use and the fix; keeping the key, adding one to an unencrypted
// cluster and a new cluster pass.
func TestEncryptionIsKept(t *testing.T) {
	oldKey := "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + preview.RetainedKeyID("alias/domino")
	otherKey := "arn:aws:kms:us-west-2:" + preview.Account + ":key/11111111-2222-3333-4444-555555555555"
	off := false
	encrypted := preview.Holdings{Clusters: []string{"domino"}, ClusterKeys: map[string]string{"domino": oldKey}}
	withAlias := encrypted
	withAlias.KeyAliases = []string{"alias/domino"}
	repos := func(key string) preview.Holdings {
		h := preview.Holdings{Repositories: []string{"domino/environment", "domino/model"}, KeyAliases: []string{"alias/domino"}}
		if key != "" {
			h.RepositoryKeys = map[string]string{"domino/environment": key, "domino/model": key}
		}
		return h
	}
	for _, tc := range []struct {
		name    string
		args    domino.DominoEKSArgs
		account preview.Holdings
		// field and fix the refusal names; "" when the plan passes.
		field, value, fix string
		// stackHoldsAlias: a later up whose stack manages alias/domino; the
		// mocked account cannot tell it from a retained one, so the engine's
		// kms-alias-exists rule fires (not the refusal).
		stackHoldsAlias bool
	}{
		{name: "key off on an encrypted cluster", args: domino.DominoEKSArgs{CreateKmsKey: &off}, account: encrypted,
			field: "createKmsKey", value: "false", fix: "set kmsKeyArn to " + oldKey},
		{name: "another kmsKeyArn on an encrypted cluster", args: domino.DominoEKSArgs{KmsKeyArn: otherKey}, account: encrypted,
			field: "kmsKeyArn", value: otherKey, fix: "set kmsKeyArn to " + oldKey},
		{name: "createKmsKey without the alias would make a new key", account: encrypted,
			field: "createKmsKey", value: "true", fix: "aws kms create-alias --alias-name alias/domino --target-key-id " + preview.RetainedKeyID("alias/domino")},
		{name: "the same key by kmsKeyArn", args: domino.DominoEKSArgs{KmsKeyArn: oldKey}, account: encrypted},
		{name: "the same key by its alias", account: withAlias, stackHoldsAlias: true},
		{name: "a key added to an unencrypted cluster", account: preview.Holdings{Clusters: []string{"domino"}}},
		{name: "a new cluster without a key", args: domino.DominoEKSArgs{CreateKmsKey: &off}},
		{name: "a new cluster with another key", args: domino.DominoEKSArgs{KmsKeyArn: otherKey}},
		{name: "retained repositories keep their key", args: domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true)}, account: repos(oldKey)},
		{name: "retained AES256 repositories without a key", args: domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), CreateKmsKey: &off}, account: repos("")},
		{name: "retained repositories under the key, key off", args: domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), CreateKmsKey: &off}, account: repos(oldKey),
			field: "createKmsKey", value: "false", fix: "set kmsKeyArn to " + oldKey},
		{name: "retained AES256 repositories, key on", args: domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true)}, account: repos(""),
			field: "createKmsKey", value: "true", fix: "keep the customer key off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, err := domino.NewDominoEKS(ctx, "domino", tc.args)
				return nil, err
			}, preview.Options{Account: tc.account})
			var fe *domino.FieldError
			if tc.field == "" {
				assert.False(t, errors.As(err, &fe), "not refused: %v", err)
				var v *preview.ViolationError
				if tc.stackHoldsAlias && errors.As(err, &v) {
					require.Len(t, v.Violations, 1)
					assert.Equal(t, "kms-alias-exists", v.Violations[0].Rule)
					return
				}
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.True(t, errors.As(err, &fe), "a FieldError: %v", err)
			assert.Equal(t, tc.field, fe.Field)
			assert.Contains(t, fe.Error(), tc.value)
			assert.Contains(t, fe.Problem, "cannot remove or change")
			assert.Contains(t, fe.Problem, "would replace the")
			assert.Contains(t, fe.Problem, "refuses")
			assert.Contains(t, fe.Fix, tc.fix)

			res, _ = preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, _ = domino.NewDominoEKS(ctx, "domino", tc.args)
				return nil, nil
			}, preview.Options{Account: tc.account})
			require.NotNil(t, res)
			assert.Empty(t, res.Resources, "refused before any resource is registered")
		})
	}
}

// TestNoUpCallsCloudControl: the key-change guard reads the cluster's secrets
// key from its dominodatalab.com/secrets-key tag through eks:DescribeCluster
// (getCluster), so no up needs cloudformation:GetResource; the cluster
// records its key (or "none") in that tag for the next up.
func TestNoUpCallsCloudControl(t *testing.T) {
	key := "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + preview.RetainedKeyID("alias/domino")
	off := false
	for _, tc := range []struct {
		name    string
		args    domino.DominoEKSArgs
		account preview.Holdings
		tag     string
	}{
		{"a first up", domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true)}, preview.Holdings{}, "<computed>"},
		{"a later up of an encrypted cluster", domino.DominoEKSArgs{KmsKeyArn: key},
			preview.Holdings{Clusters: []string{"domino"}, ClusterKeys: map[string]string{"domino": key}}, key},
		{"a later up without a key", domino.DominoEKSArgs{CreateKmsKey: &off}, preview.Holdings{Clusters: []string{"domino"}}, "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", tc.args), preview.Options{Account: tc.account})
			require.NoError(t, err)
			require.NotEmpty(t, res.Invokes)
			for _, inv := range res.Invokes {
				assert.NotContains(t, inv, "cloudcontrol", "no up calls Cloud Control")
			}
			if len(tc.account.Clusters) > 0 {
				assert.Contains(t, res.Invokes, "aws:eks/getCluster:getCluster")
			}
			ek := res.Find("aws:eks/cluster:Cluster")
			require.Len(t, ek, 1)
			got := m(ek[0].Inputs, "tags", domino.SecretsKeyTag)
			if tc.tag == "<computed>" {
				assert.NotEmpty(t, got, "the new key's ARN")
				assert.NotEqual(t, "none", got)
				return
			}
			assert.Equal(t, tc.tag, got)
		})
	}
}

// TestKeyGuardReadsTheClusterTag: the guard knows the cluster's key only from
// its dominodatalab.com/secrets-key tag: turning the key off on a tagged
// encrypted cluster is refused, while a cluster an earlier version created
// (no tag) cannot be compared, so the up goes on and tags it.
func TestKeyGuardReadsTheClusterTag(t *testing.T) {
	key := "arn:aws:kms:us-west-2:" + preview.Account + ":key/" + preview.RetainedKeyID("alias/domino")
	off := false
	tagged := preview.Holdings{Clusters: []string{"domino"}, ClusterKeys: map[string]string{"domino": key}}
	_, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{CreateKmsKey: &off}), preview.Options{Account: tagged})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "encrypts its Kubernetes secrets with key "+key)

	untagged := tagged
	untagged.UntaggedClusters = []string{"domino"}
	res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{CreateKmsKey: &off}), preview.Options{Account: untagged})
	require.NoError(t, err, "nothing to compare against: the up tags the cluster")
	ek := res.Find("aws:eks/cluster:Cluster")
	require.Len(t, ek, 1)
	assert.Equal(t, "none", m(ek[0].Inputs, "tags", domino.SecretsKeyTag))
}
