package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// Kubernetes names the checks look for.
const (
	// StorageClassName is the storage class Domino compute volumes use.
	StorageClassName = "domino-compute-storage"
	// labelEKSNodegroup is set by EKS on nodes of managed node groups.
	labelEKSNodegroup = "eks.amazonaws.com/nodegroup"
)

// ebsProvisioners are the accepted provisioners of the storage class.
var ebsProvisioners = map[string]bool{"ebs.csi.aws.com": true, "kubernetes.io/aws-ebs": true}

const (
	storageClassTitle       = "Storage class " + StorageClassName + " uses EBS with ext4"
	nodeLabelsTitle         = "Kubernetes nodes carry the Domino pool labels"
	networkPolicyAgentTitle = "The VPC CNI's network policy agent runs on every node"
)

// The VPC CNI DaemonSet and its network policy agent container.
const (
	awsNodeNamespace            = "kube-system"
	awsNodeDaemonSet            = "aws-node"
	networkPolicyAgentContainer = "aws-network-policy-agent"
)

func (r *runner) checkKube(ctx context.Context, st *state) ([]Result, error) {
	if r.c.Kube == nil {
		ev := "skipped: no --kubeconfig given"
		fix := "pass --kubeconfig (e.g. from aws eks update-kubeconfig) to check the Kubernetes objects"
		return []Result{
			warn(CheckStorageClass, storageClassTitle, ev, fix),
			warn(CheckNodeLabels, nodeLabelsTitle, ev, fix),
			warn(CheckNetworkPolicyAgent, networkPolicyAgentTitle, ev, fix),
		}, nil
	}
	sc, err := checkStorageClass(ctx, r.c.Kube)
	if err != nil {
		return nil, err
	}
	r.progress("list Kubernetes nodes")
	nl, err := checkNodeLabels(ctx, r.c.Kube, st.dominoGroups())
	if err != nil {
		return nil, err
	}
	r.progress("get DaemonSets kube-system/aws-node and calico-system/calico-node")
	npa, err := checkNetworkPolicyAgent(ctx, r.c.Kube)
	if err != nil {
		return nil, err
	}
	return []Result{sc, nl, npa}, nil
}

// checkNetworkPolicyAgent verifies NetworkPolicies are enforced on the
// nodes by exactly one engine: Calico (calico-system/calico-node ready on
// every node, the VPC CNI's agent not enforcing), or the aws-node DaemonSet
// (VPC CNI) running its network policy agent, turned on, with all its pods
// ready.
func checkNetworkPolicyAgent(ctx context.Context, kube kubernetes.Interface) (Result, error) {
	const fix = `set the vpc-cni add-on's configuration to {"enableNetworkPolicy":"true"} (VPC CNI >= v1.14), then wait for aws-node to roll out; or install Calico (networkPolicyProvider: calico)`
	ds, err := kube.AppsV1().DaemonSets(awsNodeNamespace).Get(ctx, awsNodeDaemonSet, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		ds = nil
	case err != nil:
		return Result{}, fmt.Errorf("get DaemonSet %s/%s: %w", awsNodeNamespace, awsNodeDaemonSet, err)
	}
	calico, err := readCalico(ctx, kube)
	if err != nil {
		return Result{}, err
	}
	if calico != nil {
		return calicoResult(calico, ds), nil
	}
	if ds == nil {
		return fail(CheckNetworkPolicyAgent, networkPolicyAgentTitle, "DaemonSet "+awsNodeNamespace+"/"+awsNodeDaemonSet+" not found and no Calico ("+
			awsfacts.CalicoSystemNamespace+"/"+awsfacts.CalicoNodeDaemonSet+")", fix), nil
	}
	var names []string
	for _, c := range ds.Spec.Template.Spec.Containers {
		names = append(names, c.Name)
	}
	args, found := agentArgs(ds)
	if !found {
		return fail(CheckNetworkPolicyAgent, networkPolicyAgentTitle,
			fmt.Sprintf("%s/%s has no %s container (containers: %s)", awsNodeNamespace, awsNodeDaemonSet, networkPolicyAgentContainer, listOrNone(names)), fix), nil
	}
	if slices.Contains(args, agentFlagOff) {
		return fail(CheckNetworkPolicyAgent, networkPolicyAgentTitle,
			fmt.Sprintf("%s/%s runs %s with %s and no Calico (%s/%s) runs: nothing enforces NetworkPolicies", awsNodeNamespace, awsNodeDaemonSet,
				networkPolicyAgentContainer, agentFlagOff, awsfacts.CalicoSystemNamespace, awsfacts.CalicoNodeDaemonSet), fix), nil
	}
	s := ds.Status
	ev := fmt.Sprintf("%s/%s runs %s; %d of %d pod(s) ready", awsNodeNamespace, awsNodeDaemonSet, networkPolicyAgentContainer, s.NumberReady, s.DesiredNumberScheduled)
	switch {
	case s.DesiredNumberScheduled == 0:
		return warn(CheckNetworkPolicyAgent, networkPolicyAgentTitle, ev+": no node runs it yet", "check that nodes have joined the cluster"), nil
	case s.NumberReady < s.DesiredNumberScheduled:
		return fail(CheckNetworkPolicyAgent, networkPolicyAgentTitle, ev, "inspect the not-ready aws-node pods (kubectl -n kube-system describe pods -l k8s-app=aws-node)"), nil
	}
	return pass(CheckNetworkPolicyAgent, networkPolicyAgentTitle, ev), nil
}

