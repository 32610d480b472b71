package plan

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nodeGroupFixture is a launch template plus a node group using it.
func nodeGroupFixture(name string, instanceTypes []any, capacity string, min, max int, diskGiB int, volumeType string) []preview.Resource {
	lt := preview.Resource{
		URN: "urn:lt::" + name, Type: typeLaunchTemplate, Name: name, Custom: true, ID: "lt-" + name,
		Inputs: map[string]any{"blockDeviceMappings": []any{map[string]any{
			"ebs": map[string]any{"volumeSize": float64(diskGiB), "volumeType": volumeType},
		}}},
	}
	ng := preview.Resource{
		URN: "urn:ng::" + name, Type: typeNodeGroup, Name: name, Custom: true,
		Inputs: map[string]any{
			"instanceTypes":  instanceTypes,
			"capacityType":   capacity,
			"scalingConfig":  map[string]any{"minSize": float64(min), "maxSize": float64(max), "desiredSize": float64(min)},
			"launchTemplate": map[string]any{"id": "lt-" + name, "version": "1"},
			"labels":         map[string]any{"dominodatalab.com/node-pool": name},
		},
	}
	return []preview.Resource{lt, ng}
}

func TestEstimateCost(t *testing.T) {
	cluster := preview.Resource{URN: "urn:eks::c", Type: "aws:eks/cluster:Cluster", Name: "c", Custom: true}
	nat := preview.Resource{URN: "urn:nat::n", Type: "aws:ec2/natGateway:NatGateway", Name: "n", Custom: true}
	kms := preview.Resource{URN: "urn:kms::k", Type: "aws:kms/key:Key", Name: "k", Custom: true}
	odd := preview.Resource{URN: "urn:odd::o", Type: "aws:sagemaker/domain:Domain", Name: "o", Custom: true}

	tests := []struct {
		name          string
		rs            []preview.Resource
		region        string
		wantMin       float64
		wantMax       float64
		wantItems     int
		wantPartial   bool
		wantWarning   string
		wantUnmodeled []string
	}{
		{
			name:      "control plane and NAT in us-east-1",
			rs:        []preview.Resource{cluster, nat},
			region:    "us-east-1",
			wantMin:   73 + 32.85,
			wantMax:   73 + 32.85,
			wantItems: 2,
		},
		{
			name: "node group at min and max, instances and gp3 root volumes",
			rs:   nodeGroupFixture("default", []any{"m5.2xlarge"}, "ON_DEMAND", 1, 20, 400, "gp3"),
			// min: 1 × 0.384 × 730 + 400 GB × 0.08; max: 20 × both.
			region:    "us-west-2",
			wantMin:   280.32 + 32,
			wantMax:   5606.40 + 640,
			wantItems: 2,
		},
		{
			name:      "eu-west-1 prices differ",
			rs:        nodeGroupFixture("platform", []any{"m5.4xlarge"}, "ON_DEMAND", 3, 3, 128, "gp3"),
			region:    "eu-west-1",
			wantMin:   3*0.856*730 + 3*128*0.088,
			wantMax:   3*0.856*730 + 3*128*0.088,
			wantItems: 2,
		},
		{
			name:        "unknown instance type: instances left out, volumes priced, partial",
			rs:          nodeGroupFixture("odd", []any{"m5zn.6xlarge"}, "ON_DEMAND", 2, 4, 100, "gp3"),
			region:      "us-west-2",
			wantMin:     200 * 0.08,
			wantMax:     400 * 0.08,
			wantItems:   1,
			wantPartial: true,
			wantWarning: "no us-west-2 price for instance type m5zn.6xlarge",
		},
		{
			name:        "spot capacity is not priced",
			rs:          nodeGroupFixture("spot", []any{"m5.xlarge"}, "SPOT", 0, 10, 100, "gp3"),
			region:      "us-west-2",
			wantMin:     0,
			wantMax:     1000 * 0.08,
			wantItems:   1,
			wantPartial: true,
			wantWarning: "SPOT",
		},
		{
			name:        "unknown volume type is not priced",
			rs:          nodeGroupFixture("io", []any{"m5.xlarge"}, "ON_DEMAND", 1, 1, 100, "io2"),
			region:      "us-west-2",
			wantMin:     0.192 * 730,
			wantMax:     0.192 * 730,
			wantItems:   1,
			wantPartial: true,
			wantWarning: `type "io2"`,
		},
		{
			name:        "unknown region prices nothing",
			rs:          []preview.Resource{cluster, nat},
			region:      "ap-south-2",
			wantPartial: true,
			wantWarning: "no prices for region ap-south-2",
		},
		{
			name:          "types without a cost model are listed, not guessed",
			rs:            []preview.Resource{odd},
			region:        "us-west-2",
			wantUnmodeled: []string{"aws:sagemaker/domain:Domain"},
		},
		{
			name:      "a customer key is $1 a month",
			rs:        []preview.Resource{kms},
			region:    "eu-west-1",
			wantMin:   1,
			wantMax:   1,
			wantItems: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := EstimateCost(tt.rs, tt.region)
			assert.Equal(t, "USD", c.Currency)
			assert.Equal(t, PriceDate, c.PriceDate)
			assert.InDelta(t, tt.wantMin, c.MonthlyMin, 0.011)
			assert.InDelta(t, tt.wantMax, c.MonthlyMax, 0.011)
			assert.Len(t, c.Items, tt.wantItems)
			assert.Equal(t, tt.wantPartial, c.Partial)
			if tt.wantWarning != "" {
				require.NotEmpty(t, c.Warnings)
				assert.Contains(t, c.Warnings[0], tt.wantWarning)
			} else {
				assert.Empty(t, c.Warnings)
			}
			if tt.wantUnmodeled != nil {
				assert.Equal(t, tt.wantUnmodeled, c.Unmodelled)
			}
		})
	}
}

