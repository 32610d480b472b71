package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight/fakeaws"
)

// One moto_server and one fake front (Service Quotas, EKS cluster versions,
// foreign buckets; everything else proxied to moto) serve every pre-flight
// test of the binary; each test resets and seeds both.
var preflightAWS struct {
	once sync.Once
	moto *mototest.Server
	fake *fakeaws.Server
	err  error
}

func TestMain(m *testing.M) {
	runAsCLI()
	// Plans are priced for a fixed day, so golden files do not age.
	_ = os.Setenv(todayEnv, "2026-12-05")
	code := m.Run()
	if preflightAWS.fake != nil {
		preflightAWS.fake.Close()
	}
	preflightAWS.moto.Stop()
	os.Exit(code)
}

// defaultBlobs is the default blobs bucket name for moto's account.
const defaultBlobs = "domino-" + mototest.Account + "-us-west-2-blobs"

// Tool outputs of a compliant workstation.
const (
	awsOK     = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12"
	kubectlOK = `{"clientVersion":{"major":"1","minor":"30","gitVersion":"v1.30.2","platform":"linux/amd64"},"kustomizeVersion":"v5.0.4"}`
	pluginOK  = "1.2.707.0"
)

// preflightWorld is one test's emulated account and workstation.
type preflightWorld struct {
	fake  *fakeaws.Server
	moto  string
	tools string // directory of fake executables, the whole PATH
}

// setTool writes a fake executable printing out; an empty out removes it.
func (w *preflightWorld) setTool(t *testing.T, name, out string) {
	t.Helper()
	path := filepath.Join(w.tools, name)
	if out == "" {
		require.NoError(t, os.Remove(path))
		return
	}
	// printf is a shell builtin: PATH holds nothing but the fake tools.
	script := "#!/bin/sh\nprintf '%s\\n' '" + strings.ReplaceAll(out, "'", `'\''`) + "'\n"
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
}

// newPreflightWorld resets moto and the fake, seeds a compliant account
// (generous quotas, EKS 1.33-1.35, no buckets or clusters) and a workstation
// with aws 2.15, kubectl 1.30 and the Session Manager plugin, and points the AWS SDK at the fake through
// the environment only, as a user would.
func newPreflightWorld(t *testing.T) *preflightWorld {
	t.Helper()
	a := &preflightAWS
	a.once.Do(func() {
		if a.moto, a.err = mototest.StartServer(mototest.Options{}); a.err == nil {
			a.fake, a.err = fakeaws.Start(a.moto.Endpoint)
		}
	})
	require.NoError(t, a.err, "moto is required for this test")
	require.NoError(t, a.moto.Reset())
	a.fake.Reset()
	for _, q := range []preflight.Quota{preflight.QuotaEIPs, preflight.QuotaVPCs, preflight.QuotaNATPerAZ, preflight.QuotaInterfaceEndpoints,
		preflight.QuotaNodeGroupsPerCluster, preflight.QuotaNodesPerNodeGroup} {
		a.fake.SetQuota(q.Service, q.Code, q.Default)
	}
	std, _ := preflight.FamilyOf("m5.2xlarge", false)
	a.fake.SetQuota(std.Quota.Service, std.Quota.Code, 1000)
	a.fake.SetClusterVersions(
		fakeaws.ClusterVersion{Version: "1.33", Status: "STANDARD_SUPPORT"},
		fakeaws.ClusterVersion{Version: "1.34", Status: "STANDARD_SUPPORT"},
		fakeaws.ClusterVersion{Version: "1.35", Status: "STANDARD_SUPPORT"},
	)
	// EKS offers every pinned add-on version (the plan's, from awsfacts.AddonVersions).
	for _, k8s := range []string{"1.33", "1.34", "1.35"} {
		for _, name := range awsfacts.Addons {
			if pin, ok := awsfacts.AddonVersion(k8s, name); ok {
				a.fake.SetAddonVersions(name, k8s, pin.Version)
			}
		}
	}
	w := &preflightWorld{fake: a.fake, moto: a.moto.Endpoint, tools: t.TempDir()}
	w.setTool(t, "aws", awsOK)
	w.setTool(t, "kubectl", kubectlOK)
	w.setTool(t, "session-manager-plugin", pluginOK)
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"PATH":                        w.tools,
		"AWS_ENDPOINT_URL":            a.fake.URL,
		"AWS_ENDPOINT_URL_S3":         "",
		"AWS_ACCESS_KEY_ID":           mototest.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       mototest.SecretAccessKey,
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_REGION":                  mototest.Region,
		"AWS_DEFAULT_REGION":          mototest.Region,
		"AWS_CONFIG_FILE":             none,
		"AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	return w
}

