package workloads

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsmanaged"
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"sigs.k8s.io/yaml"
)

// Type tokens read from a plan.
const (
	tRole           = "aws:iam/role:Role"
	tRolePolicy     = "aws:iam/rolePolicy:RolePolicy"
	tAttachment     = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	tPolicy         = "aws:iam/policy:Policy"
	tOIDC           = "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
	tBucket         = "aws:s3/bucketV2:BucketV2"
	tBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	tBucketSSE      = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	tBucketLifecyle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	tKey            = "aws:kms/key:Key"
	tRepository     = "aws:ecr/repository:Repository"
	tAddon          = "aws:eks/addon:Addon"
	tNodeGroup      = "aws:eks/nodeGroup:NodeGroup"
	tASGTag         = "aws:autoscaling/tag:Tag"
	tSubnet         = "aws:ec2/subnet:Subnet"
	tVPC            = "aws:ec2/vpc:Vpc"
	tFileSystem     = "aws:efs/fileSystem:FileSystem"
	tMountTarget    = "aws:efs/mountTarget:MountTarget"
	tInstance       = "aws:ec2/instance:Instance"
	tProfile        = "aws:iam/instanceProfile:InstanceProfile"
	tPullThrough    = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
	tNAT            = "aws:ec2/natGateway:NatGateway"
	tPodIdentity    = "aws:eks/podIdentityAssociation:PodIdentityAssociation"
	tQueue          = "aws:sqs/queue:Queue"
)

// AccessHostTag marks the access host instance.
const AccessHostTag = "dominodatalab.com/access-host"

// BucketRoleTag is the tag naming a Domino bucket's role.
const BucketRoleTag = "dominodatalab.com/bucket"

// NodePoolLabel is the node label naming a Domino pool.
const NodePoolLabel = "dominodatalab.com/node-pool"

// planIndex looks resources of a plan up.
type planIndex struct {
	byType map[string][]preview.Resource
	byID   map[string]preview.Resource
}

func str(v any, path ...string) string {
	s, _ := preview.Field(v, path...).(string)
	return s
}

// num reads a number of a plan's inputs (JSON numbers are float64).
func num(v any, path ...string) int {
	switch n := preview.Field(v, path...).(type) {
	case float64:
		return int(n)
	case int:
		return n
	}
	return 0
}

