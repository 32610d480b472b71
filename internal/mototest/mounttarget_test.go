package mototest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateMountTargetIsIdempotent: a repeated CreateMountTarget (an SDK
// retry of a call moto already applied) returns the existing mount target in
// that subnet, and a second subnet of the same zone is still a conflict.
func TestCreateMountTargetIsIdempotent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cfg := Config(ctx, Start(t))
	ec, fsc := ec2.NewFromConfig(cfg), efs.NewFromConfig(cfg)
	vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.3.0.0/16")})
	require.NoError(t, err)
	subnet := func(cidr string) *string {
		out, err := ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(cidr), AvailabilityZone: aws.String("us-west-2a")})
		require.NoError(t, err)
		return out.Subnet.SubnetId
	}
	first, second := subnet("10.3.0.0/24"), subnet("10.3.1.0/24")
	fs, err := fsc.CreateFileSystem(ctx, &efs.CreateFileSystemInput{CreationToken: aws.String("mount-target-test")})
	require.NoError(t, err)
	in := &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: first}

	id, err := CreateMountTarget(ctx, fsc, in)
	require.NoError(t, err)
	_, err = fsc.CreateMountTarget(ctx, in)
	require.Error(t, err, "moto refuses a second mount target in the zone, as EFS does")
	again, err := CreateMountTarget(ctx, fsc, in)
	require.NoError(t, err, "the same subnet again is success")
	assert.Equal(t, id, again)
	_, err = CreateMountTarget(ctx, fsc, &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: second})
	assert.Error(t, err, "another subnet of the same zone is still a conflict")
}
