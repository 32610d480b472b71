package checker

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
)

const (
	testRegion  = "us-west-2"
	testCluster = "domino"
)

// fixtureCallTimeout bounds one AWS call of the tests against moto.
const fixtureCallTimeout = 2 * time.Minute

var testAZs = []string{"us-west-2a", "us-west-2b", "us-west-2c"}

// User data as Domino's deployment writes it: MIME multi-part, AL2 EKS AMI.
const (
	bootstrapBridgeScript = "#!/bin/bash\nset -ex\n/etc/eks/bootstrap.sh domino --enable-docker-bridge true --kubelet-extra-args '--max-pods=58'\n"
	jqBridgeScript        = "#!/bin/bash\nset -ex\njq '.bridge=\"docker0\"' /etc/docker/daemon.json > /tmp/daemon.json\nmv /tmp/daemon.json /etc/docker/daemon.json\n"
	noBridgeScript        = "#!/bin/bash\nset -ex\necho 'fs.inotify.max_user_watches=524288' >> /etc/sysctl.conf\n"
)

// mimeUserData wraps a shell script the way EKS launch templates require
// and base64-encodes it for the EC2 API.
func mimeUserData(script string) string {
	doc := "MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"==DOMINO==\"\r\n\r\n" +
		"--==DOMINO==\r\n" +
		"Content-Type: text/x-shellscript; charset=\"us-ascii\"\r\n\r\n" +
		script + "\r\n" +
		"--==DOMINO==--\r\n"
	return base64.StdEncoding.EncodeToString([]byte(doc))
}

// ltSpec is a launch template of the fixture.
type ltSpec struct {
	instanceType string
	diskGiB      int32
	script       string
	publicIP     bool
}

// ngSpec is a managed node group of the fixture.
type ngSpec struct {
	name     string
	lt       string   // key into accountSpec.lts
	azs      []string // private subnets of these AZs
	publicAZ string   // when set, the public subnet of this AZ is used instead
	labels   map[string]string
	min, max int32
	amiType  ekstypes.AMITypes
	// dropTags lists Auto Scaling tag keys the fixture leaves out.
	dropTags []string
	// taints are the group's own taints, beside the startup taint.
	taints []ekstypes.Taint
}

// accountSpec describes the account the fixture builds; compliantSpec is
// the default Domino deployment and faults mutate a copy of it.
type accountSpec struct {
	// cluster names the EKS cluster and prefixes every account-global name
	// (buckets, IAM, launch templates), so several accounts can coexist in
	// one moto.
	cluster string
	lts     map[string]*ltSpec
	groups  []*ngSpec

	mapPublicIPAZ  string   // private subnet of this AZ maps public IPs
	efsOpenCIDR    string   // extra EFS ingress 2049 from this CIDR
	efsForeignSG   bool     // extra EFS ingress 2049 from a bastion SG
	mountTargetAZs []string // AZs with an EFS mount target

	skipBuckets     []string // bucket suffixes not created
	unencrypted     string   // bucket suffix without default encryption
	publicBucket    string   // bucket suffix with Block Public Access off
	objectActions   []string
	managedDenyJSON string // customer managed policy attached to the node role

	rotationOff  bool   // the customer key does not rotate
	sseS3Bucket  string // bucket suffix encrypted with SSE-S3 instead of the customer key
	mutableRepo  bool   // the environment repository has mutable tags
	noAccessLogs bool   // no access-log bucket and no access logging

	// What the component grants and configures for Domino's workloads
	// (internal/workloads); each field takes one piece away.
	noAutoscalerPolicy bool     // node role without NodeAutoscalerPolicy
	noEFSPolicy        bool     // node role without NodeEFSLookupPolicy
	noNodeKMSPolicy    bool     // node role without NodeKMSPolicy
	noECRPolicy        bool     // node role without NodeECRPolicy
	noManaged          []string // AWS managed policies not attached to the node role (by name)
	noEBSCSIKMSPolicy  bool     // EBS CSI role without EBSCSIKMSPolicy
	noEBSCSIAddon      bool     // no aws-ebs-csi-driver add-on
	vpcCNIConfig       *string  // vpc-cni configurationValues (default domino.VPCCNIConfiguration)
	noStartupTaint     bool     // compute node groups without the EBS CSI startup taint
	noLifecycle        string   // bucket suffix without the abort-incomplete-uploads rule
	unversioned        string   // bucket suffix without versioning
	noNoncurrentExpiry string   // bucket suffix without the noncurrent-version expiry rule
	noVPCDNS           bool     // VPC without DNS hostnames
	registry           bool     // a <cluster>-registry bucket (registryBucket on)
	registryUngranted  bool     // the node role's S3 policy leaves the registry bucket out

	// The access path (domino/accesshost.go, domino/pullthrough.go).
	noNAT               bool                // the private subnets have no default route (natMode none)
	noPullThrough       bool                // no <cluster>-quay pull-through cache rule
	pullThroughActions  []string            // the node role's pull-through actions (default domino.NodePullThroughActions)
	accessHostActions   []string            // the access host role's actions instead of AmazonSSMManagedInstanceCore
	accessHostPing      ssmtypes.PingStatus // the host's SSM PingStatus (default Online)
	accessHostUnmanaged bool                // the host never registered with Systems Manager
}

