package checker

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

// kubeGroups are the Domino node groups of the compliant deployment.
func kubeGroups() []*nodeGroup {
	var out []*nodeGroup
	for _, g := range compliantSpec().groups {
		out = append(out, &nodeGroup{Name: g.name, Pool: g.labels[LabelNodePool], Labels: g.labels})
	}
	return out
}

// replaceObject returns the compliant objects with the named one replaced
// (or removed when repl is nil).
func replaceObject(name string, repl runtime.Object) []runtime.Object {
	var out []runtime.Object
	for _, o := range compliantKubeObjects() {
		if m, ok := o.(metav1.Object); ok && m.GetName() == name {
			if repl != nil {
				out = append(out, repl)
			}
			continue
		}
		out = append(out, o)
	}
	return out
}

func storageClass(provisioner string, params map[string]string) *storagev1.StorageClass {
	return &storagev1.StorageClass{ObjectMeta: metav1.ObjectMeta{Name: StorageClassName}, Provisioner: provisioner, Parameters: params}
}

func TestKubeChecks(t *testing.T) {
	ctx := context.Background()
	firstDefaultNode := "ip-10-0-100-11.us-west-2.compute.internal" // node of default-a

	tests := []struct {
		name      string
		objects   []runtime.Object
		wantSC    Status
		wantNodes Status
		evidence  string
	}{
		{name: "compliant", objects: compliantKubeObjects(), wantSC: StatusPass, wantNodes: StatusPass},
		{
			name:    "missing storage class",
			objects: replaceObject(StorageClassName, nil),
			wantSC:  StatusFail, wantNodes: StatusPass, evidence: "not found",
		},
		{
			name:    "wrong provisioner",
			objects: replaceObject(StorageClassName, storageClass("efs.csi.aws.com", map[string]string{"csi.storage.k8s.io/fstype": "ext4"})),
			wantSC:  StatusFail, wantNodes: StatusPass, evidence: `provisioner is "efs.csi.aws.com"`,
		},
		{
			name:    "wrong fsType",
			objects: replaceObject(StorageClassName, storageClass("ebs.csi.aws.com", map[string]string{"csi.storage.k8s.io/fstype": "xfs"})),
			wantSC:  StatusFail, wantNodes: StatusPass, evidence: `csi.storage.k8s.io/fstype is "xfs", want ext4`,
		},
		{
			name:    "legacy in-tree provisioner with fsType",
			objects: replaceObject(StorageClassName, storageClass("kubernetes.io/aws-ebs", map[string]string{"fsType": "ext4", "type": "gp2"})),
			wantSC:  StatusPass, wantNodes: StatusPass,
		},
		{
			name:    "fsType unset defaults to ext4",
			objects: replaceObject(StorageClassName, storageClass("ebs.csi.aws.com", map[string]string{"type": "gp3"})),
			wantSC:  StatusPass, wantNodes: StatusPass, evidence: "default to ext4",
		},
		{
			name: "node missing build-node label",
			objects: replaceObject(firstDefaultNode, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: firstDefaultNode, Labels: map[string]string{
				labelEKSNodegroup: "default-a", LabelNodePool: PoolDefault,
			}}}),
			wantSC: StatusPass, wantNodes: StatusFail, evidence: "lacks label domino/build-node=true",
		},
		{
			name: "node of a Domino node group without pool label",
			objects: replaceObject(firstDefaultNode, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: firstDefaultNode, Labels: map[string]string{
				labelEKSNodegroup: "default-a",
			}}}),
			wantSC: StatusPass, wantNodes: StatusFail, evidence: `node group default-a has dominodatalab.com/node-pool="", want "default"`,
		},
		{
			name:    "no platform nodes",
			objects: replaceObject("ip-10-0-100-10.us-west-2.compute.internal", nil),
			wantSC:  StatusPass, wantNodes: StatusFail, evidence: "no node is labelled dominodatalab.com/node-pool=platform",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kube := fake.NewClientset(tc.objects...)
			r := &runner{c: Clients{Kube: kube}, opts: Options{Cluster: testCluster}}
			st := &state{groups: kubeGroups()}
			results, err := r.checkKube(ctx, st)
			require.NoError(t, err)
			require.Len(t, results, 3)
			sc, nodes := results[0], results[1]
			assert.Equal(t, StatusPass, results[2].Status, results[2].Evidence)
			assert.Equal(t, CheckStorageClass, sc.ID)
			assert.Equal(t, CheckNodeLabels, nodes.ID)
			assert.Equal(t, tc.wantSC, sc.Status, sc.Evidence)
			assert.Equal(t, tc.wantNodes, nodes.Status, nodes.Evidence)
			if tc.evidence != "" {
				assert.Contains(t, sc.Evidence+" | "+nodes.Evidence, tc.evidence)
			}
		})
	}

	t.Run("no default nodes running is a warning", func(t *testing.T) {
		var objs []runtime.Object
		for _, o := range compliantKubeObjects() {
			if n, ok := o.(*corev1.Node); ok && n.Labels[LabelNodePool] == PoolDefault {
				continue
			}
			objs = append(objs, o)
		}
		res, err := checkNodeLabels(ctx, fake.NewClientset(objs...), kubeGroups())
		require.NoError(t, err)
		assert.Equal(t, StatusWarn, res.Status, res.Evidence)
	})

	t.Run("API errors are returned, not reported", func(t *testing.T) {
		kube := fake.NewClientset()
		kube.PrependReactor("get", "storageclasses", func(k8stesting.Action) (bool, runtime.Object, error) {
			return true, nil, errors.New("connection refused")
		})
		_, err := checkStorageClass(ctx, kube)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "get storage class domino-compute-storage")
	})

	t.Run("skipped without a client", func(t *testing.T) {
		r := &runner{opts: Options{Cluster: testCluster}}
		results, err := r.checkKube(ctx, &state{})
		require.NoError(t, err)
		require.Len(t, results, 3)
		for _, res := range results {
			assert.Equal(t, StatusWarn, res.Status)
			assert.Contains(t, res.Evidence, "skipped")
		}
	})
}

