package preflight

import (
	"context"
	"fmt"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// The access host the plan describes: its type, zone and the SSM endpoints
// planned in its VPC, read from the same plan the other checks count.
func TestFromPlanAccessHost(t *testing.T) {
	tests := []struct {
		name      string
		config    map[string]string
		host      bool
		endpoints []string
		nat       int
	}{
		{"default: host behind NAT", nil, true, nil, 3},
		{"natMode none: host with the SSM endpoints", map[string]string{"dominoeks:natMode": "none", "dominoeks:imageRegistry": "registry.example.com/domino"}, true, []string{"ec2messages", "ssm", "ssmmessages"}, 0},
		{"accessHost off", map[string]string{"dominoeks:accessHost": "false"}, false, nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := plan.Build(plan.Options{Config: tt.config})
			require.NoError(t, err)
			d := FromPlan(p)
			assert.Equal(t, tt.nat, d.NATGateways())
			if !tt.host {
				assert.Nil(t, d.AccessHost)
				return
			}
			require.NotNil(t, d.AccessHost)
			assert.Equal(t, "t4g.nano", d.AccessHost.InstanceType)
			assert.Equal(t, "us-west-2a", d.AccessHost.Zone)
			assert.True(t, d.NewVPCIDs[d.AccessHost.VPCID], "the host's VPC is the planned one")
			assert.Equal(t, tt.endpoints, d.AccessHost.SSMEndpoints)
		})
	}
}

// stubTools answers the tool probes from a map; a missing name is not on PATH.
type stubTools map[string]string

func (s stubTools) Run(_ context.Context, name string, _ ...string) (string, error) {
	out, ok := s[name]
	if !ok {
		return "", fmt.Errorf("exec: %q: %w", name, exec.ErrNotFound)
	}
	return out, nil
}

func TestAccessPathChecks(t *testing.T) {
	host := func(vpc string, endpoints ...string) *AccessHost {
		return &AccessHost{InstanceType: "t4g.nano", SubnetID: "subnet-0a1b2c3d4e5f60718", Zone: "us-west-2a", VPCID: vpc, SSMEndpoints: endpoints}
	}
	withPlugin := stubTools{awsfacts.SessionManagerPlugin: "1.2.707.0"}
	tests := []struct {
		name     string
		d        Demand
		tools    stubTools
		id       string
		status   checker.Status
		evidence string
	}{
		{"plugin present", Demand{AccessHost: host("vpc-new")}, withPlugin,
			CheckSessionManagerPlugin, checker.StatusPass, "session-manager-plugin 1.2.707.0"},
		{"plugin missing", Demand{AccessHost: host("vpc-new")}, stubTools{},
			CheckSessionManagerPlugin, checker.StatusFail, "session-manager-plugin not found on PATH"},
		{"no host: plugin not needed", Demand{}, stubTools{},
			CheckSessionManagerPlugin, checker.StatusPass, "not applicable"},
		{"NAT planned", Demand{AccessHost: host("vpc-new"), NATGatewaysByZone: map[string]int{"us-west-2a": 1}}, withPlugin,
			CheckAccessSSMPath, checker.StatusPass, "1 NAT gateway(s) planned"},
		{"no NAT, the three SSM endpoints", Demand{AccessHost: host("vpc-new", "ec2messages", "ssm", "ssmmessages"), NewVPCIDs: map[string]bool{"vpc-new": true}}, withPlugin,
			CheckAccessSSMPath, checker.StatusPass, "no NAT; interface endpoints planned in the new VPC: ec2messages, ssm, ssmmessages"},
		{"no NAT, ssmmessages missing", Demand{AccessHost: host("vpc-new", "ec2messages", "ssm"), NewVPCIDs: map[string]bool{"vpc-new": true}}, withPlugin,
			CheckAccessSSMPath, checker.StatusFail, "no interface endpoint for ssmmessages planned in the new VPC"},
		{"no NAT, no endpoints", Demand{AccessHost: host("vpc-new")}, withPlugin,
			CheckAccessSSMPath, checker.StatusFail, "no interface endpoint for ssm, ssmmessages, ec2messages planned in VPC vpc-new"},
		{"existing subnet, no NAT planned: unknown", Demand{AccessHost: host("")}, withPlugin,
			CheckAccessSSMPath, checker.StatusWarn, "subnet-0a1b2c3d4e5f60718 is not created by the plan"},
		{"no host: no path needed", Demand{}, stubTools{},
			CheckAccessSSMPath, checker.StatusPass, "not applicable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{d: tt.d, opts: Options{Tools: tt.tools}}
			results, err := r.checkAccessPath(context.Background())
			require.NoError(t, err)
			res := findResult(t, results, tt.id)
			assert.Equal(t, tt.status, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tt.evidence)
			if tt.status == checker.StatusPass {
				assert.Empty(t, res.Fix)
			} else {
				assert.NotEmpty(t, res.Fix)
			}
			if tt.id == CheckSessionManagerPlugin && tt.status == checker.StatusFail {
				assert.Contains(t, res.Fix, awsfacts.SessionManagerPluginInstallURL)
			}
		})
	}
}

// The host's offering is judged from the same lookup as the node groups'.
func TestHostOffering(t *testing.T) {
	host := &AccessHost{InstanceType: "t4g.nano", SubnetID: "subnet-0a1b2c3d4e5f60718", Zone: "us-west-2a", VPCID: "vpc-new"}
	existing := &AccessHost{InstanceType: "t4g.nano", SubnetID: "subnet-0a1b2c3d4e5f60718"}
	tests := []struct {
		name     string
		host     *AccessHost
		offered  map[string]bool
		status   checker.Status
		evidence string
	}{
		{"offered", host, map[string]bool{"t4g.nano@us-west-2a": true}, checker.StatusPass, "t4g.nano offered in us-west-2a"},
		{"offered elsewhere only", host, map[string]bool{"t4g.nano@us-west-2b": true}, checker.StatusFail, "t4g.nano not offered in us-west-2a (access host)"},
		{"zone unknown", existing, map[string]bool{}, checker.StatusWarn, "not known from the plan"},
		{"no host", nil, map[string]bool{}, checker.StatusPass, "not applicable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{d: Demand{AccessHost: tt.host}}
			res := r.hostOffering(r.hostPlacements(), tt.offered, nil)
			assert.Equal(t, CheckAccessHostOffered, res.ID)
			assert.Equal(t, tt.status, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tt.evidence)
		})
	}
}

func findResult(t *testing.T, results []checker.Result, id string) checker.Result {
	t.Helper()
	for _, r := range results {
		if r.ID == id {
			return r
		}
	}
	require.Failf(t, "no result", "no result %s in %v", id, results)
	return checker.Result{}
}
