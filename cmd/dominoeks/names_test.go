package main

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/stretchr/testify/assert"
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
		for _, extra := range [][]string{nil, {"--set", "natMode=none"}} {
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
