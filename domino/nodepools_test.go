package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var threeAZs = []string{"us-west-2a", "us-west-2b", "us-west-2c"}

// TestSeedNodePools checks the default stack against the seed's table:
// platform 3-3 m5.4xlarge 128G as one group per zone (1-1 each: zonal
// volumes, and the autoscaler's template of a group has one zone); default
// 1-20 m5.2xlarge 400G with the build-node label, one group per zone; every
// group carries dominodatalab.com/domino-node.
func TestSeedNodePools(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	ngs := nodeGroups(t, res)
	require.Len(t, ngs, 6, "platform and default, each per zone")

	platformNodes := 0
	for _, az := range threeAZs {
		platform := ngs["domino-platform-"+az]
		assert.Equal(t, []string{az}, platform.AZs)
		assert.Equal(t, []string{"m5.4xlarge"}, platform.InstanceTypes)
		assert.Equal(t, [3]int{1, 1, 1}, [3]int{platform.Min, platform.Max, platform.Des})
		assert.Equal(t, 128, platform.DiskGiB)
		assert.Equal(t, map[string]string{"dominodatalab.com/node-pool": "platform", "dominodatalab.com/domino-node": "true"}, platform.Labels)
		platformNodes += platform.Min
	}
	assert.Equal(t, 3, platformNodes, "the seed's 3 platform nodes")

	total := 0
	for _, az := range threeAZs {
		def, ok := ngs["domino-default-"+az]
		require.True(t, ok, "default node group in %s", az)
		assert.Equal(t, []string{az}, def.AZs)
		assert.Equal(t, []string{"m5.2xlarge"}, def.InstanceTypes)
		assert.Equal(t, [3]int{1, 20, 1}, [3]int{def.Min, def.Max, def.Des})
		assert.Equal(t, 400, def.DiskGiB)
		assert.Equal(t, map[string]string{"dominodatalab.com/node-pool": "default", "domino/build-node": "true", "dominodatalab.com/domino-node": "true"}, def.Labels)
		assert.Equal(t, "AL2023_x86_64_STANDARD", def.AmiType)
		total += def.Min
	}
	assert.Equal(t, 3, total)
}

func TestGPUPool(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true})
	ngs := nodeGroups(t, res)
	require.Len(t, ngs, 9)
	for _, az := range threeAZs {
		gpu := ngs["domino-default-gpu-"+az]
		assert.Equal(t, []string{"p3.2xlarge"}, gpu.InstanceTypes)
		assert.Equal(t, [3]int{0, 5, 0}, [3]int{gpu.Min, gpu.Max, gpu.Des})
		assert.Equal(t, 400, gpu.DiskGiB)
		assert.Equal(t, "AL2023_x86_64_NVIDIA", gpu.AmiType)
		assert.Equal(t, map[string]string{"dominodatalab.com/node-pool": "default-gpu", "nvidia.com/gpu": "true", "dominodatalab.com/domino-node": "true"}, gpu.Labels)
		assert.Equal(t, []any{
			map[string]any{"key": "nvidia.com/gpu", "value": "true", "effect": "NO_SCHEDULE"},
		}, gpu.Taints, "no startup taint on a group the autoscaler scales from zero")
	}
	al2 := nodeGroups(t, plan(t, domino.DominoEKSArgs{EnableGpuPool: true, AmiFamily: "AL2", KubernetesVersion: "1.32"}))
	assert.Equal(t, "AL2_x86_64_GPU", al2["domino-default-gpu-us-west-2a"].AmiType)
	assert.Equal(t, "AL2_x86_64", al2["domino-platform-us-west-2a"].AmiType)
}

