package awsfacts

import "slices"

// Zone is an Availability Zone: its name, which AWS maps to a physical zone
// per account, and its zone ID, which is the same physical zone in every
// account. Source: AWS RAM user guide, "Availability Zone IDs for your AWS
// resources" (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html).
type Zone struct {
	Name string
	ID   string
}

// RegionZones are the Availability Zones of one region as a reference
// account sees them, and where that fact is written down.
type RegionZones struct {
	// Zones in name order: the names and zone IDs of the reference account.
	// Another account may map the names to other IDs (and, in us-west-1,
	// hold other names): the deployment resolves zones from the account
	// (getAvailabilityZones) and preflight checks the account's mapping.
	Zones []Zone
	// Source cites the entry.
	Source string
}

// Sources of the zone table.
const (
	// motoZones: moto 5.2.1, moto/ec2/models/availability_zones_and_regions.py
	// (RegionsAndZonesBackend.zones), recorded from a real account's
	// DescribeAvailabilityZones; the same mapping moto_server answers in tests.
	motoZones = "moto 5.2.1 moto/ec2/models/availability_zones_and_regions.py (a real account's DescribeAvailabilityZones)"
	// newRegionZones: regions moto does not model; three zones as the AWS
	// Regions page lists them, zone IDs by AWS's <region code>-az<n> scheme.
	newRegionZones = "AWS Regions page, https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html (3 zones); zone IDs by the <code>-az<n> scheme (unverified: preflight checks the account)"
	// eksUnsupportedSource: EKS user guide, "View Amazon EKS networking requirements for VPC and subnets".
	eksUnsupportedSource = "EKS user guide, VPC and subnet requirements, https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html (use1-az3, usw1-az2, cac1-az3 unsupported)"
	// usWest1Source: us-west-1 gives each account two of its zones.
	usWest1Source = "EC2 user guide, Regions and Zones, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html (us-west-1: two zones per account); Domino terraform-aws-eks modules/eks zone filter"
	// caCentral1Source: ca-central-1 offers new accounts a, b and d.
	caCentral1Source = "EC2 user guide, Regions and Zones (ca-central-1: a, b, d for new accounts; cac1-az3 is EKS-unsupported)"
)

// EKSUnsupportedZoneIDs are the zone IDs EKS refuses control-plane and node
// subnets in (CreateCluster: UnsupportedAvailabilityZoneException). Domino's
// Terraform excludes the same IDs. Source: eksUnsupportedSource.
var EKSUnsupportedZoneIDs = []string{"cac1-az3", "use1-az3", "usw1-az2"}

// EKSUnsupportedZoneSource cites EKSUnsupportedZoneIDs.
const EKSUnsupportedZoneSource = eksUnsupportedSource

// EKSSupportsZoneID reports whether EKS accepts subnets in the zone ID.
func EKSSupportsZoneID(id string) bool { return !slices.Contains(EKSUnsupportedZoneIDs, id) }

