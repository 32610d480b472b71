package domino

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NodeAutoscalerPolicy is what cluster-autoscaler needs on the node role:
// Domino's installer runs it on node credentials (IMDSv2, hop limit 2) with
// no role of its own, as Domino's Terraform does (modules/eks/iam.tf,
// statement autoscaler). The Describe calls have no resource-level
// permissions ("*"); DescribeNodegroup is scoped to the cluster's node
// groups; SetDesiredCapacity and TerminateInstanceInAutoScalingGroup only
// act on Auto Scaling groups EKS tagged eks:cluster-name=<cluster>.
// Source: cluster-autoscaler AWS README, "IAM Policy".
func NodeAutoscalerPolicy(partition, region, account, clusterName string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "AutoscalerDescribe", Effect: "Allow", Action: workloads.AutoscalerDescribeActions, Resource: []string{"*"}},
		{Sid: "AutoscalerNodegroups", Effect: "Allow", Action: workloads.AutoscalerNodegroupActions,
			Resource: []string{fmt.Sprintf("arn:%s:eks:%s:%s:nodegroup/%s/*", partition, region, account, clusterName)}},
		{Sid: "AutoscalerScaleOwnGroups", Effect: "Allow", Action: workloads.AutoscalerScaleActions,
			Resource:  []string{fmt.Sprintf("arn:%s:autoscaling:%s:%s:autoScalingGroup:*:autoScalingGroupName/*", partition, region, account)},
			Condition: map[string]any{"StringEquals": map[string]any{"autoscaling:ResourceTag/eks:cluster-name": clusterName}}},
	}})
	return string(doc), err
}

// newAutoscalerPolicy grants the node role NodeAutoscalerPolicy.
func newAutoscalerPolicy(ctx *pulumi.Context, s spec, c *cluster, opts ...pulumi.ResourceOption) error {
	policy := pulumi.All(c.NodeRole.Arn, c.Name).ApplyT(func(v []any) (string, error) {
		partition, account := arnPartitionAccount(v[0].(string))
		return NodeAutoscalerPolicy(partition, s.Region, account, v[1].(string))
	}).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, s.Name+"-node-autoscaler", &iam.RolePolicyArgs{Role: c.NodeRole.Name, Policy: policy}, opts...); err != nil {
		return fmt.Errorf("node autoscaler policy: %w", err)
	}
	return nil
}

// arnPartitionAccount returns the partition and account of an ARN
// ("aws" and "" when it is not one).
func arnPartitionAccount(s string) (partition, account string) {
	a, err := arn.Parse(s)
	if err != nil {
		return "aws", ""
	}
	return a.Partition, a.AccountID
}
