package sizing

import (
	"slices"
	"strconv"
	"strings"
)

// SizesAsOf is the date the size table below was last checked.
const SizesAsOf = "2026-12-05"

// SizesSource is where the size table comes from: the "Specifications" pages
// of the Amazon EC2 instance types guide (general purpose gp.html, compute
// optimized co.html, memory optimized mo.html, storage optimized so.html,
// accelerated computing ac.html). Checked on SizesAsOf against the instance
// types the EC2 API lists in 17 regions (MaxPodsSource's file): every size
// below is listed there but i3.metal (which EC2 offers: 72 vCPUs), and the
// file lists no other size of these families (c5a.metal was missing here).
const SizesSource = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html (and the gp, co, mo, so, ac specification pages); " +
	"cross-checked against awslabs/amazon-eks-ami eni-max-pods.txt (see MaxPodsSource)"

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
	"c5":  sizesC5, "c5d": sizesC5, "c5a": sizes5m, "c5n": {"large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge", "metal"},
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

// MaxPodsSource is where the max-pods table comes from, and when it was read.
const MaxPodsSource = "awslabs/amazon-eks-ami templates/shared/runtime/eni-max-pods.txt at commit 2377b69aaeb8d751af1a265c2bfbeb94e6f6da90 " +
	"(2026-02-27, its last update before the file moved to the AL2023 provisioners; read 2026-12-05): " +
	"ENIs × (IPv4 addresses per ENI − 1) + 2 from the EC2 API in 17 regions; EKS user guide, \"Choose an optimal Amazon EC2 node instance type\""

