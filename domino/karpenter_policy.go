package domino

import (
	"encoding/json"
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// KarpenterScope is what the controller's policy is scoped to: the
// deployment's partition, region, account and cluster, and the exact ARNs of
// the node role, the interruption queue and the instance profile.
type KarpenterScope struct {
	Partition, Region, Account, Cluster string
	NodeRoleArn, QueueArn, ProfileArn   string
}

func (k KarpenterScope) ec2(res string) string {
	return fmt.Sprintf("arn:%s:ec2:%s:*:%s", k.Partition, k.Region, res)
}

// ClusterArn is the EKS cluster's ARN.
func (k KarpenterScope) ClusterArn() string {
	return fmt.Sprintf("arn:%s:eks:%s:%s:cluster/%s", k.Partition, k.Region, k.Account, k.Cluster)
}

// KarpenterControllerPolicy is the controller's policy: the statements of
// Karpenter's reference (KarpenterTemplateSource: NodeLifecyclePolicy,
// IAMIntegrationPolicy, EKSIntegrationPolicy, InterruptionPolicy,
// ResourceDiscoveryPolicy), scoped by the same tag conditions. Left out: the
// instance-profile management statements (Create/Tag/AddRoleTo/RemoveRoleFrom/
// DeleteInstanceProfile), because the stack creates the nodes' instance
// profile and the EC2NodeClass names it in spec.instanceProfile, which
// Karpenter does not manage ("If you use the instanceProfile field instead of
// role, Karpenter will not manage the InstanceProfile on your behalf",
// Karpenter docs concepts/nodeclasses.md, spec.instanceProfile); the read of
// that one profile stays (GetInstanceProfile, narrowed to its ARN). Left out
// too: ZonalShiftPolicy (only for settings.enableZonalShift, which the chart
// leaves off). iam:PassRole is on the node role's ARN only, to EC2.
func KarpenterControllerPolicy(k KarpenterScope) (string, error) {
	owned := "aws:ResourceTag/kubernetes.io/cluster/" + k.Cluster
	reqOwned := "aws:RequestTag/kubernetes.io/cluster/" + k.Cluster
	instanceScoped := []string{k.ec2("fleet/*"), k.ec2("instance/*"), k.ec2("volume/*"), k.ec2("network-interface/*"),
		k.ec2("launch-template/*"), k.ec2("spot-instances-request/*")}
	stmts := []policyStatement{
		{Sid: "AllowScopedEC2InstanceAccessActions", Effect: "Allow", Action: workloads.KarpenterLaunchActions,
			Resource: []string{fmt.Sprintf("arn:%s:ec2:%s::image/*", k.Partition, k.Region), fmt.Sprintf("arn:%s:ec2:%s::snapshot/*", k.Partition, k.Region),
				k.ec2("security-group/*"), k.ec2("subnet/*"), k.ec2("capacity-reservation/*"), k.ec2("placement-group/*")}},
		{Sid: "AllowScopedEC2LaunchTemplateAccessActions", Effect: "Allow", Action: workloads.KarpenterLaunchActions,
			Resource: []string{k.ec2("launch-template/*")},
			Condition: map[string]any{"StringEquals": map[string]any{owned: "owned"},
				"StringLike": map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"}}},
		{Sid: "AllowScopedEC2InstanceActionsWithTags", Effect: "Allow", Action: workloads.KarpenterCreateActions, Resource: instanceScoped,
			Condition: map[string]any{"StringEquals": map[string]any{reqOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": k.Cluster},
				"StringLike": map[string]any{"aws:RequestTag/karpenter.sh/nodepool": "*"}}},
		{Sid: "AllowScopedResourceCreationTagging", Effect: "Allow", Action: []string{"ec2:CreateTags"}, Resource: instanceScoped,
			Condition: map[string]any{"StringEquals": map[string]any{reqOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": k.Cluster,
				"ec2:CreateAction": []string{"RunInstances", "CreateFleet", "CreateLaunchTemplate"}},
				"StringLike": map[string]any{"aws:RequestTag/karpenter.sh/nodepool": "*"}}},
		{Sid: "AllowScopedResourceTagging", Effect: "Allow", Action: []string{"ec2:CreateTags"}, Resource: []string{k.ec2("instance/*")},
			Condition: map[string]any{"StringEquals": map[string]any{owned: "owned"},
				"StringLike":                map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"},
				"StringEqualsIfExists":      map[string]any{"aws:RequestTag/eks:eks-cluster-name": k.Cluster},
				"ForAllValues:StringEquals": map[string]any{"aws:TagKeys": []string{"eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"}}}},
		{Sid: "AllowScopedDeletion", Effect: "Allow", Action: workloads.KarpenterDeleteActions,
			Resource: []string{k.ec2("instance/*"), k.ec2("launch-template/*")},
			Condition: map[string]any{"StringEquals": map[string]any{owned: "owned"},
				"StringLike": map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"}}},
		{Sid: "AllowPassingInstanceRole", Effect: "Allow", Action: []string{"iam:PassRole"}, Resource: []string{k.NodeRoleArn},
			Condition: map[string]any{"StringEquals": map[string]any{"iam:PassedToService": []string{"ec2.amazonaws.com", "ec2.amazonaws.com.cn"}}}},
		{Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Action: []string{"eks:DescribeCluster"}, Resource: []string{k.ClusterArn()}},
		{Sid: "AllowInterruptionQueueActions", Effect: "Allow", Action: workloads.KarpenterQueueActions, Resource: []string{k.QueueArn}},
		{Sid: "AllowRegionalReadActions", Effect: "Allow", Action: workloads.KarpenterDescribeActions, Resource: []string{"*"},
			Condition: map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": k.Region}}},
		{Sid: "AllowSSMReadActions", Effect: "Allow", Action: []string{"ssm:GetParameter"},
			Resource: []string{fmt.Sprintf("arn:%s:ssm:%s::parameter/aws/service/*", k.Partition, k.Region)}},
		{Sid: "AllowPricingReadActions", Effect: "Allow", Action: []string{"pricing:GetProducts"}, Resource: []string{"*"}},
		{Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Action: []string{"iam:ListInstanceProfiles"}, Resource: []string{"*"}},
		{Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Action: []string{"iam:GetInstanceProfile"}, Resource: []string{k.ProfileArn}},
	}
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: stmts})
	return string(doc), err
}

// KarpenterTrustPolicy lets EKS Pod Identity hand the role to the
// controller's pods: principal pods.eks.amazonaws.com with sts:AssumeRole and
// sts:TagSession (EKS user guide, "Create IAM role with trust policy required
// by EKS Pod Identity",
// https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html), limited to
// this account and cluster as Domino's Terraform limits it
// (modules/eks/karpenter-iam.tf, karpenter_trust_policy: aws:SourceAccount,
// aws:SourceArn).
func KarpenterTrustPolicy(account, clusterArn string) (string, error) {
	doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Sid": "KarpenterAssumer", "Effect": "Allow",
		"Principal": map[string]any{"Service": PodIdentityPrincipal},
		"Action":    []string{"sts:AssumeRole", "sts:TagSession"},
		"Condition": map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": account},
			"ArnEquals":    map[string]any{"aws:SourceArn": clusterArn},
		},
	}}})
	return string(doc), err
}

// PodIdentityPrincipal is EKS Pod Identity's service principal.
const PodIdentityPrincipal = "pods.eks.amazonaws.com"

// KarpenterQueuePolicy is the interruption queue's policy, as Karpenter's
// reference writes it (KarpenterInterruptionQueuePolicy): EventBridge (and
// SQS) may send messages to this queue only; any request without TLS is
// denied (DenyHTTP, aws:SecureTransport false).
func KarpenterQueuePolicy(queueArn string) (string, error) {
	doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Id": "EC2InterruptionPolicy", "Statement": []any{
		map[string]any{"Sid": "EventBridgeSendMessage", "Effect": "Allow",
			"Principal": map[string]any{"Service": []string{"events.amazonaws.com", "sqs.amazonaws.com"}},
			"Action":    "sqs:SendMessage", "Resource": queueArn},
		map[string]any{"Sid": "DenyHTTP", "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": queueArn,
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}},
	}})
	return string(doc), err
}