// TestEBSStartupTaint: compute nodes of groups that are never empty start
// tainted until the EBS CSI node plugin runs and removes the taint; groups the
// autoscaler may scale from zero (GPU 0-5, an additional pool at min 0) and
// platform nodes do not (the autoscaler would copy it into the template of an
// empty group, and no Domino pod tolerates it); the taint is never advertised
// in a node-template tag.
func TestEBSStartupTaint(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true, AdditionalPools: []domino.NodePool{
		{Name: "highmem", InstanceTypes: []string{"r5.4xlarge"}},
		{Name: "warm", InstanceTypes: []string{"r5.4xlarge"}, MinSize: ip(1)},
	}})
	startup := map[string]any{"key": "ebs.csi.aws.com/agent-not-ready", "value": "", "effect": "NO_EXECUTE"}
	tainted := 0
	for name, ng := range nodeGroups(t, res) {
		if strings.HasPrefix(name, "domino-default-us-west-2") || strings.HasPrefix(name, "domino-warm-") {
			assert.Contains(t, ng.Taints, startup, name)
			tainted++
			continue
		}
		assert.NotContains(t, ng.Taints, startup, name)
	}
	assert.Equal(t, 6, tainted, "default and warm (min 1) in each zone")
	for _, tag := range res.Find("aws:autoscaling/tag:Tag") {
		assert.NotContains(t, m(tag.Inputs, "tag", "key"), "agent-not-ready", tag.Name)
	}
}

func TestZoneLayouts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		azs      []string
		groups   []string
		subnets  int
		natGWs   int
		natMode  string
		platform []string
	}{
		// One node zone: the VPC (and the control plane) still spans three zones.
		{"one zone", []string{"us-west-2b"}, []string{"domino-platform-us-west-2b", "domino-default-us-west-2b"}, 6, 1, "", []string{"us-west-2b"}},
		{"three zones", threeAZs, []string{"domino-platform-us-west-2a", "domino-platform-us-west-2b", "domino-platform-us-west-2c", "domino-default-us-west-2a", "domino-default-us-west-2b", "domino-default-us-west-2c"}, 6, 3, "", threeAZs},
		{"three zones single NAT", threeAZs, []string{"domino-platform-us-west-2a", "domino-platform-us-west-2b", "domino-platform-us-west-2c", "domino-default-us-west-2a", "domino-default-us-west-2b", "domino-default-us-west-2c"}, 6, 1, domino.NatSingle, threeAZs},
		{"no NAT", threeAZs, []string{"domino-platform-us-west-2a", "domino-platform-us-west-2b", "domino-platform-us-west-2c", "domino-default-us-west-2a", "domino-default-us-west-2b", "domino-default-us-west-2c"}, 6, 0, domino.NatNone, threeAZs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := plan(t, domino.DominoEKSArgs{AvailabilityZones: tc.azs, NatMode: tc.natMode, ImageRegistry: "registry.example.com/domino"})
			ngs := nodeGroups(t, res)
			var names []string
			for n := range ngs {
				names = append(names, n)
			}
			assert.ElementsMatch(t, tc.groups, names)
			for _, az := range tc.platform {
				assert.Equal(t, []string{az}, ngs["domino-platform-"+az].AZs, "one platform group per zone")
			}
			if len(tc.platform) == 1 {
				p := ngs["domino-platform-"+tc.platform[0]]
				assert.Equal(t, [3]int{3, 3, 3}, [3]int{p.Min, p.Max, p.Des}, "the seed's 3 platform nodes in the one zone")
			}
			assert.Len(t, res.Find(subnetType), tc.subnets)
			assert.Len(t, res.Find("aws:ec2/natGateway:NatGateway"), tc.natGWs)
		})
	}
}

