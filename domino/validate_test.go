package domino_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ip(v int) *int { return &v }

// badConfigs are configurations the component must refuse, each with the
// field and the value its message must name, and a word of the fix.
var badConfigs = []struct {
	name  string
	args  domino.DominoEKSArgs
	field string
	value string
	fix   string
}{
	{"two zones", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a", "us-west-2b"}}, "availabilityZones", "us-west-2a, us-west-2b", "3 zones"},
	{"four zones", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}}, "availabilityZones", "us-west-2d", "3 zones"},
	{"zone of another region", domino.DominoEKSArgs{AvailabilityZones: []string{"eu-west-1a"}}, "availabilityZones", "eu-west-1a", "us-west-2a"},
	{"duplicate zone", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a", "us-west-2a", "us-west-2b"}}, "availabilityZones", "us-west-2a", "once"},
	{"bad region", domino.DominoEKSArgs{Region: "moon-1"}, "region", `"moon-1"`, "us-west-2"},
	{"misspelt region", domino.DominoEKSArgs{Region: "us-weast-2"}, "region", `"us-weast-2"`, "did you mean us-west-2?"},
	{"region shaped like one but not one", domino.DominoEKSArgs{Region: "us-west-9"}, "region", `"us-west-9"`, "is not an AWS region; did you mean us-west-"},
	{"GovCloud region", domino.DominoEKSArgs{Region: "us-gov-west-1"}, "region", `"us-gov-west-1"`, "commercial AWS region"},
	{"China region", domino.DominoEKSArgs{Region: "cn-north-1"}, "region", `"cn-north-1"`, "commercial AWS region"},
	{"min above max", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MinSize: ip(5), MaxSize: ip(2)}}, "defaultPool.minSize", "5", "minSize ≤ maxSize"},
	{"desired above max", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{DesiredSize: ip(25)}}, "defaultPool.desiredSize", "25", "between minSize and maxSize"},
	{"desired below min", domino.DominoEKSArgs{PlatformPool: &domino.NodePool{MinSize: ip(2), MaxSize: ip(3), DesiredSize: ip(1)}}, "platformPool.desiredSize", "1", "between minSize and maxSize"},
	{"negative min", domino.DominoEKSArgs{GpuPool: &domino.NodePool{MinSize: ip(-1)}}, "gpuPool.minSize", "-1", "0 or more"},
	{"zero max", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MinSize: ip(0), MaxSize: ip(0), DesiredSize: ip(0)}}, "defaultPool.maxSize", "0", "1 or more"},
	{"tiny disk", domino.DominoEKSArgs{PlatformPool: &domino.NodePool{DiskSizeGiB: ip(10)}}, "platformPool.diskSizeGib", "10", "20 GiB or more"},
	{"huge disk", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{DiskSizeGiB: ip(20000)}}, "defaultPool.diskSizeGib", "20000", "16384"},
	{"malformed instance type", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{InstanceTypes: []string{"m5-2xlarge"}}}, "defaultPool.instanceTypes", `"m5-2xlarge"`, "m5.2xlarge"},
	{"unknown instance family", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{InstanceTypes: []string{"zz9.large"}}}, "defaultPool.instanceTypes", `"zz9.large"`, "x86_64"},
	{"graviton instance", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{InstanceTypes: []string{"m7g.2xlarge"}}}, "defaultPool.instanceTypes", `"m7g.2xlarge"`, "x86_64"},
	{"gpu pool on cpu instance", domino.DominoEKSArgs{GpuPool: &domino.NodePool{InstanceTypes: []string{"m5.2xlarge"}}}, "gpuPool.instanceTypes", `"m5.2xlarge"`, "GPU instance type"},
	{"duplicate pool name", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "default", InstanceTypes: []string{"m5.xlarge"}, Labels: map[string]string{"dominodatalab.com/node-pool": "x"}}}}, "additionalPools[0].name", `"default"`, "distinct name"},
	{"duplicate label set", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "big", InstanceTypes: []string{"m5.4xlarge"}, Labels: map[string]string{"dominodatalab.com/node-pool": "default", "domino/build-node": "true"}}}}, "additionalPools[0].labels", "domino/build-node=true,dominodatalab.com/domino-node=true", "distinct label set"},
	{"invalid label key", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "x", InstanceTypes: []string{"m5.xlarge"}, Labels: map[string]string{"bad key!": "v"}}}}, "additionalPools[0].labels", `"bad key!"`, "[prefix/]name"},
	{"invalid label value", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "x", InstanceTypes: []string{"m5.xlarge"}, Labels: map[string]string{"tier": "has space"}}}}, "additionalPools[0].labels[tier]", `"has space"`, "63"},
	{"reserved label prefix", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "x", InstanceTypes: []string{"m5.xlarge"}, Labels: map[string]string{"node-role.kubernetes.io/x": "y"}}}}, "additionalPools[0].labels", "node-role.kubernetes.io/x", "own prefix"},
	{"pool without instance types", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "empty"}}}, "additionalPools[0].instanceTypes", "[]", "at least one"},
	{"unnamed pool", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{InstanceTypes: []string{"m5.xlarge"}}}}, "additionalPools[0].name", `""`, "name every pool"},
	{"bad pool name", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "Big_Pool", InstanceTypes: []string{"m5.xlarge"}}}}, "additionalPools[0].name", `"Big_Pool"`, "lower-case"},
	{"bad taint effect", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "t", InstanceTypes: []string{"m5.xlarge"}, Taints: []domino.Taint{{Key: "a", Effect: "Never"}}}}}, "additionalPools[0].taints.effect", `"Never"`, "NoSchedule"},
	{"bad capacity type", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{CapacityType: "CHEAP"}}, "defaultPool.capacityType", `"CHEAP"`, "SPOT"},
	{"pool zone outside cluster", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a"}, DefaultPool: &domino.NodePool{AvailabilityZones: []string{"us-west-2b"}}}, "defaultPool.availabilityZones", `"us-west-2b"`, "subset"},
	{"platform in two zones", domino.DominoEKSArgs{PlatformPool: &domino.NodePool{AvailabilityZones: []string{"us-west-2a", "us-west-2b"}}}, "platformPool.availabilityZones", "us-west-2a, us-west-2b", "3 zones"},
	{"malformed VPC CIDR", domino.DominoEKSArgs{VpcCidr: "10.0.0.0/33"}, "vpcCidr", `"10.0.0.0/33"`, "10.0.0.0/16"},
	{"VPC CIDR too small", domino.DominoEKSArgs{VpcCidr: "10.0.0.0/26"}, "vpcCidr", `"10.0.0.0/26"`, "/16"},
	{"subnet outside VPC", domino.DominoEKSArgs{PrivateSubnetCidrs: []string{"10.1.0.0/19", "10.0.32.0/19", "10.0.64.0/19"}}, "privateSubnetCidrs", `"10.1.0.0/19"`, "inside the VPC"},
	{"overlapping subnets", domino.DominoEKSArgs{PrivateSubnetCidrs: []string{"10.0.0.0/19", "10.0.0.0/20", "10.0.64.0/19"}}, "subnetCidrs", "10.0.0.0/19 and 10.0.0.0/20", "own range"},
	{"wrong subnet count", domino.DominoEKSArgs{PublicSubnetCidrs: []string{"10.0.224.0/22"}}, "publicSubnetCidrs", "10.0.224.0/22", "one CIDR per zone"},
	{"malformed subnet CIDR", domino.DominoEKSArgs{PublicSubnetCidrs: []string{"10.0.224.0", "10.0.228.0/22", "10.0.232.0/22"}}, "publicSubnetCidrs", `"10.0.224.0"`, "10.0.0.0/19"},
	{"BYO VPC without subnets", domino.DominoEKSArgs{VpcId: pulumi.StringPtr("vpc-0a1b2c3d")}, "privateSubnetIds", "<unset>", "one per availability zone"},
	{"BYO VPC too few subnets", domino.DominoEKSArgs{VpcId: pulumi.StringPtr("vpc-0a1b2c3d"), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-00000001", "subnet-00000002"})}, "privateSubnetIds", "2 subnets", "3 private subnet ids"},
	{"bad NAT mode", domino.DominoEKSArgs{NatMode: "many"}, "natMode", `"many"`, "per-az"},
	{"public endpoint without CIDRs", domino.DominoEKSArgs{EndpointPublicAccess: true}, "publicAccessCidrs", "[]", "list the CIDRs"},
	{"malformed public CIDR", domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"office"}}, "publicAccessCidrs", `"office"`, "203.0.113.0/24"},
	{"bad cluster name", domino.DominoEKSArgs{ClusterName: "-bad name"}, "clusterName", `"-bad name"`, "letters, digits"},
	{"malformed k8s version", domino.DominoEKSArgs{KubernetesVersion: "latest"}, "kubernetesVersion", `"latest"`, "1.NN"},
	{"k8s version out of support", domino.DominoEKSArgs{KubernetesVersion: "1.21"}, "kubernetesVersion", `"1.21"`, "1.32 or later"},
	{"AL2 on a version without AL2 AMIs", domino.DominoEKSArgs{AmiFamily: "AL2", KubernetesVersion: "1.34"}, "amiFamily", `"AL2"`, "AL2023"},
	{"unknown AMI family", domino.DominoEKSArgs{AmiFamily: "Windows"}, "amiFamily", `"Windows"`, "AL2023 or AL2"},
	{"bucket prefix S3 rejects", domino.DominoEKSArgs{BucketPrefix: "My_Buckets"}, "bucketPrefix", `"My_Buckets"`, "lower-case"},
	{"bucket name like an IP", domino.DominoEKSArgs{LogsBucketName: "192.168.1.1"}, "logsBucketName", `"192.168.1.1"`, "lower-case"},
	{"bucket name too long", domino.DominoEKSArgs{BlobsBucketName: strings.Repeat("a", 64)}, "blobsBucketName", strings.Repeat("a", 64), "3-63"},
	{"bucket name with double dot", domino.DominoEKSArgs{BackupsBucketName: "acme..backups"}, "backupsBucketName", `"acme..backups"`, "lower-case"},
	{"same bucket twice", domino.DominoEKSArgs{BlobsBucketName: "acme-data", LogsBucketName: "acme-data"}, "bucketNames", "acme-data", "different names"},
	{"bad storage class type", domino.DominoEKSArgs{StorageClassVolumeType: "io9"}, "storageClassVolumeType", `"io9"`, "gp3 or gp2"},
	{"bad EFS throughput mode", domino.DominoEKSArgs{EfsThroughputMode: "turbo"}, "efsThroughputMode", `"turbo"`, "elastic"},
	{"provisioned EFS without throughput", domino.DominoEKSArgs{EfsThroughputMode: "provisioned"}, "efsProvisionedThroughputMibps", "0", "128"},
	{"hostname not an FQDN", domino.DominoEKSArgs{Hostname: "Domino Server"}, "hostname", `"Domino Server"`, "FQDN"},
	{"zone without hostname", domino.DominoEKSArgs{Route53ZoneId: pulumi.StringPtr("Z1")}, "route53ZoneId", "<set>", "set hostname"},
	{"aws: tag", domino.DominoEKSArgs{Tags: map[string]string{"aws:owner": "me"}}, "tags[aws:owner]", `"me"`, "not starting with aws:"},
	{"storage class through an unreachable API", domino.DominoEKSArgs{CreateStorageClass: pulumi.BoolRef(true)}, "createStorageClass", "true", "leave createStorageClass unset"},
	{"admin as an STS session", domino.DominoEKSArgs{AdminPrincipalArns: []string{"arn:aws:sts::123456789012:assumed-role/ci/session"}}, "adminPrincipalArns[0]", "assumed-role/ci/session", "the role's ARN"},
	{"admin not an ARN", domino.DominoEKSArgs{AdminPrincipalArns: []string{"ci-role"}}, "adminPrincipalArns[0]", `"ci-role"`, "arn:aws:iam::<account>:role/<name>"},
	{"node group name over 63", domino.DominoEKSArgs{AdditionalPools: []domino.NodePool{{Name: "a-very-long-pool-name-for-memory-heavy-jobs", InstanceTypes: []string{"r5.4xlarge"}}}},
		"additionalPools[0].name", `"a-very-long-pool-name-for-memory-heavy-jobs"`, "shorten the pool name"},
	{"one zone in an existing VPC without control-plane subnets", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a"}, VpcId: pulumi.StringPtr("vpc-0a1b2c3d"),
		PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-a"})}, "controlPlaneSubnetIds", "<unset>", "two or more availability zones"},
	{"one control-plane subnet", domino.DominoEKSArgs{VpcId: pulumi.StringPtr("vpc-0a1b2c3d"), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"}),
		ControlPlaneSubnetIds: pulumi.ToStringArray([]string{"subnet-a"})}, "controlPlaneSubnetIds", "1 subnet(s)", "two or more availability zones"},
	{"CIDRs for one zone only", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a"}, PrivateSubnetCidrs: []string{"10.0.0.0/19"}, PublicSubnetCidrs: []string{"10.0.224.0/22"}},
		"privateSubnetCidrs", "10.0.0.0/19", "the VPC still spans three"},
}

// TestValidationRejectsBadConfig: every bad configuration is refused with a
// message naming the field, the value and the fix, and nothing is registered.
func TestValidationRejectsBadConfig(t *testing.T) {
	require.GreaterOrEqual(t, len(badConfigs), 25)
	for _, tc := range badConfigs {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.args.Validate()
			require.Error(t, err)
			require.True(t, domino.IsValidationError(err))
			var fe *domino.FieldError
			require.True(t, errors.As(err, &fe))
			msg := err.Error()
			assert.Contains(t, msg, tc.field+" = ", "names the field")
			assert.Contains(t, msg, tc.value, "names the value")
			assert.Contains(t, msg, tc.fix, "says the fix")

			_, runErr := preview.Run(domino.Program("domino", tc.args), preview.Options{})
			require.Error(t, runErr)
			assert.Contains(t, runErr.Error(), tc.field)
			res, _ := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, _ = domino.NewDominoEKS(ctx, "domino", tc.args)
				return nil, nil
			}, preview.Options{})
			assert.Empty(t, res.Resources, "no resource may be registered for an invalid config")
		})
	}
}

