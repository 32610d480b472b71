package plan

import (
	"fmt"
	"path/filepath"
	"regexp"
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
	data, err := cliread.StackConfig.Read(path)
	if err != nil {
		return nil, err
	}
	cfg, err := ParseStackConfig(data)
	if err != nil {
		return nil, fmt.Errorf("stack config %s: %w", path, err)
	}
	return cfg, nil
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