// FromPlan describes the deployment a plan creates: its resources (with
// their mocked outputs) and the component's outputs (installerValues).
func FromPlan(resources []preview.Resource, outputs map[string]any, region string) (*Deployment, error) {
	ix := planIndex{byType: map[string][]preview.Resource{}, byID: map[string]preview.Resource{}}
	for _, r := range resources {
		ix.byType[r.Type] = append(ix.byType[r.Type], r)
		if r.ID != "" {
			ix.byID[r.ID] = r
		}
	}
	d := &Deployment{Region: region, Buckets: map[string]Bucket{}, Addons: map[string]Addon{}}
	roles, err := ix.roles()
	if err != nil {
		return nil, err
	}
	for _, o := range ix.byType[tOIDC] {
		d.OIDCProviderARN = str(o.Outputs, "arn")
		d.OIDCIssuer = strings.TrimPrefix(str(o.Inputs, "url"), "https://")
	}
	for _, ng := range ix.byType[tNodeGroup] {
		d.Cluster = str(ng.Inputs, "clusterName")
		if r := roles[str(ng.Inputs, "nodeRoleArn")]; r != nil {
			d.NodeRole = r
		}
		d.NodeGroups = append(d.NodeGroups, ix.nodeGroup(ng, d))
	}
	if d.NodePools, err = NodePoolsFromPlan(resources, outputs); err != nil {
		return nil, fmt.Errorf("karpenter: %w", err)
	}
	ix.accessHost(d, roles)
	for _, r := range roles {
		if r != d.NodeRole && r != d.AccessHostRole {
			d.Roles = append(d.Roles, r)
		}
	}
	slices.SortFunc(d.Roles, func(a, b *Role) int { return strings.Compare(a.ARN, b.ARN) })
	if d.NodeRole != nil {
		if a, err := arn.Parse(d.NodeRole.ARN); err == nil {
			d.Partition, d.Account = a.Partition, a.AccountID
		}
	}
	for _, k := range ix.byType[tKey] {
		p, err := iamdoc.ParsePolicy("key-policy", str(k.Inputs, "policy"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.URN, err)
		}
		d.Key = &Key{ARN: str(k.Outputs, "arn"), URN: k.URN, Policy: &p}
	}
	if err := ix.buckets(d); err != nil {
		return nil, err
	}
	for _, r := range ix.byType[tPullThrough] {
		d.PullThroughPrefixes = append(d.PullThroughPrefixes, str(r.Inputs, "ecrRepositoryPrefix"))
	}
	for _, r := range ix.byType[tRepository] {
		d.Repositories = append(d.Repositories, Repository{ARN: str(r.Outputs, "arn"), URL: str(r.Outputs, "repositoryUrl")})
	}
	for _, a := range ix.byType[tAddon] {
		name := str(a.Inputs, "addonName")
		d.Addons[name] = Addon{Name: name, Version: str(a.Inputs, "addonVersion"), URN: a.URN,
			Configuration: str(a.Inputs, "configurationValues"), ServiceAccountRoleARN: str(a.Inputs, "serviceAccountRoleArn")}
	}
	for _, a := range ix.byType[tPodIdentity] {
		d.PodIdentities = append(d.PodIdentities, PodIdentity{
			ServiceAccount: str(a.Inputs, "namespace") + ":" + str(a.Inputs, "serviceAccount"), RoleARN: str(a.Inputs, "roleArn")})
	}
	for _, q := range ix.byType[tQueue] { // the component's one queue: Karpenter's
		d.KarpenterQueueARN = str(q.Outputs, "arn")
	}
	for _, fs := range ix.byType[tFileSystem] {
		d.FileSystemARN = str(fs.Outputs, "arn")
	}
	for _, mt := range ix.byType[tMountTarget] {
		d.MountTargetZones = append(d.MountTargetZones, str(mt.Outputs, "availabilityZoneName"))
	}
	slices.Sort(d.MountTargetZones)
	for _, v := range ix.byType[tVPC] {
		dns := preview.Field(v.Inputs, "enableDnsSupport") != false && preview.Field(v.Inputs, "enableDnsHostnames") == true
		d.VPCDNS = &dns
	}
	if len(ix.byType[tVPC]) > 0 {
		// A VPC the plan creates: its private subnets route out through the
		// planned NAT gateways, or not at all.
		egress := len(ix.byType[tNAT]) > 0
		d.NodeEgress = &egress
	}
	d.Calico = planCalico(ix.byType[tHelmRelease], outputs)
	if doc, _ := outputs["installerValues"].(string); doc != "" {
		if err := yaml.Unmarshal([]byte(doc), &d.Installer); err != nil {
			return nil, fmt.Errorf("installer values: %w", err)
		}
	}
	return d, nil
}

// accessHost finds the access host (the instance tagged AccessHostTag) and
// the role of its instance profile.
func (ix planIndex) accessHost(d *Deployment, roles map[string]*Role) {
	for _, in := range ix.byType[tInstance] {
		if str(in.Inputs, "tags", AccessHostTag) == "" {
			continue
		}
		d.AccessHost = true
		prof := str(in.Inputs, "iamInstanceProfile")
		for _, p := range ix.byType[tProfile] {
			if p.ID != prof && str(p.Outputs, "name") != prof {
				continue
			}
			for _, r := range roles {
				if r.Name == str(p.Inputs, "role") {
					d.AccessHostRole = r
				}
			}
		}
	}
}

