package awsfacts

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNodeGroupQuotasAreCited: every quota has a Service Quotas code, AWS's
// default and its source; the values are EKS's published defaults.
func TestNodeGroupQuotasAreCited(t *testing.T) {
	code := regexp.MustCompile(`^L-[0-9A-F]{8}$`)
	for _, q := range NodeGroupQuotas() {
		assert.Equal(t, "eks", q.Service, q.Name)
		assert.Regexp(t, code, q.Code, q.Name)
		assert.Positive(t, q.Default, q.Name)
		assert.Contains(t, q.Source, "https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html", q.Name)
	}
	assert.Equal(t, ServiceQuota{Service: "eks", Code: "L-6D54EA21", Name: "Managed node groups per cluster", Default: 30, Source: eksQuotasSource}, EKSManagedNodeGroupsPerCluster)
	assert.Equal(t, ServiceQuota{Service: "eks", Code: "L-BD136A63", Name: "Nodes per managed node group", Default: 450, Source: eksQuotasSource}, EKSNodesPerManagedNodeGroup)
}
