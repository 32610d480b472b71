package mototest

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// RevokeDefaultEgress removes the allow-all IPv4 egress rule EC2 gives every
// new security group, idempotently. RevokeSecurityGroupEgress is not
// idempotent: when the SDK retries a call moto already applied (a slow
// answer on a busy machine), the retry fails with InvalidPermission.NotFound.
// That answer counts as success when the group no longer has the rule.
func RevokeDefaultEgress(ctx context.Context, c *ec2.Client, groupID string) error {
	allowAll := []ec2types.IpPermission{{IpProtocol: aws.String("-1"), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}
	_, err := c.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(groupID), IpPermissions: allowAll})
	var apiErr smithy.APIError
	if err == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InvalidPermission.NotFound" {
		return err
	}
	out, derr := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{groupID}})
	if derr != nil || len(out.SecurityGroups) == 0 {
		return err
	}
	for _, p := range out.SecurityGroups[0].IpPermissionsEgress {
		if aws.ToString(p.IpProtocol) != "-1" {
			continue
		}
		for _, r := range p.IpRanges {
			if aws.ToString(r.CidrIp) == "0.0.0.0/0" {
				return fmt.Errorf("security group %s still allows all egress: %w", groupID, err)
			}
		}
	}
	return nil
}
