package checker

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/client-go/kubernetes"
)

// runAgainstMoto runs the checker the way the CLI does: configuration from
// the environment (AWS_ENDPOINT_URL points at moto), clients from
// NewAWSClients.
func runAgainstMoto(t *testing.T, ctx context.Context, kube kubernetes.Interface, opts Options) *Report {
	t.Helper()
	cfg, err := LoadAWSConfig(ctx, testRegion)
	require.NoError(t, err)
	clients := NewAWSClients(WithCallTimeout(cfg, fixtureCallTimeout))
	clients.Kube = kube
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
	buildAccount(t, ctx, compliantSpec())

	// Buckets and EFS are discovered (bucket prefix "domino-", the one file
	// system with a mount target in the cluster VPC).
	var steps []string
	rep := runAgainstMoto(t, ctx, compliantKube(), Options{Progress: func(s string) { steps = append(steps, s) }})
	requireAllPass(t, rep, nil)
	assert.NotEmpty(t, steps, "progress callback must be called")
	assert.Equal(t, Summary{Pass: len(CheckIDs)}, rep.Summary())
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

	t.Run("without kubeconfig the Kubernetes checks are skipped", func(t *testing.T) {
		rep := runAgainstMoto(t, ctx, nil, Options{Buckets: compliantSpec().buckets()})
		requireAllPass(t, rep, map[string]Status{CheckStorageClass: StatusWarn, CheckNodeLabels: StatusWarn})
		sc, _ := rep.Result(CheckStorageClass)
		assert.Contains(t, sc.Evidence, "skipped")
	})

	t.Run("unknown cluster is an access error, not a report", func(t *testing.T) {
		cfg, err := LoadAWSConfig(ctx, testRegion)
		require.NoError(t, err)
		_, err = Run(ctx, NewAWSClients(cfg), Options{Cluster: "no-such-cluster"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `describe EKS cluster "no-such-cluster"`)
	})
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
	buildAccount(t, ctx, spec)

	// No GPU pool: WARN, not FAIL. No --buckets and no bucket named
	// "domino-*": the S3 and IAM checks are skipped with WARN.
	rep := runAgainstMoto(t, ctx, compliantKube(), Options{})
	requireAllPass(t, rep, map[string]Status{
		CheckGPUPool: StatusWarn, CheckS3Buckets: StatusWarn, CheckS3Encryption: StatusWarn,
		CheckS3PublicAccess: StatusWarn, CheckIAMS3Access: StatusWarn, CheckS3KMSKey: StatusWarn,
	})
	gpu, _ := rep.Result(CheckGPUPool)
	assert.Contains(t, gpu.Evidence, "optional")
	iamRes, _ := rep.Result(CheckIAMS3Access)
	assert.Contains(t, iamRes.Evidence, "skipped")

	// An --efs id that does not exist fails the mount target check.
	rep = runAgainstMoto(t, ctx, compliantKube(), Options{EFS: "fs-0123456789abcdef0"})
	got := statuses(rep)
	assert.Equal(t, StatusFail, got[CheckEFSMountTargets])
	assert.Equal(t, StatusWarn, got[CheckEFSSecurityGroup])
}

// fault seeds one violation into the compliant deployment.
type fault struct {
	name   string
	check  string // the only check expected to FAIL
	mutate func(t *testing.T, s *accountSpec)
	// evidence must appear in the failing result; {c} stands for the
	// cluster name.
	evidence string
}

var faults = []fault{
	{"platform in 2 AZs", CheckPlatformAZs, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").azs = testAZs[:2]
	}, "spans 2 AZ(s)"},
	{"default group missing build-node label", CheckDefaultPool, func(t *testing.T, s *accountSpec) {
		g := s.group(t, "default-b")
		g.labels = map[string]string{LabelNodePool: PoolDefault}
	}, "default-b lacks label domino/build-node=true"},
	{"EFS 2049 open to 0.0.0.0/0", CheckEFSSecurityGroup, func(_ *testing.T, s *accountSpec) {
		s.efsOpenCIDR = "0.0.0.0/0"
	}, "from 0.0.0.0/0"},
	{"EFS 2049 from a non-node security group", CheckEFSSecurityGroup, func(_ *testing.T, s *accountSpec) {
		s.efsForeignSG = true
	}, "not a node security group"},
	{"missing EFS mount target", CheckEFSMountTargets, func(_ *testing.T, s *accountSpec) {
		s.mountTargetAZs = testAZs[:2]
	}, "missing: us-west-2c"},
	{"public bucket", CheckS3PublicAccess, func(_ *testing.T, s *accountSpec) {
		s.publicBucket = "logs"
	}, "{c}-logs: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets off"},
	{"customer key does not rotate", CheckKMSRotation, func(_ *testing.T, s *accountSpec) {
		s.rotationOff = true
	}, "automatic rotation off"},
	{"bucket on SSE-S3 under a customer key", CheckS3KMSKey, func(_ *testing.T, s *accountSpec) {
		s.sseS3Bucket = "logs"
	}, "{c}-logs: AES256, not the customer key"},
	{"mutable ECR tags", CheckECRImmutable, func(_ *testing.T, s *accountSpec) {
		s.mutableRepo = true
	}, "{c}/environment: MUTABLE"},
	{"unencrypted bucket", CheckS3Encryption, func(_ *testing.T, s *accountSpec) {
		s.unencrypted = "backups"
	}, "{c}-backups: no default encryption"},
	{"missing bucket", CheckS3Buckets, func(_ *testing.T, s *accountSpec) {
		s.skipBuckets = []string{"backups"}
	}, "missing: {c}-backups"},
	{"node policy without DeleteObject", CheckIAMS3Access, func(_ *testing.T, s *accountSpec) {
		s.objectActions = []string{"s3:GetObject", "s3:PutObject"}
	}, "s3:DeleteObject on arn:aws:s3:::{c}-blobs/* not allowed"},
	{"wildcard explicit deny", CheckIAMS3Access, func(_ *testing.T, s *accountSpec) {
		s.managedDenyJSON = `{"Version":"2012-10-17","Statement":{"Sid":"NoDeletes","Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::*"}}`
	}, "explicitly denied by managed:{c}-deny/NoDeletes"},
	{"node group in a public subnet", CheckPrivateSubnets, func(t *testing.T, s *accountSpec) {
		s.group(t, "default-a").publicAZ = "us-west-2a"
	}, "0.0.0.0/0 -> igw-"},
	{"private subnet maps public IPs", CheckPrivateSubnets, func(_ *testing.T, s *accountSpec) {
		s.mapPublicIPAZ = "us-west-2b"
	}, "MapPublicIpOnLaunch enabled"},
	{"launch template associates public IPs", CheckPrivateSubnets, func(_ *testing.T, s *accountSpec) {
		s.lts["gpu"].publicIP = true
	}, "associates public IP addresses"},
	{"missing autoscaler node-template tag", CheckAutoscalerTags, func(t *testing.T, s *accountSpec) {
		s.group(t, "default-c").dropTags = []string{tagNodeTemplateLabel + LabelBuildNode}
	}, "k8s.io/cluster-autoscaler/node-template/label/domino/build-node=true missing"},
	{"missing autoscaler owned tag", CheckAutoscalerTags, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").dropTags = []string{tagAutoscalerPrefix + s.cluster}
	}, "k8s.io/cluster-autoscaler/{c}=owned missing"},
	{"docker bridge missing from AL2 user data", CheckDockerBridge, func(_ *testing.T, s *accountSpec) {
		s.lts["default"].script = noBridgeScript
	}, "does not enable the docker bridge"},
	{"platform instance type too small", CheckPlatformPool, func(_ *testing.T, s *accountSpec) {
		s.lts["platform"].instanceType = "m5.xlarge"
	}, "m5.xlarge (4 vCPU, 16 GiB), smaller than m5.4xlarge"},
	{"platform below 3 nodes", CheckPlatformPool, func(t *testing.T, s *accountSpec) {
		s.group(t, "platform").min = 1
	}, "pool minimum size is 1, need at least 3"},
	{"default disk too small", CheckDefaultPool, func(_ *testing.T, s *accountSpec) {
		s.lts["default"].diskGiB = 100
	}, "100 GiB disk (launch template), need 400 GiB"},
	{"GPU pool without GPU instances", CheckGPUPool, func(_ *testing.T, s *accountSpec) {
		s.lts["gpu"].instanceType = "m5.2xlarge"
	}, "m5.2xlarge (8 vCPU, 32 GiB, 0 GPUs), smaller than p3.2xlarge"},
	{"GPU pool on a non-GPU AMI", CheckGPUPool, func(t *testing.T, s *accountSpec) {
		s.group(t, "gpu-a").amiType = "AL2_x86_64"
	}, "gpu-a uses AMI type AL2_x86_64 without NVIDIA drivers"},
	{"default group spanning AZs", CheckComputePerAZ, func(t *testing.T, s *accountSpec) {
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
}

// TestFaults seeds each fault into its own account. The accounts share one
// moto (each uses its own cluster name, VPC and name prefix), so the
// subtests run in parallel.
func TestFaults(t *testing.T) {
	require.GreaterOrEqual(t, len(faults), 10)
	url := useMoto(t)
	resetMoto(t, url)
	for i, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			spec := compliantSpec()
			spec.cluster = fmt.Sprintf("fault%02d", i)
			f.mutate(t, spec)
			fx := buildAccount(t, ctx, spec)
			rep := runAgainstMoto(t, ctx, compliantKube(), Options{Cluster: spec.cluster, Buckets: spec.buckets(), EFS: fx.efsID})

			got := statuses(rep)
			res, _ := rep.Result(f.check)
			require.Equal(t, StatusFail, got[f.check], "%s should fail; evidence: %s", f.check, res.Evidence)
			assert.Contains(t, res.Evidence, strings.ReplaceAll(f.evidence, "{c}", spec.cluster))
			assert.NotEmpty(t, res.Fix)
			for _, r := range rep.Results {
				if r.ID != f.check {
					assert.Equal(t, StatusPass, r.Status, "%s must stay PASS: %s", r.ID, r.Evidence)
				}
			}
			assert.Equal(t, 1, rep.Summary().Fail)
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
