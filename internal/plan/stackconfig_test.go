package plan

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStackConfig(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    map[string]string
		wantErr string
	}{
		{
			name: "scalars, nested objects and lists become Pulumi's strings",
			yaml: `
config:
  aws:region: us-east-1
  other:thing: ignored
  dominoeks:natMode: single
  dominoeks:enableGpuPool: true
  dominoeks:efsProvisionedThroughputMibps: 128
  dominoeks:defaultPool:
    maxSize: 30
    labels:
      dominodatalab.com/node-pool: default
  dominoeks:availabilityZones:
    - us-east-1a
`,
			want: map[string]string{
				"dominoeks:natMode":                       "single",
				"dominoeks:enableGpuPool":                 "true",
				"dominoeks:efsProvisionedThroughputMibps": "128",
				"dominoeks:defaultPool":                   `{"labels":{"dominodatalab.com/node-pool":"default"},"maxSize":30}`,
				"dominoeks:availabilityZones":             `["us-east-1a"]`,
				"aws:region":                              "us-east-1",
			},
		},
		{
			name: "both regions reach the component, which refuses a mismatch as pulumi up does",
			yaml: "config:\n  aws:region: us-east-1\n  dominoeks:region: eu-west-1\n",
			want: map[string]string{"aws:region": "us-east-1", "dominoeks:region": "eu-west-1"},
		},
		{
			name: "JSON written as a string stays a string",
			yaml: "config:\n  dominoeks:availabilityZones: '[\"us-west-2a\"]'\n",
			want: map[string]string{"dominoeks:availabilityZones": `["us-west-2a"]`},
		},
		{
			name: "no config section",
			yaml: "encryptionsalt: abc\n",
			want: map[string]string{},
		},
		{
			name:    "secure values cannot be read offline",
			yaml:    "config:\n  dominoeks:hostname:\n    secure: AAABAxyz\n",
			wantErr: "dominoeks:hostname is an encrypted secret",
		},
		{
			name:    "malformed YAML",
			yaml:    "config: [",
			wantErr: "parse YAML",
		},
		{
			name:    "key without namespace",
			yaml:    "config:\n  natMode: single\n",
			wantErr: "natMode",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseStackConfig([]byte(tt.yaml))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLoadStackConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Pulumi.staging.yaml")
	require.NoError(t, os.WriteFile(path, []byte("config:\n  dominoeks:defaultPool:\n    maxSize: 30\n"), 0o600))
	cfg, err := LoadStackConfig(path)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"dominoeks:defaultPool": `{"maxSize":30}`}, cfg)
	assert.Equal(t, "staging", StackName(path))

	_, err = LoadStackConfig(filepath.Join(t.TempDir(), "missing.yaml"))
	assert.ErrorContains(t, err, "--config: ")
}

func TestStackName(t *testing.T) {
	for path, want := range map[string]string{
		"Pulumi.dev.yaml":          "dev",
		"/x/y/Pulumi.prod-eu.yml":  "prod-eu",
		"Pulumi.yaml":              "",
		"stack.yaml":               "",
		"dir/Pulumi.a.b.yaml":      "",
		"examples/Pulumi.ci.yaml ": "",
	} {
		assert.Equal(t, want, StackName(path), path)
	}
}

func TestApplySet(t *testing.T) {
	tests := []struct {
		kv      string
		wantKey string
		wantVal string
		wantErr string
	}{
		{kv: "natMode=single", wantKey: "dominoeks:natMode", wantVal: "single"},
		{kv: "dominoeks:natMode=none", wantKey: "dominoeks:natMode", wantVal: "none"},
		{kv: `availabilityZones=["us-west-2a","us-west-2b"]`, wantKey: "dominoeks:availabilityZones", wantVal: `["us-west-2a","us-west-2b"]`},
		{kv: "hostname=", wantKey: "dominoeks:hostname", wantVal: ""},
		{kv: "tags={\"a\":\"b=c\"}", wantKey: "dominoeks:tags", wantVal: `{"a":"b=c"}`},
		{kv: "natMode", wantErr: "expected key=value"},
		{kv: "=x", wantErr: "expected key=value"},
		{kv: "aws:region=us-east-1", wantErr: "only dominoeks:* settings"},
	}
	for _, tt := range tests {
		t.Run(tt.kv, func(t *testing.T) {
			cfg := map[string]string{}
			err := ApplySet(cfg, tt.kv)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, map[string]string{tt.wantKey: tt.wantVal}, cfg)
		})
	}
}

// TestStackConfigNotAMapping: YAML that is not a stack config file is refused
// in the file's terms (a list, a single value), never with Go type names.
func TestStackConfigNotAMapping(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"a list", "- a\n- b\n", "line 1: expected a mapping with a config: key (as in Pulumi.<stack>.yaml), found a list"},
		{"a single value", "hello\n", `found the single value "hello"`},
		{"config is a list", "config:\n  - dominoeks:natMode\n", "line 2: config: expected a mapping of namespace:key: value"},
		{"config is a value", "config: natMode\n", `config: expected a mapping of namespace:key: value (e.g. dominoeks:natMode: single), found the single value "natMode"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseStackConfig([]byte(tc.yaml))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			for _, goName := range []string{"plan.stackFile", "config.Map", "unmarshal", "!!seq", "!!str"} {
				assert.NotContains(t, err.Error(), goName)
			}
		})
	}
	cfg, err := ParseStackConfig([]byte("config:\n"))
	require.NoError(t, err, "an empty config: is no settings")
	assert.Empty(t, cfg)
	cfg, err = ParseStackConfig(nil)
	require.NoError(t, err)
	assert.Empty(t, cfg)
}

// TestUnquotedYAMLNumbersGetAQuoteHint: kubernetesVersion: 1.30 unquoted is
// the number 1.3 to YAML (and to Pulumi); its refusal says to quote it.
func TestUnquotedYAMLNumbersGetAQuoteHint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Pulumi.prod.yaml")
	require.NoError(t, os.WriteFile(path, []byte("config:\n  aws:region: us-west-2\n  dominoeks:kubernetesVersion: 1.30\n  dominoeks:logRetentionDays: 90\n  dominoeks:clusterName: \"1.50\"\n"), 0o600))
	cfg, hints, err := ReadStackConfig(path)
	require.NoError(t, err)
	assert.Equal(t, "1.3", cfg["dominoeks:kubernetesVersion"], "the value Pulumi hands the program")
	assert.Equal(t, []string{"kubernetesVersion"}, slices.Sorted(maps.Keys(hints)), "90 keeps its text; a quoted value is a string")

	_, err = Build(Options{Config: cfg, Hints: hints})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `kubernetesVersion = "1.3": is not a Kubernetes minor version`)
	assert.Contains(t, err.Error(), `has dominoeks:kubernetesVersion: 1.30 unquoted, which YAML reads as the number 1.3: quote it, dominoeks:kubernetesVersion: "1.30"`)
}
