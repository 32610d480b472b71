// Package sizing holds the capacity of EC2 instance types and the seed's minimum
// node size for each Domino pool role. The component's plan-time warnings and
// the live requirements checker both use it, so they agree on what is too small.
package sizing

import (
	"strconv"
	"strings"
)

// Capacity is the capacity of an EC2 instance type.
type Capacity struct {
	VCPU   int
	MemGiB int
	GPUs   int
}

// gpuInstances lists common NVIDIA GPU instance types.
var gpuInstances = map[string]Capacity{
	"p3.2xlarge":    {8, 61, 1},
	"p3.8xlarge":    {32, 244, 4},
	"p3.16xlarge":   {64, 488, 8},
	"p3dn.24xlarge": {96, 768, 8},
	"p4d.24xlarge":  {96, 1152, 8},
	"p4de.24xlarge": {96, 1152, 8},
	"p5.48xlarge":   {192, 2048, 8},
	"g4dn.xlarge":   {4, 16, 1},
	"g4dn.2xlarge":  {8, 32, 1},
	"g4dn.4xlarge":  {16, 64, 1},
	"g4dn.8xlarge":  {32, 128, 1},
	"g4dn.12xlarge": {48, 192, 4},
	"g4dn.16xlarge": {64, 256, 1},
	"g4dn.metal":    {96, 384, 8},
	"g5.xlarge":     {4, 16, 1},
	"g5.2xlarge":    {8, 32, 1},
	"g5.4xlarge":    {16, 64, 1},
	"g5.8xlarge":    {32, 128, 1},
	"g5.12xlarge":   {48, 192, 4},
	"g5.16xlarge":   {64, 256, 1},
	"g5.24xlarge":   {96, 384, 4},
	"g5.48xlarge":   {192, 768, 8},
	"g6.xlarge":     {4, 16, 1},
	"g6.2xlarge":    {8, 32, 1},
	"g6.4xlarge":    {16, 64, 1},
	"g6.8xlarge":    {32, 128, 1},
	"g6.12xlarge":   {48, 192, 4},
	"g6.16xlarge":   {64, 256, 1},
	"g6.24xlarge":   {96, 384, 4},
	"g6.48xlarge":   {192, 768, 8},
}

// burstableInstances lists the burstable types whose memory does not follow
// the vCPU ratio of their family.
var burstableInstances = map[string]Capacity{
	"t3.micro": {2, 1, 0}, "t3.small": {2, 2, 0}, "t3.medium": {2, 4, 0},
	"t3.large": {2, 8, 0}, "t3.xlarge": {4, 16, 0}, "t3.2xlarge": {8, 32, 0},
	"t3a.micro": {2, 1, 0}, "t3a.small": {2, 2, 0}, "t3a.medium": {2, 4, 0},
	"t3a.large": {2, 8, 0}, "t3a.xlarge": {4, 16, 0}, "t3a.2xlarge": {8, 32, 0},
}

// Lookup returns the capacity of an instance type. GPU and
// burstable types come from tables; general purpose (m*), memory optimised
// (r*) and compute optimised (c*) types are derived from the size (an
// "Nxlarge" has 4N vCPUs) and the family's memory ratio (4, 8 and 2 GiB per
// vCPU). ok is false for types it does not know.
func Lookup(t string) (Capacity, bool) {
	t = strings.ToLower(strings.TrimSpace(t))
	if s, ok := gpuInstances[t]; ok {
		return s, true
	}
	if s, ok := burstableInstances[t]; ok {
		return s, true
	}
	family, size, ok := strings.Cut(t, ".")
	if !ok || family == "" {
		return Capacity{}, false
	}
	var ratio int
	switch family[0] {
	case 'm':
		ratio = 4
	case 'r':
		ratio = 8
	case 'c':
		ratio = 2
	default:
		return Capacity{}, false
	}
	// The family must be letter(s), a generation digit and attribute letters,
	// e.g. m5, m5a, m6id, r7iz; this excludes e.g. "mac1".
	if len(family) < 2 || family[1] < '1' || family[1] > '9' {
		return Capacity{}, false
	}
	vcpu := 0
	switch {
	case size == "large":
		vcpu = 2
	case size == "xlarge":
		vcpu = 4
	case strings.HasSuffix(size, "xlarge"):
		n, err := strconv.Atoi(strings.TrimSuffix(size, "xlarge"))
		if err != nil || n <= 0 {
			return Capacity{}, false
		}
		vcpu = 4 * n
	default:
		return Capacity{}, false
	}
	return Capacity{VCPU: vcpu, MemGiB: vcpu * ratio}, true
}
