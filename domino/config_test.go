package domino_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeConfig(t *testing.T) {
	args, err := domino.DecodeConfig(map[string]string{
		"natMode":           "single",
		"enableGpuPool":     "true",
		"availabilityZones": `["us-west-2a"]`,
		"defaultPool":       `{"maxSize": 30, "instanceTypes": ["m5.4xlarge"]}`,
		"tags":              `{"team": "data"}`,
		"privateSubnetIds":  "subnet-00000001, subnet-00000002",
		"vpcId":             "vpc-0a1b2c3d",
		"name":              "ignored-here",
	})
	require.NoError(t, err)
	assert.Equal(t, domino.NatSingle, args.NatMode)
	assert.True(t, args.EnableGpuPool)
	assert.Equal(t, []string{"us-west-2a"}, args.AvailabilityZones)
	assert.Equal(t, 30, *args.DefaultPool.MaxSize)
	assert.Equal(t, []string{"m5.4xlarge"}, args.DefaultPool.InstanceTypes)
	assert.Equal(t, map[string]string{"team": "data"}, args.Tags)
	assert.Equal(t, pulumi.ToStringArray([]string{"subnet-00000001", "subnet-00000002"}), args.PrivateSubnetIds)
	assert.NotNil(t, args.VpcId)
}

func TestDecodeConfigErrorsNameTheKey(t *testing.T) {
	for _, tc := range []struct {
		values map[string]string
		want   []string
	}{
		{map[string]string{"natmode": "single"}, []string{"natmode", "is not a DominoEKS configuration key", "natMode"}},
		{map[string]string{"enableGpuPool": "yes"}, []string{"enableGpuPool", `"yes"`, "is not a boolean"}},
		{map[string]string{"defaultPool": `{"maxSize": "big"}`}, []string{"defaultPool.maxSize", `"big"`, "is not a number"}},
		{map[string]string{"privateSubnetIds": `["a", 1]`}, []string{"privateSubnetIds", "list of strings"}},
	} {
		_, err := domino.DecodeConfig(tc.values)
		require.Error(t, err)
		for _, w := range tc.want {
			assert.Contains(t, err.Error(), w)
		}
	}
}

// TestDeployFromConfig runs the examples' stack program under mocks with a
// stack configuration, as `pulumi up` would.
func TestDeployFromConfig(t *testing.T) {
	res, err := preview.Run(domino.ConfigProgram, preview.Options{Config: map[string]string{
		"dominoeks:name":          "acme",
		"dominoeks:enableGpuPool": "true",
		"dominoeks:natMode":       "single",
	}})
	require.NoError(t, err)
	assert.Len(t, res.Find(nodeGroupType), 9, "platform, default and GPU in each of three zones")
	assert.Len(t, res.Find("aws:ec2/natGateway:NatGateway"), 1)
	assert.Equal(t, "acme", res.Outputs["clusterName"])
	_, err = res.ByName(componentType, "acme")
	require.NoError(t, err)

	_, err = preview.Run(domino.ConfigProgram, preview.Options{Config: map[string]string{"dominoeks:availabilityZones": `["us-west-2a","us-west-2b"]`}})
	require.ErrorContains(t, err, "availabilityZones")
}

// TestBridgeScriptIsValidShell: the rendered script parses with bash -n.
func TestBridgeScriptIsValidShell(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	ud, err := domino.RenderUserData(domino.AmiAL2, true)
	require.NoError(t, err)
	start := strings.Index(ud, "#!/bin/bash")
	end := strings.LastIndex(ud, "--==")
	require.True(t, start > 0 && end > start)
	script := filepath.Join(t.TempDir(), "bridge.sh")
	require.NoError(t, os.WriteFile(script, []byte(ud[start:end]), 0o600))
	out, err := exec.Command(bash, "-n", script).CombinedOutput()
	require.NoError(t, err, string(out))
}

// TestRegionFollowsTheAWSProvider: zones, buckets and installer values use
// aws:region unless region is set, and a contradiction is refused.
func TestRegionFollowsTheAWSProvider(t *testing.T) {
	res, err := preview.Run(domino.ConfigProgram, preview.Options{Config: map[string]string{"aws:region": "eu-west-1"}})
	require.NoError(t, err)
	for _, s := range res.Find(subnetType) {
		assert.Regexp(t, `^eu-west-1[abc]$`, s.Inputs["availabilityZone"])
	}
	assert.Contains(t, res.Outputs["installerValues"], "region: eu-west-1")

	_, err = preview.Run(domino.ConfigProgram, preview.Options{Config: map[string]string{
		"aws:region": "eu-west-1", "dominoeks:region": "us-east-1",
	}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `region = "us-east-1": differs from the AWS provider's region aws:region = eu-west-1`)
}
