package preview_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type comp struct{ pulumi.ResourceState }

func program(ctx *pulumi.Context) (pulumi.Map, error) {
	c := &comp{}
	if err := ctx.RegisterComponentResource("test:index:Comp", "c", c); err != nil {
		return nil, err
	}
	a, err := s3.NewBucketV2(ctx, "a", &s3.BucketV2Args{Bucket: pulumi.String(config.Get(ctx, "test:bucket"))},
		pulumi.Parent(c), pulumi.Protect(true), pulumi.RetainOnDelete(true), pulumi.IgnoreChanges([]string{"tags"}))
	if err != nil {
		return nil, err
	}
	b, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{}, pulumi.Parent(c), pulumi.DependsOn([]pulumi.Resource{a}))
	if err != nil {
		return nil, err
	}
	return pulumi.Map{"a": a.Arn, "b": b.Bucket, "secret": pulumi.ToSecret(pulumi.String("s"))}, nil
}

func TestRunRecordsRegistrations(t *testing.T) {
	res, err := preview.Run(program, preview.Options{Config: map[string]string{"test:bucket": "acme-data"}})
	require.NoError(t, err)
	require.Len(t, res.Resources, 3)

	a, err := res.ByName("aws:s3/bucketV2:BucketV2", "a")
	require.NoError(t, err)
	c, err := res.ByName("test:index:Comp", "c")
	require.NoError(t, err)
	assert.Equal(t, "urn:pulumi:dev::dominoeks::test:index:Comp$aws:s3/bucketV2:BucketV2::a", a.URN)
	assert.Equal(t, c.URN, a.Parent)
	assert.True(t, a.Custom)
	assert.False(t, c.Custom)
	assert.True(t, a.Protect)
	assert.True(t, a.RetainOnDelete)
	assert.Equal(t, []string{"tags"}, a.IgnoreChanges)
	assert.Equal(t, "acme-data", a.Inputs["bucket"], "config reaches the program")
	assert.Equal(t, "acme-data", a.ID)

	b, err := res.ByName("aws:s3/bucketV2:BucketV2", "b")
	require.NoError(t, err)
	assert.Equal(t, []string{a.URN}, b.Dependencies)
	assert.False(t, b.Protect)

	assert.Equal(t, "arn:aws:s3:::acme-data", res.Outputs["a"], "mocks compute realistic ARNs")
	assert.Regexp(t, `^b-[0-9a-f]{7}$`, res.Outputs["b"], "auto-named like Pulumi: name plus a suffix")
	assert.Equal(t, "s", res.Outputs["secret"])
	_, found := res.ByURN(a.URN)
	assert.True(t, found)
}

func TestRunFailOn(t *testing.T) {
	_, err := preview.Run(program, preview.Options{FailOn: "aws:s3/bucketV2:BucketV2"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "injected registration failure")
	assert.Contains(t, err.Error(), "aws:s3/bucketV2:BucketV2")
}
