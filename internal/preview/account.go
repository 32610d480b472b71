package preview

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Holdings describe what the AWS account holds before a run, by physical
// name: the stack's own cluster after its first `up`, and what a destroy
// retained. The mocks answer lookups from it, and the engine refuses to
// create a physical name it holds, as AWS does (rule name-already-exists).
type Holdings struct {
	// Clusters are EKS clusters that exist (getCluster finds them).
	Clusters []string `json:"clusters,omitempty"`
	// LogGroups are CloudWatch log groups (EKS recreates
	// /aws/eks/<cluster>/cluster after a destroy while it flushes).
	LogGroups []string `json:"logGroups,omitempty"`
	// ClusterKeys are the KMS key ARNs encrypting the held clusters'
	// secrets, by cluster name (a cluster absent here has none).
	ClusterKeys map[string]string `json:"clusterKeys,omitempty"`
	// UntaggedClusters are held clusters an earlier version created: they
	// carry no dominodatalab.com/secrets-key tag.
	UntaggedClusters []string `json:"untaggedClusters,omitempty"`
	// Repositories are ECR repositories (retained on destroy).
	Repositories []string `json:"repositories,omitempty"`
	// RepositoryKeys are the KMS key ARNs encrypting held repositories, by
	// name (a repository absent here is AES256-encrypted, ECR's default).
	RepositoryKeys map[string]string `json:"repositoryKeys,omitempty"`
	// Buckets are S3 buckets owned by this account (retained on destroy).
	Buckets []string `json:"buckets,omitempty"`
	// KeyAliases are KMS aliases (alias/<name>) that exist.
	KeyAliases []string `json:"keyAliases,omitempty"`
	// RoleDescriptions are IAM roles that exist, by name, with their
	// description (getRole answers it).
	RoleDescriptions map[string]string `json:"roleDescriptions,omitempty"`
	// FileSystems are EFS file systems that exist: a bare name in JSON is
	// one tagged Name=<name> and nothing else (what an earlier version created).
	FileSystems []HeldFileSystem `json:"fileSystems,omitempty"`
	// BackupVaults are AWS Backup vaults (retained on destroy with their recovery points).
	BackupVaults []string `json:"backupVaults,omitempty"`
	// AccessEntries are the access entries of held clusters, by cluster.
	AccessEntries map[string][]HeldAccessEntry `json:"accessEntries,omitempty"`
	// Subnets are the private subnets an earlier up created.
	Subnets []HeldSubnet `json:"subnets,omitempty"`
}

// HeldAccessEntry is an access entry of a held cluster.
type HeldAccessEntry struct {
	Principal string `json:"principal"`
	// Creator: EKS made it with the cluster for the principal that created
	// it (created at ClusterCreatedAt, untagged). Otherwise it was created an
	// hour later, by the stack (tagged when Tagged, as the component tags its
	// entries; untagged as an earlier version left them).
	Creator bool `json:"creator,omitempty"`
	Tagged  bool `json:"tagged,omitempty"`
	// Owner, when set, tags the entry dominodatalab.com/cluster=<Owner>:
	// another cluster's.
	Owner string `json:"owner,omitempty"`
	// Groups are its Kubernetes groups (an entry added by hand may have some).
	Groups []string `json:"groups,omitempty"`
}

// ClusterCreatedAt is when every held cluster was created (getCluster's createdAt).
const ClusterCreatedAt = "2026-01-05T10:00:00Z"

// lookupAccessEntry answers aws:eks/getAccessEntry from the held entries.
func (h Holdings) lookupAccessEntry(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	cluster, principal := args.Args["clusterName"].StringValue(), args.Args["principalArn"].StringValue()
	for _, e := range h.AccessEntries[cluster] {
		if e.Principal != principal {
			continue
		}
		out := args.Args.Copy()
		out["id"] = resource.NewProperty(cluster + ":" + principal)
		out["createdAt"] = resource.NewProperty(ClusterCreatedAt)
		if !e.Creator {
			out["createdAt"] = resource.NewProperty("2026-01-05T11:00:00Z")
		}
		tags := resource.PropertyMap{}
		switch {
		case e.Tagged:
			tags[adopt.ClusterTag] = resource.NewProperty(cluster)
		case e.Owner != "":
			tags[adopt.ClusterTag] = resource.NewProperty(e.Owner)
		}
		out["tags"] = resource.NewProperty(tags)
		groups := []resource.PropertyValue{}
		for _, g := range e.Groups {
			groups = append(groups, resource.NewProperty(g))
		}
		out["kubernetesGroups"] = resource.NewProperty(groups)
		out["type"] = resource.NewProperty("STANDARD")
		return out, nil
	}
	return nil, fmt.Errorf("reading EKS Access Entry (%s:%s): couldn't find resource: ResourceNotFoundException", cluster, principal)
}

