package plan

import (
	"maps"
	"slices"
)

// The embedded on-demand price table.
//
// Source: AWS public on-demand list prices, USD, Linux, shared tenancy:
//   - EC2:  https://aws.amazon.com/ec2/pricing/on-demand/
//   - EKS:  https://aws.amazon.com/eks/pricing/ (standard support, per cluster-hour)
//   - VPC:  https://aws.amazon.com/vpc/pricing/ (NAT gateway hour; public IPv4 address hour, charged since 2024-02-01)
//   - PrivateLink: https://aws.amazon.com/privatelink/pricing/ (interface endpoint per AZ-hour; gateway endpoints are free)
//   - EBS:  https://aws.amazon.com/ebs/pricing/ (gp3, gp2 per GB-month)
//   - EFS:  https://aws.amazon.com/efs/pricing/ (Standard storage per GB-month)
//   - KMS:  https://aws.amazon.com/kms/pricing/ (customer managed key per month, all regions)
//   - AWS Backup: https://aws.amazon.com/backup/pricing/ (EFS backup warm storage per GB-month; vaults and plans are free)
//
// PriceDate is the date the table was compiled. It was compiled without
// live access to the AWS Price List API; refresh it with, for example,
//
//	aws pricing get-products --region us-east-1 --service-code AmazonEC2 \
//	  --filters Type=TERM_MATCH,Field=instanceType,Value=m5.2xlarge \
//	            Type=TERM_MATCH,Field=regionCode,Value=us-west-2 \
//	            Type=TERM_MATCH,Field=operatingSystem,Value=Linux \
//	            Type=TERM_MATCH,Field=tenancy,Value=Shared \
//	            Type=TERM_MATCH,Field=preInstalledSw,Value=NA \
//	            Type=TERM_MATCH,Field=capacitystatus,Value=Used
//
// and bump PriceDate. A price that is not in the table is never guessed: the
// item is left out and the estimate is marked partial.

// PriceDate is the date of the embedded price table.
const PriceDate = "2026-11-25"

// HoursPerMonth is the month length AWS's pricing calculator uses.
const HoursPerMonth = 730

// regionPrices holds one region's prices.
type regionPrices struct {
	// EKSClusterHour is the EKS control plane price per cluster-hour (standard support).
	EKSClusterHour float64
	// NATGatewayHour is the NAT gateway price per hour (data processing excluded).
	NATGatewayHour float64
	// PublicIPv4Hour is the price of a public IPv4 address per hour.
	PublicIPv4Hour float64
	// InterfaceEndpointAZHour is the price of a VPC interface endpoint per
	// availability zone and hour (data processing excluded).
	InterfaceEndpointAZHour float64
	// EBSGBMonth is the EBS price per GB-month by volume type.
	EBSGBMonth map[string]float64
	// EFSStandardGBMonth is the EFS Standard storage price per GB-month.
	EFSStandardGBMonth float64
	// BackupEFSWarmGBMonth is AWS Backup's EFS warm backup storage price per GB-month.
	BackupEFSWarmGBMonth float64
	// EC2Hour is the on-demand Linux price per instance-hour by instance type.
	EC2Hour map[string]float64
	// KMSKeyMonth is the price of a customer managed KMS key per month.
	KMSKeyMonth float64
}

// usEC2 are the on-demand Linux prices shared by us-east-1, us-east-2 and
// us-west-2 for the families below.
var usEC2 = map[string]float64{
	"m5.large": 0.096, "m5.xlarge": 0.192, "m5.2xlarge": 0.384, "m5.4xlarge": 0.768,
	"m5.8xlarge": 1.536, "m5.12xlarge": 2.304, "m5.16xlarge": 3.072, "m5.24xlarge": 4.608,

	"m6i.large": 0.096, "m6i.xlarge": 0.192, "m6i.2xlarge": 0.384, "m6i.4xlarge": 0.768,
	"m6i.8xlarge": 1.536, "m6i.12xlarge": 2.304, "m6i.16xlarge": 3.072, "m6i.24xlarge": 4.608, "m6i.32xlarge": 6.144,

	"m7i.large": 0.1008, "m7i.xlarge": 0.2016, "m7i.2xlarge": 0.4032, "m7i.4xlarge": 0.8064,
	"m7i.8xlarge": 1.6128, "m7i.12xlarge": 2.4192, "m7i.16xlarge": 3.2256, "m7i.24xlarge": 4.8384, "m7i.48xlarge": 9.6768,

	"r5.large": 0.126, "r5.xlarge": 0.252, "r5.2xlarge": 0.504, "r5.4xlarge": 1.008,
	"r5.8xlarge": 2.016, "r5.12xlarge": 3.024, "r5.16xlarge": 4.032, "r5.24xlarge": 6.048,

	"c5.large": 0.085, "c5.xlarge": 0.17, "c5.2xlarge": 0.34, "c5.4xlarge": 0.68,
	"c5.9xlarge": 1.53, "c5.12xlarge": 2.04, "c5.18xlarge": 3.06, "c5.24xlarge": 4.08,

	"p3.2xlarge": 3.06, "p3.8xlarge": 12.24, "p3.16xlarge": 24.48,

	// The access host's types (burstable, default t4g.nano).
	"t4g.nano": 0.0042, "t4g.micro": 0.0084, "t3.nano": 0.0052, "t3.micro": 0.0104,

	"g5.xlarge": 1.006, "g5.2xlarge": 1.212, "g5.4xlarge": 1.624, "g5.8xlarge": 2.448,
	"g5.12xlarge": 5.672, "g5.16xlarge": 4.096, "g5.24xlarge": 8.144, "g5.48xlarge": 16.288,
}