// TestSingleZoneControlPlane: with one node zone the node pools stay in it,
// while the EKS control plane gets private subnets in three zones (EKS refuses
// fewer than two; three means a later move to three node zones keeps the
// cluster), and the zone order keeps the chosen zone first.
func TestSingleZoneControlPlane(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2b"}})
	eks := res.Find("eks:index:Cluster")[0]
	zoneOf := map[string]string{}
	for _, s := range res.Find(subnetType) {
		zoneOf[s.ID] = s.Inputs["availabilityZone"].(string)
	}
	var zones []string
	for _, id := range eks.Inputs["privateSubnetIds"].([]any) {
		zones = append(zones, zoneOf[id.(string)])
	}
	assert.Equal(t, []string{"us-west-2b", "us-west-2a", "us-west-2c"}, zones)
	for name, ng := range nodeGroups(t, res) {
		assert.Equal(t, []string{"us-west-2b"}, ng.AZs, name)
	}
	assert.Len(t, res.Find("aws:efs/mountTarget:MountTarget"), 1, "EFS mount targets only where compute pools run")

	// Moving to three zones later keeps every existing subnet.
	three := plan(t, domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2b", "us-west-2a", "us-west-2c"}})
	for _, s := range res.Find(subnetType) {
		after, err := three.ByName(subnetType, s.Name)
		require.NoError(t, err, s.Name)
		assert.Equal(t, s.Inputs["cidrBlock"], after.Inputs["cidrBlock"], s.Name)
	}
}

// TestNodesArePrivate: every node group launches only into private subnets,
// which never map public IPs and route to the Internet only through NAT.
func TestNodesArePrivate(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true})
	private := map[string]bool{}
	for _, s := range res.Find(subnetType) {
		assert.Equal(t, false, s.Inputs["mapPublicIpOnLaunch"], s.Name)
		tags := s.Inputs["tags"].(map[string]any)
		assert.Equal(t, "shared", tags["kubernetes.io/cluster/domino"], s.Name)
		if strings.Contains(s.Name, "-private-") {
			private[s.ID] = true
			assert.Equal(t, "1", tags["kubernetes.io/role/internal-elb"], s.Name)
		} else {
			assert.Equal(t, "1", tags["kubernetes.io/role/elb"], s.Name)
		}
	}
	require.Len(t, private, 3)
	for _, ng := range res.Find(nodeGroupType) {
		for _, id := range strs(ng.Inputs["subnetIds"]) {
			assert.True(t, private[id], "node group %s uses non-private subnet %s", ng.Name, id)
		}
	}
	igw := res.Find("aws:ec2/internetGateway:InternetGateway")[0]
	for _, typ := range []string{"aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway"} {
		for _, r := range res.Find(typ) {
			assert.Contains(t, r.Dependencies, igw.URN, "%s %s waits for the Internet gateway", typ, r.Name)
		}
	}
	sg, err := res.ByName("aws:ec2/securityGroup:SecurityGroup", "domino-node-shared")
	require.NoError(t, err)
	assert.NotContains(t, sg.Inputs["tags"], "kubernetes.io/cluster/domino", "only the EKS cluster SG carries the cluster tag")
	for _, rt := range res.Find("aws:ec2/routeTable:RouteTable") {
		if !strings.Contains(rt.Name, "-private-") {
			continue
		}
		for _, r := range rt.Inputs["routes"].([]any) {
			assert.Nil(t, m(r, "gatewayId"), "private route table %s must not route to the Internet gateway", rt.Name)
			assert.NotNil(t, m(r, "natGatewayId"))
		}
	}
}

// TestLaunchTemplates: encrypted gp3 root volumes, IMDSv2 required with hop
// limit 2, the cluster and shared node security groups, tags on instances and volumes.
func TestLaunchTemplates(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true})
	sg, err := res.ByName("aws:ec2/securityGroup:SecurityGroup", "domino-node-shared")
	require.NoError(t, err)
	lts := res.Find(ltType)
	require.Len(t, lts, 3)
	for _, lt := range lts {
		ebs := m(lt.Inputs["blockDeviceMappings"].([]any)[0], "ebs")
		assert.Equal(t, "gp3", m(ebs, "volumeType"), lt.Name)
		assert.Equal(t, "true", m(ebs, "encrypted"), lt.Name)
		assert.Equal(t, "required", m(lt.Inputs, "metadataOptions", "httpTokens"), lt.Name)
		assert.Equal(t, float64(2), m(lt.Inputs, "metadataOptions", "httpPutResponseHopLimit"), lt.Name)
		sgs := strs(lt.Inputs["vpcSecurityGroupIds"])
		assert.Contains(t, sgs, sg.ID, "shared node SG on %s", lt.Name)
		assert.Len(t, sgs, 2, "cluster SG + shared node SG")
		assert.Nil(t, lt.Inputs["networkInterfaces"], "no public IP association")
		var kinds []string
		for _, spec := range lt.Inputs["tagSpecifications"].([]any) {
			kinds = append(kinds, m(spec, "resourceType").(string))
		}
		assert.ElementsMatch(t, []string{"instance", "volume"}, kinds)
	}
}

