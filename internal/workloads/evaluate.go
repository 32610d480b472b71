package workloads

import (
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
)

// Status is the outcome of one need or capability.
type Status string

// Statuses, best first.
const (
	Satisfied Status = "satisfied"
	// Unknown: the deployment lacks the facts to decide (live checks only).
	Unknown Status = "unknown"
	Gap     Status = "gap"
)

// NeedResult is one action on one resource, evaluated.
type NeedResult struct {
	Action   string          `json:"action"`
	Resource string          `json:"resource"`
	Status   Status          `json:"status"`
	Decision iamdoc.Decision `json:"decision,omitempty"`
	// By names the statements that decided it ("policy/sid").
	By      []string `json:"by,omitempty"`
	Problem string   `json:"problem,omitempty"`
	// URN locates what must change in a plan (the identity's role, the
	// bucket, the key).
	URN string `json:"-"`
}

// CapabilityResult is one cluster capability, evaluated.
type CapabilityResult struct {
	ID       string `json:"id"`
	Status   Status `json:"status"`
	Evidence string `json:"evidence"`
	URN      string `json:"-"`
}

// Result is one workload, evaluated against a deployment.
type Result struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Identity names the role the workload runs as ("" for ClusterOnly).
	Identity     string             `json:"identity"`
	IdentityKind IdentityKind       `json:"identityKind"`
	Status       Status             `json:"status"`
	Needs        []NeedResult       `json:"needs"`
	Capabilities []CapabilityResult `json:"capabilities"`
	Source       string             `json:"source"`
}

// Shortfall is one unmet need, worded for a plan violation or a failed check.
type Shortfall struct {
	Workload, Problem, Source, URN string
}

// Gaps lists what the workload lacks.
func (r Result) Shortfalls() []Shortfall {
	var out []Shortfall
	for _, n := range r.Needs {
		if n.Status == Gap {
			out = append(out, Shortfall{Workload: r.ID, URN: n.URN, Source: r.Source,
				Problem: fmt.Sprintf("%s needs %s on %s: %s", r.Name, n.Action, n.Resource, n.Problem)})
		}
	}
	for _, c := range r.Capabilities {
		if c.Status == Gap {
			out = append(out, Shortfall{Workload: r.ID, URN: c.URN, Source: r.Source,
				Problem: fmt.Sprintf("%s needs %s: %s", r.Name, c.ID, c.Evidence)})
		}
	}
	return out
}

// Evaluate checks every workload of the table that applies to d.
func Evaluate(d *Deployment) []Result {
	var out []Result
	for _, w := range Table() {
		if w.When != nil && !w.When(d) {
			continue
		}
		out = append(out, evaluate(d, w))
	}
	return out
}

func evaluate(d *Deployment, w Workload) Result {
	res := Result{ID: w.ID, Name: w.Name, IdentityKind: w.Identity.Kind, Source: w.Source,
		Needs: []NeedResult{}, Capabilities: []CapabilityResult{}}
	role, trust := identityOf(d, w.Identity)
	if role != nil {
		res.Identity = role.ARN
	}
	if trust != nil {
		res.Needs = append(res.Needs, *trust)
	}
	for _, n := range w.Needs {
		targets, ok := d.resolve(n.Resource)
		for _, a := range n.Actions {
			if !ok {
				res.Needs = append(res.Needs, NeedResult{Action: a, Resource: string(n.Resource), Status: Unknown,
					Problem: "the deployment has no such resource"})
				continue
			}
			for _, t := range targets {
				res.Needs = append(res.Needs, evalNeed(d, role, a, t, n.Context))
			}
		}
	}
	for _, id := range w.Capabilities {
		res.Capabilities = append(res.Capabilities, capabilities[id](d))
	}
	res.Status = Satisfied
	for _, n := range res.Needs {
		res.Status = worse(res.Status, n.Status)
	}
	for _, c := range res.Capabilities {
		res.Status = worse(res.Status, c.Status)
	}
	return res
}

