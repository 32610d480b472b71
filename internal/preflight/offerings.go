package preflight

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const (
	zonesTitle     = "Planned availability zones exist, are available, opted in and supported by EKS"
	offeringsTitle = "Every pool's instance types are offered in each of its zones"
)

// checkZonesAndOfferings checks the zones (DescribeAvailabilityZones) and the
// instance type offerings per zone of the node groups and the access host
// (DescribeInstanceTypeOfferings, location type availability-zone:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html).
func (r *runner) checkZonesAndOfferings(ctx context.Context) ([]checker.Result, error) {
	zones, err := r.checkZones(ctx)
	if err != nil {
		return nil, err
	}
	pools, host := r.poolPlacements(), r.hostPlacements()
	offered, err := r.offered(ctx, append(slices.Clone(pools), host...))
	if err != nil && !answered(err) {
		return nil, fmt.Errorf("describe instance type offerings: %w", err)
	}
	return []checker.Result{zones, r.poolOfferings(pools, offered, err), r.hostOffering(host, offered, err)}, nil
}

// placement is instance types that must be offered in zones, and who needs them.
type placement struct {
	who          string
	types, zones []string
}

func (r *runner) poolPlacements() []placement {
	var out []placement
	for _, p := range r.d.Pools {
		out = append(out, placement{who: "node group " + p.Name, types: p.InstanceTypes, zones: p.AvailabilityZones})
	}
	return out
}

// hostPlacements is the access host's placement, none without a host or
// when its zone is not known from the plan.
func (r *runner) hostPlacements() []placement {
	h := r.d.AccessHost
	if h == nil || h.Zone == "" || h.InstanceType == "" {
		return nil
	}
	return []placement{{who: "access host", types: []string{h.InstanceType}, zones: []string{h.Zone}}}
}

// offered returns the offered "type@zone" pairs among the placements' types
// and zones: one paginated DescribeInstanceTypeOfferings for all of them.
func (r *runner) offered(ctx context.Context, ps []placement) (map[string]bool, error) {
	var typeList, zoneList []string
	for _, p := range ps {
		typeList, zoneList = append(typeList, p.types...), append(zoneList, p.zones...)
	}
	typeList = slices.Compact(slices.Sorted(slices.Values(typeList)))
	zoneList = slices.Compact(slices.Sorted(slices.Values(zoneList)))
	offered := map[string]bool{}
	if len(typeList) == 0 || len(zoneList) == 0 {
		return offered, nil
	}
	p := ec2.NewDescribeInstanceTypeOfferingsPaginator(r.c.EC2, &ec2.DescribeInstanceTypeOfferingsInput{
		LocationType: types.LocationTypeAvailabilityZone,
		Filters: []types.Filter{
			{Name: aws.String("instance-type"), Values: typeList},
			{Name: aws.String("location"), Values: zoneList},
		},
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range out.InstanceTypeOfferings {
			offered[string(o.InstanceType)+"@"+aws.ToString(o.Location)] = true
		}
	}
	return offered, nil
}

// missingOfferings lists the (type, zone) pairs of the placements that are
// not offered, and counts the pairs.
func missingOfferings(ps []placement, offered map[string]bool) (missing []string, pairs int) {
	for _, p := range ps {
		for _, t := range p.types {
			for _, z := range p.zones {
				pairs++
				if !offered[t+"@"+z] {
					missing = append(missing, fmt.Sprintf("%s not offered in %s (%s)", t, z, p.who))
				}
			}
		}
	}
	return missing, pairs
}

func (r *runner) checkZones(ctx context.Context) (checker.Result, error) {
	if len(r.d.Zones) == 0 {
		return warn(CheckZones, zonesTitle, "the plan names no zones (existing subnets)", "check the subnets' zones yourself"), nil
	}
	out, err := r.c.EC2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{
		AllAvailabilityZones: aws.Bool(true),
		Filters:              []types.Filter{{Name: aws.String("zone-name"), Values: r.d.Zones}},
	})
	if err != nil {
		if !answered(err) {
			return checker.Result{}, fmt.Errorf("describe availability zones: %w", err)
		}
		return warn(CheckZones, zonesTitle, "DescribeAvailabilityZones: "+errCode(err), "grant ec2:DescribeAvailabilityZones"), nil
	}
	found := map[string]types.AvailabilityZone{}
	for _, z := range out.AvailabilityZones {
		found[aws.ToString(z.ZoneName)] = z
	}
	var bad, good []string
	for _, name := range r.d.Zones {
		z, ok := found[name]
		switch {
		case !ok:
			bad = append(bad, name+" does not exist in "+r.d.Region)
		case z.State != types.AvailabilityZoneStateAvailable:
			bad = append(bad, fmt.Sprintf("%s is %s", name, z.State))
		case aws.ToString(z.ZoneType) != "" && aws.ToString(z.ZoneType) != "availability-zone":
			// Local and Wavelength Zones (EC2 DescribeAvailabilityZones ZoneType; AWS-RULES 32).
			bad = append(bad, name+" is a "+aws.ToString(z.ZoneType)+", not an Availability Zone: use the region's Availability Zones")
		case z.OptInStatus == types.AvailabilityZoneOptInStatusNotOptedIn:
			bad = append(bad, name+" is not opted in")
		case !awsfacts.EKSSupportsZoneID(aws.ToString(z.ZoneId)):
			bad = append(bad, fmt.Sprintf("%s is zone ID %s in this account, where EKS creates no clusters (UnsupportedAvailabilityZoneException; %s)",
				name, aws.ToString(z.ZoneId), awsfacts.EKSUnsupportedZoneSource))
		default:
			good = append(good, fmt.Sprintf("%s (%s)", name, aws.ToString(z.ZoneId)))
		}
	}
	if len(bad) > 0 {
		return fail(CheckZones, zonesTitle, strings.Join(bad, "; "),
			"set availabilityZones to zones listed by: aws ec2 describe-availability-zones --region "+r.d.Region), nil
	}
	return pass(CheckZones, zonesTitle, "available: "+strings.Join(good, ", ")), nil
}

// poolOfferings words the node groups' offerings; lookupErr is the
// answered error of the lookup, if any.
func (r *runner) poolOfferings(ps []placement, offered map[string]bool, lookupErr error) checker.Result {
	var typeList []string
	for _, p := range ps {
		typeList = append(typeList, p.types...)
	}
	typeList = slices.Compact(slices.Sorted(slices.Values(typeList)))
	if len(typeList) == 0 || len(r.d.Zones) == 0 {
		return warn(CheckOfferings, offeringsTitle, "no instance types or zones known from the plan", "check the offerings yourself")
	}
	if lookupErr != nil {
		return warn(CheckOfferings, offeringsTitle, "DescribeInstanceTypeOfferings: "+errCode(lookupErr), "grant ec2:DescribeInstanceTypeOfferings")
	}
	missing, pairs := missingOfferings(ps, offered)
	if len(missing) > 0 {
		return fail(CheckOfferings, offeringsTitle, strings.Join(missing, "; "),
			"choose instance types offered in every zone of the pool (aws ec2 describe-instance-type-offerings --location-type availability-zone), or other zones")
	}
	return pass(CheckOfferings, offeringsTitle, fmt.Sprintf("%d instance types offered in all %d (type, zone) pairs of %d node groups: %s",
		len(typeList), pairs, len(r.d.Pools), strings.Join(typeList, ", ")))
}
