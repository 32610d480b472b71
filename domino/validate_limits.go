package domino

import (
	"fmt"
	"net/netip"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
)

// Limit is one documented AWS, EKS or Kubernetes limit a configuration is
// held to before any resource is registered: what AWS would refuse (or
// silently break on) 15-30 minutes into `pulumi up` is refused at once,
// naming the field, the value and the fix.
type Limit struct {
	// ID names the limit, e.g. "nodegroup-label-length".
	ID string
	// Source is where the limit is written down (an AWS documentation page or
	// API reference).
	Source string
	check  func(p *problems, a DominoEKSArgs, s spec)
}

// Limits returns the limit table, in the order limits are checked.
func Limits() []Limit { return slices.Concat(limits, moreLimits) }

func validateLimits(p *problems, a DominoEKSArgs, s spec) {
	for _, l := range Limits() {
		l.check(p, a, s)
	}
}

// Fixed limits.
const (
	eksLabelMax         = 63 // label keys and values, taint keys and values (EKS CreateNodegroup)
	eksTaintsMax        = 50
	eksInstanceTypesMax = 20
	asgTagsMax          = 50
	eksOwnASGTags       = 3 // eks:cluster-name, eks:nodegroup-name, kubernetes.io/cluster/<name>
	awsTagsMax          = 50
	componentOwnTags    = 3 // the most the component adds to one resource: Name and the two ELB subnet tags
	publicCidrsMax      = 40
	hostnameMax         = 253
	acmFirstNameMax     = 64
	efsPathMax          = 100
	efsPathDepthMax     = 4
	awsReservedIPs      = 5 // per subnet: network, router, DNS, future use, broadcast
)

var (
	// IAM's tag pattern (TagRole, TagUser): letters, spaces, numbers and _.:/=+-@.
	iamTagRE      = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
	zoneIDRE      = regexp.MustCompile(`^Z[0-9A-Z]{1,31}$`)
	vpcIDRE       = regexp.MustCompile(`^vpc-([0-9a-f]{8}|[0-9a-f]{17})$`)
	subnetIDRE    = regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`)
	kmsKeyIDRE    = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	efsPathBadRE  = regexp.MustCompile("[$#<>;`|&?{}^*\n]")
	reservedNets  = map[string]netip.Prefix{"loopback": netip.MustParsePrefix("127.0.0.0/8"), "link-local": netip.MustParsePrefix("169.254.0.0/16"), "multicast": netip.MustParsePrefix("224.0.0.0/4")}
	reservedOrder = []string{"loopback", "link-local", "multicast"}
)

