package tests

// Issue #7, "Must show: against a moto account built from the default
// plan's settings: all PASS". The tests below run the component offline
// (internal/preview), replay every AWS resource of the recorded plan into
// moto with the AWS SDK, translating planned ids into moto's, build a fake
// Kubernetes API from the planned Kubernetes objects, and run the
// requirements checker against the result.
//
// The translation is strict: every planned resource type and every input
// key must be either translated or explicitly ignored with a reason, so a
// new resource or argument in the component makes this test fail until it
// is considered here, instead of being silently left out of the account.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	backuptypes "github.com/aws/aws-sdk-go-v2/service/backup/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// Resource type tokens of the plan.
const (
	cpVpc            = "aws:ec2/vpc:Vpc"
	cpIGW            = "aws:ec2/internetGateway:InternetGateway"
	cpSubnet         = "aws:ec2/subnet:Subnet"
	cpEIP            = "aws:ec2/eip:Eip"
	cpNAT            = "aws:ec2/natGateway:NatGateway"
	cpRouteTable     = "aws:ec2/routeTable:RouteTable"
	cpRTAssoc        = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	cpSG             = "aws:ec2/securityGroup:SecurityGroup"
	cpSGRule         = "aws:ec2/securityGroupRule:SecurityGroupRule"
	cpRole           = "aws:iam/role:Role"
	cpRolePolicyAtt  = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	cpRolePolicy     = "aws:iam/rolePolicy:RolePolicy"
	cpOIDC           = "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
	cpEFS            = "aws:efs/fileSystem:FileSystem"
	cpEFSBackup      = "aws:efs/backupPolicy:BackupPolicy"
	cpMountTarget    = "aws:efs/mountTarget:MountTarget"
	cpBucket         = "aws:s3/bucketV2:BucketV2"
	cpBucketSSE      = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	cpBucketPAB      = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	cpBucketOwner    = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	cpBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	cpBucketVersions = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	cpCluster        = "eks:index:Cluster"
	cpLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	cpNodeGroup      = "aws:eks/nodeGroup:NodeGroup"
	cpASGTag         = "aws:autoscaling/tag:Tag"
	cpAddon          = "aws:eks/addon:Addon"
	cpStorageClass   = "kubernetes:storage.k8s.io/v1:StorageClass"
	cpK8sProvider    = "pulumi:providers:kubernetes"
	cpComponent      = domino.Token
	// pulumi-eks's recorded children (internal/preview pulumieks.go).
	cpServiceRole    = "eks:index:ServiceRole"
	cpEKSCluster     = "aws:eks/cluster:Cluster"
	cpAccessEntry    = "aws:eks/accessEntry:AccessEntry"
	cpAccessPolicy   = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"
	cpVpcEndpoint    = "aws:ec2/vpcEndpoint:VpcEndpoint"
	cpInstance       = "aws:ec2/instance:Instance"
	cpProfile        = "aws:iam/instanceProfile:InstanceProfile"
	cpPullThrough    = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
	cpKMSKey         = "aws:kms/key:Key"
	cpKMSAlias       = "aws:kms/alias:Alias"
	cpLogGroup       = "aws:cloudwatch/logGroup:LogGroup"
	cpFlowLog        = "aws:ec2/flowLog:FlowLog"
	cpAccessPoint    = "aws:efs/accessPoint:AccessPoint"
	cpBucketLogging  = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	cpBucketLifecyle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	cpECR            = "aws:ecr/repository:Repository"
	cpBackupVault    = "aws:backup/vault:Vault"
	cpBackupPlan     = "aws:backup/plan:Plan"
	cpBackupSel      = "aws:backup/selection:Selection"
)

// cpOrder is the order resources are replayed in (dependencies first). A
// planned type missing here fails the test.
var cpOrder = []string{
	cpKMSKey, cpKMSAlias, cpLogGroup,
	cpVpc, cpIGW, cpSubnet, cpEIP, cpNAT, cpRouteTable, cpRTAssoc, cpFlowLog,
	cpSG, cpSGRule,
	cpRole, cpRolePolicyAtt, cpOIDC,
	cpEFS, cpEFSBackup, cpMountTarget, cpAccessPoint,
	cpBucket, cpBucketSSE, cpBucketPAB, cpBucketOwner, cpBucketPolicy, cpBucketVersions, cpBucketLogging, cpBucketLifecyle,
	cpECR,
	cpRolePolicy,
	cpCluster, cpEKSCluster, cpServiceRole, cpAccessEntry, cpAccessPolicy, cpVpcEndpoint, cpProfile, cpInstance, cpPullThrough,
	cpLaunchTemplate, cpNodeGroup, cpASGTag,
	cpAddon, cpStorageClass, cpK8sProvider, cpComponent,
	cpBackupVault, cpBackupPlan, cpBackupSel,
}

// cpCase is one planned deployment replayed into its own moto.
type cpCase struct {
	name   string
	config map[string]string
	// drop removes planned resources before the replay (fault injection).
	drop func(preview.Resource) bool
	// want maps check ids to their expected status; every other check must
	// PASS.
	want map[string]checker.Status
	// evidence maps check ids to a substring their evidence must contain
	// ({efs} is replaced by moto's EFS id), notEvidence to one it must not.
	evidence, notEvidence map[string]string
	// warning is a substring of the plan's warnings, for plans the
	// component accepts with a warning that the checker then fails.
	warning string
}

func TestCheckerPlan(t *testing.T) {
	cases := []cpCase{{
		// The default settings as they are (ECR and the registry bucket on).
		// The only non-PASS is the GPU pool, which is off by default and
		// optional for Domino: the checker reports its absence as WARN, not FAIL.
		name: "default plan",
		want: map[string]checker.Status{checker.CheckGPUPool: checker.StatusWarn},
		evidence: map[string]string{
			checker.CheckGPUPool:      "the GPU pool is optional",
			checker.CheckDockerBridge: "not applicable (no Docker daemon)",
			checker.CheckKMSRotation:  "alias/domino",
			checker.CheckS3KMSKey:     "domino-123456789012-us-west-2-blobs: aws:kms with the key",
			checker.CheckECRImmutable: "domino/environment, domino/genai-model, domino/model", // on by default
			// The workload table, evaluated against the replayed account.
			"workload.vpc-cni":              `enableNetworkPolicy "true"`,
			"workload.ebs-csi-driver":       "managed:AmazonEBSCSIDriverPolicy",
			"workload.cluster-autoscaler":   "autoscaler-auto-discovery:",
			"workload.environment-builds":   "DominoPush",
			checker.CheckNetworkPolicyAgent: "runs aws-network-policy-agent",
			checker.CheckAccessHostOnline:   "PingStatus Online",
			"workload.access-host":          "managed:AmazonSSMManagedInstanceCore",
			// With NAT the cache is optional (ecrPullThroughCache off).
			"workload.image-pull-through": "not applicable",
		},
	}, {
		// Issue #13: the customer key, ECR and the registry bucket on: the
		// key rotates, the buckets use it, the repositories are immutable.
		name:   "hardened plan with ECR and the registry bucket",
		config: map[string]string{"dominoeks:ecr": "true", "dominoeks:registryBucket": "true"},
		want:   map[string]checker.Status{checker.CheckGPUPool: checker.StatusWarn},
		evidence: map[string]string{
			checker.CheckECRImmutable:               "domino/environment, domino/genai-model, domino/model",
			checker.CheckS3KMSKey:                   "domino-123456789012-us-west-2-backups: aws:kms with the key",
			"workload.internal-registry":            "DominoObjects",
			"workload.internal-registry-encryption": "DominoSSEKMS",
			"workload.environment-builds":           "DominoPush",
		},
	}, {
		// The default settings plus the optional GPU pool, so that
		// nodegroups.gpu is checked (it is WARN "optional" without it).
		name:   "default plan with GPU pool",
		config: map[string]string{"dominoeks:enableGpuPool": "true"},
		want:   map[string]checker.Status{},
		evidence: map[string]string{
			// AL2023 is the default AMI family: no Docker, nothing to enable.
			checker.CheckDockerBridge:     "not applicable (no Docker daemon)",
			checker.CheckPlatformAZs:      "us-west-2a, us-west-2b, us-west-2c",
			checker.CheckEFSSecurityGroup: "{efs} (--efs)",
			checker.CheckAutoscalerTags:   "9 Auto Scaling group(s) of 9 node group(s)",
			checker.CheckGPUPool:          "p3.2xlarge (node group), 400 GiB (launch template)",
			checker.CheckPlatformPool:     "m5.4xlarge (node group), 128 GiB (launch template), 1-1 nodes",
			// The plan's node groups as the scheduling model places Domino's pods.
			checker.CheckSchedulingClasses: "15 of 15 class/zone placements found",
			checker.CheckS3Buckets:         "domino-123456789012-us-west-2-blobs",
		},
	}, {
		// AL2 nodes run Docker: the plan's user data must enable docker0.
		name: "AL2 plan checks the docker bridge user data",
		config: map[string]string{
			"dominoeks:enableGpuPool":     "true",
			"dominoeks:amiFamily":         "AL2",
			"dominoeks:kubernetesVersion": "1.32",
		},
		want: map[string]checker.Status{},
		evidence: map[string]string{
			checker.CheckDockerBridge: "enabled on domino-default-gpu-us-west-2a-",
		},
		// Every node group, the platform one included, runs AL2.
		notEvidence: map[string]string{checker.CheckDockerBridge: "not applicable"},
	}, {
		// Issue #19: without NAT, the access host reaches SSM through the
		// endpoints and the nodes pull quay.io images through the cache.
		name:   "natMode none: access host and quay.io pull-through cache",
		config: map[string]string{"dominoeks:natMode": "none", "dominoeks:imageRegistry": "registry.example.com/domino"},
		want:   map[string]checker.Status{checker.CheckGPUPool: checker.StatusWarn},
		evidence: map[string]string{
			checker.CheckAccessHostOnline: "PingStatus Online",
			"workload.access-host":        "managed:AmazonSSMManagedInstanceCore",
			"workload.image-pull-through": "PullThroughQuay",
		},
	}, {
		// Negative control: the same replay without the EFS NFS rule must
		// fail exactly efs.sg-2049, proving the test can fail.
		name:   "without the EFS NFS rule efs.sg-2049 fails",
		config: map[string]string{"dominoeks:enableGpuPool": "true"},
		drop:   func(r preview.Resource) bool { return r.Type == cpSGRule },
		want:   map[string]checker.Status{checker.CheckEFSSecurityGroup: checker.StatusFail},
		evidence: map[string]string{
			checker.CheckEFSSecurityGroup: "allows TCP 2049 from the node security group",
		},
	}, {
		// A pool below the seed's size is accepted with a warning at plan
		// time and FAILed by the checker: both use internal/sizing.
		name:    "a platform pool below the seed warns in the plan and fails the check",
		config:  map[string]string{"dominoeks:platformPool": `{"instanceTypes": ["m5.2xlarge"]}`},
		warning: "platformPool.instanceTypes: m5.2xlarge (8 vCPU, 32 GiB) is smaller than the seed's platform node (m5.4xlarge: 16 vCPU, 64 GiB)",
		want: map[string]checker.Status{
			checker.CheckPlatformPool: checker.StatusFail,
			checker.CheckGPUPool:      checker.StatusWarn,
		},
		evidence: map[string]string{
			checker.CheckPlatformPool: "uses m5.2xlarge (8 vCPU, 32 GiB), smaller than m5.4xlarge",
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cpRun(t, tc)
		})
	}
}