func TestTwoZonesMessageExplainsFailureDomain(t *testing.T) {
	err := domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a", "us-west-2b"}}.Validate()
	require.ErrorContains(t, err, "even number of nodes in a single failure domain")
}

func TestValidConfigsPass(t *testing.T) {
	for name, args := range map[string]domino.DominoEKSArgs{
		"defaults":         {},
		"one zone":         {AvailabilityZones: []string{"us-west-2a"}},
		"gpu":              {EnableGpuPool: true},
		"AL2 1.32":         {AmiFamily: "AL2", KubernetesVersion: "1.32"},
		"byo vpc":          {VpcId: pulumi.StringPtr("vpc-0a1b2c3d"), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})},
		"public endpoint":  {EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}},
		"explicit buckets": {BlobsBucketName: "acme-blobs", LogsBucketName: "acme-logs", BackupsBucketName: "acme-backups"},
		"spot pool":        {AdditionalPools: []domino.NodePool{{Name: "spot", InstanceTypes: []string{"m5.2xlarge", "m5a.2xlarge"}, CapacityType: domino.CapacitySpot}}},
	} {
		t.Run(name, func(t *testing.T) { require.NoError(t, args.Validate()) })
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	err := domino.DominoEKSArgs{NatMode: "x", AmiFamily: "y", VpcCidr: "z"}.Validate()
	var ve *domino.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Len(t, ve.Problems, 3)
}