// nodeManagedPolicies are the AWS managed policies the component attaches
// to the node role (domino/cluster.go), but for AmazonSSMManagedInstanceCore
// which no workload needs.
var nodeManagedPolicies = []string{"AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"}

var bucketSuffixes = []string{"blobs", "logs", "backups"}

// name prefixes a resource name with the cluster name.
func (s *accountSpec) name(n string) string { return s.cluster + "-" + n }

// buckets returns the Domino bucket names of the account.
func (s *accountSpec) buckets() []string {
	var out []string
	for _, b := range s.bucketSuffixes() {
		out = append(out, s.name(b))
	}
	return out
}

// bucketSuffixes are the data buckets and, with registry, the registry's.
func (s *accountSpec) bucketSuffixes() []string {
	if s.registry {
		return append(slices.Clone(bucketSuffixes), "registry")
	}
	return bucketSuffixes
}

func labelsOf(pool string) map[string]string {
	switch pool {
	case PoolPlatform:
		return map[string]string{LabelNodePool: PoolPlatform, domino.DominoNodeLabel: "true"}
	case PoolDefault:
		return map[string]string{LabelNodePool: PoolDefault, LabelBuildNode: "true", domino.DominoNodeLabel: "true"}
	default:
		return map[string]string{LabelNodePool: PoolGPU, LabelGPU: "true", domino.DominoNodeLabel: "true"}
	}
}

// compliantSpec mirrors the default Domino deployment: a platform group over
// three AZs, one default group per AZ and a GPU group.
func compliantSpec() *accountSpec {
	s := &accountSpec{
		cluster: testCluster,
		lts: map[string]*ltSpec{
			"platform": {instanceType: "m5.4xlarge", diskGiB: 128, script: bootstrapBridgeScript},
			"default":  {instanceType: "m5.2xlarge", diskGiB: 400, script: jqBridgeScript},
			"gpu":      {instanceType: "p3.2xlarge", diskGiB: 400, script: jqBridgeScript},
		},
		groups: []*ngSpec{{
			name: "platform", lt: "platform", azs: testAZs, labels: labelsOf(PoolPlatform),
			min: 3, max: 3, amiType: ekstypes.AMITypesAl2X8664,
		}},
		mountTargetAZs: testAZs,
	}
	for _, az := range testAZs {
		s.groups = append(s.groups, &ngSpec{name: "default-" + az[len(az)-1:], lt: "default", azs: []string{az},
			labels: labelsOf(PoolDefault), min: 1, max: 20, amiType: ekstypes.AMITypesAl2X8664})
	}
	// The optional GPU pool in one AZ only (one node group per AZ it uses);
	// every extra node group costs moto ~0.2 s (it builds a boto3 Session
	// per CreateNodegroup to validate the role ARN).
	s.groups = append(s.groups, &ngSpec{name: "gpu-a", lt: "gpu", azs: testAZs[:1], labels: labelsOf(PoolGPU),
		min: 0, max: 5, amiType: ekstypes.AMITypesAl2X8664Gpu})
	return s
}

// group returns the node group spec with the given name.
func (s *accountSpec) group(t *testing.T, name string) *ngSpec {
	t.Helper()
	for _, g := range s.groups {
		if g.name == name {
			return g
		}
	}
	t.Fatalf("fixture has no node group %q", name)
	return nil
}

// fixture is what buildAccount created.
type fixture struct {
	efsID  string
	nodeSG string
	keyArn string
	// addons are the cluster's EKS add-ons, which moto lacks: the checker's
	// EKS client answers them from here (see addonsEKS).
	addons map[string]ekstypes.Addon
	// pullThrough are the ECR pull-through cache rules and agents the SSM
	// agents' PingStatus by instance id, which moto 5.2.1 lacks too (its
	// DescribePullThroughCacheRules and DescribeInstanceInformation answer
	// 500 NotImplemented): see pullThroughECR and agentSSM.
	pullThrough []ecrtypes.PullThroughCacheRule
	agents      agentSSM
}

// awsClients are the full SDK clients the fixture writes with.
type awsClients struct {
	ec2 *ec2.Client
	eks *eks.Client
	as  *autoscaling.Client
	efs *efs.Client
	s3  *s3.Client
	iam *iam.Client
	kms *kms.Client
	ecr *ecr.Client
}

func newAWSClients(t *testing.T, ctx context.Context) awsClients {
	t.Helper()
	cfg, err := LoadAWSConfig(ctx, testRegion)
	require.NoError(t, err)
	require.NotNil(t, cfg.BaseEndpoint, "AWS_ENDPOINT_URL must be picked up by config.LoadDefaultConfig")
	// The fixture writes under the test's own deadline: a loaded machine
	// may keep moto busier than the CLI's per-call default.
	cfg = WithCallTimeout(cfg, fixtureCallTimeout)
	return awsClients{
		ec2: ec2.NewFromConfig(cfg),
		eks: eks.NewFromConfig(cfg),
		as:  autoscaling.NewFromConfig(cfg),
		efs: efs.NewFromConfig(cfg),
		s3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
		iam: iam.NewFromConfig(cfg),
		kms: kms.NewFromConfig(cfg),
		ecr: ecr.NewFromConfig(cfg),
	}
}

