package main

import "strings"

// fitLine returns a line of a YAML-like block (installer values, a
// manifest) that fits width columns: a longer one keeps its key and the
// value's beginning and end, the middle elided with "…" (an ARN stays
// recognisable; `plan --json` has every value whole). shortened reports
// whether the line changed.
func fitLine(line string, width int) (out string, shortened bool) {
	r := []rune(line)
	if len(r) <= width {
		return line, false
	}
	keep := 0 // the indent and key stay whole
	if i := strings.Index(line, ": "); i >= 0 {
		keep = len([]rune(line[:i+2]))
	}
	room := width - keep - 1 // one column for "…"
	if room < 8 {
		return string(r[:width-1]) + "…", true
	}
	tail := room / 3
	head := room - tail
	value := r[keep:]
	return string(r[:keep]) + string(value[:head]) + "…" + string(value[len(value)-tail:]), true
}

// sectionLines is a section heading wrapped to width: the subject on the
// first line, what does not fit on indented lines below.
func sectionLines(title string, width int) []string {
	if len([]rune(title)) <= width {
		return []string{title}
	}
	// The subject first, its details (the last parenthesis) on the next lines.
	if i := strings.LastIndex(title, " ("); i > 0 && len([]rune(title[:i])) <= width {
		details := wrap(title[i+1:], width-2, "  ")
		details[0] = "  " + details[0]
		return append([]string{title[:i]}, details...)
	}
	return wrap(title, width-2, "  ")
}
