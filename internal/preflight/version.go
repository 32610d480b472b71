package preflight

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const versionTitle = "EKS offers the Kubernetes version and the node AMI types support it"

// lastAL2Minor is the last Kubernetes minor version with EKS-optimised
// Amazon Linux 2 AMIs: "Kubernetes version 1.32 is the last version for which
// Amazon EKS will release AL2 AMIs"
// (https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html).
const lastAL2Minor = 32

// checkVersion verifies EKS offers the planned version in the region
// (DescribeClusterVersions) and every node group's AMI type supports it.
func (r *runner) checkVersion(ctx context.Context) ([]checker.Result, error) {
	v := r.d.KubernetesVersion
	if v == "" {
		return []checker.Result{pass(CheckEKSVersion, versionTitle, "no version pinned: EKS uses its default version")}, nil
	}
	offered := map[string]ekstypes.ClusterVersionInformation{}
	var names []string
	p := eks.NewDescribeClusterVersionsPaginator(r.c.EKS, &eks.DescribeClusterVersionsInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			if !answered(err) {
				return nil, fmt.Errorf("describe EKS cluster versions: %w", err)
			}
			return []checker.Result{warn(CheckEKSVersion, versionTitle, "DescribeClusterVersions: "+errCode(err),
				"grant eks:DescribeClusterVersions to verify version "+v)}, nil
		}
		for _, cv := range out.ClusterVersions {
			name := aws.ToString(cv.ClusterVersion)
			offered[name] = cv
			names = append(names, name)
		}
	}
	slices.SortFunc(names, compareVersions)
	cv, ok := offered[v]
	if !ok || cv.VersionStatus == ekstypes.VersionStatusUnsupported {
		return []checker.Result{fail(CheckEKSVersion, versionTitle,
			fmt.Sprintf("Kubernetes %s is not offered by EKS in %s; offered: %s", v, r.d.Region, strings.Join(names, ", ")),
			"set kubernetesVersion to one of the offered versions")}, nil
	}
	var badAMI []string
	minor, minorOK := minorOf(v)
	for _, pool := range r.d.Pools {
		if strings.HasPrefix(pool.AMIType, "AL2_") && minorOK && minor > lastAL2Minor {
			badAMI = append(badAMI, fmt.Sprintf("%s uses %s (AL2 AMIs end at 1.%d)", pool.Name, pool.AMIType, lastAL2Minor))
		}
	}
	evidence := fmt.Sprintf("Kubernetes %s offered in %s (%s)", v, r.d.Region, cv.VersionStatus)
	if len(badAMI) > 0 {
		return []checker.Result{fail(CheckEKSVersion, versionTitle, evidence+"; "+strings.Join(badAMI, "; "),
			"use an AL2023 AMI type (amiType AL2023_x86_64_STANDARD, AL2023_x86_64_NVIDIA for GPUs) or Kubernetes 1.32")}, nil
	}
	var amis []string
	for _, pool := range r.d.Pools {
		if pool.AMIType != "" && !slices.Contains(amis, pool.AMIType) {
			amis = append(amis, pool.AMIType)
		}
	}
	if len(amis) > 0 {
		evidence += "; AMI types " + strings.Join(amis, ", ")
	}
	if cv.VersionStatus == ekstypes.VersionStatusExtendedSupport {
		return []checker.Result{warn(CheckEKSVersion, versionTitle, evidence,
			"the version is in extended support (the control plane costs 6× more): plan an upgrade")}, nil
	}
	return []checker.Result{pass(CheckEKSVersion, versionTitle, evidence)}, nil
}

// minorOf returns the minor number of a "1.x" version.
func minorOf(v string) (int, bool) {
	_, minor, ok := strings.Cut(v, ".")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(minor)
	return n, err == nil
}

// compareVersions orders "1.9" before "1.10".
func compareVersions(a, b string) int {
	ma, okA := minorOf(a)
	mb, okB := minorOf(b)
	if okA && okB {
		return ma - mb
	}
	return strings.Compare(a, b)
}
