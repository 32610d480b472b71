package tests

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// TestProviderPluginManifest checks what `pulumi package add <repo>` relies
// on: PulumiPlugin.yaml at the root declares the go runtime, and the Go
// language host, which runs `go build` in that directory, finds a main
// package there.
func TestProviderPluginManifest(t *testing.T) {
	root := provRoot(t)
	proj, err := workspace.LoadPluginProject(filepath.Join(root, "PulumiPlugin.yaml"))
	if err != nil {
		t.Fatalf("PulumiPlugin.yaml: %v", err)
	}
	if got := proj.Runtime.Name(); got != "go" {
		t.Errorf("PulumiPlugin.yaml runtime %q, want go", got)
	}
	cmd := exec.Command("go", "list", "-f", "{{.Name}} {{join .Imports \" \"}}", ".")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Go language host builds the package next to PulumiPlugin.yaml, but there is none: "+
			"add the root main.go that runs internal/provider (go list: %v: %s)", err, strings.TrimSpace(string(out)))
	}
	fields := strings.Fields(string(out))
	if len(fields) == 0 || fields[0] != "main" {
		t.Fatalf("the package next to PulumiPlugin.yaml is %q, want a main package", out)
	}
	if !strings.Contains(string(out), "github.com/dominoeks/pulumi-dominoeks/internal/provider") {
		t.Errorf("the root main package does not run internal/provider: imports %s", out)
	}
}
