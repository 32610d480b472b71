package domino

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newKarpenterAWS creates Karpenter's AWS side.
//
// TEMPORARY STUB (the ka branch replaces it): it creates nothing and hands
// the Kubernetes side plausible values so its tests can run.
func newKarpenterAWS(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) (karpenterAWS, error) {
	return karpenterAWS{
		QueueName:           pulumi.String(s.ClusterName).ToStringOutput(),
		InstanceProfileName: pulumi.String(s.ClusterName + "-karpenter-node").ToStringOutput(),
		DiscoveryTag:        s.ClusterName,
	}, nil
}