// creatorsEntry reports whether principal holds the creator's entry of cluster.
func (h Holdings) creatorsEntry(cluster, principal string) bool {
	e, ok := h.heldEntry(cluster, principal)
	return ok && e.Creator
}

// heldEntry returns principal's entry on cluster, if it holds one.
func (h Holdings) heldEntry(cluster, principal string) (HeldAccessEntry, bool) {
	for _, e := range h.AccessEntries[cluster] {
		if e.Principal == principal {
			return e, true
		}
	}
	return HeldAccessEntry{}, false
}

// HeldSubnet is a private subnet the component created for a cluster (tagged
// kubernetes.io/cluster/<cluster>=shared, kubernetes.io/role/internal-elb=1).
type HeldSubnet struct {
	Cluster string `json:"cluster"`
	Zone    string `json:"zone"`
	Cidr    string `json:"cidr"`
}

// ID is the subnet's id in the mocked account.
func (s HeldSubnet) ID() string {
	return "subnet-0" + shortHash("held-subnet", s.Cluster+"/"+s.Zone+"/"+s.Cidr)[:16]
}

// lookupSubnets answers aws:ec2/getSubnets by tags (every tag must match)
// and aws:ec2/getSubnet by id; ok is false for other tokens.
func (h Holdings) lookupSubnets(args pulumi.MockCallArgs) (out resource.PropertyMap, err error, ok bool) {
	switch args.Token {
	case "aws:ec2/getSubnets:getSubnets":
		want := map[string]string{}
		if v, ok := args.Args["tags"]; ok && v.IsObject() {
			for k, t := range v.ObjectValue() {
				want[string(k)] = t.StringValue()
			}
		}
		var ids []resource.PropertyValue
		for _, s := range h.Subnets {
			tags := map[string]string{"kubernetes.io/cluster/" + s.Cluster: "shared", "kubernetes.io/role/internal-elb": "1"}
			all := true
			for k, v := range want {
				all = all && tags[k] == v
			}
			if all {
				ids = append(ids, resource.NewProperty(s.ID()))
			}
		}
		out = args.Args.Copy()
		out["id"] = resource.NewProperty(Region)
		out["ids"] = resource.NewProperty(ids)
		return out, nil, true
	case "aws:ec2/getSubnet:getSubnet":
		for _, s := range h.Subnets {
			if v := args.Args["id"]; v.IsString() && v.StringValue() == s.ID() {
				out = args.Args.Copy()
				out["availabilityZone"] = resource.NewProperty(s.Zone)
				out["cidrBlock"] = resource.NewProperty(s.Cidr)
				return out, nil, true
			}
		}
		return nil, fmt.Errorf("no matching EC2 Subnet found"), true
	}
	return nil, nil, false
}

// HeldFileSystem is an EFS file system the account holds.
type HeldFileSystem struct {
	// Name is its Name tag (the component's "<name>-datasets").
	Name string `json:"name"`
	// Cluster is its adopt.ClusterTag ("" for an untagged one).
	Cluster string `json:"cluster,omitempty"`
	// KeyAlias names the KMS alias whose key encrypts it ("" for EFS's AWS
	// managed key); the key id is RetainedKeyID(KeyAlias), as getAlias answers.
	KeyAlias string `json:"keyAlias,omitempty"`
}

// UnmarshalJSON accepts a bare name as well as the object.
func (f *HeldFileSystem) UnmarshalJSON(b []byte) error {
	var name string
	if json.Unmarshal(b, &name) == nil {
		*f = HeldFileSystem{Name: name}
		return nil
	}
	type plain HeldFileSystem
	return json.Unmarshal(b, (*plain)(f))
}

