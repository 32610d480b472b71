package mototest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRevokeDefaultEgressIsIdempotent: revoking the default egress again (an
// SDK retry of a call moto already applied) succeeds once the rule is gone,
// and the group is left without it.
func TestRevokeDefaultEgressIsIdempotent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := ec2.NewFromConfig(Config(ctx, Start(t)))
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.2.0.0/16")})
	require.NoError(t, err)
	sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("egress-test"), Description: aws.String("test"), VpcId: vpc.Vpc.VpcId})
	require.NoError(t, err)
	id := aws.ToString(sg.GroupId)

	require.NoError(t, RevokeDefaultEgress(ctx, c, id))
	_, err = c.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("-1"), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
	require.Error(t, err, "moto refuses revoking a rule the group no longer has, as EC2 does")
	assert.NoError(t, RevokeDefaultEgress(ctx, c, id), "revoking it again is success")

	out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	require.NoError(t, err)
	assert.Empty(t, out.SecurityGroups[0].IpPermissionsEgress, "no egress rule is left")
}