// TestAutoscalerTags: every node group's ASG carries enabled, owned and one
// node-template tag per label (and taint), so pools scale from zero.
func TestAutoscalerTags(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true})
	tagsByASG := map[string]map[string]string{}
	for _, tag := range res.Find(asgTagType) {
		asg := tag.Inputs["autoscalingGroupName"].(string)
		if tagsByASG[asg] == nil {
			tagsByASG[asg] = map[string]string{}
		}
		tagsByASG[asg][m(tag.Inputs, "tag", "key").(string)] = m(tag.Inputs, "tag", "value").(string)
		assert.Equal(t, false, m(tag.Inputs, "tag", "propagateAtLaunch"))
	}
	ngs := res.Find(nodeGroupType)
	require.Len(t, tagsByASG, len(ngs), "one tag set per node group ASG")
	for _, ng := range ngs {
		asg := m(ng.Outputs["resources"].([]any)[0], "autoscalingGroups").([]any)[0].(map[string]any)["name"].(string)
		tags := tagsByASG[asg]
		require.NotNil(t, tags, "tags for %s", ng.Name)
		assert.Equal(t, "true", tags["k8s.io/cluster-autoscaler/enabled"])
		assert.Equal(t, "owned", tags["k8s.io/cluster-autoscaler/domino"])
		for k, v := range ng.Inputs["labels"].(map[string]any) {
			assert.Equal(t, v, tags["k8s.io/cluster-autoscaler/node-template/label/"+k], "%s label %s", ng.Name, k)
		}
		if strings.Contains(ng.Name, "gpu") {
			assert.Equal(t, "true:NoSchedule", tags["k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"])
		}
	}
}

// TestDesiredSizeOwnedByAutoscaler: desiredSize is ignored on update (and
// the resolved AMI release, which stays pinned: release_test.go).
func TestDesiredSizeOwnedByAutoscaler(t *testing.T) {
	for _, ng := range plan(t, domino.DominoEKSArgs{}).Find(nodeGroupType) {
		assert.Equal(t, []string{"scalingConfig.desiredSize", "releaseVersion"}, ng.IgnoreChanges, ng.Name)
	}
}

func TestDockerBridge(t *testing.T) {
	t.Run("AL2 every pool gets the bridge script", func(t *testing.T) {
		res := plan(t, domino.DominoEKSArgs{AmiFamily: "AL2", KubernetesVersion: "1.32", EnableGpuPool: true,
			AdditionalPools: []domino.NodePool{{Name: "highmem", InstanceTypes: []string{"r5.2xlarge"}}}})
		lts := res.Find(ltType)
		require.Len(t, lts, 4)
		for _, lt := range lts {
			ud := userData(t, lt.Inputs)
			assert.Contains(t, ud, `.bridge="docker0"`, lt.Name)
			assert.Contains(t, ud, `."live-restore"=false`, lt.Name)
			assert.Contains(t, ud, "systemctl restart docker", lt.Name)
			assert.True(t, strings.HasPrefix(ud, "MIME-Version: 1.0\n"), lt.Name)
		}
	})
	t.Run("AL2023 gets no script and a warning", func(t *testing.T) {
		res := plan(t, domino.DominoEKSArgs{})
		for _, lt := range res.Find(ltType) {
			assert.Empty(t, userData(t, lt.Inputs), lt.Name)
		}
		w := domino.DominoEKSArgs{}.Warnings("domino")
		require.NotEmpty(t, w)
		assert.Contains(t, w[0], "docker bridge: not applicable to AL2023")
	})
	t.Run("AL2 with the bridge turned off", func(t *testing.T) {
		res := plan(t, domino.DominoEKSArgs{AmiFamily: "AL2", KubernetesVersion: "1.32", DockerBridge: pulumi.BoolRef(false)})
		for _, lt := range res.Find(ltType) {
			assert.Empty(t, userData(t, lt.Inputs), lt.Name)
		}
	})
}

