package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
)

// Pool label and values used by Domino.
const (
	// LabelNodePool selects the Domino node pool of a node.
	LabelNodePool = scheduling.NodePoolLabel
	// LabelBuildNode marks nodes that may run image builds.
	LabelBuildNode = scheduling.BuildNodeLabel
	// LabelGPU marks GPU nodes.
	LabelGPU = scheduling.GPULabel

	// PoolPlatform is the node-pool label value of the platform pool.
	PoolPlatform = "platform"
	// PoolDefault is the node-pool label value of the default compute pool.
	PoolDefault = "default"
	// PoolGPU is the node-pool label value of the GPU compute pool.
	PoolGPU = "default-gpu"
)

// nodeGroup is the effective configuration of one EKS managed node group,
// with launch template values taking precedence over node group fields.
type nodeGroup struct {
	Name   string
	Pool   string // value of LabelNodePool, "" when unlabelled
	Labels map[string]string

	AMIType string
	// CapacityType (ON_DEMAND, SPOT) and Version (Kubernetes) of the group.
	CapacityType, Version string
	// ReleaseVersion is the group's AMI release.
	ReleaseVersion string
	// InstanceTypes and InstanceSource: launch template instance type when
	// the template sets one, else the node group's instanceTypes.
	InstanceTypes  []string
	InstanceSource string
	// DiskGiB is the largest EBS volume of the launch template, else the node
	// group's diskSize; 0 when unknown.
	DiskGiB    int32
	DiskSource string

	LaunchTemplate string // "name (lt-id) version N", "" without a template
	UserData       string // decoded launch template user data
	// SecurityGroups are the node security groups set in the launch
	// template; empty means EKS attaches the cluster security group.
	SecurityGroups []string
	PublicIP       bool // template network interface associates a public IP

	Subnets  []string
	AZs      []string // sorted, derived from Subnets
	Min, Max int32
	ASGs     []string
	NodeRole string
	// Taints are the node group's Kubernetes taints, effects as EKS spells
	// them (NO_EXECUTE, ...).
	Taints []ekstypes.Taint
}

// hasLabel reports whether the node group sets label k to v.
func (g *nodeGroup) hasLabel(k, v string) bool {
	got, ok := g.Labels[k]
	return ok && got == v
}

// subnetInfo is what the checker needs to know about a subnet.
type subnetInfo struct {
	ID          string
	VPC         string
	AZ          string
	MapPublicIP bool
	// IGWRoute is the destination and internet gateway of a route to an
	// internet gateway in the subnet's route table ("" when none).
	IGWRoute   string
	RouteTable string
	// Egress: the route table sends 0.0.0.0/0 somewhere (NAT, internet or
	// transit gateway, ...).
	Egress bool
}

// state is everything gathered about the cluster before the checks run.
type state struct {
	cluster *ekstypes.Cluster
	vpc     string
	// clusterSG is the EKS-created cluster security group, attached to
	// managed nodes whose launch template sets no security groups.
	clusterSG string
	groups    []*nodeGroup
	subnets   map[string]subnetInfo

	// buckets are the Domino buckets to check (set by the S3 step),
	// bucketsHow says where the names came from and existingBuckets are
	// those HeadBucket found.
	buckets         []string
	bucketsHow      string
	existingBuckets []string

	// efsID and mountTargets are the file system the EFS step checked and
	// its mount targets ("" and nil when it found none).
	efsID        string
	mountTargets []efstypes.MountTargetDescription

	// accessHost is what the access host step found (accesshost.go).
	accessHost accessHostFacts
}

// dominoGroups returns the node groups that carry a node-pool label.
func (s *state) dominoGroups() []*nodeGroup {
	var out []*nodeGroup
	for _, g := range s.groups {
		if g.Pool != "" {
			out = append(out, g)
		}
	}
	return out
}

// pool returns the node groups of one pool.
func (s *state) pool(name string) []*nodeGroup {
	var out []*nodeGroup
	for _, g := range s.groups {
		if g.Pool == name {
			out = append(out, g)
		}
	}
	return out
}

// unlabelled returns the names of node groups without a node-pool label.
func (s *state) unlabelled() []string {
	var out []string
	for _, g := range s.groups {
		if g.Pool == "" {
			out = append(out, g.Name)
		}
	}
	return out
}

// nodeSecurityGroups returns the security groups attached to Domino nodes.
func (s *state) nodeSecurityGroups() []string {
	set := map[string]bool{}
	for _, g := range s.dominoGroups() {
		if len(g.SecurityGroups) == 0 {
			if s.clusterSG != "" {
				set[s.clusterSG] = true
			}
			continue
		}
		for _, sg := range g.SecurityGroups {
			set[sg] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func (r *runner) gather(ctx context.Context) (*state, error) {
	r.progress("describe cluster " + r.opts.Cluster)
	out, err := r.c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(r.opts.Cluster)})
	if err != nil {
		return nil, fmt.Errorf("describe EKS cluster %q: %w", r.opts.Cluster, err)
	}
	if out.Cluster == nil {
		return nil, fmt.Errorf("describe EKS cluster %q: empty response", r.opts.Cluster)
	}
	st := &state{cluster: out.Cluster, subnets: map[string]subnetInfo{}}
	if vc := out.Cluster.ResourcesVpcConfig; vc != nil {
		st.vpc = aws.ToString(vc.VpcId)
		st.clusterSG = aws.ToString(vc.ClusterSecurityGroupId)
	}

	r.progress("list node groups")
	var names []string
	p := eks.NewListNodegroupsPaginator(r.c.EKS, &eks.ListNodegroupsInput{ClusterName: aws.String(r.opts.Cluster)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list node groups of cluster %q: %w", r.opts.Cluster, err)
		}
		names = append(names, page.Nodegroups...)
	}
	sort.Strings(names)

	for _, name := range names {
		r.progress("describe node group " + name)
		ng, err := r.c.EKS.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{
			ClusterName:   aws.String(r.opts.Cluster),
			NodegroupName: aws.String(name),
		})
		if err != nil {
			return nil, fmt.Errorf("describe node group %q: %w", name, err)
		}
		if ng.Nodegroup == nil {
			return nil, fmt.Errorf("describe node group %q: empty response", name)
		}
		g, err := r.nodeGroup(ctx, ng.Nodegroup)
		if err != nil {
			return nil, err
		}
		st.groups = append(st.groups, g)
	}

	if err := r.gatherSubnets(ctx, st); err != nil {
		return nil, err
	}
	for _, g := range st.groups {
		azs := map[string]bool{}
		for _, id := range g.Subnets {
			if sn, ok := st.subnets[id]; ok && sn.AZ != "" {
				azs[sn.AZ] = true
			}
		}
		g.AZs = slices.Sorted(maps.Keys(azs))
	}
	return st, nil
}

