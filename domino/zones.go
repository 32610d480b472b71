package domino

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Zones: which zones a deployment uses. Offline (Validate, plan) they come
// from the region's row of awsfacts.RegionZoneTable; at deploy time from the
// account (the getAvailabilityZones invoke), because zone names map to zone
// IDs per account and EKS refuses some zone IDs (awsfacts.EKSUnsupportedZoneIDs).

// tableZones returns the region's zones from the offline table (nil for a
// region the table lacks).
func tableZones(region string) []awsfacts.Zone {
	rz, ok := awsfacts.ZonesOf(region)
	if !ok {
		return nil
	}
	return slices.Clone(rz.Zones)
}

// standardZoneFilters keep the answer to the region's Availability Zones:
// DescribeAvailabilityZones lists the Local Zones and Wavelength Zones the
// account opted in to as well (us-west-2-lax-1a sorts before us-west-2a), and
// EKS node groups and control-plane subnets belong in Availability Zones.
// Sources: EC2 API DescribeAvailabilityZones, filters zone-type
// (availability-zone | local-zone | wavelength-zone) and opt-in-status
// (opt-in-not-required | opted-in | not-opted-in),
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html;
// AWS-RULES rule 32.
var standardZoneFilters = []aws.GetAvailabilityZonesFilter{
	{Name: "zone-type", Values: []string{"availability-zone"}},
	{Name: "opt-in-status", Values: []string{"opt-in-not-required"}},
}

