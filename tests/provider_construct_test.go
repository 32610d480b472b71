package tests

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/provider"
)

// The project and stack the integration server's fake resource monitor names
// URNs with; the Go path uses the same, so both paths produce the same URNs.
const (
	provProject = "project"
	provStack   = "stack"
)

// TestProviderConstructMatchesGoLibrary constructs the YAML example's component
// through the provider (integration server, Construct, mocked resource monitor)
// and checks it registers exactly what the Go library registers for the same
// arguments under internal/preview: the same URNs (type, name and parent
// chain), and for each the same parent, kind, inputs and dependencies.
func TestProviderConstructMatchesGoLibrary(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config map[string]string
		extra  map[string]any
		// absent is a resource type the case must not register.
		absent string
	}{
		{"seed", nil, nil, ""},
		{"gpu", map[string]string{"enableGpuPool": "true"}, nil, ""},
		// Inputs that reference existing resources are pulumi.Input fields.
		{"existing-vpc", nil, map[string]any{
			"vpcId":            "vpc-0123456789abcdef0",
			"privateSubnetIds": []any{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"},
			"publicSubnetIds":  []any{"subnet-1000000a", "subnet-1000000b", "subnet-1000000c"},
			"natMode":          "none",
			"imageRegistry":    "registry.example.com/domino",
		}, "aws:ec2/vpc:Vpc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name, props := provYAMLExample(t, tc.config)
			for k, v := range tc.extra {
				props[k] = v
			}
			args := provArgs(t, props)

			goPath, err := preview.Run(domino.Program(name, args), preview.Options{Project: provProject, Stack: provStack})
			if err != nil {
				t.Fatalf("Go path: %v", err)
			}

			if tc.absent != "" && len(goPath.Find(tc.absent)) > 0 {
				t.Fatalf("the Go path registered a %s: the case does not test what it claims", tc.absent)
			}

			mon := newProvReplayMonitor(goPath)
			state := provConstruct(t, name, props, mon)

			// pulumi-eks's children are modelled by the engine, not registered
			// by either path (the remote component's provider creates them).
			want := provByURN(slices.DeleteFunc(slices.Clone(goPath.Resources), func(r preview.Resource) bool { return r.Modelled }))
			got := mon.registered()
			provCompareSets(t, want, got)
			for urn, g := range got {
				w, ok := want[urn]
				if !ok {
					continue
				}
				provCompareResource(t, urn, w, g)
			}

			// The construct response carries every output, with the Go path's values;
			// the kubeconfig stays secret.
			if n, all := len(goPath.Outputs), len((&domino.DominoEKS{}).Outputs()); n != all {
				t.Fatalf("the Go path resolved %d of %d outputs", n, all)
			}
			for key, wantValue := range goPath.Outputs {
				v, ok := state[resource.PropertyKey(key)]
				if !ok {
					t.Errorf("output %s missing from the Construct response", key)
					continue
				}
				if key == "kubeconfig" && !provIsSecret(v) {
					t.Errorf("output kubeconfig is not secret in the Construct response")
				}
				if gotValue := preview.PlainValue(v); !reflect.DeepEqual(gotValue, wantValue) {
					t.Errorf("output %s = %#v, want %#v", key, gotValue, wantValue)
				}
			}
		})
	}
}

// provConstruct runs Construct on an in-process provider whose child
// registrations go to mon, and returns the component's state.
func provConstruct(t *testing.T, name string, props map[string]any, mon pulumi.MockResourceMonitor) resource.PropertyMap {
	t.Helper()
	prov, err := provider.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	server, err := integration.NewServer(ctx, provider.Name, semver.MustParse(provider.DefaultVersion),
		integration.WithProvider(prov), integration.WithMocks(mon))
	if err != nil {
		t.Fatal(err)
	}
	stack := resource.NewURN(provStack, provProject, "", resource.RootStackType, provProject+"-"+provStack)
	urn := resource.NewURN(provStack, provProject, "", tokens.Type(domino.Token), name)
	resp, err := server.Construct(p.ConstructRequest{
		Urn:    urn,
		Parent: stack,
		Inputs: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(props)),
	})
	if err != nil {
		t.Fatalf("Construct %s: %v", urn, err)
	}
	if resp.Urn != urn {
		t.Errorf("Construct returned URN %s, want %s", resp.Urn, urn)
	}
	return resource.ToResourcePropertyMap(resp.State)
}

// provRegistration is one registration the provider path made.
type provRegistration struct {
	Type         string
	Custom       bool
	Parent       string
	Inputs       map[string]any
	Dependencies []string
}

// provReplayMonitor is the provider path's resource monitor. It answers each
// registration with the id and outputs internal/preview's mocks gave the same
// URN in the Go path, so both paths see the same cloud (including the outputs
// of the remote eks:index:Cluster component, which mocks must provide), and it
// records what the provider registered.
type provReplayMonitor struct {
	known map[string]preview.Resource

	mu     sync.Mutex
	states map[string]resource.PropertyMap
	ids    map[string]string
	got    map[string]provRegistration
}

func newProvReplayMonitor(goPath *preview.Result) *provReplayMonitor {
	return &provReplayMonitor{
		known:  provByURN(goPath.Resources),
		states: map[string]resource.PropertyMap{},
		ids:    map[string]string{},
		got:    map[string]provRegistration{},
	}
}

func (m *provReplayMonitor) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if pu := resource.URN(parent); pu != "" && pu.QualifiedType() != resource.RootStackType {
		parentType = pu.QualifiedType()
	}
	return string(resource.NewURN(provStack, provProject, parentType, tokens.Type(typ), name))
}

