package checker

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// This file is a small evaluator for IAM identity policies. It answers one
// question: does a set of policies allow an action on every resource matched
// by a requested resource? The requested resource is either a literal ARN
// ("arn:aws:s3:::bucket") or a literal prefix followed by one trailing "*"
// ("arn:aws:s3:::bucket/*", meaning every object of the bucket).
//
// Semantics, following the IAM evaluation logic for a single account:
//   - An explicit Deny that applies to any part of the requested resource
//     wins over every Allow.
//   - Otherwise an Allow whose Resource covers the whole requested resource
//     grants the request; nothing granting it is an implicit deny.
//   - Action and NotAction are matched case-insensitively, Resource and
//     NotResource case-sensitively, both with the "*" and "?" wildcards.
//   - Conditions are not evaluated. They are treated conservatively: an Allow
//     with a Condition is not counted as granting, and a Deny with a
//     Condition makes the outcome DecisionConditional rather than allowed.
//     Either way the caller should ask a human to verify.
//   - Policy variables such as ${aws:username} are matched literally.
//   - Permissions boundaries, session policies, SCPs and resource (bucket)
//     policies are out of scope.

// Decision is the outcome of evaluating a request against policies.
type Decision string

// Decisions returned by Evaluate.
const (
	// DecisionAllowed means an Allow grants the request and no Deny applies.
	DecisionAllowed Decision = "allowed"
	// DecisionImplicitDeny means no statement grants the request.
	DecisionImplicitDeny Decision = "not allowed"
	// DecisionExplicitDeny means a Deny statement applies.
	DecisionExplicitDeny Decision = "explicitly denied"
	// DecisionConditional means the outcome depends on a Condition the
	// evaluator does not evaluate.
	DecisionConditional Decision = "conditional"
)

// Policy is a named, parsed IAM policy document.
type Policy struct {
	// Name identifies the policy in evidence, e.g. "inline:domino-s3".
	Name string
	// Statements are the policy's statements.
	Statements []Statement
}

// Statement is one IAM policy statement. Principal is ignored (identity
// policies have none).
type Statement struct {
	// Sid is the optional statement id.
	Sid string `json:"Sid,omitempty"`
	// Effect is "Allow" or "Deny".
	Effect string `json:"Effect"`
	// Action lists action patterns such as "s3:Get*".
	Action StringList `json:"Action,omitempty"`
	// NotAction lists action patterns the statement does not apply to.
	NotAction StringList `json:"NotAction,omitempty"`
	// Resource lists resource ARN patterns.
	Resource StringList `json:"Resource,omitempty"`
	// NotResource lists resource ARN patterns the statement does not apply to.
	NotResource StringList `json:"NotResource,omitempty"`
	// Condition is kept raw; see the evaluation notes above.
	Condition json.RawMessage `json:"Condition,omitempty"`
}

// StringList is a JSON value that may be a single string or a list of
// strings, as IAM allows for Action, Resource and friends.
type StringList []string

// UnmarshalJSON accepts a string or an array of strings.
func (l *StringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = StringList{s}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("expected a string or a list of strings: %w", err)
	}
	*l = list
	return nil
}

// ParsePolicy parses an IAM policy document. Documents returned by the IAM
// API are URL-encoded (RFC 3986); those are decoded first.
func ParsePolicy(name, document string) (Policy, error) {
	doc := strings.TrimSpace(document)
	if !strings.HasPrefix(doc, "{") {
		dec, err := url.PathUnescape(doc)
		if err != nil {
			return Policy{}, fmt.Errorf("policy %s: decode URL-encoded document: %w", name, err)
		}
		doc = dec
	}
	var raw struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return Policy{}, fmt.Errorf("policy %s: %w", name, err)
	}
	p := Policy{Name: name}
	st := bytes.TrimSpace(raw.Statement)
	switch {
	case len(st) == 0 || string(st) == "null":
	case st[0] == '{':
		var s Statement
		if err := json.Unmarshal(st, &s); err != nil {
			return Policy{}, fmt.Errorf("policy %s: statement: %w", name, err)
		}
		p.Statements = []Statement{s}
	default:
		if err := json.Unmarshal(st, &p.Statements); err != nil {
			return Policy{}, fmt.Errorf("policy %s: statements: %w", name, err)
		}
	}
	return p, nil
}

// Evaluation is the result of Evaluate.
type Evaluation struct {
	// Decision is the outcome.
	Decision Decision
	// By names the deciding statement(s) as "policy/sid-or-index".
	By []string
}

