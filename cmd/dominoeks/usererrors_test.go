package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestPlanMessagesFitTheMistake: the mis-typed values, each exit 2
// with the hint for the mistake made.
func TestPlanMessagesFitTheMistake(t *testing.T) {
	stack := filepath.Join(t.TempDir(), "Pulumi.prod.yaml")
	require.NoError(t, os.WriteFile(stack, []byte("config:\n  dominoeks:kubernetesVersion: 1.30\n"), 0o600))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"yes for a boolean", []string{"--set", "createKmsKey=yes"}, []string{"is not a boolean", "(for yes, write true)"}},
		{"1e2 for a whole number", []string{"--set", "logRetentionDays=1e2"}, []string{"write it without an exponent or decimal point: 100"}},
		{"unquoted 1.30 in a stack file", []string{"--config", stack}, []string{`kubernetesVersion = "1.3"`, `quote it, dominoeks:kubernetesVersion: "1.30"`}},
		{"vpcCidr /20", []string{"--set", "vpcCidr=10.0.0.0/20"}, []string{`vpcCidr = "10.0.0.0/20": makes private subnets of /23`}},
		{"a 100,000-character value", []string{"--set", "clusterName=" + strings.Repeat("a", 100000)}, []string{"(100000 characters)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, append([]string{"plan"}, tc.args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			assert.NotContains(t, stderr, "privateSubnetCidrs =", "the setting the user wrote is named, not one derived from it")
			assert.Less(t, len(stderr), 4000, "values are shortened when echoed")
		})
	}
}

// TestConfigGivenTwiceIsRefused: a second --config would replace the first
// silently; it is refused (exit 2) naming both files.
func TestConfigGivenTwiceIsRefused(t *testing.T) {
	for _, command := range []string{"plan", "preflight"} {
		stdout, stderr, code := runCLI(t, command, "--config", "Pulumi.a.yaml", "--config", "Pulumi.b.yaml")
		assert.Equal(t, 2, code, stderr)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, `"Pulumi.b.yaml" for "--config" flag: given twice (first "Pulumi.a.yaml")`)
	}
}