var limits = []Limit{
	{"nodegroup-label-length", "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html (labels: keys and values 1-63 characters)", checkLabelLengths},
	{"nodegroup-taint-values", "https://docs.aws.amazon.com/eks/latest/APIReference/API_Taint.html (key 1-63, value 0-63 characters; Kubernetes label-value syntax)", checkTaintValues},
	{"nodegroup-taints-unique", "https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html (taints are unique by key and effect)", checkTaintsUnique},
	{"nodegroup-taints-max", "https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html (at most 50 taints per node group)", checkTaintCount},
	{"asg-tags-max", "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-quotas.html (50 tags per Auto Scaling group; EKS adds 3, the autoscaler labels and taints the rest)", checkASGTags},
	{"tags-characters", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html (pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*; the tags reach IAM roles)", checkTagCharacters},
	{"tags-max", "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (at most 50 user tags per resource, counting the component's own)", checkTagCount},
	{"efs-access-point-path", "https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html (Path: 1-100 characters, at most 4 parts, pattern ^(\\/|(\\/(?!\\.)+[^$#<>;`|&?{}^*/\\n]+){1,4})$)", checkEFSPath},
	{"kms-key-arn", "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN (a key ARN names the key's region and key id; an alias ARN is not accepted where a key ARN is required, and IAM key policies do not follow aliases)", checkKMSKeyArn},
	{"arn-partition", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html (an ARN's partition is that of its region: aws, aws-cn, aws-us-gov)", checkARNPartition},
	{"cidr-canonical", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (CreateVpc/CreateSubnet take network addresses; the AWS provider refuses host bits)", checkCIDRsCanonical},
	{"cidr-reserved-ranges", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (a VPC cannot use 127.0.0.0/8, 169.254.0.0/16 or 224.0.0.0/4)", checkCIDRsReserved},
	{"subnet-pod-capacity", "https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html (each pod takes a VPC IP under the VPC CNI; AWS reserves 5 addresses per subnet)", checkSubnetCapacity},
	{"public-access-cidrs", "https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html (public endpoint access CIDR ranges per cluster: 40) and https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html (IPv4 CIDR blocks)", checkPublicCIDRs},
	{"instance-type-size", "internal/sizing (" + sizing.SizesSource + ", as of " + sizing.SizesAsOf + ")", checkInstanceSizes},
	{"nodegroup-instance-types-max", "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html (instanceTypes: at most 20 with a launch template)", checkInstanceTypeCount},
	{"hostname-length", "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html (DomainName 1-253 characters; the first name of a certificate at most 64)", checkHostnameLength},
	{"route53-zone-id", "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html (Id: Z followed by up to 31 upper-case letters and digits)", checkZoneID},
	{"vpc-subnet-id-format", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html (vpc-/subnet- followed by 8 or 17 hexadecimal digits)", checkResourceIDs},
	{"subnets-need-vpc", "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html (subnets belong to one VPC; the component adopts subnets only with vpcId)", checkSubnetsNeedVPC},
	{"subnet-listed-once", "https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html (subnetIds: each subnet once; a private subnet is not a public one)", checkSubnetsOnce},
	{"pool-zone-listed-once", "https://www.pulumi.com/docs/iac/concepts/resources/names/ (one node group per zone: a zone listed twice makes two resources with one URN, which Pulumi refuses)", checkPoolZonesOnce},
}

// knownString returns the plain value of a string input (pulumi.String or
// pulumi.StringPtr) when the program gave one; outputs of other resources
// are unknown until deployment and are not checked.
func knownString(in any) (string, bool) {
	if in == nil {
		return "", false
	}
	v := reflect.ValueOf(in)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.String {
		return "", false
	}
	return v.String(), true
}

// knownStrings returns the plain values of a string array input, false
// when any element is not a plain value.
func knownStrings(in pulumi.StringArrayInput) ([]string, bool) {
	arr, ok := in.(pulumi.StringArray)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := knownString(e)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func checkLabelLengths(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		for _, k := range sortedKeys(pl.Labels) {
			v := pl.Labels[k]
			if len(k) > eksLabelMax {
				p.add(pl.field+".labels", k, fmt.Sprintf("is a %d-character label key; EKS node groups take keys of at most %d", len(k), eksLabelMax),
					"shorten the key (prefix and name together) to 63 characters")
			}
			if v == "" {
				p.add(pl.field+".labels["+k+"]", v, "is empty; EKS node group label values take 1-63 characters", "give the label a value, e.g. \"true\"")
			}
		}
	}
}

func checkTaintValues(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		for i, t := range pl.Taints {
			f := fmt.Sprintf("%s.taints[%d]", pl.field, i)
			if len(t.Key) > eksLabelMax {
				p.add(f+".key", t.Key, fmt.Sprintf("is %d characters; EKS taint keys take at most %d", len(t.Key), eksLabelMax), "shorten the key")
			}
			if t.Value != "" && (len(t.Value) > eksLabelMax || !labelValueRE.MatchString(t.Value)) {
				p.add(f+".value", t.Value, "is not a valid taint value (a Kubernetes label value: at most 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric)",
					"use a value such as \"true\"")
			}
		}
	}
}

var labelValueRE = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)

func checkTaintsUnique(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		seen := map[string]bool{}
		for i, t := range pl.Taints {
			k := t.Key + ":" + t.Effect
			if seen[k] {
				p.add(fmt.Sprintf("%s.taints[%d]", pl.field, i), k, "repeats a taint with the same key and effect, which EKS refuses",
					"list each key and effect once")
			}
			seen[k] = true
		}
	}
}

func checkTaintCount(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		if n := len(pl.Taints); n > eksTaintsMax {
			p.add(pl.field+".taints", fmt.Sprintf("%d taints", n), fmt.Sprintf("EKS node groups take at most %d taints", eksTaintsMax), "remove taints")
		}
	}
}

func checkASGTags(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		groups := pl.nodeGroups()
		if len(groups) == 0 {
			continue
		}
		// Every group of a pool carries the same tags but for a one-zone group's zone label.
		tags := autoscalerTags(s, groups[0])
		fixed := len(tags) - len(pl.Labels) - len(pl.Taints)
		if n := eksOwnASGTags + len(tags); n > asgTagsMax {
			p.add(pl.field+".labels", fmt.Sprintf("%d labels, %d taints", len(pl.Labels), len(pl.Taints)),
				fmt.Sprintf("make %d Auto Scaling group tags (EKS's %d, the autoscaler's %d, one per label and taint), over the %d an Auto Scaling group holds",
					n, eksOwnASGTags, fixed, asgTagsMax),
				fmt.Sprintf("use at most %d labels and taints together on this pool", asgTagsMax-eksOwnASGTags-fixed))
		}
	}
}

func checkTagCharacters(p *problems, _ DominoEKSArgs, s spec) {
	for _, k := range sortedKeys(s.Tags) {
		v := s.Tags[k]
		if !iamTagRE.MatchString(k) {
			p.add("tags", k, "is a tag key with characters IAM refuses (the tags reach IAM roles)", "use letters, digits, spaces and _ . : / = + - @")
		}
		if !iamTagRE.MatchString(v) {
			p.add("tags["+k+"]", v, "is a tag value with characters IAM refuses (the tags reach IAM roles)", "use letters, digits, spaces and _ . : / = + - @")
		}
	}
}

func checkTagCount(p *problems, _ DominoEKSArgs, s spec) {
	if n := len(s.Tags) + componentOwnTags; n > awsTagsMax {
		p.add("tags", fmt.Sprintf("%d tags", len(s.Tags)),
			fmt.Sprintf("with the %d the component adds (Name, kubernetes.io/role/internal-elb, kubernetes.io/cluster/<name> on subnets) make %d, over AWS's %d per resource", componentOwnTags, n, awsTagsMax),
			fmt.Sprintf("use at most %d tags", awsTagsMax-componentOwnTags))
	}
}

// checkEFSPath applies EFS's RootDirectory.Path rules.
func checkEFSPath(p *problems, _ DominoEKSArgs, s spec) {
	path := s.AccessPoint.Path
	problem := ""
	switch {
	case path == "/":
	case !strings.HasPrefix(path, "/"):
		problem = "is not an absolute path"
	case len(path) > efsPathMax:
		problem = fmt.Sprintf("is %d characters, over EFS's %d", len(path), efsPathMax)
	case strings.HasSuffix(path, "/"):
		problem = "ends with /, which EFS refuses"
	case efsPathBadRE.MatchString(path):
		problem = "contains a character EFS refuses ($ # < > ; ` | & ? { } ^ * or a newline)"
	default:
		parts := strings.Split(path[1:], "/")
		if len(parts) > efsPathDepthMax {
			problem = fmt.Sprintf("has %d directory levels, over EFS's %d", len(parts), efsPathDepthMax)
		}
		for _, part := range parts {
			if problem == "" && (part == "" || strings.HasPrefix(part, ".")) {
				problem = "has an empty or .-leading part, which EFS refuses"
			}
		}
	}
	if problem != "" {
		p.add("efsAccessPointPath", path, problem, "use an absolute path of up to 4 levels without a trailing /, e.g. "+DefaultEfsAccessPointPath)
	}
}

// arnParts splits an ARN into partition, service, region, account and
// resource; ok is false when it is not an ARN.
func arnParts(s string) (partition, service, region, account, resource string, ok bool) {
	a, err := arn.Parse(s)
	if err != nil {
		return "", "", "", "", "", false
	}
	return a.Partition, a.Service, a.Region, a.AccountID, a.Resource, true
}

func checkKMSKeyArn(p *problems, _ DominoEKSArgs, s spec) {
	if s.KMSKeyArn == "" || !kmsKeyArnRE.MatchString(s.KMSKeyArn) {
		return // empty, or already refused as not a KMS ARN
	}
	_, _, region, _, resource, _ := arnParts(s.KMSKeyArn)
	kind, id, _ := strings.Cut(resource, "/")
	switch {
	case kind == "alias":
		p.add("kmsKeyArn", s.KMSKeyArn, "is an alias ARN: EKS, EBS and EFS need the key ARN, and IAM grants nothing through an alias ARN",
			"use the key's ARN, arn:aws:kms:"+s.Region+":<account>:key/<key id> (aws kms describe-key --key-id "+s.KMSKeyArn+")")
	case region != s.Region:
		p.add("kmsKeyArn", s.KMSKeyArn, "is a key in "+region+", but the cluster is in "+s.Region+"; KMS keys are regional",
			"use a key of "+s.Region+" (or a multi-Region replica there), or leave kmsKeyArn unset to create one")
	case !kmsKeyIDRE.MatchString(id):
		p.add("kmsKeyArn", s.KMSKeyArn, "does not end in a KMS key id (a UUID, or mrk- and 32 hexadecimal digits)", "copy the key ARN from aws kms describe-key")
	}
}

// regionPartition is the ARN partition of a region.
func regionPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

func checkARNPartition(p *problems, _ DominoEKSArgs, s spec) {
	want := regionPartition(s.Region)
	check := func(field, arn string) {
		if partition, _, _, _, _, ok := arnParts(arn); ok && partition != want {
			p.add(field, arn, fmt.Sprintf("is in partition %s, but region %s is in %s", partition, s.Region, want),
				fmt.Sprintf("use an ARN beginning arn:%s:", want))
		}
	}
	if s.KMSKeyArn != "" {
		check("kmsKeyArn", s.KMSKeyArn)
	}
	for i, arn := range s.AdminPrincipals {
		check(fmt.Sprintf("adminPrincipalArns[%d]", i), arn)
	}
}

// cidrFields are the CIDR settings of a VPC the component creates, with the
// public endpoint's allow-list.
func cidrFields(s spec) map[string][]string {
	f := map[string][]string{"publicAccessCidrs": s.PublicAccessCidrs}
	if !s.BringYourOwnVPC {
		f["vpcCidr"] = []string{s.VpcCidr}
		f["privateSubnetCidrs"] = s.PrivateCidrs
		f["publicSubnetCidrs"] = s.PublicCidrs
	}
	return f
}

func checkCIDRsCanonical(p *problems, _ DominoEKSArgs, s spec) {
	fields := cidrFields(s)
	for _, field := range sortedKeys(fields) {
		for _, c := range fields[field] {
			pr, err := netip.ParsePrefix(c)
			if err != nil {
				continue // refused as not a CIDR
			}
			if m := pr.Masked(); m != pr {
				p.add(field, c, "has host bits set; AWS takes the network address only", "use "+m.String())
			}
		}
	}
}

func checkCIDRsReserved(p *problems, _ DominoEKSArgs, s spec) {
	fields := cidrFields(s)
	delete(fields, "publicAccessCidrs")
	for _, field := range sortedKeys(fields) {
		for _, c := range fields[field] {
			pr, err := netip.ParsePrefix(c)
			if err != nil {
				continue
			}
			for _, name := range reservedOrder {
				if pr.Masked().Overlaps(reservedNets[name]) {
					p.add(field, c, "overlaps the "+name+" range "+reservedNets[name].String()+", which a VPC cannot use",
						"use a private range such as 10.0.0.0/16 (RFC 1918)")
				}
			}
		}
	}
}

// checkSubnetCapacity: every private subnet must hold an IP for each node and
// each of its pods at the pools' maximum sizes (VPC CNI, no prefix
// delegation). A node group spanning zones is counted at its share per zone,
// rounded up.
func checkSubnetCapacity(p *problems, a DominoEKSArgs, s spec) {
	if s.BringYourOwnVPC || len(s.PrivateCidrs) != len(s.NetworkAZs) {
		return
	}
	if len(a.PrivateSubnetCidrs) == 0 {
		// The subnets derive from vpcCidr: name the setting the user wrote.
		checkDerivedSubnetCapacity(p, s)
		return
	}
	for i, az := range s.NetworkAZs {
		pr, err := netip.ParsePrefix(s.PrivateCidrs[i])
		if err != nil || !pr.Addr().Is4() {
			continue
		}
		need, parts := subnetNeed(s, az)
		have := 1<<(32-pr.Bits()) - awsReservedIPs
		if need > have {
			p.add("privateSubnetCidrs", s.PrivateCidrs[i],
				fmt.Sprintf("holds %d usable addresses, but %s needs %d at the pools' maximum sizes (nodes × (pods + 1) under the VPC CNI: %s)", have, az, need, strings.Join(parts, ", ")),
				fmt.Sprintf("use a /%d or larger private subnet, or lower the pools' maxSize", prefixFor(need+awsReservedIPs)))
		}
	}
}

// prefixFor is the longest IPv4 prefix length holding n addresses.
func prefixFor(n int) int {
	bits := 32
	for bits > 0 && 1<<(32-bits) < n {
		bits--
	}
	return bits
}

func checkPublicCIDRs(p *problems, _ DominoEKSArgs, s spec) {
	for _, c := range s.PublicAccessCidrs {
		if pr, err := netip.ParsePrefix(c); err == nil && !pr.Addr().Is4() {
			p.add("publicAccessCidrs", c, "is an IPv6 CIDR; the EKS public endpoint allow-list takes IPv4 CIDRs", "list IPv4 CIDRs such as 203.0.113.0/24")
		}
	}
	if n := len(s.PublicAccessCidrs); n > publicCidrsMax {
		p.add("publicAccessCidrs", fmt.Sprintf("%d CIDRs", n), fmt.Sprintf("EKS takes at most %d public access CIDRs per cluster", publicCidrsMax),
			"merge ranges into larger CIDRs, or reach the API privately")
	}
}

func checkInstanceSizes(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		for _, it := range pl.InstanceTypes {
			if checkInstanceType(it) != "" {
				continue // refused already
			}
			if exists, known := sizing.SizeExists(it); known && !exists {
				sizes, _ := sizing.Sizes(instanceFamily(it))
				p.add(pl.field+".instanceTypes", it, "is not a size EC2 offers for the "+instanceFamily(it)+" family",
					"use one of "+instanceFamily(it)+"."+strings.Join(sizes, ", "+instanceFamily(it)+"."))
			}
		}
	}
}

