package mototest

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/smithy-go"
)

// CreateMountTarget creates an EFS mount target idempotently and returns its
// id. CreateMountTarget is not idempotent: when the SDK retries a call moto
// already applied (an answer lost on a busy machine), the retry fails with
// MountTargetConflict. That answer counts as success when the file system
// has a mount target in the requested subnet.
func CreateMountTarget(ctx context.Context, c *efs.Client, in *efs.CreateMountTargetInput) (string, error) {
	out, err := c.CreateMountTarget(ctx, in)
	if err == nil {
		return aws.ToString(out.MountTargetId), nil
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "MountTargetConflict" {
		return "", err
	}
	mts, derr := c.DescribeMountTargets(ctx, &efs.DescribeMountTargetsInput{FileSystemId: in.FileSystemId})
	if derr != nil {
		return "", err
	}
	for _, mt := range mts.MountTargets {
		if aws.ToString(mt.SubnetId) == aws.ToString(in.SubnetId) {
			return aws.ToString(mt.MountTargetId), nil
		}
	}
	return "", err
}
