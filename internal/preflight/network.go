package preflight

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// countCheck compares a planned count with a quota minus current usage.
type countCheck struct {
	id, title string
	quota     Quota
	// need is the planned count; what describes it ("3 NAT gateways").
	need int
	what string
	// used is the current usage; usage, when set, describes it instead of
	// "N in use"; usageCaveat explains when it is unknown.
	used        int
	usage       string
	usageCaveat string
}

// evaluate looks the quota up and builds the result.
func (r *runner) evaluate(ctx context.Context, c countCheck) (checker.Result, error) {
	q, err := r.lookupQuota(ctx, c.quota)
	if err != nil {
		return checker.Result{}, err
	}
	available := q.value - float64(c.used)
	usedText := fmt.Sprintf("%d in use", c.used)
	if c.usage != "" {
		usedText = c.usage
	}
	if c.usageCaveat != "" {
		usedText = c.usageCaveat
	}
	evidence := fmt.Sprintf("need %d (%s); quota %s %s, %s, %g available", c.need, c.what, c.quota.Code, q, usedText, available)
	if q.caveat != "" {
		evidence += "; " + q.caveat
	}
	switch {
	case float64(c.need) > available:
		return fail(c.id, c.title, evidence, quotaFix(c.quota, float64(c.need+c.used))), nil
	case q.caveat != "" || c.usageCaveat != "":
		return warn(c.id, c.title, evidence, "grant servicequotas:GetServiceQuota and the EC2 Describe* permissions to verify"), nil
	}
	return pass(c.id, c.title, evidence), nil
}

// usageCaveat turns an answered error into a caveat; transport errors abort.
func usageCaveat(api string, err error) (string, error) {
	if err == nil {
		return "", nil
	}
	if !answered(err) {
		return "", fmt.Errorf("%s: %w", api, err)
	}
	return fmt.Sprintf("current usage unreadable (%s: %s)", api, errCode(err)), nil
}

// checkNetworkQuotas checks Elastic IPs, VPCs, NAT gateways per zone and
// interface endpoints per VPC against what the plan creates.
func (r *runner) checkNetworkQuotas(ctx context.Context) ([]checker.Result, error) {
	var out []checker.Result
	add := func(c countCheck) error {
		res, err := r.evaluate(ctx, c)
		if err == nil {
			out = append(out, res)
		}
		return err
	}

	// Elastic IPs: one per NAT gateway (the plan's Eip resources).
	addrs, err := r.c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	caveat, err := usageCaveat("DescribeAddresses", err)
	if err != nil {
		return nil, err
	}
	eips := countCheck{id: CheckEIPs, title: "Elastic IP quota covers one per NAT gateway", quota: QuotaEIPs,
		need: r.d.EIPs, what: fmt.Sprintf("%d Elastic IPs for %d NAT gateways", r.d.EIPs, r.d.NATGateways()), usageCaveat: caveat}
	if caveat == "" {
		eips.used = len(addrs.Addresses)
	}
	if err := add(eips); err != nil {
		return nil, err
	}

	// VPCs per region.
	vpcs := countCheck{id: CheckVPCs, title: "VPCs-per-region quota fits the new VPC", quota: QuotaVPCs,
		need: r.d.VPCs, what: fmt.Sprintf("%d VPCs created", r.d.VPCs)}
	if r.d.VPCs > 0 {
		n, err := r.countVPCs(ctx)
		if vpcs.usageCaveat, err = usageCaveat("DescribeVpcs", err); err != nil {
			return nil, err
		}
		vpcs.used = n
	}
	if err := add(vpcs); err != nil {
		return nil, err
	}

	// NAT gateways per zone: the busiest zone decides.
	nat, err := r.natPerAZ(ctx)
	if err != nil {
		return nil, err
	}
	if err := add(nat); err != nil {
		return nil, err
	}

	// Interface endpoints per VPC.
	ep, err := r.interfaceEndpoints(ctx)
	if err != nil {
		return nil, err
	}
	if err := add(ep); err != nil {
		return nil, err
	}
	return out, nil
}

