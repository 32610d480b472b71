package domino

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NodeGroupInfo describes one deployed EKS managed node group.
type NodeGroupInfo struct {
	// Pool is the node pool the group belongs to.
	Pool string `pulumi:"pool"`
	// AvailabilityZones the group launches nodes in.
	AvailabilityZones []string `pulumi:"availabilityZones"`
	// MinSize and MaxSize bound the group; the cluster autoscaler scales within them.
	MinSize int `pulumi:"minSize"`
	MaxSize int `pulumi:"maxSize"`
}

// nodePools is the result of creating every pool.
type nodePools struct {
	// Groups maps "<pool>" or "<pool>-<az>" to its node group.
	Groups map[string]*eks.NodeGroup
	// Specs holds each group's plain description, by the same key.
	Specs map[string]nodeGroupSpec
}

// amiType returns the EKS AMI type for the family and GPU flag.
func amiType(family string, gpu bool) string {
	switch {
	case family == AmiAL2 && gpu:
		return "AL2_x86_64_GPU"
	case family == AmiAL2:
		return "AL2_x86_64"
	case gpu:
		return "AL2023_x86_64_NVIDIA"
	default:
		return "AL2023_x86_64_STANDARD"
	}
}

// newNodePools creates, per pool, a launch template and its node groups, and
// tags each group's Auto Scaling group for the cluster autoscaler. Pools
// Karpenter serves (karpenter: true: all but the platform pool) get none.
func newNodePools(ctx *pulumi.Context, s spec, net *network, c *cluster, opts ...pulumi.ResourceOption) (*nodePools, error) {
	userData, err := RenderUserData(s.AmiFamily, s.DockerBridge)
	if err != nil {
		return nil, err
	}
	out := &nodePools{Groups: map[string]*eks.NodeGroup{}, Specs: map[string]nodeGroupSpec{}}
	for _, p := range s.Pools {
		if s.karpenterServes(p) {
			continue // a NodePool (karpenter_nodepool.go), not node groups
		}
		lt, err := newLaunchTemplate(ctx, s, p, c, userData, opts...)
		if err != nil {
			return nil, fmt.Errorf("node pool %q: %w", p.Name, err)
		}
		for _, g := range p.nodeGroups() {
			ng, err := newNodeGroup(ctx, s, g, net, c, lt, opts...)
			if err != nil {
				return nil, fmt.Errorf("node pool %q: %w", p.Name, err)
			}
			if err := tagForAutoscaler(ctx, s, g, ng, opts...); err != nil {
				return nil, fmt.Errorf("node pool %q: %w", p.Name, err)
			}
			out.Groups[g.Key] = ng
			out.Specs[g.Key] = g
		}
	}
	return out, nil
}

// newLaunchTemplate: encrypted gp3 root volume of the pool's size, IMDSv2
// required (hop limit 2 for pods), the cluster and shared node security groups,
// tags propagated to instances and volumes, and the node user data.
func newLaunchTemplate(ctx *pulumi.Context, s spec, p pool, c *cluster, userData string, opts ...pulumi.ResourceOption) (*ec2.LaunchTemplate, error) {
	name := s.Name + "-" + p.Name
	tags := tagsWith(s, map[string]string{"Name": name, NodePoolLabel: p.Name})
	args := &ec2.LaunchTemplateArgs{
		Description: pulumi.String("Domino " + p.Name + " nodes of " + s.ClusterName),
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String("/dev/xvda"),
			Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				VolumeSize:          pulumi.Int(p.DiskGiB),
				VolumeType:          pulumi.String("gp3"),
				Encrypted:           pulumi.String("true"),
				KmsKeyId:            s.kmsKeyID(),
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(2),
		},
		VpcSecurityGroupIds: pulumi.StringArray{c.SecurityGroupID, c.NodeSecurityGroup.ID()},
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{
			ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("instance"), Tags: tags},
			ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: tags},
		},
		UpdateDefaultVersion: pulumi.Bool(true),
		Tags:                 tags,
	}
	if userData != "" {
		args.UserData = pulumi.String(base64.StdEncoding.EncodeToString([]byte(userData)))
	}
	lt, err := ec2.NewLaunchTemplate(ctx, name, args, opts...)
	if err != nil {
		return nil, fmt.Errorf("launch template: %w", err)
	}
	return lt, nil
}

