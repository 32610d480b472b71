package domino

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Karpenter (karpenter: true) serves the compute pools with NodePools; the
// platform pool stays a managed node group. The AWS side (interruption queue,
// EventBridge rules, the controller's role on EKS Pod Identity, discovery
// tags) lives in karpenter_aws.go; the Kubernetes side (the chart, the
// EC2NodeClass, Domino's NodePools) in karpenter_kube.go.

// karpenterAWS is what the AWS side hands the Kubernetes side.
type karpenterAWS struct {
	// QueueName is the interruption queue (the chart's settings.interruptionQueue).
	QueueName pulumi.StringOutput
	// InstanceProfileName is the instance profile of the nodes Karpenter
	// launches (EC2NodeClass spec.instanceProfile): the compute node role's,
	// created by the stack, so the controller needs no instance-profile
	// management rights.
	InstanceProfileName pulumi.StringOutput
	// DiscoveryTag is the karpenter.sh/discovery value on the private subnets
	// and the node security group (EC2NodeClass selector terms).
	DiscoveryTag string
	// Ready must exist before the controller starts (Pod Identity association, policies).
	Ready []pulumi.Resource
}

// newKarpenter creates Karpenter's AWS and Kubernetes sides when asked.
func newKarpenter(ctx *pulumi.Context, s spec, net *network, c *cluster, pools *nodePools, kp *kubePath, opts ...pulumi.ResourceOption) error {
	if !s.Karpenter {
		return nil
	}
	infra, err := newKarpenterAWS(ctx, s, net, c, pools, opts...)
	if err != nil {
		return fmt.Errorf("karpenter: %w", err)
	}
	if err := newKarpenterKube(ctx, s, c, pools, kp, infra, opts...); err != nil {
		return fmt.Errorf("karpenter: %w", err)
	}
	return nil
}
