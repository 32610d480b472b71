package tests

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/provider/schemagen"
)

// schemaGenerated returns the schema generated from the code, in-process.
func schemaGenerated(t *testing.T) ([]byte, schema.PackageSpec) {
	t.Helper()
	data, err := schemagen.Schema(context.Background())
	if err != nil {
		t.Fatalf("generating the schema: %v", err)
	}
	spec, err := schemagen.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, spec
}

// schemaFile returns the committed schema.json.
func schemaFile(t *testing.T) ([]byte, schema.PackageSpec) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(provRoot(t), "schema.json"))
	if err != nil {
		t.Fatalf("reading schema.json (run `make schema`): %v", err)
	}
	spec, err := schemagen.Parse(data)
	if err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	return data, spec
}

// schemaFirstDiff describes the first line at which got and want differ.
func schemaFirstDiff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("first difference at line %d:\n  generated: %s\n  file:      %s", i+1, gl, wl)
		}
	}
	return "no difference"
}

// TestSchemaUpToDate regenerates the schema from the code and fails if
// schema.json differs.
func TestSchemaUpToDate(t *testing.T) {
	gen, _ := schemaGenerated(t)
	file, _ := schemaFile(t)
	if !bytes.Equal(gen, file) {
		t.Fatalf("schema.json is out of date with the code: run `make schema` and commit the result\n%s",
			schemaFirstDiff(gen, file))
	}
}

// TestSchemaBinds validates schema.json and the generated schema as SDK
// generation does, with a loader that knows no other package: any diagnostic
// (including a reference to another package's types) fails.
func TestSchemaBinds(t *testing.T) {
	_, file := schemaFile(t)
	_, gen := schemaGenerated(t)
	for name, spec := range map[string]schema.PackageSpec{"schema.json": file, "generated": gen} {
		pkg, err := schemagen.Bind(spec)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, ok := pkg.GetResource(domino.Token); !ok {
			t.Errorf("%s: bound package has no %s", name, domino.Token)
		}
	}
}

