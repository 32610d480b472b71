package domino

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// EC2NodeClass: how Karpenter launches a node (AMI, instance profile,
// subnets, security groups, metadata options, root volume, tags, user data).
// Fields as aws/karpenter-provider-aws v1.14.1
// website/content/en/docs/concepts/nodeclasses.md documents them; shaped
// like Domino's Terraform examples/karpenter/templates/ec2nodeclasses/
// domino-eks-compute.yaml (v3.49.0) and like this stack's launch templates
// (nodepools.go newLaunchTemplate).

// Karpenter's API groups and versions.
const (
	karpenterNodeClassAPI = "karpenter.k8s.aws/v1"
	karpenterNodePoolAPI  = "karpenter.sh/v1"
)

// nodeShape is what makes two pools need different EC2NodeClasses: the AMI
// alias (family, GPU variant's release) and the root volume size.
type nodeShape struct {
	Alias   string
	GPU     bool
	DiskGiB int
}

// name is the EC2NodeClass's name, e.g. domino-al2023-gpu-400gib.
func (n nodeShape) name() string {
	kind := "standard"
	if n.GPU {
		kind = "gpu"
	}
	family, _, _ := strings.Cut(n.Alias, "@")
	return fmt.Sprintf("domino-%s-%s-%dgib", family, kind, n.DiskGiB)
}

// nodeClass is a created (or emitted) EC2NodeClass.
type nodeClass struct {
	name string
	res  pulumi.Resource // nil when emitted to kubernetesSetup
}

// nodeShapeOf is the pool's shape; the alias is filled in by newNodeClasses
// (it needs the release lookup), so shapes are keyed without it here.
func nodeShapeOf(s spec, p pool) nodeShape {
	return nodeShape{Alias: s.pinnedRelease(p), GPU: p.GPU, DiskGiB: p.DiskGiB}
}

// amiAlias is the Karpenter AMI alias of an EKS AMI release: the family and
// the release's build date ("1.35.0-20261120" → al2023@v20261120; nodeclasses.md,
// "alias": AL2 and AL2023 pin "using the format of that AMI's GitHub release
// tags", e.g. al2023@v20240703). A versioned alias, never @latest, which
// Karpenter's docs call "not recommended for production environments"
// (nodeclasses.md) and which rolls new AMIs in outside the operator's control
// (docs/tasks/managing-amis.md); node groups pin their release the same way
// (release.go). The al2023 and al2 aliases pick the accelerated (NVIDIA)
// variant for GPU instance types themselves; GPU pools still get a class of
// their own (nodeclasses.md: separate classes for accelerated AMIs), whose
// alias follows the NVIDIA AMI type's release.
func amiAlias(family, release string) (string, error) {
	i := strings.LastIndex(release, "-")
	if i < 0 || len(release[i+1:]) != 8 {
		return "", fmt.Errorf("AMI release %q has no -YYYYMMDD build date for a Karpenter alias: set nodeReleaseVersion "+
			"(or the pool's releaseVersion) to an EKS AMI release such as 1.35.0-20261120", release)
	}
	prefix := "al2023"
	if family == AmiAL2 {
		prefix = "al2"
	}
	return prefix + "@v" + release[i+1:], nil
}

// newNodeClasses creates one EC2NodeClass per shape of the pools Karpenter
// serves, keyed by nodeShapeOf.
func newNodeClasses(ctx *pulumi.Context, s spec, c *cluster, kp *kubePath, infra karpenterAWS, deps ...pulumi.Resource) (map[nodeShape]nodeClass, error) {
	userData, err := RenderUserData(s.AmiFamily, s.DockerBridge)
	if err != nil {
		return nil, err
	}
	out := map[nodeShape]nodeClass{}
	made := map[string]nodeClass{}
	for _, p := range s.Pools {
		if !s.karpenterServes(p) {
			continue
		}
		key := nodeShapeOf(s, p)
		// The release the pool's node groups would pin (release.go): the
		// pool's or nodeReleaseVersion, else EKS's recommended release.
		release, err := releaseVersion(ctx, s, amiType(s.AmiFamily, p.GPU), s.pinnedRelease(p))
		if err != nil {
			return nil, fmt.Errorf("EC2NodeClass for pool %q: %w", p.Name, err)
		}
		alias, err := amiAlias(s.AmiFamily, release)
		if err != nil {
			return nil, fmt.Errorf("EC2NodeClass for pool %q (%s.releaseVersion): %w", p.Name, p.field, err)
		}
		shape := nodeShape{Alias: alias, GPU: p.GPU, DiskGiB: p.DiskGiB}
		if nc, ok := made[shape.name()]; ok {
			out[key] = nc
			continue
		}
		obj := nodeClassObject(s, c, shape, infra, userData)
		if s.pinnedRelease(p) == "" {
			// Resolved: pinned at creation like the node groups' releaseVersion
			// (release.go); moved deliberately with nodeReleaseVersion.
			obj.IgnoreChanges = []string{"spec.amiSelectorTerms"}
		}
		res, err := kp.Object(ctx, s.Name+"-ec2nodeclass-"+shape.name(), obj, deps...)
		if err != nil {
			return nil, fmt.Errorf("EC2NodeClass %s: %w", shape.name(), err)
		}
		nc := nodeClass{name: shape.name(), res: res}
		made[shape.name()], out[key] = nc, nc
	}
	return out, nil
}

