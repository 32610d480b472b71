package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEBSCSITrustPolicyConditions: the EBS CSI role trusts exactly the
// driver's service account, for STS as audience. Both conditions are what AWS
// documents for IRSA trust policies
// (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html):
// without :aud, a token minted for another audience of the same issuer is
// accepted; without :sub, any service account of the cluster can assume it.
func TestEBSCSITrustPolicyConditions(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	role, err := res.ByName("aws:iam/role:Role", "domino-ebs-csi")
	require.NoError(t, err)
	stmts := policyJSON(t, role.Inputs["assumeRolePolicy"].(string))["Statement"].([]any)
	require.Len(t, stmts, 1, "one statement: nothing else may assume the role")
	stmt := stmts[0].(map[string]any)
	assert.Equal(t, "Allow", stmt["Effect"])
	assert.Equal(t, "sts:AssumeRoleWithWebIdentity", stmt["Action"])

	federated, _ := m(stmt, "Principal", "Federated").(string)
	_, issuer, ok := strings.Cut(federated, ":oidc-provider/")
	require.True(t, ok, "principal is the cluster's OIDC provider: %s", federated)
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{
		issuer + ":aud": "sts.amazonaws.com",
		issuer + ":sub": "system:serviceaccount:kube-system:ebs-csi-controller-sa",
	}}, stmt["Condition"], "exactly the audience and the subject, as exact matches")
}
