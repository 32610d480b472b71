package checker

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
)

// runAgainstMoto runs the checker the way the CLI does: configuration from
// the environment (AWS_ENDPOINT_URL points at moto), clients from
// NewAWSClients, but for the EKS add-on API moto lacks, answered from the
// fixture's add-ons (none: moto's own answer).
func runAgainstMoto(t *testing.T, ctx context.Context, fx fixture, kube kubernetes.Interface, opts Options) *Report {
	t.Helper()
	cfg, err := LoadAWSConfig(ctx, testRegion)
	require.NoError(t, err)
	clients := NewAWSClients(WithCallTimeout(cfg, fixtureCallTimeout))
	if fx.addons != nil {
		clients.EKS = addonsEKS{EKSAPI: clients.EKS, addons: fx.addons}
	}
	clients.ECR = pullThroughECR{ECRAPI: clients.ECR, rules: fx.pullThrough}
	clients.SSM = fx.agents
	clients.Releases = motoReleases{}
	clients.Backup = fakeBackup{"domino-backup": {"arn:aws:elasticfilesystem:" + testRegion + ":123456789012:file-system/" + fx.efsID}}
	clients.Kube = kube
	if fk, ok := kube.(*fake.Clientset); ok {
		// The network policy probe runs against the fake cluster with a
		// connector that models an enforcing CNI (netprobe_test.go).
		readyServerPods(fk)
		clients.NetProbe = &modelConnector{kube: fk, enforcing: true}
		opts.ProbeNetworkPolicy = true
	}
	if opts.Cluster == "" {
		opts.Cluster = testCluster
	}
	opts.Region = cfg.Region
	rep, err := Run(ctx, clients, opts)
	require.NoError(t, err)
	require.Len(t, rep.Results, len(CheckIDs))
	return rep
}

// statuses maps check id to status.
func statuses(rep *Report) map[string]Status {
	out := map[string]Status{}
	for _, r := range rep.Results {
		out[r.ID] = r.Status
	}
	return out
}

// requireAllPass fails with the evidence of every non-passing check.
func requireAllPass(t *testing.T, rep *Report, except map[string]Status) {
	t.Helper()
	for _, r := range rep.Results {
		want := StatusPass
		if s, ok := except[r.ID]; ok {
			want = s
		}
		assert.Equal(t, want, r.Status, "%s: %s (fix: %s)", r.ID, r.Evidence, r.Fix)
	}
}

