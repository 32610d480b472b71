package domino

import (
	"slices"
	"strings"
)

// awsRegions are the AWS commercial-partition ("aws") regions, including the
// opt-in ones (which an account must enable before use). Sources: "AWS
// Regions", https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
// and the AWS SDK for Go's partition table (aws-sdk-go-v2
// internal/endpoints/awsrulesfn/partitions.json, v1.48.0), which
// tests/regions_test.go compares this list with. This is the one list of
// regions: validation uses it, and a new region is one line here.
var awsRegions = []string{
	"af-south-1",     // Cape Town (opt-in)
	"ap-east-1",      // Hong Kong (opt-in)
	"ap-east-2",      // Taipei (opt-in)
	"ap-northeast-1", // Tokyo
	"ap-northeast-2", // Seoul
	"ap-northeast-3", // Osaka
	"ap-south-1",     // Mumbai
	"ap-south-2",     // Hyderabad (opt-in)
	"ap-southeast-1", // Singapore
	"ap-southeast-2", // Sydney
	"ap-southeast-3", // Jakarta (opt-in)
	"ap-southeast-4", // Melbourne (opt-in)
	"ap-southeast-5", // Malaysia (opt-in)
	"ap-southeast-6", // New Zealand (opt-in)
	"ap-southeast-7", // Thailand (opt-in)
	"ca-central-1",   // Canada Central
	"ca-west-1",      // Calgary (opt-in)
	"eu-central-1",   // Frankfurt
	"eu-central-2",   // Zurich (opt-in)
	"eu-north-1",     // Stockholm
	"eu-south-1",     // Milan (opt-in)
	"eu-south-2",     // Spain (opt-in)
	"eu-west-1",      // Ireland
	"eu-west-2",      // London
	"eu-west-3",      // Paris
	"il-central-1",   // Tel Aviv (opt-in)
	"me-central-1",   // UAE (opt-in)
	"me-south-1",     // Bahrain (opt-in)
	"me-west-1",      // Saudi Arabia (opt-in)
	"mx-central-1",   // Mexico (opt-in)
	"sa-east-1",      // São Paulo
	"sa-west-1",      // Chile (opt-in)
	"us-east-1",      // N. Virginia
	"us-east-2",      // Ohio
	"us-west-1",      // N. California
	"us-west-2",      // Oregon
}

// otherPartitions maps region-name prefixes of the AWS partitions the
// component does not support to the partition's name: its IAM policy ARNs are
// arn:aws:..., which exist only in the commercial partition.
var otherPartitions = map[string]string{
	"us-gov-": "aws-us-gov (GovCloud)",
	"cn-":     "aws-cn (China)",
	"eusc-":   "aws-eusc (European Sovereign Cloud)",
	"us-iso":  "an isolated partition",
	"eu-iso":  "an isolated partition",
}

// Regions returns the AWS regions the component accepts, sorted.
func Regions() []string { return slices.Clone(awsRegions) }

// checkRegion returns "" for a region the component supports, else the
// problem and the fix.
func checkRegion(region string) (problem, fix string) {
	if _, found := slices.BinarySearch(awsRegions, region); found {
		return "", ""
	}
	for prefix, partition := range otherPartitions {
		if strings.HasPrefix(region, prefix) {
			return "is in the " + partition + " partition, which DominoEKS does not support (its IAM ARNs are arn:aws:...)",
				"deploy to a commercial AWS region such as us-west-2"
		}
	}
	fix = "use an AWS region such as us-west-2 (opt-in regions must be enabled in the account first)"
	if guess := closest(region, awsRegions); guess != "" {
		fix = "did you mean " + guess + "?"
	}
	return "is not an AWS region", fix
}
