package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKarpenterAWSSide: karpenter plans the queue named after the cluster,
// five rules with targets, the association of kube-system/karpenter, the
// instance profile of the node role and discovery tags; the default plan has
// none of them.
func TestKarpenterAWSSide(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{Karpenter: true})
	queues := res.Find("aws:sqs/queue:Queue")
	require.Len(t, queues, 1)
	assert.Equal(t, "domino", queues[0].Inputs["name"])
	assert.Equal(t, true, queues[0].Inputs["sqsManagedSseEnabled"])
	assert.Len(t, res.Find("aws:cloudwatch/eventRule:EventRule"), 5)
	assert.Len(t, res.Find("aws:cloudwatch/eventTarget:EventTarget"), 5)
	assoc := res.Find("aws:eks/podIdentityAssociation:PodIdentityAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, domino.KarpenterNamespace, assoc[0].Inputs["namespace"])
	assert.Equal(t, domino.KarpenterServiceAccount, assoc[0].Inputs["serviceAccount"])
	profiles := 0
	for _, p := range res.Find("aws:iam/instanceProfile:InstanceProfile") {
		if p.Inputs["name"] == "domino-karpenter-node" {
			profiles++
			assert.Contains(t, p.Inputs["role"], "domino-node-", "the compute node role")
		}
	}
	assert.Equal(t, 1, profiles)
	for _, sn := range res.Find("aws:ec2/subnet:Subnet") {
		_, tagged := m(sn.Inputs, "tags").(map[string]any)[domino.DiscoveryTagKey]
		assert.Equal(t, m(sn.Inputs, "tags", "kubernetes.io/role/internal-elb") == "1", tagged, "only private subnets carry the discovery tag: %s", sn.Name)
	}

	def := plan(t, domino.DominoEKSArgs{})
	assert.Empty(t, def.Find("aws:sqs/queue:Queue"))
	assert.Empty(t, def.Find("aws:eks/podIdentityAssociation:PodIdentityAssociation"))
	for _, sn := range def.Find("aws:ec2/subnet:Subnet") {
		assert.Nil(t, m(sn.Inputs, "tags", domino.DiscoveryTagKey), sn.Name)
	}
}
