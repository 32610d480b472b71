package domino

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// QuayUpstream is the upstream registry Domino's images come from. quay.io
// public repositories need no credentials in the pull-through cache rule.
// Source: ECR user guide, "Creating a pull through cache rule" (upstream
// registries: Quay, credentials optional for public images).
const QuayUpstream = "quay.io"

// NodePullThroughActions are what the puller needs on the cache's
// repositories: pull, and the first pull of an image imports it from the
// upstream and creates the cached repository. Source: ECR user guide, "IAM
// permissions required to sync an upstream registry with an Amazon ECR
// private registry"; Domino's Terraform modules/infra/submodules/storage/iam.tf
// (the same grants on its cache, prefix ${substr(deploy_id,0,24)}/quay,
// modules/infra/submodules/storage/ecr.tf, used there for Calico's images only).
var NodePullThroughActions = []string{"ecr:BatchImportUpstreamImage", "ecr:CreateRepository", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}

// pullThroughPrefix is the repository prefix of the quay.io cache:
// <cluster>-quay when ECR accepts it (2-30 characters), else shortened with
// a stable hash (names.go).
func (s spec) pullThroughPrefix() string {
	return s.derivedName(NameQuayPullThroughPrefix)
}

// PullThroughRepositoriesArn is the ARN of every repository the cache rule
// with prefix creates.
func PullThroughRepositoriesArn(region, account, prefix string) string {
	return fmt.Sprintf("arn:aws:ecr:%s:%s:repository/%s/*", region, account, prefix)
}

// NodePullThroughPolicy lets nodes pull through the cache's repositories.
func NodePullThroughPolicy(reposArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "PullThroughQuay", Effect: "Allow", Action: NodePullThroughActions, Resource: []string{reposArn}},
	}})
	return string(doc), err
}

// newPullThroughCache creates the quay.io pull-through cache rule and lets
// the node role pull through it; it returns the cache's registry URL
// (<registry>/<prefix>, "" when off). Images are then pulled as
// <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<quay repository>:<tag>
// over the ecr.api, ecr.dkr and S3 endpoints, with no NAT.
func newPullThroughCache(ctx *pulumi.Context, s spec, c *cluster, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	if !s.PullThroughCache {
		return pulumi.String("").ToStringOutput(), nil
	}
	prefix := s.pullThroughPrefix()
	rule, err := ecr.NewPullThroughCacheRule(ctx, s.Name+"-quay", &ecr.PullThroughCacheRuleArgs{
		EcrRepositoryPrefix: pulumi.String(prefix),
		UpstreamRegistryUrl: pulumi.String(QuayUpstream),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("quay.io pull-through cache rule: %w", err)
	}
	policy := rule.RegistryId.ApplyT(func(account string) (string, error) {
		return NodePullThroughPolicy(PullThroughRepositoriesArn(s.Region, account, prefix))
	}).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, s.Name+"-node-pull-through", &iam.RolePolicyArgs{
		Role: c.NodeRole.Name, Policy: policy,
	}, opts...); err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("node pull-through policy: %w", err)
	}
	return pulumi.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", rule.RegistryId, s.Region, prefix), nil
}