// createSubnet creates a subnet and returns its id. It is idempotent: when
// the SDK retries a CreateSubnet whose first attempt moto carried out but
// answered with a transient error (a 5xx or a dropped connection on a loaded
// machine), the retry meets its own subnet as InvalidSubnet.Conflict; the
// subnet with exactly that CIDR in the VPC is then the one created.
func createSubnet(t *testing.T, ctx context.Context, c *ec2.Client, vpcID, az, cidr string) string {
	t.Helper()
	out, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &vpcID, AvailabilityZone: aws.String(az), CidrBlock: aws.String(cidr)})
	if err == nil {
		return aws.ToString(out.Subnet.SubnetId)
	}
	require.Equal(t, "InvalidSubnet.Conflict", APIErrorCode(err), "create subnet %s in %s: %v", cidr, az, err)
	found, derr := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("cidr-block"), Values: []string{cidr}},
		{Name: aws.String("availability-zone"), Values: []string{az}},
	}})
	require.NoError(t, derr)
	require.Len(t, found.Subnets, 1, "create subnet %s in %s: %v, and no subnet of exactly that CIDR exists", cidr, az, err)
	t.Logf("create subnet %s in %s: %v; the subnet an earlier attempt created is used", cidr, az, err)
	return aws.ToString(found.Subnets[0].SubnetId)
}

