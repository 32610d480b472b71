package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// ANSI styles of the text output.
const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiReset  = "\x1b[0m"
)

// colorEnabled reports whether to colour output written to w: only on a
// terminal, never with --no-color or NO_COLOR set (https://no-color.org).
func colorEnabled(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// styler applies ANSI styles when colour is on.
type styler struct{ on bool }

func (s styler) wrap(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return code + text + ansiReset
}

func (s styler) bold(t string) string   { return s.wrap(ansiBold, t) }
func (s styler) dim(t string) string    { return s.wrap(ansiDim, t) }
func (s styler) yellow(t string) string { return s.wrap(ansiYellow, t) }
func (s styler) red(t string) string    { return s.wrap(ansiRed, t) }
func (s styler) green(t string) string  { return s.wrap(ansiGreen, t) }