func checkInstanceTypeCount(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		if n := len(pl.InstanceTypes); n > eksInstanceTypesMax {
			p.add(pl.field+".instanceTypes", fmt.Sprintf("%d types", n), fmt.Sprintf("EKS node groups take at most %d instance types", eksInstanceTypesMax),
				"list at most 20 instance types (or split the pool)")
		}
	}
}

func checkHostnameLength(p *problems, a DominoEKSArgs, s spec) {
	switch n := len(a.Hostname); {
	case n > hostnameMax:
		p.add("hostname", a.Hostname, fmt.Sprintf("is %d characters, over DNS's %d", n, hostnameMax), "use a shorter FQDN")
	case n > acmFirstNameMax && s.route53ZoneID != nil:
		p.add("hostname", a.Hostname, fmt.Sprintf("is %d characters; ACM takes at most %d for a certificate's first name, and route53ZoneId asks for a certificate", n, acmFirstNameMax),
			"use an FQDN of at most 64 characters, or leave route53ZoneId unset and bring your own certificate")
	}
}

func checkZoneID(p *problems, a DominoEKSArgs, _ spec) {
	id, ok := knownString(a.Route53ZoneId)
	if !ok {
		return
	}
	if !zoneIDRE.MatchString(strings.TrimPrefix(id, "/hostedzone/")) {
		p.add("route53ZoneId", id, "is not a Route 53 hosted zone id", "use the zone's id, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name)")
	}
}