func TestValidateAsChecksNameDerivedDefaults(t *testing.T) {
	require.NoError(t, domino.DominoEKSArgs{}.ValidateAs("acme"))
	err := domino.DominoEKSArgs{}.ValidateAs("Acme Prod")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `clusterName = "Acme Prod"`)
}

// TestComponentNameLength: physical names derive from the component name
// plus Pulumi's 8-character suffix. Node groups (<name>-platform-us-west-2a,
// EKS: 63) bind first; pulumi-eks's cluster role (<name>-eks-eksRole-role,
// IAM: 64) caps the name at 39 whatever the pools. Both are refused before
// anything is registered, naming the limit and the way out.
func TestComponentNameLength(t *testing.T) {
	require.NoError(t, domino.DominoEKSArgs{ClusterName: "c"}.ValidateAs(strings.Repeat("d", 35)))
	err := domino.DominoEKSArgs{ClusterName: "c"}.ValidateAs(strings.Repeat("d", 36))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "platformPool.name")
	assert.Contains(t, err.Error(), "over EKS's 63")

	err = domino.DominoEKSArgs{ClusterName: "c"}.ValidateAs(strings.Repeat("d", 40))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "name = ")
	assert.Contains(t, err.Error(), "-eks-eksRole-role")
	assert.Contains(t, err.Error(), "at most 39 characters")
}
