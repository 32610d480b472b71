package main

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nameInputs are the resource types whose names the component derives from
// the cluster name, the input holding the name, and AWS's rule for it.
var nameInputs = []struct {
	typ, key string
	rule     awsfacts.NameRule
}{
	{"aws:s3/bucketV2:BucketV2", "bucket", awsfacts.S3BucketName},
	{"aws:ecr/repository:Repository", "name", awsfacts.ECRRepositoryName},
	{"aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "ecrRepositoryPrefix", awsfacts.ECRPullThroughPrefix},
	{"aws:kms/alias:Alias", "name", awsfacts.KMSAliasName},
	{"aws:cloudwatch/logGroup:LogGroup", "name", awsfacts.LogGroupName},
	{"aws:eks/nodeGroup:NodeGroup", "nodeGroupName", awsfacts.NodeGroupName},
}

// TestPlanAnyClusterName: every EKS-valid cluster name plans (exit 0) — long
// ones, upper case and underscores included — and every name derived from it
// passes AWS's rule for its kind (besides the engine's rules, which a plan
// with exit 0 passed).
func TestPlanAnyClusterName(t *testing.T) {
	for _, n := range []int{1, 26, 36, 38, 63, 100} {
		cluster := strings.Repeat("Dom_ino-9", 12)[:n]
		if n == 1 {
			cluster = "D"
		}
		for _, extra := range [][]string{nil, {"--set", "natMode=none", "--set", "imageRegistry=registry.example.com/domino"}} {
			t.Run(cluster+strings.Join(extra, " "), func(t *testing.T) {
				doc := planJSON(t, append([]string{"--set", "clusterName=" + cluster}, extra...)...)
				checked := 0
				for _, r := range doc["resources"].([]any) {
					res := r.(map[string]any)
					for _, in := range nameInputs {
						if res["type"] != in.typ {
							continue
						}
						name, _ := res["inputs"].(map[string]any)[in.key].(string)
						if name == "" {
							continue // auto-named: the engine's rules checked it
						}
						assert.Empty(t, in.rule.Check(name), "%s %s", in.typ, res["urn"])
						checked++
					}
				}
				assert.GreaterOrEqual(t, checked, 5+3+2, "buckets, repositories, alias and log groups were checked")
			})
		}
	}
}

// TestPlanNoNATNeedsAnImageSource: natMode none with a 36-character cluster
// name is refused (exit 2, naming imageRegistry) without an image source;
// with one it plans, every ECR prefix within ECR's 2-30 characters, and the
// installer values name the registry.
func TestPlanNoNATNeedsAnImageSource(t *testing.T) {
	cluster := strings.Repeat("Prod_domino-", 3) // 36 characters
	require.Len(t, cluster, 36)
	stdout, stderr, code := runCLI(t, "plan", "--set", "clusterName="+cluster, "--set", "natMode=none")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `imageRegistry = "<unset>": is required with natMode none`)
	assert.Contains(t, stderr, "domino-load-images.py")
	assert.Contains(t, stderr, "aws/containers-roadmap#2652")

	const mirror = "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino-mirror"
	doc := planJSON(t, "--set", "clusterName="+cluster, "--set", "natMode=none", "--set", "imageRegistry="+mirror)
	prefixes := 0
	for _, r := range doc["resources"].([]any) {
		res := r.(map[string]any)
		if res["type"] != "aws:ecr/pullThroughCacheRule:PullThroughCacheRule" {
			continue
		}
		prefix := res["inputs"].(map[string]any)["ecrRepositoryPrefix"].(string)
		assert.Empty(t, awsfacts.ECRPullThroughPrefix.Check(prefix))
		assert.GreaterOrEqual(t, len(prefix), 2)
		assert.LessOrEqual(t, len(prefix), 30)
		prefixes++
	}
	assert.Equal(t, 1, prefixes, "the quay.io rule (public images)")
	values := doc["outputs"].(map[string]any)["installerValues"].(string)
	assert.Contains(t, values, "image_registries:\n  - server: 123456789012.dkr.ecr.us-west-2.amazonaws.com\n")
	warnings := strings.Join(toStrings(doc["warnings"]), "\n")
	assert.Contains(t, warnings, "imageRegistry "+mirror)
	assert.Contains(t, warnings, "no key of Domino's install configuration reference documents re-pointing them")
}
