package tests

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// provRoot returns the module root (the tests run in tests/).
func provRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root %s: %v", root, err)
	}
	return root
}

// provYAMLProject is the part of a Pulumi YAML project the tests read.
type provYAMLProject struct {
	Name    string `yaml:"name"`
	Runtime string `yaml:"runtime"`
	Config  map[string]struct {
		Type    string `yaml:"type"`
		Default any    `yaml:"default"`
		Value   any    `yaml:"value"`
	} `yaml:"config"`
	Resources map[string]struct {
		Type       string         `yaml:"type"`
		Properties map[string]any `yaml:"properties"`
	} `yaml:"resources"`
}

// provConfigRef matches a whole-value config interpolation such as ${enableGpuPool}.
var provConfigRef = regexp.MustCompile(`^\$\{([A-Za-z][A-Za-z0-9_]*)\}$`)

// provYAMLExample reads examples/yaml/Pulumi.yaml and returns the name and the
// properties of its DominoEKS resource, with every ${key} config reference
// replaced by config[key] (parsed as the declared type) or the key's default.
func provYAMLExample(t *testing.T, config map[string]string) (string, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(provRoot(t), "examples", "yaml", "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var proj provYAMLProject
	if err := yaml.Unmarshal(data, &proj); err != nil {
		t.Fatalf("examples/yaml/Pulumi.yaml: %v", err)
	}
	if proj.Runtime != "yaml" {
		t.Fatalf("examples/yaml/Pulumi.yaml: runtime %q, want yaml", proj.Runtime)
	}
	values := map[string]any{}
	for key, c := range proj.Config {
		values[key] = c.Default
		raw, ok := config[key]
		if !ok {
			continue
		}
		switch c.Type {
		case "boolean":
			b, err := strconv.ParseBool(raw)
			if err != nil {
				t.Fatalf("config %s=%q: %v", key, raw, err)
			}
			values[key] = b
		case "integer":
			n, err := strconv.Atoi(raw)
			if err != nil {
				t.Fatalf("config %s=%q: %v", key, raw, err)
			}
			values[key] = n
		default:
			values[key] = raw
		}
	}
	var names []string
	for name, r := range proj.Resources {
		if r.Type == domino.Token {
			names = append(names, name)
		}
	}
	if len(names) != 1 {
		t.Fatalf("examples/yaml/Pulumi.yaml: want one %s resource, found %v", domino.Token, names)
	}
	props, err := provInterpolate(proj.Resources[names[0]].Properties, values)
	if err != nil {
		t.Fatalf("examples/yaml/Pulumi.yaml: %v", err)
	}
	return names[0], props.(map[string]any)
}

// provInterpolate replaces whole-string ${key} references in v by values[key].
func provInterpolate(v any, values map[string]any) (any, error) {
	switch v := v.(type) {
	case string:
		m := provConfigRef.FindStringSubmatch(v)
		if m == nil {
			return v, nil
		}
		val, ok := values[m[1]]
		if !ok {
			return nil, fmt.Errorf("%s references undeclared config %q", v, m[1])
		}
		return val, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			r, err := provInterpolate(e, values)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			r, err := provInterpolate(e, values)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	default:
		return v, nil
	}
}

// provArgs decodes component properties (schema names) into DominoEKSArgs, the
// Go-library equivalent of what a YAML or TypeScript program passes, through
// the library's own stack-config decoder: strings as they are, everything else
// as JSON. Unknown properties are errors.
func provArgs(t *testing.T, props map[string]any) domino.DominoEKSArgs {
	t.Helper()
	values := make(map[string]string, len(props))
	for key, v := range props {
		if s, ok := v.(string); ok {
			values[key] = s
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		values[key] = string(data)
	}
	args, err := domino.DecodeConfig(values)
	if err != nil {
		t.Fatalf("properties %v do not decode into DominoEKSArgs: %v", props, err)
	}
	return args
}