func TestPriceTableCoverage(t *testing.T) {
	for _, region := range []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1"} {
		rp, ok := priceTable[region]
		require.True(t, ok, region)
		assert.Equal(t, 0.10, rp.EKSClusterHour, region)
		assert.Positive(t, rp.NATGatewayHour, region)
		assert.Positive(t, rp.PublicIPv4Hour, region)
		assert.Positive(t, rp.EFSStandardGBMonth, region)
		assert.Positive(t, rp.BackupEFSWarmGBMonth, region)
		assert.Positive(t, rp.EBSGBMonth["gp3"], region)
		assert.Positive(t, rp.EBSGBMonth["gp2"], region)
		for _, it := range []string{"m5.4xlarge", "m5.2xlarge", "p3.2xlarge", "m5.xlarge", "m6i.2xlarge", "r5.2xlarge", "c5.2xlarge"} {
			p, ok := InstancePrice(region, it)
			assert.True(t, ok, "%s %s", region, it)
			assert.Positive(t, p, "%s %s", region, it)
		}
		for it, p := range rp.EC2Hour {
			assert.Positive(t, p, "%s %s", region, it)
		}
	}
	for _, it := range []string{"m7i.2xlarge", "g5.2xlarge"} {
		_, ok := InstancePrice("us-west-2", it)
		assert.True(t, ok, it)
	}
	_, ok := InstancePrice("us-west-2", "m5zn.6xlarge")
	assert.False(t, ok)
	_, ok = InstancePrice("mars-north-1", "m5.large")
	assert.False(t, ok)
}

// TestDefaultStackCost checks the default stack's estimate by hand:
// control plane, 3 NAT gateways and their addresses, EFS at 100 GB and its
// backup copy, the
// platform pool (3 × m5.4xlarge, 128 GiB) and three default groups
// (1-20 × m5.2xlarge, 400 GiB), and the access host, in us-west-2.
func TestDefaultStackCost(t *testing.T) {
	p, err := Build(Options{})
	require.NoError(t, err)
	c := p.Cost
	fixed := 0.10*730 + 3*0.045*730 + 3*0.005*730 + 100*0.30 + 1.00 // + the customer key
	fixed += 0.0042*730 + 8*0.08                                    // the access host: t4g.nano and its 8 GiB gp3 root volume
	fixed += 100 * 0.05                                             // AWS Backup: one warm copy of the 100 GB file system
	platform := 3*0.768*730 + 3*128*0.08
	defaultMin := 3 * (1*0.384*730 + 1*400*0.08)
	defaultMax := 3 * (20*0.384*730 + 20*400*0.08)
	assert.False(t, c.Partial, c.Warnings)
	assert.Equal(t, "us-west-2", c.Region)
	assert.InDelta(t, fixed+platform+defaultMin, c.MonthlyMin, 0.01)
	assert.InDelta(t, fixed+platform+defaultMax, c.MonthlyMax, 0.01)
	assert.Empty(t, c.Unmodelled, "every resource type of the default stack has a cost model")
	var keys int
	for _, it := range c.Items {
		if it.Unit == unitKeyMonth {
			keys++
			assert.Equal(t, 1.00, it.MonthlyMin)
		}
	}
	assert.Equal(t, 1, keys, "the customer key is priced once")
	assert.Contains(t, strings.Join(c.Assumptions, "\n"), "log storage", "log storage is listed as unestimated usage")
}

// TestInterfaceEndpointsArePriced: with natMode none the VPC's interface
// endpoints replace NAT; each is billed per zone and hour, and the estimate
// must carry them (~$175/month for the default zones), not silently drop them.
func TestInterfaceEndpointsArePriced(t *testing.T) {
	p, err := Build(Options{Config: map[string]string{"dominoeks:natMode": "none", "dominoeks:imageRegistry": "registry.example.com/domino"}})
	require.NoError(t, err)
	prices, ok := priceTable[p.Region]
	require.True(t, ok)

	want := map[string]float64{} // endpoint URN -> monthly cost
	var total float64
	for _, r := range p.Resources {
		if r.Type != "aws:ec2/vpcEndpoint:VpcEndpoint" || str(r.Inputs["vpcEndpointType"]) != "Interface" {
			continue
		}
		subnets, _ := r.Inputs["subnetIds"].([]any)
		require.NotEmpty(t, subnets, r.URN)
		want[r.URN] = float64(len(subnets)) * prices.InterfaceEndpointAZHour * HoursPerMonth
		total += want[r.URN]
	}
	require.GreaterOrEqual(t, len(want), 8, "natMode none creates the interface endpoints nodes need to join")
	assert.Greater(t, total, 150.0, "the endpoints cost real money")

	got := map[string]float64{}
	var sumMin, sumMax float64
	for _, it := range p.Cost.Items {
		sumMin += it.MonthlyMin
		sumMax += it.MonthlyMax
		if _, ok := want[it.URN]; ok {
			got[it.URN] += it.MonthlyMin
			assert.Equal(t, it.MonthlyMin, it.MonthlyMax, "an endpoint costs the same at any pool size")
		}
	}
	for urn, w := range want {
		assert.InDelta(t, w, got[urn], 0.001, "priced: %s", urn)
	}
	assert.InDelta(t, sumMin, p.Cost.MonthlyMin, 0.01, "the total includes every item")
	assert.InDelta(t, sumMax, p.Cost.MonthlyMax, 0.01)
}
