package domino

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AMI lifecycle. Each node group pins an AMI release (releaseVersion): EKS's
// recommended release for the Kubernetes version when the group is created,
// kept afterwards (ignoreChanges), so a newly published AMI rolls no node.
// Moving it is explicit: a pool's releaseVersion, else nodeReleaseVersion for
// every pool; `plan` shows each group's pin, `check` warns when nodes run a
// release older than EKS's latest by more than StaleReleaseAge, and an `up`
// with the new pin rolls the pool's nodes max-unavailable at a time
// (nodeUpdates).

// pinnedRelease is the release a pool's node groups are told to run: the
// pool's, else nodeReleaseVersion; "" when resolved at creation.
func (s spec) pinnedRelease(p pool) string {
	if p.Release != "" {
		return p.Release
	}
	return s.NodeReleaseVersion
}

// releaseVersion is the AMI release a node group pins: pinned (the pool's
// releaseVersion or nodeReleaseVersion), else the recommended release of the
// AMI type for the Kubernetes version.
func releaseVersion(ctx *pulumi.Context, s spec, amiType, pinned string) (string, error) {
	if pinned != "" {
		return pinned, nil
	}
	format, ok := awsfacts.AMIReleaseParameters[amiType]
	if !ok {
		return "", fmt.Errorf("no release parameter for AMI type %s: set nodeReleaseVersion", amiType)
	}
	name := fmt.Sprintf(format, s.KubernetesVersion)
	p, err := ssm.LookupParameter(ctx, &ssm.LookupParameterArgs{Name: name})
	if err != nil {
		return "", fmt.Errorf("resolve the AMI release for Kubernetes %s (ssm:GetParameter %s), or set nodeReleaseVersion: %w", s.KubernetesVersion, name, err)
	}
	return p.Value, nil
}

// nodeUpdate is how many of a node group's nodes EKS replaces at once when it
// rolls the group (a new release, a new launch template version).
type nodeUpdate struct {
	// MaxUnavailable is a node count; Percentage a share of the group (one of the two).
	MaxUnavailable, Percentage int
	Source                     string
}

// nodeUpdates are the update configs by pool name; other pools use "". EKS's
// own default is one node at a time.
var nodeUpdates = map[string]nodeUpdate{
	// Compute nodes run restartable executions: 30 % at a time, as Domino's
	// Terraform rolls its compute node groups.
	DefaultPool: {Percentage: 30, Source: "dominodatalab/terraform-aws-eks modules/nodes/nodes.tf (update_config: max_unavailable_percentage 30 for compute node groups)"},
	// Platform and GPU nodes: one at a time, as Domino's Terraform does for
	// every other node group (Domino's platform services keep quorum).
	"": {MaxUnavailable: 1, Source: "dominodatalab/terraform-aws-eks modules/nodes/nodes.tf (update_config: max_unavailable 1); EKS API NodegroupUpdateConfig (maxUnavailable 1-100, maxUnavailablePercentage 1-100), https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupUpdateConfig.html"},
}

// updateConfig is the pool's node group update config.
func updateConfig(p pool) *eks.NodeGroupUpdateConfigArgs {
	u, ok := nodeUpdates[p.Name]
	if !ok {
		u = nodeUpdates[""]
	}
	if u.Percentage > 0 {
		return &eks.NodeGroupUpdateConfigArgs{MaxUnavailablePercentage: pulumi.Int(u.Percentage)}
	}
	return &eks.NodeGroupUpdateConfigArgs{MaxUnavailable: pulumi.Int(u.MaxUnavailable)}
}
