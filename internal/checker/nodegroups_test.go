package checker

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeEC2 serves one launch template version and records the request.
type fakeEC2 struct {
	EC2API
	data *ec2types.ResponseLaunchTemplateData
	got  *ec2.DescribeLaunchTemplateVersionsInput
}

func (f *fakeEC2) DescribeLaunchTemplateVersions(_ context.Context, in *ec2.DescribeLaunchTemplateVersionsInput, _ ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplateVersionsOutput, error) {
	f.got = in
	if f.data == nil {
		return nil, errors.New("InvalidLaunchTemplateId.NotFound")
	}
	return &ec2.DescribeLaunchTemplateVersionsOutput{LaunchTemplateVersions: []ec2types.LaunchTemplateVersion{{
		LaunchTemplateId: aws.String("lt-0abc"), LaunchTemplateName: aws.String("platform"), VersionNumber: aws.Int64(4),
		LaunchTemplateData: f.data,
	}}}, nil
}

// TestNodeGroupFromLaunchTemplate uses the shape real EKS returns for a node
// group with a launch template: no instanceTypes and no diskSize.
func TestNodeGroupFromLaunchTemplate(t *testing.T) {
	ctx := context.Background()
	ec2c := &fakeEC2{data: &ec2types.ResponseLaunchTemplateData{
		InstanceType: ec2types.InstanceTypeM54xlarge,
		BlockDeviceMappings: []ec2types.LaunchTemplateBlockDeviceMapping{
			{DeviceName: aws.String("/dev/xvda"), Ebs: &ec2types.LaunchTemplateEbsBlockDevice{VolumeSize: aws.Int32(128)}},
			{DeviceName: aws.String("/dev/sdf")}, // no EBS size: ignored
		},
		SecurityGroupIds: []string{"sg-nodes"},
		UserData:         aws.String(mimeUserData(bootstrapBridgeScript)),
	}}
	r := &runner{c: Clients{EC2: ec2c}}
	ng := &ekstypes.Nodegroup{
		NodegroupName:  aws.String("platform"),
		AmiType:        ekstypes.AMITypesAl2X8664,
		Labels:         map[string]string{LabelNodePool: PoolPlatform},
		LaunchTemplate: &ekstypes.LaunchTemplateSpecification{Id: aws.String("lt-0abc")},
		ScalingConfig:  &ekstypes.NodegroupScalingConfig{MinSize: aws.Int32(3), MaxSize: aws.Int32(3)},
		NodeRole:       aws.String("arn:aws:iam::111122223333:role/eks/domino-node"),
		Resources:      &ekstypes.NodegroupResources{AutoScalingGroups: []ekstypes.AutoScalingGroup{{Name: aws.String("eks-platform-1")}}},
	}
	g, err := r.nodeGroup(ctx, ng)
	require.NoError(t, err)
	assert.Equal(t, []string{"$Default"}, ec2c.got.Versions, "an unpinned template resolves to its default version")
	assert.Equal(t, "lt-0abc", aws.ToString(ec2c.got.LaunchTemplateId))
	assert.Equal(t, []string{"m5.4xlarge"}, g.InstanceTypes)
	assert.Equal(t, "launch template", g.InstanceSource)
	assert.Equal(t, int32(128), g.DiskGiB)
	assert.Equal(t, []string{"sg-nodes"}, g.SecurityGroups)
	assert.True(t, dockerBridgeEnabled(g.UserData))
	assert.Equal(t, PoolPlatform, g.Pool)
	assert.Equal(t, []string{"eks-platform-1"}, g.ASGs)
	assert.Equal(t, "platform (lt-0abc) version 4", g.LaunchTemplate)

	t.Run("template without instance type or volumes falls back to the node group", func(t *testing.T) {
		ec2c := &fakeEC2{data: &ec2types.ResponseLaunchTemplateData{}}
		r := &runner{c: Clients{EC2: ec2c}}
		ng := *ng
		ng.InstanceTypes = []string{"m5.4xlarge"}
		ng.LaunchTemplate = &ekstypes.LaunchTemplateSpecification{Name: aws.String("platform"), Version: aws.String("7")}
		g, err := r.nodeGroup(ctx, &ng)
		require.NoError(t, err)
		assert.Equal(t, []string{"7"}, ec2c.got.Versions)
		assert.Equal(t, "platform", aws.ToString(ec2c.got.LaunchTemplateName))
		assert.Equal(t, []string{"m5.4xlarge"}, g.InstanceTypes)
		assert.Equal(t, "node group", g.InstanceSource)
		assert.Zero(t, g.DiskGiB)

		res := checkPool(&state{groups: []*nodeGroup{g}}, platformReq)
		assert.Equal(t, StatusFail, res.Status)
		assert.Contains(t, res.Evidence, "sets no volume size")
	})

	t.Run("launch template errors are wrapped", func(t *testing.T) {
		r := &runner{c: Clients{EC2: &fakeEC2{}}}
		_, err := r.nodeGroup(ctx, ng)
		require.Error(t, err)
		assert.Contains(t, err.Error(), `node group "platform"`)
	})
}