func worse(a, b Status) Status {
	rank := map[Status]int{Satisfied: 0, Unknown: 1, Gap: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// identityOf resolves the role a workload runs as and, for service account
// roles, checks the role's trust policy admits the service account.
func identityOf(d *Deployment, id Identity) (*Role, *NeedResult) {
	switch id.Kind {
	case NodeRole:
		if d.NodeRole == nil {
			return nil, &NeedResult{Action: "sts:AssumeRole", Resource: "node role", Status: Gap, Problem: "the node groups have no node role"}
		}
		r := d.NodeRole
		ev := iamdoc.Evaluate([]iamdoc.Policy{r.Trust}, iamdoc.Request{Action: "sts:AssumeRole",
			Principal: iamdoc.Principal{Service: "ec2.amazonaws.com"}})
		return r, trustResult("ec2.amazonaws.com", r, ev)
	case InstanceRole:
		if d.AccessHostRole == nil {
			return nil, &NeedResult{Action: "sts:AssumeRole", Resource: "access host role", Status: Gap,
				Problem: "the access host has no instance profile role"}
		}
		r := d.AccessHostRole
		ev := iamdoc.Evaluate([]iamdoc.Policy{r.Trust}, iamdoc.Request{Action: "sts:AssumeRole",
			Principal: iamdoc.Principal{Service: "ec2.amazonaws.com"}})
		return r, trustResult("ec2.amazonaws.com", r, ev)
	case PodIdentityRole:
		return podIdentityOf(d, id)
	case ServiceAccountRole:
		var r *Role
		if id.Addon != "" {
			a, ok := d.Addons[id.Addon]
			if !ok || a.ServiceAccountRoleARN == "" {
				return nil, &NeedResult{Action: "sts:AssumeRoleWithWebIdentity", Resource: id.ServiceAccount, Status: Gap,
					Problem: "the " + id.Addon + " add-on names no service account role"}
			}
			if r = d.roleByARN(a.ServiceAccountRoleARN); r == nil {
				return nil, &NeedResult{Action: "sts:AssumeRoleWithWebIdentity", Resource: a.ServiceAccountRoleARN, Status: Unknown,
					Problem: "the add-on's role is not part of the deployment"}
			}
		}
		ns, name, _ := strings.Cut(id.ServiceAccount, ":")
		ctx := map[string]string{
			d.OIDCIssuer + ":sub": "system:serviceaccount:" + ns + ":" + name,
			d.OIDCIssuer + ":aud": "sts.amazonaws.com",
		}
		req := iamdoc.Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: iamdoc.Principal{Federated: d.OIDCProviderARN}, Context: ctx}
		if r == nil {
			for _, cand := range d.Roles {
				if iamdoc.Evaluate([]iamdoc.Policy{cand.Trust}, req).Decision == iamdoc.DecisionAllowed {
					r = cand
					break
				}
			}
			if r == nil {
				return nil, &NeedResult{Action: req.Action, Resource: id.ServiceAccount, Status: Gap,
					Problem: "no role trusts the service account through the cluster's OIDC provider"}
			}
		}
		return r, trustResult(id.ServiceAccount, r, iamdoc.Evaluate([]iamdoc.Policy{r.Trust}, req))
	}
	return nil, nil
}

// podIdentityOf resolves the role a Pod Identity association gives the
// service account and checks its trust policy lets EKS Pod Identity assume it
// and tag the session for this account's cluster (EKS user guide, "Create
// IAM role with trust policy required by EKS Pod Identity").
func podIdentityOf(d *Deployment, id Identity) (*Role, *NeedResult) {
	const principal = "pods.eks.amazonaws.com"
	var assoc *PodIdentity
	for i := range d.PodIdentities {
		if d.PodIdentities[i].ServiceAccount == id.ServiceAccount {
			assoc = &d.PodIdentities[i]
		}
	}
	if assoc == nil {
		return nil, &NeedResult{Action: "sts:AssumeRole", Resource: id.ServiceAccount, Status: Gap,
			Problem: "no EKS Pod Identity association gives the service account a role"}
	}
	r := d.roleByARN(assoc.RoleARN)
	if r == nil {
		return nil, &NeedResult{Action: "sts:AssumeRole", Resource: assoc.RoleARN, Status: Unknown, Problem: "the association's role is not part of the deployment"}
	}
	ctx := map[string]string{"aws:SourceAccount": d.Account, "aws:SourceArn": d.clusterARN()}
	for _, action := range []string{"sts:AssumeRole", "sts:TagSession"} {
		ev := iamdoc.Evaluate([]iamdoc.Policy{r.Trust}, iamdoc.Request{Action: action, Principal: iamdoc.Principal{Service: principal}, Context: ctx})
		if n := trustResult(principal, r, ev); n.Status != Satisfied || action == "sts:TagSession" {
			n.Action = action
			return r, n
		}
	}
	return r, nil
}

func trustResult(who string, r *Role, ev iamdoc.Evaluation) *NeedResult {
	action := "sts:AssumeRole"
	if !strings.Contains(who, ".amazonaws.com") {
		action = "sts:AssumeRoleWithWebIdentity"
	}
	n := &NeedResult{Action: action, Resource: r.ARN, Decision: ev.Decision, By: ev.By, URN: r.URN}
	switch ev.Decision {
	case iamdoc.DecisionAllowed:
		n.Status = Satisfied
	case iamdoc.DecisionConditional:
		n.Status, n.Problem = Unknown, "the trust policy's conditions cannot be decided"
	default:
		n.Status, n.Problem = Gap, fmt.Sprintf("the trust policy of %s does not admit %s (%s)", r.Name, who, ev.Decision)
	}
	return n
}

// evalNeed evaluates one action on one resource: the identity policies, and
// the resource policy (bucket policy: same-account access is granted by
// either; key policy: it must allow, directly or by delegating to the
// account's identity policies). An explicit deny in either wins.
func evalNeed(d *Deployment, role *Role, action string, t target, extra map[string]string) NeedResult {
	n := NeedResult{Action: action, Resource: t.ARN}
	if role == nil {
		n.Status, n.Problem = Gap, "the workload has no identity"
		return n
	}
	n.URN = role.URN
	ctx := map[string]string{"aws:SecureTransport": "true", "aws:PrincipalArn": role.ARN, "aws:PrincipalAccount": d.Account}
	for k, v := range extra {
		ctx[d.expand(k)] = d.expand(v)
	}
	req := iamdoc.Request{Action: action, Resource: t.ARN, Principal: iamdoc.Principal{ARN: role.ARN}, Context: ctx}
	id := iamdoc.Evaluate(role.Policies, req)
	n.Decision, n.By = id.Decision, id.By
	var res *iamdoc.Evaluation
	switch {
	case t.bucket != nil && t.bucket.Policy != nil:
		ev := iamdoc.Evaluate([]iamdoc.Policy{*t.bucket.Policy}, req)
		res = &ev
	case t.key != nil && t.key.Policy != nil:
		ev := iamdoc.Evaluate([]iamdoc.Policy{*t.key.Policy}, req)
		res = &ev
	}
	switch {
	case id.Decision == iamdoc.DecisionExplicitDeny:
		n.Status, n.Problem = Gap, "explicitly denied by "+strings.Join(id.By, ", ")
	case res != nil && res.Decision == iamdoc.DecisionExplicitDeny:
		n.Status, n.Problem, n.By = Gap, "explicitly denied by the resource policy "+strings.Join(res.By, ", "), res.By
		n.URN = resourceURN(t)
	case t.key != nil && res == nil:
		n.Status, n.Problem = Unknown, "the key policy is not known (a key brought by ARN): dominoeks check reads it"
		if id.Decision != iamdoc.DecisionAllowed {
			n.Status, n.Problem = Gap, fmt.Sprintf("no statement of %s grants it (policies: %s)", role.Name, policyNames(role))
		}
	case t.key != nil && res.Decision != iamdoc.DecisionAllowed:
		n.Status, n.URN = Gap, resourceURN(t)
		n.Problem = fmt.Sprintf("the key policy does not allow it (%s)", res.Decision)
		if res.Decision == iamdoc.DecisionConditional {
			n.Status, n.Problem = Unknown, "the key policy's conditions cannot be decided"
		}
	case t.key != nil && !res.ViaAccount:
		n.Status, n.By = Satisfied, res.By // the key policy names the role itself
	case id.Decision == iamdoc.DecisionAllowed:
		n.Status = Satisfied
		if res != nil && res.Decision == iamdoc.DecisionConditional {
			n.Status, n.Problem = Unknown, "a conditional deny of the resource policy cannot be decided"
		}
	case t.bucket != nil && res != nil && res.Decision == iamdoc.DecisionAllowed && !res.ViaAccount:
		n.Status, n.By = Satisfied, res.By
	case id.Decision == iamdoc.DecisionConditional:
		n.Status, n.Problem = Unknown, "the granting statement's conditions cannot be decided: "+strings.Join(id.By, ", ")
	default:
		n.Status = Gap
		n.Problem = fmt.Sprintf("no statement of %s grants it (policies: %s)", role.Name, policyNames(role))
	}
	return n
}

func resourceURN(t target) string {
	switch {
	case t.bucket != nil:
		return t.bucket.URN
	case t.key != nil:
		return t.key.URN
	}
	return ""
}

func policyNames(r *Role) string {
	var names []string
	for _, p := range r.Policies {
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