// NewResource replays the Go path's outputs for the URN; a resource the Go
// path did not register gets its inputs back (and fails the comparison).
func (m *provReplayMonitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	if rpc == nil {
		return "", nil, fmt.Errorf("%s %q: read or import not expected", args.TypeToken, args.Name)
	}
	urn := m.urn(rpc.GetParent(), args.TypeToken, args.Name)
	reg := provRegistration{
		Type:         args.TypeToken,
		Custom:       args.Custom,
		Parent:       rpc.GetParent(),
		Inputs:       preview.PlainMap(args.Inputs),
		Dependencies: slices.Sorted(slices.Values(rpc.GetDependencies())),
	}
	rec, ok := m.known[urn]
	if !ok {
		// Not registered by the Go path (the comparison will fail): answer with
		// the outputs of a resource of the same type, if any, so the component
		// still completes and the report lists every difference.
		rec, ok = m.sameType(args.TypeToken)
		rec.ID = args.Name + "-id"
	}
	id, state := rec.ID, args.Inputs.Copy()
	if ok {
		state = resource.NewPropertyMapFromMap(rec.Outputs)
		if args.TypeToken == "eks:index:Cluster" {
			// internal/preview's eksClusterState returns eksCluster as a reference to
			// the component itself typed as the AWS cluster; the recorded outputs
			// flatten references to URNs, so restore it.
			state["eksCluster"] = resource.NewProperty(resource.ResourceReference{
				URN: resource.URN(urn), Type: "aws:eks/cluster:Cluster", ID: resource.NewProperty(id),
			})
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got[urn] = reg
	m.states[urn] = state
	m.ids[urn] = id
	return id, state, nil
}

// Call answers pulumi:pulumi:getResource, which resolves resource references
// (the remote EKS cluster's eksCluster output), from what was registered, as
// pulumi.WithMocks does; other functions as preview's mocks do.
func (m *provReplayMonitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if args.Token != "pulumi:pulumi:getResource" {
		return preview.MockCall(args)
	}
	urn := args.Args["urn"].StringValue()
	m.mu.Lock()
	defer m.mu.Unlock()
	state, ok := m.states[urn]
	if !ok {
		return nil, fmt.Errorf("getResource: unknown resource %s", urn)
	}
	return resource.PropertyMap{
		"urn":   resource.NewProperty(urn),
		"id":    resource.NewProperty(m.ids[urn]),
		"state": resource.NewProperty(state),
	}, nil
}

// sameType returns the Go path's first resource (by URN) of type typ.
func (m *provReplayMonitor) sameType(typ string) (preview.Resource, bool) {
	var found preview.Resource
	for urn, r := range m.known {
		if r.Type == typ && (found.URN == "" || urn < found.URN) {
			found = r
		}
	}
	return found, found.URN != ""
}

func (m *provReplayMonitor) registered() map[string]provRegistration {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]provRegistration, len(m.got))
	for k, v := range m.got {
		out[k] = v
	}
	return out
}

func provByURN(rs []preview.Resource) map[string]preview.Resource {
	out := make(map[string]preview.Resource, len(rs))
	for _, r := range rs {
		out[r.URN] = r
	}
	return out
}

// provCompareSets fails unless both paths registered the same URNs.
func provCompareSets(t *testing.T, want map[string]preview.Resource, got map[string]provRegistration) {
	t.Helper()
	var missing, extra []string
	for urn := range want {
		if _, ok := got[urn]; !ok {
			missing = append(missing, urn)
		}
	}
	for urn := range got {
		if _, ok := want[urn]; !ok {
			extra = append(extra, urn)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("the provider path registered a different resource set than the Go path (%d vs %d resources)\n"+
			"only in the Go path:\n  %s\nonly in the provider path:\n  %s",
			len(want), len(got), strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
	}
	if len(want) < 20 {
		t.Errorf("the Go path registered only %d resources; the comparison is meaningless", len(want))
	}
}

// provCompareResource fails if a resource differs between the paths.
func provCompareResource(t *testing.T, urn string, want preview.Resource, got provRegistration) {
	t.Helper()
	if got.Custom != want.Custom {
		t.Errorf("%s: custom %v, want %v", urn, got.Custom, want.Custom)
	}
	if got.Parent != want.Parent {
		t.Errorf("%s: parent %s, want %s", urn, got.Parent, want.Parent)
	}
	if diffs := provDiff("", got.Inputs, want.Inputs); len(diffs) > 0 {
		t.Errorf("%s: inputs differ (provider path vs Go path):\n  %s", urn, strings.Join(diffs, "\n  "))
	}
	if wantDeps := slices.Sorted(slices.Values(want.Dependencies)); !reflect.DeepEqual(got.Dependencies, wantDeps) {
		t.Errorf("%s: dependencies %v, want %v", urn, got.Dependencies, wantDeps)
	}
}

// provDiff lists the paths at which got and want differ, with both values.
func provDiff(path string, got, want any) []string {
	gm, gok := got.(map[string]any)
	wm, wok := want.(map[string]any)
	if gok && wok {
		keys := map[string]bool{}
		for k := range gm {
			keys[k] = true
		}
		for k := range wm {
			keys[k] = true
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			out = append(out, provDiff(path+"."+k, gm[k], wm[k])...)
		}
		return out
	}
	ga, gok := got.([]any)
	wa, wok := want.([]any)
	if gok && wok && len(ga) == len(wa) {
		var out []string
		for i := range ga {
			out = append(out, provDiff(fmt.Sprintf("%s[%d]", path, i), ga[i], wa[i])...)
		}
		return out
	}
	if reflect.DeepEqual(got, want) {
		return nil
	}
	return []string{fmt.Sprintf("%s: provider %#v, go %#v", strings.TrimPrefix(path, "."), got, want)}
}

func provIsSecret(v resource.PropertyValue) bool {
	return v.IsSecret() || (v.IsOutput() && v.OutputValue().Secret)
}
