package domino

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
)

var (
	clusterNameRE = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$`)
	k8sVersionRE  = regexp.MustCompile(`^1\.([0-9]{2})$`)
	bucketNameRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	ipLikeRE      = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`)
	hostnameRE    = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// minKubernetesMinor is the oldest Kubernetes minor version accepted.
const minKubernetesMinor = 32

// lastAL2Minor is the last Kubernetes minor version with EKS-optimised AL2 AMIs.
const lastAL2Minor = 32

// Validate checks the arguments and returns a *ValidationError listing every
// invalid field, each with its value and the fix. Defaults derived from the
// component name (cluster name, bucket prefix) are checked with the name
// DefaultName; use ValidateAs to check them for another name. NewDominoEKS
// validates before registering any resource.
func (a DominoEKSArgs) Validate() error {
	return a.validate(DefaultName)
}

// ValidateAs is Validate for a component of the given name.
func (a DominoEKSArgs) ValidateAs(name string) error {
	return a.validate(name)
}

func (a DominoEKSArgs) validate(name string) error {
	_, err := a.resolveValid(name)
	return err
}

// resolveValid applies the defaults and checks the result: the spec to deploy.
func (a DominoEKSArgs) resolveValid(name string) (spec, error) {
	return a.resolveValidIn(name, nil)
}

// resolveValidIn is resolveValid with the account's zones (nil: the table's).
func (a DominoEKSArgs) resolveValidIn(name string, zones []awsfacts.Zone) (spec, error) {
	s := a.resolveIn(name, zones)
	var p problems
	validateCluster(&p, a, s)
	validateNetwork(&p, a, s)
	validatePools(&p, s)
	validateStorage(&p, a, s)
	validateAccess(&p, s)
	validateNames(&p, s)
	validateHardening(&p, a, s)
	validateData(&p, s) // validate_data.go
	validateLimits(&p, a, s)
	validateVersion(&p, s, time.Now().UTC()) // versions.go
	validateAddonVersions(&p, s)             // addons.go
	validateKarpenter(&p, s)                 // validate_karpenter.go
	return s, p.err()
}

func validateCluster(p *problems, a DominoEKSArgs, s spec) {
	if !clusterNameRE.MatchString(s.ClusterName) {
		p.add("clusterName", s.ClusterName, "is not a valid EKS cluster name",
			"use 1-100 letters, digits, hyphens and underscores, starting with a letter or digit")
	}
	if problem, fix := checkRegion(s.Region); problem != "" {
		p.add("region", s.Region, problem, fix)
	}
	minor := -1
	if m := k8sVersionRE.FindStringSubmatch(s.KubernetesVersion); m != nil {
		minor, _ = strconv.Atoi(m[1])
	}
	switch {
	case minor < 0:
		p.add("kubernetesVersion", s.KubernetesVersion, "is not a Kubernetes minor version",
			"use the form 1.NN, e.g. "+DefaultKubernetesVersion)
	case minor < minKubernetesMinor:
		p.add("kubernetesVersion", s.KubernetesVersion, "is past the end of EKS support",
			"use 1."+strconv.Itoa(minKubernetesMinor)+" or later (default "+DefaultKubernetesVersion+")")
	}
	switch s.AmiFamily {
	case AmiAL2023:
	case AmiAL2:
		if minor > lastAL2Minor {
			p.add("amiFamily", s.AmiFamily, fmt.Sprintf("EKS publishes no AL2 AMIs for Kubernetes %s", s.KubernetesVersion),
				fmt.Sprintf("use amiFamily AL2023, or kubernetesVersion 1.%d or earlier", lastAL2Minor))
		}
	default:
		p.add("amiFamily", s.AmiFamily, "is not a supported AMI family", "use AL2023 or AL2")
	}
	for k, v := range s.Tags {
		if k == "" || len(k) > 128 || strings.HasPrefix(strings.ToLower(k), "aws:") || len(v) > 256 {
			p.add("tags["+k+"]", v, "is not a valid AWS tag", "use keys of 1-128 characters not starting with aws:, values up to 256")
		}
	}
	if a.Hostname != "" && !hostnameRE.MatchString(a.Hostname) {
		p.add("hostname", a.Hostname, "is not a fully qualified domain name", "use a lower-case FQDN such as domino.example.com")
	}
	if a.Route53ZoneId != nil && a.Hostname == "" {
		p.add("route53ZoneId", "<set>", "issues a certificate but hostname is empty", "set hostname to the FQDN Domino serves from")
	}
}

