package sizing

import (
	"slices"
	"strconv"
	"strings"
)

// SizesAsOf is the date the size table below was taken from AWS's pages.
const SizesAsOf = "2025-06"

// SizesSource is where the size table comes from: the "Specifications" pages
// of the Amazon EC2 instance types guide (general purpose gp.html, compute
// optimized co.html, memory optimized mo.html, storage optimized so.html,
// accelerated computing ac.html).
const SizesSource = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html (and the gp, co, mo, so, ac specification pages)"

// Size lists shared by several families.
var (
	sizes5     = []string{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"}
	sizes5m    = append(slices.Clone(sizes5), "metal")
	sizes6     = append(slices.Clone(sizes5), "32xlarge", "metal")
	sizes6a    = append(slices.Clone(sizes5), "32xlarge", "48xlarge", "metal")
	sizes7i    = append(slices.Clone(sizes5), "48xlarge", "metal-24xl", "metal-48xl")
	sizes7a    = append([]string{"medium"}, append(slices.Clone(sizes5), "32xlarge", "48xlarge", "metal-48xl")...)
	sizes8i    = append(slices.Clone(sizes5), "32xlarge", "48xlarge", "96xlarge", "metal-48xl", "metal-96xl")
	sizesC5    = []string{"large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge", "metal"}
	sizesBurst = []string{"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"}
	sizesGPU   = []string{"xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"}
)

// familySizes lists, per instance family, the sizes EC2 offers (as of
// SizesAsOf). A family absent from the table is not size-checked.
var familySizes = map[string][]string{
	"t3": sizesBurst, "t3a": sizesBurst,
	"m5": sizes5m, "m5a": sizes5, "m5d": sizes5m, "m5n": sizes5m, "m5zn": {"large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "metal"},
	"m6i": sizes6, "m6id": sizes6, "m6in": sizes6, "m6a": sizes6a,
	"m7i": sizes7i, "m7a": sizes7a, "m7i-flex": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"},
	"m8i": sizes8i,
	"c5":  sizesC5, "c5d": sizesC5, "c5a": sizes5, "c5n": {"large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge", "metal"},
	"c6i": sizes6, "c6id": sizes6, "c6in": sizes6, "c6a": sizes6a,
	"c7i": sizes7i, "c7a": sizes7a, "c8i": sizes8i,
	"r5": sizes5m, "r5a": sizes5, "r5d": sizes5m, "r5n": sizes5m,
	"r6i": sizes6, "r6id": sizes6, "r6a": sizes6a,
	"r7i": sizes7i, "r7a": sizes7a, "r8i": sizes8i,
	"x1": {"16xlarge", "32xlarge"}, "x1e": {"xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "32xlarge"},
	"x2idn": {"16xlarge", "24xlarge", "32xlarge", "metal"}, "x2iedn": {"xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"},
	"z1d": {"large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "metal"},
	"i3":  {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "metal"},
	"i4i": append(slices.Clone(sizes5), "32xlarge", "metal"),
	"p3":  {"2xlarge", "8xlarge", "16xlarge"}, "p3dn": {"24xlarge"},
	"p4d": {"24xlarge"}, "p4de": {"24xlarge"},
	"p5": {"4xlarge", "48xlarge"}, "p5e": {"48xlarge"}, "p5en": {"48xlarge"},
	"g4dn": {"xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"},
	"g5":   sizesGPU, "g6": sizesGPU, "g6e": sizesGPU,
	"g6f": {"large", "xlarge", "2xlarge", "4xlarge"}, "gr6": {"4xlarge", "8xlarge"},
}

// Sizes returns the sizes EC2 offers for an instance family; ok is false
// when the family is not in the table.
func Sizes(family string) (sizes []string, ok bool) {
	s, ok := familySizes[family]
	return s, ok
}

// SizeExists reports whether instanceType ("<family>.<size>") names a size
// its family has. known is false when the family is not in the table; then
// exists is true (nothing is known against it).
func SizeExists(instanceType string) (exists, known bool) {
	family, size, _ := strings.Cut(strings.ToLower(instanceType), ".")
	sizes, ok := familySizes[family]
	if !ok {
		return true, false
	}
	return slices.Contains(sizes, size), true
}

// maxPodsBySize is the EKS-recommended maximum pods of Nitro general
// purpose, compute and memory optimized sizes (m5/c5/r5 and later) under the
// VPC CNI without prefix delegation: ENIs × (IPv4 addresses per ENI − 1) + 2.
// Source: awslabs/amazon-eks-ami eni-max-pods.txt; EKS user guide, "Choose an
// optimal Amazon EC2 node instance type".
var maxPodsBySize = map[string]int{
	"medium": 8, "large": 29, "xlarge": 58, "2xlarge": 58, "3xlarge": 58,
	"4xlarge": 234, "6xlarge": 234, "8xlarge": 234, "9xlarge": 234, "12xlarge": 234,
	"16xlarge": 737, "18xlarge": 737, "24xlarge": 737, "32xlarge": 737, "48xlarge": 737, "96xlarge": 737,
	"metal": 737, "metal-24xl": 737, "metal-48xl": 737, "metal-96xl": 737,
}

// maxPodsByType overrides maxPodsBySize where a type's ENI limits differ.
var maxPodsByType = map[string]int{
	"t3.nano": 4, "t3.micro": 4, "t3.small": 11, "t3.medium": 17, "t3.large": 35, "t3.xlarge": 58, "t3.2xlarge": 58,
	"t3a.nano": 4, "t3a.micro": 4, "t3a.small": 8, "t3a.medium": 17, "t3a.large": 35, "t3a.xlarge": 58, "t3a.2xlarge": 58,
	"g4dn.xlarge": 29, "g4dn.2xlarge": 29, "g4dn.4xlarge": 29, "g4dn.8xlarge": 58, "g4dn.16xlarge": 58,
	"g5.16xlarge": 234, "g5.48xlarge": 345,
}

// Managed node groups cap maxPods: 110 below 30 vCPUs, 250 from 30 vCPUs
// (EKS user guide, "Amazon EKS recommended maximum Pods for each Amazon EC2
// instance type").
const (
	maxPodsSmall     = 110
	maxPodsLarge     = 250
	maxPodsCapVCPUAt = 30
)

// MaxPods returns the maximum number of pods (each one VPC IP address under
// the VPC CNI) a managed node of the instance type runs: the ENI limit,
// capped as managed node groups cap it; ok is false when the size is not
// modelled.
func MaxPods(instanceType string) (int, bool) {
	it := strings.ToLower(instanceType)
	n, ok := maxPodsByType[it]
	_, size, _ := strings.Cut(it, ".")
	if !ok {
		if n, ok = maxPodsBySize[size]; !ok {
			return 0, false
		}
	}
	vcpu := 0
	if c, known := Lookup(it); known {
		vcpu = c.VCPU
	} else if k, err := strconv.Atoi(strings.TrimSuffix(size, "xlarge")); err == nil && strings.HasSuffix(size, "xlarge") {
		vcpu = 4 * k
	} else if strings.HasPrefix(size, "metal") {
		vcpu = maxPodsCapVCPUAt
	}
	if vcpu >= maxPodsCapVCPUAt {
		return min(n, maxPodsLarge), true
	}
	return min(n, maxPodsSmall), true
}
