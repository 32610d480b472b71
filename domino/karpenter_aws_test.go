package domino

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKarpenterNeedsASupportedKubernetesVersion: karpenter with a version
// the pinned release does not support is refused naming both fields; a
// supported one passes; without karpenter the version is not its business.
func TestKarpenterNeedsASupportedKubernetesVersion(t *testing.T) {
	for _, tc := range []struct {
		name      string
		karpenter bool
		version   string
		refused   bool
	}{
		{"unsupported", true, "1.37", true},
		{"supported", true, DefaultKubernetesVersion, false},
		{"karpenter off", false, "1.37", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p problems
			s := DominoEKSArgs{Karpenter: tc.karpenter, KubernetesVersion: tc.version}.resolve(DefaultName)
			validateKarpenter(&p, s)
			err := p.err()
			if !tc.refused {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "karpenter")
			assert.Contains(t, err.Error(), "kubernetesVersion 1.37")
			assert.Contains(t, err.Error(), awsfacts.Karpenter.Range())
		})
	}
}

// TestKarpenterPolicies: the controller policy passes the node role only and
// names the queue and profile by ARN, without instance-profile management;
// the trust admits Pod Identity for the cluster; the queue policy denies HTTP.
func TestKarpenterPolicies(t *testing.T) {
	k := KarpenterScope{Partition: "aws", Region: "us-west-2", Account: "123456789012", Cluster: "c",
		NodeRoleArn: "arn:aws:iam::123456789012:role/n", QueueArn: "arn:aws:sqs:us-west-2:123456789012:c",
		ProfileArn: "arn:aws:iam::123456789012:instance-profile/c-karpenter-node"}
	doc, err := KarpenterControllerPolicy(k)
	require.NoError(t, err)
	for _, want := range []string{`"iam:PassRole"],"Resource":["arn:aws:iam::123456789012:role/n"]`, k.QueueArn, k.ProfileArn,
		`"aws:RequestTag/kubernetes.io/cluster/c":"owned"`, "arn:aws:eks:us-west-2:123456789012:cluster/c", "pricing:GetProducts", "ssm:GetParameter"} {
		assert.Contains(t, doc, want)
	}
	for _, never := range []string{"iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:DeleteInstanceProfile", "iam:TagInstanceProfile"} {
		assert.NotContains(t, doc, never, "the stack owns the instance profile")
	}
	trust, err := KarpenterTrustPolicy("123456789012", k.ClusterArn())
	require.NoError(t, err)
	assert.Contains(t, trust, `"pods.eks.amazonaws.com"`)
	assert.Contains(t, trust, `"sts:TagSession"`)
	q, err := KarpenterQueuePolicy(k.QueueArn)
	require.NoError(t, err)
	assert.Contains(t, q, `"aws:SecureTransport":"false"`)
	assert.Contains(t, q, "events.amazonaws.com")
}