func (r *runner) countVPCs(ctx context.Context) (int, error) {
	n := 0
	p := ec2.NewDescribeVpcsPaginator(r.c.EC2, &ec2.DescribeVpcsInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return 0, err
		}
		n += len(out.Vpcs)
	}
	return n, nil
}

// natPerAZ builds the NAT-per-zone check for the zone with the least room.
func (r *runner) natPerAZ(ctx context.Context) (countCheck, error) {
	c := countCheck{id: CheckNATPerAZ, title: "NAT-gateways-per-zone quota fits the planned NAT gateways", quota: QuotaNATPerAZ}
	if len(r.d.NATGatewaysByZone) == 0 {
		c.what = "no NAT gateways planned"
		return c, nil
	}
	used, err := r.natUsageByZone(ctx)
	if c.usageCaveat, err = usageCaveat("DescribeNatGateways", err); err != nil {
		return c, err
	}
	// The zone with the highest planned + existing count decides.
	zones := slices.Sorted(maps.Keys(r.d.NATGatewaysByZone))
	best := ""
	for _, z := range zones {
		if best == "" || r.d.NATGatewaysByZone[z]+used[z] > r.d.NATGatewaysByZone[best]+used[best] {
			best = z
		}
	}
	var per []string
	for _, z := range zones {
		per = append(per, fmt.Sprintf("%s: %d", z, r.d.NATGatewaysByZone[z]))
	}
	c.need, c.used = r.d.NATGatewaysByZone[best], used[best]
	c.what = fmt.Sprintf("%d NAT gateways in %s, the fullest zone; planned per zone %s", c.need, best, strings.Join(per, ", "))
	return c, nil
}

// natUsageByZone counts pending and available NAT gateways per zone.
func (r *runner) natUsageByZone(ctx context.Context) (map[string]int, error) {
	var subnets []string
	p := ec2.NewDescribeNatGatewaysPaginator(r.c.EC2, &ec2.DescribeNatGatewaysInput{
		Filter: []types.Filter{{Name: aws.String("state"), Values: []string{"pending", "available"}}},
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, n := range out.NatGateways {
			subnets = append(subnets, aws.ToString(n.SubnetId))
		}
	}
	used := map[string]int{}
	if len(subnets) == 0 {
		return used, nil
	}
	out, err := r.c.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: slices.Compact(slices.Sorted(slices.Values(subnets)))})
	if err != nil {
		return nil, err
	}
	az := map[string]string{}
	for _, s := range out.Subnets {
		az[aws.ToString(s.SubnetId)] = aws.ToString(s.AvailabilityZone)
	}
	for _, s := range subnets {
		used[az[s]]++
	}
	return used, nil
}

// interfaceEndpoints builds the interface-endpoints-per-VPC check for the
// VPC with the most endpoints.
func (r *runner) interfaceEndpoints(ctx context.Context) (countCheck, error) {
	c := countCheck{id: CheckInterfaceEndpoints, title: "Interface-endpoints-per-VPC quota fits the planned endpoints", quota: QuotaInterfaceEndpoints}
	if len(r.d.InterfaceEndpointsByVPC) == 0 {
		c.what = "no interface endpoints planned"
		return c, nil
	}
	for _, vpc := range slices.Sorted(maps.Keys(r.d.InterfaceEndpointsByVPC)) {
		n, used := r.d.InterfaceEndpointsByVPC[vpc], 0
		if !r.d.NewVPCIDs[vpc] {
			out, err := r.c.EC2.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{
				{Name: aws.String("vpc-id"), Values: []string{vpc}},
				{Name: aws.String("vpc-endpoint-type"), Values: []string{"Interface"}},
			}})
			caveat, err := usageCaveat("DescribeVpcEndpoints", err)
			if err != nil {
				return c, err
			}
			if caveat != "" {
				c.usageCaveat = caveat
			} else {
				used = len(out.VpcEndpoints)
			}
		}
		if c.what == "" || n+used > c.need+c.used {
			where := "the new VPC"
			if !r.d.NewVPCIDs[vpc] {
				where = "VPC " + vpc
			}
			c.need, c.used, c.what = n, used, fmt.Sprintf("%d interface endpoints in %s", n, where)
		}
	}
	return c, nil
}
