package preview

import (
	"fmt"
	"slices"
	"strings"
)

// Rule is one constraint AWS, EKS or pulumi-eks enforces on a real
// deployment, which mocks would otherwise accept. Every registration is checked
// against every rule for its type; a violated rule makes Run fail with a
// *ViolationError, as AWS would fail the API call.
type Rule struct {
	// ID names the rule in violations, e.g. "eks-subnets-two-azs".
	ID string
	// Source is where AWS, EKS or pulumi-eks states the rule (doc URL or
	// provider source path).
	Source string
	// Types are the type tokens the rule checks; "kubernetes:*" matches
	// every token with that prefix.
	Types []string
	// Check returns the problem with r, or "" when r satisfies the rule.
	// reg holds r and everything registered before it: a resource's
	// dependencies are always registered before it.
	Check func(r Resource, reg Registered) string
}

// Registered is the part of a plan recorded so far.
type Registered interface {
	// ByURN returns the resource with the URN.
	ByURN(urn string) (Resource, bool)
	// ByID returns the custom resource with the physical id.
	ByID(id string) (Resource, bool)
	// Find returns the resources of a type, in registration order.
	Find(typ string) []Resource
	// Holds returns what the account held before the run.
	Holds() Holdings
	// ZoneIDsKnown reports whether zone names map to zone IDs by the
	// modelled account (awsfacts.RegionZoneTable); false when the run leaves
	// the mapping to the live account (Options.ZoneIDsUnknown).
	ZoneIDsKnown() bool
}

// Rules returns every rule of the engine, in a stable order.
func Rules() []Rule {
	return slices.Concat(networkRules, eksRules, eksAccessRules, eksKMSRules, nodeGroupRules, nameRules, kubernetesRules, kmsRules, clusterRules, existingNameRules, backupRules, karpenterRules)
}

// Violation is one registration a rule rejects.
type Violation struct {
	Rule    string `json:"rule"`
	URN     string `json:"urn"`
	Problem string `json:"problem"`
	Source  string `json:"source"`
}

func (v Violation) String() string {
	return fmt.Sprintf("[%s] %s: %s (source: %s)", v.Rule, v.URN, v.Problem, v.Source)
}

// WorkloadRulePrefix starts the rule id of a violation that is a workload's
// unmet need (internal/workloads), not an AWS rule.
const WorkloadRulePrefix = "workload:"

// ViolationError is returned by Run when registrations break rules AWS
// enforces: the deployment would fail on a real account.
type ViolationError struct {
	Violations []Violation
}

func (e *ViolationError) Error() string {
	lines := make([]string, 0, len(e.Violations)+1)
	workloads := 0
	for _, v := range e.Violations {
		if strings.HasPrefix(v.Rule, WorkloadRulePrefix) {
			workloads++
		}
	}
	switch {
	case workloads == 0:
		lines = append(lines, fmt.Sprintf("%d registration(s) would be rejected by AWS:", len(e.Violations)))
	case workloads == len(e.Violations):
		lines = append(lines, fmt.Sprintf("%d need(s) of Domino's workloads the deployment does not meet:", len(e.Violations)))
	default:
		lines = append(lines, fmt.Sprintf("%d registration(s) AWS would reject or workload need(s) the deployment does not meet:", len(e.Violations)))
	}
	for _, v := range e.Violations {
		lines = append(lines, "  "+v.String())
	}
	return strings.Join(lines, "\n")
}

// registry indexes recorded resources for the rules.
type registry struct {
	byURN  map[string]Resource
	byID   map[string]Resource
	byType map[string][]Resource
	// holdings is what the account held before the run (Options.Account).
	holdings Holdings
	// zoneIDsUnknown is Options.ZoneIDsUnknown.
	zoneIDsUnknown bool
}

func newRegistry() *registry {
	return &registry{byURN: map[string]Resource{}, byID: map[string]Resource{}, byType: map[string][]Resource{}}
}

func (g *registry) add(r Resource) {
	g.byURN[r.URN] = r
	if r.Custom && r.ID != "" {
		g.byID[r.ID] = r
	}
	g.byType[r.Type] = append(g.byType[r.Type], r)
}

func (g *registry) ByURN(urn string) (Resource, bool) { r, ok := g.byURN[urn]; return r, ok }
func (g *registry) ByID(id string) (Resource, bool)   { r, ok := g.byID[id]; return r, ok }
func (g *registry) Find(typ string) []Resource        { return g.byType[typ] }
func (g *registry) Holds() Holdings                   { return g.holdings }
func (g *registry) ZoneIDsKnown() bool                { return !g.zoneIDsUnknown }

// check runs the rules for r's type.
func check(rules []Rule, r Resource, reg Registered) []Violation {
	var out []Violation
	for _, rule := range rules {
		if !slices.ContainsFunc(rule.Types, func(t string) bool {
			prefix, wild := strings.CutSuffix(t, "*")
			return t == r.Type || wild && strings.HasPrefix(r.Type, prefix)
		}) {
			continue
		}
		if problem := rule.Check(r, reg); problem != "" {
			out = append(out, Violation{Rule: rule.ID, URN: r.URN, Problem: problem, Source: rule.Source})
		}
	}
	return out
}

// dependsOn reports whether r depends, directly or through its dependencies'
// dependencies, on a resource matching pred.
func dependsOn(r Resource, reg Registered, pred func(Resource) bool) bool {
	seen := map[string]bool{}
	stack := append([]string{}, r.Dependencies...)
	for len(stack) > 0 {
		urn := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[urn] {
			continue
		}
		seen[urn] = true
		d, ok := reg.ByURN(urn)
		if !ok {
			continue
		}
		if pred(d) {
			return true
		}
		stack = append(stack, d.Dependencies...)
	}
	return false
}

// Accessors over recorded (plain) inputs.

// Field navigates nested maps of recorded inputs or outputs: Field(in,
// "vpcConfig", "subnetIds"); nil when a step is missing or not a map.
func Field(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func fstr(v any, path ...string) string {
	s, _ := Field(v, path...).(string)
	return s
}

func fstrings(v any, path ...string) []string {
	l, _ := Field(v, path...).([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func fint(v any, path ...string) (int, bool) {
	f, ok := Field(v, path...).(float64)
	return int(f), ok
}

// fbool reads a bool input; def when unset.
func fbool(v any, def bool, path ...string) bool {
	switch b := Field(v, path...).(type) {
	case bool:
		return b
	case string:
		return b == "true"
	}
	return def
}

// physicalName is the name AWS will see: the explicit name input, else the
// logical name plus Pulumi's auto-name suffix.
func physicalNameOf(r Resource, key string) string {
	if n := fstr(r.Inputs, key); n != "" && n != "<computed>" {
		return n
	}
	return physicalName(r.Name)
}
