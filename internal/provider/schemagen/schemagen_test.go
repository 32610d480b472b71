package schemagen

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func TestSchemaIsDeterministic(t *testing.T) {
	a, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two generations differ")
	}
	if !bytes.HasSuffix(a, []byte("}\n")) || !bytes.HasPrefix(a, []byte("{\n  \"name\": \"dominoeks\"")) {
		t.Errorf("schema is not pretty-printed JSON with a trailing newline: %.60q ... %q", a, a[len(a)-3:])
	}
	spec, err := Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again) {
		t.Error("Parse then Marshal does not reproduce the schema")
	}
}

func TestBindRejectsForeignReferences(t *testing.T) {
	spec, err := Parse(mustSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	res := spec.Resources["dominoeks:index:DominoEKS"]
	res.Properties["cluster"] = schema.PropertySpec{
		Description: "a foreign type",
		TypeSpec:    schema.TypeSpec{Ref: "/aws/v6.83.4/schema.json#/resources/aws:eks%2Fcluster:Cluster"},
	}
	spec.Resources["dominoeks:index:DominoEKS"] = res
	_, err = Bind(spec)
	if err == nil {
		t.Fatal("a reference to another package bound without error")
	}
	t.Log(err)
}

func TestGenerateSDKRejectsUnknownLanguage(t *testing.T) {
	spec, err := Parse(mustSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateSDK("cobol", spec); err == nil {
		t.Fatal("GenerateSDK accepted an unsupported language")
	}
}

func TestOfflineLoaderLoadsNothing(t *testing.T) {
	_, err := offlineLoader{}.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: "aws"})
	if !errors.Is(err, errNoPackages) {
		t.Fatalf("err = %v, want errNoPackages", err)
	}
}

func mustSchema(t *testing.T) []byte {
	t.Helper()
	data, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return data
}
