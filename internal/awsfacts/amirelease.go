package awsfacts

import (
	"fmt"
	"strings"
	"time"
)

// AMIReleaseParameters are the public SSM parameters under which EKS
// publishes the recommended (latest) AMI release of each AMI type for a
// Kubernetes version (%s). Source: EKS user guide, "Retrieve recommended
// Amazon Linux AMI IDs" (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html)
// and "Retrieve recommended Amazon Linux 2023 AMI IDs".
var AMIReleaseParameters = map[string]string{
	"AL2023_x86_64_STANDARD": "/aws/service/eks/optimized-ami/%s/amazon-linux-2023/x86_64/standard/recommended/release_version",
	"AL2023_x86_64_NVIDIA":   "/aws/service/eks/optimized-ami/%s/amazon-linux-2023/x86_64/nvidia/recommended/release_version",
	"AL2_x86_64":             "/aws/service/eks/optimized-ami/%s/amazon-linux-2/recommended/release_version",
	"AL2_x86_64_GPU":         "/aws/service/eks/optimized-ami/%s/amazon-linux-2-gpu/recommended/release_version",
}

// StaleReleaseAge is how far a node group's AMI release may trail EKS's
// latest for its Kubernetes version before `check` warns. EKS publishes
// optimized AMI releases with OS and kernel security fixes about every two
// weeks (awslabs/amazon-eks-ami releases, https://github.com/awslabs/amazon-eks-ami/releases),
// and a managed node group update to the latest release is the documented
// way to take them (EKS user guide, "Update a managed node group for your
// cluster", https://docs.aws.amazon.com/eks/latest/userguide/update-managed-node-group.html):
// 90 days is about six missed releases.
const StaleReleaseAge = 90 * 24 * time.Hour

// ReleaseDate returns the build date of an EKS AMI release version
// ("1.35.0-20261120" → 2026-11-20).
func ReleaseDate(release string) (time.Time, error) {
	i := strings.LastIndex(release, "-")
	if i < 0 {
		return time.Time{}, fmt.Errorf("AMI release %q has no -YYYYMMDD date", release)
	}
	return time.Parse("20060102", release[i+1:])
}
