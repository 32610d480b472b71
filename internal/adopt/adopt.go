// Package adopt decides whether a resource a destroy retained belongs to this
// cluster, so the next `up` (domino) and `preflight` adopt only this cluster's
// data. One judgement, two callers: the component (Pulumi invokes) and the
// preflight (AWS SDK) read the same facts and must reach the same verdict.
package adopt

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// ClusterTag carries the EKS cluster name on every retained resource whose
// physical name does not contain it (the EFS file system). The component name
// ("domino" by default in every stack) is not an identity: two stacks in one
// account share it, the cluster name is unique per account and region (EKS
// CreateCluster: ResourceInUseException for a taken name).
const ClusterTag = "dominodatalab.com/cluster"

// Verdict is what the next `up` does with a candidate.
type Verdict int

// Verdicts.
const (
	// Adopt: the candidate is this cluster's (tagged so, or, for a resource an
	// earlier version created untagged, encrypted with this cluster's key).
	Adopt Verdict = iota
	// Foreign: the candidate is tagged for another cluster: never adopted.
	Foreign
	// Unverified: nothing ties the candidate to a cluster: not adopted.
	Unverified
)

// Candidate is a retained resource found by a name that does not carry the
// cluster's identity (EFS: the tag Name=<component>-datasets).
type Candidate struct {
	ID string
	// Tags are the resource's tags.
	Tags map[string]string
	// KeyID is the KMS key (id or ARN) it is encrypted with ("" if none).
	KeyID string
}

// Cluster is the identity of the cluster the `up` deploys.
type Cluster struct {
	Name string
	// KeyID is the key alias/<cluster> names ("" when none): a customer key
	// whose alias carries the cluster name.
	KeyID string
}

// Judge decides whether c belongs to cluster cl, and names the owner of a
// foreign candidate. An identity tag decides alone. Without it (file systems
// created before the tag existed) the candidate is this cluster's only when
// it is encrypted with the key alias/<cluster> names (createKmsKey, the
// default, encrypts the file system with it), or when it carries the
// kubernetes.io/cluster/<cluster> tag. A brought key (kmsKeyArn) proves
// nothing: clusters may share it.
func Judge(c Candidate, cl Cluster) (Verdict, string) {
	if owner := c.Tags[ClusterTag]; owner != "" {
		if owner == cl.Name {
			return Adopt, owner
		}
		return Foreign, owner
	}
	if _, ok := c.Tags["kubernetes.io/cluster/"+cl.Name]; ok {
		return Adopt, cl.Name
	}
	for k := range c.Tags {
		if other, ok := strings.CutPrefix(k, "kubernetes.io/cluster/"); ok && other != "" {
			return Foreign, other
		}
	}
	if cl.KeyID != "" && c.KeyID != "" && keyID(c.KeyID) == keyID(cl.KeyID) {
		return Adopt, cl.Name
	}
	return Unverified, ""
}

// keyID returns the key id of a key ARN (the part after "key/"), or its argument.
func keyID(arn string) string {
	if i := strings.LastIndex(arn, ":key/"); i >= 0 {
		return arn[i+len(":key/"):]
	}
	return arn
}

// TagCommand is the command that marks a retained file system as cluster's,
// so the next `up` adopts it: the fix for an unverified candidate.
func TagCommand(id, cluster string) string {
	return "aws efs tag-resource --resource-id " + id + " --tags Key=" + ClusterTag + ",Value=" + cluster
}

// Access entries. EKS gives the principal that creates the cluster an access
// entry with cluster admin at creation (bootstrapClusterCreatorAdminPermissions,
// which pulumi-eks v2.8.1 sets), and CreateAccessEntry for a principal that
// has an entry fails with ResourceInUseException (EKS API CreateAccessEntry;
// pulumi/pulumi-eks#2373). pulumi-eks creates the stack's entries once the
// cluster is ACTIVE, minutes after CreateCluster.