// ID is the file system's id in the mocked account.
func (f HeldFileSystem) ID() string {
	return "fs-" + shortHash("retained", f.Name+"/"+f.Cluster+"/"+f.KeyAlias)[:17]
}

// tags are the file system's tags.
func (f HeldFileSystem) tags() map[string]string {
	t := map[string]string{"Name": f.Name}
	if f.Cluster != "" {
		t[adopt.ClusterTag] = f.Cluster
	}
	return t
}

// fileSystemNames are the held file systems' Name tags.
func (h Holdings) fileSystemNames() []string {
	var out []string
	for _, f := range h.FileSystems {
		out = append(out, f.Name)
	}
	return out
}

// lookupFileSystem answers aws:efs/getFileSystem by tags as
// terraform-provider-aws's data source does: every requested tag must match;
// none matching is its "no matching EFS File System found", more than one its
// "multiple EFS File Systems matched" (tfresource.AssertSingleValueResult).
func (h Holdings) lookupFileSystem(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	want := map[string]string{}
	if v, ok := args.Args["tags"]; ok && v.IsObject() {
		for k, t := range v.ObjectValue() {
			if t.IsString() {
				want[string(k)] = t.StringValue()
			}
		}
	}
	var match []HeldFileSystem
	for _, f := range h.FileSystems {
		tags, all := f.tags(), true
		for k, v := range want {
			all = all && tags[k] == v
		}
		if all {
			match = append(match, f)
		}
	}
	switch len(match) {
	case 0:
		return nil, fmt.Errorf("no matching EFS File System found")
	case 1:
	default:
		return nil, fmt.Errorf("multiple EFS File Systems matched; use additional constraints to reduce matches to a single EFS File System")
	}
	f := match[0]
	out := args.Args.Copy()
	out["id"] = resource.NewProperty(f.ID())
	out["fileSystemId"] = resource.NewProperty(f.ID())
	out["encrypted"] = resource.NewProperty(true)
	if f.KeyAlias != "" {
		out["kmsKeyId"] = resource.NewProperty(fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", Region, Account, RetainedKeyID(f.KeyAlias)))
	}
	tags := resource.PropertyMap{}
	for k, v := range f.tags() {
		tags[resource.PropertyKey(k)] = resource.NewProperty(v)
	}
	out["tags"] = resource.NewProperty(tags)
	return out, nil
}

// lookupCluster answers aws:eks/getCluster: the cluster when the account holds
// it, else EKS's ResourceNotFoundException as the provider reports it.
func (a Holdings) lookupCluster(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	name := ""
	if v, ok := args.Args["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	if !slices.Contains(a.Clusters, name) {
		return nil, clusterNotFound(args)
	}
	out := args.Args.Copy()
	out["arn"] = resource.NewProperty(fmt.Sprintf("arn:aws:eks:%s:%s:cluster/%s", Region, Account, name))
	out["id"] = resource.NewProperty(name)
	out["status"] = resource.NewProperty("ACTIVE")
	out["createdAt"] = resource.NewProperty(ClusterCreatedAt)
	// The component's clusterTags record the secrets key (domino.SecretsKeyTag).
	key := "none"
	if k := a.ClusterKeys[name]; k != "" {
		key = k
	}
	out["tags"] = resource.NewProperty(resource.PropertyMap{"dominodatalab.com/secrets-key": resource.NewProperty(key)})
	if slices.Contains(a.UntaggedClusters, name) {
		out["tags"] = resource.NewProperty(resource.PropertyMap{})
	}
	return out, nil
}

// clusterNotFound is the error terraform-provider-aws's getCluster returns
// for a missing cluster (FindClusterByName wraps EKS's ResourceNotFoundException).
func clusterNotFound(args pulumi.MockCallArgs) error {
	name := ""
	if v, ok := args.Args["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	return fmt.Errorf("reading EKS Cluster (%s): couldn't find resource: ResourceNotFoundException: No cluster found for name: %s", name, name)
}

// heldLookup is a lookup invoke answered from the holdings.
type heldLookup struct {
	// Key is the argument naming the resource.
	Key string
	// Held lists the names the account holds.
	Held func(Holdings) []string
	// NotFound is the provider's error for a missing resource.
	NotFound string
	// Found fills the answer for a held name.
	Found func(out resource.PropertyMap, name string, h Holdings)
}

// heldLookups are the lookup invokes the component makes before creating a
// physical name a destroy may have retained (domino/leftovers.go).
var heldLookups = map[string]heldLookup{
	"aws:cloudwatch/getLogGroup:getLogGroup": {Key: "name", Held: func(h Holdings) []string { return h.LogGroups },
		NotFound: "reading CloudWatch Logs Log Group (%s): couldn't find resource",
		Found: func(out resource.PropertyMap, name string, _ Holdings) {
			out["arn"] = resource.NewProperty(fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", Region, Account, name))
		}},
	"aws:ecr/getRepository:getRepository": {Key: "name", Held: func(h Holdings) []string { return h.Repositories },
		NotFound: "reading ECR Repository (%s): couldn't find resource: RepositoryNotFoundException",
		Found: func(out resource.PropertyMap, name string, h Holdings) {
			out["arn"] = resource.NewProperty(fmt.Sprintf("arn:aws:ecr:%s:%s:repository/%s", Region, Account, name))
			enc := resource.PropertyMap{"encryptionType": resource.NewProperty("AES256"), "kmsKey": resource.NewProperty("")}
			if key := h.RepositoryKeys[name]; key != "" {
				enc["encryptionType"], enc["kmsKey"] = resource.NewProperty("KMS"), resource.NewProperty(key)
			}
			out["encryptionConfigurations"] = resource.NewProperty([]resource.PropertyValue{resource.NewProperty(enc)})
		}},
	"aws:backup/getVault:getVault": {Key: "name", Held: func(h Holdings) []string { return h.BackupVaults },
		NotFound: "reading Backup Vault (%s): couldn't find resource: ResourceNotFoundException",
		Found: func(out resource.PropertyMap, name string, _ Holdings) {
			out["arn"] = resource.NewProperty(fmt.Sprintf("arn:aws:backup:%s:%s:backup-vault:%s", Region, Account, name))
		}},
	"aws:kms/getAlias:getAlias": {Key: "name", Held: func(h Holdings) []string { return h.KeyAliases },
		NotFound: "reading KMS Alias (%s): couldn't find resource: NotFoundException",
		Found: func(out resource.PropertyMap, name string, _ Holdings) {
			id := RetainedKeyID(name)
			out["targetKeyId"] = resource.NewProperty(id)
			out["targetKeyArn"] = resource.NewProperty(fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", Region, Account, id))
		}},
	"aws:s3/getBucket:getBucket": {Key: "bucket", Held: func(h Holdings) []string { return h.Buckets },
		NotFound: "reading S3 Bucket (%s): couldn't find resource: NotFound",
		Found: func(out resource.PropertyMap, name string, _ Holdings) {
			out["arn"] = resource.NewProperty("arn:aws:s3:::" + name)
		}},
}

// RetainedKeyID is the key id the mocked account's alias points to.
func RetainedKeyID(alias string) string {
	h := shortHash("key", alias)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// lookup answers a lookup invoke of heldLookups; ok is false for other tokens.
func (h Holdings) lookup(args pulumi.MockCallArgs) (out resource.PropertyMap, err error, ok bool) {
	if args.Token == "aws:eks/getAccessEntry:getAccessEntry" {
		out, err := h.lookupAccessEntry(args)
		return out, err, true
	}
	if out, err, ok := h.lookupSubnets(args); ok {
		return out, err, true
	}
	if args.Token == "aws:efs/getFileSystem:getFileSystem" {
		out, err := h.lookupFileSystem(args)
		return out, err, true
	}
	l, ok := heldLookups[args.Token]
	if !ok {
		return nil, nil, false
	}
	v := resource.PropertyValue{}
	if key, sub, nested := strings.Cut(l.Key, "."); nested {
		if m, found := args.Args[resource.PropertyKey(key)]; found && m.IsObject() {
			v = m.ObjectValue()[resource.PropertyKey(sub)]
		}
	} else {
		v = args.Args[resource.PropertyKey(l.Key)]
	}
	name := ""
	if v.IsString() {
		name = v.StringValue()
	}
	if !slices.Contains(l.Held(h), name) {
		return nil, fmt.Errorf(l.NotFound, name), true
	}
	out = args.Args.Copy()
	out["id"] = resource.NewProperty(name)
	l.Found(out, name, h)
	return out, nil, true
}