func cpRun(t *testing.T, tc cpCase) {
	res, err := preview.Run(domino.ConfigProgram, preview.Options{Config: tc.config})
	require.NoError(t, err)
	if tc.warning != "" {
		values := map[string]string{}
		for k, v := range tc.config {
			values[strings.TrimPrefix(k, "dominoeks:")] = v
		}
		args, err := domino.DecodeConfig(values)
		require.NoError(t, err)
		assert.Contains(t, strings.Join(args.Warnings(domino.DefaultName), "\n"), tc.warning)
	}
	if tc.drop != nil {
		var kept []preview.Resource
		for _, r := range res.Resources {
			if !tc.drop(r) {
				kept = append(kept, r)
			}
		}
		require.Less(t, len(kept), len(res.Resources), "drop removed nothing")
		res.Resources = kept
	}

	// The AWS managed policies the plan attaches to the node role must exist
	// in moto (the checker reads them looking for explicit denies).
	endpoint := mototest.StartWith(t, mototest.Options{Env: []string{"MOTO_IAM_LOAD_MANAGED_POLICIES=true"}})
	// The cases run in parallel, each with its own moto_server: on 2 shared
	// cores a replay and check took over 2 minutes, which once ended a run
	// with "context deadline exceeded" (issue 20's flake hunt).
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cfg := mototest.Config(ctx, endpoint)
	x := &cpTranslator{
		t: t, ctx: ctx, plan: res, ids: map[string]string{},
		ec2: ec2.NewFromConfig(cfg), eks: eks.NewFromConfig(cfg), as: autoscaling.NewFromConfig(cfg),
		efs: efs.NewFromConfig(cfg), iam: iam.NewFromConfig(cfg),
		s3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
		kms: kms.NewFromConfig(cfg), ecr: ecr.NewFromConfig(cfg),
	}
	start := time.Now()
	x.replay()
	t.Logf("replayed %d planned resources into moto in %s", len(res.Resources), time.Since(start).Round(time.Millisecond))

	out := res.Outputs
	clusterName := cpOutput(t, out, "clusterName")
	efsID := x.ref(cpOutput(t, out, "efsFileSystemId"))
	x.installerStorageClass(out)
	clients := checker.NewAWSClients(cfg)
	clients.EKS = cpEKS{EKSAPI: clients.EKS, issuer: x.issuer, addons: x.addons}
	clients.ECR = cpPullThroughECR{ECRAPI: clients.ECR, rules: x.pullThrough}
	clients.SSM = x.agents
	clients.Backup = x.backups
	clients.Releases = cpReleases{}
	clients.Kube = fake.NewClientset(x.kube...)
	rep, err := checker.Run(ctx, clients, checker.Options{
		Cluster: clusterName,
		Region:  mototest.Region,
		Buckets: cpBuckets(t, out),
		EFS:     efsID,
	})
	require.NoError(t, err)
	require.Len(t, rep.Results, len(checker.CheckIDs))
	for _, r := range rep.Results {
		want := checker.StatusPass
		if r.ID == checker.CheckECRImmutable && len(res.Find(cpECR)) == 0 {
			want = checker.StatusWarn // ECR is optional (ecr off): nothing to check
		}
		if r.ID == checker.CheckNetworkPolicyProbe {
			want = checker.StatusWarn // it writes to the cluster: only with --probe-network-policy
			assert.Contains(t, r.Evidence, "skipped: pass --probe-network-policy")
		}
		if s, ok := tc.want[r.ID]; ok {
			want = s
		}
		assert.Equal(t, want, r.Status, "%s: %s (fix: %s)", r.ID, r.Evidence, r.Fix)
		if sub, ok := tc.evidence[r.ID]; ok {
			assert.Contains(t, r.Evidence, strings.ReplaceAll(sub, "{efs}", efsID), r.ID)
		}
		if sub, ok := tc.notEvidence[r.ID]; ok {
			assert.NotContains(t, r.Evidence, sub, r.ID)
		}
		t.Logf("%-22s %s  %s", r.ID, r.Status, r.Evidence)
	}
}

// cpBuckets are the plan's Domino buckets: blobs, logs, backups and the
// registry bucket when there is one.
func cpBuckets(t *testing.T, out map[string]any) []string {
	b := []string{cpOutput(t, out, "blobsBucket"), cpOutput(t, out, "logsBucket"), cpOutput(t, out, "backupsBucket")}
	if reg, _ := out["registryBucket"].(string); reg != "" {
		b = append(b, reg)
	}
	return b
}

func cpOutput(t *testing.T, outputs map[string]any, key string) string {
	t.Helper()
	v, ok := outputs[key].(string)
	require.True(t, ok && v != "", "plan output %s is %v", key, outputs[key])
	return v
}

// cpTranslator replays a plan into moto.
type cpTranslator struct {
	t    *testing.T
	ctx  context.Context
	plan *preview.Result

	ec2 *ec2.Client
	eks *eks.Client
	as  *autoscaling.Client
	efs *efs.Client
	iam *iam.Client
	s3  *s3.Client
	kms *kms.Client
	ecr *ecr.Client

	// ids maps planned ids, names and ARNs to moto's.
	ids map[string]string
	// ltVersion holds the latest version of each moto launch template.
	ltVersion map[string]int64
	// kube holds the fake Kubernetes objects built from the plan.
	kube []runtime.Object
	// issuer is the planned OIDC provider's URL; addons are the planned EKS
	// add-ons (moto has no add-on API: cpEKS answers them).
	issuer string
	addons map[string]ekstypes.Addon
	// pullThrough are the planned ECR pull-through cache rules and agents
	// the access hosts' SSM agents (moto 5.2.1 implements neither API:
	// cpPullThroughECR and cpSSM answer them).
	pullThrough []ecrtypes.PullThroughCacheRule
	agents      cpSSM
	// backups are the planned backup selections' resources by plan (moto 5
	// has no backup selection API: cpBackup answers them).
	backups cpBackup
}

// cpReleases answers EKS's public AMI release parameters (moto has none) with
// the release the mocks resolve for every version (internal/preview
// MockCall): the replayed node groups run EKS's latest.
type cpReleases struct{}

func (cpReleases) GetParameter(_ context.Context, in *ssm.GetParameterInput, _ ...func(*ssm.Options)) (*ssm.GetParameterOutput, error) {
	parts := strings.Split(aws.ToString(in.Name), "/")
	return &ssm.GetParameterOutput{Parameter: &ssmtypes.Parameter{Value: aws.String(parts[5] + ".0-20261120")}}, nil
}

// cpBackup answers AWS Backup's plans and selections: one selection per plan.
type cpBackup map[string][]string

func (b cpBackup) ListBackupPlans(context.Context, *backup.ListBackupPlansInput, ...func(*backup.Options)) (*backup.ListBackupPlansOutput, error) {
	out := &backup.ListBackupPlansOutput{}
	for id := range b {
		out.BackupPlansList = append(out.BackupPlansList, backuptypes.BackupPlansListMember{BackupPlanId: aws.String(id), BackupPlanName: aws.String(id)})
	}
	return out, nil
}

func (b cpBackup) ListBackupSelections(_ context.Context, in *backup.ListBackupSelectionsInput, _ ...func(*backup.Options)) (*backup.ListBackupSelectionsOutput, error) {
	return &backup.ListBackupSelectionsOutput{BackupSelectionsList: []backuptypes.BackupSelectionsListMember{{SelectionId: in.BackupPlanId}}}, nil
}

func (b cpBackup) GetBackupSelection(_ context.Context, in *backup.GetBackupSelectionInput, _ ...func(*backup.Options)) (*backup.GetBackupSelectionOutput, error) {
	return &backup.GetBackupSelectionOutput{BackupSelection: &backuptypes.BackupSelection{Resources: b[aws.ToString(in.BackupPlanId)]}}, nil
}

// backupSelection records the planned selection with moto's file system ids.
func (x *cpTranslator) backupSelection(in cpIn, _ preview.Resource) {
	in.only("planId", "iamRoleArn", "resources")
	var resources []string
	for _, res := range in.strs("resources") {
		if _, id, ok := strings.Cut(res, ":file-system/"); ok {
			res = "arn:aws:elasticfilesystem:" + mototest.Region + ":" + mototest.Account + ":file-system/" + x.ref(id)
		}
		resources = append(resources, res)
	}
	if x.backups == nil {
		x.backups = cpBackup{}
	}
	x.backups[in.str("planId")] = resources
}

// cpPullThroughECR is moto's ECR with the planned pull-through cache rules.
type cpPullThroughECR struct {
	checker.ECRAPI
	rules []ecrtypes.PullThroughCacheRule
}

func (e cpPullThroughECR) DescribePullThroughCacheRules(context.Context, *ecr.DescribePullThroughCacheRulesInput, ...func(*ecr.Options)) (*ecr.DescribePullThroughCacheRulesOutput, error) {
	return &ecr.DescribePullThroughCacheRulesOutput{PullThroughCacheRules: e.rules}, nil
}

