// Package iamdoc parses IAM policy documents (identity, resource, trust and
// KMS key policies) and evaluates requests against them. One parser and one
// evaluator serve the offline engine (`dominoeks plan`, its policy
// invariants and workload table) and the live checker (`dominoeks check`).
package iamdoc

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Statement is one policy statement, its lists normalised: Action, Resource
// and principals may each be a string or a list in the JSON.
type Statement struct {
	// Sid is the optional statement id.
	Sid          string
	Effect       string
	Actions      []string
	NotActions   []string
	Resources    []string
	NotResources []string
	// Principal is the statement's Principal as written ("*" or an object);
	// nil in identity policies.
	Principal any
	Condition map[string]any
}

// Policy is a named, parsed policy document.
type Policy struct {
	// Name identifies the policy in evidence, e.g. "inline:domino-s3".
	Name       string
	Statements []Statement
}

// Parse returns the statements of a policy document; Statement may be one
// object or a list. Documents returned by the IAM API are URL-encoded
// (RFC 3986); those are decoded first.
func Parse(doc string) ([]Statement, error) {
	doc = strings.TrimSpace(doc)
	if !strings.HasPrefix(doc, "{") {
		dec, err := url.PathUnescape(doc)
		if err != nil {
			return nil, fmt.Errorf("decode URL-encoded policy document: %w", err)
		}
		doc = dec
	}
	var raw struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, fmt.Errorf("policy document: %w", err)
	}
	st := strings.TrimSpace(string(raw.Statement))
	if st == "" || st == "null" {
		return nil, nil
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
	for i, m := range list {
		s := Statement{Principal: m["Principal"]}
		s.Sid, _ = m["Sid"].(string)
		s.Effect, _ = m["Effect"].(string)
		s.Condition, _ = m["Condition"].(map[string]any)
		for _, f := range []struct {
			key string
			dst *[]string
		}{{"Action", &s.Actions}, {"NotAction", &s.NotActions}, {"Resource", &s.Resources}, {"NotResource", &s.NotResources}} {
			v, ok := m[f.key]
			if !ok {
				continue
			}
			l, err := strictStrings(v)
			if err != nil {
				return nil, fmt.Errorf("statement %d: %s: %w", i, f.key, err)
			}
			*f.dst = l
		}
		out = append(out, s)
	}
	return out, nil
}

// ParsePolicy parses a document into a named policy.
func ParsePolicy(name, doc string) (Policy, error) {
	stmts, err := Parse(doc)
	if err != nil {
		return Policy{}, fmt.Errorf("policy %s: %w", name, err)
	}
	return Policy{Name: name, Statements: stmts}, nil
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
	return s.Effect == "Allow" && s.matchesAction(action)
}

// Strings normalises a JSON string-or-list value to a list.
func Strings(v any) []string {
	l, _ := strictStrings(v)
	return l
}

func strictStrings(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return out, fmt.Errorf("expected a string or a list of strings, got an element %v", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a string or a list of strings, got %v", v)
}
