// Package kubesetup is the format of the kubernetesSetup output: the helm and
// kubectl steps `up` leaves for the operator when the Kubernetes API is not
// reachable during `up` (domino/kubepath.go writes them). The plan reads the
// same steps back (the Calico release, Karpenter's NodePools), so the format
// is written and parsed in one place.
package kubesetup

import (
	"bufio"
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"
)

// Header opens the script: how to run it.
const Header = "#!/bin/sh\n" +
	"# Run with the kubeconfig `dominoeks tunnel` writes (KUBECONFIG set), after `pulumi up`:\n" +
	"#   pulumi stack output kubernetesSetup --show-secrets | sh\n" +
	"set -eu\n"

const (
	helmPrefix   = "helm upgrade --install "
	applyOpening = "kubectl apply -f - <<'EOF'"
	heredocEnd   = "EOF"
)

// Chart is a Helm release a step installs.
type Chart struct {
	Release, Namespace string
	// Chart is an OCI reference (oci://…) or a chart name in Repo.
	Chart string
	// Repo is the chart repository URL ("" for an OCI chart).
	Repo    string
	Version string
}

// HelmStep is the command that installs c with the values document values (YAML).
func HelmStep(c Chart, values []byte) string {
	repo := ""
	if c.Repo != "" {
		repo = " --repo " + c.Repo
	}
	return fmt.Sprintf("%s%s %s%s --version %s --namespace %s --create-namespace --atomic --values - <<'EOF'\n%s%s\n",
		helmPrefix, c.Release, c.Chart, repo, c.Version, c.Namespace, values, heredocEnd)
}

// ApplyStep is the command that applies the manifest doc (YAML).
func ApplyStep(doc []byte) string {
	return applyOpening + "\n" + string(doc) + heredocEnd + "\n"
}

// Script joins steps under Header ("" without steps).
func Script(steps []string) string {
	if len(steps) == 0 {
		return ""
	}
	return Header + strings.Join(steps, "\n")
}

// Steps is what a script installs: its charts and the objects it applies.
type Steps struct {
	Charts  []Chart
	Objects []map[string]any
}

// Parse reads a script HelmStep, ApplyStep and Script wrote.
func Parse(script string) (Steps, error) {
	var out Steps
	sc := bufio.NewScanner(strings.NewReader(script))
	sc.Buffer(make([]byte, 0, 64*1024), len(script)+1)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, helmPrefix):
			out.Charts = append(out.Charts, parseHelm(line))
			if _, err := heredoc(sc); err != nil {
				return Steps{}, err
			}
		case line == applyOpening:
			doc, err := heredoc(sc)
			if err != nil {
				return Steps{}, err
			}
			var obj map[string]any
			if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
				return Steps{}, fmt.Errorf("kubernetesSetup: a kubectl apply step: %w", err)
			}
			out.Objects = append(out.Objects, obj)
		}
	}
	return out, sc.Err()
}

// heredoc reads the lines up to the closing EOF.
func heredoc(sc *bufio.Scanner) (string, error) {
	var b strings.Builder
	for sc.Scan() {
		if sc.Text() == heredocEnd {
			return b.String(), nil
		}
		b.WriteString(sc.Text())
		b.WriteByte('\n')
	}
	return "", fmt.Errorf("kubernetesSetup: a step has no closing %s", heredocEnd)
}

// parseHelm reads the release, chart and flags of a HelmStep's first line.
func parseHelm(line string) Chart {
	f := strings.Fields(strings.TrimPrefix(line, helmPrefix))
	var c Chart
	if len(f) >= 2 {
		c.Release, c.Chart = f[0], f[1]
	}
	for i := 2; i+1 < len(f); i++ {
		switch f[i] {
		case "--repo":
			c.Repo = f[i+1]
		case "--version":
			c.Version = f[i+1]
		case "--namespace":
			c.Namespace = f[i+1]
		}
	}
	return c
}
