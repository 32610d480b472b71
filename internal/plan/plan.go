// Package plan evaluates a DominoEKS stack offline and derives what
// `dominoeks plan` reports about it: every resource the program registers,
// the component outputs (secrets redacted), the node groups, an estimated
// monthly cost from an embedded on-demand price table, and the modelled
// deploy critical path. Nothing here calls AWS or needs Pulumi plugins.
package plan

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Namespace is the stack-config namespace the DominoEKS program reads.
const Namespace = domino.ConfigNamespace

// Options select what to plan.
type Options struct {
	// Config is the stack configuration, keys as "dominoeks:key", values as
	// Pulumi stores them (plain strings; JSON for numbers, booleans, lists
	// and objects).
	Config map[string]string
	// Stack names the stack (URNs contain it); default "dev".
	Stack string
	// Today is the day the plan prices and warns for (EKS support phases);
	// zero means now.
	Today time.Time
	// Account describes what the AWS account already holds (what a destroy
	// retained, an existing cluster): the plan adopts or collides as `up` would.
	Account preview.Holdings
	// ZoneIDsUnknown plans without the reference account's zone IDs: zone
	// names are checked against the region's table, their zone IDs are left
	// to the live account (preflight checks them).
	ZoneIDsUnknown bool
	// Hints are notes on settings, by key without namespace, added to the
	// fix of a refusal of that setting (ReadStackConfig's YAML hints).
	Hints map[string]string
	// program replaces domino.ConfigProgram (tests).
	program preview.Program
}

// Plan is everything `dominoeks plan` reports about one stack.
type Plan struct {
	// Name is the DominoEKS component name (config dominoeks:name).
	Name string
	// Region the deployment runs in; cost is priced for it.
	Region string
	// Resources are the registered resources sorted by URN, with secret
	// values in their inputs replaced by SecretPlaceholder.
	Resources []preview.Resource
	// Outputs are the component outputs, secret ones replaced by SecretPlaceholder.
	Outputs map[string]any
	// SecretOutputs names the outputs that are secrets, sorted.
	SecretOutputs []string
	// NodeGroups describes each EKS managed node group, sorted by pool then zones.
	NodeGroups []NodeGroup
	// NodePools are Karpenter's NodePools (karpenter: true), read from the
	// plan's custom resources or its kubernetesSetup steps, sorted by name.
	NodePools []workloads.NodePool
	// Buckets are the S3 bucket names by role (blobs, logs, backups); default
	// names still contain domino.AccountPlaceholder.
	Buckets map[string]string
	// Cost is the estimated monthly cost.
	Cost Cost
	// CriticalPath is the modelled longest deploy chain.
	CriticalPath CriticalPath
	// Workloads is what each workload on the cluster needs, evaluated
	// against the plan (internal/workloads).
	Workloads []workloads.Result
	// Scheduling is where each of Domino's pod classes runs, zone by zone,
	// and whether every DaemonSet runs where it must (internal/scheduling).
	Scheduling scheduling.Report
	// Warnings are the component's configuration warnings followed by the
	// planner's own (unpriced resources, ...).
	Warnings []string
}

// ConfigError is a configuration the component rejects (a decoding or
// validation error); `dominoeks plan` exits 2 on it.
type ConfigError struct{ Err error }

