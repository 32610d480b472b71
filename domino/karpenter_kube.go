package domino

import (
	"fmt"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Karpenter's Kubernetes side: the CRD chart, the controller chart on the
// platform nodes, one EC2NodeClass per node shape (karpenter_nodeclass.go)
// and one NodePool per compute pool (karpenter_nodepool.go), all through the
// Kubernetes path (kubepath.go): created during `up` when the API is
// reachable, else steps of kubernetesSetup in this order.

// karpenterChartVersion pins both charts (oci://public.ecr.aws/karpenter/karpenter
// and karpenter-crd; charts/karpenter/Chart.yaml at aws/karpenter-provider-aws
// v1.14.1): the one version in internal/awsfacts, with the Kubernetes
// versions it supports.
const karpenterChartVersion = awsfacts.KarpenterVersion

// Karpenter's charts and names.
const (
	karpenterChart    = "oci://public.ecr.aws/karpenter/karpenter"
	karpenterCRDChart = "oci://public.ecr.aws/karpenter/karpenter-crd"
)

// karpenterServes reports whether Karpenter serves the pool: every pool but
// the platform pool when karpenter is on. The platform pool stays a managed
// node group: Karpenter's controller runs there and cannot launch its own node.
func (s spec) karpenterServes(p pool) bool { return s.Karpenter && p.field != platformField }

// platformPool is the resolved platform pool.
func (s spec) platformPool() (pool, bool) {
	i := slices.IndexFunc(s.Pools, func(p pool) bool { return p.field == platformField })
	if i < 0 {
		return pool{}, false
	}
	return s.Pools[i], true
}

// newKarpenterKube installs Karpenter's charts, EC2NodeClasses and Domino's
// NodePools through the Kubernetes path, in the order they must exist: the
// CRDs, the controller (after its AWS side and the platform nodes it runs
// on), the node classes, the NodePools.
func newKarpenterKube(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, kp *kubePath, infra karpenterAWS, opts ...pulumi.ResourceOption) error {
	// The CRDs come from their own chart, which Karpenter recommends: Helm
	// installs a chart's crds/ only on first install and never upgrades them
	// (website/content/en/docs/upgrading/upgrade-guide.md, "CRD Upgrades");
	// the controller chart's copies already exist then and Helm skips them.
	crds, err := kp.Chart(ctx, s.Name+"-karpenter-crd", kubesetup.Chart{
		Release: "karpenter-crd", Namespace: KarpenterNamespace, Chart: karpenterCRDChart,
		Version: karpenterChartVersion,
	}, pulumi.Map{})
	if err != nil {
		return fmt.Errorf("karpenter-crd chart: %w", err)
	}
	deps := append(present(crds), infra.Ready...)
	for key, ng := range pools.Groups {
		if !s.karpenterServes(pools.Specs[key].Pool) {
			deps = append(deps, ng)
		}
	}
	controller, err := kp.Chart(ctx, s.Name+"-karpenter", kubesetup.Chart{
		Release: "karpenter", Namespace: KarpenterNamespace, Chart: karpenterChart,
		Version: karpenterChartVersion,
	}, karpenterValues(s, infra), deps...)
	if err != nil {
		return fmt.Errorf("karpenter chart: %w", err)
	}
	classes, err := newNodeClasses(ctx, s, c, kp, infra, present(crds, controller)...)
	if err != nil {
		return err
	}
	for _, p := range s.Pools {
		if !s.karpenterServes(p) {
			continue
		}
		class := classes[nodeShapeOf(s, p)]
		if _, err := kp.Object(ctx, s.Name+"-nodepool-"+p.Name, nodePoolObject(s, p, class.name),
			present(crds, controller, class.res)...); err != nil {
			return fmt.Errorf("NodePool for pool %q: %w", p.Name, err)
		}
	}
	return nil
}

// present drops the nil resources (not created: the API is not reachable).
func present(rs ...pulumi.Resource) []pulumi.Resource {
	return slices.DeleteFunc(rs, func(r pulumi.Resource) bool { return r == nil })
}

// karpenterValues are the controller chart's values (charts/karpenter/values.yaml
// at v1.14.1):
//   - settings.clusterName and settings.interruptionQueue, as the
//     getting-started guide installs it (scripts/step08-apply-helm-chart.sh);
//   - serviceAccount.name karpenter: the Pod Identity association names it;
//   - controller resources: 1 CPU and 1 GiB requested and limited, the
//     getting-started guide's values (and Domino's Terraform
//     modules/eks/submodules/k8s/templates/k8s-functions.sh.tftpl);
//   - nodeSelector: the platform pool (dominodatalab.com/node-pool: platform)
//     beside the chart's kubernetes.io/os: linux, so the controller never runs
//     on a node it launched; tolerations: the chart's CriticalAddonsOnly plus
//     the platform pool's own taints;
//   - replicas 2, hostname anti-affinity and the zone topology spread are the
//     chart's defaults, kept (replicas is set to say so).
func karpenterValues(s spec, infra karpenterAWS) pulumi.Map {
	tolerations := pulumi.Array{pulumi.Map{"key": pulumi.String("CriticalAddonsOnly"), "operator": pulumi.String("Exists")}}
	platformLabel := PlatformPool
	if p, ok := s.platformPool(); ok {
		platformLabel = p.Labels[NodePoolLabel]
		for _, t := range p.Taints {
			tolerations = append(tolerations, pulumi.Map{"key": pulumi.String(t.Key), "operator": pulumi.String("Equal"),
				"value": pulumi.String(t.Value), "effect": pulumi.String(t.Effect)})
		}
	}
	resources := pulumi.Map{"cpu": pulumi.String("1"), "memory": pulumi.String("1Gi")}
	return pulumi.Map{
		"settings": pulumi.Map{
			"clusterName":       pulumi.String(s.ClusterName),
			"interruptionQueue": infra.QueueName,
		},
		"serviceAccount": pulumi.Map{"name": pulumi.String(KarpenterServiceAccount)},
		"replicas":       pulumi.Int(2),
		"controller":     pulumi.Map{"resources": pulumi.Map{"requests": resources, "limits": resources}},
		"nodeSelector": pulumi.Map{
			"kubernetes.io/os": pulumi.String("linux"),
			NodePoolLabel:      pulumi.String(platformLabel),
		},
		"tolerations": tolerations,
	}
}
