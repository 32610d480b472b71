// Package iamdoc parses IAM policy documents (identity, resource and KMS key
// policies) into statements with their lists normalised: Action, Resource
// and principals may each be a string or a list in the JSON.
package iamdoc

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Statement is one policy statement.
type Statement struct {
	Effect    string
	Actions   []string
	Resources []string
	// Principal is the statement's Principal as written ("*" or an object).
	Principal any
	Condition map[string]any
}

// Parse returns the statements of a policy document; Statement may be one
// object or a list.
func Parse(doc string) ([]Statement, error) {
	var raw struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, fmt.Errorf("policy document: %w", err)
	}
	var list []map[string]any
	if err := json.Unmarshal(raw.Statement, &list); err != nil {
		var one map[string]any
		if json.Unmarshal(raw.Statement, &one) != nil {
			return nil, fmt.Errorf("policy statements: %w", err)
		}
		list = []map[string]any{one}
	}
	out := make([]Statement, 0, len(list))
	for _, m := range list {
		s := Statement{Actions: Strings(m["Action"]), Resources: Strings(m["Resource"]), Principal: m["Principal"]}
		s.Effect, _ = m["Effect"].(string)
		s.Condition, _ = m["Condition"].(map[string]any)
		out = append(out, s)
	}
	return out, nil
}

// Principals returns the statement's principals of a kind ("AWS", "Service",
// "Federated").
func (s Statement) Principals(kind string) []string {
	p, ok := s.Principal.(map[string]any)
	if !ok {
		return nil
	}
	return Strings(p[kind])
}

// Allows reports whether the statement is an Allow naming action, directly
// or through a wildcard ("kms:*", "*").
func (s Statement) Allows(action string) bool {
	if s.Effect != "Allow" {
		return false
	}
	for _, a := range s.Actions {
		prefix, wild := strings.CutSuffix(a, "*")
		if a == action || wild && strings.HasPrefix(action, prefix) {
			return true
		}
	}
	return false
}

// Strings normalises a JSON string-or-list value to a list.
func Strings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
