package domino

import (
	"fmt"
	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"maps"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/names"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Where the controller runs: the chart installed as release "karpenter" in
// kube-system creates the service account "karpenter" (charts/karpenter
// values.yaml serviceAccount.name "" → the fullname template, which is the
// release name; the getting-started guide associates kube-system/karpenter).
const (
	KarpenterNamespace      = "kube-system"
	KarpenterServiceAccount = "karpenter"
)

// DiscoveryTagKey is the tag the EC2NodeClass selects subnets and security
// groups by (Karpenter getting-started: karpenter.sh/discovery=<cluster>).
const DiscoveryTagKey = "karpenter.sh/discovery"

// karpenterQueueRetention is the queue's message retention in seconds: an
// interruption older than five minutes is moot (reference template
// MessageRetentionPeriod 300).
const karpenterQueueRetention = 300

// newKarpenterAWS creates Karpenter's AWS side after the node groups exist:
// the interruption queue with its policy, one EventBridge rule and target per
// interruption event, the controller's role on EKS Pod Identity (the
// eks-pod-identity-agent add-on and the association), the nodes' instance
// profile (the compute node role's) and the discovery tags the stack cannot
// set at creation (security groups EKS creates, a brought VPC's subnets).
// Source: awsfacts.KarpenterTemplateSource; Domino's Terraform
// modules/eks/karpenter-iam.tf.
func newKarpenterAWS(ctx *pulumi.Context, s spec, net *network, c *cluster, pools *nodePools, opts ...pulumi.ResourceOption) (karpenterAWS, error) {
	out := karpenterAWS{DiscoveryTag: s.ClusterName}
	queue, err := newInterruptionQueue(ctx, s, opts...)
	if err != nil {
		return out, err
	}
	out.QueueName = queue.Name
	profile, err := iam.NewInstanceProfile(ctx, s.Name+"-karpenter-node", &iam.InstanceProfileArgs{
		Name: pulumi.String(s.derivedName(names.KarpenterInstanceProfile)),
		Role: c.NodeRole.Name,
		Tags: tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return out, fmt.Errorf("node instance profile: %w", err)
	}
	out.InstanceProfileName = profile.Name
	if err := newDiscoveryTags(ctx, s, net, c, opts...); err != nil {
		return out, err
	}
	ready, err := newKarpenterController(ctx, s, c, pools, queue, profile, opts...)
	if err != nil {
		return out, err
	}
	out.Ready = ready
	return out, nil
}

// newInterruptionQueue creates the queue, its policy and the rules feeding it.
// Encryption is SQS-managed (SSE-SQS), as the reference sets it: with a
// customer key, EventBridge could deliver only if the key policy granted
// events.amazonaws.com kms:GenerateDataKey and kms:Decrypt (SQS developer
// guide, "Key management", https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html:
// "enable compatibility between AWS services and encrypted queues"), and a
// missing grant drops events silently; the queue holds only EC2 and Health
// event metadata for five minutes.
func newInterruptionQueue(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (*sqs.Queue, error) {
	queue, err := sqs.NewQueue(ctx, s.Name+"-karpenter", &sqs.QueueArgs{
		Name:                    pulumi.String(s.derivedName(names.KarpenterQueue)),
		MessageRetentionSeconds: pulumi.Int(karpenterQueueRetention),
		SqsManagedSseEnabled:    pulumi.Bool(true),
		// The cluster tag tells preflight this cluster's queue from another
		// owner's of the same name (CreateQueue returns an existing queue
		// whose attributes match).
		Tags: tagsWith(s, map[string]string{adopt.ClusterTag: s.ClusterName}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("interruption queue: %w", err)
	}
	policy, err := sqs.NewQueuePolicy(ctx, s.Name+"-karpenter", &sqs.QueuePolicyArgs{
		QueueUrl: queue.Url,
		Policy:   queue.Arn.ApplyT(KarpenterQueuePolicy).(pulumi.StringOutput),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("interruption queue policy: %w", err)
	}
	// Targets wait for the policy: EventBridge drops what the queue refuses.
	topts := append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{policy}))
	for _, e := range karpenterEvents {
		rule, err := cloudwatch.NewEventRule(ctx, s.Name+"-karpenter-"+e.Kind, &cloudwatch.EventRuleArgs{
			Name:         pulumi.String(e.ruleName(s)),
			Description:  pulumi.String("Karpenter interruption handling of " + s.ClusterName + ": " + e.DetailType + " (" + e.Ref + ")"),
			EventPattern: pulumi.String(e.pattern()),
			Tags:         tagsWith(s, map[string]string{adopt.ClusterTag: s.ClusterName}),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("EventBridge rule %s: %w", e.Kind, err)
		}
		if _, err := cloudwatch.NewEventTarget(ctx, s.Name+"-karpenter-"+e.Kind, &cloudwatch.EventTargetArgs{
			Rule:     rule.Name,
			TargetId: pulumi.String(KarpenterTargetID),
			Arn:      queue.Arn,
		}, topts...); err != nil {
			return nil, fmt.Errorf("EventBridge target %s: %w", e.Kind, err)
		}
	}
	return queue, nil
}

// newDiscoveryTags tags what the EC2NodeClass selects. The stack's own
// private subnets and the shared node security group carry the tag from
// creation (network.go, cluster.go). Tagged here with ec2.Tag: the cluster
// security group EKS creates (nodes need it to reach the control plane, as
// launch templates list it: AWS-RULES 9), and a brought VPC's private
// subnets; an ec2.Tag removes only its own tag on destroy, leaving the
// user's subnets as they were, and spares the user a manual step.
func newDiscoveryTags(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) error {
	if _, err := ec2.NewTag(ctx, s.Name+"-karpenter-cluster-sg", &ec2.TagArgs{
		ResourceId: c.SecurityGroupID, Key: pulumi.String(DiscoveryTagKey), Value: pulumi.String(s.ClusterName),
	}, opts...); err != nil {
		return fmt.Errorf("discovery tag on the cluster security group: %w", err)
	}
	if !s.BringYourOwnVPC {
		return nil
	}
	for _, az := range slices.Sorted(maps.Keys(net.PrivateSubnets)) {
		if _, err := ec2.NewTag(ctx, s.Name+"-karpenter-subnet-"+az, &ec2.TagArgs{
			ResourceId: net.PrivateSubnets[az], Key: pulumi.String(DiscoveryTagKey), Value: pulumi.String(s.ClusterName),
		}, opts...); err != nil {
			return fmt.Errorf("discovery tag on the private subnet of %s: %w", az, err)
		}
	}
	return nil
}

// withDiscovery adds the discovery tag to the tags of the stack's own private
// subnets and shared node security group with Karpenter; without it the tags
// are unchanged (the default plan does not change).
func (s spec) withDiscovery(tags map[string]string) map[string]string {
	if s.Karpenter {
		tags[DiscoveryTagKey] = s.ClusterName
	}
	return tags
}

// newKarpenterController creates the controller's role with its policy, the
// Pod Identity Agent add-on (after the node groups, which run its
// DaemonSet) and the association of kube-system/karpenter with the role.
func newKarpenterController(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, queue *sqs.Queue, profile *iam.InstanceProfile, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	clusterArn := c.Cluster.EksCluster.Arn()
	trust := pulumi.All(c.NodeRole.Arn, clusterArn).ApplyT(func(v []any) (string, error) {
		_, account := arnPartitionAccount(v[0].(string))
		return KarpenterTrustPolicy(account, v[1].(string))
	}).(pulumi.StringOutput)
	role, err := iam.NewRole(ctx, s.Name+"-karpenter", &iam.RoleArgs{
		AssumeRolePolicy: trust,
		Description:      pulumi.String("Karpenter controller of " + s.ClusterName + " (EKS Pod Identity, " + KarpenterNamespace + "/" + KarpenterServiceAccount + ")"),
		Tags:             tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("controller role: %w", err)
	}
	doc := pulumi.All(c.NodeRole.Arn, c.Name, queue.Arn, profile.Arn).ApplyT(func(v []any) (string, error) {
		partition, account := arnPartitionAccount(v[0].(string))
		return KarpenterControllerPolicy(KarpenterScope{Partition: partition, Region: s.Region, Account: account, Cluster: v[1].(string),
			NodeRoleArn: v[0].(string), QueueArn: v[2].(string), ProfileArn: v[3].(string)})
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, s.Name+"-karpenter", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, opts...)
	if err != nil {
		return nil, fmt.Errorf("controller policy: %w", err)
	}
	var groups []pulumi.Resource
	for _, k := range slices.Sorted(maps.Keys(pools.Groups)) {
		groups = append(groups, pools.Groups[k])
	}
	agent, err := newAddon(ctx, s, c, awsfacts.AddonPodIdentity, &awseks.AddonArgs{},
		append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(groups))...)
	if err != nil {
		return nil, err
	}
	assoc, err := awseks.NewPodIdentityAssociation(ctx, s.Name+"-karpenter", &awseks.PodIdentityAssociationArgs{
		ClusterName:    c.Name,
		Namespace:      pulumi.String(KarpenterNamespace),
		ServiceAccount: pulumi.String(KarpenterServiceAccount),
		RoleArn:        role.Arn,
		Tags:           tagsWith(s, nil),
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{agent}))...)
	if err != nil {
		return nil, fmt.Errorf("pod identity association: %w", err)
	}
	return []pulumi.Resource{policy, agent, assoc}, nil
}