// Error implements error.
func (e *ConfigError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying decoding or validation error.
func (e *ConfigError) Unwrap() error { return e.Err }

// Build validates the configuration, evaluates the DominoEKS stack program
// under mocks and derives the plan. Invalid configuration is a *ConfigError.
func Build(opts Options) (*Plan, error) {
	values := map[string]string{}
	for k, v := range opts.Config {
		if key, ok := strings.CutPrefix(k, Namespace+":"); ok {
			values[key] = v
		}
	}
	args, err := domino.DecodeConfig(values)
	if err != nil {
		return nil, &ConfigError{Err: withHints(err, opts.Hints)}
	}
	// The component follows the AWS provider's region (aws:region) when
	// region is unset: validate with it, as `pulumi up` does.
	if args.Region == "" {
		args.Region = opts.Config[AWSRegionKey]
	}
	name := values["name"]
	if name == "" {
		name = domino.DefaultName
	}
	if err := args.ValidateAs(name); err != nil {
		return nil, &ConfigError{Err: withHints(err, opts.Hints)}
	}
	region := args.Region
	if region == "" {
		region = domino.DefaultRegion
	}

	// causes is built only when a violation needs explaining: not on every plan.
	causes := func() causeInput { return causeInput{args: args, name: name, groups: args.NodeGroupOrigins(name)} }
	res, outs, err := evaluate(opts)
	if err != nil {
		return nil, explainViolations(err, causes())
	}
	secrets := secretOutputs(outs)
	redactor := newRedactor(res.Outputs, secrets)
	p := &Plan{
		Name:          name,
		Region:        region,
		Resources:     redactor.resources(res.Resources),
		Outputs:       redactor.outputs(res.Outputs),
		SecretOutputs: secrets,
		Buckets:       args.BucketNames(name),
	}
	d, workloadResults, err := evaluateWorkloads(res, region)
	p.Workloads = workloadResults
	if err != nil {
		return nil, explainViolations(err, causes())
	}
	var schedulingWarnings []string
	if p.Scheduling, schedulingWarnings, err = evaluateScheduling(res, d); err != nil {
		return nil, explainScheduling(err, causes())
	}
	p.NodeGroups = NodeGroups(p.Resources)
	p.NodePools = d.NodePools
	today := opts.Today
	if today.IsZero() {
		today = time.Now().UTC()
	}
	p.Cost = EstimateCostWith(p.Resources, d.NodePools, region, today)
	p.CriticalPath, err = ComputeCriticalPath(p.Resources)
	if err != nil {
		return nil, fmt.Errorf("critical path: %w", err)
	}
	p.Warnings = append(append([]string{}, args.Warnings(name)...), p.Cost.Warnings...)
	p.Warnings = append(p.Warnings, versionWarnings(p.Resources, today)...)
	p.Warnings = append(p.Warnings, schedulingWarnings...)
	for _, r := range p.Resources {
		if r.ImportID != "" {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s: adopts %s %s, which the account already holds (retained by a destroy): imported, not created", r.Name, r.Type, r.ImportID))
		}
	}
	return p, nil
}

// evaluateWorkloads checks what every workload on the cluster needs against
// the plan; an unmet need is a *preview.ViolationError, like a rule AWS
// enforces (`dominoeks plan` exits 1), naming the workload, the action, the
// resource and the source.
func evaluateWorkloads(res *preview.Result, region string) (*workloads.Deployment, []workloads.Result, error) {
	d, err := workloads.FromPlan(res.Resources, res.Outputs, region)
	if err != nil {
		return nil, nil, fmt.Errorf("workloads: %w", err)
	}
	results := workloads.Evaluate(d)
	var gaps []preview.Violation
	for _, r := range results {
		for _, s := range r.Shortfalls() {
			urn := s.URN
			if urn == "" {
				urn = componentURN(res)
			}
			gaps = append(gaps, preview.Violation{Rule: preview.WorkloadRulePrefix + s.Workload, URN: urn, Problem: s.Problem, Source: s.Source})
		}
	}
	if len(gaps) > 0 {
		return d, results, &preview.ViolationError{Violations: gaps}
	}
	return d, results, nil
}

// componentURN is the URN of the DominoEKS component of a plan.
func componentURN(res *preview.Result) string {
	for _, r := range res.Resources {
		if r.Type == domino.Token {
			return r.URN
		}
	}
	return ""
}

// evaluate runs domino.DeployFromConfig under preview and returns what it
// registered plus the component's output values (to inspect secretness).
func evaluate(opts Options) (*preview.Result, pulumi.Map, error) {
	var (
		mu   sync.Mutex
		outs pulumi.Map
	)
	run := domino.ConfigProgram
	if opts.program != nil {
		run = opts.program
	}
	program := func(ctx *pulumi.Context) (pulumi.Map, error) {
		o, err := run(ctx)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		outs = o
		mu.Unlock()
		return o, nil
	}
	res, err := preview.Run(program, preview.Options{Stack: opts.Stack, Config: opts.Config, ZoneIDsUnknown: opts.ZoneIDsUnknown, Account: opts.Account})
	var ve *preview.ViolationError
	if errors.As(err, &ve) {
		return nil, nil, ve // AWS would refuse a registration: not a config typo
	}
	if err != nil {
		if ce := configError(err); ce != nil {
			return nil, nil, ce
		}
		return nil, nil, fmt.Errorf("evaluate the DominoEKS program: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return res, outs, nil
}

// configError returns the component's own validation error inside err (the
// Pulumi runtime wraps program errors), or nil when err is not one.
func configError(err error) *ConfigError {
	var ve *domino.ValidationError
	if errors.As(err, &ve) {
		return &ConfigError{Err: ve}
	}
	var fe *domino.FieldError
	if errors.As(err, &fe) {
		return &ConfigError{Err: fe}
	}
	return nil
}

// secretOutputs returns the names of the outputs marked secret. The outputs
// are resolved once preview.Run returns, so IsSecret does not block.
func secretOutputs(outs pulumi.Map) []string {
	var names []string
	for k, v := range outs {
		if o, ok := v.(pulumi.Output); ok && pulumi.IsSecret(o) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}

// withHints adds the hint of a setting to the fix of each problem of err
// about that setting (or a field inside it), and returns err.
func withHints(err error, hints map[string]string) error {
	if len(hints) == 0 {
		return err
	}
	var fes []*domino.FieldError
	var ve *domino.ValidationError
	var fe *domino.FieldError
	switch {
	case errors.As(err, &ve):
		fes = ve.Problems
	case errors.As(err, &fe):
		fes = []*domino.FieldError{fe}
	}
	for _, f := range fes {
		for key, hint := range hints {
			if f.Field == key || strings.HasPrefix(f.Field, key+".") || strings.HasPrefix(f.Field, key+"[") {
				f.Fix += "; " + hint
			}
		}
	}
	return err
}
