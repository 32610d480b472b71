package domino

import (
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// Limits of the access host, EFS throughput, S3 bucket names, the public
// endpoint's allow-list, IAM names in ARNs and the VPC CNI version (issue
// 29): each an entry of the limit table (validate_limits.go), each refused
// before anything is registered.

// EFS provisioned throughput range. Source: EFS API reference,
// CreateFileSystem, ProvisionedThroughputInMibps ("Valid values are 1-3414
// MiBps, with the upper limit depending on Region").
const (
	efsProvisionedMin = 1.0
	efsProvisionedMax = 3414.0
)

// iamNameMax is the longest IAM role or user name (IAM user guide, "IAM and
// AWS STS quotas": role and user names 64 characters); iamPathMax the longest
// path (512).
const (
	iamNameMax = 64
	iamPathMax = 512
)

// s3ReservedPrefixes and s3ReservedSuffixes are the bucket name prefixes and
// suffixes S3 reserves. Source: S3 user guide, "General purpose bucket naming
// rules" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
var (
	s3ReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	s3ReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// rfc1918 are the private IPv4 ranges (RFC 1918): never the source address
// of a request reaching a public endpoint.
var rfc1918 = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// moreLimits are the limit table's entries of this file.
var moreLimits = []Limit{
	{"access-host-instance-type", "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html (instance types are <family>.<size> of the sizes each family offers) and " +
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-mac-instances.html (Mac instances run only on Dedicated Hosts, which RunInstances without a host refuses)", checkAccessHostType},
	{"efs-provisioned-throughput", "https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html (ProvisionedThroughputInMibps: valid values are 1-3414 MiBps)", checkEFSThroughput},
	{"s3-reserved-bucket-names", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (General purpose bucket naming rules: reserved prefixes xn--, sthree-, amzn-s3-demo-; suffixes -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)", checkBucketReservedNames},
	{"public-access-cidrs-public", "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html (Cluster endpoint access control: the public endpoint's CIDR allow-list matches the public source addresses of requests from the internet; private ranges never reach it)", checkPublicCIDRsArePublic},
	{"iam-name-length", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (role and user names: 64 characters; paths: 512)", checkAdminNameLengths},
	{"vpc-cni-network-policy", "https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html (network policies need the VPC CNI add-on v1.14.0 or later)", checkVPCCNIVersion},
}

func checkAccessHostType(p *problems, a DominoEKSArgs, s spec) {
	if !s.AccessHost {
		return
	}
	it := s.AccessHostType
	fam := instanceFamily(it)
	switch exists, known := sizing.SizeExists(it); {
	case !instanceTypeRE.MatchString(it):
		p.add("accessHostInstanceType", it, "is not an EC2 instance type (expected <family>.<size>)",
			"use an instance type such as "+DefaultAccessHostInstanceType+" (the default) or t3.micro")
	case strings.HasPrefix(fam, "mac"):
		p.add("accessHostInstanceType", it, "is a Mac instance type, which runs only on a Dedicated Host; the access host is a shared-tenancy instance",
			"use an instance type such as "+DefaultAccessHostInstanceType+" (the default) or t3.micro")
	case known && !exists:
		sizes, _ := sizing.Sizes(fam)
		p.add("accessHostInstanceType", it, "is not a size EC2 offers for the "+fam+" family",
			"use one of "+fam+"."+strings.Join(sizes, ", "+fam+"."))
	}
}

func checkEFSThroughput(p *problems, _ DominoEKSArgs, s spec) {
	if s.EfsThroughputMode != "provisioned" || s.EfsProvisionedMibs <= 0 {
		return // not provisioned, or refused as not positive
	}
	if v := s.EfsProvisionedMibs; v < efsProvisionedMin || v > efsProvisionedMax {
		p.add("efsProvisionedThroughputMibps", strconv.FormatFloat(v, 'g', -1, 64),
			fmt.Sprintf("is outside EFS's provisioned throughput range of %g-%g MiB/s", efsProvisionedMin, efsProvisionedMax),
			"use a value from 1 to 3414 (the upper limit depends on the region), or efsThroughputMode elastic")
	}
}

// s3Reserved returns the reserved prefix or suffix a bucket name uses, "" for none.
func s3Reserved(name string) string {
	for _, pre := range s3ReservedPrefixes {
		if strings.HasPrefix(name, pre) {
			return "prefix " + pre
		}
	}
	for _, suf := range s3ReservedSuffixes {
		if strings.HasSuffix(name, suf) {
			return "suffix " + suf
		}
	}
	return ""
}

// bucketSource is one bucket name with the setting it comes from.
type bucketSource struct {
	field, value, name string
}

// bucketSources names, for each bucket, the setting the user wrote that
// makes its name: the bucket's own name, else bucketPrefix, else the cluster
// (or component) name a default name starts with.
func bucketSources(a DominoEKSArgs, s spec) []bucketSource {
	derivedField, derivedValue := "clusterName", s.ClusterName
	if a.ClusterName == "" {
		derivedField, derivedValue = "name", s.Name
	}
	var out []bucketSource
	for _, b := range []struct{ field, explicit, resolved string }{
		{"blobsBucketName", a.BlobsBucketName, s.BlobsBucket},
		{"logsBucketName", a.LogsBucketName, s.LogsBucket},
		{"backupsBucketName", a.BackupsBucketName, s.BackupsBucket},
		{"registryBucketName", a.RegistryBucketName, s.RegistryBucket},
		{"monitoringBucketName", a.MonitoringBucketName, s.MonitoringBucket},
	} {
		switch {
		case b.resolved == "":
			// Not created (registry and access-log buckets are optional).
		case b.explicit != "":
			out = append(out, bucketSource{b.field, b.explicit, b.resolved})
		case a.BucketPrefix != "":
			out = append(out, bucketSource{"bucketPrefix", a.BucketPrefix, b.resolved})
		default:
			out = append(out, bucketSource{derivedField, derivedValue, b.resolved})
		}
	}
	return out
}

func checkBucketReservedNames(p *problems, a DominoEKSArgs, s spec) {
	reported := map[string]bool{}
	for _, b := range bucketSources(a, s) {
		r := s3Reserved(strings.Replace(b.name, accountPlaceholder, "123456789012", 1))
		if r == "" || reported[b.field] {
			continue
		}
		reported[b.field] = true
		problem := "uses the " + r + ", which S3 reserves"
		if b.name != b.value {
			problem = "makes the bucket name " + b.name + ", which uses the " + r + " S3 reserves"
		}
		p.add(b.field, b.value, problem,
			"choose a name without the reserved prefixes ("+strings.Join(s3ReservedPrefixes, ", ")+") and suffixes ("+strings.Join(s3ReservedSuffixes, ", ")+")")
	}
}

func checkPublicCIDRsArePublic(p *problems, _ DominoEKSArgs, s spec) {
	for _, c := range s.PublicAccessCidrs {
		pr, err := netip.ParsePrefix(c)
		if err != nil || !pr.Addr().Is4() {
			continue // refused as not a CIDR, or as IPv6
		}
		for _, priv := range rfc1918 {
			if pr.Bits() >= priv.Bits() && priv.Contains(pr.Masked().Addr()) {
				p.add("publicAccessCidrs", c, "is a private range (RFC 1918 "+priv.String()+"): requests from it never reach the public endpoint, which sees public source addresses",
					"list the public (NAT or office egress) addresses of your clients, e.g. 203.0.113.0/24; reach the API from inside the VPC through the private endpoint (dominoeks tunnel)")
			}
		}
	}
}

func checkAdminNameLengths(p *problems, _ DominoEKSArgs, s spec) {
	for i, a := range s.AdminPrincipals {
		_, _, _, _, resource, ok := arnParts(a)
		if !ok {
			continue // refused as not an ARN
		}
		kind, rest, found := strings.Cut(resource, "/")
		if !found || (kind != "role" && kind != "user") {
			continue
		}
		name, path := rest, "/"
		if j := strings.LastIndex(rest, "/"); j >= 0 {
			name, path = rest[j+1:], "/"+rest[:j+1]
		}
		f := fmt.Sprintf("adminPrincipalArns[%d]", i)
		if len(name) > iamNameMax {
			p.add(f, a, fmt.Sprintf("has a %s name of %d characters, over IAM's %d", kind, len(name), iamNameMax),
				"copy the ARN of an existing "+kind+" (aws iam get-"+kind+"); IAM names are at most 64 characters")
		}
		if len(path) > iamPathMax {
			p.add(f, a, fmt.Sprintf("has a path of %d characters, over IAM's %d", len(path), iamPathMax),
				"copy the ARN of an existing "+kind+" (aws iam get-"+kind+")")
		}
	}
}

// checkVPCCNIVersion refuses a vpc-cni override older than network policy
// support: Domino's NetworkPolicies would not be enforced. With Calico the
// VPC CNI's agent is off and Calico enforces them: the rule does not apply.
func checkVPCCNIVersion(p *problems, _ DominoEKSArgs, s spec) {
	v, ok := s.AddonVersions[awsfacts.AddonVPCCNI]
	if !ok || !addonVersionRE.MatchString(v) || s.NetworkPolicyProvider == NetworkPolicyCalico {
		return // not overridden, refused as malformed, or Calico enforces
	}
	min := workloads.NetworkPolicyMinCNI
	if versionBelow(v, min) {
		minText := fmt.Sprintf("v%d.%d.%d", min[0], min[1], min[2])
		p.add("addonVersions."+awsfacts.AddonVPCCNI, v,
			"predates network policy support ("+minText+"), so the NetworkPolicies Domino ships would not be enforced",
			"use "+minText+"-eksbuild.1 or later (aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version "+s.KubernetesVersion+"), or remove the override")
	}
}

// versionBelow reports whether an add-on version vX.Y.Z-eksbuild.N is below min.
func versionBelow(v string, min [3]int) bool {
	core, _, _ := strings.Cut(strings.TrimPrefix(v, "v"), "-")
	parts := strings.Split(core, ".")
	for i := 0; i < 3 && i < len(parts); i++ {
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			return false
		}
		if n != min[i] {
			return n < min[i]
		}
	}
	return false
}

// subnetNeed is the addresses a private subnet of zone az needs at the
// pools' maximum sizes (nodes × (pods + 1) under the VPC CNI), with its parts.
func subnetNeed(s spec, az string) (int, []string) {
	need, parts := 0, []string{}
	for _, pl := range s.Pools {
		perNode := 0
		for _, it := range pl.InstanceTypes {
			if n, ok := sizing.MaxPods(it); ok && n+1 > perNode {
				perNode = n + 1
			}
		}
		if perNode == 0 {
			continue
		}
		for _, g := range pl.nodeGroups() {
			if !slices.Contains(g.AZs, az) {
				continue
			}
			nodes := int(math.Ceil(float64(pl.Max) / float64(len(g.AZs))))
			need += nodes * perNode
			parts = append(parts, fmt.Sprintf("%s %d×%d", pl.Name, nodes, perNode))
		}
	}
	return need, parts
}

// checkDerivedSubnetCapacity is checkSubnetCapacity for private subnets
// derived from vpcCidr: one problem naming vpcCidr (the setting the user
// wrote), for the zone needing the most, with the vpcCidr that fits.
func checkDerivedSubnetCapacity(p *problems, s spec) {
	vpc, err := netip.ParsePrefix(s.VpcCidr)
	if err != nil || !vpc.Addr().Is4() {
		return
	}
	worst, worstAZ, worstParts, sub := 0, "", []string(nil), netip.Prefix{}
	for i, az := range s.NetworkAZs {
		pr, err := netip.ParsePrefix(s.PrivateCidrs[i])
		if err != nil || !pr.Addr().Is4() {
			return
		}
		need, parts := subnetNeed(s, az)
		if have := 1<<(32-pr.Bits()) - awsReservedIPs; need > have && need > worst {
			worst, worstAZ, worstParts, sub = need, az, parts, pr
		}
	}
	if worst == 0 {
		return
	}
	have := 1<<(32-sub.Bits()) - awsReservedIPs
	wantVPC := prefixFor(worst+awsReservedIPs) - (sub.Bits() - vpc.Bits())
	fix := fmt.Sprintf("use a /%d or larger vpcCidr, set privateSubnetCidrs to larger subnets, or lower the pools' maxSize", wantVPC)
	if wantVPC < 16 {
		fix = "set privateSubnetCidrs to larger subnets, or lower the pools' maxSize"
	}
	p.add("vpcCidr", s.VpcCidr,
		fmt.Sprintf("makes private subnets of /%d (%d usable addresses), but %s needs %d at the pools' maximum sizes (nodes × (pods + 1) under the VPC CNI: %s)",
			sub.Bits(), have, worstAZ, worst, strings.Join(worstParts, ", ")), fix)
}
