package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// defaultColumns is the width plan's free text is wrapped to when $COLUMNS
// does not say otherwise.
const defaultColumns = 120

// textColumns is the width to wrap free text to: $COLUMNS when it is a
// sensible number, else 120.
func textColumns() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	return defaultColumns
}

// notePrefixes start the component's warnings that need no action: they say
// how the defaults work. Every other warning asks the user to act. (The JSON
// document keeps them all in "warnings", its stable contract.)
var notePrefixes = []string{
	"docker bridge: not applicable to AL2023",
	"domino-compute-storage: not created by Pulumi",
	"KMS key: an EFS file system's key is fixed at creation",
	"KMS key: its policy grants the EC2 Auto Scaling service-linked role",
}

// splitNotes separates informational notes from warnings that need action.
func splitNotes(all []string) (warnings, notes []string) {
	for _, w := range all {
		note := false
		for _, p := range notePrefixes {
			if strings.HasPrefix(w, p) {
				note = true
				break
			}
		}
		if note {
			notes = append(notes, w)
		} else {
			warnings = append(warnings, w)
		}
	}
	return warnings, notes
}

// wrap breaks text into lines of at most width columns (a word longer than
// the width stays whole); each line after the first is indented by indent.
func wrap(text string, width int, indent string) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i := 1; i < len(lines); i++ {
		lines[i] = indent + lines[i]
	}
	return lines
}

// nextSteps are what a user does after a plan they like: the command, then
// what it does.
var nextSteps = [][2]string{
	{"dominoeks preflight [--config FILE]", "check the account: quotas, instance offerings, names, tools (read-only)"},
	{"pulumi stack init <stack>", "then pulumi config set aws:region <region> and your dominoeks: settings"},
	{"pulumi up", "create the deployment (15-30 minutes)"},
	{"pulumi stack output installerValues", "merge into the configuration ddlctl create config --preset eks writes"},
}

// writeWarnings writes the warnings that need action, then the notes, wrapped
// to the terminal's width.
func (t *textWriter) writeWarnings(all []string) {
	width := textColumns()
	warnings, notes := splitNotes(all)
	t.section("Warnings (need action)")
	if len(warnings) == 0 {
		t.printf("  none\n")
	}
	for _, w := range warnings {
		t.printf("  %s %s\n", t.s.yellow("!"), strings.Join(wrap(w, width-4, "    "), "\n"))
	}
	if len(notes) > 0 {
		t.section("Notes")
		for _, n := range notes {
			t.printf("  · %s\n", strings.Join(wrap(n, width-4, "    "), "\n"))
		}
	}
}

// writeNextSteps ends the text with what to do next.
func (t *textWriter) writeNextSteps() {
	t.section("Next steps")
	rows := make([][]string, 0, len(nextSteps))
	for i, s := range nextSteps {
		rows = append(rows, []string{fmt.Sprintf("%d. %s", i+1, s[0]), s[1]})
	}
	t.table(rows)
}
