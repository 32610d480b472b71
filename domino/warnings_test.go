package domino_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// TestEveryWarningCondition: one row per condition the component warns about
// (a valid configuration a user must know something about). Each row's
// warning appears with its condition and not without it, so deleting a
// warning or loosening its condition fails here.
func TestEveryWarningCondition(t *testing.T) {
	byoVPC := func(a *domino.DominoEKSArgs) {
		a.VpcId = pulumi.StringPtr("vpc-0123456789abcdef0")
		a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})
	}
	for _, tc := range []struct {
		name string
		set  func(a *domino.DominoEKSArgs)
		want string
	}{
		{"public endpoint open to the Internet", func(a *domino.DominoEKSArgs) {
			a.EndpointPublicAccess = true
			a.PublicAccessCidrs = []string{"203.0.113.0/24", "0.0.0.0/0"}
		}, "publicAccessCidrs includes 0.0.0.0/0: the Kubernetes API is reachable from the whole Internet"},
		{"natMode single", func(a *domino.DominoEKSArgs) { a.NatMode = "single" },
			"natMode single: all zones egress through one NAT gateway in us-west-2a; losing that zone cuts egress for all"},
		{"natMode none in an existing VPC without endpoints", func(a *domino.DominoEKSArgs) {
			byoVPC(a)
			a.NatMode, a.VpcEndpoints, a.ImageRegistry = "none", pulumi.BoolRef(false), "registry.example.com/domino"
		}, "natMode none: nodes have no Internet egress; the VPC must provide endpoints for ECR (api, dkr), S3, STS and EC2"},
		{"natMode none with endpoints", func(a *domino.DominoEKSArgs) { a.NatMode, a.ImageRegistry = "none", "registry.example.com/domino" },
			"natMode none: nodes reach AWS only through the VPC endpoints; images from public registries outside ECR cannot be pulled"},
		{"natMode none with a mirror", func(a *domino.DominoEKSArgs) { a.NatMode, a.ImageRegistry = "none", "registry.example.com/domino" },
			"natMode none: Domino's images come from imageRegistry registry.example.com/domino (installer values: helm.image_registries)"},
		{"natMode none with the quay.io cache", func(a *domino.DominoEKSArgs) { a.NatMode, a.ImageRegistry = "none", "registry.example.com/domino" },
			"serves public quay.io images only"},
		{"deprecated bucketVersioning", func(a *domino.DominoEKSArgs) { a.BucketVersioning = true },
			"bucketVersioning: deprecated and ignored: every bucket is versioned"},
		{"no registry at all", func(a *domino.DominoEKSArgs) { a.Ecr, a.RegistryBucket = pulumi.BoolRef(false), pulumi.BoolRef(false) },
			"registry: ecr and registryBucket are off: Domino gets no image registry from this stack"},
		{"platform pool in one zone", func(a *domino.DominoEKSArgs) { a.AvailabilityZones = []string{"us-west-2a"} },
			"platform pool in 1 availability zone: Domino services cannot run as highly available ReplicaSets"},
		{"docker bridge on AL2", func(a *domino.DominoEKSArgs) { a.AmiFamily, a.KubernetesVersion = "AL2", "1.32" },
			"docker bridge: EKS AL2 AMIs for Kubernetes 1.25 and later no longer install Docker"},
		{"docker bridge on AL2023", func(a *domino.DominoEKSArgs) {},
			"docker bridge: not applicable to AL2023 nodes, which run containerd without Docker"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := seedSized
			tc.set(&args)
			require.NoError(t, args.Validate(), "a warning, not a refusal")
			assert.Contains(t, strings.Join(args.Warnings("domino"), "\n"), tc.want)
		})
	}
	// Without their conditions, the same warnings stay away.
	quiet := seedSized
	quiet.AmiFamily, quiet.KubernetesVersion, quiet.DockerBridge = "AL2", "1.32", pulumi.BoolRef(false)
	require.NoError(t, quiet.Validate())
	got := strings.Join(quiet.Warnings("domino"), "\n")
	for _, unwanted := range []string{"publicAccessCidrs", "natMode", "platform pool in 1", "docker bridge", "registry:", "bucketVersioning"} {
		assert.NotContains(t, got, unwanted)
	}
}
