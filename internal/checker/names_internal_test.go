package checker

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/dominoeks/pulumi-dominoeks/internal/names"
	"github.com/stretchr/testify/assert"
)

// TestDiscoveryFollowsDerivedNames: bucket discovery lists by <cluster>-
// and, for a cluster name S3 refuses in that form, by the derived (hashed)
// bucket names; ECR and pull-through prefixes are the derived ones.
func TestDiscoveryFollowsDerivedNames(t *testing.T) {
	st := &state{cluster: &ekstypes.Cluster{Arn: aws.String("arn:aws:eks:us-west-2:123456789012:cluster/x")}}

	r := &runner{opts: Options{Cluster: "domino", Region: "us-west-2"}}
	assert.Equal(t, []string{"domino-"}, r.bucketPrefixes(st), "a name S3 accepts: the prefix alone")
	assert.Equal(t, "domino", r.repositoryPrefix())

	long := "Prod_Domino_" + "abcdefghijabcdefghijabcdefghij" // 42 characters, upper case and _
	r = &runner{opts: Options{Cluster: long, Region: "us-west-2"}}
	got := r.bucketPrefixes(st)
	assert.Equal(t, []string{long + "-", "prod_domino_abcdefghijabcdefghijabcdefghij-"}, got[:2])
	h := names.Hash(long)
	assert.Contains(t, got, "prod-domino-abcdefghijabc-"+h+"-123456789012-us-west-2-blobs")
	assert.Len(t, got, 2+4, "blobs, logs, backups, registry; not the access-log bucket")
	assert.Equal(t, "prod_domino_abcdefghijabcdefghijabcdefghij", r.repositoryPrefix(), "ECR accepts the lower-cased name")
	assert.Empty(t, (&runner{opts: Options{Cluster: "x"}}).bucketPrefixes(&state{})[1:], "no cluster ARN: the prefix alone")
}
