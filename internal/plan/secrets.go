package plan

import (
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// SecretPlaceholder replaces every secret value in plan output.
const SecretPlaceholder = "[secret]"

// secretInputKeys are input properties whose values are credentials whatever
// their provenance (preview resolves secrets to plain values, so secretness
// of inputs is not recorded).
var secretInputKeys = map[string]bool{"kubeconfig": true}

// minSecretLen is the shortest secret value searched for inside other values:
// shorter ones ("", "true") would redact unrelated text.
const minSecretLen = 8

// redactor replaces secret values with SecretPlaceholder.
type redactor struct {
	secretKeys map[string]bool
	// values are the string forms of secret outputs; any input string that
	// contains one is a secret too (e.g. a provider's kubeconfig input).
	values []string
}

func newRedactor(outputs map[string]any, secretNames []string) *redactor {
	r := &redactor{secretKeys: map[string]bool{}}
	for _, k := range secretNames {
		r.secretKeys[k] = true
		collectStrings(outputs[k], func(s string) {
			if len(s) >= minSecretLen {
				r.values = append(r.values, s)
			}
		})
	}
	return r
}

func collectStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, e := range x {
			collectStrings(e, f)
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, f)
		}
	}
}

// outputs returns a copy of the outputs with secret ones replaced.
func (r *redactor) outputs(outs map[string]any) map[string]any {
	out := make(map[string]any, len(outs))
	for k, v := range outs {
		if r.secretKeys[k] {
			out[k] = SecretPlaceholder
			continue
		}
		out[k] = r.value(v)
	}
	return out
}

// resources returns copies of the resources with secret input values replaced.
func (r *redactor) resources(rs []preview.Resource) []preview.Resource {
	out := make([]preview.Resource, len(rs))
	for i, res := range rs {
		res.Inputs = r.object(res.Inputs)
		res.Outputs = r.object(res.Outputs)
		out[i] = res
	}
	return out
}

func (r *redactor) object(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if secretInputKeys[k] && v != nil {
			out[k] = SecretPlaceholder
			continue
		}
		out[k] = r.value(v)
	}
	return out
}

func (r *redactor) value(v any) any {
	switch x := v.(type) {
	case string:
		for _, s := range r.values {
			if strings.Contains(x, s) {
				return SecretPlaceholder
			}
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.value(e)
		}
		return out
	case map[string]any:
		return r.object(x)
	}
	return v
}
