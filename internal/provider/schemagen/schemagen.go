// Package schemagen produces the dominoeks package schema and SDKs offline and
// in-process: the schema is read from the provider through pulumi-go-provider's
// integration server (no Pulumi CLI, no plugin download), validated with
// pkg/v3/codegen/schema and turned into SDKs with the nodejs and python code
// generators. `make schema` and the schema tests use it.
package schemagen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/dominoeks/pulumi-dominoeks/internal/provider"
)

// Tool is the generator name the SDK code generators write into file headers.
const Tool = "dominoeks-schemagen"

// Schema returns the provider's package schema as pretty-printed JSON
// (two-space indent, trailing newline), the content of schema.json. The
// output is deterministic: the same code always yields the same bytes.
func Schema(ctx context.Context) ([]byte, error) {
	prov, err := provider.New()
	if err != nil {
		return nil, err
	}
	version, err := semver.Parse(provider.DefaultVersion)
	if err != nil {
		return nil, fmt.Errorf("provider version %q: %w", provider.DefaultVersion, err)
	}
	server, err := integration.NewServer(ctx, provider.Name, version, integration.WithProvider(prov))
	if err != nil {
		return nil, fmt.Errorf("starting the in-process provider: %w", err)
	}
	resp, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return nil, fmt.Errorf("GetSchema: %w", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
		return nil, fmt.Errorf("decoding the provider schema: %w", err)
	}
	return Marshal(spec)
}

// Marshal encodes spec as schema.json is written: indented by two spaces,
// HTML characters unescaped, with a trailing newline.
func Marshal(spec schema.PackageSpec) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(spec); err != nil {
		return nil, fmt.Errorf("encoding the schema: %w", err)
	}
	return buf.Bytes(), nil
}

// Parse decodes schema JSON into a PackageSpec.
func Parse(data []byte) (schema.PackageSpec, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return spec, fmt.Errorf("decoding the schema: %w", err)
	}
	return spec, nil
}

// Bind validates a schema the way SDK generation does, with a loader that
// knows no other package: a reference to another package's types, or any other
// diagnostic, is an error. (The loader is schema.NewNullLoader's equivalent,
// except that it returns an error where the null loader panics.)
func Bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, offlineLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("binding the schema: %w", err)
	}
	if len(diags) > 0 {
		return nil, fmt.Errorf("binding the schema: %w", diags)
	}
	return pkg, nil
}

// Languages are the SDK languages GenerateSDK supports.
var Languages = []string{"nodejs", "python"}

// GenerateSDK binds the schema and generates the SDK for lang ("nodejs" or
// "python"), returning file contents by relative path.
func GenerateSDK(lang string, spec schema.PackageSpec) (map[string][]byte, error) {
	pkg, err := Bind(spec)
	if err != nil {
		return nil, err
	}
	var files map[string][]byte
	switch lang {
	case "nodejs":
		files, err = nodejs.GeneratePackage(Tool, pkg, nil, nil, false, offlineLoader{})
	case "python":
		files, err = python.GeneratePackage(Tool, pkg, nil, offlineLoader{})
	default:
		return nil, fmt.Errorf("unsupported SDK language %q (supported: %v)", lang, Languages)
	}
	if err != nil {
		return nil, fmt.Errorf("generating the %s SDK: %w", lang, err)
	}
	return files, nil
}

// WriteFiles writes generated files under dir, creating directories as needed.
func WriteFiles(dir string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for path := range files {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("writing the SDK: %w", err)
		}
		if err := os.WriteFile(full, files[path], 0o644); err != nil {
			return fmt.Errorf("writing the SDK: %w", err)
		}
	}
	return nil
}

// errNoPackages is returned for any package the generated code would import:
// the dominoeks schema must not reference other packages.
var errNoPackages = errors.New("the dominoeks schema must not reference other packages; none are available offline")

// offlineLoader is a schema.ReferenceLoader that knows no package.
type offlineLoader struct{}

func (offlineLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("load %s: %w", pkg, errNoPackages)
}

func (offlineLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("load %s: %w", d.Name, errNoPackages)
}

func (offlineLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("load %s: %w", pkg, errNoPackages)
}

func (offlineLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("load %s: %w", d.Name, errNoPackages)
}