// nodeClassObject is the EC2NodeClass of a shape.
func nodeClassObject(s spec, c *cluster, shape nodeShape, infra karpenterAWS, userData string) kubeObject {
	discovery := pulumi.Map{"tags": pulumi.Map{DiscoveryTagKey: pulumi.String(infra.DiscoveryTag)}}
	ebs := pulumi.Map{
		"volumeSize":          pulumi.String(fmt.Sprintf("%dGi", shape.DiskGiB)),
		"volumeType":          pulumi.String("gp3"),
		"encrypted":           pulumi.Bool(true),
		"deleteOnTermination": pulumi.Bool(true),
	}
	if s.key != nil {
		ebs["kmsKeyID"] = s.key.Arn // the customer key, as the launch templates use it
	}
	spec := pulumi.Map{
		"amiSelectorTerms": pulumi.Array{pulumi.Map{"alias": pulumi.String(shape.Alias)}},
		// The node role's instance profile, made by the AWS side: the
		// controller then needs no iam:*InstanceProfile rights.
		"instanceProfile":     infra.InstanceProfileName,
		"subnetSelectorTerms": pulumi.Array{discovery},
		// The node security group by its discovery tag, and the EKS cluster
		// security group by id: the two groups the launch templates list (EKS
		// adds none when a template names groups; AWS-RULES rule 9).
		"securityGroupSelectorTerms": pulumi.Array{discovery, pulumi.Map{"id": c.SecurityGroupID}},
		// IMDSv2 only, hop limit 2 so pods reach it, as the launch templates.
		"metadataOptions": pulumi.Map{
			"httpEndpoint":            pulumi.String("enabled"),
			"httpProtocolIPv6":        pulumi.String("disabled"),
			"httpPutResponseHopLimit": pulumi.Int(2),
			"httpTokens":              pulumi.String("required"),
		},
		"blockDeviceMappings": pulumi.Array{pulumi.Map{"deviceName": pulumi.String("/dev/xvda"), "ebs": ebs}},
		"tags":                nodeClassTags(s),
	}
	if userData != "" {
		// AL2 with the docker bridge: the same MIME part the launch
		// templates carry; Karpenter merges it with its bootstrap
		// (nodeclasses.md, "spec.userData": AL2 MIME multipart). AL2023
		// needs none (RenderUserData: containerd only).
		spec["userData"] = pulumi.String(userData)
	}
	return kubeObject{APIVersion: karpenterNodeClassAPI, Kind: "EC2NodeClass", Name: shape.name(),
		Labels: map[string]string{"app.kubernetes.io/managed-by": "dominoeks"}, Fields: pulumi.Map{"spec": spec}}
}

// restrictedNodeClassTags are tag prefixes the EC2NodeClass CRD refuses
// (charts/karpenter-crd karpenter.k8s.aws_ec2nodeclasses.yaml, spec.tags
// validations); Karpenter sets kubernetes.io/cluster/<cluster>: owned itself
// (nodeclasses.md, "spec.tags").
var restrictedNodeClassTags = []string{"karpenter.sh/", "karpenter.k8s.aws/", "kubernetes.io/cluster", "eks:eks-cluster-name"}

// nodeClassTags are the user's tags (less restricted keys) and the Domino
// cluster tag, on every instance, volume and launch template Karpenter makes.
func nodeClassTags(s spec) pulumi.Map {
	out := pulumi.Map{"Name": pulumi.String(s.ClusterName + "-karpenter")}
	for _, k := range slices.Sorted(maps.Keys(s.Tags)) {
		if !slices.ContainsFunc(restrictedNodeClassTags, func(p string) bool { return strings.HasPrefix(k, p) }) {
			out[k] = pulumi.String(s.Tags[k])
		}
	}
	return out
}
