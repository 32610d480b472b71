// Package provider builds the dominoeks component provider: a thin
// pulumi-go-provider shell that serves domino.NewDominoEKS as the
// dominoeks:index:DominoEKS component, so Pulumi programs in any language
// (TypeScript, Python, YAML, ...) create exactly what the Go library creates.
// The provider binary, the schema generator and the tests share it.
package provider

import (
	"context"
	"fmt"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// Name is the Pulumi package name, the first segment of every token.
const Name = "dominoeks"

// DefaultVersion is the version the provider reports when the build does not
// set one; schema.json is generated with it.
const DefaultVersion = "0.1.0-dev"

// Repository is the source repository, recorded in the schema.
const Repository = "https://github.com/dominoeks/pulumi-dominoeks"

// New returns the component provider. Its only component is DominoEKS,
// constructed by domino.NewDominoEKS; its schema comes from the Annotate
// methods of the domino types.
func New() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithNamespace(Name).
		WithDisplayName("Domino EKS").
		WithDescription("An AWS EKS cluster ready for a Domino Data Lab installation: network, EKS, node pools, "+
			"EFS, S3 buckets, IAM, the EBS storage class and the Domino installer values.").
		WithKeywords("aws", "eks", "kubernetes", "domino", "kind/component", "category/cloud").
		WithRepository(Repository).
		WithPublisher("dominoeks").
		WithLanguageMap(languages()).
		WithComponents(infer.ComponentF(domino.NewDominoEKS)).
		Build()
	if err != nil {
		return p.Provider{}, fmt.Errorf("building the %s provider: %w", Name, err)
	}
	return prov, nil
}

// languages is the per-language SDK metadata of the schema.
func languages() map[string]any {
	return map[string]any{
		"nodejs": map[string]any{
			"packageName":          "@dominoeks/pulumi-dominoeks",
			"respectSchemaVersion": true,
		},
		"python": map[string]any{
			"packageName":          "pulumi_dominoeks",
			"respectSchemaVersion": true,
			"pyproject":            map[string]any{"enabled": true},
		},
		"go": map[string]any{
			"importBasePath":                 "github.com/dominoeks/pulumi-dominoeks/sdk/go/dominoeks",
			"generateResourceContainerTypes": true,
			"respectSchemaVersion":           true,
		},
		"csharp": map[string]any{
			"rootNamespace":        "DominoEks",
			"respectSchemaVersion": true,
		},
	}
}

// Run serves the provider over gRPC until the engine stops it. version is the
// version to report (a leading "v" is dropped; empty means DefaultVersion).
// Without an engine address argument the provider starts in attach mode,
// which still serves GetSchema.
func Run(ctx context.Context, version string) error {
	prov, err := New()
	if err != nil {
		return err
	}
	if err := prov.Run(ctx, Name, NormalizeVersion(version)); err != nil {
		return fmt.Errorf("running the %s provider: %w", Name, err)
	}
	return nil
}

// NormalizeVersion returns version without a leading "v", or DefaultVersion
// when it is empty.
func NormalizeVersion(version string) string {
	if version = strings.TrimPrefix(strings.TrimSpace(version), "v"); version == "" {
		return DefaultVersion
	}
	return version
}
