package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPlanRefusesWhatAWSRefuses: values AWS refuses at deploy time, and
// versions this release cannot deploy, exit 2 naming the setting and the
// fix, never 1 (a failed check) and never a plan.
func TestPlanRefusesWhatAWSRefuses(t *testing.T) {
	tests := []struct {
		name string
		sets []string
		want []string
	}{
		{"Kubernetes version past the calendar", []string{"kubernetesVersion=1.37"},
			[]string{`kubernetesVersion = "1.37"`, "newest Kubernetes version this dominoeks knows (1.36", "use 1.36 or earlier"}},
		{"vpc-cni before network policies", []string{`addonVersions={"vpc-cni":"v1.13.0-eksbuild.1"}`},
			[]string{`addonVersions.vpc-cni = "v1.13.0-eksbuild.1"`, "predates network policy support", "v1.14.0-eksbuild.1 or later"}},
		{"access host type that does not exist", []string{"accessHostInstanceType=tiny"},
			[]string{`accessHostInstanceType = "tiny"`, "not an EC2 instance type"}},
		{"access host type needing a Dedicated Host", []string{"accessHostInstanceType=mac1.metal"},
			[]string{`accessHostInstanceType = "mac1.metal"`, "Dedicated Host"}},
		{"EFS throughput below 1 MiB/s", []string{"efsThroughputMode=provisioned", "efsProvisionedThroughputMibps=0.5"},
			[]string{`efsProvisionedThroughputMibps = "0.5"`, "1-3414 MiB/s"}},
		{"EFS throughput of 10^9 MiB/s", []string{"efsThroughputMode=provisioned", "efsProvisionedThroughputMibps=1000000000"},
			[]string{`efsProvisionedThroughputMibps = "1e+09"`, "1-3414 MiB/s"}},
		{"bucket name with --x-s3", []string{"blobsBucketName=acme-blobs--x-s3"}, []string{`blobsBucketName = "acme-blobs--x-s3"`, "suffix --x-s3"}},
		{"bucket name with .mrap", []string{"logsBucketName=acme-logs.mrap"}, []string{`logsBucketName = "acme-logs.mrap"`, "suffix .mrap"}},
		{"bucket name with --table-s3", []string{"backupsBucketName=acme--table-s3"}, []string{`backupsBucketName = "acme--table-s3"`, "suffix --table-s3"}},
		{"bucket prefix amzn-s3-demo-", []string{"bucketPrefix=amzn-s3-demo-acme"}, []string{`bucketPrefix = "amzn-s3-demo-acme"`, "prefix amzn-s3-demo-"}},
		{"private range in publicAccessCidrs", []string{"endpointPublicAccess=true", `publicAccessCidrs=["10.0.0.0/8"]`},
			[]string{`publicAccessCidrs = "10.0.0.0/8"`, "private range (RFC 1918"}},
		{"admin role name over IAM's 64", []string{`adminPrincipalArns=["arn:aws:iam::123456789012:role/` + strings.Repeat("a", 65) + `"]`},
			[]string{"adminPrincipalArns[0]", "role name of 65 characters, over IAM's 64"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var args []string
			for _, s := range tc.sets {
				args = append(args, "--set", s)
			}
			stdout, stderr, code := runCLI(t, append([]string{"plan"}, args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
		})
	}
}
