package domino

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"

	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// EKS managed add-on names (the table's).
const (
	addonVPCCNI    = awsfacts.AddonVPCCNI
	addonKubeProxy = awsfacts.AddonKubeProxy
	addonCoreDNS   = awsfacts.AddonCoreDNS
)

// VPCCNIConfiguration is the vpc-cni add-on's configuration: network policy
// enforcement on, so the NetworkPolicies Domino ships are enforced (EKS user
// guide, "Limit pod traffic with Kubernetes network policies": VPC CNI
// >= 1.14, configuration value enableNetworkPolicy "true").
const VPCCNIConfiguration = `{"enableNetworkPolicy":"true"}`

// VPCCNICalicoConfiguration is the vpc-cni add-on's configuration when
// Calico enforces network policies: the VPC CNI's agent off, because Tigera
// says "Do not enable network policy for the AWS VPC CNI; it conflicts with
// Calico" (Calico docs, "Amazon Elastic Kubernetes Service (EKS)", Install
// EKS with Amazon VPC networking,
// https://docs.tigera.io/calico/latest/getting-started/kubernetes/managed-public-cloud/eks),
// and pods annotated with their IPs, which "ensures that pod IPs propagate
// quickly from AWS VPC CNI to Calico" (same page). Domino's Terraform sets
// the same env on the add-on (dominodatalab/terraform-aws-eks v3.49.0
// modules/nodes/addons.tf: vpc_cni_env ANNOTATE_POD_IP "true"), so EKS's
// configuration schema accepts it.
const VPCCNICalicoConfiguration = `{"enableNetworkPolicy":"false","env":{"ANNOTATE_POD_IP":"true"}}`

// vpcCNIConfiguration is the vpc-cni configuration for the network policy
// provider: exactly one enforcer, never both.
func vpcCNIConfiguration(provider string) string {
	if provider == NetworkPolicyCalico {
		return VPCCNICalicoConfiguration
	}
	return VPCCNIConfiguration
}

// addonVersionRE is the form of an EKS add-on version
// (major.minor.patch-eksbuild.build, EKS user guide "Amazon VPC CNI": "Versions
// are specified as major-version.minor-version.patch-version-eksbuild.build-number").
var addonVersionRE = regexp.MustCompile(`^v\d+\.\d+\.\d+-eksbuild\.\d+$`)

// AddonVersions returns the version each managed add-on is pinned to for the
// configuration: the addonVersions override, else awsfacts.AddonVersions for
// kubernetesVersion; "" where neither has one (EKS's default is read at
// deploy time). Preflight checks the same versions live.
func AddonVersions(args DominoEKSArgs) map[string]string {
	s := args.resolve("domino")
	out := map[string]string{}
	for _, name := range s.addons() {
		out[name] = s.pinnedAddonVersion(name)
	}
	return out
}

// addons are the managed add-ons the spec installs: the Pod Identity Agent
// only with Karpenter (its controller's credentials), the others always.
func (s spec) addons() []string {
	var out []string
	for _, name := range awsfacts.Addons {
		if name != awsfacts.AddonPodIdentity || s.Karpenter {
			out = append(out, name)
		}
	}
	return out
}

// pinnedAddonVersion is the override or the table's version; "" when none.
func (s spec) pinnedAddonVersion(name string) string {
	if v := s.AddonVersions[name]; v != "" {
		return v
	}
	pin, _ := awsfacts.AddonVersion(s.KubernetesVersion, name)
	return pin.Version
}

// validateAddonVersions checks addonVersions: known add-on names and EKS's
// version form.
func validateAddonVersions(p *problems, s spec) {
	for _, name := range slices.Sorted(maps.Keys(s.AddonVersions)) {
		v := s.AddonVersions[name]
		switch {
		case !slices.Contains(awsfacts.Addons, name):
			p.add("addonVersions."+name, v, "is not a managed add-on of this component",
				"use one of "+strings.Join(awsfacts.Addons, ", "))
		case !addonVersionRE.MatchString(v):
			p.add("addonVersions."+name, v, "is not an EKS add-on version",
				"use the form vX.Y.Z-eksbuild.N as `aws eks describe-addon-versions --addon-name "+name+
					" --kubernetes-version "+s.KubernetesVersion+"` lists it")
		}
	}
}

// addonWarnings say which add-ons have no pinned version.
func (s spec) addonWarnings() []string {
	var w []string
	for _, name := range s.addons() {
		if s.pinnedAddonVersion(name) == "" {
			w = append(w, fmt.Sprintf("add-on %s: no version is pinned for Kubernetes %s (awsfacts.AddonVersions, read %s); "+
				"EKS's default version is read at deploy time on every run: set addonVersions.%s to pin it",
				name, s.KubernetesVersion, awsfacts.AddonVersionsDate, name))
		}
	}
	return w
}

// addonVersion is the version an add-on is created with: the pinned one, so
// an `up` changes it only when kubernetesVersion (or the override) changes;
// without one, EKS's default version for the Kubernetes version
// (DescribeAddonVersions through getAddonVersion).
func addonVersion(ctx *pulumi.Context, s spec, name string) (string, error) {
	if v := s.pinnedAddonVersion(name); v != "" {
		return v, nil
	}
	v, err := awseks.GetAddonVersion(ctx, &awseks.GetAddonVersionArgs{AddonName: name, KubernetesVersion: s.KubernetesVersion})
	if err != nil {
		return "", fmt.Errorf("%s add-on version for Kubernetes %s (none pinned; set addonVersions.%s): %w", name, s.KubernetesVersion, name, err)
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

// newNetworkAddons makes vpc-cni (network policy on, or off when Calico
// enforces them) and kube-proxy managed
// add-ons before any node group: both are DaemonSets, ACTIVE without nodes,
// and nodes then join with network policy enforcement from their first pod.
// They go through the EKS API: no Kubernetes API call during `pulumi up`.
// The node groups wait for them (net.Ready).
func newNetworkAddons(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) error {
	deps := append([]pulumi.Resource{}, c.NodeRoleReady...) // aws-node runs as the node role (AmazonEKS_CNI_Policy)
	aopts := append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(deps))
	cni, err := newAddon(ctx, s, c, addonVPCCNI, &awseks.AddonArgs{ConfigurationValues: pulumi.String(vpcCNIConfiguration(s.NetworkPolicyProvider))}, aopts...)
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