func TestCompliantAccountAllPass(t *testing.T) {
	url := useMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	resetMoto(t, url)
	fx := buildAccount(t, ctx, compliantSpec())

	// Buckets and EFS are discovered (bucket prefix "domino-", the one file
	// system with a mount target in the cluster VPC).
	var steps []string
	rep := runAgainstMoto(t, ctx, fx, compliantKube(), Options{Progress: func(s string) { steps = append(steps, s) }})
	requireAllPass(t, rep, nil)
	assert.NotEmpty(t, steps, "progress callback must be called")
	assert.Equal(t, Summary{Pass: len(CheckIDs)}, rep.Summary(), "every check passes")
	assert.False(t, rep.Failed())

	// Launch template values win over moto's bogus node group defaults
	// (diskSize 20, instanceTypes [t3.medium]).
	platform, ok := rep.Result(CheckPlatformPool)
	require.True(t, ok)
	assert.Contains(t, platform.Evidence, "m5.4xlarge (launch template)")
	assert.Contains(t, platform.Evidence, "128 GiB (launch template)")
	assert.NotContains(t, platform.Evidence, "t3.medium")
	def, _ := rep.Result(CheckDefaultPool)
	assert.Contains(t, def.Evidence, "400 GiB (launch template)")
	azs, _ := rep.Result(CheckPlatformAZs)
	assert.Contains(t, azs.Evidence, "us-west-2a, us-west-2b, us-west-2c")
	s3res, _ := rep.Result(CheckS3Buckets)
	assert.Contains(t, s3res.Evidence, "discovered by prefix")
	assert.Contains(t, s3res.Evidence, "access-log bucket(s) domino-monitoring left out", "the monitoring bucket is not a Domino data bucket")
	kmsRes, _ := rep.Result(CheckS3KMSKey)
	assert.Contains(t, kmsRes.Evidence, "domino-blobs: aws:kms with the key")
	ecrRes, _ := rep.Result(CheckECRImmutable)
	assert.Equal(t, "domino/environment, domino/model", ecrRes.Evidence)
	efsRes, _ := rep.Result(CheckEFSMountTargets)
	assert.Contains(t, efsRes.Evidence, "discovered in vpc-")

	// Every workload of the table has its check, evaluated against the live
	// account; PASS names the statements that grant the needs.
	for id, sub := range map[string]string{
		"workload.cluster-autoscaler":      "inline:domino-autoscaler/AutoscalerScaleOwnGroups",
		"workload.ebs-csi-driver":          "as arn:aws:iam::123456789012:role/domino-ebs-csi",
		"workload.ebs-csi-encryption":      "inline:ebs-csi-kms/EBSCSIGrants",
		"workload.vpc-cni":                 `enableNetworkPolicy "true"`,
		"workload.blob-storage":            "every data bucket aborts incomplete multipart uploads",
		"workload.blob-storage-encryption": "inline:domino-kms/DominoSSEKMS",
		"workload.internal-registry":       "not applicable: applies when registryBucket is on",
		"workload.image-pulls":             "managed:AmazonEC2ContainerRegistryReadOnly",
		"workload.environment-builds":      "inline:domino-ecr/DominoPush",
		"workload.efs-mounts":              "the VPC has DNS support and DNS hostnames",
		"workload.access-host":             "as arn:aws:iam::123456789012:role/domino-access-host: 6 need(s) met, granted by trust:domino-access-host/statement[0], managed:AmazonSSMManagedInstanceCore",
		"workload.image-pull-through":      "inline:domino-pull-through/PullThroughQuay",
		CheckAccessHostOnline:              "PingStatus Online",
		CheckNetworkPolicyAgent:            "runs aws-network-policy-agent; 5 of 5 pod(s) ready",
		CheckNetworkPolicyProbe:            "client-1 reached server.",
	} {
		res, ok := rep.Result(id)
		require.True(t, ok, id)
		assert.Contains(t, res.Evidence, sub, id)
	}
	for _, res := range rep.Results {
		assert.NotContains(t, res.Evidence, "installer-", "%s: installer values are not checked live", res.ID)
	}

	t.Run("without kubeconfig the Kubernetes checks are skipped", func(t *testing.T) {
		rep := runAgainstMoto(t, ctx, fx, nil, Options{Buckets: compliantSpec().buckets()})
		requireAllPass(t, rep, map[string]Status{CheckStorageClass: StatusWarn, CheckNodeLabels: StatusWarn, CheckNetworkPolicyAgent: StatusWarn, CheckNetworkPolicyProbe: StatusWarn})
		sc, _ := rep.Result(CheckStorageClass)
		assert.Contains(t, sc.Evidence, "skipped")
	})

	t.Run("without the add-on API the add-on workloads are unknown, not failed", func(t *testing.T) {
		// moto has no EKS add-on API: the checker's own clients get its 404.
		noAddons := fx
		noAddons.addons = nil
		rep := runAgainstMoto(t, ctx, noAddons, compliantKube(), Options{})
		addonChecks := map[string]Status{"workload.ebs-csi-driver": StatusWarn, "workload.ebs-csi-encryption": StatusWarn, "workload.vpc-cni": StatusWarn}
		requireAllPass(t, rep, addonChecks)
		cni, _ := rep.Result("workload.vpc-cni")
		assert.Contains(t, cni.Evidence, "network-policy-enforced: could not read the cluster's add-ons")
	})

	t.Run("unknown cluster is an access error, not a report", func(t *testing.T) {
		cfg, err := LoadAWSConfig(ctx, testRegion)
		require.NoError(t, err)
		_, err = Run(ctx, NewAWSClients(cfg), Options{Cluster: "no-such-cluster"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `describe EKS cluster "no-such-cluster"`)
	})
}

// TestVersionedBucketWithoutNoncurrentExpiryWarns: a versioned bucket no
// lifecycle rule expires noncurrent versions of is a WARN (cost grows without
// bound), not a FAIL; the evidence names the bucket and the others' expiry.
func TestVersionedBucketWithoutNoncurrentExpiryWarns(t *testing.T) {
	url := useMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	resetMoto(t, url)
	spec := compliantSpec()
	spec.noNoncurrentExpiry = "blobs"
	fx := buildAccount(t, ctx, spec)
	rep := runAgainstMoto(t, ctx, fx, compliantKube(), Options{})
	requireAllPass(t, rep, map[string]Status{CheckS3Versioning: StatusWarn})
	res, _ := rep.Result(CheckS3Versioning)
	assert.Contains(t, res.Evidence, spec.name("blobs")+": versioned, no rule expires noncurrent versions")
	assert.Contains(t, res.Evidence, spec.name("logs")+": versioned, noncurrent versions expire after 30 days")
	assert.Contains(t, res.Fix, "NoncurrentVersionExpiration")
}

func TestOptionalPoolsAndDiscoveryWarn(t *testing.T) {
	url := useMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	resetMoto(t, url)
	spec := compliantSpec()
	var groups []*ngSpec
	for _, g := range spec.groups {
		if g.labels[LabelNodePool] != PoolGPU {
			groups = append(groups, g)
		}
	}
	spec.groups = groups
	spec.skipBuckets = bucketSuffixes
	spec.noAccessLogs = true
	fx := buildAccount(t, ctx, spec)

	// No GPU pool: WARN, not FAIL. No --buckets and no bucket named
	// "domino-*": the S3 and IAM checks are skipped with WARN.
	rep := runAgainstMoto(t, ctx, fx, compliantKube(), Options{})
	requireAllPass(t, rep, map[string]Status{
		CheckGPUPool: StatusWarn, CheckS3Buckets: StatusWarn, CheckS3Encryption: StatusWarn,
		CheckS3PublicAccess: StatusWarn, CheckS3Versioning: StatusWarn, CheckIAMS3Access: StatusWarn, CheckS3KMSKey: StatusWarn,
		// No bucket is known: the blob clients' needs cannot be evaluated.
		"workload.blob-storage": StatusWarn,
	})
	blobs, _ := rep.Result("workload.blob-storage")
	assert.Contains(t, blobs.Evidence, "s3:ListBucket on buckets:data: the deployment has no such resource")
	gpu, _ := rep.Result(CheckGPUPool)
	assert.Contains(t, gpu.Evidence, "optional")
	iamRes, _ := rep.Result(CheckIAMS3Access)
	assert.Contains(t, iamRes.Evidence, "skipped")

	// An --efs id that does not exist fails the mount target check.
	rep = runAgainstMoto(t, ctx, fx, compliantKube(), Options{EFS: "fs-0123456789abcdef0"})
	got := statuses(rep)
	assert.Equal(t, StatusFail, got[CheckEFSMountTargets])
	assert.Equal(t, StatusWarn, got[CheckEFSSecurityGroup])
	// No file system: the mounts' needs are unknown, never met.
	assert.Equal(t, StatusWarn, got["workload.efs-mounts"])
}

// fault seeds one violation into the compliant deployment.
type fault struct {
	name  string
	check string // the check expected to FAIL
	// also are the other checks expected to FAIL (a workload check that
	// shares the fact); every other check must PASS.
	also   []string
	mutate func(t *testing.T, s *accountSpec)
	// evidence must appear in the failing result; {c} stands for the
	// cluster name.
	evidence string
}

var faults = []fault{
	{"platform in 2 AZs", CheckPlatformAZs, nil, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").azs = testAZs[:2]
	}, "spans 2 AZ(s)"},
	{"default group missing build-node label", CheckDefaultPool, nil, func(t *testing.T, s *accountSpec) {
		g := s.group(t, "default-b")
		g.labels = map[string]string{LabelNodePool: PoolDefault, domino.DominoNodeLabel: "true"}
	}, "default-b lacks label domino/build-node=true"},
	{"EFS 2049 open to 0.0.0.0/0", CheckEFSSecurityGroup, nil, func(_ *testing.T, s *accountSpec) {
		s.efsOpenCIDR = "0.0.0.0/0"
	}, "from 0.0.0.0/0"},
	{"EFS 2049 from a non-node security group", CheckEFSSecurityGroup, nil, func(_ *testing.T, s *accountSpec) {
		s.efsForeignSG = true
	}, "not a node security group"},
	{"missing EFS mount target", CheckEFSMountTargets, []string{"workload.efs-mounts"}, func(_ *testing.T, s *accountSpec) {
		s.mountTargetAZs = testAZs[:2]
	}, "missing: us-west-2c"},
	{"public bucket", CheckS3PublicAccess, nil, func(_ *testing.T, s *accountSpec) {
		s.publicBucket = "logs"
	}, "{c}-logs: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets off"},
	{"customer key does not rotate", CheckKMSRotation, nil, func(_ *testing.T, s *accountSpec) {
		s.rotationOff = true
	}, "automatic rotation off"},
	{"bucket on SSE-S3 under a customer key", CheckS3KMSKey, nil, func(_ *testing.T, s *accountSpec) {
		s.sseS3Bucket = "logs"
	}, "{c}-logs: AES256, not the customer key"},
	{"mutable ECR tags", CheckECRImmutable, nil, func(_ *testing.T, s *accountSpec) {
		s.mutableRepo = true
	}, "{c}/environment: MUTABLE"},
	{"unversioned blob bucket", CheckS3Versioning, nil, func(_ *testing.T, s *accountSpec) {
		s.unversioned = "blobs"
	}, "{c}-blobs: versioning never enabled"},
	{"unencrypted bucket", CheckS3Encryption, nil, func(_ *testing.T, s *accountSpec) {
		s.unencrypted = "backups"
	}, "{c}-backups: no default encryption"},
	{"missing bucket", CheckS3Buckets, nil, func(_ *testing.T, s *accountSpec) {
		s.skipBuckets = []string{"backups"}
	}, "missing: {c}-backups"},
	{"node policy without DeleteObject", CheckIAMS3Access, []string{"workload.blob-storage"}, func(_ *testing.T, s *accountSpec) {
		s.objectActions = []string{"s3:GetObject", "s3:PutObject"}
	}, "s3:DeleteObject on arn:aws:s3:::{c}-blobs/* not allowed"},
	{"wildcard explicit deny", CheckIAMS3Access, []string{"workload.blob-storage"}, func(_ *testing.T, s *accountSpec) {
		s.managedDenyJSON = `{"Version":"2012-10-17","Statement":{"Sid":"NoDeletes","Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::*"}}`
	}, "explicitly denied by managed:{c}-deny/NoDeletes"},
	{"node group in a public subnet", CheckPrivateSubnets, nil, func(t *testing.T, s *accountSpec) {
		s.group(t, "default-a").publicAZ = "us-west-2a"
	}, "0.0.0.0/0 -> igw-"},
	{"private subnet maps public IPs", CheckPrivateSubnets, nil, func(_ *testing.T, s *accountSpec) {
		s.mapPublicIPAZ = "us-west-2b"
	}, "MapPublicIpOnLaunch enabled"},
	{"launch template associates public IPs", CheckPrivateSubnets, nil, func(_ *testing.T, s *accountSpec) {
		s.lts["gpu"].publicIP = true
	}, "associates public IP addresses"},
	{"missing autoscaler node-template tag", CheckAutoscalerTags, nil, func(t *testing.T, s *accountSpec) {
		s.group(t, "default-c").dropTags = []string{tagNodeTemplateLabel + LabelBuildNode}
	}, "k8s.io/cluster-autoscaler/node-template/label/domino/build-node=true missing"},
	{"missing autoscaler owned tag", CheckAutoscalerTags, []string{"workload.cluster-autoscaler"}, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").dropTags = []string{tagAutoscalerPrefix + s.cluster}
	}, "k8s.io/cluster-autoscaler/{c}=owned missing"},
	{"docker bridge missing from AL2 user data", CheckDockerBridge, nil, func(_ *testing.T, s *accountSpec) {
		s.lts["default"].script = noBridgeScript
	}, "does not enable the docker bridge"},
	{"platform instance type too small", CheckPlatformPool, nil, func(_ *testing.T, s *accountSpec) {
		s.lts["platform"].instanceType = "m5.xlarge"
	}, "m5.xlarge (4 vCPU, 16 GiB), smaller than m5.4xlarge"},
	{"platform below 3 nodes", CheckPlatformPool, []string{CheckSchedulingClasses}, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").min = 1
	}, "pool minimum size is 1, need at least 3"},
	{"default disk too small", CheckDefaultPool, nil, func(_ *testing.T, s *accountSpec) {
		s.lts["default"].diskGiB = 100
	}, "100 GiB disk (launch template), need 400 GiB"},
	{"GPU pool without GPU instances", CheckGPUPool, []string{CheckSchedulingClasses}, func(_ *testing.T, s *accountSpec) {
		s.lts["gpu"].instanceType = "m5.2xlarge"
	}, "m5.2xlarge (8 vCPU, 32 GiB, 0 GPUs), smaller than p3.2xlarge"},
	{"GPU pool on a non-GPU AMI", CheckGPUPool, nil, func(t *testing.T, s *accountSpec) {
		s.group(t, "gpu-a").amiType = "AL2_x86_64"
	}, "gpu-a uses AMI type AL2_x86_64 without NVIDIA drivers"},
	{"default group spanning AZs", CheckComputePerAZ, []string{CheckSchedulingClasses}, func(t *testing.T, s *accountSpec) {
		var groups []*ngSpec
		for _, g := range s.groups {
			if g.name == "default-b" || g.name == "default-c" {
				continue
			}
			groups = append(groups, g)
		}
		s.groups = groups
		s.group(t, "default-a").azs = testAZs
	}, "default-a spans us-west-2a, us-west-2b, us-west-2c"},
	{"access host agent lost its connection", CheckAccessHostOnline, nil, func(_ *testing.T, s *accountSpec) {
		s.accessHostPing = ssmtypes.PingStatusConnectionLost
	}, "PingStatus ConnectionLost"},
	{"access host never registered with Systems Manager", CheckAccessHostOnline, nil, func(_ *testing.T, s *accountSpec) {
		s.accessHostUnmanaged = true
	}, "is running but not registered with Systems Manager"},
	// The scheduling model on live node groups: the GPU group at size 0 with
	// a taint no Domino pod tolerates never scales (and Domino's per-node
	// pods cannot run there).
	{"GPU group at zero with an untolerated taint", CheckSchedulingClasses, []string{CheckSchedulingDaemonSets}, func(t *testing.T, s *accountSpec) {
		s.group(t, "gpu-a").taints = []ekstypes.Taint{{Key: aws.String("team"), Value: aws.String("x"), Effect: ekstypes.TaintEffectNoSchedule}}
	}, "GPU runs on default-gpu: its nodes of gpu-a carry the taint team=x:NoSchedule"},
	{"default groups without the build-node label", CheckSchedulingClasses, []string{CheckDefaultPool}, func(t *testing.T, s *accountSpec) {
		for _, g := range s.groups {
			if g.labels[LabelNodePool] == PoolDefault {
				g.labels = map[string]string{LabelNodePool: PoolDefault, domino.DominoNodeLabel: "true"}
			}
		}
	}, "environment builds select domino/build-node=true, which no node group carries"},
}