func checkResourceIDs(p *problems, a DominoEKSArgs, _ spec) {
	if id, ok := knownString(a.VpcId); ok && !vpcIDRE.MatchString(id) {
		p.add("vpcId", id, "is not a VPC id", "use the id vpc-… of 8 or 17 hexadecimal digits (aws ec2 describe-vpcs)")
	}
	for _, f := range subnetFields(a) {
		ids, ok := knownStrings(f.in)
		if !ok {
			continue
		}
		for i, id := range ids {
			if !subnetIDRE.MatchString(id) {
				p.add(fmt.Sprintf("%s[%d]", f.name, i), id, "is not a subnet id", "use the id subnet-… of 8 or 17 hexadecimal digits (aws ec2 describe-subnets)")
			}
		}
	}
}

// subnetField is one subnet list argument.
type subnetField struct {
	name string
	in   pulumi.StringArrayInput
}

func subnetFields(a DominoEKSArgs) []subnetField {
	return []subnetField{{"privateSubnetIds", a.PrivateSubnetIds}, {"publicSubnetIds", a.PublicSubnetIds}, {"controlPlaneSubnetIds", a.ControlPlaneSubnetIds}}
}

func checkSubnetsNeedVPC(p *problems, a DominoEKSArgs, _ spec) {
	if a.VpcId != nil {
		return
	}
	for _, f := range subnetFields(a) {
		if f.in != nil {
			p.add(f.name, "<set>", "names subnets of an existing VPC, but vpcId is unset, so the component would create its own VPC and ignore them",
				"set vpcId to the subnets' VPC, or remove "+f.name)
		}
	}
}

