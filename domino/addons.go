package domino

import (
	"fmt"
	"maps"
	"slices"

	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// EKS managed add-on names.
const (
	addonVPCCNI    = "vpc-cni"
	addonKubeProxy = "kube-proxy"
	addonCoreDNS   = "coredns"
)

// VPCCNIConfiguration is the vpc-cni add-on's configuration: network policy
// enforcement on, so the NetworkPolicies Domino ships are enforced (EKS user
// guide, "Limit pod traffic with Kubernetes network policies": VPC CNI
// >= 1.14, configuration value enableNetworkPolicy "true").
const VPCCNIConfiguration = `{"enableNetworkPolicy":"true"}`

// addonVersion is EKS's default version of an add-on for the cluster's
// Kubernetes version (DescribeAddonVersions), so an upgrade moves it along.
func addonVersion(ctx *pulumi.Context, s spec, name string) (string, error) {
	v, err := awseks.GetAddonVersion(ctx, &awseks.GetAddonVersionArgs{AddonName: name, KubernetesVersion: s.KubernetesVersion})
	if err != nil {
		return "", fmt.Errorf("%s add-on version for Kubernetes %s: %w", name, s.KubernetesVersion, err)
	}
	return v.Version, nil
}

// newAddon creates one managed add-on. OVERWRITE on create adopts the
// self-managed copy EKS bootstrapped on the new cluster; PRESERVE on update
// keeps what an operator changed.
func newAddon(ctx *pulumi.Context, s spec, c *cluster, name string, args *awseks.AddonArgs, opts ...pulumi.ResourceOption) (*awseks.Addon, error) {
	version, err := addonVersion(ctx, s, name)
	if err != nil {
		return nil, err
	}
	args.ClusterName = c.Name
	args.AddonName = pulumi.String(name)
	args.AddonVersion = pulumi.String(version)
	args.ResolveConflictsOnCreate = pulumi.String("OVERWRITE")
	args.ResolveConflictsOnUpdate = pulumi.String("PRESERVE")
	args.Tags = tagsWith(s, nil)
	a, err := awseks.NewAddon(ctx, s.Name+"-"+name, args, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s add-on: %w", name, err)
	}
	return a, nil
}

// newNetworkAddons makes vpc-cni (network policy on) and kube-proxy managed
// add-ons before any node group: both are DaemonSets, ACTIVE without nodes,
// and nodes then join with network policy enforcement from their first pod.
// They go through the EKS API: no Kubernetes API call during `pulumi up`.
// The node groups wait for them (net.Ready).
func newNetworkAddons(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) error {
	deps := append([]pulumi.Resource{}, c.NodeRoleReady...) // aws-node runs as the node role (AmazonEKS_CNI_Policy)
	aopts := append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(deps))
	cni, err := newAddon(ctx, s, c, addonVPCCNI, &awseks.AddonArgs{ConfigurationValues: pulumi.String(VPCCNIConfiguration)}, aopts...)
	if err != nil {
		return err
	}
	proxy, err := newAddon(ctx, s, c, addonKubeProxy, &awseks.AddonArgs{}, opts...)
	if err != nil {
		return err
	}
	net.Ready = append(net.Ready, cni, proxy)
	return nil
}

// newCoreDNSAddon makes coredns a managed add-on once node groups exist: it
// is a Deployment and would wait DEGRADED without nodes.
func newCoreDNSAddon(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, opts ...pulumi.ResourceOption) error {
	var deps []pulumi.Resource
	for _, k := range slices.Sorted(maps.Keys(pools.Groups)) {
		deps = append(deps, pools.Groups[k])
	}
	_, err := newAddon(ctx, s, c, addonCoreDNS, &awseks.AddonArgs{}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(deps))...)
	return err
}