// euWest1EC2 are the eu-west-1 (Ireland) on-demand Linux prices. m7i and g5
// are left out until checked against the Price List API: a missing price
// makes the estimate partial, a wrong one would mislead.
var euWest1EC2 = map[string]float64{
	"m5.large": 0.107, "m5.xlarge": 0.214, "m5.2xlarge": 0.428, "m5.4xlarge": 0.856,
	"m5.8xlarge": 1.712, "m5.12xlarge": 2.568, "m5.16xlarge": 3.424, "m5.24xlarge": 5.136,

	"m6i.large": 0.107, "m6i.xlarge": 0.214, "m6i.2xlarge": 0.428, "m6i.4xlarge": 0.856,
	"m6i.8xlarge": 1.712, "m6i.12xlarge": 2.568, "m6i.16xlarge": 3.424, "m6i.24xlarge": 5.136, "m6i.32xlarge": 6.848,

	"r5.large": 0.141, "r5.xlarge": 0.282, "r5.2xlarge": 0.564, "r5.4xlarge": 1.128,
	"r5.8xlarge": 2.256, "r5.12xlarge": 3.384, "r5.16xlarge": 4.512, "r5.24xlarge": 6.768,

	"c5.large": 0.096, "c5.xlarge": 0.192, "c5.2xlarge": 0.384, "c5.4xlarge": 0.768,
	"c5.9xlarge": 1.728, "c5.12xlarge": 2.304, "c5.18xlarge": 3.456, "c5.24xlarge": 4.608,

	"p3.2xlarge": 3.305, "p3.8xlarge": 13.22, "p3.16xlarge": 26.44,

	"t4g.nano": 0.0046, "t4g.micro": 0.0092, "t3.nano": 0.0057, "t3.micro": 0.0114,
}

// usPrices are the non-EC2 prices shared by the US regions.
func usPrices(ec2 map[string]float64) regionPrices {
	return regionPrices{
		EKSClusterHour:          0.10,
		NATGatewayHour:          0.045,
		PublicIPv4Hour:          0.005,
		InterfaceEndpointAZHour: 0.01,
		EBSGBMonth:              map[string]float64{"gp3": 0.08, "gp2": 0.10},
		EFSStandardGBMonth:      0.30,
		BackupEFSWarmGBMonth:    0.05,
		EC2Hour:                 ec2,
		KMSKeyMonth:             1.00,
	}
}

// priceTable holds the prices of every region the planner can price.
var priceTable = map[string]regionPrices{
	"us-east-1": usPrices(usEC2),
	"us-east-2": usPrices(usEC2),
	"us-west-2": usPrices(usEC2),
	"eu-west-1": {
		EKSClusterHour:          0.10,
		NATGatewayHour:          0.048,
		PublicIPv4Hour:          0.005,
		InterfaceEndpointAZHour: 0.011,
		EBSGBMonth:              map[string]float64{"gp3": 0.088, "gp2": 0.11},
		EFSStandardGBMonth:      0.33,
		BackupEFSWarmGBMonth:    0.055,
		EC2Hour:                 euWest1EC2,
		KMSKeyMonth:             1.00,
	},
}

// PricedRegions lists the regions the price table covers, sorted.
func PricedRegions() []string { return slices.Sorted(maps.Keys(priceTable)) }

// InstancePrice returns the on-demand Linux price per hour of an instance
// type in a region, and whether the table has it.
func InstancePrice(region, instanceType string) (float64, bool) {
	rp, ok := priceTable[region]
	if !ok {
		return 0, false
	}
	p, ok := rp.EC2Hour[instanceType]
	return p, ok
}
