package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func (r *runner) checkPrivateSubnets(_ context.Context, st *state) ([]Result, error) {
	const (
		id    = CheckPrivateSubnets
		title = "Domino nodes run in private subnets"
		fix   = "use subnets whose route table sends 0.0.0.0/0 to a NAT gateway (not an internet gateway), with MapPublicIpOnLaunch disabled, and do not associate public IPs in the launch template"
	)
	groups := st.dominoGroups()
	if len(groups) == 0 {
		return []Result{warn(id, title, "skipped: no node group carries a "+LabelNodePool+" label", "see "+CheckPlatformPool)}, nil
	}
	var problems []string
	subnets := map[string]bool{}
	for _, g := range groups {
		if g.PublicIP {
			problems = append(problems, fmt.Sprintf("%s: launch template %s associates public IP addresses", g.Name, g.LaunchTemplate))
		}
		for _, snID := range g.Subnets {
			subnets[snID] = true
			sn, ok := st.subnets[snID]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: subnet %s not found", g.Name, snID))
				continue
			}
			if sn.IGWRoute != "" {
				problems = append(problems, fmt.Sprintf("%s: subnet %s (%s) routes %s in %s", g.Name, snID, sn.AZ, sn.IGWRoute, sn.RouteTable))
			}
			if sn.MapPublicIP {
				problems = append(problems, fmt.Sprintf("%s: subnet %s (%s) has MapPublicIpOnLaunch enabled", g.Name, snID, sn.AZ))
			}
		}
	}
	if len(problems) > 0 {
		return []Result{fail(id, title, strings.Join(problems, "; "), fix)}, nil
	}
	return []Result{pass(id, title, fmt.Sprintf("%d subnet(s) of %d node group(s) have no internet gateway route and no public IP mapping: %s",
		len(subnets), len(groups), strings.Join(slices.Sorted(maps.Keys(subnets)), ", ")))}, nil
}

// gatherSubnets describes the node groups' subnets and their route tables.
func (r *runner) gatherSubnets(ctx context.Context, st *state) error {
	ids := map[string]bool{}
	for _, g := range st.groups {
		for _, id := range g.Subnets {
			ids[id] = true
		}
	}
	if len(ids) == 0 {
		return nil
	}
	r.progress("describe subnets")
	vpcs := map[string]bool{}
	p := ec2.NewDescribeSubnetsPaginator(r.c.EC2, &ec2.DescribeSubnetsInput{SubnetIds: slices.Sorted(maps.Keys(ids))})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("describe node group subnets: %w", err)
		}
		for _, sn := range page.Subnets {
			id := aws.ToString(sn.SubnetId)
			st.subnets[id] = subnetInfo{
				ID:          id,
				VPC:         aws.ToString(sn.VpcId),
				AZ:          aws.ToString(sn.AvailabilityZone),
				MapPublicIP: aws.ToBool(sn.MapPublicIpOnLaunch),
			}
			vpcs[aws.ToString(sn.VpcId)] = true
		}
	}

	r.progress("describe route tables")
	for _, vpc := range slices.Sorted(maps.Keys(vpcs)) {
		var tables []ec2types.RouteTable
		p := ec2.NewDescribeRouteTablesPaginator(r.c.EC2, &ec2.DescribeRouteTablesInput{
			Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpc}}},
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return fmt.Errorf("describe route tables of VPC %s: %w", vpc, err)
			}
			tables = append(tables, page.RouteTables...)
		}
		explicit := map[string]ec2types.RouteTable{}
		var main *ec2types.RouteTable
		for i, rt := range tables {
			for _, a := range rt.Associations {
				if aws.ToBool(a.Main) {
					main = &tables[i]
				}
				if id := aws.ToString(a.SubnetId); id != "" {
					explicit[id] = rt
				}
			}
		}
		for id, sn := range st.subnets {
			if sn.VPC != vpc {
				continue
			}
			rt, ok := explicit[id]
			if !ok {
				if main == nil {
					continue
				}
				rt = *main
			}
			sn.RouteTable = aws.ToString(rt.RouteTableId)
			sn.IGWRoute = igwRoute(rt)
			sn.Egress = defaultRoute(rt)
			st.subnets[id] = sn
		}
	}
	return nil
}

// igwRoute describes the first route of rt that targets an internet
// gateway, or returns "".
func igwRoute(rt ec2types.RouteTable) string {
	for _, rte := range rt.Routes {
		gw := aws.ToString(rte.GatewayId)
		if !strings.HasPrefix(gw, "igw-") {
			continue
		}
		dst := aws.ToString(rte.DestinationCidrBlock)
		if dst == "" {
			dst = aws.ToString(rte.DestinationIpv6CidrBlock)
		}
		if dst == "" {
			dst = aws.ToString(rte.DestinationPrefixListId)
		}
		return dst + " -> " + gw
	}
	return ""
}

// defaultRoute reports whether rt has an active IPv4 default route.
func defaultRoute(rt ec2types.RouteTable) bool {
	for _, rte := range rt.Routes {
		if aws.ToString(rte.DestinationCidrBlock) == "0.0.0.0/0" && rte.State != ec2types.RouteStateBlackhole {
			return true
		}
	}
	return false
}
