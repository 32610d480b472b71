package checker

import (
	"context"
	"fmt"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

const calicoNodeTitle = "Calico (calico-node) enforces NetworkPolicy on every node"

// calicoUnread is why, without --kubeconfig, a cluster whose VPC CNI agent
// is off is not judged: the add-on configuration cannot show Calico.
const calicoUnread = "the vpc-cni add-on's configuration alone cannot show whether Calico enforces NetworkPolicies instead " +
	"(its agent is off): pass --kubeconfig to read DaemonSet " + awsfacts.CalicoSystemNamespace + "/" + awsfacts.CalicoNodeDaemonSet

// agentFlagOff is the argument the VPC CNI's network policy agent runs with
// when the add-on's enableNetworkPolicy is "false" (EKS user guide, "Disable
// Kubernetes network policies for Amazon EKS Pod network traffic": the
// `--enable-network-policy=true` argument of the aws-network-policy-agent
// container in the aws-node DaemonSet).
const (
	agentFlagOff = "--enable-network-policy=false"
	agentFlagOn  = "--enable-network-policy=true"
)

// readCalico reads calico-system/calico-node, the DaemonSet through which
// the tigera-operator enforces NetworkPolicy on every node: nil when the
// cluster does not run it.
func readCalico(ctx context.Context, kube kubernetes.Interface) (*workloads.Calico, error) {
	ds, err := kube.AppsV1().DaemonSets(awsfacts.CalicoSystemNamespace).Get(ctx, awsfacts.CalicoNodeDaemonSet, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get DaemonSet %s/%s: %w", awsfacts.CalicoSystemNamespace, awsfacts.CalicoNodeDaemonSet, err)
	}
	s := ds.Status
	return &workloads.Calico{
		Evidence: fmt.Sprintf("%s/%s: %d of %d pod(s) ready", awsfacts.CalicoSystemNamespace, awsfacts.CalicoNodeDaemonSet,
			s.NumberReady, s.DesiredNumberScheduled),
		Enforcing: s.DesiredNumberScheduled > 0 && s.NumberReady == s.DesiredNumberScheduled,
	}, nil
}

// agentArgs returns the network policy agent container's arguments of
// aws-node (found: the container exists).
func agentArgs(ds *appsv1.DaemonSet) (args []string, found bool) {
	for _, c := range ds.Spec.Template.Spec.Containers {
		if c.Name == networkPolicyAgentContainer {
			return c.Args, true
		}
	}
	return nil, false
}

// calicoResult judges Calico as the cluster's enforcer: calico-node ready
// on every node, and the VPC CNI's agent not enforcing too (Calico docs,
// "Amazon Elastic Kubernetes Service (EKS)": "Do not enable network policy
// for the AWS VPC CNI; it conflicts with Calico"). awsNode is nil when
// aws-node was not found.
func calicoResult(c *workloads.Calico, awsNode *appsv1.DaemonSet) Result {
	if awsNode != nil {
		if args, _ := agentArgs(awsNode); slices.Contains(args, agentFlagOn) {
			return fail(CheckNetworkPolicyAgent, calicoNodeTitle,
				c.Evidence+"; and "+awsNodeNamespace+"/"+awsNodeDaemonSet+" runs "+networkPolicyAgentContainer+" with "+agentFlagOn+": two engines enforce",
				`set the vpc-cni add-on's configuration to {"enableNetworkPolicy":"false"}: Tigera says the VPC CNI's network policy conflicts with Calico`)
		}
	}
	if !c.Enforcing {
		return fail(CheckNetworkPolicyAgent, calicoNodeTitle, c.Evidence,
			"inspect the not-ready calico-node pods (kubectl -n "+awsfacts.CalicoSystemNamespace+" describe pods -l k8s-app=calico-node) and the operator (kubectl get tigerastatus)")
	}
	return pass(CheckNetworkPolicyAgent, calicoNodeTitle, c.Evidence+"; the VPC CNI's agent does not enforce")
}

// liveCalico reads whether Calico enforces NetworkPolicies (--kubeconfig),
// else records, when the add-ons were read and the VPC CNI's agent is off,
// that it could not.
func (r *runner) liveCalico(ctx context.Context, d *workloads.Deployment, unk *unknowns) error {
	if r.c.Kube == nil {
		if unk.addons == "" && !workloads.NetworkPolicyEnabled(d.Addons["vpc-cni"].Configuration) {
			unk.calico = calicoUnread
		}
		return nil
	}
	r.progress("get DaemonSet " + awsfacts.CalicoSystemNamespace + "/" + awsfacts.CalicoNodeDaemonSet)
	c, err := readCalico(ctx, r.c.Kube)
	if err != nil {
		return err
	}
	d.Calico = c
	return nil
}