// accountZones asks the account for the region's available zones (names and
// zone IDs). The answer includes zones EKS does not support so that a zone
// the user names can be refused with its ID; every consumer filters them with
// eksZoneNames. An answer for another region (a provider configured
// elsewhere) is nil: the offline table decides then.
func accountZones(ctx *pulumi.Context, region string) ([]awsfacts.Zone, error) {
	res, err := aws.GetAvailabilityZones(ctx, &aws.GetAvailabilityZonesArgs{State: pulumi.StringRef("available"), Filters: standardZoneFilters})
	if err != nil {
		return nil, fmt.Errorf("list the account's availability zones (ec2:DescribeAvailabilityZones): %w", err)
	}
	out := make([]awsfacts.Zone, 0, len(res.Names))
	for i, name := range res.Names {
		if !strings.HasPrefix(name, region) {
			return nil, nil
		}
		z := awsfacts.Zone{Name: name}
		if i < len(res.ZoneIds) {
			z.ID = res.ZoneIds[i]
		}
		out = append(out, z)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// eksZoneNames returns the names of the zones whose ID EKS supports.
func eksZoneNames(zones []awsfacts.Zone) []string {
	var out []string
	for _, z := range zones {
		if awsfacts.EKSSupportsZoneID(z.ID) {
			out = append(out, z.Name)
		}
	}
	return out
}

// defaultZones picks the node zones when availabilityZones is unset: the first
// three zones EKS supports, or, in a region that gives the account fewer (us-west-1
// has two), the first one: two node zones are refused (even failure domains),
// and the control plane still spans two zones (networkZones). Without any
// zone knowledge it falls back to the region's a, b and c.
func defaultZones(region string, zones []awsfacts.Zone) []string {
	names := eksZoneNames(zones)
	switch {
	case len(names) >= 3:
		return names[:3]
	case len(names) > 0:
		return names[:1]
	}
	return []string{region + "a", region + "b", region + "c"}
}

// networkZones returns the zones the VPC spans: the pools' zones, widened to
// three (or two, in a region with two zones) with a single zone, because EKS
// needs control-plane subnets in at least two zones ("Subnets specified must
// be in at least two different AZs") and accepts later subnet changes only
// within the zones first given, so a later move from 1 to 3 zones keeps the
// same cluster. The extra zones are the region's EKS-supported zones in name
// order, skipping the chosen one.
func networkZones(region string, azs []string, zones []awsfacts.Zone) []string {
	if len(azs) != 1 {
		return slices.Clone(azs)
	}
	candidates := eksZoneNames(zones)
	if len(candidates) == 0 {
		for _, l := range "abc" {
			candidates = append(candidates, region+string(l))
		}
	}
	out := []string{azs[0]}
	for _, z := range candidates {
		if z != azs[0] && len(out) < 3 {
			out = append(out, z)
		}
	}
	return out
}

// validateZones checks each listed zone against the zones known for the
// region (the account's at deploy time, the table's offline): it must exist,
// and, in the account's mapping, EKS must support its zone ID.
func validateZones(p *problems, s spec) {
	field := "availabilityZones"
	for _, az := range s.AZs {
		if !strings.HasPrefix(az, s.Region) || len(az) != len(s.Region)+1 || az[len(az)-1] < 'a' || az[len(az)-1] > 'z' {
			p.add(field, az, "is not a zone of region "+s.Region, "use zone names like "+s.Region+"a")
			continue
		}
		if len(s.zones) == 0 {
			continue // a region the table lacks: the account decides at deploy time
		}
		z, ok := awsfacts.Find(s.zones, az)
		switch {
		case !ok && s.zonesFromAccount:
			// Offline the names are the reference account's: zoneWarnings.
			p.add(field, az, "is not offered in "+s.Region+" (zones: "+strings.Join(awsfacts.Names(s.zones), ", ")+")",
				"use zones of "+strings.Join(eksZoneNames(s.zones), ", ")+" (`aws ec2 describe-availability-zones --region "+s.Region+"` lists your account's)")
		case s.zonesFromAccount && !awsfacts.EKSSupportsZoneID(z.ID):
			// Offline, zone IDs are the reference account's: names map to
			// IDs per account, so only the account's answer refuses a zone.
			p.add(field, az, "is zone ID "+z.ID+", where EKS creates no clusters (UnsupportedAvailabilityZoneException; "+awsfacts.EKSUnsupportedZoneSource+")",
				"use zones of "+strings.Join(eksZoneNames(s.zones), ", ")+" instead")
		}
	}
	if len(s.zones) > 0 && len(s.AZs) == 1 && !s.BringYourOwnVPC && len(s.NetworkAZs) < 2 {
		p.add(field, s.AZs, "leaves no second zone for the EKS control plane in "+s.Region,
			"EKS needs control-plane subnets in two zones: the region must offer a second EKS-supported zone")
	}
}

// stackZones returns the zones of the private subnets an earlier `up` of this
// cluster created (tagged kubernetes.io/cluster/<cluster>=shared and
// kubernetes.io/role/internal-elb=1), in the order it created them (by CIDR:
// subnetLayout hands out CIDRs in zone order); nil for a first up or a
// bring-your-own VPC. Once they exist they are the stack's zones: the
// account's list (a zone newly listed, or impaired for a day) never moves
// them, since a moved zone replaces subnets and node groups.
func stackZones(ctx *pulumi.Context, a DominoEKSArgs, name string) ([]string, error) {
	if a.VpcId != nil {
		return nil, nil
	}
	cluster := strOr(a.ClusterName, name)
	res, err := ec2.GetSubnets(ctx, &ec2.GetSubnetsArgs{Tags: map[string]string{
		"kubernetes.io/cluster/" + cluster: "shared", "kubernetes.io/role/internal-elb": "1"}})
	if err != nil {
		return nil, fmt.Errorf("list the private subnets of cluster %s (ec2:DescribeSubnets) to keep their zones: %w", cluster, err)
	}
	type subnet struct {
		zone string
		cidr netip.Prefix
	}
	var subnets []subnet
	for _, id := range res.Ids {
		sn, err := ec2.LookupSubnet(ctx, &ec2.LookupSubnetArgs{Id: pulumi.StringRef(id)})
		if err != nil {
			return nil, fmt.Errorf("read subnet %s of cluster %s (ec2:DescribeSubnets): %w", id, cluster, err)
		}
		cidr, _ := netip.ParsePrefix(sn.CidrBlock)
		subnets = append(subnets, subnet{sn.AvailabilityZone, cidr})
	}
	slices.SortFunc(subnets, func(x, y subnet) int { return x.cidr.Addr().Compare(y.cidr.Addr()) })
	var out []string
	for _, sn := range subnets {
		if !slices.Contains(out, sn.zone) {
			out = append(out, sn.zone)
		}
	}
	return out, nil
}

// withStackZones makes the zones of existing subnets the node zones when
// availabilityZones is unset: three zones, or the first of two (a one-zone
// deployment in a two-zone region). Adding or changing a zone is an explicit
// availabilityZones setting.
func withStackZones(a DominoEKSArgs, existing []string) DominoEKSArgs {
	switch {
	case len(a.AvailabilityZones) > 0 || len(existing) == 0:
	case len(existing) == 2:
		a.AvailabilityZones = existing[:1]
	default:
		a.AvailabilityZones = slices.Clone(existing)
	}
	return a
}

// keepNetworkZones keeps the VPC's zones as the subnets have them when a
// one-zone deployment's widened network zones (networkZones, which follows
// the account's current list) would name them differently.
func (s *spec) keepNetworkZones(existing []string) {
	if len(s.AZs) == 1 && len(existing) >= 2 && existing[0] == s.AZs[0] && len(existing) == len(s.NetworkAZs) {
		s.NetworkAZs = slices.Clone(existing)
	}
}
