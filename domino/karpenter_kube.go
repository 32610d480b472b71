package domino

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newKarpenterKube installs Karpenter's chart, EC2NodeClass and Domino's
// NodePools through the Kubernetes path. (Skeleton: issue 28.)
func newKarpenterKube(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, kp *kubePath, infra karpenterAWS, opts ...pulumi.ResourceOption) error {
	return nil // TEMPORARY (ka branch): the Kubernetes side is wt-kk's karpenter_kube.go, which replaces this body
}
