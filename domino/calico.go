package domino

import (
	"fmt"
	"maps"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// unschedulableToleration is the one toleration Domino's Terraform gives the
// tigera-operator pod and Calico's control plane (dominodatalab/terraform-aws-eks
// v3.49.0 modules/eks/submodules/k8s/templates/k8s-functions.sh.tftpl,
// _install_calico_chart: `tolerations` and `installation.controlPlaneTolerations`
// = [{"key":"node.kubernetes.io/unschedulable","operator":"Equal","effect":"NoSchedule"}]),
// so they keep running on a cordoned node during a node group update.
func unschedulableToleration() pulumi.Array {
	return pulumi.Array{pulumi.Map{
		"key": pulumi.String("node.kubernetes.io/unschedulable"), "operator": pulumi.String("Equal"), "effect": pulumi.String("NoSchedule"),
	}}
}

// calicoNodeSelector places the operator and Calico's control plane
// (typha, kube-controllers) on the platform nodes. Domino's Terraform selects
// dominodatalab.com/calico-controlplane: "true", a label its platform node
// group carries beside dominodatalab.com/node-pool: platform (v3.49.0
// modules/eks/variables.tf calico.node_selector;
// examples/deploy/terraform/infra/variables.tf platform labels); this
// component's platform pool carries the node-pool label, so it selects the
// same nodes by that label and the node groups stay unchanged.
func calicoNodeSelector() pulumi.StringMap {
	return pulumi.StringMap{NodePoolLabel: pulumi.String(PlatformPool)}
}

// calicoValues are the tigera-operator chart's values as Domino's Terraform
// sets them (k8s-functions.sh.tftpl, _install_calico_chart):
// installation.kubernetesProvider EKS and installation.cni.type AmazonVPC
// (Calico enforces policy, the VPC CNI keeps pod networking: Calico docs,
// "Amazon Elastic Kubernetes Service (EKS)", Install EKS with Amazon VPC
// networking), the control plane and operator on the platform nodes, and —
// when registry is set (the quay.io pull-through cache) —
// installation.registry "<registry>/" and tigeraOperator.registry
// "<registry>", so every Calico image is pulled as
// <registry>/calico/<image> and the operator as <registry>/tigera/operator
// (the repositories Domino's Terraform deletes with its cache,
// modules/infra/submodules/storage/ecr.tf).
func calicoValues(registry pulumi.StringInput) pulumi.Map {
	installation := pulumi.Map{
		"kubernetesProvider":       pulumi.String("EKS"),
		"cni":                      pulumi.Map{"type": pulumi.String("AmazonVPC")},
		"controlPlaneNodeSelector": calicoNodeSelector(),
		"controlPlaneTolerations":  unschedulableToleration(),
		// Typha does not take controlPlaneNodeSelector: Domino's Terraform
		// sets its Deployment's nodeSelector (installation.typhaDeployment).
		"typhaDeployment": pulumi.Map{"spec": pulumi.Map{"template": pulumi.Map{"spec": pulumi.Map{
			"nodeSelector": calicoNodeSelector(),
		}}}},
	}
	values := pulumi.Map{
		"installation": installation,
		"nodeSelector": calicoNodeSelector(),
		"tolerations":  unschedulableToleration(),
	}
	if registry != nil {
		installation["registry"] = pulumi.Sprintf("%s/", registry)
		values["tigeraOperator"] = pulumi.Map{"registry": registry}
	}
	return values
}

// calicoRegistry is the quay.io pull-through cache's registry
// (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>, as pullthrough.go
// creates it) when the cache is on, nil otherwise (images from quay.io).
// The account is the node role's: the cache rule is created later in the
// same run, and the chart's images are first pulled after the platform
// node groups exist.
func calicoRegistry(s spec, c *cluster) pulumi.StringInput {
	if !s.PullThroughCache {
		return nil
	}
	return c.NodeRole.Arn.ApplyT(func(roleArn string) string {
		_, account := arnPartitionAccount(roleArn)
		return fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", account, s.Region, s.pullThroughPrefix())
	}).(pulumi.StringOutput)
}

// platformGroups are the platform pool's node groups, where the operator
// and Calico's control plane run.
func platformGroups(pools *nodePools) []pulumi.Resource {
	var out []pulumi.Resource
	for _, k := range slices.Sorted(maps.Keys(pools.Groups)) {
		if pools.Specs[k].Pool.Labels[NodePoolLabel] == PlatformPool {
			out = append(out, pools.Groups[k])
		}
	}
	return out
}

// newNetworkPolicyProvider installs Calico when networkPolicyProvider is
// calico: the pinned tigera-operator chart (awsfacts.CalicoChartVersion)
// through the Kubernetes path, after the platform node groups, its
// Installation set through the chart's `installation` values as Domino's
// Terraform does. The VPC CNI's agent is turned off in addons.go
// (VPCCNICalicoConfiguration).
func newNetworkPolicyProvider(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, kp *kubePath, opts ...pulumi.ResourceOption) error {
	if s.NetworkPolicyProvider != NetworkPolicyCalico {
		return nil
	}
	_, err := kp.Chart(ctx, s.Name+"-calico", kubesetup.Chart{
		Release:   awsfacts.CalicoRelease,
		Namespace: awsfacts.CalicoNamespace,
		Chart:     awsfacts.CalicoChart,
		Repo:      awsfacts.CalicoChartRepo,
		Version:   awsfacts.CalicoChartVersion,
	}, calicoValues(calicoRegistry(s, c)), platformGroups(pools)...)
	if err != nil {
		return fmt.Errorf("calico: %w", err)
	}
	return nil
}

// calicoWarnings say when the pinned Calico is not tested with the
// cluster's Kubernetes version.
func (s spec) calicoWarnings() []string {
	if s.NetworkPolicyProvider != NetworkPolicyCalico || awsfacts.CalicoTested(s.KubernetesVersion) {
		return nil
	}
	return []string{fmt.Sprintf("networkPolicyProvider calico: Calico %s is tested with Kubernetes %s, not %s "+
		"(Tigera: \"Other versions may work, but we are not actively testing them\"); check Calico's system requirements before upgrading",
		awsfacts.CalicoChartVersion, awsfacts.CalicoTestedRange(), s.KubernetesVersion)}
}
