package mototest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateRouteIsIdempotent: a repeated CreateRoute (an SDK retry of a call
// moto already applied) succeeds when the route has the requested target,
// and still fails when it has another one.
func TestCreateRouteIsIdempotent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := ec2.NewFromConfig(Config(ctx, Start(t)))
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")})
	require.NoError(t, err)
	igw, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	require.NoError(t, err)
	_, err = c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: igw.InternetGateway.InternetGatewayId, VpcId: vpc.Vpc.VpcId})
	require.NoError(t, err)
	rt, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	require.NoError(t, err)
	route := &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: igw.InternetGateway.InternetGatewayId}

	require.NoError(t, CreateRoute(ctx, c, route))
	_, err = c.CreateRoute(ctx, route)
	require.Error(t, err, "moto refuses a repeated CreateRoute, as EC2 does")
	assert.NoError(t, CreateRoute(ctx, c, route), "the same route again is success")

	other := *route
	other.GatewayId = aws.String("igw-0123456789abcdef0")
	assert.Error(t, CreateRoute(ctx, c, &other), "a route with another target is still an error")
}
