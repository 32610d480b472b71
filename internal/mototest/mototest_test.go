package mototest

import (
	"context"
	"net/http"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartConfigReset(t *testing.T) {
	// Config must ignore the environment: a bogus endpoint here would
	// break the calls below if it leaked into the configuration.
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	t.Setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1")
	t.Setenv("AWS_REGION", "eu-central-1")

	endpoint := Start(t)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, endpoint)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := Config(ctx, endpoint)
	assert.Equal(t, Region, cfg.Region)
	creds, err := cfg.Credentials.Retrieve(ctx)
	require.NoError(t, err)
	assert.Equal(t, AccessKeyID, creds.AccessKeyID)

	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	_, err = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mototest"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(Region)}})
	require.NoError(t, err)
	out, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
	require.NoError(t, err)
	require.Len(t, out.Buckets, 1)

	Reset(t, endpoint)
	out, err = client.ListBuckets(ctx, &s3.ListBucketsInput{})
	require.NoError(t, err)
	assert.Empty(t, out.Buckets)
}

func TestStartServerWithoutMoto(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := StartServer(Options{})
	require.ErrorIs(t, err, ErrNotInstalled)
}

// TestStopIsIdempotent: Stop ends moto_server and every process it started
// (its process group), frees its port and removes its log; stopping again, or
// a nil server, does nothing.
func TestStopIsIdempotent(t *testing.T) {
	s, err := StartServer(Options{})
	require.NoError(t, err)
	pgid, log := s.cmd.Process.Pid, s.log
	require.NoError(t, syscall.Kill(-pgid, 0), "moto_server's process group runs")
	_, err = os.Stat(log)
	require.NoError(t, err)

	s.Stop()
	assert.ErrorIs(t, syscall.Kill(-pgid, 0), syscall.ESRCH, "no process of moto_server's group is left")
	_, err = http.Get(s.Endpoint + "/moto-api/")
	assert.Error(t, err, "nothing listens on the endpoint any more")
	_, err = os.Stat(log)
	assert.ErrorIs(t, err, os.ErrNotExist, "the log is removed")

	s.Stop()
	var nilServer *Server
	nilServer.Stop()
}