// cpSSM answers DescribeInstanceInformation: every replayed access host's
// agent is online (a private subnet with NAT or the SSM endpoints, the
// managed instance policy: what the engine's rule ssm-managed-private-endpoints
// and the workload access-host require of the plan).
type cpSSM map[string]bool

func (a cpSSM) DescribeInstanceInformation(_ context.Context, in *ssm.DescribeInstanceInformationInput, _ ...func(*ssm.Options)) (*ssm.DescribeInstanceInformationOutput, error) {
	out := &ssm.DescribeInstanceInformationOutput{}
	for _, f := range in.Filters {
		for _, id := range f.Values {
			if aws.ToString(f.Key) == "InstanceIds" && a[id] {
				out.InstanceInformationList = append(out.InstanceInformationList, ssmtypes.InstanceInformation{InstanceId: aws.String(id), PingStatus: ssmtypes.PingStatusOnline})
			}
		}
	}
	return out, nil
}

// cpEKS is moto's EKS with what moto cannot hold: the planned add-ons and
// the cluster's OIDC issuer (moto invents one; the plan's roles trust the
// planned provider).
type cpEKS struct {
	checker.EKSAPI
	issuer string
	addons map[string]ekstypes.Addon
}

func (e cpEKS) DescribeCluster(ctx context.Context, in *eks.DescribeClusterInput, optFns ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	out, err := e.EKSAPI.DescribeCluster(ctx, in, optFns...)
	if err == nil && out.Cluster != nil && e.issuer != "" {
		out.Cluster.Identity = &ekstypes.Identity{Oidc: &ekstypes.OIDC{Issuer: aws.String("https://" + strings.TrimPrefix(e.issuer, "https://"))}}
	}
	return out, err
}

func (e cpEKS) ListAddons(context.Context, *eks.ListAddonsInput, ...func(*eks.Options)) (*eks.ListAddonsOutput, error) {
	return &eks.ListAddonsOutput{Addons: slices.Sorted(maps.Keys(e.addons))}, nil
}

func (e cpEKS) DescribeAddon(_ context.Context, in *eks.DescribeAddonInput, _ ...func(*eks.Options)) (*eks.DescribeAddonOutput, error) {
	a, ok := e.addons[aws.ToString(in.AddonName)]
	if !ok {
		return nil, &ekstypes.ResourceNotFoundException{Message: aws.String("no add-on " + aws.ToString(in.AddonName))}
	}
	return &eks.DescribeAddonOutput{Addon: &a}, nil
}

// mapID records that the planned id is the moto object moto.
func (x *cpTranslator) mapID(planned, moto string) {
	x.t.Helper()
	require.NotEmpty(x.t, planned)
	require.NotEmpty(x.t, moto, "moto returned no id for planned %s", planned)
	if prev, ok := x.ids[planned]; ok {
		require.Equal(x.t, prev, moto, "planned id %s mapped twice", planned)
	}
	x.ids[planned] = moto
}

// ref translates a planned id into moto's; the referenced object must have
// been replayed already.
func (x *cpTranslator) ref(planned string) string {
	x.t.Helper()
	moto, ok := x.ids[planned]
	require.True(x.t, ok, "planned id %q references nothing replayed into moto", planned)
	return moto
}

func (x *cpTranslator) refs(planned []string) []string {
	x.t.Helper()
	out := make([]string, len(planned))
	for i, p := range planned {
		out[i] = x.ref(p)
	}
	return out
}

// replay creates every planned resource in moto, in cpOrder.
func (x *cpTranslator) replay() {
	t := x.t
	x.ltVersion = map[string]int64{}
	handlers := map[string]func(cpIn, preview.Resource){
		cpVpc: x.vpc, cpIGW: x.igw, cpSubnet: x.subnet, cpEIP: x.eip, cpNAT: x.nat,
		cpRouteTable: x.routeTable, cpRTAssoc: x.rtAssoc, cpSG: x.securityGroup, cpSGRule: x.securityGroupRule,
		cpRole: x.role, cpRolePolicyAtt: x.rolePolicyAttachment, cpRolePolicy: x.rolePolicy, cpOIDC: x.oidc,
		cpEFS: x.fileSystem, cpEFSBackup: x.efsBackup, cpMountTarget: x.mountTarget,
		cpBucket: x.bucket, cpBucketSSE: x.bucketSSE, cpBucketPAB: x.bucketPAB, cpBucketOwner: x.bucketOwner,
		cpBucketPolicy: x.bucketPolicy, cpBucketVersions: x.bucketVersioning,
		cpCluster: x.cluster, cpLaunchTemplate: x.launchTemplate, cpNodeGroup: x.nodeGroup, cpASGTag: x.asgTag,
		cpStorageClass: x.storageClass,
		cpKMSKey:       x.kmsKey, cpKMSAlias: x.kmsAlias, cpAccessPoint: x.accessPoint,
		cpBucketLogging: x.bucketLogging, cpBucketLifecyle: x.bucketLifecycle, cpECR: x.repository,
		cpLogGroup: x.logGroup, cpFlowLog: x.flowLog,
		// moto has no EKS add-on API: recorded for cpEKS.
		cpAddon: x.addon,
		// The Kubernetes provider and the components themselves create nothing.
		cpK8sProvider: nil, cpComponent: nil, cpServiceRole: nil,
		// The eks:index:Cluster handler creates the cluster in moto from the
		// component's inputs (pulumi-eks's own security groups, rules and
		// role are replayed as the plan records them).
		cpEKSCluster: nil,
		// moto 5.2.1 has no access-entry API; the checker reads none.
		cpAccessEntry: nil, cpAccessPolicy: nil,
		// The checker reads no VPC endpoints.
		cpVpcEndpoint: nil,
		cpProfile:     x.instanceProfile, cpInstance: x.instance, cpPullThrough: x.pullThroughRule,
		// The vault and plan hold no state the checker reads; the selection
		// is recorded for cpBackup.
		cpBackupVault: nil, cpBackupPlan: nil, cpBackupSel: x.backupSelection,
	}
	byType := map[string][]preview.Resource{}
	for _, r := range x.plan.Resources {
		require.Contains(t, cpOrder, r.Type, "planned resource %s has a type this test does not replay", r.URN)
		byType[r.Type] = append(byType[r.Type], r)
	}
	byType[cpSG] = cpSGOrder(t, byType[cpSG])
	for _, typ := range cpOrder {
		h, ok := handlers[typ]
		require.True(t, ok, "no handler for %s", typ)
		for _, r := range byType[typ] {
			if h != nil {
				h(cpIn{t: t, where: r.Type + " " + r.Name, m: r.Inputs}, r)
			}
		}
	}
}

// --- network ---------------------------------------------------------------

func (x *cpTranslator) vpc(in cpIn, r preview.Resource) {
	in.only("cidrBlock", "enableDnsHostnames", "enableDnsSupport", "tags")
	out, err := x.ec2.CreateVpc(x.ctx, &ec2.CreateVpcInput{
		CidrBlock:         aws.String(in.str("cidrBlock")),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeVpc, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	id := out.Vpc.VpcId
	if in.has("enableDnsSupport") {
		_, err = x.ec2.ModifyVpcAttribute(x.ctx, &ec2.ModifyVpcAttributeInput{VpcId: id, EnableDnsSupport: &ec2types.AttributeBooleanValue{Value: aws.Bool(in.boolean("enableDnsSupport"))}})
		require.NoError(x.t, err)
	}
	if in.has("enableDnsHostnames") {
		_, err = x.ec2.ModifyVpcAttribute(x.ctx, &ec2.ModifyVpcAttributeInput{VpcId: id, EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(in.boolean("enableDnsHostnames"))}})
		require.NoError(x.t, err)
	}
	x.mapID(r.ID, aws.ToString(id))
}

func (x *cpTranslator) igw(in cpIn, r preview.Resource) {
	in.only("vpcId", "tags")
	out, err := x.ec2.CreateInternetGateway(x.ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeInternetGateway, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	_, err = x.ec2.AttachInternetGateway(x.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: out.InternetGateway.InternetGatewayId, VpcId: aws.String(x.ref(in.str("vpcId")))})
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.InternetGateway.InternetGatewayId))
}

