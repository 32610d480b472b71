package mototest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// InjectClusterVpcConfig adds fields to resourcesVpcConfig in the CreateCluster
// request body. Real EKS derives the VPC from the subnets and creates the
// cluster security group, reporting both in DescribeCluster; moto 5.2.1
// echoes the request's resourcesVpcConfig, and the SDK's VpcConfigRequest
// has neither field.
func InjectClusterVpcConfig(fields map[string]any) func(*eks.Options) {
	return func(o *eks.Options) {
		o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
			return stack.Build.Add(middleware.BuildMiddlewareFunc("mototestInjectClusterVpcConfig", func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
				req, ok := in.Request.(*smithyhttp.Request)
				if !ok {
					return next.HandleBuild(ctx, in)
				}
				body, err := io.ReadAll(req.GetStream())
				if err != nil {
					return middleware.BuildOutput{}, middleware.Metadata{}, err
				}
				var doc map[string]any
				if err := json.Unmarshal(body, &doc); err != nil {
					return middleware.BuildOutput{}, middleware.Metadata{}, err
				}
				vc, ok := doc["resourcesVpcConfig"].(map[string]any)
				if !ok {
					return middleware.BuildOutput{}, middleware.Metadata{}, fmt.Errorf("CreateCluster body has no resourcesVpcConfig")
				}
				for k, v := range fields {
					vc[k] = v
				}
				if body, err = json.Marshal(doc); err != nil {
					return middleware.BuildOutput{}, middleware.Metadata{}, err
				}
				if req, err = req.SetStream(bytes.NewReader(body)); err != nil {
					return middleware.BuildOutput{}, middleware.Metadata{}, err
				}
				req.ContentLength = int64(len(body))
				in.Request = req
				return next.HandleBuild(ctx, in)
			}), middleware.Before)
		})
	}
}
