package checker

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// gpuDeployment is one platform, one default and one GPU group (tainted
// nvidia.com/gpu, at size 0) in one zone, as the component makes them.
func gpuDeployment() *workloads.Deployment {
	zone := []string{"us-west-2a"}
	tags := func(pool string) map[string]string {
		return map[string]string{"k8s.io/cluster-autoscaler/node-template/label/topology.ebs.csi.aws.com/zone": zone[0],
			"k8s.io/cluster-autoscaler/node-template/label/dominodatalab.com/node-pool": pool}
	}
	labels := func(pool string, extra ...string) map[string]string {
		l := map[string]string{LabelNodePool: pool, "dominodatalab.com/domino-node": "true"}
		for i := 0; i+1 < len(extra); i += 2 {
			l[extra[i]] = extra[i+1]
		}
		return l
	}
	return &workloads.Deployment{Addons: map[string]workloads.Addon{}, NodeGroups: []workloads.NodeGroup{
		{Name: "platform-a", Pool: PoolPlatform, Zones: zone, Labels: labels(PoolPlatform), InstanceTypes: []string{"m5.4xlarge"},
			AMIType: "AL2023_x86_64_STANDARD", Version: "1.35", Min: 1, Max: 1, ASGTags: tags(PoolPlatform)},
		{Name: "default-a", Pool: PoolDefault, Zones: zone, Labels: labels(PoolDefault, LabelBuildNode, "true"), InstanceTypes: []string{"m5.2xlarge"},
			AMIType: "AL2023_x86_64_STANDARD", Version: "1.35", Min: 1, Max: 20, ASGTags: tags(PoolDefault),
			Taints: []workloads.Taint{{Key: workloads.EBSStartupTaintKey, Effect: "NoExecute"}}},
		{Name: "gpu-a", Pool: PoolGPU, Zones: zone, Labels: labels(PoolGPU, LabelGPU, "true"), InstanceTypes: []string{"p3.2xlarge"},
			AMIType: "AL2023_x86_64_NVIDIA", Version: "1.35", Min: 0, Max: 5, ASGTags: tags(PoolGPU),
			Taints: []workloads.Taint{{Key: "nvidia.com/gpu", Value: "true", Effect: "NoSchedule"}}},
	}}
}

func daemonSet(ns, name string, tolerations []corev1.Toleration) *appsv1.DaemonSet {
	return &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
		Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: name}}, Tolerations: tolerations}}}}
}

// TestSchedulingJudgesTheClustersDaemonSets: with --kubeconfig the
// cluster's own DaemonSets are judged — an aws-node that tolerates nothing
// cannot run on the tainted GPU group and scheduling.daemonsets FAILs,
// naming it; tolerating every taint, as the add-on ships it, passes.
func TestSchedulingJudgesTheClustersDaemonSets(t *testing.T) {
	all := []corev1.Toleration{{Operator: corev1.TolerationOpExists}}
	for name, tc := range map[string]struct {
		awsNode  []corev1.Toleration
		status   Status
		evidence string
	}{
		"tolerates every taint": {all, StatusPass, "judged with the cluster's DaemonSets kube-system/aws-node, kube-system/kube-proxy"},
		"tolerates nothing":     {nil, StatusFail, "Amazon VPC CNI (aws-node) must run on every node but does not tolerate gpu-a's taint nvidia.com/gpu=true:NoSchedule"},
	} {
		t.Run(name, func(t *testing.T) {
			kube := fake.NewSimpleClientset(daemonSet("kube-system", "aws-node", tc.awsNode), daemonSet("kube-system", "kube-proxy", all))
			r := &runner{c: Clients{Kube: kube}}
			results, err := r.checkScheduling(context.Background(), gpuDeployment())
			require.NoError(t, err)
			require.Len(t, results, 2)
			assert.Equal(t, StatusPass, results[0].Status, results[0].Evidence)
			assert.Equal(t, CheckSchedulingDaemonSets, results[1].ID)
			assert.Equal(t, tc.status, results[1].Status)
			assert.Contains(t, results[1].Evidence, tc.evidence)
		})
	}
}
