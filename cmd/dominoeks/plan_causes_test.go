package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRuleBrokenBySettingExits2: a configuration mistake the engine's AWS
// rules catch exits 2 naming the setting, its value, the fix, the rule and
// its source; a violation no setting explains (a component bug) exits 1.
func TestRuleBrokenBySettingExits2(t *testing.T) {
	account := filepath.Join(t.TempDir(), "account.json")
	require.NoError(t, os.WriteFile(account, []byte(`{"logGroups":["/aws/vpc/prod/flow-logs"]}`), 0o600))
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"natMode none without endpoints", []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino", "--set", "vpcEndpoints=false"},
			[]string{"vpcEndpoints = false", "natMode none", "leave vpcEndpoints unset", "rule private-subnet-egress", "private-clusters.html",
				"rule ssm-managed-private-endpoints"}},
		{"natMode none without endpoints or access host", []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino", "--set", "vpcEndpoints=false", "--set", "accessHost=false"},
			[]string{"vpcEndpoints = false", "rule private-subnet-egress"}},
		{"gpu false on a GPU instance type", []string{"--set", `additionalPools=[{"name":"inference","instanceTypes":["g5.xlarge"],"gpu":false}]`},
			[]string{"additionalPools[0].gpu = false", "g5.xlarge has NVIDIA GPUs", "leave gpu unset", "rule gpu-ami-type", "ml-eks-optimized-ami.html"}},
		{"gpu pool written gpu false", []string{"--set", "enableGpuPool=true", "--set", `gpuPool={"gpu":false}`},
			[]string{"gpuPool.gpu = false", "rule gpu-ami-type"}},
		{"natMode none without the pull-through cache", []string{"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino", "--set", "ecrPullThroughCache=false"},
			[]string{"ecrPullThroughCache = false", "no Internet egress", "leave ecrPullThroughCache unset", "rule workload:image-pull-through", "pull-through-cache-iam.html"}},
		{"cluster name whose flow-log group the account holds", []string{"--set", "clusterName=prod", "--account", account},
			[]string{`clusterName = "prod"`, "/aws/vpc/prod/flow-logs", "set clusterName to a name", "rule logs-log-group-exists", "API_CreateLogGroup.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, append([]string{"plan", "--no-color"}, tc.args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, "invalid DominoEKS configuration")
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			assert.NotContains(t, stderr, "urn:pulumi:", "names the setting, not a URN")
		})
	}

	t.Run("a violation no setting explains", func(t *testing.T) {
		bug := &preview.ViolationError{Violations: []preview.Violation{{
			Rule: "private-subnet-egress", URN: "urn:pulumi:dev::p::aws:eks/nodeGroup:NodeGroup::domino-default-us-west-2a",
			Problem: "nodes could not reach ECR", Source: "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html",
		}}}
		err := planFailure(fmt.Errorf("evaluate: %w", bug))
		assert.Equal(t, 1, exitCode(err))
		assert.Contains(t, err.Error(), "domino-default-us-west-2a")
	})
}
