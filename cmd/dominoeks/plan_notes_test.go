package main

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlanTextPeopleRead: warnings that need action are apart from notes,
// both wrapped to $COLUMNS; the text ends with the next steps; the add-on
// version, unknown offline, is not printed as if it were real.
func TestPlanTextPeopleRead(t *testing.T) {
	t.Setenv("COLUMNS", "100")
	stdout, stderr, code := runCLI(t, "plan", "--no-color")
	require.Equal(t, 0, code, stderr)

	warnings := strings.Index(stdout, "\nWarnings (need action)\n")
	notes := strings.Index(stdout, "\nNotes\n")
	cost := strings.Index(stdout, "\nEstimated monthly cost")
	steps := strings.Index(stdout, "\nNext steps\n")
	require.True(t, warnings >= 0 && notes > warnings && cost > notes && steps > cost, "sections in order")
	for _, line := range strings.Split(stdout[warnings:cost], "\n") {
		assert.LessOrEqual(t, len([]rune(line)), 100, "wrapped to $COLUMNS: %q", line)
	}
	assert.Contains(t, stdout[warnings:notes], "hostname: not set", "a warning that needs action")
	assert.NotContains(t, stdout[warnings:notes], "docker bridge: not applicable", "a note is not a warning")
	assert.Contains(t, stdout[notes:cost], "docker bridge: not applicable")
	assert.True(t, strings.HasSuffix(strings.TrimSpace(stdout), "eks writes"), "ends with the next steps")
	for _, step := range []string{"dominoeks preflight", "pulumi stack init", "pulumi up", "installerValues", "ddlctl create config --preset"} {
		assert.Contains(t, stdout[steps:], step)
	}
	assert.NotContains(t, stdout, preview.EKSDefaultAddonVersion, "no placeholder add-on version")
	assert.NotContains(t, stdout, "EKS default (resolved at deploy)", "every add-on is pinned for the default version")
	for name := range domino.AddonVersions(domino.DominoEKSArgs{}) { // the default plan's add-ons
		pin, ok := awsfacts.AddonVersion(domino.DefaultKubernetesVersion, name)
		require.True(t, ok, name)
		assert.Contains(t, stdout, "addon="+name+"  version="+pin.Version, "the real pinned version")
	}
}

// TestNotePrefixesAreReal: every note prefix is one the default plan really
// produces, so a reworded warning cannot silently turn into a "needs action".
func TestNotePrefixesAreReal(t *testing.T) {
	doc := planJSON(t)
	var all []string
	for _, w := range doc["warnings"].([]any) {
		all = append(all, w.(string))
	}
	_, notes := splitNotes(all)
	assert.Len(t, notes, len(notePrefixes), "each prefix matches one default warning")
}

func TestWrap(t *testing.T) {
	assert.Equal(t, []string{"aaa bbb", "  ccc"}, wrap("aaa bbb ccc", 7, "  "))
	assert.Equal(t, []string{"averyveryverylongword", "  x"}, wrap("averyveryverylongword x", 5, "  "), "a long word stays whole")
	assert.Empty(t, wrap("", 10, ""))
}
