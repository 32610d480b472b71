package domino_test

import (
	"errors"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeConfigIsStrictAtEveryLevel: stack config is decoded as strictly
// inside objects as at the top level, and each refusal names the key path, the
// value as written and the fix (the closest valid key for a typo).
func TestDecodeConfigIsStrictAtEveryLevel(t *testing.T) {
	for _, tc := range []struct {
		name  string
		key   string
		raw   string
		field string
		value string
		fix   string
	}{
		{"nested key in the wrong case", "defaultPool", `{"maxsize": 30}`, "defaultPool.maxsize", "30", "did you mean maxSize?"},
		{"misspelt nested key", "defaultPool", `{"maxSizee": 30}`, "defaultPool.maxSizee", "30", "did you mean maxSize?"},
		{"misspelt key in a list item", "additionalPools", `[{"name": "x", "instanceType": ["m5.xlarge"]}]`, "additionalPools[0].instanceType", `["m5.xlarge"]`, "did you mean instanceTypes?"},
		{"misspelt taint key", "gpuPool", `{"taints": [{"key": "a", "efect": "NoSchedule"}]}`, "gpuPool.taints[0].efect", `"NoSchedule"`, "did you mean effect?"},
		{"unrelated nested key", "defaultPool", `{"colour": "blue"}`, "defaultPool.colour", `"blue"`, "use one of: availabilityZones, capacityType"},
		{"misspelt top-level key", "natmod", "single", "natmod", `"single"`, "did you mean natMode?"},
		{"top-level key in the wrong case", "enablegpupool", "true", "enablegpupool", `"true"`, "did you mean enableGpuPool?"},
		{"word for a number", "defaultPool", `{"minSize": "three"}`, "defaultPool.minSize", `"three"`, "whole number without quotes"},
		{"fraction for a count", "defaultPool", `{"maxSize": 2.5}`, "defaultPool.maxSize", "2.5", "whole number"},
		{"word for a boolean", "enableGpuPool", "yes", "enableGpuPool", `"yes"`, "true or false"},
		{"number for a label value", "platformPool", `{"labels": {"tier": 1}}`, "platformPool.labels[tier]", "1", `quote it, e.g. "1"`},
		{"object for a list", "availabilityZones", `{"a": 1}`, "availabilityZones", `{"a":1}`, "write it as a list"},
		{"list for an object", "defaultPool", `["m5.xlarge"]`, "defaultPool", `["m5.xlarge"]`, "write it as an object"},
		{"word for a throughput", "efsProvisionedThroughputMibps", "fast", "efsProvisionedThroughputMibps", `"fast"`, "number without quotes"},
		{"malformed object", "defaultPool", `{maxSize: 3}`, "defaultPool", "{maxSize: 3}", "as JSON with --set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domino.DecodeConfig(map[string]string{tc.key: tc.raw})
			require.Error(t, err)
			var fe *domino.FieldError
			require.True(t, errors.As(err, &fe), "a FieldError, like validation errors")
			assert.Equal(t, tc.field, fe.Field)
			assert.Contains(t, err.Error(), tc.field+" = "+tc.value+": ", "names the field path and the value as written")
			assert.Contains(t, err.Error(), tc.fix)
			assert.True(t, domino.IsValidationError(err))
		})
	}
}

// TestDecodeConfigAcceptsExactKeys: exact keys at every level still decode,
// and null leaves a setting unset.
func TestDecodeConfigAcceptsExactKeys(t *testing.T) {
	args, err := domino.DecodeConfig(map[string]string{
		"defaultPool":                   `{"maxSize": 30, "labels": {"tier": "gold"}, "taints": [{"key": "a", "effect": "NoSchedule"}], "spanAZs": null}`,
		"additionalPools":               `[{"name": "big", "instanceTypes": ["m5.8xlarge"], "minSize": 0}]`,
		"efsProvisionedThroughputMibps": "128.5",
	})
	require.NoError(t, err)
	assert.Equal(t, 30, *args.DefaultPool.MaxSize)
	assert.Equal(t, "gold", args.DefaultPool.Labels["tier"])
	assert.Equal(t, "NoSchedule", args.DefaultPool.Taints[0].Effect)
	assert.Nil(t, args.DefaultPool.SpanAZs)
	assert.Equal(t, "big", args.AdditionalPools[0].Name)
	assert.InDelta(t, 128.5, args.EfsProvisionedThroughputMibps, 1e-9)
}