// CreatorEntryWindow is how close to the cluster's creation an untagged entry
// must have been created to be the creator's: CreateCluster creates it, while
// a cluster takes about ten minutes to become ACTIVE (internal/plan durations).
const CreatorEntryWindow = 2 * time.Minute

// Entry is an access entry that exists for an admin principal.
type Entry struct {
	Tags      map[string]string
	CreatedAt time.Time
}

// EntryVerdict is what the next `up` does with an existing access entry.
type EntryVerdict int

// EntryVerdicts. A program cannot read its stack's state, so each verdict
// must be right whether or not the entry is in the stack's state: dropping an
// entry that is in state makes Pulumi delete it (an admin revoked), and
// registering one that is not fails with ResourceInUseException.
const (
	// Managed: tagged ClusterTag=<cluster>, as the stack tags the entries it
	// creates: the stack keeps registering it.
	Managed EntryVerdict = iota
	// Creators: EKS created it with the cluster for its creator (untagged,
	// within CreatorEntryWindow of the cluster): left alone, never registered.
	Creators
	// Adopted: untagged and created after the cluster: an admin added it by
	// hand, or an earlier version of the stack created it untagged. The stack
	// registers it with the import option and the entry's own inputs; on an
	// entry already in state with the same id the engine takes the import
	// for a plain update (domino/cluster.go cites the engine), so one
	// registration is right for both.
	Adopted
	// OtherClusters: tagged ClusterTag=<another cluster>: left alone, with a warning.
	OtherClusters
)

// String names the verdict as `up` and `preflight` word it.
func (v EntryVerdict) String() string {
	switch v {
	case Managed:
		return "kept"
	case Creators:
		return "left alone (the creator's)"
	case Adopted:
		return "adopted"
	case OtherClusters:
		return "left alone (another cluster's)"
	}
	return fmt.Sprintf("EntryVerdict(%d)", int(v))
}

// JudgeEntry decides whose an existing access entry of cluster is. The tag
// decides alone; without it, the creation time tells the creator's entry
// (made by CreateCluster) from one made later. An untagged entry whose
// creation time is unknown is adopted: the import is right whether it is in
// the stack's state or not, and only the creator's entry must never be
// registered (its creation time is always known: EKS reports createdAt).
func JudgeEntry(e Entry, cluster string, clusterCreated time.Time) EntryVerdict {
	if owner := e.Tags[ClusterTag]; owner != "" {
		if owner == cluster {
			return Managed
		}
		return OtherClusters
	}
	if !clusterCreated.IsZero() && !e.CreatedAt.IsZero() {
		if d := e.CreatedAt.Sub(clusterCreated); d > -CreatorEntryWindow && d < CreatorEntryWindow {
			return Creators
		}
	}
	return Adopted
}

// EntryImportID is the id aws.eks.AccessEntry imports by
// ("cluster_name:principal_arn": pulumi-aws v6.83.4 go/aws/eks/accessEntry.go,
// "import EKS access entry using the `cluster_name` and `principal_arn`
// separated by a colon").
func EntryImportID(cluster, principal string) string { return cluster + ":" + principal }

// SamePrincipal reports whether the caller ARN (an IAM user, or an STS
// assumed-role session) is the IAM principal admin. A session ARN carries the
// role's name but not its path, so roles match by account and name.
func SamePrincipal(caller, admin string) bool {
	if caller == admin {
		return true
	}
	const sts = ":assumed-role/"
	i := strings.Index(caller, sts)
	if i < 0 || !strings.Contains(admin, ":role/") {
		return false
	}
	role, _, _ := strings.Cut(caller[i+len(sts):], "/")
	account := accountOf(caller)
	return account != "" && account == accountOf(admin) && admin[strings.LastIndex(admin, "/")+1:] == role
}

// accountOf returns the account field of an ARN ("" when it is not one).
func accountOf(s string) string {
	a, err := arn.Parse(s)
	if err != nil {
		return ""
	}
	return a.AccountID
}
