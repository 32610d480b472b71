package checker

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/dominoeks/pulumi-dominoeks/internal/names"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// livePullThrough reads the cluster's ECR pull-through cache rules: those
// whose repository prefix starts with "<cluster>-" or "<cluster>/" (the
// component's <cluster>-quay; Domino Terraform's ${deploy_id}/quay, in
// modules/infra/submodules/storage/ecr.tf). Their prefixes are the
// repositories the node role's pull-through grants are evaluated on.
// Source: ECR API reference, DescribePullThroughCacheRules.
func (r *runner) livePullThrough(ctx context.Context, d *workloads.Deployment, unk *unknowns) error {
	if r.c.ECR == nil {
		unk.applies[workloads.IDImagePullThrough] = "the ECR pull-through cache rules were not read (no ECR client)"
		return nil
	}
	r.progress("describe ECR pull-through cache rules")
	own := strings.ToLower(r.opts.Cluster)
	// The component's rule, shortened for a long cluster name (internal/names).
	derived := names.Of(names.QuayPullThroughPrefix, names.Input{Cluster: r.opts.Cluster, Region: r.opts.Region})
	p := ecr.NewDescribePullThroughCacheRulesPaginator(r.c.ECR, &ecr.DescribePullThroughCacheRulesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if optionalAPIError(err) {
			unk.applies[workloads.IDImagePullThrough] = "could not read the ECR pull-through cache rules: " + unreadReason(err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("describe ECR pull-through cache rules: %w", err)
		}
		for _, rule := range page.PullThroughCacheRules {
			if prefix := aws.ToString(rule.EcrRepositoryPrefix); strings.HasPrefix(prefix, own+"-") || strings.HasPrefix(prefix, own+"/") || prefix == derived {
				d.PullThroughPrefixes = append(d.PullThroughPrefixes, prefix)
			}
		}
	}
	return nil
}

// nodeEgress reports whether every subnet of the Domino node groups routes
// 0.0.0.0/0 out of the VPC; nil when a subnet is unknown or there are none.
func (st *state) nodeEgress() *bool {
	egress, n := true, 0
	for _, g := range st.dominoGroups() {
		for _, id := range g.Subnets {
			sn, ok := st.subnets[id]
			if !ok {
				return nil
			}
			n++
			egress = egress && sn.Egress
		}
	}
	if n == 0 {
		return nil
	}
	return &egress
}