// buildAccount creates the account described by spec in moto.
func buildAccount(t *testing.T, ctx context.Context, spec *accountSpec) fixture {
	t.Helper()
	c := newAWSClients(t, ctx)
	var fx fixture

	// Network: a VPC with a public and a private subnet per AZ; only the
	// public route table has the internet gateway, the private one a NAT.
	vpc, err := c.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	require.NoError(t, err)
	vpcID := aws.ToString(vpc.Vpc.VpcId)
	_, err = c.ec2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: &vpcID, EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(!spec.noVPCDNS)}})
	require.NoError(t, err)
	public, private := map[string]string{}, map[string]string{}
	for i, az := range testAZs {
		pub := createSubnet(t, ctx, c.ec2, vpcID, az, fmt.Sprintf("10.0.%d.0/24", i))
		public[az] = pub
		_, err = c.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &pub, MapPublicIpOnLaunch: &ec2types.AttributeBooleanValue{Value: aws.Bool(true)}})
		require.NoError(t, err)
		priv := createSubnet(t, ctx, c.ec2, vpcID, az, fmt.Sprintf("10.0.%d.0/24", 100+i))
		private[az] = priv
		if az == spec.mapPublicIPAZ {
			_, err = c.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &priv, MapPublicIpOnLaunch: &ec2types.AttributeBooleanValue{Value: aws.Bool(true)}})
			require.NoError(t, err)
		}
	}
	igw, err := c.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	require.NoError(t, err)
	_, err = c.ec2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: igw.InternetGateway.InternetGatewayId, VpcId: &vpcID})
	require.NoError(t, err)
	pubRT, err := c.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &vpcID})
	require.NoError(t, err)
	err = mototest.CreateRoute(ctx, c.ec2, &ec2.CreateRouteInput{RouteTableId: pubRT.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: igw.InternetGateway.InternetGatewayId})
	require.NoError(t, err)
	eip, err := c.ec2.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
	require.NoError(t, err)
	nat, err := c.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(public[testAZs[0]]), AllocationId: eip.AllocationId})
	require.NoError(t, err)
	privRT, err := c.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &vpcID})
	require.NoError(t, err)
	if !spec.noNAT {
		err = mototest.CreateRoute(ctx, c.ec2, &ec2.CreateRouteInput{RouteTableId: privRT.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: nat.NatGateway.NatGatewayId})
		require.NoError(t, err)
	}
	for _, az := range testAZs {
		_, err = c.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: pubRT.RouteTable.RouteTableId, SubnetId: aws.String(public[az])})
		require.NoError(t, err)
		_, err = c.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: privRT.RouteTable.RouteTableId, SubnetId: aws.String(private[az])})
		require.NoError(t, err)
	}

	// Security groups: nodes, and EFS accepting 2049 from the nodes only.
	nodeSG, err := c.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(spec.name("nodes")), Description: aws.String("Domino nodes"), VpcId: &vpcID})
	require.NoError(t, err)
	fx.nodeSG = aws.ToString(nodeSG.GroupId)
	efsSG, err := c.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(spec.name("efs")), Description: aws.String("Domino EFS"), VpcId: &vpcID})
	require.NoError(t, err)
	perms := []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(2049), ToPort: aws.Int32(2049),
		UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: nodeSG.GroupId}},
	}}
	if spec.efsOpenCIDR != "" {
		perms = append(perms, ec2types.IpPermission{
			IpProtocol: aws.String("tcp"), FromPort: aws.Int32(2049), ToPort: aws.Int32(2049),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String(spec.efsOpenCIDR)}},
		})
	}
	if spec.efsForeignSG {
		bastion, err := c.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("bastion"), Description: aws.String("bastion"), VpcId: &vpcID})
		require.NoError(t, err)
		perms = append(perms, ec2types.IpPermission{
			IpProtocol: aws.String("tcp"), FromPort: aws.Int32(2000), ToPort: aws.Int32(3000),
			UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: bastion.GroupId}},
		})
	}
	_, err = c.ec2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: efsSG.GroupId, IpPermissions: perms})
	require.NoError(t, err)

	// EFS with a mount target per AZ.
	fs, err := c.efs.CreateFileSystem(ctx, &efs.CreateFileSystemInput{CreationToken: aws.String(spec.cluster), Encrypted: aws.Bool(true)})
	require.NoError(t, err)
	fx.efsID = aws.ToString(fs.FileSystemId)
	for _, az := range spec.mountTargetAZs {
		_, err = mototest.CreateMountTarget(ctx, c.efs, &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: aws.String(private[az]), SecurityGroups: []string{aws.ToString(efsSG.GroupId)}})
		require.NoError(t, err)
	}

	// KMS: the customer key under alias/<cluster>, rotating.
	key, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(spec.cluster)})
	require.NoError(t, err)
	keyID := key.KeyMetadata.KeyId
	_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/" + spec.cluster), TargetKeyId: keyID})
	require.NoError(t, err)
	if !spec.rotationOff {
		_, err = c.kms.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: keyID})
		require.NoError(t, err)
	}
	fx.keyArn = aws.ToString(key.KeyMetadata.Arn)
	keyPolicy, err := domino.KMSKeyPolicy("aws", mototest.Account, "")
	require.NoError(t, err)
	_, err = c.kms.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: keyID, PolicyName: aws.String("default"), Policy: aws.String(keyPolicy)})
	require.NoError(t, err)

	// ECR: Domino's repositories with immutable tags.
	var repoARNs []string
	for _, repo := range []string{"environment", "model"} {
		mut := ecrtypes.ImageTagMutabilityImmutable
		if spec.mutableRepo && repo == "environment" {
			mut = ecrtypes.ImageTagMutabilityMutable
		}
		out, err := c.ecr.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(spec.cluster + "/" + repo), ImageTagMutability: mut})
		require.NoError(t, err)
		repoARNs = append(repoARNs, aws.ToString(out.Repository.RepositoryArn))
	}

	// S3: the access-log bucket (SSE-S3, delivery allowed by bucket policy)
	// the others log into.
	monitoring := aws.String(spec.name("monitoring"))
	if !spec.noAccessLogs {
		_, err = c.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: monitoring, CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(testRegion)}})
		require.NoError(t, err)
		_, err = c.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: monitoring, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
			Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256}}},
		}})
		require.NoError(t, err)
		policy := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/*"}]}`, *monitoring)
		_, err = c.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: monitoring, Policy: aws.String(policy)})
		require.NoError(t, err)
	}

	// S3: three buckets encrypted with the customer key, all of Block
	// Public Access on, access logged.
	for _, suffix := range spec.bucketSuffixes() {
		if slices.Contains(spec.skipBuckets, suffix) {
			continue
		}
		b := aws.String(spec.name(suffix))
		_, err = c.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(testRegion)}})
		require.NoError(t, err)
		if suffix != spec.unencrypted {
			sse := &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(fx.keyArn)}
			if suffix == spec.sseS3Bucket {
				sse = &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256}
			}
			_, err = c.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
				Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: sse, BucketKeyEnabled: aws.Bool(true)}},
			}})
			require.NoError(t, err)
		}
		if !spec.noAccessLogs {
			_, err = c.s3.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &s3types.BucketLoggingStatus{
				LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: monitoring, TargetPrefix: aws.String(suffix + "/")},
			}})
			require.NoError(t, err)
		}
		tlsOnly, err := domino.TLSOnlyBucketPolicy("arn:aws:s3:::" + *b)
		require.NoError(t, err)
		_, err = c.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(tlsOnly)})
		require.NoError(t, err)
		if suffix != spec.unversioned {
			_, err = c.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
				VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
			require.NoError(t, err)
		}
		var rules []s3types.LifecycleRule
		if suffix != spec.noLifecycle {
			rules = append(rules, s3types.LifecycleRule{
				ID: aws.String("abort-incomplete-uploads"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
				AbortIncompleteMultipartUpload: &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(domino.AbortIncompleteUploadsDays)},
			})
		}
		if suffix != spec.noNoncurrentExpiry {
			rules = append(rules, s3types.LifecycleRule{
				ID: aws.String(domino.NoncurrentExpiryRuleID), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
				NoncurrentVersionExpiration: &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(domino.DefaultNoncurrentVersionExpirationDays)},
			})
		}
		if len(rules) > 0 {
			_, err = c.s3.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
				LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: rules}})
			require.NoError(t, err)
		}
		on := suffix != spec.publicBucket
		_, err = c.s3.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(on), IgnorePublicAcls: aws.Bool(on), BlockPublicPolicy: aws.Bool(on), RestrictPublicBuckets: aws.Bool(on),
		}})
		require.NoError(t, err)
	}

	// IAM: the node role with what the component grants it: the S3, KMS,
	// autoscaler, EFS lookup and ECR policies (the component's own
	// functions) and the AWS managed policies; objectActions replaces the S3
	// policy with a narrower one.
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	role, err := c.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(spec.name("node")), Path: aws.String("/eks/"), AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(t, err)
	clusterRole, err := c.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(spec.name("cluster")), AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(t, err)
	var bucketARNs, objectARNs []string
	for _, b := range spec.buckets() {
		if spec.registryUngranted && b == spec.name("registry") {
			continue
		}
		bucketARNs = append(bucketARNs, "arn:aws:s3:::"+b)
		objectARNs = append(objectARNs, "arn:aws:s3:::"+b+"/*")
	}
	inline := map[string]string{}
	if spec.objectActions != nil {
		inline["domino-s3"] = mustJSON(t, map[string]any{
			"Version": "2012-10-17",
			"Statement": []map[string]any{
				{"Sid": "ListBuckets", "Effect": "Allow", "Action": workloads.S3BucketActions, "Resource": bucketARNs},
				{"Sid": "Objects", "Effect": "Allow", "Action": spec.objectActions, "Resource": objectARNs},
			},
		})
	} else {
		inline["domino-s3"], err = domino.NodeS3Policy(bucketARNs)
		require.NoError(t, err)
	}
	if !spec.noNodeKMSPolicy {
		inline["domino-kms"], err = domino.NodeKMSPolicy(fx.keyArn)
		require.NoError(t, err)
	}
	if !spec.noAutoscalerPolicy {
		inline["domino-autoscaler"], err = domino.NodeAutoscalerPolicy("aws", testRegion, mototest.Account, spec.cluster)
		require.NoError(t, err)
	}
	if !spec.noEFSPolicy {
		inline["domino-efs"], err = domino.NodeEFSLookupPolicy(fmt.Sprintf("arn:aws:elasticfilesystem:%s:%s:file-system/%s", testRegion, mototest.Account, fx.efsID))
		require.NoError(t, err)
	}
	if !spec.noECRPolicy {
		inline["domino-ecr"], err = domino.NodeECRPolicy(repoARNs)
		require.NoError(t, err)
	}
	for _, name := range slices.Sorted(maps.Keys(inline)) {
		_, err = c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(spec.name("node")), PolicyName: aws.String(name), PolicyDocument: aws.String(inline[name])})
		require.NoError(t, err)
	}
	for _, name := range nodeManagedPolicies {
		if slices.Contains(spec.noManaged, name) {
			continue
		}
		_, err = c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(spec.name("node")), PolicyArn: aws.String("arn:aws:iam::aws:policy/" + name)})
		require.NoError(t, err)
	}
	if spec.managedDenyJSON != "" {
		pol, err := c.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(spec.name("deny")), PolicyDocument: aws.String(spec.managedDenyJSON)})
		require.NoError(t, err)
		_, err = c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(spec.name("node")), PolicyArn: pol.Policy.Arn})
		require.NoError(t, err)
	}

	// ECR pull-through cache of quay.io (<cluster>-quay) and the node role's
	// grant on its repositories.
	if !spec.noPullThrough {
		prefix := spec.cluster + domino.PullThroughQuaySuffix
		fx.pullThrough = []ecrtypes.PullThroughCacheRule{
			{EcrRepositoryPrefix: aws.String(prefix), UpstreamRegistryUrl: aws.String(domino.QuayUpstream), RegistryId: aws.String(mototest.Account)},
			// Another cluster's rule: not this cluster's to grant.
			{EcrRepositoryPrefix: aws.String("other-quay"), UpstreamRegistryUrl: aws.String(domino.QuayUpstream), RegistryId: aws.String(mototest.Account)},
		}
		actions := domino.NodePullThroughActions
		if spec.pullThroughActions != nil {
			actions = spec.pullThroughActions
		}
		doc := mustJSON(t, map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{
			"Sid": "PullThroughQuay", "Effect": "Allow", "Action": actions,
			"Resource": domino.PullThroughRepositoriesArn(testRegion, mototest.Account, prefix),
		}}})
		_, err = c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(spec.name("node")), PolicyName: aws.String("domino-pull-through"), PolicyDocument: aws.String(doc)})
		require.NoError(t, err)
	}
	fx.agents = buildAccessHost(t, ctx, c, spec, private[testAZs[0]])

	// Launch templates with instance type, gp3 root volume, node SG and user data.
	ltIDs := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(spec.lts)) {
		lt := spec.lts[key]
		data := &ec2types.RequestLaunchTemplateData{
			InstanceType: ec2types.InstanceType(lt.instanceType),
			BlockDeviceMappings: []ec2types.LaunchTemplateBlockDeviceMappingRequest{{
				DeviceName: aws.String("/dev/xvda"),
				Ebs:        &ec2types.LaunchTemplateEbsBlockDeviceRequest{VolumeSize: aws.Int32(lt.diskGiB), VolumeType: ec2types.VolumeTypeGp3, Encrypted: aws.Bool(true)},
			}},
			UserData: aws.String(mimeUserData(lt.script)),
		}
		if lt.publicIP {
			data.NetworkInterfaces = []ec2types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{{
				DeviceIndex: aws.Int32(0), AssociatePublicIpAddress: aws.Bool(true), Groups: []string{fx.nodeSG},
			}}
		} else {
			data.SecurityGroupIds = []string{fx.nodeSG}
		}
		out, err := c.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String(spec.name(key)), LaunchTemplateData: data})
		require.NoError(t, err)
		ltIDs[key] = aws.ToString(out.LaunchTemplate.LaunchTemplateId)
	}

	// EKS cluster and managed node groups.
	var clusterSubnets []string
	for _, az := range testAZs {
		clusterSubnets = append(clusterSubnets, private[az])
	}
	_, err = c.eks.CreateCluster(ctx, &eks.CreateClusterInput{
		Name: aws.String(spec.cluster), RoleArn: clusterRole.Role.Arn, Version: aws.String("1.33"),
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: clusterSubnets},
	}, mototest.InjectClusterVpcConfig(map[string]any{"vpcId": vpcID}))
	require.NoError(t, err)
	fx.addons = buildAddons(t, ctx, c, spec, fx)
	for _, g := range spec.groups {
		var subnets []string
		if g.publicAZ != "" {
			subnets = []string{public[g.publicAZ]}
		} else {
			for _, az := range g.azs {
				subnets = append(subnets, private[az])
			}
		}
		// Reference the platform template by id and version, the others by
		// name only (EKS then uses the default version).
		ltRef := &ekstypes.LaunchTemplateSpecification{Name: aws.String(spec.name(g.lt))}
		if g.lt == "platform" {
			ltRef = &ekstypes.LaunchTemplateSpecification{Id: aws.String(ltIDs[g.lt]), Version: aws.String("1")}
		}
		// The startup taint only on compute groups that are never empty (the
		// component's rule: a group at zero must not carry it).
		taints := slices.Clone(g.taints)
		if g.labels[LabelNodePool] != PoolPlatform && g.min >= max(1, int32(len(g.azs))) && !spec.noStartupTaint {
			taints = append(taints, ekstypes.Taint{Key: aws.String(domino.EBSStartupTaint.Key), Effect: ekstypes.TaintEffectNoExecute})
		}
		_, err = c.eks.CreateNodegroup(ctx, &eks.CreateNodegroupInput{
			ClusterName: aws.String(spec.cluster), NodegroupName: aws.String(g.name), NodeRole: role.Role.Arn,
			Subnets: subnets, Labels: g.labels, AmiType: g.amiType, LaunchTemplate: ltRef, Taints: taints, Version: aws.String("1.35"),
			ScalingConfig: &ekstypes.NodegroupScalingConfig{MinSize: aws.Int32(g.min), MaxSize: aws.Int32(g.max), DesiredSize: aws.Int32(g.min)},
		})
		require.NoError(t, err)

		// moto reports an Auto Scaling group name for the node group but does
		// not create it; create it with the cluster-autoscaler tags EKS users
		// add (ASG sizes are irrelevant to the checker, so keep it empty).
		ng, err := c.eks.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: aws.String(spec.cluster), NodegroupName: aws.String(g.name)})
		require.NoError(t, err)
		require.NotNil(t, ng.Nodegroup.Resources)
		require.NotEmpty(t, ng.Nodegroup.Resources.AutoScalingGroups)
		tags := map[string]string{
			"k8s.io/cluster-autoscaler/enabled":         "true",
			"k8s.io/cluster-autoscaler/" + spec.cluster: "owned",
		}
		for k, v := range g.labels {
			tags["k8s.io/cluster-autoscaler/node-template/label/"+k] = v
		}
		if len(g.azs) == 1 { // the component's template tags of a one-zone group
			tags[scheduling.TemplateLabelTag+scheduling.EBSZoneLabel] = g.azs[0]
			tags[scheduling.TemplateResourceTag+scheduling.FuseResource] = "20"
		}
		for _, k := range g.dropTags {
			delete(tags, k)
		}
		for _, asg := range ng.Nodegroup.Resources.AutoScalingGroups {
			var asTags []astypes.Tag
			for _, k := range slices.Sorted(maps.Keys(tags)) {
				asTags = append(asTags, astypes.Tag{Key: aws.String(k), Value: aws.String(tags[k]), PropagateAtLaunch: aws.Bool(false),
					ResourceId: asg.Name, ResourceType: aws.String("auto-scaling-group")})
			}
			_, err = c.as.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{
				AutoScalingGroupName: asg.Name, MinSize: aws.Int32(0), MaxSize: aws.Int32(g.max), DesiredCapacity: aws.Int32(0),
				LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateId: aws.String(ltIDs[g.lt]), Version: aws.String("$Latest")},
				VPCZoneIdentifier: aws.String(strings.Join(subnets, ",")),
				Tags:              asTags,
			})
			require.NoError(t, err)
		}
	}
	return fx
}

// buildAddons creates the EBS CSI driver's service account role (trusting
// the cluster's OIDC issuer, AmazonEBSCSIDriverPolicy and EBSCSIKMSPolicy)
// and returns the managed add-ons the component installs.
func buildAddons(t *testing.T, ctx context.Context, c awsClients, spec *accountSpec, fx fixture) map[string]ekstypes.Addon {
	t.Helper()
	cl, err := c.eks.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(spec.cluster)})
	require.NoError(t, err)
	issuer := strings.TrimPrefix(aws.ToString(cl.Cluster.Identity.Oidc.Issuer), "https://")
	require.NotEmpty(t, issuer)
	trust := mustJSON(t, map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
		"Principal": map[string]any{"Federated": fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", mototest.Account, issuer)},
		"Condition": map[string]any{"StringEquals": map[string]any{
			issuer + ":sub": "system:serviceaccount:kube-system:ebs-csi-controller-sa",
			issuer + ":aud": "sts.amazonaws.com",
		}},
	}}})
	role, err := c.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(spec.name("ebs-csi")), AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(t, err)
	_, err = c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role.Role.RoleName, PolicyArn: aws.String("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy")})
	require.NoError(t, err)
	if !spec.noEBSCSIKMSPolicy {
		doc, err := domino.EBSCSIKMSPolicy(fx.keyArn)
		require.NoError(t, err)
		_, err = c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role.Role.RoleName, PolicyName: aws.String("ebs-csi-kms"), PolicyDocument: aws.String(doc)})
		require.NoError(t, err)
	}
	cni := domino.VPCCNIConfiguration
	if spec.vpcCNIConfig != nil {
		cni = *spec.vpcCNIConfig
	}
	addons := map[string]ekstypes.Addon{
		"vpc-cni":    {AddonName: aws.String("vpc-cni"), AddonVersion: aws.String("v1.19.2-eksbuild.1"), ConfigurationValues: aws.String(cni)},
		"kube-proxy": {AddonName: aws.String("kube-proxy"), AddonVersion: aws.String("v1.33.0-eksbuild.2")},
		"coredns":    {AddonName: aws.String("coredns"), AddonVersion: aws.String("v1.12.1-eksbuild.2")},
	}
	if !spec.noEBSCSIAddon {
		addons["aws-ebs-csi-driver"] = ekstypes.Addon{AddonName: aws.String("aws-ebs-csi-driver"), AddonVersion: aws.String("v1.44.0-eksbuild.1"),
			ServiceAccountRoleArn: role.Role.Arn}
	}
	return addons
}

// addonsEKS is the checker's EKS client in tests: moto's, with the add-on
// API (which moto lacks) answered from a map.
type addonsEKS struct {
	EKSAPI
	addons map[string]ekstypes.Addon
}

func (e addonsEKS) ListAddons(_ context.Context, in *eks.ListAddonsInput, _ ...func(*eks.Options)) (*eks.ListAddonsOutput, error) {
	return &eks.ListAddonsOutput{Addons: slices.Sorted(maps.Keys(e.addons))}, nil
}

func (e addonsEKS) DescribeAddon(_ context.Context, in *eks.DescribeAddonInput, _ ...func(*eks.Options)) (*eks.DescribeAddonOutput, error) {
	a, ok := e.addons[aws.ToString(in.AddonName)]
	if !ok {
		return nil, &ekstypes.ResourceNotFoundException{Message: aws.String("no add-on " + aws.ToString(in.AddonName))}
	}
	a.ClusterName = in.ClusterName
	return &eks.DescribeAddonOutput{Addon: &a}, nil
}

// buildAccessHost launches the access host as domino/accesshost.go does: its
// own role (AmazonSSMManagedInstanceCore; accessHostActions replaces it with
// an inline policy), an instance profile, an instance in a private subnet
// tagged dominodatalab.com/access-host=<cluster>. It returns the host's SSM
// agent status.
func buildAccessHost(t *testing.T, ctx context.Context, c awsClients, spec *accountSpec, subnet string) agentSSM {
	t.Helper()
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	role := aws.String(spec.name("access-host"))
	_, err := c.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(t, err)
	if spec.accessHostActions != nil {
		doc := mustJSON(t, map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{"Effect": "Allow", "Action": spec.accessHostActions, "Resource": "*"}}})
		_, err = c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role, PolicyName: aws.String("ssm-agent"), PolicyDocument: aws.String(doc)})
	} else {
		_, err = c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role, PolicyArn: aws.String(awsfacts.SSMManagedInstancePolicy)})
	}
	require.NoError(t, err)
	_, err = c.iam.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: role})
	require.NoError(t, err)
	_, err = c.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: role, RoleName: role})
	require.NoError(t, err)
	images, err := c.ec2.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}, Filters: []ec2types.Filter{{Name: aws.String("name"), Values: []string{"al2023-ami-*", "amzn2-ami-*"}}}})
	require.NoError(t, err)
	require.NotEmpty(t, images.Images, "moto ships Amazon AMIs")
	out, err := c.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: images.Images[0].ImageId, InstanceType: ec2types.InstanceType(domino.DefaultAccessHostInstanceType),
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(subnet),
		IamInstanceProfile: &ec2types.IamInstanceProfileSpecification{Name: role},
		MetadataOptions:    &ec2types.InstanceMetadataOptionsRequest{HttpTokens: ec2types.HttpTokensStateRequired},
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeInstance, Tags: []ec2types.Tag{
			{Key: aws.String(domino.AccessHostTag), Value: aws.String(spec.cluster)}, {Key: aws.String("Name"), Value: aws.String(spec.name("access-host"))},
		}}},
	})
	require.NoError(t, err)
	id := aws.ToString(out.Instances[0].InstanceId)
	if spec.accessHostUnmanaged {
		return agentSSM{}
	}
	ping := spec.accessHostPing
	if ping == "" {
		ping = ssmtypes.PingStatusOnline
	}
	return agentSSM{id: ping}
}

// pullThroughECR is the checker's ECR client in tests: moto's, with the
// pull-through cache rules (which moto lacks) answered from the fixture.
type pullThroughECR struct {
	ECRAPI
	rules []ecrtypes.PullThroughCacheRule
}

func (e pullThroughECR) DescribePullThroughCacheRules(context.Context, *ecr.DescribePullThroughCacheRulesInput, ...func(*ecr.Options)) (*ecr.DescribePullThroughCacheRulesOutput, error) {
	return &ecr.DescribePullThroughCacheRulesOutput{PullThroughCacheRules: e.rules}, nil
}

// agentSSM answers Systems Manager DescribeInstanceInformation (moto lacks
// it) from the SSM agents' PingStatus by instance id, honouring the
// InstanceIds filter; an instance without an agent entry never registered.
type agentSSM map[string]ssmtypes.PingStatus

func (a agentSSM) DescribeInstanceInformation(_ context.Context, in *ssm.DescribeInstanceInformationInput, _ ...func(*ssm.Options)) (*ssm.DescribeInstanceInformationOutput, error) {
	want := map[string]bool{}
	for _, f := range in.Filters {
		if aws.ToString(f.Key) == "InstanceIds" {
			for _, v := range f.Values {
				want[v] = true
			}
		}
	}
	out := &ssm.DescribeInstanceInformationOutput{}
	for _, id := range slices.Sorted(maps.Keys(a)) {
		if len(want) > 0 && !want[id] {
			continue
		}
		out.InstanceInformationList = append(out.InstanceInformationList, ssmtypes.InstanceInformation{
			InstanceId: aws.String(id), PingStatus: a[id], AgentVersion: aws.String("3.3.1611.0"),
			LastPingDateTime: aws.Time(time.Date(2026, 12, 5, 11, 0, 0, 0, time.UTC)), ResourceType: ssmtypes.ResourceTypeEc2Instance,
		})
	}
	return out, nil
}

// compliantKube is a fake Kubernetes API with the storage class and one
// correctly labelled node per node group of the compliant deployment.
func compliantKube() *fake.Clientset {
	return fake.NewClientset(compliantKubeObjects()...)
}

func compliantKubeObjects() []runtime.Object {
	objs := []runtime.Object{&storagev1.StorageClass{
		ObjectMeta:  metav1.ObjectMeta{Name: StorageClassName},
		Provisioner: "ebs.csi.aws.com",
		Parameters:  map[string]string{"type": "gp3", "csi.storage.k8s.io/fstype": "ext4"},
	}}
	for i, g := range compliantSpec().groups {
		labels := map[string]string{labelEKSNodegroup: g.name}
		for k, v := range g.labels {
			labels[k] = v
		}
		objs = append(objs, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("ip-10-0-100-%d.us-west-2.compute.internal", i+10), Labels: labels}})
	}
	n := int32(len(compliantSpec().groups))
	return append(objs, awsNodeDS(true, n, n))
}

// awsNodeDS is the VPC CNI's DaemonSet, with or without the network
// policy agent, ready pods of desired.
func awsNodeDS(agent bool, ready, desired int32) *appsv1.DaemonSet {
	containers := []corev1.Container{{Name: "aws-node", Image: "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1"}}
	if agent {
		containers = append(containers, corev1.Container{Name: "aws-network-policy-agent", Image: "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.2.0-eksbuild.1"})
	}
	return &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "aws-node", Namespace: "kube-system"},
		Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: containers,
			Tolerations: []corev1.Toleration{{Operator: corev1.TolerationOpExists}}}}}, // as the add-on ships it
		Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: desired, NumberReady: ready},
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