// createBucket creates a bucket in moto's default account.
func (w *preflightWorld) createBucket(t *testing.T, name string) {
	t.Helper()
	client := s3.NewFromConfig(mototest.Config(context.Background(), w.moto), func(o *s3.Options) { o.UsePathStyle = true })
	_, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{
		Bucket:                    aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(mototest.Region)},
	})
	require.NoError(t, err)
}

// runInstance starts one instance of the type in moto's default account.
func (w *preflightWorld) runInstance(t *testing.T, instanceType string) {
	t.Helper()
	ctx := context.Background()
	client := ec2.NewFromConfig(mototest.Config(ctx, w.moto))
	images, err := client.DescribeImages(ctx, &ec2.DescribeImagesInput{
		Owners: []string{"amazon"}, Filters: []ec2types.Filter{{Name: aws.String("name"), Values: []string{"amzn2-ami-*"}}},
	})
	require.NoError(t, err)
	require.NotEmpty(t, images.Images, "moto ships Amazon AMIs")
	_, err = client.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: images.Images[0].ImageId, InstanceType: ec2types.InstanceType(instanceType),
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
	})
	require.NoError(t, err)
}

// allocateAddress allocates one Elastic IP in moto's default account.
func (w *preflightWorld) allocateAddress(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	_, err := ec2.NewFromConfig(mototest.Config(ctx, w.moto)).AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
	require.NoError(t, err)
}

// execPreflight runs "dominoeks preflight args..." and returns stdout and the exit code.
func execPreflight(t *testing.T, args ...string) (string, int) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append([]string{"preflight"}, args...))
	err := root.Execute()
	if err != nil {
		t.Logf("preflight %v: %v", args, err)
	}
	return out.String(), exitCode(err)
}

// preflightJSON runs the command with --json and decodes the report.
func preflightJSON(t *testing.T, args ...string) (checker.Report, int) {
	t.Helper()
	out, code := execPreflight(t, append([]string{"--json"}, args...)...)
	var rep checker.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep), "--json output must parse:\n%s", out)
	return rep, code
}

func TestPreflightCompliantAccountPasses(t *testing.T) {
	newPreflightWorld(t)
	rep, code := preflightJSON(t)
	assert.Equal(t, 0, code)
	assert.Equal(t, "domino", rep.Cluster)
	assert.Equal(t, "us-west-2", rep.Region)
	ids := map[string]bool{}
	for _, r := range rep.Results {
		ids[r.ID] = true
		assert.Equal(t, checker.StatusPass, r.Status, "%s: %s", r.ID, r.Evidence)
	}
	for _, id := range []string{preflight.CheckIdentity, preflight.CheckAWSCLI, preflight.CheckKubectl, preflight.CheckEKSVersion,
		preflight.CheckZones, preflight.CheckOfferings, "quota.vcpu.standard", preflight.CheckNodeGroupsPerCluster, preflight.CheckNodesPerNodeGroup,
		preflight.CheckEIPs, preflight.CheckVPCs,
		preflight.CheckNATPerAZ, preflight.CheckInterfaceEndpoints, preflight.CheckBuckets, preflight.CheckClusterName, preflight.CheckRoleNames,
		preflight.CheckSessionManagerPlugin, preflight.CheckAccessSSMPath, preflight.CheckAccessHostOffered,
		preflight.CheckAddonVersions, preflight.CheckUnaliasedKeys} {
		assert.True(t, ids[id], "missing check %s", id)
	}
	id, _ := rep.Result(preflight.CheckIdentity)
	assert.Contains(t, id.Evidence, "arn:aws:sts::"+mototest.Account+":user/moto")
	vcpu, _ := rep.Result("quota.vcpu.standard")
	// Default plan: 3 default node groups × 20 × m5.2xlarge (8) + platform 3 × m5.4xlarge (16).
	assert.Contains(t, vcpu.Evidence, "need 528 vCPUs")
	buckets, _ := rep.Result(preflight.CheckBuckets)
	assert.Contains(t, buckets.Evidence, defaultBlobs, "the {account} placeholder resolves to the caller's account")
	// The default plan's access host: behind NAT, t4g.nano in the first zone.
	path, _ := rep.Result(preflight.CheckAccessSSMPath)
	assert.Contains(t, path.Evidence, "3 NAT gateway(s) planned")
	host, _ := rep.Result(preflight.CheckAccessHostOffered)
	assert.Contains(t, host.Evidence, "t4g.nano offered in us-west-2a")
	plugin, _ := rep.Result(preflight.CheckSessionManagerPlugin)
	assert.Contains(t, plugin.Evidence, "session-manager-plugin "+pluginOK)
}