func (x *cpTranslator) subnet(in cpIn, r preview.Resource) {
	in.only("vpcId", "cidrBlock", "availabilityZone", "mapPublicIpOnLaunch", "tags")
	out, err := x.ec2.CreateSubnet(x.ctx, &ec2.CreateSubnetInput{
		VpcId:             aws.String(x.ref(in.str("vpcId"))),
		CidrBlock:         aws.String(in.str("cidrBlock")),
		AvailabilityZone:  aws.String(in.str("availabilityZone")),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeSubnet, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	if in.has("mapPublicIpOnLaunch") {
		_, err = x.ec2.ModifySubnetAttribute(x.ctx, &ec2.ModifySubnetAttributeInput{SubnetId: out.Subnet.SubnetId,
			MapPublicIpOnLaunch: &ec2types.AttributeBooleanValue{Value: aws.Bool(in.boolean("mapPublicIpOnLaunch"))}})
		require.NoError(x.t, err)
	}
	x.mapID(r.ID, aws.ToString(out.Subnet.SubnetId))
}

func (x *cpTranslator) eip(in cpIn, r preview.Resource) {
	in.only("domain", "tags")
	require.Equal(x.t, "vpc", in.str("domain"))
	out, err := x.ec2.AllocateAddress(x.ctx, &ec2.AllocateAddressInput{
		Domain:            ec2types.DomainTypeVpc,
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeElasticIp, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.AllocationId))
}

func (x *cpTranslator) nat(in cpIn, r preview.Resource) {
	in.only("allocationId", "subnetId", "tags")
	out, err := x.ec2.CreateNatGateway(x.ctx, &ec2.CreateNatGatewayInput{
		AllocationId:      aws.String(x.ref(in.str("allocationId"))),
		SubnetId:          aws.String(x.ref(in.str("subnetId"))),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeNatgateway, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.NatGateway.NatGatewayId))
}

func (x *cpTranslator) routeTable(in cpIn, r preview.Resource) {
	in.only("vpcId", "routes", "tags")
	out, err := x.ec2.CreateRouteTable(x.ctx, &ec2.CreateRouteTableInput{
		VpcId:             aws.String(x.ref(in.str("vpcId"))),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeRouteTable, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	for _, rt := range in.objs("routes") {
		rt.only("cidrBlock", "gatewayId", "natGatewayId")
		route := &ec2.CreateRouteInput{RouteTableId: out.RouteTable.RouteTableId, DestinationCidrBlock: aws.String(rt.str("cidrBlock"))}
		switch {
		case rt.has("gatewayId"):
			route.GatewayId = aws.String(x.ref(rt.str("gatewayId")))
		case rt.has("natGatewayId"):
			route.NatGatewayId = aws.String(x.ref(rt.str("natGatewayId")))
		default:
			x.t.Fatalf("%s: route without a target: %v", in.where, rt.m)
		}
		require.NoError(x.t, mototest.CreateRoute(x.ctx, x.ec2, route))
	}
	x.mapID(r.ID, aws.ToString(out.RouteTable.RouteTableId))
}

func (x *cpTranslator) rtAssoc(in cpIn, r preview.Resource) {
	in.only("subnetId", "routeTableId")
	out, err := x.ec2.AssociateRouteTable(x.ctx, &ec2.AssociateRouteTableInput{
		RouteTableId: aws.String(x.ref(in.str("routeTableId"))),
		SubnetId:     aws.String(x.ref(in.str("subnetId"))),
	})
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.AssociationId))
}

// securityGroup creates the group, then replaces moto's default allow-all
// egress with the planned egress, as the AWS provider does.
func (x *cpTranslator) securityGroup(in cpIn, r preview.Resource) {
	in.only("vpcId", "description", "ingress", "egress", "tags",
		// Ignored: how the provider deletes the group's rules.
		"revokeRulesOnDelete")
	vpcID := x.ref(in.str("vpcId"))
	out, err := x.ec2.CreateSecurityGroup(x.ctx, &ec2.CreateSecurityGroupInput{
		// The AWS provider auto-names the group from the logical name plus a
		// random suffix; the VPC id plays the suffix here, so parallel cases
		// sharing one moto never collide.
		GroupName:         aws.String(r.Name + "-" + strings.TrimPrefix(vpcID, "vpc-")),
		Description:       aws.String(in.str("description")),
		VpcId:             aws.String(vpcID),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeSecurityGroup, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	id := aws.ToString(out.GroupId)
	x.mapID(r.ID, id)
	require.NoError(x.t, mototest.RevokeDefaultEgress(x.ctx, x.ec2, id))
	var ingress, egress []ec2types.IpPermission
	for _, rule := range in.objs("ingress") {
		ingress = append(ingress, x.permission(rule, id))
	}
	for _, rule := range in.objs("egress") {
		egress = append(egress, x.permission(rule, id))
	}
	if len(ingress) > 0 {
		_, err = x.ec2.AuthorizeSecurityGroupIngress(x.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &id, IpPermissions: ingress})
		require.NoError(x.t, err)
	}
	if len(egress) > 0 {
		_, err = x.ec2.AuthorizeSecurityGroupEgress(x.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: &id, IpPermissions: egress})
		require.NoError(x.t, err)
	}
}

// cpSGOrder orders security groups so that a group whose inline rules name
// another planned group comes after it (the endpoints' group admits the
// access host's, created later in the plan).
func cpSGOrder(t *testing.T, groups []preview.Resource) []preview.Resource {
	planned := map[string]bool{}
	for _, g := range groups {
		planned[g.ID] = true
	}
	refs := func(g preview.Resource) []string {
		var out []string
		for _, dir := range []string{"ingress", "egress"} {
			rules, _ := g.Inputs[dir].([]any)
			for _, rule := range rules {
				sgs, _ := preview.Field(rule, "securityGroups").([]any)
				for _, sg := range sgs {
					if id, _ := sg.(string); planned[id] {
						out = append(out, id)
					}
				}
			}
		}
		return out
	}
	var out []preview.Resource
	done := map[string]bool{}
	for len(out) < len(groups) {
		n := len(out)
		for _, g := range groups {
			if done[g.ID] || slices.ContainsFunc(refs(g), func(id string) bool { return !done[id] && id != g.ID }) {
				continue
			}
			done[g.ID] = true
			out = append(out, g)
		}
		require.Greater(t, len(out), n, "security groups reference each other in a cycle")
	}
	return out
}

// permission converts an inline security group rule.
func (x *cpTranslator) permission(rule cpIn, self string) ec2types.IpPermission {
	rule.only("description", "protocol", "fromPort", "toPort", "self", "cidrBlocks", "securityGroups")
	p := cpPorts(rule.str("protocol"), rule.i32("fromPort"), rule.i32("toPort"))
	desc := aws.String(rule.str("description"))
	if rule.boolean("self") {
		p.UserIdGroupPairs = append(p.UserIdGroupPairs, ec2types.UserIdGroupPair{GroupId: aws.String(self), Description: desc})
	}
	for _, sg := range rule.strs("securityGroups") {
		p.UserIdGroupPairs = append(p.UserIdGroupPairs, ec2types.UserIdGroupPair{GroupId: aws.String(x.ref(sg)), Description: desc})
	}
	for _, c := range rule.strs("cidrBlocks") {
		p.IpRanges = append(p.IpRanges, ec2types.IpRange{CidrIp: aws.String(c), Description: desc})
	}
	require.True(x.t, len(p.UserIdGroupPairs)+len(p.IpRanges) > 0, "%s: rule without a source: %v", rule.where, rule.m)
	return p
}

// cpPorts builds a permission's protocol and ports; EC2 ignores ports for
// protocol -1 and does not report them.
func cpPorts(protocol string, from, to int32) ec2types.IpPermission {
	p := ec2types.IpPermission{IpProtocol: aws.String(protocol)}
	if protocol != "-1" {
		p.FromPort, p.ToPort = aws.Int32(from), aws.Int32(to)
	}
	return p
}

func (x *cpTranslator) securityGroupRule(in cpIn, r preview.Resource) {
	in.only("type", "description", "protocol", "fromPort", "toPort", "securityGroupId", "sourceSecurityGroupId", "cidrBlocks", "self")
	if strings.HasSuffix(r.Name, "-access-host-to-api") {
		// Its target is the EKS-managed cluster security group, which EKS
		// creates (not replayed); the checker reads no rule of it.
		return
	}
	p := cpPorts(in.str("protocol"), in.i32("fromPort"), in.i32("toPort"))
	group := x.ref(in.str("securityGroupId"))
	desc := aws.String(in.str("description"))
	if in.has("sourceSecurityGroupId") {
		p.UserIdGroupPairs = append(p.UserIdGroupPairs, ec2types.UserIdGroupPair{GroupId: aws.String(x.ref(in.str("sourceSecurityGroupId"))), Description: desc})
	}
	if in.boolean("self") {
		p.UserIdGroupPairs = append(p.UserIdGroupPairs, ec2types.UserIdGroupPair{GroupId: aws.String(group), Description: desc})
	}
	for _, c := range in.strs("cidrBlocks") {
		p.IpRanges = append(p.IpRanges, ec2types.IpRange{CidrIp: aws.String(c), Description: desc})
	}
	require.True(x.t, len(p.UserIdGroupPairs)+len(p.IpRanges) > 0, "%s: rule without a source", in.where)
	var err error
	switch in.str("type") {
	case "ingress":
		_, err = x.ec2.AuthorizeSecurityGroupIngress(x.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &group, IpPermissions: []ec2types.IpPermission{p}})
	case "egress":
		_, err = x.ec2.AuthorizeSecurityGroupEgress(x.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: &group, IpPermissions: []ec2types.IpPermission{p}})
	default:
		x.t.Fatalf("%s: rule type %q", in.where, in.str("type"))
	}
	require.NoError(x.t, err)
}

// --- IAM ---------------------------------------------------------------------

func (x *cpTranslator) role(in cpIn, r preview.Resource) {
	in.only("assumeRolePolicy", "description", "tags")
	name := cpOutputStr(x.t, r, "name")
	out, err := x.iam.CreateRole(x.ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(in.str("assumeRolePolicy")),
		Description:              aws.String(in.str("description")),
		Tags:                     cpIAMTags(in.strMap("tags")),
	})
	require.NoError(x.t, err)
	x.mapID(name, aws.ToString(out.Role.RoleName))
	x.mapID(r.URN, aws.ToString(out.Role.RoleName)) // a role passed as a resource (pulumi-eks) is recorded as its URN
	x.mapID(cpOutputStr(x.t, r, "arn"), aws.ToString(out.Role.Arn))
}

func (x *cpTranslator) rolePolicyAttachment(in cpIn, _ preview.Resource) {
	in.only("role", "policyArn")
	// Only AWS managed policies are attached; moto loads them
	// (MOTO_IAM_LOAD_MANAGED_POLICIES), so their ARNs are moto's too.
	arn := in.str("policyArn")
	require.True(x.t, strings.HasPrefix(arn, "arn:aws:iam::aws:policy/"), "%s: not an AWS managed policy: %s", in.where, arn)
	_, err := x.iam.AttachRolePolicy(x.ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(x.ref(in.str("role"))), PolicyArn: aws.String(arn)})
	require.NoError(x.t, err)
}

func (x *cpTranslator) rolePolicy(in cpIn, r preview.Resource) {
	in.only("role", "policy")
	// An S3 policy names the buckets by ARN; bucket names are global and
	// replayed unchanged. Other ARNs (the customer key, repositories, log
	// groups) are translated to moto's. The inline policy is auto-named like
	// the resource's planned id.
	policy := in.str("policy")
	if strings.Contains(policy, `"s3:`) {
		logTargets := map[string]bool{}
		for _, l := range x.plan.Find(cpBucketLogging) {
			logTargets[l.Inputs["targetBucket"].(string)] = true
		}
		for _, b := range x.plan.Find(cpBucket) {
			if name := cpOutputStr(x.t, b, "bucket"); logTargets[name] {
				require.NotContains(x.t, policy, "arn:aws:s3:::"+name, "%s: nodes get nothing on the access-log bucket", in.where)
			} else {
				require.Contains(x.t, policy, "arn:aws:s3:::"+name, "%s: policy must name every planned data bucket", in.where)
			}
		}
	}
	for planned, moto := range x.ids {
		if strings.HasPrefix(planned, "arn:") {
			policy = strings.ReplaceAll(policy, planned, moto)
		}
	}
	_, err := x.iam.PutRolePolicy(x.ctx, &iam.PutRolePolicyInput{
		RoleName:       aws.String(x.ref(in.str("role"))),
		PolicyName:     aws.String(r.ID),
		PolicyDocument: aws.String(policy),
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) oidc(in cpIn, r preview.Resource) {
	in.only("url", "clientIdLists", "tags")
	out, err := x.iam.CreateOpenIDConnectProvider(x.ctx, &iam.CreateOpenIDConnectProviderInput{
		Url:          aws.String(in.str("url")),
		ClientIDList: in.strs("clientIdLists"),
		Tags:         cpIAMTags(in.strMap("tags")),
	})
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.OpenIDConnectProviderArn))
	x.issuer = in.str("url")
}