// nodeGroup converts an EKS node group, resolving its launch template.
func (r *runner) nodeGroup(ctx context.Context, ng *ekstypes.Nodegroup) (*nodeGroup, error) {
	g := &nodeGroup{
		Name:    aws.ToString(ng.NodegroupName),
		Labels:  ng.Labels,
		AMIType: string(ng.AmiType),
		Subnets: ng.Subnets,
		// CapacityType and Version feed the scheduling model's templates.
		CapacityType: string(ng.CapacityType),
		Version:      aws.ToString(ng.Version),
		NodeRole:     aws.ToString(ng.NodeRole),
		Taints:       ng.Taints,
	}
	if g.Labels == nil {
		g.Labels = map[string]string{}
	}
	g.Pool = g.Labels[LabelNodePool]
	g.ReleaseVersion = aws.ToString(ng.ReleaseVersion)
	if sc := ng.ScalingConfig; sc != nil {
		g.Min = aws.ToInt32(sc.MinSize)
		g.Max = aws.ToInt32(sc.MaxSize)
	}
	if ng.Resources != nil {
		for _, asg := range ng.Resources.AutoScalingGroups {
			if n := aws.ToString(asg.Name); n != "" {
				g.ASGs = append(g.ASGs, n)
			}
		}
	}

	// Node group level values; real EKS leaves them empty when a launch
	// template is used, so the template values below take precedence.
	g.InstanceTypes = ng.InstanceTypes
	g.InstanceSource = "node group"
	if ng.DiskSize != nil {
		g.DiskGiB = *ng.DiskSize
		g.DiskSource = "node group"
	}

	if ng.LaunchTemplate == nil {
		return g, nil
	}
	lt, err := r.launchTemplate(ctx, g.Name, ng.LaunchTemplate)
	if err != nil {
		return nil, err
	}
	g.LaunchTemplate = fmt.Sprintf("%s (%s) version %d",
		aws.ToString(lt.LaunchTemplateName), aws.ToString(lt.LaunchTemplateId), aws.ToInt64(lt.VersionNumber))
	data := lt.LaunchTemplateData
	if data == nil {
		return g, nil
	}
	if data.InstanceType != "" {
		g.InstanceTypes = []string{string(data.InstanceType)}
		g.InstanceSource = "launch template"
	}
	if size, ok := largestVolume(data.BlockDeviceMappings); ok {
		g.DiskGiB = size
		g.DiskSource = "launch template"
	}
	g.SecurityGroups = append(g.SecurityGroups, data.SecurityGroupIds...)
	for _, ni := range data.NetworkInterfaces {
		g.SecurityGroups = append(g.SecurityGroups, ni.Groups...)
		if aws.ToBool(ni.AssociatePublicIpAddress) {
			g.PublicIP = true
		}
	}
	g.UserData = decodeUserData(aws.ToString(data.UserData))
	return g, nil
}

// launchTemplate fetches the launch template version a node group uses
// ($Default when the node group does not pin a version).
func (r *runner) launchTemplate(ctx context.Context, group string, spec *ekstypes.LaunchTemplateSpecification) (*ec2types.LaunchTemplateVersion, error) {
	version := aws.ToString(spec.Version)
	if version == "" {
		version = "$Default"
	}
	in := &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{version}}
	ref := aws.ToString(spec.Id)
	if ref != "" {
		in.LaunchTemplateId = spec.Id
	} else {
		ref = aws.ToString(spec.Name)
		in.LaunchTemplateName = spec.Name
	}
	if ref == "" {
		return nil, fmt.Errorf("node group %q: launch template has neither id nor name", group)
	}
	r.progress("describe launch template " + ref)
	out, err := r.c.EC2.DescribeLaunchTemplateVersions(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("describe launch template %s version %s of node group %q: %w", ref, version, group, err)
	}
	if len(out.LaunchTemplateVersions) == 0 {
		return nil, fmt.Errorf("launch template %s version %s of node group %q not found", ref, version, group)
	}
	return &out.LaunchTemplateVersions[0], nil
}

// largestVolume returns the size of the largest EBS volume in the mappings:
// the root volume for AL2/AL2023 and the data volume for Bottlerocket.
func largestVolume(bdms []ec2types.LaunchTemplateBlockDeviceMapping) (int32, bool) {
	var size int32
	found := false
	for _, m := range bdms {
		if m.Ebs == nil || m.Ebs.VolumeSize == nil {
			continue
		}
		if v := *m.Ebs.VolumeSize; !found || v > size {
			size, found = v, true
		}
	}
	return size, found
}
