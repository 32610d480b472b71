package provider

import (
	"context"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

func TestNormalizeVersion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", DefaultVersion},
		{"  ", DefaultVersion},
		{"1.2.3", "1.2.3"},
		{"v1.2.3", "1.2.3"},
		{"v0.1.0-rc.1", "0.1.0-rc.1"},
	} {
		if got := NormalizeVersion(tc.in); got != tc.want {
			t.Errorf("NormalizeVersion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNewServesTheComponent(t *testing.T) {
	prov, err := New()
	if err != nil {
		t.Fatal(err)
	}
	spec, err := p.GetSchema(context.Background(), Name, "1.0.0", prov)
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	if spec.Name != Name || spec.Version != "1.0.0" {
		t.Errorf("schema %s %s, want %s 1.0.0", spec.Name, spec.Version, Name)
	}
	res, ok := spec.Resources[domino.Token]
	if !ok || !res.IsComponent {
		t.Fatalf("schema lacks the component %s (found %v)", domino.Token, ok)
	}
	if len(spec.Resources) != 1 || len(spec.Functions) != 0 {
		t.Errorf("the provider serves %d resources and %d functions, want only %s",
			len(spec.Resources), len(spec.Functions), domino.Token)
	}
}