// roles reads every IAM role with its trust policy, inline policies and
// attachments (AWS managed policies by their published documents, customer
// managed ones from the plan), keyed by ARN.
func (ix planIndex) roles() (map[string]*Role, error) {
	out := map[string]*Role{}
	byName := map[string]*Role{}
	for _, r := range ix.byType[tRole] {
		trust, err := iamdoc.ParsePolicy("trust", str(r.Inputs, "assumeRolePolicy"))
		if err != nil {
			return nil, fmt.Errorf("%s: trust policy: %w", r.URN, err)
		}
		role := &Role{Name: str(r.Outputs, "name"), ARN: str(r.Outputs, "arn"), URN: r.URN, Trust: trust}
		out[role.ARN] = role
		byName[role.Name] = role
	}
	for _, rp := range ix.byType[tRolePolicy] {
		role := byName[str(rp.Inputs, "role")]
		if role == nil {
			continue
		}
		p, err := iamdoc.ParsePolicy("inline:"+rp.Name, str(rp.Inputs, "policy"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rp.URN, err)
		}
		role.Policies = append(role.Policies, p)
	}
	customer := map[string]preview.Resource{}
	for _, p := range ix.byType[tPolicy] {
		customer[str(p.Outputs, "arn")] = p
	}
	for _, att := range ix.byType[tAttachment] {
		role := byName[str(att.Inputs, "role")]
		if role == nil {
			continue
		}
		arn := str(att.Inputs, "policyArn")
		var doc, name string
		if m, ok := awsmanaged.Lookup(arn); ok {
			doc, name = m.Document, "managed:"+m.Name
		} else if c, ok := customer[arn]; ok {
			doc, name = str(c.Inputs, "policy"), "managed:"+str(c.Outputs, "name")
		} else {
			continue // unknown to the plan: grants nothing it can show
		}
		p, err := iamdoc.ParsePolicy(name, doc)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", att.URN, err)
		}
		role.Policies = append(role.Policies, p)
	}
	return out, nil
}