// addon records a planned EKS add-on; the vpc-cni add-on with network
// policy on runs the network policy agent in aws-node on every node.
func (x *cpTranslator) addon(in cpIn, _ preview.Resource) {
	in.only("clusterName", "addonName", "addonVersion", "configurationValues", "serviceAccountRoleArn",
		"resolveConflictsOnCreate", "resolveConflictsOnUpdate", "tags")
	name := in.str("addonName")
	a := ekstypes.Addon{AddonName: aws.String(name), ClusterName: aws.String(x.ref(in.str("clusterName"))), AddonVersion: aws.String(in.str("addonVersion"))}
	if in.has("configurationValues") {
		a.ConfigurationValues = aws.String(in.str("configurationValues"))
	}
	if in.has("serviceAccountRoleArn") {
		a.ServiceAccountRoleArn = aws.String(x.ref(in.str("serviceAccountRoleArn")))
	}
	if x.addons == nil {
		x.addons = map[string]ekstypes.Addon{}
	}
	x.addons[name] = a
	if name == "vpc-cni" && workloads.NetworkPolicyEnabled(aws.ToString(a.ConfigurationValues)) {
		nodes := int32(0)
		for _, o := range x.kube {
			if _, ok := o.(*corev1.Node); ok {
				nodes++
			}
		}
		x.kube = append(x.kube, &appsv1.DaemonSet{
			ObjectMeta: metav1.ObjectMeta{Name: "aws-node", Namespace: "kube-system"},
			// The add-on's DaemonSet tolerates every taint (amazon-vpc-cni-k8s
			// chart values: tolerations operator Exists).
			Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{
				{Name: "aws-node"}, {Name: "aws-network-policy-agent"},
			}, Tolerations: []corev1.Toleration{{Operator: corev1.TolerationOpExists}}}}},
			Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: nodes, NumberReady: nodes},
		})
	}
}

// --- EFS ---------------------------------------------------------------------

func (x *cpTranslator) fileSystem(in cpIn, r preview.Resource) {
	in.only("encrypted", "kmsKeyId", "performanceMode", "throughputMode", "provisionedThroughputInMibps", "tags")
	fs := &efs.CreateFileSystemInput{
		CreationToken:   aws.String(r.URN),
		Encrypted:       aws.Bool(in.boolean("encrypted")),
		PerformanceMode: efstypes.PerformanceMode(in.str("performanceMode")),
		ThroughputMode:  efstypes.ThroughputMode(in.str("throughputMode")),
	}
	if in.has("kmsKeyId") {
		fs.KmsKeyId = aws.String(x.ref(in.str("kmsKeyId")))
	}
	if in.has("provisionedThroughputInMibps") {
		fs.ProvisionedThroughputInMibps = aws.Float64(in.num("provisionedThroughputInMibps"))
	}
	for _, k := range slices.Sorted(maps.Keys(in.strMap("tags"))) {
		fs.Tags = append(fs.Tags, efstypes.Tag{Key: aws.String(k), Value: aws.String(in.strMap("tags")[k])})
	}
	out, err := x.efs.CreateFileSystem(x.ctx, fs)
	require.NoError(x.t, err)
	x.mapID(r.ID, aws.ToString(out.FileSystemId))
	// The node role's EFS lookup policy names the file system by ARN.
	x.mapID(cpOutputStr(x.t, r, "arn"), aws.ToString(out.FileSystemArn))
}

// efsBackup only validates the planned backup policy: moto 5.2.1 does not
// implement PutBackupPolicy (HTTP 500), and the checker does not read it.
func (x *cpTranslator) efsBackup(in cpIn, _ preview.Resource) {
	in.only("fileSystemId", "backupPolicy")
	bp := in.obj("backupPolicy")
	bp.only("status")
	x.ref(in.str("fileSystemId"))
	// EFS's automatic backups are off when the plan has its own AWS Backup
	// plan (domino/backup.go: one copy, not two), on otherwise.
	want := efstypes.StatusEnabled
	if len(x.plan.Find(cpBackupSel)) > 0 {
		want = efstypes.StatusDisabled
	}
	require.Equal(x.t, string(want), bp.str("status"), "%s: backups", in.where)
}

func (x *cpTranslator) mountTarget(in cpIn, r preview.Resource) {
	in.only("fileSystemId", "subnetId", "securityGroups")
	id, err := mototest.CreateMountTarget(x.ctx, x.efs, &efs.CreateMountTargetInput{
		FileSystemId:   aws.String(x.ref(in.str("fileSystemId"))),
		SubnetId:       aws.String(x.ref(in.str("subnetId"))),
		SecurityGroups: x.refs(in.strs("securityGroups")),
	})
	require.NoError(x.t, err)
	x.mapID(r.ID, id)
}

// --- S3 ----------------------------------------------------------------------

func (x *cpTranslator) bucket(in cpIn, r preview.Resource) {
	// forceDestroy only affects how the provider deletes the bucket.
	in.only("bucket", "forceDestroy", "tags")
	name := in.str("bucket")
	_, err := x.s3.CreateBucket(x.ctx, &s3.CreateBucketInput{
		Bucket:                    aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(mototest.Region)},
	})
	require.NoError(x.t, err)
	if tags := in.strMap("tags"); len(tags) > 0 {
		var tagSet []s3types.Tag
		for _, k := range slices.Sorted(maps.Keys(tags)) {
			tagSet = append(tagSet, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
		}
		_, err = x.s3.PutBucketTagging(x.ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(name), Tagging: &s3types.Tagging{TagSet: tagSet}})
		require.NoError(x.t, err)
	}
	x.mapID(r.ID, name)
}

func (x *cpTranslator) bucketSSE(in cpIn, _ preview.Resource) {
	in.only("bucket", "rules")
	var rules []s3types.ServerSideEncryptionRule
	for _, rule := range in.objs("rules") {
		rule.only("applyServerSideEncryptionByDefault", "bucketKeyEnabled")
		def := rule.obj("applyServerSideEncryptionByDefault")
		def.only("sseAlgorithm", "kmsMasterKeyId")
		by := &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryption(def.str("sseAlgorithm"))}
		if def.has("kmsMasterKeyId") {
			by.KMSMasterKeyID = aws.String(x.ref(def.str("kmsMasterKeyId")))
		}
		rules = append(rules, s3types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: by, BucketKeyEnabled: aws.Bool(rule.boolean("bucketKeyEnabled"))})
	}
	_, err := x.s3.PutBucketEncryption(x.ctx, &s3.PutBucketEncryptionInput{
		Bucket:                            aws.String(x.ref(in.str("bucket"))),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: rules},
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) bucketPAB(in cpIn, _ preview.Resource) {
	in.only("bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
	_, err := x.s3.PutPublicAccessBlock(x.ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(x.ref(in.str("bucket"))),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls:       aws.Bool(in.boolean("blockPublicAcls")),
			BlockPublicPolicy:     aws.Bool(in.boolean("blockPublicPolicy")),
			IgnorePublicAcls:      aws.Bool(in.boolean("ignorePublicAcls")),
			RestrictPublicBuckets: aws.Bool(in.boolean("restrictPublicBuckets")),
		},
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) bucketOwner(in cpIn, _ preview.Resource) {
	in.only("bucket", "rule")
	rule := in.obj("rule")
	rule.only("objectOwnership")
	_, err := x.s3.PutBucketOwnershipControls(x.ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(x.ref(in.str("bucket"))),
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{
			ObjectOwnership: s3types.ObjectOwnership(rule.str("objectOwnership")),
		}}},
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) bucketPolicy(in cpIn, _ preview.Resource) {
	in.only("bucket", "policy")
	_, err := x.s3.PutBucketPolicy(x.ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(x.ref(in.str("bucket"))), Policy: aws.String(in.str("policy"))})
	require.NoError(x.t, err)
}

func (x *cpTranslator) bucketVersioning(in cpIn, _ preview.Resource) {
	in.only("bucket", "versioningConfiguration")
	vc := in.obj("versioningConfiguration")
	vc.only("status")
	_, err := x.s3.PutBucketVersioning(x.ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(x.ref(in.str("bucket"))),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatus(vc.str("status"))},
	})
	require.NoError(x.t, err)
}

// --- EKS ---------------------------------------------------------------------

