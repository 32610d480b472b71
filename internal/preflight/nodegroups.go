package preflight

import (
	"context"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// checkNodeGroupQuotas compares the plan's managed node groups with EKS's
// quotas on them: the number of node groups of the cluster, and each group's
// maxSize (EKS refuses a scaling config above the applied quota).
func (r *runner) checkNodeGroupQuotas(ctx context.Context) ([]checker.Result, error) {
	groups, err := r.evaluate(ctx, countCheck{
		id: CheckNodeGroupsPerCluster, title: "EKS managed-node-groups-per-cluster quota fits the planned node groups",
		quota: QuotaNodeGroupsPerCluster, need: len(r.d.Pools),
		what:  fmt.Sprintf("%d managed node groups, one per pool and zone", len(r.d.Pools)),
		usage: "a quota of each cluster",
	})
	if err != nil {
		return nil, err
	}
	nodes, err := r.checkNodesPerNodeGroup(ctx)
	if err != nil {
		return nil, err
	}
	return []checker.Result{groups, nodes}, nil
}

// checkNodesPerNodeGroup fails naming every node group whose maxSize is
// above the applied "Nodes per managed node group" quota.
func (r *runner) checkNodesPerNodeGroup(ctx context.Context) (checker.Result, error) {
	const title = "EKS nodes-per-managed-node-group quota fits every node group's maxSize"
	q, err := r.lookupQuota(ctx, QuotaNodesPerNodeGroup)
	if err != nil {
		return checker.Result{}, err
	}
	largest, name := 0, ""
	var over []string
	for _, p := range r.d.Pools {
		if p.MaxSize > largest {
			largest, name = p.MaxSize, p.Name
		}
		if float64(p.MaxSize) > q.value {
			over = append(over, fmt.Sprintf("%s (pool %s) maxSize %d", p.Name, p.Pool, p.MaxSize))
		}
	}
	evidence := fmt.Sprintf("largest maxSize %d (%s); quota %s %q %s", largest, name, QuotaNodesPerNodeGroup.Code, QuotaNodesPerNodeGroup.Name, q)
	if len(over) > 0 {
		evidence = fmt.Sprintf("above the quota: %s; quota %s %q %s", strings.Join(over, ", "), QuotaNodesPerNodeGroup.Code, QuotaNodesPerNodeGroup.Name, q)
	}
	if q.caveat != "" {
		evidence += "; " + q.caveat
	}
	switch {
	case len(over) > 0:
		return fail(CheckNodesPerNodeGroup, title, evidence,
			quotaFix(QuotaNodesPerNodeGroup, float64(largest))+", or lower the pool's maxSize"), nil
	case q.caveat != "":
		return warn(CheckNodesPerNodeGroup, title, evidence, "grant servicequotas:GetServiceQuota to verify"), nil
	}
	return pass(CheckNodesPerNodeGroup, title, evidence), nil
}