// checkStorageClass verifies the domino-compute-storage storage class.
func checkStorageClass(ctx context.Context, kube kubernetes.Interface) (Result, error) {
	const fix = "create StorageClass " + StorageClassName + " with provisioner ebs.csi.aws.com and parameters csi.storage.k8s.io/fstype: ext4 (type: gp3)"
	sc, err := kube.StorageV1().StorageClasses().Get(ctx, StorageClassName, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return fail(CheckStorageClass, storageClassTitle, "storage class "+StorageClassName+" not found", fix), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("get storage class %s: %w", StorageClassName, err)
	}
	var problems []string
	if !ebsProvisioners[sc.Provisioner] {
		problems = append(problems, fmt.Sprintf("provisioner is %q, want ebs.csi.aws.com (or legacy kubernetes.io/aws-ebs)", sc.Provisioner))
	}
	fsType, key := "", ""
	for _, k := range []string{"csi.storage.k8s.io/fstype", "fsType", "fstype"} {
		if v, ok := sc.Parameters[k]; ok {
			fsType, key = v, k
			break
		}
	}
	fsDesc := fmt.Sprintf("%s=%s", key, fsType)
	switch {
	case key == "":
		fsDesc = "fsType not set (the EBS provisioners default to ext4)"
	case !strings.EqualFold(fsType, "ext4"):
		problems = append(problems, fmt.Sprintf("%s is %q, want ext4", key, fsType))
	}
	if len(problems) > 0 {
		return fail(CheckStorageClass, storageClassTitle, strings.Join(problems, "; "), fix), nil
	}
	return pass(CheckStorageClass, storageClassTitle, fmt.Sprintf("provisioner %s, %s", sc.Provisioner, fsDesc)), nil
}

// checkNodeLabels verifies the live nodes carry the pool labels: nodes of
// every pool carry that pool's required labels, nodes of a Domino managed
// node group carry its node-pool label, and platform nodes exist.
func checkNodeLabels(ctx context.Context, kube kubernetes.Interface, groups []*nodeGroup) (Result, error) {
	const fix = "set the labels on the node groups (EKS labels) so new nodes get them, e.g. dominodatalab.com/node-pool=default and domino/build-node=true on default nodes"
	poolOfGroup := map[string]string{}
	for _, g := range groups {
		poolOfGroup[g.Name] = g.Pool
	}
	reqs := map[string]poolRequirement{PoolPlatform: platformReq, PoolDefault: defaultReq, PoolGPU: gpuReq}

	nodes, err := listNodes(ctx, kube)
	if err != nil {
		return Result{}, err
	}
	counts := map[string]int{}
	var problems []string
	for _, n := range nodes {
		labels := n.Labels
		pool := labels[LabelNodePool]
		if want, ok := poolOfGroup[labels[labelEKSNodegroup]]; ok && want != pool {
			problems = append(problems, fmt.Sprintf("node %s of node group %s has %s=%q, want %q",
				n.Name, labels[labelEKSNodegroup], LabelNodePool, pool, want))
		}
		if pool == "" {
			continue
		}
		counts[pool]++
		req, ok := reqs[pool]
		if !ok {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(req.labels)) {
			if v, ok := labels[k]; !ok || v != req.labels[k] {
				problems = append(problems, fmt.Sprintf("node %s (%s pool) lacks label %s=%s", n.Name, pool, k, req.labels[k]))
			}
		}
	}
	if counts[PoolPlatform] == 0 {
		problems = append(problems, fmt.Sprintf("no node is labelled %s=%s", LabelNodePool, PoolPlatform))
	}
	var summary []string
	for _, p := range sortedIntKeys(counts) {
		summary = append(summary, fmt.Sprintf("%s: %d", p, counts[p]))
	}
	ev := fmt.Sprintf("%d node(s); by pool: %s", len(nodes), listOrNone(summary))
	if len(problems) > 0 {
		return fail(CheckNodeLabels, nodeLabelsTitle, strings.Join(problems, "; ")+"; "+ev, fix), nil
	}
	if counts[PoolDefault] == 0 {
		return warn(CheckNodeLabels, nodeLabelsTitle, ev+"; no default pool node is running (fine if the pool scaled to zero)",
			"make sure the default pool can scale up (see "+CheckAutoscalerTags+")"), nil
	}
	return pass(CheckNodeLabels, nodeLabelsTitle, ev), nil
}

// listNodes lists all nodes, page by page.
func listNodes(ctx context.Context, kube kubernetes.Interface) ([]corev1.Node, error) {
	var out []corev1.Node
	opts := metav1.ListOptions{Limit: 500}
	for {
		list, err := kube.CoreV1().Nodes().List(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("list Kubernetes nodes: %w", err)
		}
		out = append(out, list.Items...)
		if list.Continue == "" {
			return out, nil
		}
		opts.Continue = list.Continue
	}
}

func sortedIntKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
