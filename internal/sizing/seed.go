package sizing

import "fmt"

// Minimum is the seed's node size for one Domino pool role ("Domino on AWS
// EKS", node pools table): the reference instance type, the capacity it
// stands for and the root volume.
type Minimum struct {
	// Role is the pool's name in the seed table.
	Role string
	// RefType is the seed's instance type for the role.
	RefType string
	// VCPU and MemGiB are the capacity of RefType that a node must match.
	VCPU, MemGiB int
	// GPU requires at least one GPU.
	GPU bool
	// DiskGiB is the seed's root volume size.
	DiskGiB int
}

// The seed's pools: platform 3-3 m5.4xlarge 128G, default 1-20 m5.2xlarge
// 400G, default-gpu 0-5 p3.2xlarge 400G. The GPU pool is held to 4 vCPU (the
// smallest NVIDIA types Domino runs on, e.g. g4dn.xlarge) rather than the
// p3.2xlarge's 8.
var (
	Platform = Minimum{Role: "platform", RefType: "m5.4xlarge", VCPU: 16, MemGiB: 64, DiskGiB: 128}
	Default  = Minimum{Role: "default", RefType: "m5.2xlarge", VCPU: 8, MemGiB: 32, DiskGiB: 400}
	GPU      = Minimum{Role: "default-gpu", RefType: "p3.2xlarge", VCPU: 4, GPU: true, DiskGiB: 400}
)

// Describe is the minimum in words, e.g. "m5.4xlarge: 16 vCPU, 64 GiB".
func (m Minimum) Describe() string {
	s := fmt.Sprintf("%s: %d vCPU", m.RefType, m.VCPU)
	if m.MemGiB > 0 {
		s += fmt.Sprintf(", %d GiB", m.MemGiB)
	}
	if m.GPU {
		s += ", 1 GPU"
	}
	return s
}

// Fits reports whether a node of capacity c meets the minimum.
func (m Minimum) Fits(c Capacity) bool {
	return c.VCPU >= m.VCPU && c.MemGiB >= m.MemGiB && (!m.GPU || c.GPUs >= 1)
}
