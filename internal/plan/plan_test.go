package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildDefault(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	assert.Equal(t, "domino", p.Name)
	assert.Equal(t, "us-west-2", p.Region)
	assert.NotEmpty(t, p.Resources)
	assert.Contains(t, p.Outputs, "clusterName")
	assert.Contains(t, p.SecretOutputs, "kubeconfig")
	assert.Equal(t, SecretPlaceholder, p.Outputs["kubeconfig"])
	assert.NotEmpty(t, p.Warnings, "AL2023 nodes: the docker bridge warning")
}

// TestBuildRedactsSecrets checks that no secret output value leaks anywhere,
// e.g. through the kubernetes provider's kubeconfig input.
func TestBuildRedactsSecrets(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	doc, err := json.Marshal(map[string]any{"resources": p.Resources, "outputs": p.Outputs})
	require.NoError(t, err)
	for _, leak := range []string{"certificate-authority-data", "get-token", "TU9DSy1DQQ=="} {
		assert.NotContains(t, string(doc), leak)
	}
	for _, r := range p.Resources {
		if r.Type == "pulumi:providers:kubernetes" {
			assert.Equal(t, SecretPlaceholder, r.Inputs["kubeconfig"])
		}
	}
}

func TestBuildNodeGroups(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	byName := map[string]NodeGroup{}
	for _, ng := range p.NodeGroups {
		byName[ng.Name] = ng
	}
	for _, az := range []string{"us-west-2a", "us-west-2b", "us-west-2c"} {
		platform, ok := byName["domino-platform-"+az]
		require.True(t, ok, "one platform node group per zone")
		assert.Equal(t, "platform", platform.Pool)
		assert.Equal(t, []string{az}, platform.AvailabilityZones)
		assert.Equal(t, []string{"m5.4xlarge"}, platform.InstanceTypes)
		assert.Equal(t, [3]int{1, 1, 1}, [3]int{platform.MinSize, platform.MaxSize, platform.DesiredSize}, "the seed's 3 nodes, one per zone")
		assert.Equal(t, 128, platform.DiskGiB)
		assert.Equal(t, "gp3", platform.VolumeType)
	}

	for _, az := range []string{"us-west-2a", "us-west-2b", "us-west-2c"} {
		ng, ok := byName["domino-default-"+az]
		require.True(t, ok, "one default node group per zone")
		assert.Equal(t, "default", ng.Pool)
		assert.Equal(t, []string{az}, ng.AvailabilityZones)
		assert.Equal(t, [3]int{1, 20, 1}, [3]int{ng.MinSize, ng.MaxSize, ng.DesiredSize})
		assert.Equal(t, 400, ng.DiskGiB)
		assert.Equal(t, "true", ng.Labels["domino/build-node"])
	}
	assert.Len(t, p.NodeGroups, 6)
}

func TestBuildConfig(t *testing.T) {
	tests := []struct {
		name   string
		config map[string]string
		check  func(t *testing.T, p *Plan)
	}{
		{
			name:   "nested pool override",
			config: map[string]string{"dominoeks:defaultPool": `{"maxSize":30}`},
			check: func(t *testing.T, p *Plan) {
				for _, ng := range p.NodeGroups {
					if ng.Pool == "default" {
						assert.Equal(t, 30, ng.MaxSize)
						assert.Equal(t, 1, ng.MinSize)
					}
				}
			},
		},
		{
			name:   "region moves zones and prices",
			config: map[string]string{"dominoeks:region": "us-east-1"},
			check: func(t *testing.T, p *Plan) {
				assert.Equal(t, "us-east-1", p.Region)
				assert.Equal(t, "us-east-1", p.Cost.Region)
				assert.Contains(t, p.NodeGroups[0].AvailabilityZones[0], "us-east-1")
			},
		},
		{
			name:   "component name",
			config: map[string]string{"dominoeks:name": "prod"},
			check: func(t *testing.T, p *Plan) {
				assert.Equal(t, "prod", p.Name)
				assert.Contains(t, p.Resources[0].URN, "::prod")
			},
		},
		{
			name: "unpriced instance type: partial cost with a warning",
			config: map[string]string{
				"dominoeks:additionalPools": `[{"name":"hpc","instanceTypes":["m5zn.6xlarge"],"maxSize":4,` +
					`"labels":{"dominodatalab.com/node-pool":"hpc"}}]`,
			},
			check: func(t *testing.T, p *Plan) {
				assert.True(t, p.Cost.Partial)
				assert.Condition(t, func() bool {
					for _, w := range p.Warnings {
						if strings.Contains(w, "m5zn.6xlarge") {
							return true
						}
					}
					return false
				}, "a warning names the unpriced instance type: %v", p.Warnings)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Options{Config: tt.config})
			require.NoError(t, err)
			tt.check(t, p)
		})
	}
}