// TestPreflightShortfalls seeds one shortfall at a time: exactly its check
// changes status, with evidence naming the numbers; every other check passes.
func TestPreflightShortfalls(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		seed     func(t *testing.T, w *preflightWorld)
		id       string
		status   checker.Status
		evidence []string
	}{
		{
			name: "vCPU quota below the pools' max",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-1216C47A", 100) },
			id:   "quota.vcpu.standard", status: checker.StatusFail,
			evidence: []string{"need 528 vCPUs", "L-1216C47A 100 (applied)", "100 available"},
		},
		{
			// The boundary: a quota exactly the need fits (AWS refuses only
			// launches beyond it), one vCPU less does not.
			name: "vCPU quota exactly the need passes",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-1216C47A", 528) },
			id:   "quota.vcpu.standard", status: checker.StatusPass,
			evidence: []string{"need 528 vCPUs", "L-1216C47A 528 (applied)", "528 available"},
		},
		{
			name: "vCPU quota one below the need fails",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-1216C47A", 527) },
			id:   "quota.vcpu.standard", status: checker.StatusFail,
			evidence: []string{"need 528 vCPUs", "527 available"},
		},
		{
			name: "vCPUs left after running instances exactly the need pass",
			seed: func(t *testing.T, w *preflightWorld) {
				w.fake.SetQuota("ec2", "L-1216C47A", 536)
				w.runInstance(t, "c5.2xlarge")
			},
			id: "quota.vcpu.standard", status: checker.StatusPass,
			evidence: []string{"need 528 vCPUs", "L-1216C47A 536 (applied), 8 in use, 528 available"},
		},
		{
			// 3 GPU node groups (one per zone) × maxSize 5 × g5.xlarge (4 vCPUs).
			name: "GPU pool without G and VT quota",
			args: []string{"--set", `gpuPool={"instanceTypes":["g5.xlarge"]}`},
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-DB2E81BA", 8) },
			id:   "quota.vcpu.g-vt", status: checker.StatusFail,
			evidence: []string{"need 60 vCPUs", "5×g5.xlarge(4)=20", "L-DB2E81BA 8 (applied)"},
		},
		{
			// The SPOT default pool counts against the Spot quota; the
			// on-demand platform pool still fits its own.
			name: "Spot quota below the spot pools' max",
			args: []string{"--set", `defaultPool={"capacityType":"SPOT"}`},
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-34B43A08", 256) },
			id:   "quota.vcpu.spot-standard", status: checker.StatusFail,
			evidence: []string{"need 480 vCPUs", "L-34B43A08 256 (applied)"},
		},
		{
			// The quota covers the 528 vCPUs, but a running c5.2xlarge uses 8 of them.
			name: "running instances leave too few vCPUs",
			seed: func(t *testing.T, w *preflightWorld) {
				w.fake.SetQuota("ec2", "L-1216C47A", 530)
				w.runInstance(t, "c5.2xlarge")
			},
			id: "quota.vcpu.standard", status: checker.StatusFail,
			evidence: []string{"need 528 vCPUs", "L-1216C47A 530 (applied), 8 in use, 522 available"},
		},
		{
			// EKS "Nodes per managed node group" (L-BD136A63): the default
			// pool's node groups have maxSize 20.
			name: "nodes-per-node-group quota below a group's maxSize",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("eks", "L-BD136A63", 19) },
			id:   preflight.CheckNodesPerNodeGroup, status: checker.StatusFail,
			evidence: []string{"domino-default-us-west-2a (pool default) maxSize 20", "domino-default-us-west-2c (pool default) maxSize 20",
				`L-BD136A63 "Nodes per managed node group" 19 (applied)`},
		},
		{
			name: "nodes-per-node-group quota exactly the largest maxSize passes",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("eks", "L-BD136A63", 20) },
			id:   preflight.CheckNodesPerNodeGroup, status: checker.StatusPass,
			evidence: []string{"largest maxSize 20 (domino-default-us-west-2a)", "20 (applied)"},
		},
		{
			// EKS "Managed node groups per cluster" (L-6D54EA21): 3 platform + 3 default.
			name: "node-groups-per-cluster quota below the planned node groups",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("eks", "L-6D54EA21", 5) },
			id:   preflight.CheckNodeGroupsPerCluster, status: checker.StatusFail,
			evidence: []string{"need 6 (6 managed node groups, one per pool and zone)", "L-6D54EA21 5 (applied)"},
		},
		{
			name: "node-groups-per-cluster quota exactly the node groups passes",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("eks", "L-6D54EA21", 6) },
			id:   preflight.CheckNodeGroupsPerCluster, status: checker.StatusPass,
			evidence: []string{"need 6", "L-6D54EA21 6 (applied)", "6 available"},
		},
		{
			name: "Elastic IPs already allocated",
			seed: func(t *testing.T, w *preflightWorld) {
				for range 3 {
					w.allocateAddress(t)
				}
			},
			id: preflight.CheckEIPs, status: checker.StatusFail,
			evidence: []string{"need 3", "L-0263D0A3 5 (applied), 3 in use, 2 available"},
		},
		{
			name: "Elastic IP quota below the NAT gateway count",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-0263D0A3", 2) },
			id:   preflight.CheckEIPs, status: checker.StatusFail,
			evidence: []string{"need 3 (3 Elastic IPs for 3 NAT gateways)", "L-0263D0A3 2 (applied)"},
		},
		{
			name: "NAT gateway per zone quota exhausted",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("vpc", "L-FE5A380F", 0) },
			id:   preflight.CheckNATPerAZ, status: checker.StatusFail,
			evidence: []string{"need 1", "L-FE5A380F 0 (applied)"},
		},
		{
			// moto's offerings data (AWS's) lists p3dn.24xlarge in us-west-2b and c only.
			name: "instance type not offered in one zone",
			args: []string{"--set", `gpuPool={"instanceTypes":["p3dn.24xlarge"]}`},
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("ec2", "L-417A185B", 1440) },
			id:   preflight.CheckOfferings, status: checker.StatusFail,
			evidence: []string{"p3dn.24xlarge not offered in us-west-2a"},
		},
		{
			// natMode none plans the 8 interface endpoints private nodes need and the 3 SSM ones.
			name: "interface endpoint quota below the planned endpoints",
			args: []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"},
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.SetQuota("vpc", "L-29B6F2EB", 5) },
			id:   preflight.CheckInterfaceEndpoints, status: checker.StatusFail,
			evidence: []string{"need 11", "L-29B6F2EB 5 (applied)"},
		},
		{
			name: "bucket owned by another account",
			seed: func(_ *testing.T, w *preflightWorld) { w.fake.AddForeignBucket(defaultBlobs) },
			id:   preflight.CheckBuckets, status: checker.StatusFail,
			evidence: []string{defaultBlobs + " (403: owned by another account)"},
		},
		{
			name: "bucket already in this account",
			seed: func(t *testing.T, w *preflightWorld) { w.createBucket(t, defaultBlobs) },
			id:   preflight.CheckBuckets, status: checker.StatusWarn,
			evidence: []string{"exists in this account: " + defaultBlobs},
		},
		{
			name: "Kubernetes version not offered",
			seed: func(_ *testing.T, w *preflightWorld) {
				w.fake.SetClusterVersions(fakeaws.ClusterVersion{Version: "1.33", Status: "STANDARD_SUPPORT"}, fakeaws.ClusterVersion{Version: "1.34", Status: "STANDARD_SUPPORT"})
			},
			id: preflight.CheckEKSVersion, status: checker.StatusFail,
			evidence: []string{"Kubernetes 1.35 is not offered", "offered: 1.33, 1.34"},
		},
		{
			name: "Kubernetes version in extended support",
			seed: func(_ *testing.T, w *preflightWorld) {
				w.fake.SetClusterVersions(fakeaws.ClusterVersion{Version: "1.35", Status: "EXTENDED_SUPPORT"})
			},
			id: preflight.CheckEKSVersion, status: checker.StatusWarn,
			evidence: []string{"Kubernetes 1.35 offered in us-west-2 (EXTENDED_SUPPORT)"},
		},
		{
			name: "pinned add-on version not offered",
			seed: func(_ *testing.T, w *preflightWorld) {
				w.fake.SetAddonVersions("coredns", "1.35", "v1.13.2-eksbuild.11")
			},
			id: preflight.CheckAddonVersions, status: checker.StatusFail,
			evidence: []string{"coredns " + pinned("1.35", "coredns") + " is not offered for Kubernetes 1.35 in us-west-2"},
		},
		{
			name: "addonVersions override not offered",
			args: []string{"--set", `addonVersions={"kube-proxy":"v1.35.0-eksbuild.1"}`},
			id:   preflight.CheckAddonVersions, status: checker.StatusFail,
			evidence: []string{"kube-proxy v1.35.0-eksbuild.1 is not offered for Kubernetes 1.35"},
		},
		{
			name: "cluster name taken",
			seed: func(t *testing.T, w *preflightWorld) {
				client := eks.NewFromConfig(mototest.Config(context.Background(), w.moto))
				_, err := client.CreateCluster(context.Background(), &eks.CreateClusterInput{
					Name:               aws.String("domino"),
					RoleArn:            aws.String("arn:aws:iam::" + mototest.Account + ":role/eks"),
					ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: []string{"subnet-1", "subnet-2"}},
				})
				require.NoError(t, err)
			},
			id: preflight.CheckClusterName, status: checker.StatusFail,
			evidence: []string{"cluster domino already exists"},
		},
		{
			name: "missing Session Manager plugin with an access host",
			seed: func(t *testing.T, w *preflightWorld) { w.setTool(t, "session-manager-plugin", "") },
			id:   preflight.CheckSessionManagerPlugin, status: checker.StatusFail,
			evidence: []string{"session-manager-plugin not found on PATH"},
		},
		{
			name: "no access host: the plugin is not needed",
			args: []string{"--set", "accessHost=false"},
			seed: func(t *testing.T, w *preflightWorld) { w.setTool(t, "session-manager-plugin", "") },
			id:   preflight.CheckSessionManagerPlugin, status: checker.StatusPass,
			evidence: []string{"not applicable: the plan has no access host"},
		},
		{
			// Without NAT the plan's own SSM endpoints are the host's path.
			name: "natMode none: the access host reaches SSM through the planned endpoints",
			args: []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"},
			id:   preflight.CheckAccessSSMPath, status: checker.StatusPass,
			evidence: []string{"no NAT; interface endpoints planned in the new VPC: ec2messages, ssm, ssmmessages"},
		},
		{
			// moto's offerings data (AWS's) lists p3dn.24xlarge in us-west-2b and c only;
			// the host runs in the first zone's private subnet.
			name: "access host type not offered in its zone",
			args: []string{"--set", "accessHostInstanceType=p3dn.24xlarge"},
			id:   preflight.CheckAccessHostOffered, status: checker.StatusFail,
			evidence: []string{"p3dn.24xlarge not offered in us-west-2a (access host)"},
		},
		{
			name: "missing kubectl",
			seed: func(t *testing.T, w *preflightWorld) { w.setTool(t, "kubectl", "") },
			id:   preflight.CheckKubectl, status: checker.StatusFail,
			evidence: []string{"kubectl not found on PATH"},
		},
		{
			name: "old aws CLI",
			seed: func(t *testing.T, w *preflightWorld) {
				w.setTool(t, "aws", "aws-cli/2.6.3 Python/3.9.11 Linux/5.15 exe/x86_64")
			},
			id: preflight.CheckAWSCLI, status: checker.StatusFail,
			evidence: []string{"aws 2.6.3 found, need >= 2.7.0"},
		},
		{
			name: "aws CLI v1",
			seed: func(t *testing.T, w *preflightWorld) {
				w.setTool(t, "aws", "aws-cli/1.29.62 Python/3.8.10 Linux/5.15 botocore/1.31.62")
			},
			id: preflight.CheckAWSCLI, status: checker.StatusFail,
			evidence: []string{"aws 1.29.62 found"},
		},
		{
			name: "old kubectl (text output)",
			seed: func(t *testing.T, w *preflightWorld) {
				w.setTool(t, "kubectl", `Client Version: version.Info{Major:"1", Minor:"23", GitVersion:"v1.23.17"}`)
			},
			id: preflight.CheckKubectl, status: checker.StatusFail,
			evidence: []string{"kubectl 1.23.17 found, need >= 1.24.0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newPreflightWorld(t)
			if tt.seed != nil {
				tt.seed(t, w)
			}
			rep, code := preflightJSON(t, tt.args...)
			want := 0
			if tt.status == checker.StatusFail {
				want = 1
			}
			assert.Equal(t, want, code)
			found := false
			for _, r := range rep.Results {
				if r.ID != tt.id {
					assert.Equal(t, checker.StatusPass, r.Status, "only %s may change; %s: %s", tt.id, r.ID, r.Evidence)
					continue
				}
				found = true
				assert.Equal(t, tt.status, r.Status, r.Evidence)
				if tt.status == checker.StatusPass {
					assert.Empty(t, r.Fix)
				} else {
					assert.NotEmpty(t, r.Fix)
				}
				for _, e := range tt.evidence {
					assert.Contains(t, r.Evidence, e)
				}
			}
			assert.True(t, found, "no result %s", tt.id)
		})
	}
}

