package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// subnetZones returns the zones of the planned private subnets, in CIDR
// order, and their CIDRs by zone.
func subnetZones(t *testing.T, res *preview.Result) (zones []string, cidrs map[string]string) {
	t.Helper()
	cidrs = map[string]string{}
	for _, r := range res.Find("aws:ec2/subnet:Subnet") {
		tags, _ := r.Inputs["tags"].(map[string]any)
		if tags["kubernetes.io/role/internal-elb"] != "1" {
			continue
		}
		az := r.Inputs["availabilityZone"].(string)
		zones = append(zones, az)
		cidrs[az] = r.Inputs["cidrBlock"].(string)
	}
	return zones, cidrs
}

// nodeGroupZones returns the zones the node groups run in.
func nodeGroupZones(t *testing.T, res *preview.Result) []string {
	t.Helper()
	subnetZone := map[string]string{}
	for _, r := range res.Find("aws:ec2/subnet:Subnet") {
		subnetZone[r.ID] = r.Inputs["availabilityZone"].(string)
	}
	seen := map[string]bool{}
	var out []string
	for _, ng := range res.Find("aws:eks/nodeGroup:NodeGroup") {
		for _, id := range strs(ng.Inputs["subnetIds"]) {
			if z := subnetZone[id]; z != "" && !seen[z] {
				seen[z] = true
				out = append(out, z)
			}
		}
	}
	return out
}

// TestZonesAreStandardAndStay: Local Zones the account opted in to are never
// chosen (DescribeAvailabilityZones is filtered to zone-type
// availability-zone, opt-in-not-required), and once the stack's private
// subnets exist their zones are the stack's zones whatever the account lists
// first: a later up moves no subnet and no node group.
func TestZonesAreStandardAndStay(t *testing.T) {
	lax := preview.ListedZone{Name: "us-west-2-lax-1a", ID: "usw2-lax1-az1", Type: "local-zone", OptIn: "opted-in"}
	a := preview.ListedZone{Name: "us-west-2a", ID: "usw2-az1"}
	b := preview.ListedZone{Name: "us-west-2b", ID: "usw2-az2"}
	c := preview.ListedZone{Name: "us-west-2c", ID: "usw2-az3"}
	d := preview.ListedZone{Name: "us-west-2d", ID: "usw2-az4"}
	abd := []preview.HeldSubnet{ // what the first up created, CIDRs in zone order
		{Cluster: "domino", Zone: "us-west-2a", Cidr: "10.0.0.0/19"},
		{Cluster: "domino", Zone: "us-west-2b", Cidr: "10.0.32.0/19"},
		{Cluster: "domino", Zone: "us-west-2d", Cidr: "10.0.64.0/19"},
	}
	tests := []struct {
		name      string
		args      domino.DominoEKSArgs
		listed    []preview.ListedZone
		subnets   []preview.HeldSubnet
		want      []string
		wantNodes []string
	}{
		{name: "a Local Zone listed first is never chosen", listed: []preview.ListedZone{lax, a, b, c, d},
			want: []string{"us-west-2a", "us-west-2b", "us-west-2c"}},
		{name: "subnets in a, b, d stay there while c is listed first", listed: []preview.ListedZone{c, lax, a, b, d}, subnets: abd,
			want: []string{"us-west-2a", "us-west-2b", "us-west-2d"}},
		{name: "another cluster's subnets are not this stack's", listed: []preview.ListedZone{c, a, b, d},
			subnets: []preview.HeldSubnet{{Cluster: "other", Zone: "us-west-2d", Cidr: "10.0.0.0/19"}},
			want:    []string{"us-west-2c", "us-west-2a", "us-west-2b"}},
		{name: "adding a zone is explicit: availabilityZones wins", listed: []preview.ListedZone{c, a, b, d}, subnets: abd,
			args: domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a", "us-west-2b", "us-west-2c"}},
			want: []string{"us-west-2a", "us-west-2b", "us-west-2c"}},
		{name: "one node zone keeps its widened network zones", listed: []preview.ListedZone{c, a, b, d}, subnets: abd,
			args: domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a"}},
			want: []string{"us-west-2a", "us-west-2b", "us-west-2d"}, wantNodes: []string{"us-west-2a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", tt.args), preview.Options{Zones: tt.listed, Account: preview.Holdings{Subnets: tt.subnets}})
			require.NoError(t, err)
			zones, cidrs := subnetZones(t, res)
			assert.ElementsMatch(t, tt.want, zones)
			want := tt.wantNodes
			if want == nil {
				want = tt.want
			}
			assert.ElementsMatch(t, want, nodeGroupZones(t, res))
			for _, sn := range tt.subnets {
				if sn.Cluster == "domino" && cidrs[sn.Zone] != "" {
					assert.Equal(t, sn.Cidr, cidrs[sn.Zone], "the subnet in %s keeps its CIDR: not replaced", sn.Zone)
				}
			}
		})
	}
}
