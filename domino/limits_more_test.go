package domino_test

import (
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// moreLimitCases are the refusing rows of validate_limits_more.go's limits
// (issue 29): each a value AWS refuses at deploy time, refused by Validate.
var moreLimitCases = []struct {
	limit string
	name  string
	set   func(a *domino.DominoEKSArgs)
	field string
	value string
	fix   string
}{
	{"access-host-instance-type", "not an instance type", func(a *domino.DominoEKSArgs) { a.AccessHostInstanceType = "tiny" },
		"accessHostInstanceType", `"tiny"`, "t4g.nano"},
	{"access-host-instance-type", "Mac instance (Dedicated Host only)", func(a *domino.DominoEKSArgs) { a.AccessHostInstanceType = "mac1.metal" },
		"accessHostInstanceType", `"mac1.metal"`, "t4g.nano"},
	{"access-host-instance-type", "a size the family lacks", func(a *domino.DominoEKSArgs) { a.AccessHostInstanceType = "t3.8xlarge" },
		"accessHostInstanceType", `"t3.8xlarge"`, "t3.nano"},
	{"efs-provisioned-throughput", "below 1 MiB/s", func(a *domino.DominoEKSArgs) {
		a.EfsThroughputMode, a.EfsProvisionedThroughputMibps = "provisioned", 0.5
	}, "efsProvisionedThroughputMibps", `"0.5"`, "1 to 3414"},
	{"efs-provisioned-throughput", "above 3414 MiB/s", func(a *domino.DominoEKSArgs) {
		a.EfsThroughputMode, a.EfsProvisionedThroughputMibps = "provisioned", 1e9
	}, "efsProvisionedThroughputMibps", `"1e+09"`, "1 to 3414"},
	{"s3-reserved-bucket-names", "directory-bucket suffix", func(a *domino.DominoEKSArgs) { a.BlobsBucketName = "acme-blobs--x-s3" },
		"blobsBucketName", `"acme-blobs--x-s3"`, "--x-s3"},
	{"s3-reserved-bucket-names", "multi-Region access point suffix", func(a *domino.DominoEKSArgs) { a.LogsBucketName = "acme-logs.mrap" },
		"logsBucketName", `"acme-logs.mrap"`, ".mrap"},
	{"s3-reserved-bucket-names", "table bucket suffix", func(a *domino.DominoEKSArgs) { a.BackupsBucketName = "acme--table-s3" },
		"backupsBucketName", `"acme--table-s3"`, "--table-s3"},
	{"s3-reserved-bucket-names", "demo prefix through bucketPrefix", func(a *domino.DominoEKSArgs) { a.BucketPrefix = "amzn-s3-demo-acme" },
		"bucketPrefix", `"amzn-s3-demo-acme"`, "amzn-s3-demo-"},
	{"s3-reserved-bucket-names", "xn-- prefix", func(a *domino.DominoEKSArgs) { a.BlobsBucketName = "xn--acme-blobs" },
		"blobsBucketName", `"xn--acme-blobs"`, "xn--"},
	{"public-access-cidrs-public", "RFC 1918 range", func(a *domino.DominoEKSArgs) {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"203.0.113.0/24", "10.1.0.0/16"}
	}, "publicAccessCidrs", `"10.1.0.0/16"`, "public"},
	{"public-access-cidrs-public", "a private /32", func(a *domino.DominoEKSArgs) {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"192.168.1.7/32"}
	}, "publicAccessCidrs", `"192.168.1.7/32"`, "public"},
	{"iam-name-length", "role name over 64 characters", func(a *domino.DominoEKSArgs) {
		a.AdminPrincipalArns = []string{"arn:aws:iam::123456789012:role/ci/" + strings.Repeat("r", 65)}
	}, "adminPrincipalArns[0]", "rrrr", "64 characters"},
	{"subnet-pod-capacity", "a /20 VPC whose derived subnets are too small names vpcCidr", func(a *domino.DominoEKSArgs) {
		a.VpcCidr = "10.0.0.0/20"
	}, "vpcCidr", `"10.0.0.0/20"`, "use a /18 or larger vpcCidr"},
	{"vpc-cni-network-policy", "vpc-cni before network policy support", func(a *domino.DominoEKSArgs) {
		a.AddonVersions = map[string]string{"vpc-cni": "v1.13.0-eksbuild.1"}
	}, "addonVersions.vpc-cni", `"v1.13.0-eksbuild.1"`, "v1.14.0-eksbuild.1 or later"},
}

// allLimitCases are the refusing rows of every limit.
func allLimitCases() []struct {
	limit string
	name  string
	set   func(a *domino.DominoEKSArgs)
	field string
	value string
	fix   string
} {
	return append(append(limitCases[:0:0], limitCases...), moreLimitCases...)
}