// maxPodsByType is the maximum pods of each size of the families in
// familySizes under the VPC CNI without prefix delegation, copied from
// MaxPodsSource (every size of those families the file lists: i3.metal is
// not listed there and is not modelled). The file's figures follow each
// type's ENI limits, not its size name: m8i.large 59, c6in.32xlarge 394,
// p5.48xlarge 100, g5.12xlarge 737.
var maxPodsByType = map[string]int{
	"c5.large": 29, "c5.xlarge": 58, "c5.2xlarge": 58, "c5.4xlarge": 234, "c5.9xlarge": 234, "c5.12xlarge": 234, "c5.18xlarge": 737, "c5.24xlarge": 737, "c5.metal": 737,
	"c5a.large": 29, "c5a.xlarge": 58, "c5a.2xlarge": 58, "c5a.4xlarge": 234, "c5a.8xlarge": 234, "c5a.12xlarge": 234, "c5a.16xlarge": 737, "c5a.24xlarge": 737, "c5a.metal": 737,
	"c5d.large": 29, "c5d.xlarge": 58, "c5d.2xlarge": 58, "c5d.4xlarge": 234, "c5d.9xlarge": 234, "c5d.12xlarge": 234, "c5d.18xlarge": 737, "c5d.24xlarge": 737, "c5d.metal": 737,
	"c5n.large": 29, "c5n.xlarge": 58, "c5n.2xlarge": 58, "c5n.4xlarge": 234, "c5n.9xlarge": 234, "c5n.18xlarge": 737, "c5n.metal": 737,
	"c6a.large": 29, "c6a.xlarge": 58, "c6a.2xlarge": 58, "c6a.4xlarge": 234, "c6a.8xlarge": 234, "c6a.12xlarge": 234, "c6a.16xlarge": 737, "c6a.24xlarge": 737, "c6a.32xlarge": 737, "c6a.48xlarge": 737, "c6a.metal": 737,
	"c6i.large": 29, "c6i.xlarge": 58, "c6i.2xlarge": 58, "c6i.4xlarge": 234, "c6i.8xlarge": 234, "c6i.12xlarge": 234, "c6i.16xlarge": 737, "c6i.24xlarge": 737, "c6i.32xlarge": 737, "c6i.metal": 737,
	"c6id.large": 29, "c6id.xlarge": 58, "c6id.2xlarge": 58, "c6id.4xlarge": 234, "c6id.8xlarge": 234, "c6id.12xlarge": 234, "c6id.16xlarge": 737, "c6id.24xlarge": 737, "c6id.32xlarge": 737, "c6id.metal": 737,
	"c6in.large": 29, "c6in.xlarge": 58, "c6in.2xlarge": 58, "c6in.4xlarge": 234, "c6in.8xlarge": 234, "c6in.12xlarge": 234, "c6in.16xlarge": 737, "c6in.24xlarge": 737, "c6in.32xlarge": 394, "c6in.metal": 394,
	"c7a.medium": 8, "c7a.large": 29, "c7a.xlarge": 58, "c7a.2xlarge": 58, "c7a.4xlarge": 234, "c7a.8xlarge": 234, "c7a.12xlarge": 234, "c7a.16xlarge": 737, "c7a.24xlarge": 737, "c7a.32xlarge": 737, "c7a.48xlarge": 737, "c7a.metal-48xl": 737,
	"c7i.large": 29, "c7i.xlarge": 58, "c7i.2xlarge": 58, "c7i.4xlarge": 234, "c7i.8xlarge": 234, "c7i.12xlarge": 234, "c7i.16xlarge": 737, "c7i.24xlarge": 737, "c7i.48xlarge": 737, "c7i.metal-24xl": 737, "c7i.metal-48xl": 737,
	"c8i.large": 59, "c8i.xlarge": 118, "c8i.2xlarge": 118, "c8i.4xlarge": 394, "c8i.8xlarge": 492, "c8i.12xlarge": 590, "c8i.16xlarge": 1010, "c8i.24xlarge": 1010, "c8i.32xlarge": 1514, "c8i.48xlarge": 1514, "c8i.96xlarge": 1514, "c8i.metal-48xl": 1514, "c8i.metal-96xl": 1514,
	"g4dn.xlarge": 29, "g4dn.2xlarge": 29, "g4dn.4xlarge": 29, "g4dn.8xlarge": 58, "g4dn.12xlarge": 234, "g4dn.16xlarge": 58, "g4dn.metal": 737,
	"g5.xlarge": 58, "g5.2xlarge": 58, "g5.4xlarge": 234, "g5.8xlarge": 234, "g5.12xlarge": 737, "g5.16xlarge": 234, "g5.24xlarge": 737, "g5.48xlarge": 345,
	"g6.xlarge": 58, "g6.2xlarge": 58, "g6.4xlarge": 234, "g6.8xlarge": 234, "g6.12xlarge": 234, "g6.16xlarge": 737, "g6.24xlarge": 737, "g6.48xlarge": 737,
	"g6e.xlarge": 58, "g6e.2xlarge": 58, "g6e.4xlarge": 234, "g6e.8xlarge": 234, "g6e.12xlarge": 292, "g6e.16xlarge": 737, "g6e.24xlarge": 492, "g6e.48xlarge": 492,
	"g6f.large": 20, "g6f.xlarge": 58, "g6f.2xlarge": 58, "g6f.4xlarge": 234,
	"gr6.4xlarge": 234, "gr6.8xlarge": 234,
	"i3.large": 29, "i3.xlarge": 58, "i3.2xlarge": 58, "i3.4xlarge": 234, "i3.8xlarge": 234, "i3.16xlarge": 737,
	"i4i.large": 29, "i4i.xlarge": 58, "i4i.2xlarge": 58, "i4i.4xlarge": 234, "i4i.8xlarge": 234, "i4i.12xlarge": 234, "i4i.16xlarge": 737, "i4i.24xlarge": 437, "i4i.32xlarge": 737, "i4i.metal": 737,
	"m5.large": 29, "m5.xlarge": 58, "m5.2xlarge": 58, "m5.4xlarge": 234, "m5.8xlarge": 234, "m5.12xlarge": 234, "m5.16xlarge": 737, "m5.24xlarge": 737, "m5.metal": 737,
	"m5a.large": 29, "m5a.xlarge": 58, "m5a.2xlarge": 58, "m5a.4xlarge": 234, "m5a.8xlarge": 234, "m5a.12xlarge": 234, "m5a.16xlarge": 737, "m5a.24xlarge": 737,
	"m5d.large": 29, "m5d.xlarge": 58, "m5d.2xlarge": 58, "m5d.4xlarge": 234, "m5d.8xlarge": 234, "m5d.12xlarge": 234, "m5d.16xlarge": 737, "m5d.24xlarge": 737, "m5d.metal": 737,
	"m5n.large": 29, "m5n.xlarge": 58, "m5n.2xlarge": 58, "m5n.4xlarge": 234, "m5n.8xlarge": 234, "m5n.12xlarge": 234, "m5n.16xlarge": 737, "m5n.24xlarge": 737, "m5n.metal": 737,
	"m5zn.large": 29, "m5zn.xlarge": 58, "m5zn.2xlarge": 58, "m5zn.3xlarge": 234, "m5zn.6xlarge": 234, "m5zn.12xlarge": 737, "m5zn.metal": 737,
	"m6a.large": 29, "m6a.xlarge": 58, "m6a.2xlarge": 58, "m6a.4xlarge": 234, "m6a.8xlarge": 234, "m6a.12xlarge": 234, "m6a.16xlarge": 737, "m6a.24xlarge": 737, "m6a.32xlarge": 737, "m6a.48xlarge": 737, "m6a.metal": 737,
	"m6i.large": 29, "m6i.xlarge": 58, "m6i.2xlarge": 58, "m6i.4xlarge": 234, "m6i.8xlarge": 234, "m6i.12xlarge": 234, "m6i.16xlarge": 737, "m6i.24xlarge": 737, "m6i.32xlarge": 737, "m6i.metal": 737,
	"m6id.large": 29, "m6id.xlarge": 58, "m6id.2xlarge": 58, "m6id.4xlarge": 234, "m6id.8xlarge": 234, "m6id.12xlarge": 234, "m6id.16xlarge": 737, "m6id.24xlarge": 737, "m6id.32xlarge": 737, "m6id.metal": 737,
	"m6in.large": 29, "m6in.xlarge": 58, "m6in.2xlarge": 58, "m6in.4xlarge": 234, "m6in.8xlarge": 234, "m6in.12xlarge": 234, "m6in.16xlarge": 737, "m6in.24xlarge": 737, "m6in.32xlarge": 394, "m6in.metal": 394,
	"m7a.medium": 8, "m7a.large": 29, "m7a.xlarge": 58, "m7a.2xlarge": 58, "m7a.4xlarge": 234, "m7a.8xlarge": 234, "m7a.12xlarge": 234, "m7a.16xlarge": 737, "m7a.24xlarge": 737, "m7a.32xlarge": 737, "m7a.48xlarge": 737, "m7a.metal-48xl": 737,
	"m7i.large": 29, "m7i.xlarge": 58, "m7i.2xlarge": 58, "m7i.4xlarge": 234, "m7i.8xlarge": 234, "m7i.12xlarge": 234, "m7i.16xlarge": 737, "m7i.24xlarge": 737, "m7i.48xlarge": 737, "m7i.metal-24xl": 737, "m7i.metal-48xl": 737,
	"m7i-flex.large": 29, "m7i-flex.xlarge": 58, "m7i-flex.2xlarge": 58, "m7i-flex.4xlarge": 234, "m7i-flex.8xlarge": 234, "m7i-flex.12xlarge": 234, "m7i-flex.16xlarge": 737,
	"m8i.large": 59, "m8i.xlarge": 118, "m8i.2xlarge": 118, "m8i.4xlarge": 394, "m8i.8xlarge": 492, "m8i.12xlarge": 590, "m8i.16xlarge": 1010, "m8i.24xlarge": 1010, "m8i.32xlarge": 1514, "m8i.48xlarge": 1514, "m8i.96xlarge": 1514, "m8i.metal-48xl": 1514, "m8i.metal-96xl": 1514,
	"p3.2xlarge": 58, "p3.8xlarge": 234, "p3.16xlarge": 234,
	"p3dn.24xlarge": 737,
	"p4d.24xlarge":  737,
	"p4de.24xlarge": 737,
	"p5.4xlarge":    118, "p5.48xlarge": 100,
	"p5e.48xlarge":  100,
	"p5en.48xlarge": 198,
	"r5.large":      29, "r5.xlarge": 58, "r5.2xlarge": 58, "r5.4xlarge": 234, "r5.8xlarge": 234, "r5.12xlarge": 234, "r5.16xlarge": 737, "r5.24xlarge": 737, "r5.metal": 737,
	"r5a.large": 29, "r5a.xlarge": 58, "r5a.2xlarge": 58, "r5a.4xlarge": 234, "r5a.8xlarge": 234, "r5a.12xlarge": 234, "r5a.16xlarge": 737, "r5a.24xlarge": 737,
	"r5d.large": 29, "r5d.xlarge": 58, "r5d.2xlarge": 58, "r5d.4xlarge": 234, "r5d.8xlarge": 234, "r5d.12xlarge": 234, "r5d.16xlarge": 737, "r5d.24xlarge": 737, "r5d.metal": 737,
	"r5n.large": 29, "r5n.xlarge": 58, "r5n.2xlarge": 58, "r5n.4xlarge": 234, "r5n.8xlarge": 234, "r5n.12xlarge": 234, "r5n.16xlarge": 737, "r5n.24xlarge": 737, "r5n.metal": 737,
	"r6a.large": 29, "r6a.xlarge": 58, "r6a.2xlarge": 58, "r6a.4xlarge": 234, "r6a.8xlarge": 234, "r6a.12xlarge": 234, "r6a.16xlarge": 737, "r6a.24xlarge": 737, "r6a.32xlarge": 737, "r6a.48xlarge": 737, "r6a.metal": 737,
	"r6i.large": 29, "r6i.xlarge": 58, "r6i.2xlarge": 58, "r6i.4xlarge": 234, "r6i.8xlarge": 234, "r6i.12xlarge": 234, "r6i.16xlarge": 737, "r6i.24xlarge": 737, "r6i.32xlarge": 737, "r6i.metal": 737,
	"r6id.large": 29, "r6id.xlarge": 58, "r6id.2xlarge": 58, "r6id.4xlarge": 234, "r6id.8xlarge": 234, "r6id.12xlarge": 234, "r6id.16xlarge": 737, "r6id.24xlarge": 737, "r6id.32xlarge": 737, "r6id.metal": 737,
	"r7a.medium": 8, "r7a.large": 29, "r7a.xlarge": 58, "r7a.2xlarge": 58, "r7a.4xlarge": 234, "r7a.8xlarge": 234, "r7a.12xlarge": 234, "r7a.16xlarge": 737, "r7a.24xlarge": 737, "r7a.32xlarge": 737, "r7a.48xlarge": 737, "r7a.metal-48xl": 737,
	"r7i.large": 29, "r7i.xlarge": 58, "r7i.2xlarge": 58, "r7i.4xlarge": 234, "r7i.8xlarge": 234, "r7i.12xlarge": 234, "r7i.16xlarge": 737, "r7i.24xlarge": 737, "r7i.48xlarge": 737, "r7i.metal-24xl": 737, "r7i.metal-48xl": 737,
	"r8i.large": 59, "r8i.xlarge": 118, "r8i.2xlarge": 118, "r8i.4xlarge": 394, "r8i.8xlarge": 492, "r8i.12xlarge": 590, "r8i.16xlarge": 1010, "r8i.24xlarge": 1010, "r8i.32xlarge": 1514, "r8i.48xlarge": 1514, "r8i.96xlarge": 1514, "r8i.metal-48xl": 1514, "r8i.metal-96xl": 1514,
	"t3.nano": 4, "t3.micro": 4, "t3.small": 11, "t3.medium": 17, "t3.large": 35, "t3.xlarge": 58, "t3.2xlarge": 58,
	"t3a.nano": 4, "t3a.micro": 4, "t3a.small": 8, "t3a.medium": 17, "t3a.large": 35, "t3a.xlarge": 58, "t3a.2xlarge": 58,
	"x1.16xlarge": 234, "x1.32xlarge": 234,
	"x1e.xlarge": 29, "x1e.2xlarge": 58, "x1e.4xlarge": 58, "x1e.8xlarge": 58, "x1e.16xlarge": 234, "x1e.32xlarge": 234,
	"x2idn.16xlarge": 737, "x2idn.24xlarge": 737, "x2idn.32xlarge": 737, "x2idn.metal": 737,
	"x2iedn.xlarge": 58, "x2iedn.2xlarge": 58, "x2iedn.4xlarge": 234, "x2iedn.8xlarge": 234, "x2iedn.16xlarge": 737, "x2iedn.24xlarge": 737, "x2iedn.32xlarge": 737, "x2iedn.metal": 737,
	"z1d.large": 29, "z1d.xlarge": 58, "z1d.2xlarge": 58, "z1d.3xlarge": 234, "z1d.6xlarge": 234, "z1d.12xlarge": 737, "z1d.metal": 737,
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
	if !ok {
		return 0, false
	}
	_, size, _ := strings.Cut(it, ".")
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
