package plan

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// res builds a test resource; deps are URNs.
func res(urn, typ string, custom bool, parent string, deps ...string) preview.Resource {
	name := urn[strings.LastIndex(urn, "::")+2:]
	return preview.Resource{URN: urn, Type: typ, Name: name, Custom: custom, Parent: parent, Dependencies: deps}
}

func withProvider(r preview.Resource, provider string) preview.Resource {
	r.Provider = provider
	return r
}

func sortedByURN(rs ...preview.Resource) []preview.Resource {
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
	return rs
}

func TestComputeCriticalPath(t *testing.T) {
	const (
		comp    = "urn:c::comp"
		vpc     = "urn:r::vpc"
		subnet  = "urn:r::subnet"
		nat     = "urn:r::nat"
		cluster = "urn:r::cluster"
		ng      = "urn:r::ng"
		prov    = "urn:r::k8s"
		sc      = "urn:r::sc"
		after   = "urn:r::after"
	)
	tests := []struct {
		name     string
		rs       []preview.Resource
		wantSecs int
		wantPath []string
	}{
		{
			name:     "empty",
			wantPath: []string{},
		},
		{
			name: "longest chain wins over a shorter branch; parent is not a dependency",
			rs: sortedByURN(
				res(comp, "dominoeks:index:DominoEKS", false, ""),
				res(vpc, "aws:ec2/vpc:Vpc", true, comp),
				res(subnet, "aws:ec2/subnet:Subnet", true, comp, vpc),
				res(nat, "aws:ec2/natGateway:NatGateway", true, comp, subnet),
				res(cluster, "aws:eks/cluster:Cluster", true, comp, subnet, vpc),
				res(ng, "aws:eks/nodeGroup:NodeGroup", true, comp, cluster, nat),
			),
			wantSecs: 5 + 5 + 600 + 120,
			wantPath: []string{vpc, subnet, cluster, ng},
		},
		{
			name: "kubernetes objects wait for their provider",
			rs: sortedByURN(
				res(cluster, "aws:eks/cluster:Cluster", true, ""),
				res(prov, "pulumi:providers:kubernetes", true, "", cluster),
				withProvider(res(sc, "kubernetes:storage.k8s.io/v1:StorageClass", true, ""), prov),
			),
			wantSecs: 600 + CreateSeconds("kubernetes:storage.k8s.io/v1:StorageClass", true),
			wantPath: []string{cluster, sc},
		},
		{
			name: "depending on a component waits for its children",
			rs: sortedByURN(
				res(comp, "my:index:Component", false, ""),
				res(nat, "aws:ec2/natGateway:NatGateway", true, comp),
				res(after, "aws:ec2/routeTable:RouteTable", true, "", comp),
			),
			wantSecs: 120 + 5,
			wantPath: []string{nat, after},
		},
		{
			name: "a dependency on an ancestor is not a cycle",
			rs: sortedByURN(
				res(comp, "my:index:Component", false, ""),
				res(vpc, "aws:ec2/vpc:Vpc", true, comp, comp),
			),
			wantSecs: 5,
			wantPath: []string{vpc},
		},
		{
			name: "unknown dependencies are ignored",
			rs: sortedByURN(
				res(vpc, "aws:ec2/vpc:Vpc", true, "", "urn:elsewhere::x"),
			),
			wantSecs: 5,
			wantPath: []string{vpc},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp, err := ComputeCriticalPath(tt.rs)
			require.NoError(t, err)
			assert.Equal(t, tt.wantSecs, cp.Seconds)
			assert.Equal(t, tt.wantPath, cp.Path)
			sum := 0
			for _, s := range cp.Steps {
				sum += s.Seconds
			}
			assert.Equal(t, cp.Seconds, sum, "steps add up to the total")
		})
	}
}

func TestComputeCriticalPathCycle(t *testing.T) {
	rs := sortedByURN(
		res("urn:r::a", "aws:ec2/vpc:Vpc", true, "", "urn:r::b"),
		res("urn:r::b", "aws:ec2/vpc:Vpc", true, "", "urn:r::a"),
	)
	_, err := ComputeCriticalPath(rs)
	assert.ErrorContains(t, err, "dependency cycle")
}

func TestComputeCriticalPathDeterministicTies(t *testing.T) {
	// Two equal chains: the path must not depend on map iteration order.
	rs := sortedByURN(
		res("urn:r::a1", "aws:ec2/vpc:Vpc", true, ""),
		res("urn:r::b1", "aws:ec2/vpc:Vpc", true, ""),
		res("urn:r::z", "aws:ec2/subnet:Subnet", true, "", "urn:r::b1", "urn:r::a1"),
	)
	for i := 0; i < 20; i++ {
		cp, err := ComputeCriticalPath(rs)
		require.NoError(t, err)
		assert.Equal(t, []string{"urn:r::a1", "urn:r::z"}, cp.Path)
	}
}