// cluster replays the pulumi-eks Cluster component. Its children are not
// in the plan (the mocks see only the component), so this creates what it
// would: the cluster's IAM role and the EKS cluster, whose EKS-managed
// cluster security group is created here as EKS would and reported through
// DescribeCluster.
func (x *cpTranslator) cluster(in cpIn, r preview.Resource) {
	in.only("name", "version", "vpcId", "privateSubnetIds", "publicSubnetIds",
		"endpointPrivateAccess", "endpointPublicAccess", "publicAccessCidrs", "enabledClusterLogTypes", "tags",
		// Ignored: no OIDC provider from the component (the plan has its
		// own, replayed above).
		"createOidcProvider",
		// Ignored: in-cluster settings (VPC CNI, aws-auth role mapping).
		"useDefaultVpcCni", "instanceRoles",
		// Ignored: cluster access (authentication mode, access entries):
		// moto 5.2.1 has no access-entry API and drops accessConfig, and the
		// checker reads neither. Asserted below: nodes are mapped.
		"authenticationMode", "accessEntries", "instanceRole",
		// Ignored: only affect pulumi-eks self-managed node groups, which
		// skipDefaultNodeGroup turns off (asserted below).
		"skipDefaultNodeGroup", "nodeAssociatePublicIpAddress",
		"encryptionConfigKeyArn",
		// Ignored: the secrets-key tag the component's key-change guard reads back; the checker reads no cluster tag.
		"clusterTags")
	require.True(x.t, in.boolean("skipDefaultNodeGroup"), "the replay assumes no pulumi-eks default node group")
	require.False(x.t, in.has("createOidcProvider") && in.boolean("createOidcProvider"), "the replay assumes the component's own OIDC provider")
	if in.has("authenticationMode") && in.str("authenticationMode") == "API" {
		require.True(x.t, in.has("instanceRole"), "the node role is given to pulumi-eks, which maps it with an EC2_LINUX access entry")
	}
	name := in.str("name")
	vpcID := x.ref(in.str("vpcId"))

	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	role, err := x.iam.CreateRole(x.ctx, &iam.CreateRoleInput{RoleName: aws.String(r.Name + "-eksRole"), AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(x.t, err)

	// The EKS-managed cluster security group: nodes and control plane talk
	// through it (self ingress, all egress).
	sg, err := x.ec2.CreateSecurityGroup(x.ctx, &ec2.CreateSecurityGroupInput{
		GroupName:   aws.String("eks-cluster-sg-" + name),
		Description: aws.String("EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads."),
		VpcId:       aws.String(vpcID),
		TagSpecifications: cpEC2Tags(ec2types.ResourceTypeSecurityGroup, map[string]string{
			"kubernetes.io/cluster/" + name: "owned", "aws:eks:cluster-name": name,
		}),
	})
	require.NoError(x.t, err)
	_, err = x.ec2.AuthorizeSecurityGroupIngress(x.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("-1"), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: sg.GroupId}},
	}}})
	require.NoError(x.t, err)
	vpcConfig, ok := r.Outputs["vpcConfig"].(map[string]any)
	require.True(x.t, ok, "%s: no vpcConfig output", in.where)
	plannedSG, _ := vpcConfig["clusterSecurityGroupId"].(string)
	x.mapID(plannedSG, aws.ToString(sg.GroupId))

	// pulumi-eks gives the control plane both the private and the public
	// subnets.
	subnets := x.refs(append(in.strs("privateSubnetIds"), in.strs("publicSubnetIds")...))
	req := &eks.CreateClusterInput{
		Name:    aws.String(name),
		Version: aws.String(in.str("version")),
		RoleArn: role.Role.Arn,
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{
			SubnetIds:             subnets,
			EndpointPrivateAccess: aws.Bool(in.boolean("endpointPrivateAccess")),
			EndpointPublicAccess:  aws.Bool(in.boolean("endpointPublicAccess")),
			PublicAccessCidrs:     in.strs("publicAccessCidrs"),
		},
		Logging: &ekstypes.Logging{ClusterLogging: []ekstypes.LogSetup{{Enabled: aws.Bool(true)}}},
		Tags:    in.strMap("tags"),
	}
	if in.has("encryptionConfigKeyArn") {
		req.EncryptionConfig = []ekstypes.EncryptionConfig{{
			Provider:  &ekstypes.Provider{KeyArn: aws.String(x.ref(in.str("encryptionConfigKeyArn")))},
			Resources: []string{"secrets"},
		}}
	}
	for _, lt := range in.strs("enabledClusterLogTypes") {
		req.Logging.ClusterLogging[0].Types = append(req.Logging.ClusterLogging[0].Types, ekstypes.LogType(lt))
	}
	_, err = x.eks.CreateCluster(x.ctx, req, mototest.InjectClusterVpcConfig(map[string]any{
		"vpcId": vpcID, "clusterSecurityGroupId": aws.ToString(sg.GroupId),
	}))
	require.NoError(x.t, err)
	got, err := x.eks.DescribeCluster(x.ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
	require.NoError(x.t, err)
	require.Equal(x.t, aws.ToString(sg.GroupId), aws.ToString(got.Cluster.ResourcesVpcConfig.ClusterSecurityGroupId))
	x.mapID(name, aws.ToString(got.Cluster.Name))
}

func (x *cpTranslator) launchTemplate(in cpIn, r preview.Resource) {
	in.only("blockDeviceMappings", "metadataOptions", "userData", "vpcSecurityGroupIds", "tagSpecifications", "tags",
		"instanceType", "imageId", "networkInterfaces",
		// Ignored: descriptive, or provider-side behaviour (a new version
		// becomes the default; one version exists here).
		"description", "updateDefaultVersion")
	data := &ec2types.RequestLaunchTemplateData{SecurityGroupIds: x.refs(in.strs("vpcSecurityGroupIds"))}
	if in.has("instanceType") {
		data.InstanceType = ec2types.InstanceType(in.str("instanceType"))
	}
	if in.has("imageId") {
		data.ImageId = aws.String(in.str("imageId"))
	}
	if in.has("userData") {
		data.UserData = aws.String(in.str("userData"))
	}
	for _, bdm := range in.objs("blockDeviceMappings") {
		bdm.only("deviceName", "ebs")
		ebs := bdm.obj("ebs")
		ebs.only("volumeSize", "volumeType", "encrypted", "deleteOnTermination", "iops", "throughput", "kmsKeyId")
		req := &ec2types.LaunchTemplateEbsBlockDeviceRequest{
			VolumeSize:          aws.Int32(ebs.i32("volumeSize")),
			VolumeType:          ec2types.VolumeType(ebs.str("volumeType")),
			Encrypted:           aws.Bool(ebs.boolean("encrypted")),
			DeleteOnTermination: aws.Bool(ebs.boolean("deleteOnTermination")),
		}
		if ebs.has("iops") {
			req.Iops = aws.Int32(ebs.i32("iops"))
		}
		if ebs.has("throughput") {
			req.Throughput = aws.Int32(ebs.i32("throughput"))
		}
		if ebs.has("kmsKeyId") {
			req.KmsKeyId = aws.String(x.ref(ebs.str("kmsKeyId")))
		}
		data.BlockDeviceMappings = append(data.BlockDeviceMappings, ec2types.LaunchTemplateBlockDeviceMappingRequest{DeviceName: aws.String(bdm.str("deviceName")), Ebs: req})
	}
	if in.has("metadataOptions") {
		md := in.obj("metadataOptions")
		md.only("httpEndpoint", "httpTokens", "httpPutResponseHopLimit")
		data.MetadataOptions = &ec2types.LaunchTemplateInstanceMetadataOptionsRequest{
			HttpEndpoint:            ec2types.LaunchTemplateInstanceMetadataEndpointState(md.str("httpEndpoint")),
			HttpTokens:              ec2types.LaunchTemplateHttpTokensState(md.str("httpTokens")),
			HttpPutResponseHopLimit: aws.Int32(md.i32("httpPutResponseHopLimit")),
		}
	}
	for _, ni := range in.objs("networkInterfaces") {
		ni.only("deviceIndex", "associatePublicIpAddress", "securityGroups")
		data.NetworkInterfaces = append(data.NetworkInterfaces, ec2types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{
			DeviceIndex:              aws.Int32(ni.i32("deviceIndex")),
			AssociatePublicIpAddress: aws.Bool(ni.boolean("associatePublicIpAddress")),
			Groups:                   x.refs(ni.strs("securityGroups")),
		})
	}
	for _, ts := range in.objs("tagSpecifications") {
		ts.only("resourceType", "tags")
		var tags []ec2types.Tag
		for _, k := range slices.Sorted(maps.Keys(ts.strMap("tags"))) {
			tags = append(tags, ec2types.Tag{Key: aws.String(k), Value: aws.String(ts.strMap("tags")[k])})
		}
		data.TagSpecifications = append(data.TagSpecifications, ec2types.LaunchTemplateTagSpecificationRequest{ResourceType: ec2types.ResourceType(ts.str("resourceType")), Tags: tags})
	}
	out, err := x.ec2.CreateLaunchTemplate(x.ctx, &ec2.CreateLaunchTemplateInput{
		// The AWS provider auto-names the template from the logical name.
		LaunchTemplateName: aws.String(r.Name),
		LaunchTemplateData: data,
		TagSpecifications:  cpEC2Tags(ec2types.ResourceTypeLaunchTemplate, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	id := aws.ToString(out.LaunchTemplate.LaunchTemplateId)
	x.mapID(r.ID, id)
	x.ltVersion[id] = aws.ToInt64(out.LaunchTemplate.LatestVersionNumber)
	require.EqualValues(x.t, r.Outputs["latestVersion"], x.ltVersion[id], "%s: planned and replayed latest versions differ", in.where)
}

// nodeGroup replays a managed node group, then creates the Auto Scaling
// group EKS would create for it: moto 5.2.1 reports an ASG name but does not
// create the group. The planned ASG name maps to moto's.
func (x *cpTranslator) nodeGroup(in cpIn, r preview.Resource) {
	in.only("clusterName", "nodeRoleArn", "subnetIds", "version", "releaseVersion", "amiType", "capacityType", "instanceTypes",
		"scalingConfig", "updateConfig", "labels", "taints", "launchTemplate", "tags")
	name := cpOutputStr(x.t, r, "nodeGroupName")
	cluster := x.ref(in.str("clusterName"))
	sc := in.obj("scalingConfig")
	sc.only("minSize", "maxSize", "desiredSize")
	uc := in.obj("updateConfig")
	uc.only("maxUnavailable", "maxUnavailablePercentage")
	update := &ekstypes.NodegroupUpdateConfig{}
	if uc.has("maxUnavailablePercentage") {
		update.MaxUnavailablePercentage = aws.Int32(uc.i32("maxUnavailablePercentage"))
	} else {
		update.MaxUnavailable = aws.Int32(uc.i32("maxUnavailable"))
	}
	lt := in.obj("launchTemplate")
	lt.only("id", "version")
	ltID := x.ref(lt.str("id"))
	require.Equal(x.t, fmt.Sprint(x.ltVersion[ltID]), lt.str("version"), "%s: launch template version", in.where)
	var taints []ekstypes.Taint
	for _, tn := range in.objs("taints") {
		tn.only("key", "value", "effect")
		taints = append(taints, ekstypes.Taint{Key: aws.String(tn.str("key")), Value: aws.String(tn.str("value")), Effect: ekstypes.TaintEffect(tn.str("effect"))})
	}
	subnets := x.refs(in.strs("subnetIds"))
	_, err := x.eks.CreateNodegroup(x.ctx, &eks.CreateNodegroupInput{
		ClusterName:    aws.String(cluster),
		NodegroupName:  aws.String(name),
		NodeRole:       aws.String(x.ref(in.str("nodeRoleArn"))),
		Subnets:        subnets,
		Version:        aws.String(in.str("version")),
		ReleaseVersion: aws.String(in.str("releaseVersion")),
		AmiType:        ekstypes.AMITypes(in.str("amiType")),
		CapacityType:   ekstypes.CapacityTypes(in.str("capacityType")),
		InstanceTypes:  in.strs("instanceTypes"),
		ScalingConfig: &ekstypes.NodegroupScalingConfig{
			MinSize: aws.Int32(sc.i32("minSize")), MaxSize: aws.Int32(sc.i32("maxSize")), DesiredSize: aws.Int32(sc.i32("desiredSize")),
		},
		UpdateConfig:   update,
		Labels:         in.strMap("labels"),
		Taints:         taints,
		LaunchTemplate: &ekstypes.LaunchTemplateSpecification{Id: aws.String(ltID), Version: aws.String(lt.str("version"))},
		Tags:           in.strMap("tags"),
	})
	require.NoError(x.t, err)
	ng, err := x.eks.DescribeNodegroup(x.ctx, &eks.DescribeNodegroupInput{ClusterName: aws.String(cluster), NodegroupName: aws.String(name)})
	require.NoError(x.t, err)
	require.NotNil(x.t, ng.Nodegroup.Resources)
	require.Len(x.t, ng.Nodegroup.Resources.AutoScalingGroups, 1)
	asg := aws.ToString(ng.Nodegroup.Resources.AutoScalingGroups[0].Name)
	_, err = x.as.CreateAutoScalingGroup(x.ctx, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(asg),
		MinSize:              aws.Int32(0), MaxSize: aws.Int32(sc.i32("maxSize")), DesiredCapacity: aws.Int32(0),
		LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateId: aws.String(ltID), Version: aws.String(lt.str("version"))},
		VPCZoneIdentifier: aws.String(strings.Join(subnets, ",")),
	})
	require.NoError(x.t, err)

	planned := cpPlannedASG(x.t, r)
	x.mapID(planned, asg)

	// One running node per node group, labelled as EKS labels it.
	labels := map[string]string{"eks.amazonaws.com/nodegroup": name}
	for k, v := range in.strMap("labels") {
		labels[k] = v
	}
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("ip-10-0-%d-10.us-west-2.compute.internal", len(x.kube)), Labels: labels}}
	for _, tn := range taints {
		effect := map[ekstypes.TaintEffect]corev1.TaintEffect{
			ekstypes.TaintEffectNoSchedule: corev1.TaintEffectNoSchedule, ekstypes.TaintEffectNoExecute: corev1.TaintEffectNoExecute,
			ekstypes.TaintEffectPreferNoSchedule: corev1.TaintEffectPreferNoSchedule,
		}[tn.Effect]
		require.NotEmpty(x.t, effect, "%s: taint effect %s", in.where, tn.Effect)
		node.Spec.Taints = append(node.Spec.Taints, corev1.Taint{Key: aws.ToString(tn.Key), Value: aws.ToString(tn.Value), Effect: effect})
	}
	x.kube = append(x.kube, node)
}

