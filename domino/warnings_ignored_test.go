package domino_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// TestIgnoredInputsWarn: a setting that has no effect in the configuration
// is a warning naming it, never silently dropped; in effect, no warning.
func TestIgnoredInputsWarn(t *testing.T) {
	byo := func(a *domino.DominoEKSArgs) {
		a.VpcId = pulumi.StringPtr("vpc-0123456789abcdef0")
		a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})
	}
	tests := []struct {
		name string
		set  func(a *domino.DominoEKSArgs)
		want string // "" : no ignored-input warning
	}{
		{"publicAccessCidrs with a private endpoint", func(a *domino.DominoEKSArgs) { a.PublicAccessCidrs = []string{"203.0.113.0/24"} },
			"publicAccessCidrs: ignored, the API endpoint is private"},
		{"publicAccessCidrs with a public endpoint", func(a *domino.DominoEKSArgs) {
			a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"203.0.113.0/24"}
		}, ""},
		{"vpcCidr beside vpcId", func(a *domino.DominoEKSArgs) { byo(a); a.VpcCidr = "10.1.0.0/16" }, "vpcCidr: ignored beside vpcId"},
		{"vpcCidr without vpcId", func(a *domino.DominoEKSArgs) { a.VpcCidr = "10.1.0.0/16" }, ""},
		{"throughput in elastic mode", func(a *domino.DominoEKSArgs) { a.EfsProvisionedThroughputMibps = 100 },
			"efsProvisionedThroughputMibps: 100 is ignored in efsThroughputMode elastic"},
		{"throughput in provisioned mode", func(a *domino.DominoEKSArgs) {
			a.EfsThroughputMode, a.EfsProvisionedThroughputMibps = "provisioned", 100
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a domino.DominoEKSArgs
			tc.set(&a)
			w := strings.Join(a.Warnings("domino"), "\n")
			if tc.want == "" {
				assert.NotRegexp(t, `(publicAccessCidrs|vpcCidr|efsProvisionedThroughputMibps)[^\n]*ignored`, w)
				return
			}
			assert.Contains(t, w, tc.want)
		})
	}
}