// workloadFaults take away one thing the component grants or configures
// for a workload of the table (internal/workloads), at least one per
// workload that applies to the compliant account.
var workloadFaults = []fault{
	{"node role without the worker node policy", "workload.node-join", nil, func(_ *testing.T, s *accountSpec) {
		s.noManaged = []string{"AmazonEKSWorkerNodePolicy"}
	}, "eks:DescribeCluster on *: no statement of {c}-node grants it"},
	{"node role without the autoscaler actions", "workload.cluster-autoscaler", nil, func(_ *testing.T, s *accountSpec) {
		s.noAutoscalerPolicy = true
	}, "autoscaling:SetDesiredCapacity on arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:*:autoScalingGroupName/*: no statement"},
	{"no EBS CSI add-on", "workload.ebs-csi-driver", []string{"workload.ebs-csi-encryption"}, func(_ *testing.T, s *accountSpec) {
		s.noEBSCSIAddon = true
	}, "ebs-csi-addon: no aws-ebs-csi-driver add-on"},
	{"compute nodes without the EBS CSI startup taint", "workload.ebs-csi-driver", nil, func(_ *testing.T, s *accountSpec) {
		s.noStartupTaint = true
	}, "compute node groups without the taint ebs.csi.aws.com/agent-not-ready:NoExecute: default-a"},
	{"EBS CSI role without the key grant", "workload.ebs-csi-encryption", nil, func(_ *testing.T, s *accountSpec) {
		s.noEBSCSIKMSPolicy = true
	}, "kms:CreateGrant on arn:aws:kms:"},
	{"vpc-cni without enableNetworkPolicy", "workload.vpc-cni", nil, func(_ *testing.T, s *accountSpec) {
		s.vpcCNIConfig = aws.String(`{"env":{"WARM_IP_TARGET":"5"}}`)
	}, "network-policy-enforced: the vpc-cni add-on's configuration"},
	{"node role without the CNI policy", "workload.vpc-cni", nil, func(_ *testing.T, s *accountSpec) {
		s.noManaged = []string{"AmazonEKS_CNI_Policy"}
	}, "ec2:AssignPrivateIpAddresses on *: no statement"},
	{"bucket without the abort-incomplete-uploads rule", "workload.blob-storage", nil, func(_ *testing.T, s *accountSpec) {
		s.noLifecycle = "logs"
	}, "no lifecycle rule aborts incomplete multipart uploads in {c}-logs"},
	{"node role without the SSE-KMS grant", "workload.blob-storage-encryption", nil, func(_ *testing.T, s *accountSpec) {
		s.noNodeKMSPolicy = true
	}, "kms:GenerateDataKey on arn:aws:kms:"},
	{"node role without ECR read access", "workload.image-pulls", []string{"workload.environment-builds", "workload.image-pull-through"}, func(_ *testing.T, s *accountSpec) {
		s.noManaged = []string{"AmazonEC2ContainerRegistryReadOnly"}
	}, "ecr:GetAuthorizationToken on *: no statement"},
	{"node role without ECR push", "workload.environment-builds", nil, func(_ *testing.T, s *accountSpec) {
		s.noECRPolicy = true
	}, "ecr:PutImage on arn:aws:ecr:us-west-2:123456789012:repository/{c}/environment"},
	{"node role without the EFS lookup policy", "workload.efs-mounts", nil, func(_ *testing.T, s *accountSpec) {
		s.noEFSPolicy = true
	}, "elasticfilesystem:DescribeMountTargets on arn:aws:elasticfilesystem:us-west-2:123456789012:file-system/fs-"},
	{"VPC without DNS hostnames", "workload.efs-mounts", nil, func(_ *testing.T, s *accountSpec) {
		s.noVPCDNS = true
	}, "vpc-dns: the VPC lacks DNS support or DNS hostnames"},
	{"access host role without ssm:UpdateInstanceInformation", "workload.access-host", nil, func(_ *testing.T, s *accountSpec) {
		s.accessHostActions = slices.DeleteFunc(slices.Clone(workloads.SSMAgentActions), func(a string) bool { return a == "ssm:UpdateInstanceInformation" })
	}, "ssm:UpdateInstanceInformation on *: no statement"},
	{"node role without ecr:BatchImportUpstreamImage", "workload.image-pull-through", nil, func(_ *testing.T, s *accountSpec) {
		s.pullThroughActions = slices.DeleteFunc(slices.Clone(domino.NodePullThroughActions), func(a string) bool { return a == "ecr:BatchImportUpstreamImage" })
	}, "ecr:BatchImportUpstreamImage on arn:aws:ecr:us-west-2:123456789012:repository/{c}-quay/*: no statement"},
	{"no NAT and no pull-through cache rule", "workload.image-pull-through", nil, func(_ *testing.T, s *accountSpec) {
		s.noNAT, s.noPullThrough = true, true
	}, "pull-through-cache-rule: the nodes have no Internet egress (no NAT) and no ECR pull-through cache rule exists"},
	{"registry bucket the node role cannot use", "workload.internal-registry", []string{CheckIAMS3Access}, func(_ *testing.T, s *accountSpec) {
		s.registry, s.registryUngranted = true, true
	}, "s3:ListBucket on arn:aws:s3:::{c}-registry: no statement of {c}-node grants it"},
	{"registry on the customer key without the SSE-KMS grant", "workload.internal-registry-encryption", []string{"workload.blob-storage-encryption"}, func(_ *testing.T, s *accountSpec) {
		s.registry, s.noNodeKMSPolicy = true, true
	}, "kms:Decrypt on arn:aws:kms:"},
}