func TestNodeGroupWithoutLaunchTemplate(t *testing.T) {
	r := &runner{}
	g, err := r.nodeGroup(context.Background(), &ekstypes.Nodegroup{
		NodegroupName: aws.String("default-a"),
		InstanceTypes: []string{"m5.2xlarge"},
		DiskSize:      aws.Int32(400),
		Labels:        map[string]string{LabelNodePool: PoolDefault, LabelBuildNode: "true"},
		ScalingConfig: &ekstypes.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(20)},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"m5.2xlarge"}, g.InstanceTypes)
	assert.Equal(t, int32(400), g.DiskGiB)
	assert.Empty(t, g.LaunchTemplate)
	res := checkPool(&state{groups: []*nodeGroup{g}}, defaultReq)
	assert.Equal(t, StatusPass, res.Status, res.Evidence)
}

func TestPoolChecks(t *testing.T) {
	platform := func(azs []string, it string) *nodeGroup {
		return &nodeGroup{Name: "platform", Pool: PoolPlatform, Labels: labelsOf(PoolPlatform),
			InstanceTypes: []string{it}, DiskGiB: 128, Min: 3, Max: 3, AZs: azs}
	}
	t.Run("platform in one AZ passes", func(t *testing.T) {
		res := checkPlatformAZs(&state{groups: []*nodeGroup{platform(testAZs[:1], "m5.4xlarge")}})
		assert.Equal(t, StatusPass, res.Status, res.Evidence)
	})
	t.Run("platform in four AZs warns", func(t *testing.T) {
		res := checkPlatformAZs(&state{groups: []*nodeGroup{platform(append(testAZs, "us-west-2d"), "m5.4xlarge")}})
		assert.Equal(t, StatusWarn, res.Status, res.Evidence)
	})
	t.Run("larger instance types pass", func(t *testing.T) {
		res := checkPool(&state{groups: []*nodeGroup{platform(testAZs, "m6i.8xlarge")}}, platformReq)
		assert.Equal(t, StatusPass, res.Status, res.Evidence)
	})
	t.Run("unknown instance types warn", func(t *testing.T) {
		res := checkPool(&state{groups: []*nodeGroup{platform(testAZs, "x2idn.16xlarge")}}, platformReq)
		assert.Equal(t, StatusWarn, res.Status, res.Evidence)
	})
	t.Run("missing platform pool fails and names unlabelled groups", func(t *testing.T) {
		st := &state{groups: []*nodeGroup{{Name: "workers", Labels: map[string]string{}}}}
		res := checkPool(st, platformReq)
		assert.Equal(t, StatusFail, res.Status)
		assert.Contains(t, res.Evidence, "workers")
		assert.Equal(t, StatusWarn, checkPlatformAZs(st).Status)
		assert.Equal(t, StatusWarn, checkComputePerAZ(st).Status)
	})
	t.Run("missing GPU pool only warns", func(t *testing.T) {
		res := checkPool(&state{}, gpuReq)
		assert.Equal(t, StatusWarn, res.Status)
	})
}
