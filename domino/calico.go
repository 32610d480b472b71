package domino

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newNetworkPolicyProvider installs Calico when networkPolicyProvider is
// calico (the VPC CNI's agent is turned off in addons.go). (Skeleton: issue 28.)
func newNetworkPolicyProvider(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, kp *kubePath, opts ...pulumi.ResourceOption) error {
	return nil
}