func validateNetwork(p *problems, a DominoEKSArgs, s spec) {
	azs := s.AZs
	switch len(azs) {
	case 1, 3:
	case 2:
		p.add("availabilityZones", azs, "2 availability zones are not supported: they put an even number of nodes in a single failure domain",
			"use 1 zone, or 3 zones for highly available Domino services")
	default:
		p.add("availabilityZones", azs, fmt.Sprintf("%d zones are not supported", len(azs)), "use 1 zone, or 3 zones")
	}
	validateZones(p, s) // zones.go
	seen := map[string]bool{}
	for _, az := range azs {
		if seen[az] {
			p.add("availabilityZones", az, "is listed twice", "list each zone once")
		}
		seen[az] = true
	}
	switch s.NatMode {
	case NatPerAZ, NatSingle, NatNone:
	default:
		p.add("natMode", s.NatMode, "is not a NAT mode", "use per-az, single or none")
	}
	switch s.NetworkPolicyProvider {
	case NetworkPolicyVPCCNI, NetworkPolicyCalico:
	default:
		p.add("networkPolicyProvider", s.NetworkPolicyProvider, "is not a network policy provider", "use vpc-cni or calico")
	}
	if s.PublicEndpoint && len(s.PublicAccessCidrs) == 0 {
		p.add("publicAccessCidrs", s.PublicAccessCidrs, "is empty while endpointPublicAccess is true",
			"list the CIDRs allowed to reach the Kubernetes API, e.g. your office range")
	}
	for _, c := range s.PublicAccessCidrs {
		if _, err := netip.ParsePrefix(c); err != nil {
			p.add("publicAccessCidrs", c, "is not a CIDR", "use the form 203.0.113.0/24")
		}
	}
	if s.BringYourOwnVPC {
		validateBYOSubnets(p, a, len(azs))
		return
	}
	validateCidrs(p, s)
}

// validateAccess checks the extra cluster admins: EKS access entries take IAM
// role or user ARNs, not STS assumed-role session ARNs
// (https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html).
func validateAccess(p *problems, s spec) {
	for i, arn := range s.AdminPrincipals {
		f := fmt.Sprintf("adminPrincipalArns[%d]", i)
		switch {
		case strings.Contains(arn, ":assumed-role/"):
			p.add(f, arn, "is an STS session ARN, which EKS access entries reject",
				"use the role's ARN, arn:aws:iam::<account>:role/<name> (for SSO roles include the path, e.g. role/aws-reserved/sso.amazonaws.com/...)")
		case !iamPrincipalRE.MatchString(arn):
			p.add(f, arn, "is not an IAM role or user ARN", "use arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name>")
		}
	}
}

