package main

import (
	"context"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// readme returns the repository's README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	return string(b)
}

// readmeSection returns the README from the heading line to the next heading
// of the same or a higher level.
func readmeSection(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README has no %q section", heading)
	rest := doc[i+1+len(heading):]
	level := strings.Count(strings.Fields(heading)[0], "#")
	for j := 0; j < len(rest); j++ {
		if rest[j] == '\n' && strings.HasPrefix(rest[j+1:], strings.Repeat("#", level)+" ") {
			return rest[:j]
		}
	}
	return rest
}

// tableRows returns the cells of a section's Markdown table rows, header and
// separator left out.
func tableRows(section string) [][]string {
	var rows [][]string
	header := true
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if header || strings.HasPrefix(cells[0], "---") {
			header = false
			continue
		}
		rows = append(rows, cells)
	}
	return rows
}

var backticked = regexp.MustCompile("`([^`]+)`")

// TestREADMEArgumentsTableMatchesTheArgs: the README's arguments table lists
// every DominoEKSArgs key, and none that does not exist; the defaults it
// quotes for versions are the binary's.
func TestREADMEArgumentsTableMatchesTheArgs(t *testing.T) {
	section := readmeSection(t, readme(t), "## Arguments (`DominoEKSArgs`)")
	documented := map[string]string{}
	for _, row := range tableRows(section) {
		for _, m := range backticked.FindAllStringSubmatch(row[0], -1) {
			documented[m[1]] = strings.Join(row, " | ")
		}
	}
	keys := slices.Sorted(maps.Keys(documented))
	for _, key := range domino.ConfigKeys() {
		assert.Contains(t, keys, key, "README's arguments table lacks %s", key)
	}
	for key := range documented {
		assert.Contains(t, domino.ConfigKeys(), key, "README's arguments table documents %s, which is no argument", key)
	}
	newest := awsfacts.KubernetesCalendar[len(awsfacts.KubernetesCalendar)-1].Version
	assert.Contains(t, documented["kubernetesVersion"], "`"+domino.DefaultKubernetesVersion+"`", "the default version")
	assert.Contains(t, documented["kubernetesVersion"], "1.32–"+newest, "the accepted range")
	assert.Contains(t, documented["vpcCidr"], "`"+domino.DefaultVpcCidr+"`")
}

// TestREADMEVpcCidrRangeHoldsForTheDefaultPools: the vpcCidr sizes the README
// says fit the default pools plan; the next smaller one is refused naming
// vpcCidr, as the README says.
func TestREADMEVpcCidrRangeHoldsForTheDefaultPools(t *testing.T) {
	row := readmeSection(t, readme(t), "## Arguments (`DominoEKSArgs`)")
	m := regexp.MustCompile(`so /16–/(\d+); a /(\d+) or /20 is refused naming ` + "`vpcCidr`").FindStringSubmatch(row)
	require.NotNil(t, m, "README states the vpcCidr sizes the default pools need")
	largest, _ := strconv.Atoi(m[1])
	_, stderr, code := runCLI(t, "plan", "--json", "--set", fmt.Sprintf("vpcCidr=10.0.0.0/%d", largest))
	assert.Equal(t, 0, code, stderr)
	_, stderr, code = runCLI(t, "plan", "--set", "vpcCidr=10.0.0.0/"+m[2])
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `vpcCidr = "10.0.0.0/`+m[2]+`"`)
}

// TestREADMEFiguresMatchThePlan: the cost and critical-path figures the
// README quotes for the default stack are the binary's.
func TestREADMEFiguresMatchThePlan(t *testing.T) {
	t.Setenv(todayEnv, awsfacts.CalendarDate)
	doc := readme(t)
	plan := planJSON(t)
	cost := plan["cost"].(map[string]any)
	m := regexp.MustCompile(`The default stack: about \$([\d,]+)/month at minimum pool sizes, \$([\d,]+) at maximum`).FindStringSubmatch(doc)
	require.NotNil(t, m, "README quotes the default stack's cost")
	assert.Equal(t, dollars(cost["monthlyMin"].(float64)), m[1], "minimum cost")
	assert.Equal(t, dollars(cost["monthlyMax"].(float64)), m[2], "maximum cost")

	cp := plan["criticalPath"].(map[string]any)["range"].(map[string]any)
	m = regexp.MustCompile(`Default stack: ([\d,]+) s typical \(fast ([\d,]+) s, slow ([\d,]+) s\)`).FindStringSubmatch(doc)
	require.NotNil(t, m, "README quotes the default stack's critical path")
	for i, k := range []string{"typical", "fast", "slow"} {
		assert.Equal(t, dollars(cp[k].(float64)), m[i+1], "critical path %s", k)
	}
}