// buckets reads the Domino buckets (by their role tag) with their policy,
// default encryption and lifecycle rules.
func (ix planIndex) buckets(d *Deployment) error {
	byID := map[string]string{} // bucket id -> role
	for _, b := range ix.byType[tBucket] {
		role := str(b.Inputs, "tags", BucketRoleTag)
		if role == "" || role == "monitoring" {
			continue
		}
		abort := false
		d.Buckets[role] = Bucket{Name: str(b.Outputs, "bucket"), ARN: str(b.Outputs, "arn"), URN: b.URN, AbortsIncompleteUploads: &abort}
		byID[b.ID] = role
	}
	update := func(id string, f func(*Bucket)) {
		role, ok := byID[id]
		if !ok {
			return
		}
		b := d.Buckets[role]
		f(&b)
		d.Buckets[role] = b
	}
	for _, p := range ix.byType[tBucketPolicy] {
		pol, err := iamdoc.ParsePolicy("bucket-policy", str(p.Inputs, "policy"))
		if err != nil {
			return fmt.Errorf("%s: %w", p.URN, err)
		}
		update(str(p.Inputs, "bucket"), func(b *Bucket) { b.Policy = &pol })
	}
	for _, e := range ix.byType[tBucketSSE] {
		rules, _ := preview.Field(e.Inputs, "rules").([]any)
		for _, r := range rules {
			if str(r, "applyServerSideEncryptionByDefault", "sseAlgorithm") == "aws:kms" {
				key := str(r, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				update(str(e.Inputs, "bucket"), func(b *Bucket) { b.KMSKeyARN = key })
			}
		}
	}
	for _, l := range ix.byType[tBucketLifecyle] {
		rules, _ := preview.Field(l.Inputs, "rules").([]any)
		for _, r := range rules {
			days, _ := preview.Field(r, "abortIncompleteMultipartUpload", "daysAfterInitiation").(float64)
			if str(r, "status") == "Enabled" && days > 0 && wholeBucket(r) {
				update(str(l.Inputs, "bucket"), func(b *Bucket) { t := true; b.AbortsIncompleteUploads = &t })
			}
		}
	}
	return nil
}

// wholeBucket reports whether a lifecycle rule applies to every object: no
// filter, or an empty prefix and no tag or size filter.
func wholeBucket(rule any) bool {
	f, _ := preview.Field(rule, "filter").(map[string]any)
	for k, v := range f {
		if k == "prefix" && v == "" || v == nil {
			continue
		}
		return false
	}
	return str(rule, "prefix") == ""
}

// nodeGroup reads a node group: pool, zones (from its subnets), taints, and
// whether its Auto Scaling group gets the autoscaler's discovery tags.
func (ix planIndex) nodeGroup(ng preview.Resource, d *Deployment) NodeGroup {
	g := NodeGroup{Name: str(ng.Outputs, "nodeGroupName"), URN: ng.URN, Pool: str(ng.Inputs, "labels", NodePoolLabel)}
	g.Compute = g.Pool != "platform"
	for _, id := range preview.Field(ng.Inputs, "subnetIds").([]any) {
		if sn, ok := ix.byID[fmt.Sprint(id)]; ok {
			if z := str(sn.Inputs, "availabilityZone"); z != "" && !slices.Contains(g.Zones, z) {
				g.Zones = append(g.Zones, z)
			}
		}
	}
	taints, _ := preview.Field(ng.Inputs, "taints").([]any)
	for _, t := range taints {
		g.Taints = append(g.Taints, Taint{Key: str(t, "key"), Value: str(t, "value"), Effect: kubernetesEffect(str(t, "effect"))})
	}
	if labels, ok := preview.Field(ng.Inputs, "labels").(map[string]any); ok {
		g.Labels = map[string]string{}
		for k, v := range labels {
			g.Labels[k] = fmt.Sprint(v)
		}
	}
	types, _ := preview.Field(ng.Inputs, "instanceTypes").([]any)
	for _, t := range types {
		g.InstanceTypes = append(g.InstanceTypes, fmt.Sprint(t))
	}
	g.AMIType, g.CapacityType, g.Version = str(ng.Inputs, "amiType"), str(ng.Inputs, "capacityType"), str(ng.Inputs, "version")
	g.Min, g.Max = num(ng.Inputs, "scalingConfig", "minSize"), num(ng.Inputs, "scalingConfig", "maxSize")
	asg := ""
	if rs, _ := preview.Field(ng.Outputs, "resources").([]any); len(rs) > 0 {
		if gs, _ := preview.Field(rs[0], "autoscalingGroups").([]any); len(gs) > 0 {
			asg = str(gs[0], "name")
		}
	}
	cluster := str(ng.Inputs, "clusterName")
	want := map[string]bool{"k8s.io/cluster-autoscaler/enabled": false, "k8s.io/cluster-autoscaler/" + cluster: false}
	g.ASGTags = map[string]string{}
	if asg != "" {
		// EKS tags the group's Auto Scaling group itself (EKS user guide,
		// "Managed node groups": eks:cluster-name, eks:nodegroup-name).
		g.ASGTags["eks:cluster-name"], g.ASGTags["eks:nodegroup-name"] = cluster, g.Name
	}
	for _, t := range ix.byType[tASGTag] {
		if asg != "" && str(t.Inputs, "autoscalingGroupName") == asg {
			key := str(t.Inputs, "tag", "key")
			g.ASGTags[key] = str(t.Inputs, "tag", "value")
			if _, ok := want[key]; ok {
				want[key] = true
			}
		}
	}
	tagged := asg != ""
	for _, found := range want {
		tagged = tagged && found
	}
	g.AutoDiscoveryTags = &tagged
	return g
}

// kubernetesEffect is Kubernetes' spelling of an EKS API taint effect ("" for
// a value the EKS API does not define).
func kubernetesEffect(eks string) string {
	k8s, _ := awsfacts.KubernetesTaintEffect(eks)
	return k8s
}