func TestNetworkPolicyAgent(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		ds       runtime.Object // nil: no aws-node DaemonSet
		want     Status
		evidence string
	}{
		{"agent running on every node", awsNodeDS(true, 5, 5), StatusPass, "kube-system/aws-node runs aws-network-policy-agent; 5 of 5 pod(s) ready"},
		{"no agent container", awsNodeDS(false, 5, 5), StatusFail, "has no aws-network-policy-agent container (containers: aws-node)"},
		{"pods not ready", awsNodeDS(true, 3, 5), StatusFail, "3 of 5 pod(s) ready"},
		{"no node scheduled", awsNodeDS(true, 0, 0), StatusWarn, "no node runs it yet"},
		{"no aws-node DaemonSet", nil, StatusFail, "DaemonSet kube-system/aws-node not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			objs := replaceObject("aws-node", tc.ds)
			res, err := checkNetworkPolicyAgent(ctx, fake.NewClientset(objs...))
			require.NoError(t, err)
			assert.Equal(t, CheckNetworkPolicyAgent, res.ID)
			assert.Equal(t, tc.want, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tc.evidence)
			if tc.want != StatusPass {
				assert.NotEmpty(t, res.Fix)
			}
		})
	}

	t.Run("API errors are returned, not reported", func(t *testing.T) {
		kube := fake.NewClientset()
		kube.PrependReactor("get", "daemonsets", func(k8stesting.Action) (bool, runtime.Object, error) {
			return true, nil, errors.New("connection refused")
		})
		_, err := checkNetworkPolicyAgent(ctx, kube)
		require.ErrorContains(t, err, "get DaemonSet kube-system/aws-node")
	})
}