// dollars formats a figure rounded to a whole number with thousands commas.
func dollars(v float64) string {
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestREADMELayoutNamesEveryCommand: the layout's cmd/dominoeks line names
// every command of the binary.
func TestREADMELayoutNamesEveryCommand(t *testing.T) {
	layout := readmeSection(t, readme(t), "## Layout")
	i := strings.Index(layout, "cmd/dominoeks/")
	require.GreaterOrEqual(t, i, 0)
	entry := layout[i:]
	if j := strings.Index(entry, "\ncmd/pulumi-resource-dominoeks/"); j > 0 {
		entry = entry[:j]
	}
	for _, c := range newRootCmd().Commands() {
		assert.Contains(t, entry, c.Name(), "README's layout omits the %s command", c.Name())
	}
}

// TestSampleStackFilePlans: the sample stack file the README points to
// plans (exit 0) and its settings reach the plan.
func TestSampleStackFilePlans(t *testing.T) {
	path := filepath.Join("..", "..", "examples", "default", "Pulumi.prod.yaml")
	assert.Contains(t, readme(t), "dominoeks plan --config examples/default/Pulumi.prod.yaml")
	doc := planJSON(t, "--config", path)
	assert.Equal(t, "domino-prod", doc["outputs"].(map[string]any)["clusterName"])
}

// TestREADMEExitCodes: every row of the README's exit code table, run
// against the binary; every command has its rows.
func TestREADMEExitCodes(t *testing.T) {
	rows := tableRows(readmeSection(t, readme(t), "## Exit codes"))
	require.NotEmpty(t, rows)
	passReport := &checker.Report{Cluster: "domino", Region: "us-west-2", Results: []checker.Result{{ID: checker.CheckPlatformPool, Status: checker.StatusPass}}}
	failReport := &checker.Report{Cluster: "domino", Region: "us-west-2", Results: []checker.Result{{ID: checker.CheckPlatformPool, Status: checker.StatusFail}}}
	stubReports := func(t *testing.T, rep *checker.Report) {
		origCheck, origPre := runChecks, runPreflightChecks
		runChecks = func(context.Context, checker.Options, time.Duration) (*checker.Report, error) { return rep, nil }
		runPreflightChecks = func(context.Context, preflight.Demand, preflight.Options, time.Duration) (*checker.Report, error) {
			return rep, nil
		}
		t.Cleanup(func() { runChecks, runPreflightChecks = origCheck, origPre })
	}
	scenarios := map[string]func(t *testing.T) []string{
		"plan 0": func(*testing.T) []string { return []string{"plan", "--json"} },
		"plan 1": func(t *testing.T) []string {
			old, _, code := runCLI(t, "plan", "--json")
			require.Equal(t, 0, code)
			path := filepath.Join(t.TempDir(), "old.json")
			require.NoError(t, os.WriteFile(path, []byte(old), 0o600))
			return []string{"plan", "--compare", path, "--region", "eu-west-1"}
		},
		"plan 2":      func(*testing.T) []string { return []string{"plan", "--set", "natMode=sometimes"} },
		"preflight 0": func(t *testing.T) []string { stubReports(t, passReport); return []string{"preflight"} },
		"preflight 1": func(t *testing.T) []string { stubReports(t, failReport); return []string{"preflight"} },
		"preflight 2": func(*testing.T) []string { return []string{"preflight", "--set", "natMode=sometimes"} },
		"check 0": func(t *testing.T) []string {
			stubReports(t, passReport)
			return []string{"check", "--cluster", "domino"}
		},
		"check 1": func(t *testing.T) []string {
			stubReports(t, failReport)
			return []string{"check", "--cluster", "domino"}
		},
		"check 2": func(*testing.T) []string {
			return []string{"check", "--kubeconfig", "/dev/zero", "--cluster", "domino"}
		},
		"tunnel 0": func(t *testing.T) []string {
			newTunnelWorld(t, true)
			return []string{"tunnel", "--cluster", "domino", "--region", "us-west-2", "--print"}
		},
		"tunnel 2": func(*testing.T) []string { return []string{"tunnel", "--region", "us-west-2"} },
	}
	var documented []string
	for _, row := range rows {
		cmd := strings.Trim(row[0], "`")
		key := cmd + " " + row[1]
		documented = append(documented, key)
		t.Run(key, func(t *testing.T) {
			scenario, ok := scenarios[key]
			require.True(t, ok, "README documents exit %s for %s, which no scenario here shows", row[1], cmd)
			want, _ := strconv.Atoi(row[1])
			stdout, stderr, code := runCLI(t, scenario(t)...)
			assert.Equal(t, want, code, "%s: stdout %.300s stderr %.300s", row[2], stdout, stderr)
		})
	}
	for key := range scenarios {
		assert.Contains(t, documented, key, "README's exit code table lacks %q", key)
	}
	for _, c := range newRootCmd().Commands() {
		if c.Name() != "version" {
			assert.True(t, slices.ContainsFunc(documented, func(k string) bool { return strings.HasPrefix(k, c.Name()+" ") }),
				"README's exit code table lacks the %s command", c.Name())
		}
	}
}

// TestREADMELimitCount: the number of limits the README quotes is the
// table's.
func TestREADMELimitCount(t *testing.T) {
	m := regexp.MustCompile(`Beyond the checks above, (\d+) documented AWS, EKS and Kubernetes limits`).FindStringSubmatch(readme(t))
	require.NotNil(t, m)
	assert.Equal(t, strconv.Itoa(len(domino.Limits())), m[1])
}