func TestPreflightTableOutput(t *testing.T) {
	w := newPreflightWorld(t)
	w.fake.SetQuota("ec2", "L-0263D0A3", 2)
	out, code := execPreflight(t)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "Cluster domino (us-west-2)")
	assert.Regexp(t, `FAIL\s+quota\.eips`, out)
	assert.Contains(t, out, "fix: request an increase")
	assert.Contains(t, out, "23 checks: 22 pass, 0 warn, 1 fail", "access.admin-entries is one more check")
}

func TestPreflightDeniedQuotasWarnWithDefaults(t *testing.T) {
	w := newPreflightWorld(t)
	w.fake.DenyQuotas()
	rep, code := preflightJSON(t)
	// 3 EIPs fit the assumed default of 5, but unverified: WARN.
	eips, _ := rep.Result(preflight.CheckEIPs)
	assert.Equal(t, checker.StatusWarn, eips.Status, eips.Evidence)
	assert.Contains(t, eips.Evidence, "5 (built-in default)")
	assert.Contains(t, eips.Evidence, "AccessDeniedException")
	// 528 vCPUs exceed the assumed default of 5: FAIL stays FAIL.
	vcpu, _ := rep.Result("quota.vcpu.standard")
	assert.Equal(t, checker.StatusFail, vcpu.Status, vcpu.Evidence)
	assert.Equal(t, 1, code)
}

func TestPreflightUnreachableEndpointExits2WithoutReport(t *testing.T) {
	newPreflightWorld(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	t.Setenv("AWS_ENDPOINT_URL", closed)
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	for _, args := range [][]string{nil, {"--json"}} {
		out, code := execPreflight(t, args...)
		assert.Equal(t, 2, code)
		assert.Empty(t, out, "no report on an unreachable endpoint")
	}
}

func TestPreflightBadConfigExits2(t *testing.T) {
	out, code := execPreflight(t, "--set", "natMode=sometimes")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	out, code = execPreflight(t, "--set", "noequals")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
}

// pinned is the table's version of an add-on for a Kubernetes version.
func pinned(k8s, addon string) string {
	pin, _ := awsfacts.AddonVersion(k8s, addon)
	return pin.Version
}
