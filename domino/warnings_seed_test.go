package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedSized is the seed's cluster with an FQDN and certificate: no seed warning.
var seedSized = domino.DominoEKSArgs{Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z123")}

// TestSeedWarnings: configurations the component accepts but that fall short
// of the seed are warned about, naming the field, the value and the seed's
// figure; the seed's own cluster gets none of these warnings.
func TestSeedWarnings(t *testing.T) {
	with := func(f func(a *domino.DominoEKSArgs)) domino.DominoEKSArgs {
		a := seedSized
		f(&a)
		return a
	}
	for _, tc := range []struct {
		name string
		args domino.DominoEKSArgs
		want []string
	}{
		{"platform pool on t3.micro", with(func(a *domino.DominoEKSArgs) {
			a.PlatformPool = &domino.NodePool{InstanceTypes: []string{"t3.micro"}}
		}), []string{"platformPool.instanceTypes: t3.micro (2 vCPU, 1 GiB) is smaller than the seed's platform node (m5.4xlarge: 16 vCPU, 64 GiB)", "`dominoeks check` fails this pool", "use m5.4xlarge or larger"}},
		{"platform pool with enough vCPU but too little memory", with(func(a *domino.DominoEKSArgs) {
			a.PlatformPool = &domino.NodePool{InstanceTypes: []string{"c5.4xlarge"}}
		}), []string{"platformPool.instanceTypes: c5.4xlarge (16 vCPU, 32 GiB)"}},
		{"default pool one size down", with(func(a *domino.DominoEKSArgs) {
			a.DefaultPool = &domino.NodePool{InstanceTypes: []string{"m5.xlarge"}}
		}), []string{"defaultPool.instanceTypes: m5.xlarge (4 vCPU, 16 GiB) is smaller than the seed's default node (m5.2xlarge: 8 vCPU, 32 GiB)"}},
		{"platform disk below 128 GiB", with(func(a *domino.DominoEKSArgs) {
			a.PlatformPool = &domino.NodePool{DiskSizeGiB: ip(64)}
		}), []string{"platformPool.diskSizeGib: 64 GiB is below the seed's 128 GiB for platform nodes", "use 128 GiB or more"}},
		{"default disk below 400 GiB", with(func(a *domino.DominoEKSArgs) {
			a.DefaultPool = &domino.NodePool{DiskSizeGiB: ip(200)}
		}), []string{"defaultPool.diskSizeGib: 200 GiB is below the seed's 400 GiB for default nodes"}},
		{"gpu disk below 400 GiB", with(func(a *domino.DominoEKSArgs) {
			a.GpuPool = &domino.NodePool{DiskSizeGiB: ip(100)}
		}), []string{"gpuPool.diskSizeGib: 100 GiB is below the seed's 400 GiB for default-gpu nodes"}},
		{"additional pool spanning zones", with(func(a *domino.DominoEKSArgs) {
			a.AdditionalPools = []domino.NodePool{{Name: "big", InstanceTypes: []string{"m5.8xlarge"}, SpanAZs: pulumi.BoolRef(true)}}
		}), []string{"additionalPools[0] (big): spanAZs true makes one node group across us-west-2a, us-west-2b, us-west-2c", "one node group per zone", "remove spanAZs"}},
		{"default pool spanning zones", with(func(a *domino.DominoEKSArgs) {
			a.DefaultPool = &domino.NodePool{SpanAZs: pulumi.BoolRef(true)}
		}), []string{"defaultPool (default): spanAZs true"}},
		{"no hostname", with(func(a *domino.DominoEKSArgs) {
			a.Hostname, a.Route53ZoneId = "", nil
		}), []string{`hostname: not set, so the installer values carry hostname ""`, "set hostname, e.g. domino.example.com"}},
		{"hostname without a zone for its certificate", with(func(a *domino.DominoEKSArgs) {
			a.Route53ZoneId = nil
		}), []string{"hostname domino.example.com without route53ZoneId: no certificate is issued", "set route53ZoneId"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.args.Validate(), "a warning, not a refusal")
			got := strings.Join(tc.args.Warnings("domino"), "\n")
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

// TestSeedClusterHasNoSeedWarnings: the seed's pools, a one-zone spanning
// pool and the platform pool's own spanning raise none of the seed warnings.
func TestSeedClusterHasNoSeedWarnings(t *testing.T) {
	for name, args := range map[string]domino.DominoEKSArgs{
		"seed":                     seedSized,
		"seed with gpu":            {Hostname: "d.example.com", Route53ZoneId: pulumi.StringPtr("Z1"), EnableGpuPool: true},
		"bigger than the seed":     {Hostname: "d.example.com", Route53ZoneId: pulumi.StringPtr("Z1"), PlatformPool: &domino.NodePool{InstanceTypes: []string{"m5.8xlarge"}, DiskSizeGiB: ip(256)}},
		"spanning pool in 1 zone":  {Hostname: "d.example.com", Route53ZoneId: pulumi.StringPtr("Z1"), AvailabilityZones: []string{"us-west-2a"}, AdditionalPools: []domino.NodePool{{Name: "x", InstanceTypes: []string{"m5.xlarge"}, SpanAZs: pulumi.BoolRef(true)}}},
		"small additional pool ok": {Hostname: "d.example.com", Route53ZoneId: pulumi.StringPtr("Z1"), AdditionalPools: []domino.NodePool{{Name: "small", InstanceTypes: []string{"m5.large"}, DiskSizeGiB: ip(100)}}},
	} {
		t.Run(name, func(t *testing.T) {
			got := strings.Join(args.Warnings("domino"), "\n")
			for _, unwanted := range []string{"smaller than the seed", "below the seed", "spanAZs", "hostname"} {
				assert.NotContains(t, got, unwanted)
			}
		})
	}
}
