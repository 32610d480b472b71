package domino

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/names"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clusterNameOf returns an EKS-valid cluster name of n characters built from
// seed (upper case and _ included), e.g. for the derived-name tests.
func clusterNameOf(n int, seed string) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(seed)
	}
	return b.String()[:n]
}

// TestDerivedNamesKeepTodaysNames: every name earlier versions derived and
// AWS accepted stays exactly as it was (renaming a bucket or repository
// replaces it); only names AWS would refuse change.
func TestDerivedNamesKeepTodaysNames(t *testing.T) {
	tests := []struct {
		cluster, region string
		want            map[string]string
	}{
		{"domino", "us-west-2", map[string]string{
			NameBlobsBucket:           "domino-{account}-us-west-2-blobs",
			NameLogsBucket:            "domino-{account}-us-west-2-logs",
			NameBackupsBucket:         "domino-{account}-us-west-2-backups",
			NameRegistryBucket:        "domino-{account}-us-west-2-registry",
			NameMonitoringBucket:      "domino-{account}-us-west-2-monitoring",
			NameRepositoryPrefix:      "domino",
			NameQuayPullThroughPrefix: "domino-quay",
			NameKeyAlias:              "alias/domino",
			NameFlowLogGroup:          "/aws/vpc/domino/flow-logs",
			NameControlPlaneLogGroup:  "/aws/eks/domino/cluster",
		}},
		// Upper case was always lower-cased for S3 and ECR: kept.
		{"Prod-EU", "eu-west-1", map[string]string{
			NameBlobsBucket:           "prod-eu-{account}-eu-west-1-blobs",
			NameRepositoryPrefix:      "prod-eu",
			NameQuayPullThroughPrefix: "prod-eu-quay",
			NameKeyAlias:              "alias/Prod-EU",
		}},
		// 29 characters: the longest whose monitoring bucket fits in us-west-2.
		{clusterNameOf(29, "abcdefghij"), "us-west-2", map[string]string{
			NameMonitoringBucket: clusterNameOf(29, "abcdefghij") + "-{account}-us-west-2-monitoring",
			NameBackupsBucket:    clusterNameOf(29, "abcdefghij") + "-{account}-us-west-2-backups",
		}},
		// 25 characters: the longest whose <cluster>-quay fits in 30.
		{clusterNameOf(25, "abcdefghij"), "us-west-2", map[string]string{
			NameQuayPullThroughPrefix: clusterNameOf(25, "abcdefghij") + "-quay",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.cluster, func(t *testing.T) {
			s := DominoEKSArgs{ClusterName: tt.cluster, Region: tt.region}.resolve("domino")
			for id, want := range tt.want {
				assert.Equal(t, want, s.derivedName(id), id)
			}
		})
	}
}

// TestDerivedNamesShortenAndClean: names AWS would refuse are cleaned and
// shortened with a stable hash of the cluster name, and pass AWS's rule.
func TestDerivedNamesShortenAndClean(t *testing.T) {
	long := clusterNameOf(100, "Abc_Def-")
	s := DominoEKSArgs{ClusterName: long, Region: "ap-southeast-2"}.resolve("domino")
	h := names.Hash(long)
	assert.Equal(t, "abc-def-abc-def-"+h+"-{account}-ap-southeast-2-monitoring", s.derivedName(NameMonitoringBucket))
	assert.Equal(t, "abc-def-abc-def-"+h+"-quay", s.derivedName(NameQuayPullThroughPrefix), "at most 16 characters of the name, the hash, -quay")
	assert.LessOrEqual(t, len(s.derivedName(NameQuayPullThroughPrefix)), awsfacts.ECRPullThroughPrefix.Max)
	assert.Equal(t, "alias/"+long, s.derivedName(NameKeyAlias), "KMS accepts the name as it is")

	// Two names that clean alike keep distinct derived names.
	a := DominoEKSArgs{ClusterName: "my_cluster"}.resolve("domino").derivedName(NameBlobsBucket)
	b := DominoEKSArgs{ClusterName: "my.cluster_"}.resolve("domino").derivedName(NameBlobsBucket)
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, DominoEKSArgs{ClusterName: "my_cluster"}.resolve("domino").derivedName(NameBlobsBucket), "stable")

	// A name whose cleaned form keeps an S3-reserved prefix gets the hash alone.
	assert.Equal(t, names.Hash("sthree_x")+"-{account}-us-west-2-blobs",
		DominoEKSArgs{ClusterName: "sthree_x"}.resolve("domino").derivedName(NameBlobsBucket))
}

// TestDerivedNamesPassAWSRules: for EKS-valid cluster names of every length
// 1-100 (random letters of both cases, digits, _ and -) in the longest
// region names, every derived name passes its AWS rule.
func TestDerivedNamesPassAWSRules(t *testing.T) {
	rng := rand.New(rand.NewSource(26))
	const first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	const rest = first + "_-"
	for n := 1; n <= awsfacts.ClusterNameMax; n++ {
		for range 5 {
			b := []byte{first[rng.Intn(len(first))]}
			for len(b) < n {
				b = append(b, rest[rng.Intn(len(rest))])
			}
			cluster := string(b)
			require.Regexp(t, clusterNameRE, cluster)
			for _, region := range []string{"us-west-2", "ap-southeast-5", "us-gov-west-1"} {
				in := names.Input{Cluster: cluster, Region: region}
				for _, e := range names.Table {
					name := e.Derive(in)
					if e.ID == NameRepositoryPrefix {
						for _, role := range RepositoryRoles {
							assert.Empty(t, e.Rule.Check(name+"/"+role), "repository %s of cluster %q", role, cluster)
						}
						continue
					}
					assert.Empty(t, e.Rule.Check(strings.Replace(name, AccountPlaceholder, "123456789012", 1)), "%s of cluster %q in %s", e.ID, cluster, region)
				}
			}
		}
	}
}

// TestDerivedNamesTableIsCited: every entry names its rule's source and its
// form's; every rule kind is cited.
func TestDerivedNamesTableIsCited(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range names.Table {
		assert.False(t, seen[e.ID], "duplicate %s", e.ID)
		seen[e.ID] = true
		assert.NotEmpty(t, e.Source, e.ID)
		assert.Contains(t, e.Rule.Source, "https://", e.ID)
	}
	assert.Equal(t, names.AccountPlaceholder, AccountPlaceholder)
	assert.Equal(t, names.QuaySuffix, PullThroughQuaySuffix)
	assert.Equal(t, []string{BucketBlobs, BucketLogs, BucketBackups, BucketRegistry, BucketMonitoring},
		[]string{names.BucketBlobs, names.BucketLogs, names.BucketBackups, names.BucketRegistry, names.BucketMonitoring})
	for _, r := range awsfacts.NameRules {
		assert.Contains(t, r.Source, "https://", r.Kind)
	}
	// Auto-named resources fit for the default component name.
	for _, a := range autoNamed {
		assert.Empty(t, a.Rule.Check(DefaultName+"-"+a.Logical), a.Logical)
	}
}