func TestBuildInvalidConfig(t *testing.T) {
	tests := map[string]struct {
		config map[string]string
		want   string
	}{
		"two zones":      {map[string]string{"dominoeks:availabilityZones": `["us-west-2a","us-west-2b"]`}, "2 availability zones are not supported"},
		"unknown key":    {map[string]string{"dominoeks:nodeCount": "3"}, "is not a DominoEKS configuration key"},
		"malformed JSON": {map[string]string{"dominoeks:defaultPool": "{maxSize: 3"}, "is not valid JSON"},
		"min above max":  {map[string]string{"dominoeks:defaultPool": `{"minSize":5,"maxSize":2}`}, "greater than maxSize"},
		// The component name is only checked when the component is created.
		"bad name": {map[string]string{"dominoeks:name": "Bad_Name!"}, `clusterName = "Bad_Name!"`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Build(Options{Config: tt.config})
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "want a ConfigError, got %v", err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "error occurred", "the component's message, not the runtime's wrapper")
		})
	}
}

// manyPools returns config for 3 zones × 20 pools: platform, default and
// 18 additional m5.xlarge pools with distinct labels.
func manyPools() map[string]string {
	pools := make([]map[string]any, 18)
	for i := range pools {
		name := fmt.Sprintf("pool-%d", i+1)
		pools[i] = map[string]any{
			"name": name, "instanceTypes": []string{"m5.xlarge"}, "minSize": 0, "maxSize": 10,
			"labels": map[string]string{"dominodatalab.com/node-pool": name},
		}
	}
	b, _ := json.Marshal(pools)
	// 200 nodes per zone at max size need ~11,900 pod IPs (VPC CNI): more than
	// the default /19 private subnets hold (the subnet-pod-capacity limit).
	return map[string]string{
		"dominoeks:additionalPools":    string(b),
		"dominoeks:privateSubnetCidrs": `["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]`,
		"dominoeks:publicSubnetCidrs":  `["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"]`,
	}
}

func TestBuildManyPools(t *testing.T) {
	p, err := Build(Options{Config: manyPools()})
	require.NoError(t, err)
	assert.Len(t, p.NodeGroups, 3+3+18*3, "every pool has one group per zone")
	assert.False(t, p.Cost.Partial, p.Cost.Warnings)
	one, err := Build(Options{})
	require.NoError(t, err)
	assert.Equal(t, one.CriticalPath.Seconds, p.CriticalPath.Seconds, "node groups deploy in parallel: 58 groups take as long as 4")
}

func BenchmarkBuildDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Build(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild3AZ20Pools(b *testing.B) {
	cfg := manyPools()
	for b.Loop() {
		if _, err := Build(Options{Config: cfg}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBuildRegionAsPulumiUp: the planner hands aws:region to the component as
// `pulumi up` does, so a stack whose dominoeks:region differs from aws:region
// is refused (the component's check), and an unset dominoeks:region follows it.
func TestBuildRegionAsPulumiUp(t *testing.T) {
	_, err := Build(Options{Config: map[string]string{"aws:region": "eu-west-1", "dominoeks:region": "us-east-1"}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), "aws:region = eu-west-1")

	p, err := Build(Options{Config: map[string]string{"aws:region": "eu-west-1"}})
	require.NoError(t, err)
	assert.Equal(t, "eu-west-1", p.Region)
	assert.Contains(t, p.Outputs["installerValues"], "region: eu-west-1")
}

// TestBuildFailsOnRuleViolation: a program whose registrations AWS would
// refuse fails the plan with the engine's violations, not a config error.
func TestBuildFailsOnRuleViolation(t *testing.T) {
	_, err := Build(Options{program: func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := awseks.NewAddon(ctx, "ebs", &awseks.AddonArgs{ClusterName: pulumi.String("c"), AddonName: pulumi.String("aws-ebs-csi-driver")})
		return pulumi.Map{}, err
	}})
	var ve *preview.ViolationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Violations, 1)
	assert.Equal(t, "addon-after-nodes", ve.Violations[0].Rule)
	var ce *ConfigError
	assert.False(t, errors.As(err, &ce))
}

// TestEveryClassSchedulable: the configurations a platform team starts from
// plan with every pod class of Domino's placed in every zone it must run in.
func TestEveryClassSchedulable(t *testing.T) {
	for name, cfg := range map[string]map[string]string{
		"default":                  {},
		"GPU pool":                 {"dominoeks:enableGpuPool": "true"},
		"additional pool at min 0": {"dominoeks:additionalPools": `[{"name":"highmem","instanceTypes":["r5.4xlarge"],"minSize":0,"labels":{"team":"ml"}}]`},
		"default at min 0 and GPU": {"dominoeks:defaultPool": `{"minSize":0}`, "dominoeks:enableGpuPool": "true"},
		"one zone":                 {"dominoeks:availabilityZones": `["us-west-2a"]`, "dominoeks:enableGpuPool": "true"},
		"Kubernetes 1.36":          {"dominoeks:kubernetesVersion": "1.36"},
		// An additional GPU pool gets the GPU label and taint beside its own
		// (the device plugin selects the label), as Domino's Terraform merges them.
		"additional GPU pool": {"dominoeks:additionalPools": `[{"name":"a10","instanceTypes":["g5.2xlarge"],"labels":{"team":"ml"}}]`},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := Build(Options{Config: cfg})
			require.NoError(t, err)
			assert.Empty(t, p.Scheduling.Gaps)
			require.NotEmpty(t, p.Scheduling.Placements)
			for _, pl := range p.Scheduling.Placements {
				assert.NotEmpty(t, pl.NodeGroup, "%s in %s: %s", pl.Class, pl.Zone, pl.Problem)
			}
			for _, w := range p.Warnings {
				assert.NotContains(t, w, "scheduling:")
			}
		})
	}
}

// TestUntoleratedPoolTaint: a taint no Domino pod tolerates on an
// additional pool is a warning naming the pool, the taint and the classes
// that cannot use it (the pool may serve other workloads); on the default
// pool it is a configuration error naming defaultPool.taints (exit 2).
func TestUntoleratedPoolTaint(t *testing.T) {
	taint := `"taints":[{"key":"team","value":"x","effect":"NoSchedule"}]`
	p, err := Build(Options{Config: map[string]string{
		"dominoeks:additionalPools": `[{"name":"big","instanceTypes":["m5.8xlarge"],"minSize":0,` + taint + `}]`}})
	require.NoError(t, err)
	warned := strings.Join(p.Warnings, "\n")
	assert.Contains(t, warned, "scheduling: pool big")
	assert.Contains(t, warned, "team=x:NoSchedule")
	assert.Contains(t, warned, "execution/big")
	assert.Contains(t, warned, "daemonset/domino-node-agents")

	_, err = Build(Options{Config: map[string]string{"dominoeks:defaultPool": `{` + taint + `}`}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), `defaultPool.taints = "team=x:NoSchedule"`)
	assert.Contains(t, err.Error(), "scheduling:build")
}

// TestRelabelledPlatformPoolExits2: writing the platform pool's node-pool
// label away leaves Domino's platform services nowhere: a configuration
// error naming platformPool.labels, not a fault of the component.
func TestRelabelledPlatformPoolExits2(t *testing.T) {
	_, err := Build(Options{Config: map[string]string{"dominoeks:platformPool": `{"labels":{"dominodatalab.com/node-pool":"core"}}`}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), `platformPool.labels = "dominodatalab.com/node-pool=core"`)
	assert.Contains(t, err.Error(), "scheduling:platform")
}

// TestValuedStartupTaintOnAGroupAtZeroExits2: a GPU pool at size 0 that
// starts tainted ebs.csi.aws.com/agent-not-ready=true lands the taint in
// cluster-autoscaler's template, so no GPU run ever scales it: exit 2
// naming gpuPool.taints, the class and the autoscaler source.
func TestValuedStartupTaintOnAGroupAtZeroExits2(t *testing.T) {
	_, err := Build(Options{Config: map[string]string{
		"dominoeks:gpuPool": `{"minSize":0,"taints":[{"key":"ebs.csi.aws.com/agent-not-ready","value":"true","effect":"NoExecute"}]}`}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	msg := err.Error()
	assert.Contains(t, msg, `gpuPool.taints = "ebs.csi.aws.com/agent-not-ready=true:NoExecute"`)
	assert.Contains(t, msg, "scheduling:execution/default-gpu")
	assert.Contains(t, msg, "the autoscaler's template at size 0")
	assert.Contains(t, msg, "kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/aws_manager.go")
}
