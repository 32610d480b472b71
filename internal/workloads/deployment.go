package workloads

import (
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
)

// Bucket roles of a deployment.
const (
	BucketBlobs    = "blobs"
	BucketLogs     = "logs"
	BucketBackups  = "backups"
	BucketRegistry = "registry"
)

// DataBucketRoles are the buckets Domino's blob storage clients use.
var DataBucketRoles = []string{BucketBlobs, BucketLogs, BucketBackups}

// Deployment is what a plan creates or a live account holds, as far as the
// workloads are concerned. Unknown facts are nil or empty and evaluate as
// unknown, never as satisfied.
type Deployment struct {
	Partition, Region, Account, Cluster string
	// OIDCProviderARN and OIDCIssuer (without https://) identify the
	// cluster's IAM OIDC provider, which service account roles trust.
	OIDCProviderARN, OIDCIssuer string
	// NodeRole is the role every node group launches with.
	NodeRole *Role
	// Roles are every other IAM role of the deployment (service account roles).
	Roles []*Role
	// Buckets by role (BucketBlobs, ...).
	Buckets map[string]Bucket
	// Key is the customer key (nil without one).
	Key *Key
	// AccessHost: an access host instance exists; AccessHostRole is its
	// instance profile's role (nil: no profile or unknown role).
	AccessHost     bool
	AccessHostRole *Role
	// PullThroughPrefixes are the repository prefixes of the ECR
	// pull-through cache rules.
	PullThroughPrefixes []string
	// NodeEgress reports whether the nodes' subnets route 0.0.0.0/0 out of
	// the VPC (NAT, transit gateway; nil: unknown).
	NodeEgress *bool
	// Repositories are the ECR repositories: ARN and URL.
	Repositories []Repository
	// Addons are the cluster's EKS managed add-ons by name.
	Addons map[string]Addon
	// NodeGroups are the cluster's managed node groups.
	NodeGroups []NodeGroup
	// NodePools are Karpenter's NodePools (karpenter: true), which serve
	// the compute pools in place of node groups.
	NodePools []NodePool
	// FileSystemARN is the datasets EFS; MountTargetZones its mount targets' zones.
	FileSystemARN    string
	MountTargetZones []string
	// VPCDNS reports whether the VPC resolves and assigns DNS names (nil: unknown).
	VPCDNS *bool
	// Installer is the installer values document (nil: unknown).
	Installer map[string]any
	// Calico is the Calico installation that enforces NetworkPolicies
	// instead of the VPC CNI's agent (nil: none planned or found).
	Calico *Calico
	// PodIdentities are the cluster's EKS Pod Identity associations.
	PodIdentities []PodIdentity
	// KarpenterQueueARN is Karpenter's interruption queue ("" without Karpenter).
	KarpenterQueueARN string
}

// Calico is Calico (tigera-operator) on the cluster: planned, or found
// running.
type Calico struct {
	// Evidence says what shows it (the planned chart, the live DaemonSet).
	Evidence string
	// URN locates the planned release ("" when it is a kubernetesSetup step
	// or live).
	URN string
	// Enforcing: calico-node runs on every node (a plan assumes it will).
	Enforcing bool
}

// PodIdentity is an EKS Pod Identity association: a service account
// ("namespace:name") and the role its pods get.
type PodIdentity struct {
	ServiceAccount, RoleARN string
}

// clusterARN is the EKS cluster's ARN.
func (d *Deployment) clusterARN() string {
	return d.expand("arn:{partition}:eks:{region}:{account}:cluster/{cluster}")
}

// Role is an IAM role with its trust and permission policies.
type Role struct {
	Name, ARN string
	// URN locates the role in a plan ("" live).
	URN   string
	Trust iamdoc.Policy
	// Policies are the inline and attached policies (AWS managed ones by
	// their published documents).
	Policies []iamdoc.Policy
}

// Bucket is an S3 bucket with its resource policy and encryption.
type Bucket struct {
	Name, ARN, URN string
	// Policy is the bucket policy (nil: none).
	Policy *iamdoc.Policy
	// KMSKeyARN is the key of SSE-KMS default encryption ("" otherwise).
	KMSKeyARN string
	// AbortsIncompleteUploads: a lifecycle rule aborts incomplete multipart
	// uploads of the whole bucket (nil: unknown).
	AbortsIncompleteUploads *bool
}

// Key is the customer KMS key with its key policy.
type Key struct {
	ARN, URN string
	// Policy is the key policy (nil: not known, e.g. a key brought by ARN).
	Policy *iamdoc.Policy
}

// Repository is an ECR repository.
type Repository struct{ ARN, URL string }

// Addon is an EKS managed add-on.
type Addon struct {
	Name, Version, URN string
	// Configuration is the add-on's configurationValues (JSON).
	Configuration string
	// ServiceAccountRoleARN is the role the add-on's service account assumes.
	ServiceAccountRoleARN string
}

// NodeGroup is an EKS managed node group.
type NodeGroup struct {
	Name, Pool, URN string
	// Compute marks the execution pools (all but the platform pool).
	Compute bool
	Zones   []string
	Taints  []Taint
	// AutoDiscoveryTags: its Auto Scaling group carries the
	// cluster-autoscaler discovery tags (nil: unknown).
	AutoDiscoveryTags *bool
	// What the scheduling model (internal/scheduling) reads: the group's
	// labels, instance types, AMI and capacity type, bounds, and the tags of
	// its Auto Scaling group (nil: unknown).
	Labels                         map[string]string
	InstanceTypes                  []string
	AMIType, CapacityType, Version string
	Min, Max                       int
	ASGTags                        map[string]string
}