func checkSubnetsOnce(p *problems, a DominoEKSArgs, _ spec) {
	owner := map[string]string{}
	for _, f := range subnetFields(a)[:2] { // private and public; control-plane subnets may repeat private ones
		ids, _ := knownStrings(f.in)
		for _, id := range ids {
			if prev, dup := owner[id]; dup {
				p.add(f.name, id, "is listed twice (also in "+prev+")", "list each subnet once, private subnets only in privateSubnetIds")
				continue
			}
			owner[id] = f.name
		}
	}
	ids, _ := knownStrings(a.ControlPlaneSubnetIds)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			p.add("controlPlaneSubnetIds", id, "is listed twice", "list each subnet once")
		}
		seen[id] = true
	}
}

func checkPoolZonesOnce(p *problems, _ DominoEKSArgs, s spec) {
	for _, pl := range s.Pools {
		seen := map[string]bool{}
		for _, az := range pl.AZs {
			if seen[az] {
				p.add(pl.field+".availabilityZones", az, "is listed twice: two node groups of one name, which Pulumi refuses", "list each zone once")
			}
			seen[az] = true
		}
	}
}

// quotaWarnings flags sizes above EKS's default quotas (awsfacts, the table
// `dominoeks preflight` reads too): allowed (quotas can be raised), but
// `pulumi up` fails unless the account's applied quota is higher
// (`dominoeks preflight` reads it).
func (s spec) quotaWarnings() []string {
	var w []string
	perGroup, perCluster := awsfacts.EKSNodesPerManagedNodeGroup, awsfacts.EKSManagedNodeGroupsPerCluster
	groups := 0
	for _, pl := range s.Pools {
		groups += len(pl.nodeGroups())
		if pl.Max > perGroup.Default {
			w = append(w, fmt.Sprintf("%s.maxSize: %d is above EKS's default quota of %d nodes per managed node group; "+
				"raise it first (Service Quotas: Amazon EKS, %q, %s) or lower maxSize", pl.field, pl.Max, perGroup.Default, perGroup.Name, perGroup.Code))
		}
	}
	if groups > perCluster.Default {
		w = append(w, fmt.Sprintf("node pools: %d managed node groups (one per pool and zone) are above EKS's default quota of %d per cluster; "+
			"raise it first (Service Quotas: Amazon EKS, %q, %s) or use fewer pools or zones", groups, perCluster.Default, perCluster.Name, perCluster.Code))
	}
	return w
}

// sortedKeys returns the keys of m in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