// Evaluate decides whether policies allow action on every resource matched
// by resource (a literal ARN, or a literal prefix with one trailing "*").
func Evaluate(policies []Policy, action, resource string) Evaluation {
	var allows, condAllows, denies, condDenies []string
	for _, p := range policies {
		for i, s := range p.Statements {
			ref := fmt.Sprintf("%s/%s", p.Name, statementRef(s, i))
			if !s.matchesAction(action) {
				continue
			}
			conditional := s.hasCondition()
			switch strings.ToLower(s.Effect) {
			case "deny":
				if !s.resourceIntersects(resource) {
					continue
				}
				if conditional {
					condDenies = append(condDenies, ref)
				} else {
					denies = append(denies, ref)
				}
			case "allow":
				if !s.resourceCovers(resource) {
					continue
				}
				if conditional {
					condAllows = append(condAllows, ref)
				} else {
					allows = append(allows, ref)
				}
			}
		}
	}
	switch {
	case len(denies) > 0:
		return Evaluation{Decision: DecisionExplicitDeny, By: denies}
	case len(allows) > 0 && len(condDenies) > 0:
		return Evaluation{Decision: DecisionConditional, By: condDenies}
	case len(allows) > 0:
		return Evaluation{Decision: DecisionAllowed, By: allows}
	case len(condAllows) > 0:
		return Evaluation{Decision: DecisionConditional, By: condAllows}
	}
	return Evaluation{Decision: DecisionImplicitDeny}
}

func statementRef(s Statement, i int) string {
	if s.Sid != "" {
		return s.Sid
	}
	return fmt.Sprintf("statement[%d]", i)
}

// hasCondition reports whether the statement has a non-empty Condition.
func (s Statement) hasCondition() bool {
	c := string(bytes.TrimSpace(s.Condition))
	return c != "" && c != "null" && c != "{}"
}

// matchesAction reports whether the statement applies to action.
func (s Statement) matchesAction(action string) bool {
	action = strings.ToLower(action)
	if len(s.Action) > 0 {
		for _, a := range s.Action {
			if globMatch(strings.ToLower(a), action) {
				return true
			}
		}
		return false
	}
	if len(s.NotAction) > 0 {
		for _, a := range s.NotAction {
			if globMatch(strings.ToLower(a), action) {
				return false
			}
		}
		return true
	}
	return false
}

// resourceCovers reports whether the statement applies to every resource
// matched by requested (used for Allow).
func (s Statement) resourceCovers(requested string) bool {
	if len(s.Resource) > 0 {
		for _, r := range s.Resource {
			if globCovers(r, requested) {
				return true
			}
		}
		return false
	}
	if len(s.NotResource) > 0 {
		for _, r := range s.NotResource {
			if globIntersects(r, requested) {
				return false
			}
		}
		return true
	}
	return false
}

// resourceIntersects reports whether the statement applies to at least one
// resource matched by requested (used for Deny).
func (s Statement) resourceIntersects(requested string) bool {
	if len(s.Resource) > 0 {
		for _, r := range s.Resource {
			if globIntersects(r, requested) {
				return true
			}
		}
		return false
	}
	if len(s.NotResource) > 0 {
		for _, r := range s.NotResource {
			if globCovers(r, requested) {
				return false
			}
		}
		return true
	}
	return false
}

// splitRequested splits a requested resource into its literal prefix and
// whether it ends with the "any suffix" wildcard.
func splitRequested(requested string) (prefix string, open bool) {
	if strings.HasSuffix(requested, "*") {
		return strings.TrimSuffix(requested, "*"), true
	}
	return requested, false
}

// globStates runs the glob pattern as an NFA over the literal s and returns
// the set of pattern positions reachable afterwards (closed over "*"
// skipping). Position len(pattern) means the pattern is fully consumed.
func globStates(pattern, s string) map[int]bool {
	closure := func(set map[int]bool) map[int]bool {
		for i := 0; i < len(pattern); i++ {
			if set[i] && pattern[i] == '*' {
				set[i+1] = true
			}
		}
		return set
	}
	cur := closure(map[int]bool{0: true})
	for j := 0; j < len(s) && len(cur) > 0; j++ {
		next := map[int]bool{}
		for i := range cur {
			if i >= len(pattern) {
				continue
			}
			switch pattern[i] {
			case '*':
				next[i] = true
			case '?':
				next[i+1] = true
			default:
				if pattern[i] == s[j] {
					next[i+1] = true
				}
			}
		}
		cur = closure(next)
	}
	return cur
}

// globMatch reports whether pattern ("*" and "?" wildcards) matches s.
func globMatch(pattern, s string) bool {
	return globStates(pattern, s)[len(pattern)]
}

// globCovers reports whether pattern matches every resource that requested
// denotes.
func globCovers(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	if !open {
		return globMatch(pattern, prefix)
	}
	// Every suffix must match: some reachable state must have only "*" left.
	for i := range globStates(pattern, prefix) {
		if rest := pattern[i:]; rest != "" && strings.Trim(rest, "*") == "" {
			return true
		}
	}
	return false
}

// globIntersects reports whether pattern matches at least one resource that
// requested denotes.
func globIntersects(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	if !open {
		return globMatch(pattern, prefix)
	}
	// Any reachable state can be completed by some suffix.
	return len(globStates(pattern, prefix)) > 0
}
