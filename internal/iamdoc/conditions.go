package iamdoc

import (
	"fmt"
	"strings"
)

// condResult is a condition block's outcome for one request.
type condResult int

const (
	condTrue condResult = iota
	condFalse
	// condUnknown: a key the request does not carry, or an operator the
	// evaluator does not know.
	condUnknown
)

// evalConditions evaluates a statement's Condition block against the
// request context: every operator and every key must hold (AND); a key's
// values are alternatives (OR). Operators follow the IAM condition operator
// reference (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
// String*, Arn*, Bool and Null, each with the IfExists suffix; the
// ForAnyValue:/ForAllValues: qualifiers are evaluated on single values.
func evalConditions(cond map[string]any, ctx map[string]string) condResult {
	result := condTrue
	for op, body := range cond {
		keys, ok := body.(map[string]any)
		if !ok {
			return condUnknown
		}
		for key, want := range keys {
			switch evalCondition(op, key, conditionValues(want), ctx) {
			case condFalse:
				return condFalse
			case condUnknown:
				result = condUnknown
			}
		}
	}
	return result
}

// conditionValues reads a condition's values: a string, a boolean or a
// number (IAM accepts all three and compares their string forms), or a list.
func conditionValues(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, conditionValues(e)...)
		}
		return out
	case nil:
		return nil
	case string:
		return []string{x}
	}
	return []string{fmt.Sprint(v)}
}

func lookup(ctx map[string]string, key string) (string, bool) {
	if v, ok := ctx[key]; ok {
		return v, true
	}
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

func evalCondition(op, key string, want []string, ctx map[string]string) condResult {
	if i := strings.Index(op, ":"); i >= 0 {
		op = op[i+1:] // ForAnyValue:, ForAllValues: on single-valued keys
	}
	base, ifExists := strings.CutSuffix(op, "IfExists")
	got, present := lookup(ctx, key)
	if base == "Null" {
		if len(want) != 1 {
			return condUnknown
		}
		return boolResult((want[0] == "true") == !present)
	}
	if !present {
		if ifExists {
			return condTrue
		}
		return condUnknown
	}
	var match func(pattern string) bool
	negate := false
	switch base {
	case "StringEquals", "ArnEquals":
		match = func(w string) bool { return w == got }
	case "StringNotEquals", "ArnNotEquals":
		match, negate = func(w string) bool { return w == got }, true
	case "StringEqualsIgnoreCase":
		match = func(w string) bool { return strings.EqualFold(w, got) }
	case "StringNotEqualsIgnoreCase":
		match, negate = func(w string) bool { return strings.EqualFold(w, got) }, true
	case "StringLike", "ArnLike":
		match = func(w string) bool { return GlobMatch(w, got) }
	case "StringNotLike", "ArnNotLike":
		match, negate = func(w string) bool { return GlobMatch(w, got) }, true
	case "Bool":
		match = func(w string) bool { return strings.EqualFold(w, got) }
	default:
		return condUnknown
	}
	any := false
	for _, w := range want {
		if match(w) {
			any = true
			break
		}
	}
	return boolResult(any != negate)
}

func boolResult(b bool) condResult {
	if b {
		return condTrue
	}
	return condFalse
}