// cpPlannedASG returns the Auto Scaling group name the plan reports for a
// node group.
func cpPlannedASG(t *testing.T, r preview.Resource) string {
	t.Helper()
	res, _ := r.Outputs["resources"].([]any)
	require.Len(t, res, 1, "%s: resources output", r.Name)
	groups, _ := res[0].(map[string]any)["autoscalingGroups"].([]any)
	require.Len(t, groups, 1, "%s: autoscalingGroups output", r.Name)
	name, _ := groups[0].(map[string]any)["name"].(string)
	require.NotEmpty(t, name)
	return name
}

func (x *cpTranslator) asgTag(in cpIn, _ preview.Resource) {
	in.only("autoscalingGroupName", "tag")
	tag := in.obj("tag")
	tag.only("key", "value", "propagateAtLaunch")
	asg := x.ref(in.str("autoscalingGroupName"))
	_, err := x.as.CreateOrUpdateTags(x.ctx, &autoscaling.CreateOrUpdateTagsInput{Tags: []astypes.Tag{{
		ResourceId: aws.String(asg), ResourceType: aws.String("auto-scaling-group"),
		Key: aws.String(tag.str("key")), Value: aws.String(tag.str("value")), PropagateAtLaunch: aws.Bool(tag.boolean("propagateAtLaunch")),
	}}})
	require.NoError(x.t, err)
}

// --- KMS, logging, access point, ECR ------------------------------------------

func (x *cpTranslator) kmsKey(in cpIn, r preview.Resource) {
	// Ignored: deletionWindowInDays only applies when the key is deleted.
	in.only("description", "keyUsage", "enableKeyRotation", "deletionWindowInDays", "policy", "tags")
	var tags []kmstypes.Tag
	for _, k := range slices.Sorted(maps.Keys(in.strMap("tags"))) {
		tags = append(tags, kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(in.strMap("tags")[k])})
	}
	out, err := x.kms.CreateKey(x.ctx, &kms.CreateKeyInput{
		Description: aws.String(in.str("description")),
		KeyUsage:    kmstypes.KeyUsageType(in.str("keyUsage")),
		Policy:      aws.String(in.str("policy")),
		Tags:        tags,
	})
	require.NoError(x.t, err)
	if in.boolean("enableKeyRotation") {
		_, err = x.kms.EnableKeyRotation(x.ctx, &kms.EnableKeyRotationInput{KeyId: out.KeyMetadata.KeyId})
		require.NoError(x.t, err)
	}
	x.mapID(r.ID, aws.ToString(out.KeyMetadata.KeyId))
	x.mapID(cpOutputStr(x.t, r, "arn"), aws.ToString(out.KeyMetadata.Arn))
}

func (x *cpTranslator) kmsAlias(in cpIn, _ preview.Resource) {
	in.only("name", "targetKeyId")
	_, err := x.kms.CreateAlias(x.ctx, &kms.CreateAliasInput{AliasName: aws.String(in.str("name")), TargetKeyId: aws.String(x.ref(in.str("targetKeyId")))})
	require.NoError(x.t, err)
}

// logGroup only validates the planned log group: the checker reads no
// CloudWatch Logs (the retention is asserted here instead).
func (x *cpTranslator) logGroup(in cpIn, r preview.Resource) {
	in.only("name", "retentionInDays", "tags")
	require.Positive(x.t, in.num("retentionInDays"), "%s: a retention, not never-expiring", in.where)
	x.mapID(cpOutputStr(x.t, r, "arn"), cpOutputStr(x.t, r, "arn"))
}

// flowLog only validates the planned flow log: the checker reads no flow
// logs. Its VPC, log group and role must have been replayed.
func (x *cpTranslator) flowLog(in cpIn, _ preview.Resource) {
	in.only("vpcId", "trafficType", "logDestinationType", "logDestination", "iamRoleArn", "tags")
	x.ref(in.str("vpcId"))
	x.ref(in.str("logDestination"))
	require.Equal(x.t, "REJECT", in.str("trafficType"), in.where)
}

func (x *cpTranslator) accessPoint(in cpIn, _ preview.Resource) {
	in.only("fileSystemId", "posixUser", "rootDirectory", "tags")
	pu, root := in.obj("posixUser"), in.obj("rootDirectory")
	pu.only("uid", "gid")
	root.only("path", "creationInfo")
	req := &efs.CreateAccessPointInput{
		FileSystemId:  aws.String(x.ref(in.str("fileSystemId"))),
		PosixUser:     &efstypes.PosixUser{Uid: aws.Int64(int64(pu.num("uid"))), Gid: aws.Int64(int64(pu.num("gid")))},
		RootDirectory: &efstypes.RootDirectory{Path: aws.String(root.str("path"))},
	}
	if root.has("creationInfo") {
		ci := root.obj("creationInfo")
		ci.only("ownerUid", "ownerGid", "permissions")
		req.RootDirectory.CreationInfo = &efstypes.CreationInfo{
			OwnerUid: aws.Int64(int64(ci.num("ownerUid"))), OwnerGid: aws.Int64(int64(ci.num("ownerGid"))), Permissions: aws.String(ci.str("permissions")),
		}
	}
	_, err := x.efs.CreateAccessPoint(x.ctx, req)
	require.NoError(x.t, err)
}

// bucketLogging replays S3 server access logging; moto, like S3, refuses it
// unless the target bucket's policy lets logging.s3.amazonaws.com write.
func (x *cpTranslator) bucketLogging(in cpIn, _ preview.Resource) {
	in.only("bucket", "targetBucket", "targetPrefix")
	_, err := x.s3.PutBucketLogging(x.ctx, &s3.PutBucketLoggingInput{
		Bucket: aws.String(x.ref(in.str("bucket"))),
		BucketLoggingStatus: &s3types.BucketLoggingStatus{LoggingEnabled: &s3types.LoggingEnabled{
			TargetBucket: aws.String(x.ref(in.str("targetBucket"))), TargetPrefix: aws.String(in.str("targetPrefix")),
		}},
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) bucketLifecycle(in cpIn, _ preview.Resource) {
	in.only("bucket", "rules")
	var rules []s3types.LifecycleRule
	for _, rule := range in.objs("rules") {
		rule.only("id", "status", "filter", "expiration", "abortIncompleteMultipartUpload", "noncurrentVersionExpiration")
		f := rule.obj("filter")
		f.only("prefix")
		lr := s3types.LifecycleRule{
			ID: aws.String(rule.str("id")), Status: s3types.ExpirationStatus(rule.str("status")),
			Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String(f.str("prefix"))},
		}
		if rule.has("expiration") {
			exp := rule.obj("expiration")
			exp.only("days")
			lr.Expiration = &s3types.LifecycleExpiration{Days: aws.Int32(exp.i32("days"))}
		}
		if rule.has("abortIncompleteMultipartUpload") {
			abort := rule.obj("abortIncompleteMultipartUpload")
			abort.only("daysAfterInitiation")
			lr.AbortIncompleteMultipartUpload = &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(abort.i32("daysAfterInitiation"))}
		}
		if rule.has("noncurrentVersionExpiration") {
			nc := rule.obj("noncurrentVersionExpiration")
			nc.only("noncurrentDays")
			lr.NoncurrentVersionExpiration = &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(nc.i32("noncurrentDays"))}
		}
		rules = append(rules, lr)
	}
	_, err := x.s3.PutBucketLifecycleConfiguration(x.ctx, &s3.PutBucketLifecycleConfigurationInput{
		Bucket: aws.String(x.ref(in.str("bucket"))), LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: rules},
	})
	require.NoError(x.t, err)
}

