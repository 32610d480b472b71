package tests

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/provider/schemagen"
)

// TestSDKGeneration generates the TypeScript and Python SDKs from schema.json
// in-process and checks the files and declarations a consumer relies on.
// (`make sdk-check` additionally type-checks the TypeScript SDK and the
// TypeScript example with tsc.)
func TestSDKGeneration(t *testing.T) {
	_, spec := schemaFile(t)
	for _, tc := range []struct {
		lang string
		// want maps a generated file to strings it must contain.
		want map[string][]string
	}{
		{"nodejs", map[string][]string{
			"dominoEKS.ts": {
				"export class DominoEKS extends pulumi.ComponentResource",
				"'" + domino.Token + "'",
				"export interface DominoEKSArgs",
				"platformPool?: pulumi.Input<inputs.NodePoolArgs | undefined>;",
				"declare public /*out*/ readonly installerValues: pulumi.Output<string>;",
			},
			"index.ts":       {"DominoEKS"},
			"types/input.ts": {"export interface NodePoolArgs", "export interface TaintArgs"},
			"package.json":   {`"name": "@dominoeks/pulumi-dominoeks"`, `"@pulumi/pulumi"`},
			"tsconfig.json":  {"dominoEKS.ts"},
			"utilities.ts":   nil,
		}},
		{"python", map[string][]string{
			"pulumi_dominoeks/domino_eks.py": {
				"class DominoEKS(pulumi.ComponentResource)",
				"class DominoEKSArgs:",
				"'" + domino.Token + "'",
				"def installer_values(self) -> pulumi.Output[_builtins.str]:",
			},
			"pulumi_dominoeks/_inputs.py":    {"class NodePoolArgs:", "class TaintArgs:"},
			"pulumi_dominoeks/__init__.py":   {"from .domino_eks import *"},
			"pulumi_dominoeks/_utilities.py": nil,
			"pyproject.toml":                 {`name = "pulumi_dominoeks"`},
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			files, err := schemagen.GenerateSDK(tc.lang, spec)
			if err != nil {
				t.Fatal(err)
			}
			for path, wants := range tc.want {
				content, ok := files[path]
				if !ok {
					t.Errorf("%s SDK has no %s; files: %v", tc.lang, path, schemaKeys(files))
					continue
				}
				for _, w := range wants {
					if !strings.Contains(string(content), w) {
						t.Errorf("%s SDK %s does not contain %q", tc.lang, path, w)
					}
				}
			}
			if tc.lang == "nodejs" {
				var pkg struct {
					Name    string `json:"name"`
					Version string `json:"version"`
				}
				if err := json.Unmarshal(files["package.json"], &pkg); err != nil {
					t.Fatalf("package.json: %v", err)
				}
				if pkg.Version != spec.Version {
					t.Errorf("package.json version %q, want the schema's %q", pkg.Version, spec.Version)
				}
			}
			if tc.lang == "python" {
				sdkCompilePython(t, files)
			}
		})
	}
}

// sdkCompilePython byte-compiles the generated Python SDK when python3 is
// installed: a syntax error in generated code fails (no network needed).
func sdkCompilePython(t *testing.T, files map[string][]byte) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not installed: generated Python not compiled")
		return
	}
	dir := t.TempDir()
	if err := schemagen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-m", "compileall", "-q", filepath.Join(dir, "pulumi_dominoeks"))
	cmd.Env = append(cmd.Environ(), "PYTHONPYCACHEPREFIX="+filepath.Join(dir, ".pycache"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("generated Python does not compile: %v\n%s", err, out)
	}
}