var iamPrincipalRE = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[\w+=,.@/-]+$`)

// validateNames checks the physical names AWS will see, with the 8 characters
// Pulumi's auto-naming appends, including the ones pulumi-eks derives for its
// own children (its "<name>-eks-eksRole-role" IAM role).
func validateNames(p *problems, s spec) {
	suffix := awsfacts.AutoNameSuffix
	if n := len(s.Name + "-eks-eksRole-role"); n+suffix > awsfacts.IAMRoleNameMax {
		p.add("name", s.Name, fmt.Sprintf("is %d characters: pulumi-eks names its cluster role %s-eks-eksRole-role-xxxxxxx, %d characters, over IAM's %d",
			len(s.Name), s.Name, n+suffix, awsfacts.IAMRoleNameMax),
			fmt.Sprintf("use a component name of at most %d characters (the cluster name can stay long: set clusterName)",
				awsfacts.IAMRoleNameMax-suffix-len("-eks-eksRole-role")))
	}
	for _, pl := range s.Pools {
		for _, g := range pl.nodeGroups() {
			if n := len(s.Name+"-"+g.Key) + suffix; n > awsfacts.NodeGroupNameMax {
				p.add(pl.field+".name", pl.Name, fmt.Sprintf("makes node group %s-%s-xxxxxxx, %d characters, over EKS's %d", s.Name, g.Key, n, awsfacts.NodeGroupNameMax),
					"shorten the pool name or the component name")
				break
			}
		}
	}
}

func validateBYOSubnets(p *problems, a DominoEKSArgs, zones int) {
	switch ids, known := a.ControlPlaneSubnetIds.(pulumi.StringArray); {
	case a.ControlPlaneSubnetIds == nil && zones < 2:
		p.add("controlPlaneSubnetIds", "<unset>", "is required with vpcId and a single availability zone: EKS needs control-plane subnets in at least two zones",
			"list private subnets of the VPC in two or more availability zones (the node zone plus others)")
	case known && len(ids) < 2:
		p.add("controlPlaneSubnetIds", fmt.Sprintf("%d subnet(s)", len(ids)), "must list subnets in at least two availability zones (EKS CreateCluster)",
			"list private subnets in two or more availability zones")
	}
	if a.PrivateSubnetIds == nil {
		p.add("privateSubnetIds", "<unset>", "is required with vpcId", fmt.Sprintf("list %d private subnet ids, one per availability zone", zones))
		return
	}
	if ids, ok := a.PrivateSubnetIds.(pulumi.StringArray); ok && len(ids) != zones {
		p.add("privateSubnetIds", fmt.Sprintf("%d subnets", len(ids)), fmt.Sprintf("must hold one private subnet per availability zone (%d)", zones),
			fmt.Sprintf("list %d private subnet ids in availabilityZones order", zones))
	}
}

func validateCidrs(p *problems, s spec) {
	vpc, err := netip.ParsePrefix(s.VpcCidr)
	if err != nil || !vpc.Addr().Is4() {
		p.add("vpcCidr", s.VpcCidr, "is not an IPv4 CIDR", "use the form 10.0.0.0/16")
		return
	}
	if vpc.Bits() < 16 || vpc.Bits() > 20 {
		p.add("vpcCidr", s.VpcCidr, "must be between /16 and /20 to hold the private and public subnets", "use e.g. 10.0.0.0/16")
		return
	}
	check := func(field string, cidrs []string) []netip.Prefix {
		var out []netip.Prefix
		if len(cidrs) != len(s.NetworkAZs) {
			p.add(field, cidrs, fmt.Sprintf("has %d CIDRs for the VPC's %d availability zones %v", len(cidrs), len(s.NetworkAZs), s.NetworkAZs),
				"give one CIDR per zone (with one node zone the VPC still spans three: EKS needs control-plane subnets in two or more)")
		}
		for _, c := range cidrs {
			sub, err := netip.ParsePrefix(c)
			if err != nil || !sub.Addr().Is4() {
				p.add(field, c, "is not an IPv4 CIDR", "use the form 10.0.0.0/19")
				continue
			}
			if sub.Bits() < vpc.Bits() || !vpc.Contains(sub.Addr()) {
				p.add(field, c, "is not inside vpcCidr "+s.VpcCidr, "choose subnets inside the VPC range")
				continue
			}
			if sub.Bits() > 26 {
				p.add(field, c, "is too small for EKS nodes and pods", "use /26 or larger")
			}
			out = append(out, sub)
		}
		return out
	}
	all := append(check("privateSubnetCidrs", s.PrivateCidrs), check("publicSubnetCidrs", s.PublicCidrs)...)
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if all[i].Overlaps(all[j]) {
				p.add("subnetCidrs", all[i].String()+" and "+all[j].String(), "overlap", "give every subnet its own range")
			}
		}
	}
}

func validatePools(p *problems, s spec) {
	names := map[string]string{}
	labelSets := map[string]string{}
	for _, pl := range s.Pools {
		f := pl.field
		if pl.Name == "" {
			p.add(f+".name", pl.Name, "is empty", "name every pool")
		} else if errs := validation.IsDNS1123Label(pl.Name); len(errs) > 0 {
			p.add(f+".name", pl.Name, "is not a valid pool name", "use lower-case letters, digits and hyphens")
		} else if prev, dup := names[pl.Name]; dup {
			p.add(f+".name", pl.Name, "duplicates the name of "+prev, "give every pool a distinct name")
		} else {
			names[pl.Name] = f
		}
		if len(pl.InstanceTypes) == 0 {
			p.add(f+".instanceTypes", pl.InstanceTypes, "is empty", "list at least one instance type, e.g. m5.2xlarge")
		}
		for _, it := range pl.InstanceTypes {
			if msg := checkInstanceType(it); msg != "" {
				p.add(f+".instanceTypes", it, msg, "use an x86_64 or NVIDIA GPU instance type such as m5.2xlarge or p3.2xlarge")
			} else if pl.GPU && !isGPUInstance(it) {
				p.add(f+".instanceTypes", it, "has no GPU but the pool is a GPU pool", "use a GPU instance type such as p3.2xlarge or g5.2xlarge")
			}
		}
		validateSizes(p, pl)
		validateLabels(p, pl)
		key := labelKey(pl.Labels)
		if prev, dup := labelSets[key]; dup {
			p.add(f+".labels", key, "are the same labels as "+prev, "give every pool a distinct label set so Domino can select it")
		} else {
			labelSets[key] = f
		}
		switch pl.CapacityType {
		case CapacityOnDemand, CapacitySpot:
		default:
			p.add(f+".capacityType", pl.CapacityType, "is not a capacity type", "use ON_DEMAND or SPOT")
		}
		for _, az := range pl.AZs {
			if !slices.Contains(s.AZs, az) {
				p.add(f+".availabilityZones", az, "is not one of the cluster's availabilityZones", "use a subset of "+strings.Join(s.AZs, ", "))
			}
		}
		if pl.field == platformField && len(pl.AZs) == 2 && len(s.AZs) != 2 {
			p.add(f+".availabilityZones", pl.AZs, "2 availability zones put an even number of platform nodes in a single failure domain",
				"run the platform pool in 1 zone or 3 zones")
		}
	}
}

func validateSizes(p *problems, pl pool) {
	f := pl.field
	if pl.Min < 0 {
		p.add(f+".minSize", pl.Min, "is negative", "use 0 or more")
	}
	if pl.Max < 1 {
		p.add(f+".maxSize", pl.Max, "must be at least 1", "use 1 or more")
	}
	if pl.Min > pl.Max {
		p.add(f+".minSize", pl.Min, fmt.Sprintf("is greater than maxSize %d", pl.Max), "set minSize ≤ maxSize")
	} else if pl.Desired < pl.Min || pl.Desired > pl.Max {
		p.add(f+".desiredSize", pl.Desired, fmt.Sprintf("is outside [minSize %d, maxSize %d]", pl.Min, pl.Max), "set desiredSize between minSize and maxSize")
	}
	if pl.DiskGiB < MinDiskGiB {
		p.add(f+".diskSizeGib", pl.DiskGiB, fmt.Sprintf("is below the %d GiB minimum", MinDiskGiB), fmt.Sprintf("use %d GiB or more (the seed uses 128 for platform, 400 for compute)", MinDiskGiB))
	}
	if pl.DiskGiB > 16384 {
		p.add(f+".diskSizeGib", pl.DiskGiB, "exceeds the 16384 GiB gp3 maximum", "use 16384 GiB or less")
	}
}

func validateLabels(p *problems, pl pool) {
	f := pl.field
	for k, v := range pl.Labels {
		if errs := validation.IsQualifiedName(k); len(errs) > 0 {
			p.add(f+".labels", k, "is not a valid Kubernetes label key: "+strings.Join(errs, "; "), "use [prefix/]name with alphanumerics, '-', '_' and '.'")
			continue
		}
		if strings.Contains(k, "kubernetes.io/") || strings.Contains(k, "k8s.io/") {
			p.add(f+".labels", k, "uses a prefix reserved for Kubernetes, which EKS rejects", "use your own prefix, e.g. dominodatalab.com/")
		}
		if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
			p.add(f+".labels["+k+"]", v, "is not a valid Kubernetes label value: "+strings.Join(errs, "; "), "use up to 63 alphanumerics, '-', '_' and '.'")
		}
	}
	for _, t := range pl.Taints {
		if errs := validation.IsQualifiedName(t.Key); len(errs) > 0 {
			p.add(f+".taints.key", t.Key, "is not a valid taint key", "use [prefix/]name with alphanumerics, '-', '_' and '.'")
		}
		if _, ok := awsfacts.EKSTaintEffect(t.Effect); !ok {
			p.add(f+".taints.effect", t.Effect, "is not a taint effect", "use NoSchedule, PreferNoSchedule or NoExecute")
		}
	}
}

func labelKey(labels map[string]string) string {
	parts := make([]string, 0, len(labels))
	for k, v := range labels {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func validateStorage(p *problems, a DominoEKSArgs, s spec) {
	if s.storageClassAsked && !s.apiReachable() {
		p.add("createStorageClass", true, "needs the Kubernetes API during `pulumi up`, but the endpoint is private-only in a VPC this deployment creates, "+
			"which the machine running Pulumi cannot be inside",
			"leave createStorageClass unset (the Domino installer creates domino-compute-storage from installerValues, or kubectl apply the storageClassManifest output), "+
				"or set endpointPublicAccess with publicAccessCidrs, or deploy into a VPC you can reach with vpcId")
	}
	switch s.StorageVolumeType {
	case "gp3", "gp2":
	default:
		p.add("storageClassVolumeType", s.StorageVolumeType, "is not a supported EBS type", "use gp3 or gp2")
	}
	switch s.EfsThroughputMode {
	case "elastic", "bursting":
	case "provisioned":
		if s.EfsProvisionedMibs <= 0 {
			p.add("efsProvisionedThroughputMibps", s.EfsProvisionedMibs, "must be positive with efsThroughputMode provisioned", "set it, e.g. 128")
		}
	default:
		p.add("efsThroughputMode", s.EfsThroughputMode, "is not an EFS throughput mode", "use elastic, bursting or provisioned")
	}
	validateBucketNames(p, a)
	if s.BlobsBucket == s.LogsBucket || s.BlobsBucket == s.BackupsBucket || s.LogsBucket == s.BackupsBucket {
		p.add("bucketNames", []string{s.BlobsBucket, s.LogsBucket, s.BackupsBucket}, "are not distinct", "give the blobs, logs and backups buckets different names")
	}
}

// checkBucketName returns "" for a name S3 accepts, else the problem and why.
func checkBucketName(name string) string {
	switch {
	case len(name) < 3 || len(name) > 63:
		return fmt.Sprintf("is %d characters; S3 bucket names take 3-63", len(name))
	case strings.ToLower(name) != name:
		return "has upper-case letters; S3 bucket names are lower-case"
	case strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "":
		return "has characters S3 refuses in bucket names (only a-z, 0-9, dots and hyphens)"
	case !bucketNameRE.MatchString(name):
		return "does not start and end with a letter or digit, as S3 bucket names must"
	case strings.Contains(name, ".."), strings.Contains(name, ".-"), strings.Contains(name, "-."):
		return "has adjacent dots or a dot next to a hyphen, which S3 rejects"
	case ipLikeRE.MatchString(name):
		return "looks like an IP address, which S3 rejects"
	}
	return ""
}
