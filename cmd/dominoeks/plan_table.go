package main

import (
	"regexp"
	"strings"
)

// tableIndent starts every table line; tableGap separates columns.
const (
	tableIndent = "  "
	tableGap    = 2
)

// ansiCode matches the escape codes the styler adds.
var ansiCode = regexp.MustCompile("\x1b\\[[0-9;]*m")

// visibleWidth is the number of columns s takes on a terminal.
func visibleWidth(s string) int { return len([]rune(ansiCode.ReplaceAllString(s, ""))) }

// padRight pads s with spaces to width visible columns.
func padRight(s string, width int) string {
	if n := width - visibleWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// layoutTable lays rows of cells out in aligned columns within width
// (indent included). When the columns' natural widths do not fit, the widest
// columns whose cells can break (at spaces, after commas) are narrowed and
// their cells wrapped onto continuation lines; a word longer than its
// column is split only when nothing else fits.
func layoutTable(rows [][]string, width int) []string {
	widths := naturalWidths(rows)
	narrow(widths, rows, width)
	var out []string
	for _, r := range rows {
		cells := make([][]string, len(r))
		height := 1
		for i, c := range r {
			cells[i] = []string{c}
			if visibleWidth(c) > widths[i] {
				cells[i] = wrapCell(ansiCode.ReplaceAllString(c, ""), widths[i])
			}
			height = max(height, len(cells[i]))
		}
		for line := 0; line < height; line++ {
			parts := make([]string, len(r))
			for i := range r {
				if line < len(cells[i]) {
					parts[i] = cells[i][line]
				}
			}
			out = append(out, joinCells(parts, widths))
		}
	}
	return out
}

// layoutTree lays out the resource tree's rows (name, type, settings)
// within width: a row whose trailing cells do not fit keeps its name (and
// type, when that fits) and moves the rest below it, wrapped, after its
// continuation lead cont[i] (the tree's vertical lines).
func layoutTree(rows [][]string, conts []string, width int) []string {
	widths := naturalWidths(rows)
	var out []string
	for i, r := range rows {
		// keep is how many leading cells stay on the row's line.
		keep := len(r)
		for keep > 1 && lineWidth(r[:keep], widths) > width {
			keep--
		}
		out = append(out, joinCells(r[:keep], widths))
		rest := strings.Join(nonEmpty(append([]string{}, r[keep:]...)), "  ")
		if rest == "" {
			continue
		}
		lead := tableIndent + conts[i] + "  "
		for _, l := range wrapCell(ansiCode.ReplaceAllString(rest, ""), max(width-visibleWidth(lead), 20)) {
			out = append(out, strings.TrimRight(lead+l, " "))
		}
	}
	return out
}

// naturalWidths is the widest cell of each column.
func naturalWidths(rows [][]string) []int {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], visibleWidth(c))
		}
	}
	return widths
}

// lineWidth is the width of cells laid out in columns of widths (the last
// cell unpadded).
func lineWidth(cells []string, widths []int) int {
	w := len(tableIndent)
	for i, c := range cells {
		if i == len(cells)-1 {
			return w + visibleWidth(c)
		}
		w += widths[i] + tableGap
	}
	return w
}

// joinCells pads every cell but the last to its column's width.
func joinCells(cells []string, widths []int) string {
	var b strings.Builder
	b.WriteString(tableIndent)
	for i, c := range cells {
		if i < len(cells)-1 {
			b.WriteString(padRight(c, widths[i]+tableGap))
		} else {
			b.WriteString(c)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// narrow reduces widths until a row fits in width: first the widest column
// that still holds its longest word, then (when that is not enough) any
// column down to four characters.
func narrow(widths []int, rows [][]string, width int) {
	total := len(tableIndent) + tableGap*(len(widths)-1)
	for _, w := range widths {
		total += w
	}
	words := longestWords(rows, len(widths))
	for _, floor := range []func(int) int{func(i int) int { return max(words[i], 4) }, func(int) int { return 4 }} {
		for total > width {
			best := -1
			for i, w := range widths {
				if w > floor(i) && (best < 0 || w > widths[best]) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			widths[best]--
			total--
		}
	}
}

// longestWords is, per column, the widest piece wrapCell never breaks.
func longestWords(rows [][]string, n int) []int {
	out := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			for _, p := range pieces(ansiCode.ReplaceAllString(c, "")) {
				out[i] = max(out[i], len([]rune(strings.TrimSpace(p))))
			}
		}
	}
	return out
}

// pieces splits text where a cell may break: before a space (kept with the
// next piece) and after a comma.
func pieces(text string) []string {
	var out []string
	cur := ""
	for _, r := range text {
		switch {
		case r == ' ' && cur != "" && !strings.HasSuffix(cur, " "):
			out = append(out, cur)
			cur = " "
		case r == ',':
			out = append(out, cur+",")
			cur = ""
		default:
			cur += string(r)
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// wrapCell breaks text into lines of at most width columns at spaces and
// after commas, splitting a piece longer than width.
func wrapCell(text string, width int) []string {
	width = max(width, 1)
	var lines []string
	line := ""
	for _, p := range pieces(text) {
		if line != "" && len([]rune(line+p)) > width {
			lines = append(lines, strings.TrimRight(line, " "))
			line = ""
		}
		if line == "" {
			p = strings.TrimLeft(p, " ")
		}
		for r := []rune(p); len(r) > width; r = []rune(p) {
			lines = append(lines, string(r[:width]))
			p = string(r[width:])
		}
		line += p
	}
	if strings.TrimSpace(line) != "" || len(lines) == 0 {
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}