// RegionZoneTable is the one table of each region's zones: `plan` reads it
// offline, the preview mocks answer getAvailabilityZones from it, and
// validation checks zone names against it.
var RegionZoneTable = map[string]RegionZones{
	"af-south-1":     {Zones: []Zone{{"af-south-1a", "afs1-az1"}, {"af-south-1b", "afs1-az2"}, {"af-south-1c", "afs1-az3"}}, Source: motoZones},
	"ap-east-1":      {Zones: []Zone{{"ap-east-1a", "ape1-az1"}, {"ap-east-1b", "ape1-az2"}, {"ap-east-1c", "ape1-az3"}}, Source: motoZones},
	"ap-east-2":      {Zones: []Zone{{"ap-east-2a", "ape2-az1"}, {"ap-east-2b", "ape2-az2"}, {"ap-east-2c", "ape2-az3"}}, Source: motoZones},
	"ap-northeast-1": {Zones: []Zone{{"ap-northeast-1a", "apne1-az4"}, {"ap-northeast-1c", "apne1-az1"}, {"ap-northeast-1d", "apne1-az2"}}, Source: motoZones},
	"ap-northeast-2": {Zones: []Zone{{"ap-northeast-2a", "apne2-az1"}, {"ap-northeast-2b", "apne2-az2"}, {"ap-northeast-2c", "apne2-az3"}, {"ap-northeast-2d", "apne2-az4"}}, Source: motoZones},
	"ap-northeast-3": {Zones: []Zone{{"ap-northeast-3a", "apne3-az1"}, {"ap-northeast-3b", "apne3-az2"}, {"ap-northeast-3c", "apne3-az3"}}, Source: motoZones},
	"ap-south-1":     {Zones: []Zone{{"ap-south-1a", "aps1-az1"}, {"ap-south-1b", "aps1-az3"}, {"ap-south-1c", "aps1-az2"}}, Source: motoZones},
	"ap-south-2":     {Zones: []Zone{{"ap-south-2a", "aps2-az1"}, {"ap-south-2b", "aps2-az2"}, {"ap-south-2c", "aps2-az3"}}, Source: motoZones},
	"ap-southeast-1": {Zones: []Zone{{"ap-southeast-1a", "apse1-az1"}, {"ap-southeast-1b", "apse1-az2"}, {"ap-southeast-1c", "apse1-az3"}}, Source: motoZones},
	"ap-southeast-2": {Zones: []Zone{{"ap-southeast-2a", "apse2-az1"}, {"ap-southeast-2b", "apse2-az3"}, {"ap-southeast-2c", "apse2-az2"}}, Source: motoZones},
	"ap-southeast-3": {Zones: []Zone{{"ap-southeast-3a", "apse3-az1"}, {"ap-southeast-3b", "apse3-az2"}, {"ap-southeast-3c", "apse3-az3"}}, Source: motoZones},
	"ap-southeast-4": {Zones: []Zone{{"ap-southeast-4a", "apse4-az1"}, {"ap-southeast-4b", "apse4-az2"}, {"ap-southeast-4c", "apse4-az3"}}, Source: motoZones},
	"ap-southeast-5": {Zones: []Zone{{"ap-southeast-5a", "apse5-az1"}, {"ap-southeast-5b", "apse5-az2"}, {"ap-southeast-5c", "apse5-az3"}}, Source: motoZones},
	"ap-southeast-6": {Zones: []Zone{{"ap-southeast-6a", "apse6-az1"}, {"ap-southeast-6b", "apse6-az2"}, {"ap-southeast-6c", "apse6-az3"}}, Source: motoZones},
	"ap-southeast-7": {Zones: []Zone{{"ap-southeast-7a", "apse7-az1"}, {"ap-southeast-7b", "apse7-az2"}, {"ap-southeast-7c", "apse7-az3"}}, Source: motoZones},
	"ca-central-1":   {Zones: []Zone{{"ca-central-1a", "cac1-az1"}, {"ca-central-1b", "cac1-az2"}, {"ca-central-1d", "cac1-az4"}}, Source: motoZones + "; " + caCentral1Source},
	"ca-west-1":      {Zones: []Zone{{"ca-west-1a", "caw1-az1"}, {"ca-west-1b", "caw1-az2"}, {"ca-west-1c", "caw1-az3"}}, Source: motoZones},
	"eu-central-1":   {Zones: []Zone{{"eu-central-1a", "euc1-az1"}, {"eu-central-1b", "euc1-az2"}, {"eu-central-1c", "euc1-az3"}}, Source: motoZones},
	"eu-central-2":   {Zones: []Zone{{"eu-central-2a", "euc2-az1"}, {"eu-central-2b", "euc2-az2"}, {"eu-central-2c", "euc2-az3"}}, Source: motoZones},
	"eu-north-1":     {Zones: []Zone{{"eu-north-1a", "eun1-az1"}, {"eu-north-1b", "eun1-az2"}, {"eu-north-1c", "eun1-az3"}}, Source: motoZones},
	"eu-south-1":     {Zones: []Zone{{"eu-south-1a", "eus1-az1"}, {"eu-south-1b", "eus1-az2"}, {"eu-south-1c", "eus1-az3"}}, Source: motoZones},
	"eu-south-2":     {Zones: []Zone{{"eu-south-2a", "eus2-az1"}, {"eu-south-2b", "eus2-az2"}, {"eu-south-2c", "eus2-az3"}}, Source: motoZones},
	"eu-west-1":      {Zones: []Zone{{"eu-west-1a", "euw1-az3"}, {"eu-west-1b", "euw1-az1"}, {"eu-west-1c", "euw1-az2"}}, Source: motoZones},
	"eu-west-2":      {Zones: []Zone{{"eu-west-2a", "euw2-az2"}, {"eu-west-2b", "euw2-az3"}, {"eu-west-2c", "euw2-az1"}}, Source: motoZones},
	"eu-west-3":      {Zones: []Zone{{"eu-west-3a", "euw3-az1"}, {"eu-west-3b", "euw3-az2"}, {"eu-west-3c", "euw3-az3"}}, Source: motoZones},
	"il-central-1":   {Zones: []Zone{{"il-central-1a", "ilc1-az1"}, {"il-central-1b", "ilc1-az2"}, {"il-central-1c", "ilc1-az3"}}, Source: motoZones},
	"me-central-1":   {Zones: []Zone{{"me-central-1a", "mec1-az1"}, {"me-central-1b", "mec1-az2"}, {"me-central-1c", "mec1-az3"}}, Source: motoZones},
	"me-south-1":     {Zones: []Zone{{"me-south-1a", "mes1-az1"}, {"me-south-1b", "mes1-az2"}, {"me-south-1c", "mes1-az3"}}, Source: motoZones},
	"me-west-1":      {Zones: []Zone{{"me-west-1a", "mew1-az1"}, {"me-west-1b", "mew1-az2"}, {"me-west-1c", "mew1-az3"}}, Source: newRegionZones},
	"mx-central-1":   {Zones: []Zone{{"mx-central-1a", "mxc1-az1"}, {"mx-central-1b", "mxc1-az2"}, {"mx-central-1c", "mxc1-az3"}}, Source: motoZones},
	"sa-east-1":      {Zones: []Zone{{"sa-east-1a", "sae1-az1"}, {"sa-east-1b", "sae1-az2"}, {"sa-east-1c", "sae1-az3"}}, Source: motoZones},
	"sa-west-1":      {Zones: []Zone{{"sa-west-1a", "saw1-az1"}, {"sa-west-1b", "saw1-az2"}, {"sa-west-1c", "saw1-az3"}}, Source: newRegionZones},
	"us-east-1":      {Zones: []Zone{{"us-east-1a", "use1-az6"}, {"us-east-1b", "use1-az1"}, {"us-east-1c", "use1-az2"}, {"us-east-1d", "use1-az4"}, {"us-east-1e", "use1-az3"}, {"us-east-1f", "use1-az5"}}, Source: motoZones + "; " + eksUnsupportedSource},
	"us-east-2":      {Zones: []Zone{{"us-east-2a", "use2-az1"}, {"us-east-2b", "use2-az2"}, {"us-east-2c", "use2-az3"}}, Source: motoZones},
	"us-west-1":      {Zones: []Zone{{"us-west-1a", "usw1-az3"}, {"us-west-1b", "usw1-az1"}}, Source: motoZones + "; " + usWest1Source},
	"us-west-2":      {Zones: []Zone{{"us-west-2a", "usw2-az2"}, {"us-west-2b", "usw2-az1"}, {"us-west-2c", "usw2-az3"}, {"us-west-2d", "usw2-az4"}}, Source: motoZones},
}

// ZonesOf returns the region's zones from the table.
func ZonesOf(region string) (RegionZones, bool) {
	rz, ok := RegionZoneTable[region]
	return rz, ok
}

// EKSZones returns the zones whose ID EKS supports, in name order.
func (r RegionZones) EKSZones() []Zone {
	var out []Zone
	for _, z := range r.Zones {
		if EKSSupportsZoneID(z.ID) {
			out = append(out, z)
		}
	}
	return out
}

// Names returns the zone names.
func Names(zones []Zone) []string {
	out := make([]string, len(zones))
	for i, z := range zones {
		out[i] = z.Name
	}
	return out
}

// Find returns the zone of the given name.
func Find(zones []Zone, name string) (Zone, bool) {
	for _, z := range zones {
		if z.Name == name {
			return z, true
		}
	}
	return Zone{}, false
}