func TestUserDataGolden(t *testing.T) {
	for _, tc := range []struct {
		family string
		bridge bool
		file   string
	}{
		{domino.AmiAL2, true, "userdata-al2-bridge.golden"},
		{domino.AmiAL2, false, "userdata-al2-nobridge.golden"},
		{domino.AmiAL2023, true, "userdata-al2023.golden"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			ud, err := domino.RenderUserData(tc.family, tc.bridge)
			require.NoError(t, err)
			golden(t, tc.file, ud)
		})
	}
	_, err := domino.RenderUserData("Bottlerocket", true)
	require.ErrorContains(t, err, `unsupported AMI family "Bottlerocket"`)
}

// TestEverythingUnderTheComponent: no resource escapes the component's tree,
// and children are named from the component name.
func TestEverythingUnderTheComponent(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EnableGpuPool: true, Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z123")})
	comps := res.Find(componentType)
	require.Len(t, comps, 1)
	root := comps[0].URN
	byURN := map[string]string{}
	for _, r := range res.Resources {
		byURN[r.URN] = r.Parent
	}
	for _, r := range res.Resources {
		if r.URN == root {
			continue
		}
		if r.Type != componentType {
			assert.True(t, strings.HasPrefix(r.Name, "domino-"), "%s is named from the component", r.Name)
		}
		p, hops := r.Parent, 0
		for p != root && p != "" && hops < 10 {
			p, hops = byURN[p], hops+1
		}
		assert.Equal(t, root, p, "%s (%s) is outside the component tree", r.Name, r.Type)
	}
}

// TestTwoDeploymentsInOneProgram: two components in one Pulumi program (two
// clusters in one stack) register without a URN or physical-name collision:
// every name derives from the component name.
func TestTwoDeploymentsInOneProgram(t *testing.T) {
	res, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
		outs := pulumi.Map{}
		for _, name := range []string{"blue", "green"} {
			d, err := domino.NewDominoEKS(ctx, name, domino.DominoEKSArgs{})
			if err != nil {
				return nil, err
			}
			outs[name+"ClusterName"] = d.ClusterName
		}
		return outs, nil
	}, preview.Options{})
	require.NoError(t, err)
	require.Len(t, res.Find(componentType), 2)
	assert.Len(t, res.Find(nodeGroupType), 12, "each component has its own 6 node groups")

	urns := map[string]bool{}
	physical := map[string]string{} // type/name-input=value -> owner
	for _, r := range res.Resources {
		assert.False(t, urns[r.URN], "URN registered twice: %s", r.URN)
		urns[r.URN] = true
		if r.Type == componentType {
			continue
		}
		owner := "blue"
		if !strings.HasPrefix(r.Name, "blue-") {
			owner = "green"
			assert.True(t, strings.HasPrefix(r.Name, "green-"), "%s (%s) is named from its component", r.Name, r.Type)
		}
		// Physical names set explicitly (auto-named resources get a random suffix from the engine).
		for _, key := range []string{"name", "bucket", "clusterName", "nodeGroupName", "roleName", "creationToken"} {
			v, ok := r.Inputs[key].(string)
			if !ok || v == "" || (key == "bucket" && r.Type != bucketType) || (key == "clusterName" && r.Type == nodeGroupType) {
				continue
			}
			id := r.Type + "/" + key + "=" + v
			if prev, dup := physical[id]; dup {
				assert.Equal(t, prev, owner, "physical name %s used by both components", id)
			}
			physical[id] = owner
		}
	}
	assert.Contains(t, physical, "eks:index:Cluster/name=blue")
	assert.Contains(t, physical, "eks:index:Cluster/name=green")
	assert.Equal(t, "blue", res.Outputs["blueClusterName"])
	assert.Equal(t, "green", res.Outputs["greenClusterName"])
}
