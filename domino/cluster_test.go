package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestControlPlane: pulumi-eks cluster without a default node group, private
// endpoint, every control-plane log type, nodes mapped by an access entry.
func TestControlPlane(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	clusters := res.Find("eks:index:Cluster")
	require.Len(t, clusters, 1)
	in := clusters[0].Inputs
	assert.Equal(t, "domino", in["name"])
	assert.Equal(t, domino.DefaultKubernetesVersion, in["version"])
	assert.Equal(t, true, in["skipDefaultNodeGroup"])
	assert.Equal(t, true, in["endpointPrivateAccess"])
	assert.Equal(t, false, in["endpointPublicAccess"])
	assert.Nil(t, in["publicAccessCidrs"])
	assert.ElementsMatch(t, []any{"api", "audit", "authenticator", "controllerManager", "scheduler"}, in["enabledClusterLogTypes"])
	assert.Equal(t, "API", in["authenticationMode"])
	role, err := res.ByName("aws:iam/role:Role", "domino-node")
	require.NoError(t, err)
	assert.Equal(t, role.URN, in["instanceRole"], "the node role gets its access entry from pulumi-eks")
	for _, ng := range res.Find(nodeGroupType) {
		assert.Contains(t, ng.Dependencies, clusters[0].URN, "%s waits for the cluster and its access entries", ng.Name)
	}
	var private []string
	for _, s := range res.Find(subnetType) {
		if strings.HasPrefix(s.Name, "domino-private") {
			private = append(private, s.ID)
		}
	}
	assert.ElementsMatch(t, private, strs(in["privateSubnetIds"]))

	oidc := res.Find("aws:iam/openIdConnectProvider:OpenIdConnectProvider")
	require.Len(t, oidc, 1)
	assert.Equal(t, []any{"sts.amazonaws.com"}, oidc[0].Inputs["clientIdLists"])
	assert.Contains(t, oidc[0].Inputs["url"], "https://oidc.eks.us-west-2.amazonaws.com/id/")

	pub := plan(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	in = pub.Find("eks:index:Cluster")[0].Inputs
	assert.Equal(t, true, in["endpointPublicAccess"])
	assert.Equal(t, []any{"203.0.113.0/24"}, in["publicAccessCidrs"])
}
