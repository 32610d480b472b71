package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// amiReleaseParameters are the public SSM parameters under which EKS
// publishes the recommended AMI release of each AMI type for a Kubernetes
// version (%s). Source: EKS user guide, "Retrieve recommended Amazon Linux
// AMI IDs" (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html)
// and "Retrieve recommended Amazon Linux 2023 AMI IDs".
var amiReleaseParameters = map[string]string{
	"AL2023_x86_64_STANDARD": "/aws/service/eks/optimized-ami/%s/amazon-linux-2023/x86_64/standard/recommended/release_version",
	"AL2023_x86_64_NVIDIA":   "/aws/service/eks/optimized-ami/%s/amazon-linux-2023/x86_64/nvidia/recommended/release_version",
	"AL2_x86_64":             "/aws/service/eks/optimized-ami/%s/amazon-linux-2/recommended/release_version",
	"AL2_x86_64_GPU":         "/aws/service/eks/optimized-ami/%s/amazon-linux-2-gpu/recommended/release_version",
}

// releaseVersion is the AMI release a node group pins: nodeReleaseVersion,
// else the recommended release of the AMI type for the Kubernetes version.
func releaseVersion(ctx *pulumi.Context, s spec, amiType string) (string, error) {
	if s.NodeReleaseVersion != "" {
		return s.NodeReleaseVersion, nil
	}
	format, ok := amiReleaseParameters[amiType]
	if !ok {
		return "", fmt.Errorf("no release parameter for AMI type %s: set nodeReleaseVersion", amiType)
	}
	name := fmt.Sprintf(format, s.KubernetesVersion)
	p, err := ssm.LookupParameter(ctx, &ssm.LookupParameterArgs{Name: name})
	if err != nil {
		return "", fmt.Errorf("resolve the AMI release for Kubernetes %s (ssm:GetParameter %s), or set nodeReleaseVersion: %w", s.KubernetesVersion, name, err)
	}
	return p.Value, nil
}