func (x *cpTranslator) repository(in cpIn, _ preview.Resource) {
	// forceDelete only affects how the provider deletes the repository.
	in.only("name", "imageTagMutability", "imageScanningConfiguration", "encryptionConfigurations", "forceDelete", "tags")
	scan := in.obj("imageScanningConfiguration")
	scan.only("scanOnPush")
	req := &ecr.CreateRepositoryInput{
		RepositoryName:             aws.String(in.str("name")),
		ImageTagMutability:         ecrtypes.ImageTagMutability(in.str("imageTagMutability")),
		ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{ScanOnPush: scan.boolean("scanOnPush")},
	}
	for _, enc := range in.objs("encryptionConfigurations") {
		enc.only("encryptionType", "kmsKey")
		req.EncryptionConfiguration = &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionType(enc.str("encryptionType"))}
		if enc.has("kmsKey") {
			req.EncryptionConfiguration.KmsKey = aws.String(x.ref(enc.str("kmsKey")))
		}
	}
	_, err := x.ecr.CreateRepository(x.ctx, req)
	require.NoError(x.t, err)
}

// --- Kubernetes ----------------------------------------------------------------

// installerStorageClass applies the storageClassManifest output when the plan
// leaves domino-compute-storage to the Domino installer (private endpoint):
// the documented step that happens after `pulumi up`, from inside the VPC.
func (x *cpTranslator) installerStorageClass(out map[string]any) {
	if len(x.plan.Find(cpStorageClass)) > 0 {
		return
	}
	var sc storagev1.StorageClass
	require.NoError(x.t, sigsyaml.Unmarshal([]byte(cpOutput(x.t, out, "storageClassManifest")), &sc))
	x.kube = append(x.kube, &sc)
}

func (x *cpTranslator) storageClass(in cpIn, _ preview.Resource) {
	in.only("apiVersion", "kind", "metadata", "provisioner", "parameters", "reclaimPolicy", "volumeBindingMode", "allowVolumeExpansion")
	meta := in.obj("metadata")
	meta.only("name")
	reclaim := corev1.PersistentVolumeReclaimPolicy(in.str("reclaimPolicy"))
	binding := storagev1.VolumeBindingMode(in.str("volumeBindingMode"))
	expand := in.boolean("allowVolumeExpansion")
	x.kube = append(x.kube, &storagev1.StorageClass{
		ObjectMeta:           metav1.ObjectMeta{Name: meta.str("name")},
		Provisioner:          in.str("provisioner"),
		Parameters:           in.strMap("parameters"),
		ReclaimPolicy:        &reclaim,
		VolumeBindingMode:    &binding,
		AllowVolumeExpansion: &expand,
	})
}

// --- helpers -------------------------------------------------------------------

// cpIn reads one planned resource's inputs (or a nested object of them),
// failing the test on unexpected shapes.
type cpIn struct {
	t     *testing.T
	where string
	m     map[string]any
}

// only fails when the inputs hold a key not listed: every planned input
// must be translated or deliberately ignored.
// --- access path -------------------------------------------------------------

func (x *cpTranslator) instanceProfile(in cpIn, r preview.Resource) {
	in.only("role", "tags")
	name := cpOutputStr(x.t, r, "name")
	out, err := x.iam.CreateInstanceProfile(x.ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name), Tags: cpIAMTags(in.strMap("tags"))})
	require.NoError(x.t, err)
	_, err = x.iam.AddRoleToInstanceProfile(x.ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(name), RoleName: aws.String(x.ref(in.str("role")))})
	require.NoError(x.t, err)
	x.mapID(name, aws.ToString(out.InstanceProfile.InstanceProfileName))
	if r.ID != "" && r.ID != name {
		x.mapID(r.ID, aws.ToString(out.InstanceProfile.InstanceProfileName))
	}
}

// instance launches the access host. The planned AMI is a mock of the
// public SSM parameter; moto's Amazon Linux image stands in for it.
func (x *cpTranslator) instance(in cpIn, r preview.Resource) {
	in.only("ami", "instanceType", "subnetId", "associatePublicIpAddress", "iamInstanceProfile", "vpcSecurityGroupIds",
		"metadataOptions", "rootBlockDevice", "tags", "volumeTags", "monitoring")
	require.False(x.t, in.boolean("associatePublicIpAddress"), "%s: no public IP", in.where)
	images, err := x.ec2.DescribeImages(x.ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}, Filters: []ec2types.Filter{{Name: aws.String("name"), Values: []string{"amzn2-ami-*"}}}})
	require.NoError(x.t, err)
	require.NotEmpty(x.t, images.Images, "moto ships Amazon AMIs")
	meta := in.obj("metadataOptions")
	out, err := x.ec2.RunInstances(x.ctx, &ec2.RunInstancesInput{
		ImageId: images.Images[0].ImageId, InstanceType: ec2types.InstanceType(in.str("instanceType")),
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(x.ref(in.str("subnetId"))),
		SecurityGroupIds:   x.refs(in.strs("vpcSecurityGroupIds")),
		IamInstanceProfile: &ec2types.IamInstanceProfileSpecification{Name: aws.String(x.ref(in.str("iamInstanceProfile")))},
		MetadataOptions:    &ec2types.InstanceMetadataOptionsRequest{HttpTokens: ec2types.HttpTokensState(meta.str("httpTokens"))},
		TagSpecifications:  cpEC2Tags(ec2types.ResourceTypeInstance, in.strMap("tags")),
	})
	require.NoError(x.t, err)
	id := aws.ToString(out.Instances[0].InstanceId)
	x.mapID(r.ID, id)
	if x.agents == nil {
		x.agents = cpSSM{}
	}
	x.agents[id] = true
}

func (x *cpTranslator) pullThroughRule(in cpIn, _ preview.Resource) {
	in.only("ecrRepositoryPrefix", "upstreamRegistryUrl")
	x.pullThrough = append(x.pullThrough, ecrtypes.PullThroughCacheRule{
		EcrRepositoryPrefix: aws.String(in.str("ecrRepositoryPrefix")), UpstreamRegistryUrl: aws.String(in.str("upstreamRegistryUrl")),
		RegistryId: aws.String(mototest.Account),
	})
}

func (in cpIn) only(keys ...string) {
	in.t.Helper()
	var unknown []string
	for k := range in.m {
		if !slices.Contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	require.Empty(in.t, unknown, "%s: inputs the replay does not translate", in.where)
}

func (in cpIn) has(k string) bool {
	v, ok := in.m[k]
	return ok && v != nil
}

func (in cpIn) str(k string) string {
	in.t.Helper()
	v, ok := in.m[k].(string)
	require.True(in.t, ok, "%s: input %s is %T %v, want a string", in.where, k, in.m[k], in.m[k])
	return v
}

func (in cpIn) num(k string) float64 {
	in.t.Helper()
	v, ok := in.m[k].(float64)
	require.True(in.t, ok, "%s: input %s is %T %v, want a number", in.where, k, in.m[k], in.m[k])
	return v
}

func (in cpIn) i32(k string) int32 {
	in.t.Helper()
	v := in.num(k)
	require.Equal(in.t, float64(int32(v)), v, "%s: input %s is not an int32", in.where, k)
	return int32(v)
}

// boolean reads a bool; the AWS provider takes some as "true"/"false"
// strings. Absent is false.
func (in cpIn) boolean(k string) bool {
	in.t.Helper()
	switch v := in.m[k].(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		require.Contains(in.t, []string{"true", "false"}, v, "%s: input %s", in.where, k)
		return v == "true"
	}
	in.t.Fatalf("%s: input %s is %T %v, want a bool", in.where, k, in.m[k], in.m[k])
	return false
}

// strs reads a list of strings; absent is nil.
func (in cpIn) strs(k string) []string {
	in.t.Helper()
	if !in.has(k) {
		return nil
	}
	list, ok := in.m[k].([]any)
	require.True(in.t, ok, "%s: input %s is %T, want a list", in.where, k, in.m[k])
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		require.True(in.t, ok, "%s: input %s[%d] is %T", in.where, k, i, e)
		out[i] = s
	}
	return out
}

// strMap reads a map of strings; absent is nil.
func (in cpIn) strMap(k string) map[string]string {
	in.t.Helper()
	if !in.has(k) {
		return nil
	}
	m := in.obj(k).m
	out := make(map[string]string, len(m))
	for mk, mv := range m {
		s, ok := mv.(string)
		require.True(in.t, ok, "%s: input %s.%s is %T", in.where, k, mk, mv)
		out[mk] = s
	}
	return out
}

func (in cpIn) obj(k string) cpIn {
	in.t.Helper()
	m, ok := in.m[k].(map[string]any)
	require.True(in.t, ok, "%s: input %s is %T, want an object", in.where, k, in.m[k])
	return cpIn{t: in.t, where: in.where + "." + k, m: m}
}

// objs reads a list of objects; absent is nil.
func (in cpIn) objs(k string) []cpIn {
	in.t.Helper()
	if !in.has(k) {
		return nil
	}
	list, ok := in.m[k].([]any)
	require.True(in.t, ok, "%s: input %s is %T, want a list", in.where, k, in.m[k])
	out := make([]cpIn, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		require.True(in.t, ok, "%s: input %s[%d] is %T, want an object", in.where, k, i, e)
		out[i] = cpIn{t: in.t, where: fmt.Sprintf("%s.%s[%d]", in.where, k, i), m: m}
	}
	return out
}

func cpOutputStr(t *testing.T, r preview.Resource, k string) string {
	t.Helper()
	v, ok := r.Outputs[k].(string)
	require.True(t, ok && v != "", "%s %s: output %s is %v", r.Type, r.Name, k, r.Outputs[k])
	return v
}

func cpEC2Tags(rt ec2types.ResourceType, tags map[string]string) []ec2types.TagSpecification {
	if len(tags) == 0 {
		return nil
	}
	spec := ec2types.TagSpecification{ResourceType: rt}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		spec.Tags = append(spec.Tags, ec2types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return []ec2types.TagSpecification{spec}
}

func cpIAMTags(tags map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}
