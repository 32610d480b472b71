// Package preview evaluates a Pulumi program offline under pulumi.WithMocks and
// records every resource it registers, with the options the engine would see
// (parent, dependencies, protect, retainOnDelete, ignoreChanges). Mocks return
// realistic ids and ARNs so computed values (policies, installer values) are
// fully known. It is the engine behind `dominoeks plan` and the tests.
package preview

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource is one registered resource, shaped like a `pulumi stack export` resource.
type Resource struct {
	URN    string `json:"urn"`
	Type   string `json:"type"`
	Name   string `json:"-"`
	Custom bool   `json:"custom"`
	ID     string `json:"id,omitempty"`
	Parent string `json:"parent,omitempty"`
	// Provider is the URN of the explicit provider resource, if any.
	Provider       string         `json:"provider,omitempty"`
	Inputs         map[string]any `json:"inputs"`
	Outputs        map[string]any `json:"-"`
	Dependencies   []string       `json:"dependencies"`
	Protect        bool           `json:"protect"`
	RetainOnDelete bool           `json:"retainOnDelete"`
	IgnoreChanges  []string       `json:"ignoreChanges"`
	// ImportID is the id of an existing resource the registration adopts
	// (the import resource option), "" when it creates one.
	ImportID string `json:"importId,omitempty"`
	// Aliases are the URNs the registration's aliases name (an earlier URN
	// of the same resource), resolved as the engine resolves alias specs.
	Aliases []string `json:"-"`
	// Modelled marks a child of a remote component (pulumi-eks) that the
	// engine records from its model of that component: the program never
	// registers it, the component's provider does under `pulumi up`.
	Modelled bool `json:"modelled,omitempty"`
	// Order is the registration sequence number (registration is concurrent, so
	// use it only for diagnostics, never for golden output).
	Order int `json:"-"`
}

// Result is everything a program registered.
type Result struct {
	// Resources sorted by URN.
	Resources []Resource
	// Outputs the program returned, fully resolved; secrets are kept as values.
	Outputs map[string]any
	// Logs are the messages the program logged (severity: message).
	Logs []string
	// Invokes are the provider functions the program called, in call order.
	Invokes []string
}

// Program is a Pulumi program whose outputs the preview resolves.
type Program func(ctx *pulumi.Context) (pulumi.Map, error)

// Options configure a preview run.
type Options struct {
	// Project and Stack names (default "dominoeks" and "dev").
	Project, Stack string
	// Config is the stack configuration, keys as "namespace:key".
	Config map[string]string
	// ProviderRegion is the region the AWS provider's getRegion answers when
	// aws:region is unset (as from AWS_REGION or a profile); "" by default.
	ProviderRegion string
	// AbsentRoles are IAM role names the account does not have: the getRole
	// lookup fails for them with NoSuchEntity, as IAM answers.
	AbsentRoles []string
	// CallerArn is the principal running the deployment, as getCallerIdentity
	// answers (default: the package's CallerArn).
	CallerArn string
	// Account describes what the AWS account already holds before the run.
	Account Holdings
	// ZoneIDsUnknown leaves the zone IDs out of the getAvailabilityZones
	// answer: the zone names are the table's, their mapping to zone IDs is
	// the account's (preflight, which checks the mapping live).
	ZoneIDsUnknown bool
	// Zones, when set, are what getAvailabilityZones lists, in this order
	// (Local Zones, a different order than the table's); filters apply.
	Zones []ListedZone
	// FailOn makes registering a resource of this type token fail (fault injection).
	FailOn string
}

// Run evaluates program under mocks and returns what it registered. When a
// registration breaks one of the rules AWS enforces (see Rules), Run returns
// the result together with a *ViolationError.
func Run(program Program, opts Options) (*Result, error) {
	if opts.Project == "" {
		opts.Project = "dominoeks"
	}
	if opts.Stack == "" {
		opts.Stack = "dev"
	}
	m := newMocks(opts)
	var (
		outMu   sync.Mutex
		outputs map[string]any
	)
	runErr := pulumi.RunErr(func(ctx *pulumi.Context) error {
		out, err := program(ctx)
		if err != nil {
			return err
		}
		if out == nil {
			return nil
		}
		out.ToMapOutput().ApplyT(func(v map[string]any) (map[string]any, error) {
			outMu.Lock()
			defer outMu.Unlock()
			outputs = plain(v)
			return v, nil
		})
		return nil
	}, pulumi.WithMocks(opts.Project, opts.Stack, m), withConfig(opts.Config), func(info *pulumi.RunInfo) {})
	if runErr != nil {
		return nil, runErr
	}
	res := m.result()
	outMu.Lock()
	res.Outputs = outputs
	outMu.Unlock()
	if len(m.violations) > 0 {
		return res, &ViolationError{Violations: m.sortedViolations()}
	}
	return res, nil
}

func withConfig(cfg map[string]string) pulumi.RunOption {
	return func(info *pulumi.RunInfo) {
		if cfg != nil {
			info.Config = cfg
		}
	}
}

// plain converts resolved output values (which may hold pulumi types) into
// JSON-friendly Go values.
func plain(v any) map[string]any {
	pm := resource.NewPropertyMapFromMap(v.(map[string]any))
	return PlainMap(pm)
}

// PlainMap converts a property map to JSON-friendly Go values, the way
// resources are recorded: secrets and known outputs are unwrapped, resource
// references become their URNs and unknown values "<computed>".
func PlainMap(pm resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(pm))
	for k, v := range pm {
		out[string(k)] = PlainValue(v)
	}
	return out
}

// PlainValue converts one property value like PlainMap does.
func PlainValue(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = PlainValue(e)
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsSecret():
		return PlainValue(v.SecretValue().Element)
	case v.IsOutput():
		if !v.OutputValue().Known {
			return "<computed>"
		}
		return PlainValue(v.OutputValue().Element)
	case v.IsComputed():
		return "<computed>"
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset():
		return v.AssetValue().Hash
	case v.IsArchive():
		return v.ArchiveValue().Hash
	}
	return fmt.Sprint(v.V)
}

// Find returns the resources of the given type token.
func (r *Result) Find(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources {
		if res.Type == typ {
			out = append(out, res)
		}
	}
	return out
}

// ByName returns the resource of the given type and name.
func (r *Result) ByName(typ, name string) (Resource, error) {
	for _, res := range r.Resources {
		if res.Type == typ && res.Name == name {
			return res, nil
		}
	}
	return Resource{}, fmt.Errorf("no %s named %q", typ, name)
}

// ByURN returns the resource with the URN.
func (r *Result) ByURN(urn string) (Resource, bool) {
	for _, res := range r.Resources {
		if res.URN == urn {
			return res, true
		}
	}
	return Resource{}, false
}

func sortResources(rs []Resource) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
}

// ErrInjected is the error returned by a registration failed through Options.FailOn.
var ErrInjected = errors.New("injected registration failure")