// TestFaults seeds each fault into its own account. The accounts share one
// moto (each uses its own cluster name, VPC and name prefix), so the
// subtests run in parallel.
func TestFaults(t *testing.T) {
	require.GreaterOrEqual(t, len(faults), 10)
	url := useMoto(t)
	resetMoto(t, url)
	for i, f := range slices.Concat(faults, workloadFaults) {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			spec := compliantSpec()
			spec.cluster = fmt.Sprintf("fault%02d", i)
			f.mutate(t, spec)
			fx := buildAccount(t, ctx, spec)
			rep := runAgainstMoto(t, ctx, fx, compliantKube(), Options{Cluster: spec.cluster, Buckets: spec.buckets(), EFS: fx.efsID})
			failing := append([]string{f.check}, f.also...)

			got := statuses(rep)
			res, _ := rep.Result(f.check)
			require.Equal(t, StatusFail, got[f.check], "%s should fail; evidence: %s", f.check, res.Evidence)
			assert.Contains(t, res.Evidence, strings.ReplaceAll(f.evidence, "{c}", spec.cluster))
			assert.NotEmpty(t, res.Fix)
			for _, r := range rep.Results {
				want := StatusPass
				if slices.Contains(failing, r.ID) {
					want = StatusFail
				}
				assert.Equal(t, want, r.Status, "%s: %s", r.ID, r.Evidence)
			}
			assert.Equal(t, len(failing), rep.Summary().Fail)
		})
	}
}

