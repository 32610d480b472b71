package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// FuzzDecodeConfig feeds arbitrary stack-config values through decoding,
// validation and warnings: any input must be decoded or refused with an
// error, never panic, and a configuration that validates must render its
// node user data.
func FuzzDecodeConfig(f *testing.F) {
	f.Add("availabilityZones", `["us-west-2a","us-west-2b"]`, "natMode", "single")
	f.Add("defaultPool", `{"minSize":5,"maxSize":2}`, "enableGpuPool", "true")
	f.Add("additionalPools", `[{"name":"x","instanceTypes":["m5.xlarge"],"labels":{"a":"b"}}]`, "vpcCidr", "10.0.0.0/16")
	f.Add("gpuPool", `{"instanceTypes":["p3.2xlarge"],"taints":[{"key":"k","effect":"NoSchedule"}]}`, "amiFamily", "AL2")
	f.Add("privateSubnetCidrs", `["10.0.0.0/19","10.0.32.0/19","10.0.64.0/19"]`, "kubernetesVersion", "1.32")
	f.Add("bucketPrefix", "acme", "tags", `{"team":"data"}`)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		args, err := domino.DecodeConfig(map[string]string{k1: v1, k2: v2})
		if err != nil {
			if !domino.IsValidationError(err) {
				t.Fatalf("decode error is not a field error: %v", err)
			}
			return
		}
		if err := args.Validate(); err != nil {
			if !domino.IsValidationError(err) || err.Error() == "" {
				t.Fatalf("validation error without a message: %v", err)
			}
			return
		}
		_ = args.Warnings("domino")
		family := args.AmiFamily
		if family == "" {
			family = domino.DefaultAmiFamily
		}
		if _, err := domino.RenderUserData(family, true); err != nil {
			t.Fatalf("valid config cannot render user data: %v", err)
		}
	})
}