// NeverEmpty reports whether the group always has a node in each of its
// zones (min size at least one per zone; Auto Scaling balances a group
// across its zones), so cluster-autoscaler never builds its template from
// the node group at size 0.
func (g NodeGroup) NeverEmpty() bool { return NeverEmpty(g.Min, len(g.Zones)) }

// NeverEmpty is the rule for a group of minSize min over zones zones: the
// one place the component (which starts such groups tainted), the workload
// table and the scheduling model decide it.
func NeverEmpty(min, zones int) bool { return min >= max(1, zones) }

// Taint is a node taint, its effect in Kubernetes' spelling (NoExecute).
type Taint struct{ Key, Value, Effect string }

// dataBucketsUse reports whether every data bucket uses the key.
func (d *Deployment) dataBucketsUse(keyARN string) bool {
	n := 0
	for _, role := range DataBucketRoles {
		if b, ok := d.Buckets[role]; ok {
			if b.KMSKeyARN != keyARN {
				return false
			}
			n++
		}
	}
	return n > 0
}

// roleByARN finds a role of the deployment.
func (d *Deployment) roleByARN(arn string) *Role {
	if d.NodeRole != nil && d.NodeRole.ARN == arn {
		return d.NodeRole
	}
	if d.AccessHostRole != nil && d.AccessHostRole.ARN == arn {
		return d.AccessHostRole
	}
	for _, r := range d.Roles {
		if r.ARN == arn {
			return r
		}
	}
	return nil
}

// expand substitutes {cluster}, {region}, {account} and {partition}.
func (d *Deployment) expand(s string) string {
	return strings.NewReplacer("{cluster}", d.Cluster, "{region}", d.Region, "{account}", d.Account,
		"{partition}", d.partition()).Replace(s)
}

func (d *Deployment) partition() string {
	if d.Partition == "" {
		return "aws"
	}
	return d.Partition
}

// target is one resolved resource of a need: its ARN and the resource
// policy that governs it (bucket policy, key policy).
type target struct {
	ARN string
	// bucket or key whose resource policy applies (at most one set).
	bucket *Bucket
	key    *Key
}

// resolve returns the resources a reference denotes; ok is false when the
// deployment lacks them.
func (d *Deployment) resolve(ref Ref) (out []target, ok bool) {
	regional := func(service, res string) []target {
		return []target{{ARN: d.expand("arn:{partition}:" + service + ":{region}:{account}:" + res)}}
	}
	buckets := func(roles []string, objects bool) ([]target, bool) {
		for _, role := range roles {
			b, found := d.Buckets[role]
			if !found {
				continue
			}
			arn := b.ARN
			if objects {
				arn += "/*"
			}
			out = append(out, target{ARN: arn, bucket: &b})
		}
		return out, len(out) > 0
	}
	switch ref {
	case AnyResource:
		return []target{{ARN: "*"}}, true
	case DataBuckets, DataObjects:
		return buckets(DataBucketRoles, ref == DataObjects)
	case RegistryBucket, RegistryObjects:
		return buckets([]string{BucketRegistry}, ref == RegistryObjects)
	case CustomerKey:
		if d.Key == nil {
			return nil, false
		}
		return []target{{ARN: d.Key.ARN, key: d.Key}}, true
	case Repositories:
		for _, r := range d.Repositories {
			out = append(out, target{ARN: r.ARN})
		}
		return out, len(out) > 0
	case PullThroughRepositories:
		for _, p := range d.PullThroughPrefixes {
			out = append(out, regional("ecr", "repository/"+p+"/*")...)
		}
		return out, len(out) > 0 && d.Account != ""
	case AutoScalingGroups:
		return regional("autoscaling", "autoScalingGroup:*:autoScalingGroupName/*"), true
	case Nodegroups:
		return regional("eks", "nodegroup/{cluster}/*"), d.Cluster != ""
	case Volumes:
		return regional("ec2", "volume/*"), true
	case Instances:
		return regional("ec2", "instance/*"), true
	case NetworkInterfaces:
		return regional("ec2", "network-interface/*"), true
	case KarpenterQueue:
		return []target{{ARN: d.KarpenterQueueARN}}, d.KarpenterQueueARN != ""
	case NodeRoleARN:
		if d.NodeRole == nil {
			return nil, false
		}
		return []target{{ARN: d.NodeRole.ARN}}, true
	case Cluster:
		return []target{{ARN: d.clusterARN()}}, d.Cluster != "" && d.Account != ""
	case LaunchTemplates:
		return regional("ec2", "launch-template/*"), true
	case AWSServiceParameters:
		return []target{{ARN: d.expand("arn:{partition}:ssm:{region}::parameter/aws/service/eks/optimized-ami/*")}}, true
	case FileSystem:
		if d.FileSystemARN == "" {
			return nil, false
		}
		return []target{{ARN: d.FileSystemARN}}, true
	}
	return nil, false
}

// nodeZones returns the zones any node group or NodePool runs nodes in, sorted.
func (d *Deployment) nodeZones() []string {
	var out []string
	for _, g := range d.NodeGroups {
		for _, z := range g.Zones {
			if !slices.Contains(out, z) {
				out = append(out, z)
			}
		}
	}
	for _, np := range d.NodePools { // Karpenter launches nodes in these zones too
		for _, z := range np.Zones {
			if !slices.Contains(out, z) {
				out = append(out, z)
			}
		}
	}
	slices.Sort(out)
	return out
}
