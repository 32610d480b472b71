package preview_test

import (
	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Karpenter's rules join the engine's table (ruleCases).
func init() { ruleCases = append(ruleCases, karpenterRuleCases()...) }

// queueTarget registers a queue (encrypted with a key of the given policy
// when keyPolicy is not empty), its policy (when policyDoc returns one,
// before the target) and a rule targeting it.
func queueTarget(keyPolicy string, policyDoc func(arn string) (string, error), targetArn string) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		args := &sqs.QueueArgs{Name: pulumi.String("c"), MessageRetentionSeconds: pulumi.Int(300), SqsManagedSseEnabled: pulumi.Bool(true)}
		if keyPolicy != "" {
			k, err := kms.NewKey(ctx, "k", &kms.KeyArgs{Policy: pulumi.String(keyPolicy)})
			if err != nil {
				return err
			}
			args.SqsManagedSseEnabled, args.KmsMasterKeyId = nil, k.Arn
		}
		q, err := sqs.NewQueue(ctx, "q", args)
		if err != nil {
			return err
		}
		var deps []pulumi.Resource
		if policyDoc != nil {
			p, err := sqs.NewQueuePolicy(ctx, "q", &sqs.QueuePolicyArgs{QueueUrl: q.Url, Policy: q.Arn.ApplyT(policyDoc).(pulumi.StringOutput)})
			if err != nil {
				return err
			}
			deps = append(deps, p)
		}
		rule, err := cloudwatch.NewEventRule(ctx, "spot", &cloudwatch.EventRuleArgs{Name: pulumi.String("c-spot"),
			EventPattern: pulumi.String(`{"source":["aws.ec2"],"detail-type":["EC2 Spot Instance Interruption Warning"]}`)})
		if err != nil {
			return err
		}
		arn := q.Arn
		if targetArn != "" {
			arn = pulumi.String(targetArn).ToStringOutput()
		}
		_, err = cloudwatch.NewEventTarget(ctx, "spot", &cloudwatch.EventTargetArgs{Rule: rule.Name, Arn: arn, TargetId: pulumi.String("t")},
			pulumi.DependsOn(deps))
		return err
	}
}

// sqsOnlyPolicy lets only SQS itself send: no EventBridge.
func sqsOnlyPolicy(arn string) (string, error) {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sqs.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"` + arn + `"}]}`, nil
}

const (
	keyPolicyWithEvents = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},` +
		`{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*"}]}`
)

// podIdentity registers a role with the trust policy, the agent add-on when
// asked, and an association of kube-system/karpenter with the role.
func podIdentity(trust string, agent bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "karpenter", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust)})
		if err != nil {
			return err
		}
		var deps []pulumi.Resource
		if agent {
			a, err := awseks.NewAddon(ctx, "agent", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("eks-pod-identity-agent")})
			if err != nil {
				return err
			}
			deps = append(deps, a)
		}
		_, err = awseks.NewPodIdentityAssociation(ctx, "karpenter", &awseks.PodIdentityAssociationArgs{ClusterName: pulumi.String("c"),
			Namespace: pulumi.String("kube-system"), ServiceAccount: pulumi.String("karpenter"), RoleArn: role.Arn}, pulumi.DependsOn(deps))
		return err
	}
}

// nodeRoleEntry registers a managed node group with a role and an
// EC2_LINUX access entry for the role: after the group, or (entryFirst)
// before it, as pulumi-eks registers its own.
func nodeRoleEntry(entryFirst bool) func(ctx *pulumi.Context) error {
	entry := func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
		return awseks.NewAccessEntry(ctx, "nodes", &awseks.AccessEntryArgs{ClusterName: pulumi.String("c"),
			PrincipalArn: pulumi.String("arn:aws:iam::123456789012:role/n"), Type: pulumi.String("EC2_LINUX")}, opts...)
	}
	return func(ctx *pulumi.Context) error {
		if entryFirst {
			e, err := entry(ctx)
			if err != nil {
				return err
			}
			_, err = nodeGroup(ctx, "ng", nil, pulumi.DependsOn([]pulumi.Resource{e}))
			return err
		}
		ng, err := nodeGroup(ctx, "ng", nil)
		if err != nil {
			return err
		}
		_, err = entry(ctx, pulumi.DependsOn([]pulumi.Resource{ng}))
		return err
	}
}

func karpenterRuleCases() []ruleCase {
	trust := func(account, clusterArn string) string {
		t, _ := domino.KarpenterTrustPolicy(account, clusterArn)
		return t
	}
	goodTrust := trust("123456789012", "arn:aws:eks:us-west-2:123456789012:cluster/c")
	return []ruleCase{
		{"eventbridge-target-planned-queue", "target names a queue the plan does not create", true,
			queueTarget("", domino.KarpenterQueuePolicy, "arn:aws:sqs:us-west-2:123456789012:elsewhere")},
		{"eventbridge-target-planned-queue", "target names the planned queue", false, queueTarget("", domino.KarpenterQueuePolicy, "")},
		{"eventbridge-sqs-queue-policy", "queue policy without events.amazonaws.com", true, queueTarget("", sqsOnlyPolicy, "")},
		{"eventbridge-sqs-queue-policy", "no queue policy before the target", true, queueTarget("", nil, "")},
		{"sqs-kms-key-grants-eventbridge", "customer key whose policy does not grant EventBridge", true,
			queueTarget(rootOnlyPolicy, domino.KarpenterQueuePolicy, "")},
		{"sqs-kms-key-grants-eventbridge", "customer key granting EventBridge", false,
			queueTarget(keyPolicyWithEvents, domino.KarpenterQueuePolicy, "")},
		{"pod-identity-trust", "role trusting EC2, not Pod Identity", true,
			podIdentity(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, true)},
		{"pod-identity-trust", "trust without sts:TagSession", true,
			podIdentity(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, true)},
		{"pod-identity-trust", "trust for another cluster", true, podIdentity(trust("123456789012", "arn:aws:eks:us-west-2:123456789012:cluster/other"), true)},
		{"pod-identity-trust", "the component's trust policy", false, podIdentity(goodTrust, true)},
		{"pod-identity-agent-addon", "association without the agent add-on", true, podIdentity(goodTrust, false)},
		{"access-entry-node-role-once", "EC2_LINUX entry for a node group's role after the group", true, nodeRoleEntry(false)},
		{"access-entry-node-role-once", "EC2_LINUX entry before the group (pulumi-eks's own)", false, nodeRoleEntry(true)},
	}
}