func newNodeGroup(ctx *pulumi.Context, s spec, g nodeGroupSpec, net *network, c *cluster, lt *ec2.LaunchTemplate, opts ...pulumi.ResourceOption) (*eks.NodeGroup, error) {
	p := g.Pool
	subnets := pulumi.StringArray{}
	for _, az := range g.AZs {
		subnets = append(subnets, net.PrivateSubnets[az])
	}
	var taints eks.NodeGroupTaintArray
	for _, t := range g.nodeTaints() {
		taints = append(taints, eks.NodeGroupTaintArgs{
			Key: pulumi.String(t.Key), Value: pulumi.String(t.Value), Effect: pulumi.String(eksTaintEffect(t.Effect)),
		})
	}
	deps := append(append([]pulumi.Resource{c.Cluster}, c.NodeRoleReady...), net.Ready...)
	release, err := releaseVersion(ctx, s, amiType(s.AmiFamily, p.GPU), s.pinnedRelease(p))
	if err != nil {
		return nil, fmt.Errorf("node group %s: %w", g.Key, err)
	}
	ignore := []string{"scalingConfig.desiredSize"}
	if s.pinnedRelease(p) == "" {
		ignore = append(ignore, "releaseVersion") // resolved: pinned at creation, patched deliberately
	}
	ngOpts := append(append([]pulumi.ResourceOption{}, opts...),
		pulumi.IgnoreChanges(ignore),
		pulumi.DependsOn(deps))
	ng, err := eks.NewNodeGroup(ctx, s.Name+"-"+g.Key, &eks.NodeGroupArgs{
		ClusterName:    c.Name,
		NodeRoleArn:    c.NodeRole.Arn,
		SubnetIds:      subnets,
		Version:        pulumi.String(s.KubernetesVersion),
		ReleaseVersion: pulumi.String(release),
		AmiType:        pulumi.String(amiType(s.AmiFamily, p.GPU)),
		CapacityType:   pulumi.String(p.CapacityType),
		InstanceTypes:  pulumi.ToStringArray(p.InstanceTypes),
		ScalingConfig: eks.NodeGroupScalingConfigArgs{
			MinSize: pulumi.Int(p.Min), MaxSize: pulumi.Int(p.Max), DesiredSize: pulumi.Int(p.Desired),
		},
		UpdateConfig: updateConfig(p),
		Labels:       pulumi.ToStringMap(p.Labels),
		Taints:       taints,
		LaunchTemplate: &eks.NodeGroupLaunchTemplateArgs{
			Id:      lt.ID(),
			Version: lt.LatestVersion.ApplyT(func(v int) string { return strconv.Itoa(v) }).(pulumi.StringOutput),
		},
		Tags: tagsWith(s, map[string]string{NodePoolLabel: p.Name}),
	}, ngOpts...)
	if err != nil {
		return nil, fmt.Errorf("node group %s: %w", g.Key, err)
	}
	return ng, nil
}

// EBSStartupTaint keeps pods off a compute node until the EBS CSI node
// plugin runs there and removes it, so the first volume attach does not race
// the driver (aws-ebs-csi-driver docs/install.md, "Configure node startup
// taint"; Domino's Terraform sets it on compute and GPU node groups).
var EBSStartupTaint = Taint{Key: workloads.EBSStartupTaintKey, Effect: "NoExecute"}

// neverEmpty reports whether the group always has a node in each of its
// zones, so cluster-autoscaler builds its scale-up template from a running
// node (min size at least one per zone; Auto Scaling balances a group
// across its zones).
func (g nodeGroupSpec) neverEmpty() bool { return workloads.NeverEmpty(g.Pool.Min, len(g.AZs)) }