// TestSchemaDocumentsEverything checks the generated schema: DominoEKS is a
// component, the node pool types are nested types, every type, input and
// output has a description, and every $ref points at a type of this package.
func TestSchemaDocumentsEverything(t *testing.T) {
	_, spec := schemaGenerated(t)
	res, ok := spec.Resources[domino.Token]
	if !ok {
		t.Fatalf("no resource %s; resources: %v", domino.Token, schemaKeys(spec.Resources))
	}
	if !res.IsComponent {
		t.Errorf("%s: isComponent is false", domino.Token)
	}
	if strings.TrimSpace(res.Description) == "" {
		t.Errorf("%s has no description", domino.Token)
	}
	for _, typ := range []string{"dominoeks:index:NodePool", "dominoeks:index:Taint"} {
		if _, ok := spec.Types[typ]; !ok {
			t.Errorf("type %s missing; types: %v", typ, schemaKeys(spec.Types))
		}
	}
	if len(res.InputProperties) == 0 || len(res.Properties) == 0 {
		t.Fatalf("%s has %d inputs and %d outputs", domino.Token, len(res.InputProperties), len(res.Properties))
	}

	check := func(where string, props map[string]schema.PropertySpec) {
		for _, name := range schemaKeys(props) {
			prop := props[name]
			if strings.TrimSpace(prop.Description) == "" {
				t.Errorf("%s.%s has no description: add a.Describe for it in domino/annotate.go", where, name)
			}
			schemaCheckRefs(t, where+"."+name, prop.TypeSpec, spec.Types)
		}
	}
	check(domino.Token+" input", res.InputProperties)
	check(domino.Token+" output", res.Properties)
	for _, name := range schemaKeys(spec.Types) {
		typ := spec.Types[name]
		if strings.TrimSpace(typ.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		check(name, typ.Properties)
	}
}

// schemaCheckRefs fails if ts refers to a type that is not one of types.
func schemaCheckRefs(t *testing.T, where string, ts schema.TypeSpec, types map[string]schema.ComplexTypeSpec) {
	t.Helper()
	if ts.Ref != "" {
		name, local := strings.CutPrefix(ts.Ref, "#/types/")
		if _, ok := types[name]; !local || !ok {
			t.Errorf("%s refers to %s: outputs and inputs must be primitives or this package's types", where, ts.Ref)
		}
	}
	if ts.Items != nil {
		schemaCheckRefs(t, where+"[]", *ts.Items, types)
	}
	if ts.AdditionalProperties != nil {
		schemaCheckRefs(t, where+"{}", *ts.AdditionalProperties, types)
	}
	for _, o := range ts.OneOf {
		schemaCheckRefs(t, where, o, types)
	}
}

// TestSchemaMatchesGoTypes checks that the schema's names are the Go types'
// `pulumi` tags, one to one, and that DominoEKS.Outputs covers every output.
func TestSchemaMatchesGoTypes(t *testing.T) {
	_, spec := schemaGenerated(t)
	res := spec.Resources[domino.Token]
	outputs := schemaKeys((&domino.DominoEKS{}).Outputs())
	for _, tc := range []struct {
		what   string
		schema []string
		want   []string
	}{
		{"DominoEKS inputs", schemaKeys(res.InputProperties), schemaTags(reflect.TypeFor[domino.DominoEKSArgs]())},
		{"DominoEKS outputs", schemaKeys(res.Properties), schemaTags(reflect.TypeFor[domino.DominoEKS]())},
		{"DominoEKS.Outputs() keys", schemaKeys(res.Properties), outputs},
		{"NodePool", schemaKeys(spec.Types["dominoeks:index:NodePool"].Properties), schemaTags(reflect.TypeFor[domino.NodePool]())},
		{"Taint", schemaKeys(spec.Types["dominoeks:index:Taint"].Properties), schemaTags(reflect.TypeFor[domino.Taint]())},
	} {
		if !reflect.DeepEqual(tc.schema, tc.want) {
			t.Errorf("%s: schema has %v, Go has %v", tc.what, tc.schema, tc.want)
		}
	}
	if len(res.RequiredInputs) != 0 {
		t.Errorf("required inputs %v: every DominoEKS input has a default", res.RequiredInputs)
	}
}

// TestSchemaDefaultsAreLibraryDefaults checks that the defaults the schema
// advertises (which generated SDKs send explicitly) are the library's: a
// program setting every default registers exactly what one setting none does.
func TestSchemaDefaultsAreLibraryDefaults(t *testing.T) {
	_, spec := schemaGenerated(t)
	res := spec.Resources[domino.Token]
	unset, defaulted := map[string]any{}, map[string]any{}
	n := 0
	for name, prop := range res.InputProperties {
		if prop.Default != nil {
			defaulted[name] = prop.Default
			n++
		}
		// Pool overrides: an empty override against one holding the type's defaults.
		if ref, ok := strings.CutPrefix(prop.Ref, "#/types/"); ok {
			unset[name] = map[string]any{}
			obj := map[string]any{}
			for pname, pprop := range spec.Types[ref].Properties {
				if pprop.Default != nil {
					obj[pname] = pprop.Default
					n++
				}
			}
			defaulted[name] = obj
		}
	}
	if n < 5 {
		t.Fatalf("the schema documents only %d defaults", n)
	}
	run := func(props map[string]any) *preview.Result {
		args := provArgs(t, props)
		r, err := preview.Run(domino.Program("domino", args), preview.Options{})
		if err != nil {
			t.Fatalf("preview with %v: %v", props, err)
		}
		return r
	}
	a, b := run(unset), run(defaulted)
	want := provByURN(a.Resources)
	got := provByURN(b.Resources)
	var added, removed []string
	for _, urn := range schemaKeys(got) {
		if _, ok := want[urn]; !ok {
			added = append(added, urn)
		}
	}
	for _, urn := range schemaKeys(want) {
		if _, ok := got[urn]; !ok {
			removed = append(removed, urn)
		}
	}
	if len(added) > 0 || len(removed) > 0 {
		t.Fatalf("setting the schema defaults changes the resources:\nonly with defaults:\n  %s\nonly without:\n  %s",
			strings.Join(added, "\n  "), strings.Join(removed, "\n  "))
	}
	for urn, w := range want {
		if diffs := provDiff("", got[urn].Inputs, w.Inputs); len(diffs) > 0 {
			t.Errorf("%s: setting the schema defaults changes inputs:\n  %s", urn, strings.Join(diffs, "\n  "))
		}
	}
	if !reflect.DeepEqual(a.Outputs, b.Outputs) {
		t.Errorf("setting the schema defaults changes the outputs")
	}
}

// schemaTags returns the sorted `pulumi` tag names of a struct's fields.
func schemaTags(t reflect.Type) []string {
	var out []string
	for _, f := range reflect.VisibleFields(t) {
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok || !f.IsExported() || len(f.Index) != 1 {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// schemaKeys returns a map's keys, sorted.
func schemaKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
