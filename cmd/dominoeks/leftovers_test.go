package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// createLogGroup creates a CloudWatch Logs group in moto (JSON 1.1 API, signed
// for the region so moto files it there).
func (w *preflightWorld) createLogGroup(t *testing.T, name string) {
	t.Helper()
	ctx := context.Background()
	cfg := mototest.Config(ctx, w.moto)
	body := []byte(`{"logGroupName":"` + name + `"}`)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.moto+"/", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328.CreateLogGroup")
	creds, err := cfg.Credentials.Retrieve(ctx)
	require.NoError(t, err)
	sum := sha256.Sum256(body)
	require.NoError(t, v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "logs", cfg.Region, time.Now()))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestPreflightNamesLeftovers: after a destroy that retained data, preflight
// names every leftover under a planned name (log group EKS recreated, ECR
// repositories, the key alias and its key, buckets, EFS), which the next up adopts.
func TestPreflightNamesLeftovers(t *testing.T) {
	w := newPreflightWorld(t)
	ctx := context.Background()
	cfg := mototest.Config(ctx, w.moto)
	w.createLogGroup(t, "/aws/eks/domino/cluster")
	for _, repo := range []string{"domino/environment", "domino/model"} {
		_, err := ecr.NewFromConfig(cfg).CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)})
		require.NoError(t, err)
	}
	k := kms.NewFromConfig(cfg)
	key, err := k.CreateKey(ctx, &kms.CreateKeyInput{})
	require.NoError(t, err)
	_, err = k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/domino"), TargetKeyId: key.KeyMetadata.KeyId})
	require.NoError(t, err)
	// An earlier version's file system: tagged Name only, encrypted with the
	// key alias/domino names, which ties it to the cluster.
	fs, err := efs.NewFromConfig(cfg).CreateFileSystem(ctx, &efs.CreateFileSystemInput{CreationToken: aws.String("t"),
		Encrypted: aws.Bool(true), KmsKeyId: key.KeyMetadata.Arn,
		Tags: []efstypes.Tag{{Key: aws.String("Name"), Value: aws.String("domino-datasets")}}})
	require.NoError(t, err)
	w.createBucket(t, defaultBlobs)

	rep, code := preflightJSON(t, "--set", "ecr=true")
	assert.Equal(t, 0, code, "leftovers are adopted: a WARN, not a FAIL")
	r, ok := rep.Result(preflight.CheckLeftovers)
	require.True(t, ok)
	assert.Equal(t, checker.StatusWarn, r.Status)
	for _, want := range []string{"log group /aws/eks/domino/cluster", "ECR repository domino/environment", "ECR repository domino/model",
		"KMS alias alias/domino → key " + aws.ToString(key.KeyMetadata.KeyId), "EFS file system domino-datasets (" + aws.ToString(fs.FileSystemId) + ")"} {
		assert.Contains(t, r.Evidence, want)
	}
	b, ok := rep.Result(preflight.CheckBuckets)
	require.True(t, ok)
	assert.Equal(t, checker.StatusWarn, b.Status)
	assert.Contains(t, b.Evidence, defaultBlobs, "the retained bucket")

	t.Run("a clean account passes", func(t *testing.T) {
		newPreflightWorld(t)
		rep, _ := preflightJSON(t, "--set", "ecr=true")
		r, ok := rep.Result(preflight.CheckLeftovers)
		require.True(t, ok)
		assert.Equal(t, checker.StatusPass, r.Status, r.Evidence)
	})
}

