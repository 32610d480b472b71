package plan

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"gopkg.in/yaml.v3"

	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
)

// AWSRegionKey is the AWS provider's region setting: where resources are
// created; dominoeks:region follows it when unset and must match it when set.
const AWSRegionKey = "aws:region"

// stackFile is the part of a Pulumi.<stack>.yaml file the planner reads.
type stackFile struct {
	Config config.Map `yaml:"config"`
}

// LoadStackConfig reads a Pulumi stack config file (Pulumi.<stack>.yaml).
// See ParseStackConfig.
func LoadStackConfig(path string) (map[string]string, error) {
	cfg, _, err := ReadStackConfig(path)
	return cfg, err
}

// ReadStackConfig reads a Pulumi stack config file: its settings (see
// ParseStackConfig) and, per setting key (without namespace), a hint for
// values YAML changed (see YAMLNumberHints).
func ReadStackConfig(path string) (cfg, hints map[string]string, err error) {
	data, err := cliread.StackConfig.Read(path)
	if err != nil {
		return nil, nil, err
	}
	cfg, err = ParseStackConfig(data)
	if err != nil {
		return nil, nil, fmt.Errorf("stack config %s: %w", path, err)
	}
	return cfg, YAMLNumberHints(data), nil
}

// YAMLNumberHints finds the dominoeks settings a stack file writes as
// unquoted numbers whose text YAML does not keep (kubernetesVersion: 1.30 is
// the number 1.3; 1e2 is 100): Pulumi hands the program the number, so a
// refusal of such a value gets the hint to quote it. Keys are setting names
// without the namespace.
func YAMLNumberHints(data []byte) map[string]string {
	hints := map[string]string{}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return hints
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "config" || root.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		cfg := root.Content[i+1]
		for j := 0; j+1 < len(cfg.Content); j += 2 {
			k, v := cfg.Content[j], cfg.Content[j+1]
			name, ok := strings.CutPrefix(k.Value, Namespace+":")
			if !ok || v.Kind != yaml.ScalarNode || v.Style != 0 {
				continue
			}
			if read, changed := yamlNumberText(v); changed {
				hints[name] = fmt.Sprintf("the stack file (line %d) has %s: %s unquoted, which YAML reads as the number %s: quote it, %s: %q",
					v.Line, k.Value, v.Value, read, k.Value, v.Value)
			}
		}
	}
	return hints
}

// yamlNumberText is the text a YAML number scalar becomes, and whether it
// differs from what the file says.
func yamlNumberText(v *yaml.Node) (string, bool) {
	switch v.Tag {
	case "!!float":
		f, err := strconv.ParseFloat(v.Value, 64)
		if err != nil {
			return "", false
		}
		text := strconv.FormatFloat(f, 'g', -1, 64)
		return text, text != v.Value
	case "!!int":
		n, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, 64)
		if err != nil {
			return "", false
		}
		text := strconv.FormatInt(n, 10)
		return text, text != v.Value
	}
	return "", false
}

// ParseStackConfig returns the dominoeks settings of a stack config file as
// "dominoeks:key" -> value, each value as Pulumi hands it to programs: strings
// as they are, numbers and booleans in their text form, lists and objects as
// JSON. Other namespaces are ignored, except aws:region, kept as it is so the
// component sees the provider's region exactly as under `pulumi up`. Encrypted (secure) values cannot be
// read offline and are an error.
func ParseStackConfig(data []byte) (map[string]string, error) {
	if err := checkStackShape(data); err != nil {
		return nil, err
	}
	var f stackFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	cfg := map[string]string{}
	for key, v := range f.Config {
		ns := key.Namespace()
		if ns != Namespace && key.String() != AWSRegionKey {
			continue
		}
		if v.Secure() {
			return nil, fmt.Errorf("%s is an encrypted secret, which plan cannot decrypt offline; pass its value with --set", key)
		}
		s, err := v.Value(config.NopDecrypter)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if ns == Namespace {
			cfg[Namespace+":"+key.Name()] = s
		} else {
			cfg[AWSRegionKey] = s
		}
	}
	return cfg, nil
}

// checkStackShape refuses YAML that is not a stack config file: the document
// and its config: value must be mappings. Said in the file's terms, not in
// the decoder's Go type names.
func checkStackShape(data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("parse YAML: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil // empty file: no settings
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected a mapping with a config: key (as in Pulumi.<stack>.yaml), found %s", root.Line, yamlKind(root))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k, v := root.Content[i], root.Content[i+1]; k.Value == "config" && v.Kind != yaml.MappingNode && v.Tag != "!!null" {
			return fmt.Errorf("line %d: config: expected a mapping of namespace:key: value (e.g. dominoeks:natMode: single), found %s", v.Line, yamlKind(v))
		}
	}
	return nil
}

// yamlKind names a YAML node's kind for a message.
func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the single value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a mapping"
}

// stackFileRE matches Pulumi stack config file names.
var stackFileRE = regexp.MustCompile(`^Pulumi\.([^.]+)\.ya?ml$`)

// StackName returns the stack a Pulumi.<stack>.yaml file configures, or "".
func StackName(path string) string {
	if m := stackFileRE.FindStringSubmatch(filepath.Base(path)); m != nil {
		return m[1]
	}
	return ""
}

// ApplySet applies one "key=value" override to cfg. The key may carry the
// dominoeks: namespace or not; the value is written as `pulumi config set`
// takes it (JSON for numbers, booleans, lists and objects).
func ApplySet(cfg map[string]string, kv string) error {
	key, value, ok := strings.Cut(kv, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return fmt.Errorf("--set %q: expected key=value", kv)
	}
	if ns, name, found := strings.Cut(key, ":"); found {
		if ns != Namespace {
			return fmt.Errorf("--set %q: plan reads only %s:* settings (use --region for the region)", kv, Namespace)
		}
		key = name
	}
	cfg[Namespace+":"+key] = value
	return nil
}