// nodeTaints are the taints a group's nodes start with: the pool's own, plus
// the EBS CSI startup taint on compute groups that are never empty. A group
// the autoscaler may scale from zero gets no startup taint: the autoscaler
// builds its template from DescribeNodegroup's taints and drops only taints
// named by --startup-taint or prefixed startup-taint.cluster-autoscaler.kubernetes.io/
// (cluster-autoscaler FAQ, "startup taints"), Domino's installer does not
// publish its autoscaler flags, and the driver removes only its own key — so
// under a release that keeps the taint in the template (1.31 on translates
// its effect; a valued taint is always kept) no pod would ever scale the
// group. Without the taint the first attach may wait for the driver to
// register, which the kubelet retries; a pool that never scales is worse.
func (g nodeGroupSpec) nodeTaints() []Taint {
	taints := slices.Clone(g.Pool.Taints)
	has := slices.ContainsFunc(taints, func(t Taint) bool { return t.Key == EBSStartupTaint.Key })
	if g.Pool.Labels[NodePoolLabel] != PlatformPool && g.neverEmpty() && !has { // as the workload table tells compute from platform
		taints = append(taints, EBSStartupTaint)
	}
	return taints
}

// autoscalerTags returns the cluster-autoscaler tags of a node group's Auto
// Scaling group: discovery (enabled, owned) and the node template —
// every label and the pool's taints (read by every autoscaler release; 1.24
// on also reads them from DescribeNodegroup), the EBS driver's zone label of
// a one-zone group (autoscaler releases before 1.29 do not add it, and
// driver v1.30-v1.32 volumes select it), and the FUSE devices Domino's node
// pods advertise, as Domino's Terraform tags them (modules/nodes/nodes.tf).
func autoscalerTags(s spec, g nodeGroupSpec) map[string]string {
	p := g.Pool
	tags := map[string]string{
		"k8s.io/cluster-autoscaler/enabled":                      "true",
		"k8s.io/cluster-autoscaler/" + s.ClusterName:             "owned",
		scheduling.TemplateResourceTag + scheduling.FuseResource: strconv.Itoa(scheduling.FuseDevices),
	}
	for k, v := range p.Labels {
		tags[scheduling.TemplateLabelTag+k] = v
	}
	if len(g.AZs) == 1 {
		tags[scheduling.TemplateLabelTag+scheduling.EBSZoneLabel] = g.AZs[0]
	}
	for _, t := range p.Taints {
		tags[scheduling.TemplateTaintTag+t.Key] = t.Value + ":" + t.Effect
	}
	return tags
}

func tagForAutoscaler(ctx *pulumi.Context, s spec, g nodeGroupSpec, ng *eks.NodeGroup, opts ...pulumi.ResourceOption) error {
	asg := asgName(ng)
	tags := autoscalerTags(s, g)
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		_, err := autoscaling.NewTag(ctx, s.Name+"-"+g.Key+"-asg-"+k, &autoscaling.TagArgs{
			AutoscalingGroupName: asg,
			Tag: autoscaling.TagTagArgs{
				Key: pulumi.String(k), Value: pulumi.String(tags[k]), PropagateAtLaunch: pulumi.Bool(false),
			},
		}, opts...)
		if err != nil {
			return fmt.Errorf("autoscaler tag %s on node group %s: %w", k, g.Key, err)
		}
	}
	return nil
}

// asgName resolves the name of the Auto Scaling group EKS created for a node
// group; it fails with a clear error instead of panicking when EKS reports none.
func asgName(ng *eks.NodeGroup) pulumi.StringOutput {
	return pulumi.All(ng.NodeGroupName, ng.Resources).ApplyT(func(v []any) (string, error) {
		for _, r := range v[1].([]eks.NodeGroupResource) {
			for _, g := range r.AutoscalingGroups {
				if g.Name != nil && *g.Name != "" {
					return *g.Name, nil
				}
			}
		}
		return "", fmt.Errorf("node group %s reports no Auto Scaling group", v[0].(string))
	}).(pulumi.StringOutput)
}

// eksTaintEffect is the EKS API's spelling of a validated Kubernetes effect.
func eksTaintEffect(k8s string) string {
	eks, _ := awsfacts.EKSTaintEffect(k8s)
	return eks
}
