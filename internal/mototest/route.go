package mototest

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
)

// CreateRoute creates a route idempotently. CreateRoute is not idempotent:
// when the SDK retries a call moto already applied (a slow answer on a busy
// machine), the retry fails with RouteAlreadyExists. That answer counts as
// success when the existing route has the requested target.
func CreateRoute(ctx context.Context, c *ec2.Client, in *ec2.CreateRouteInput) error {
	_, err := c.CreateRoute(ctx, in)
	var apiErr smithy.APIError
	if err == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode() != "RouteAlreadyExists" {
		return err
	}
	out, derr := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{aws.ToString(in.RouteTableId)}})
	if derr != nil || len(out.RouteTables) == 0 {
		return err
	}
	for _, r := range out.RouteTables[0].Routes {
		if aws.ToString(r.DestinationCidrBlock) != aws.ToString(in.DestinationCidrBlock) {
			continue
		}
		if aws.ToString(r.GatewayId) == aws.ToString(in.GatewayId) && aws.ToString(r.NatGatewayId) == aws.ToString(in.NatGatewayId) {
			return nil
		}
		return fmt.Errorf("route %s in %s exists with another target: %w", aws.ToString(in.DestinationCidrBlock), aws.ToString(in.RouteTableId), err)
	}
	return err
}