func TestCreateSeconds(t *testing.T) {
	assert.Equal(t, 600, CreateSeconds("aws:eks/cluster:Cluster", true), "pulumi-eks's recorded child carries the control plane")
	assert.Equal(t, 0, CreateSeconds("eks:index:Cluster", false), "a component finishes with its children")
	assert.Equal(t, 0, CreateSeconds("dominoeks:index:DominoEKS", false), "local components take no time")
	assert.Equal(t, 0, CreateSeconds("pulumi:providers:aws", true))
	assert.Equal(t, defaultCustom.Typical, CreateSeconds("aws:kms/key:Key", true))
	assert.Greater(t, CreateSeconds("aws:eks/nodeGroup:NodeGroup", true), 0)
}

// Observed durations the model must agree with, independent of the model's
// own table: EKS control plane 8-11 min (public Terraform apply logs; AWS: "9
// minutes or less on average"), managed node group 1-6 min, an add-on that
// runs pods ~1-2 min after nodes.
const (
	observedClusterMin, observedClusterMax     = 8 * 60, 11 * 60
	observedNodeGroupMin, observedNodeGroupMax = 1 * 60, 6 * 60
	observedAddonMin, observedAddonMax         = 60, 2 * 60
)

// TestDefaultStackCriticalPath pins the deploy-time model of the default
// stack against observed durations: the longest chain is the EKS control
// plane, then a node group, then the EBS CSI add-on (which waits for nodes),
// and its length falls within what those steps take on AWS.
func TestDefaultStackCriticalPath(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	lower := float64(observedClusterMin + observedNodeGroupMin + observedAddonMin)
	bound := float64(observedClusterMax + observedNodeGroupMax + observedAddonMax)
	cluster, nodeGroup := observedClusterMax, observedNodeGroupMax
	assert.GreaterOrEqual(t, float64(p.CriticalPath.Seconds), lower, "the model is faster than AWS has ever been observed")
	var chain []string
	for _, s := range p.CriticalPath.Steps {
		chain = append(chain, fmt.Sprintf("%s %s (%ds)", s.Type, s.Name, s.Seconds))
	}
	assert.LessOrEqual(t, float64(p.CriticalPath.Seconds), bound,
		"critical path %ds exceeds observed cluster %ds + node group %ds + add-on %ds; chain:\n  %s",
		p.CriticalPath.Seconds, cluster, nodeGroup, observedAddonMax, strings.Join(chain, "\n  "))

	types := map[string]bool{}
	for _, s := range p.CriticalPath.Steps {
		types[s.Type] = true
	}
	assert.True(t, types["aws:eks/cluster:Cluster"], "the control plane is on the critical path")
	assert.True(t, types["aws:eks/nodeGroup:NodeGroup"], "a node group is on the critical path")
	assert.True(t, types["aws:eks/addon:Addon"], "the EBS CSI add-on, after the nodes, ends the critical path")
}

// TestAddonsPlaceOnCriticalPath: an add-on that runs pods (EBS CSI, coredns)
// ends the path after a node group; a network add-on (vpc-cni, kube-proxy)
// comes before the node group, which waits for it.
func TestAddonsPlaceOnCriticalPath(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	steps := p.CriticalPath.Steps
	require.GreaterOrEqual(t, len(steps), 3)
	last, before := steps[len(steps)-1], steps[len(steps)-2]
	assert.Equal(t, "aws:eks/addon:Addon", last.Type)
	assert.Contains(t, []string{"domino-ebs-csi", "domino-coredns"}, last.Name)
	assert.Equal(t, "aws:eks/nodeGroup:NodeGroup", before.Type, "the add-on starts when a node group is done")
	network := steps[len(steps)-3]
	assert.Equal(t, "aws:eks/addon:Addon", network.Type)
	assert.Contains(t, []string{"domino-vpc-cni", "domino-kube-proxy"}, network.Name, "node groups wait for the network add-ons")
	assert.Positive(t, last.Seconds)
	sum := 0
	for _, s := range steps {
		sum += s.Seconds
	}
	assert.Equal(t, p.CriticalPath.Seconds, sum, "the path's time is its steps' time, the add-on's included")
	assert.Equal(t, last.URN, p.CriticalPath.Path[len(p.CriticalPath.Path)-1])
}

// TestDurationsAreCitedAndOrdered guards the duration table: every entry
// cites its source and fast <= typical <= slow; the control plane and node
// groups match the public figures (8-11 min, median ~10; 1-6 min, median ~2).
func TestDurationsAreCitedAndOrdered(t *testing.T) {
	for typ, d := range durations {
		assert.NotEmpty(t, d.Source, typ)
		assert.True(t, d.Fast <= d.Typical && d.Typical <= d.Slow, "%s: %+v", typ, d)
	}
	assert.Equal(t, Duration{480, 600, 660, srcEKSCluster}, durations["aws:eks/cluster:Cluster"])
	assert.Equal(t, Duration{60, 120, 360, srcNodeGroup}, durations["aws:eks/nodeGroup:NodeGroup"])
	p, err := Build(Options{})
	require.NoError(t, err)
	r := p.CriticalPath.Range
	assert.Equal(t, p.CriticalPath.Seconds, r.Typical)
	assert.Less(t, r.Fast, r.Typical)
	assert.Less(t, r.Typical, r.Slow)
}
