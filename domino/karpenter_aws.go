package domino

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newKarpenterAWS creates Karpenter's AWS side. (Skeleton: issue 28.)
func newKarpenterAWS(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) (karpenterAWS, error) {
	return karpenterAWS{}, errors.New("not built yet")
}
