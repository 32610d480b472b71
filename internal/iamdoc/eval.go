package iamdoc

import (
	"fmt"
	"strings"
)

// This file evaluates one request against policies, following the IAM
// policy evaluation logic within one account
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
//   - An explicit Deny that applies to any part of the requested resource
//     wins over every Allow.
//   - Otherwise an Allow whose Resource covers the whole requested resource
//     grants the request; nothing granting it is an implicit deny.
//   - Action and NotAction match case-insensitively, Resource and
//     NotResource case-sensitively, both with the "*" and "?" wildcards.
//   - Conditions are evaluated against the request's Context (see
//     conditions.go). A condition on a key the request does not carry, or
//     with an operator the evaluator does not know, is undetermined: an Allow
//     under it does not count as granting, and a Deny under it makes the
//     outcome DecisionConditional.
//   - In resource policies (statements with a Principal) the statement must
//     name the request's principal; a statement naming the principal's account
//     (its root or account id) only delegates to that account's identity
//     policies (Evaluation.ViaAccount).
//   - Policy variables such as ${aws:username} are matched literally.

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
	// DecisionConditional means the outcome depends on a condition the
	// request's context cannot decide.
	DecisionConditional Decision = "conditional"
)

// Principal is who makes a request, for resource and trust policies.
type Principal struct {
	// ARN of an IAM role or user ("" for services and federated users).
	ARN string
	// Service is a service principal such as "ec2.amazonaws.com".
	Service string
	// Federated is an identity provider ARN (an EKS cluster's OIDC provider).
	Federated string
}

// account returns the account id of an IAM principal ARN.
func (p Principal) account() string {
	parts := strings.Split(p.ARN, ":")
	if len(parts) > 4 {
		return parts[4]
	}
	return ""
}

// Request is one API request: an action on a resource (a literal ARN, or a
// literal prefix with one trailing "*" meaning every resource under it),
// made by Principal, with the condition keys the request carries.
type Request struct {
	Action   string
	Resource string
	// Principal is matched against the Principal of resource-policy
	// statements; identity-policy statements have none and ignore it.
	Principal Principal
	// Context maps condition keys (matched case-insensitively) to values.
	Context map[string]string
}

// Evaluation is the result of Evaluate.
type Evaluation struct {
	// Decision is the outcome.
	Decision Decision
	// By names the deciding statement(s) as "policy/sid-or-index".
	By []string
	// ViaAccount is set when the only granting statements name the
	// principal's account rather than the principal (resource policies: the
	// account's identity policies must allow the request as well).
	ViaAccount bool
}

// Evaluate decides whether policies allow req.
func Evaluate(policies []Policy, req Request) Evaluation {
	var allows, viaAccount, condAllows, denies, condDenies []string
	for _, p := range policies {
		for i, s := range p.Statements {
			if !s.matchesAction(req.Action) {
				continue
			}
			named, byAccount := s.namesPrincipal(req.Principal)
			if !named {
				continue
			}
			ref := fmt.Sprintf("%s/%s", p.Name, statementRef(s, i))
			cond := evalConditions(s.Condition, req.Context)
			switch strings.ToLower(s.Effect) {
			case "deny":
				if !s.resourceIntersects(req.Resource) || cond == condFalse {
					continue
				}
				if cond == condUnknown {
					condDenies = append(condDenies, ref)
				} else {
					denies = append(denies, ref)
				}
			case "allow":
				if !s.resourceCovers(req.Resource) || cond == condFalse {
					continue
				}
				switch {
				case cond == condUnknown:
					condAllows = append(condAllows, ref)
				case byAccount:
					viaAccount = append(viaAccount, ref)
				default:
					allows = append(allows, ref)
				}
			}
		}
	}
	switch {
	case len(denies) > 0:
		return Evaluation{Decision: DecisionExplicitDeny, By: denies}
	case len(allows)+len(viaAccount) > 0 && len(condDenies) > 0:
		return Evaluation{Decision: DecisionConditional, By: condDenies}
	case len(allows) > 0:
		return Evaluation{Decision: DecisionAllowed, By: allows}
	case len(viaAccount) > 0:
		return Evaluation{Decision: DecisionAllowed, By: viaAccount, ViaAccount: true}
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

// namesPrincipal reports whether a statement applies to p: identity-policy
// statements (no Principal) always do; resource-policy statements when they
// name p, "*", or p's account (byAccount).
func (s Statement) namesPrincipal(p Principal) (named, byAccount bool) {
	if s.Principal == nil {
		return true, false
	}
	if s.Principal == "*" {
		return true, false
	}
	for _, a := range s.Principals("AWS") {
		switch {
		case a == "*":
			return true, false
		case p.ARN != "" && a == p.ARN:
			return true, false
		case p.ARN != "" && (a == p.account() || strings.HasSuffix(a, ":"+p.account()+":root")):
			byAccount = true
		}
	}
	if byAccount {
		return true, true
	}
	for _, svc := range s.Principals("Service") {
		if p.Service != "" && svc == p.Service {
			return true, false
		}
	}
	for _, f := range s.Principals("Federated") {
		if p.Federated != "" && f == p.Federated {
			return true, false
		}
	}
	return false, false
}

// matchesAction reports whether the statement applies to action.
func (s Statement) matchesAction(action string) bool {
	if len(s.Actions) > 0 {
		for _, a := range s.Actions {
			if globMatch(a, action, true) {
				return true
			}
		}
		return false
	}
	if len(s.NotActions) > 0 {
		for _, a := range s.NotActions {
			if globMatch(a, action, true) {
				return false
			}
		}
		return true
	}
	return false
}

// resourceCovers reports whether the statement applies to every resource
// matched by requested (used for Allow). A statement with neither Resource
// nor NotResource (trust policies) applies to its own resource.
func (s Statement) resourceCovers(requested string) bool {
	if len(s.Resources) > 0 {
		for _, r := range s.Resources {
			if globCovers(r, requested) {
				return true
			}
		}
		return false
	}
	if len(s.NotResources) > 0 {
		for _, r := range s.NotResources {
			if globIntersects(r, requested) {
				return false
			}
		}
		return true
	}
	return s.Principal != nil
}

// resourceIntersects reports whether the statement applies to at least one
// resource matched by requested (used for Deny).
func (s Statement) resourceIntersects(requested string) bool {
	if len(s.Resources) > 0 {
		for _, r := range s.Resources {
			if globIntersects(r, requested) {
				return true
			}
		}
		return false
	}
	if len(s.NotResources) > 0 {
		for _, r := range s.NotResources {
			if globCovers(r, requested) {
				return false
			}
		}
		return true
	}
	return s.Principal != nil
}