// TestCheckIDsAreUniqueAndDocumented: the README's check table lists exactly
// the checks, in report order, each with what PASS requires; the pool rows
// state the sizes the checker enforces (the shared sizing table).
func TestCheckIDsAreUniqueAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range CheckIDs {
		assert.False(t, seen[id], "duplicate id %s", id)
		seen[id] = true
		assert.Regexp(t, `^[a-z0-9]+\.[a-z0-9-]+$`, id)
	}

	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(readme), "| ID | PASS when |\n|----|-----------|\n")
	require.True(t, ok, "README has the check table")
	table, _, _ = strings.Cut(table, "\n\n")
	rows := map[string]string{}
	var order []string
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, " | ")
		require.Len(t, cells, 2, "row %q", line)
		id := strings.Trim(cells[0], "| `")
		rows[id] = strings.TrimSuffix(cells[1], " |")
		order = append(order, id)
	}
	assert.Equal(t, CheckIDs, order, "the README lists every check once, in report order")
	for id, pass := range rows {
		assert.Greater(t, len(pass), 20, "%s says what PASS requires", id)
	}
	for _, req := range []poolRequirement{platformReq, defaultReq, gpuReq} {
		row := rows[req.id]
		assert.Contains(t, row, fmt.Sprintf("≥ %d GiB", req.size.DiskGiB), req.id)
		if req.size.MemGiB > 0 {
			assert.Contains(t, row, fmt.Sprintf("≥ %s (%d vCPU/%d GiB)", req.size.RefType, req.size.VCPU, req.size.MemGiB), req.id)
		}
		for k, v := range req.labels {
			if k == LabelNodePool {
				assert.Contains(t, row, "node-pool="+v, req.id)
			}
		}
	}
}

