package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/spf13/cobra"
)

// todayEnv pins the day a plan prices and warns for (EKS support phases), for
// reproducible plans and golden files; unset means today.
const todayEnv = "DOMINOEKS_TODAY"

// planOptions are the flags of `dominoeks plan`.
type planOptions struct {
	configFile string
	// accountFile describes what the account already holds (JSON of preview.Holdings).
	accountFile string
	sets        []string
	region      string
	json        bool
	noColor     bool
	policy      bool
	compare     string
}

func newPlanCmd() *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Plan the Domino EKS deployment offline",
		Long: `Plan evaluates the DominoEKS stack program offline (no AWS account, no Pulumi
CLI or plugins) and prints the resources it would create, each node pool's
zones and sizes, the Domino installer values, warnings, an estimated monthly
cost at minimum and maximum pool sizes, and the modelled deploy critical path.

Configuration comes from a Pulumi stack file (--config Pulumi.<stack>.yaml,
dominoeks:* keys; aws:region is the region default), then --set overrides,
then --region. Invalid configuration exits 2 with the validation error.
With --policy the plan is also checked against the security and data-safety
invariants (encryption, private nodes, IMDSv2, exact IAM ARNs, NFS only from
the node security group, no open ingress, control-plane logs, data retained);
any violation exits 1.`,
		Example: `  dominoeks plan
  dominoeks plan --config Pulumi.prod.yaml --set natMode=single
  dominoeks plan --set defaultPool='{"maxSize":30}' --region us-east-1 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlan(cmd, o)
		},
	}
	f := cmd.Flags()
	f.Var(newOnceString(&o.configFile), "config", "stack config `FILE` (Pulumi.<stack>.yaml) to plan; once (use --set for overrides)")
	// StringArray, not StringSlice: values are JSON and may contain commas.
	f.StringArrayVar(&o.sets, "set", nil, "override a setting: key=value (key with or without dominoeks:, JSON for lists and objects); repeatable")
	f.StringVar(&o.region, "region", "", "AWS region the provider deploys to (sets aws:region; dominoeks:region must match or be unset)")
	f.StringVar(&o.accountFile, "account", "", `JSON file of what the AWS account already holds, e.g. after a destroy: {"logGroups":[...],"repositories":[...],"buckets":[...],"keyAliases":[...],"fileSystems":[...],"clusters":[...]}`)
	f.BoolVar(&o.json, "json", false, "print one JSON document instead of text")
	f.BoolVar(&o.noColor, "no-color", false, "never colour the text output")
	f.BoolVar(&o.policy, "policy", false, "check the security and data-safety invariants; exit 1 on any violation")
	f.StringVar(&o.compare, "compare", "", "`FILE`: a previous plan --json output; warn about what the change replaces (cited replace-on-change facts) and exit 1 when stateful resources (buckets, EFS, key, repositories, cluster) would be replaced or dropped")
	return cmd
}

// runPlan builds the plan and writes it. Configuration problems are exit 2.
func runPlan(cmd *cobra.Command, o planOptions) error {
	opts, err := o.planInputs()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	// The previous plan is read before planning: a bad --compare fails at once.
	var prev plan.PreviousPlan
	if o.compare != "" {
		if prev, err = plan.LoadPlan(o.compare); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	p, err := plan.Build(opts)
	if err != nil {
		return planFailure(err)
	}
	var cmp plan.Comparison
	if o.compare != "" {
		cmp = plan.Compare(prev, p.Resources, p.Region)
		p.Warnings = append(p.Warnings, cmp.Warnings...)
	}
	var report *policyReport
	if o.policy {
		report = checkPolicy(p)
	}
	out := cmd.OutOrStdout()
	if o.json {
		doc := newPlanDocument(p)
		doc.Policy = report
		err = writePlanDocument(out, doc)
	} else {
		color := colorEnabled(out, o.noColor)
		err = writePlanText(out, p, color)
		if err == nil && report != nil {
			err = writePolicyText(out, report, color)
		}
	}
	if err != nil {
		return err
	}
	if report != nil && len(report.Violations) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("policy: %d violation(s) of the security invariants", len(report.Violations))}
	}
	if cmp.Stateful > 0 {
		return &exitError{code: 1, err: fmt.Errorf("compare: %d stateful resource(s) would be replaced or dropped (see the warnings)", cmp.Stateful)}
	}
	return nil
}

// planFailure maps a failed plan to its exit code: 2 for configuration
// errors, including a rule AWS enforces that a setting breaks (plan.Build
// names the setting, its value and the fix); 1 when a registration breaks a
// rule no setting explains, a bug of the component (the message names the
// rule, the resource and the rule's source); else 2.
func planFailure(err error) error {
	var ce *plan.ConfigError
	if errors.As(err, &ce) {
		return &exitError{code: 2, err: ce}
	}
	var ve *preview.ViolationError
	if errors.As(err, &ve) {
		return &exitError{code: 1, err: ve}
	}
	return fmt.Errorf("plan: %w", err)
}

// planInputs assembles the stack configuration: the file, then --set, then --region.
func (o planOptions) planInputs() (plan.Options, error) {
	// No CLI run models an account's zone-name-to-ID mapping: offline zone
	// facts are warnings, preflight checks the account's mapping live.
	opts := plan.Options{Config: map[string]string{}, ZoneIDsUnknown: true}
	if o.configFile != "" {
		cfg, hints, err := plan.ReadStackConfig(o.configFile)
		if err != nil {
			return opts, err
		}
		opts.Config, opts.Hints = cfg, hints
		opts.Stack = plan.StackName(o.configFile)
	}
	sets := map[string]string{}
	for _, kv := range o.sets {
		if err := plan.ApplySet(sets, kv); err != nil {
			return opts, err
		}
	}
	const regionKey = plan.Namespace + ":region"
	if v, ok := sets[regionKey]; ok && o.region != "" && v != o.region {
		return opts, fmt.Errorf("--region %s conflicts with --set region=%s", o.region, v)
	}
	for k, v := range sets {
		opts.Config[k] = v
	}
	if o.region != "" {
		// The region the AWS provider deploys to, as `pulumi config set aws:region`.
		opts.Config[plan.AWSRegionKey] = o.region
	}
	if v := os.Getenv(todayEnv); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return opts, fmt.Errorf("%s=%q: use YYYY-MM-DD", todayEnv, v)
		}
		opts.Today = t
	}
	if o.accountFile != "" {
		raw, err := cliread.Account.Read(o.accountFile)
		if err != nil {
			return opts, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&opts.Account); err != nil {
			return opts, fmt.Errorf("--account %s: %w (keys: clusters, logGroups, repositories, buckets, keyAliases, fileSystems)", o.accountFile, err)
		}
	}
	return opts, nil
}