// TestPreflightNamesUnaliasedKeys: a key an older version retained without
// its alias (tagged Name=<cluster>, no alias) is named with the exact commands
// that make the next up adopt it; a key pending deletion is restored first.
// Keys of other clusters, and keys with an alias, are not named.
func TestPreflightNamesUnaliasedKeys(t *testing.T) {
	tests := []struct {
		name    string
		pending bool
		want    string
	}{
		{name: "enabled key", want: "aws kms create-alias --alias-name alias/domino --target-key-id %s"},
		{name: "key pending deletion", pending: true,
			want: "aws kms cancel-key-deletion --key-id %[1]s && aws kms enable-key --key-id %[1]s && aws kms create-alias --alias-name alias/domino --target-key-id %[1]s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newPreflightWorld(t)
			ctx := context.Background()
			k := kms.NewFromConfig(mototest.Config(ctx, w.moto))
			create := func(cluster string) string {
				out, err := k.CreateKey(ctx, &kms.CreateKeyInput{Tags: []kmstypes.Tag{{TagKey: aws.String("Name"), TagValue: aws.String(cluster)}}})
				require.NoError(t, err)
				return aws.ToString(out.KeyMetadata.KeyId)
			}
			orphan, other, aliased := create("domino"), create("acme"), create("domino")
			_, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/domino-old"), TargetKeyId: aws.String(aliased)})
			require.NoError(t, err)
			if tt.pending {
				_, err := k.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(orphan), PendingWindowInDays: aws.Int32(30)})
				require.NoError(t, err)
			}

			rep, _ := preflightJSON(t)
			r, ok := rep.Result(preflight.CheckUnaliasedKeys)
			require.True(t, ok)
			assert.Equal(t, checker.StatusWarn, r.Status)
			assert.Contains(t, r.Evidence, "key "+orphan)
			assert.Contains(t, r.Fix, fmt.Sprintf(tt.want, orphan))
			assert.NotContains(t, r.Evidence, other, "another cluster's key")
			assert.NotContains(t, r.Evidence, aliased, "a key with an alias")
		})
	}
	t.Run("no such key passes", func(t *testing.T) {
		newPreflightWorld(t)
		rep, _ := preflightJSON(t)
		r, ok := rep.Result(preflight.CheckUnaliasedKeys)
		require.True(t, ok)
		assert.Equal(t, checker.StatusPass, r.Status, r.Evidence)
	})
}

// createFileSystem creates an EFS file system in moto tagged
// Name=domino-datasets (the default component name's) and, unless cluster is
// "", adopt.ClusterTag=cluster.
func (w *preflightWorld) createFileSystem(t *testing.T, token, cluster string) string {
	t.Helper()
	ctx := context.Background()
	tags := []efstypes.Tag{{Key: aws.String("Name"), Value: aws.String("domino-datasets")}}
	if cluster != "" {
		tags = append(tags, efstypes.Tag{Key: aws.String(adopt.ClusterTag), Value: aws.String(cluster)})
	}
	fs, err := efs.NewFromConfig(mototest.Config(ctx, w.moto)).CreateFileSystem(ctx, &efs.CreateFileSystemInput{
		CreationToken: aws.String(token), Encrypted: aws.Bool(true), Tags: tags})
	require.NoError(t, err)
	return aws.ToString(fs.FileSystemId)
}

// TestPreflightScopesAdoptionToCluster: two clusters in one account, both
// with the default component name, so both file systems are tagged
// Name=domino-datasets. Preflight for cluster B names A's file system as A's
// and never as adopted; after B's destroy retained B's own, that one is
// adopted and A's still is not.
func TestPreflightScopesAdoptionToCluster(t *testing.T) {
	w := newPreflightWorld(t)
	fsA := w.createFileSystem(t, "a", "cluster-a")

	rep, code := preflightJSON(t, "--set", "clusterName=cluster-b")
	assert.Equal(t, 0, code)
	r, ok := rep.Result(preflight.CheckLeftovers)
	require.True(t, ok)
	assert.Equal(t, checker.StatusWarn, r.Status)
	assert.Contains(t, r.Evidence, "EFS file system "+fsA+" (domino-datasets) belongs to cluster cluster-a")
	assert.Contains(t, r.Fix, "creates this cluster's own file system")
	assert.NotContains(t, r.Fix, fsA, "A's file system is never adopted")

	fsB := w.createFileSystem(t, "b", "cluster-b") // what B's destroy retained
	rep, _ = preflightJSON(t, "--set", "clusterName=cluster-b")
	r, ok = rep.Result(preflight.CheckLeftovers)
	require.True(t, ok)
	assert.Contains(t, r.Fix, "adopts only EFS file system domino-datasets ("+fsB+")")
	assert.Contains(t, r.Evidence, fsA+" (domino-datasets) belongs to cluster cluster-a")
}