// TestEveryWorkloadHasAFault: each workload of the table has a check and a
// fault that fails it.
func TestEveryWorkloadHasAFault(t *testing.T) {
	failed := map[string]bool{}
	for _, f := range workloadFaults {
		failed[f.check] = true
		for _, id := range f.also {
			failed[id] = true
		}
	}
	for _, w := range workloads.Table() {
		id := WorkloadCheckPrefix + w.ID
		if notCheckedLive[w.ID] != "" {
			assert.NotContains(t, CheckIDs, id, "no check claimed for a workload not read live")
			continue
		}
		assert.Contains(t, CheckIDs, id)
		assert.True(t, failed[id], "no fault fails %s", id)
	}
}

// TestNotCheckedLiveIsNamed: each workload the checker cannot read live is
// a real workload with the reason.
func TestNotCheckedLiveIsNamed(t *testing.T) {
	require.NotEmpty(t, notCheckedLive)
	for id, why := range notCheckedLive {
		assert.NotEmpty(t, why, id)
		assert.True(t, slices.ContainsFunc(workloads.Table(), func(w workloads.Workload) bool { return w.ID == id }), id)
	}
}

// motoReleases answers EKS's public AMI release parameters, which moto lacks,
// with the release moto gives every node group (moto eks/models.py
// DEFAULT_RELEASE_VERSION): the fixture's nodes run EKS's latest.
type motoReleases struct{}

func (motoReleases) GetParameter(context.Context, *ssm.GetParameterInput, ...func(*ssm.Options)) (*ssm.GetParameterOutput, error) {
	return &ssm.GetParameterOutput{Parameter: &ssmtypes.Parameter{Value: aws.String("1.19.8-20210414")}}, nil
}
