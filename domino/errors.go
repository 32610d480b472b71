package domino

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError is a configuration error: it names the field, the offending
// value, what is wrong and how to fix it.
type FieldError struct {
	// Field is the argument path, e.g. "platformPool.minSize".
	Field string
	// Value is the offending value as the user wrote it.
	Value any
	// Problem says what is wrong with the value.
	Problem string
	// Fix says how to correct it.
	Fix string
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %s: %s; %s", e.Field, formatValue(e.Value), shortenWords(e.Problem), shortenWords(e.Fix))
}

// withoutValue is the error without its value, for a field and value an
// earlier problem of the same report has shown already.
func (e *FieldError) withoutValue() string {
	return fmt.Sprintf("%s (the value above): %s; %s", e.Field, shortenWords(e.Problem), shortenWords(e.Fix))
}

func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", Shorten(x))
	case []string:
		return Shorten("[" + strings.Join(x, ", ") + "]")
	case *int:
		if x == nil {
			return "<unset>"
		}
		return fmt.Sprint(*x)
	default:
		return Shorten(fmt.Sprint(x))
	}
}

// MaxEchoed is the most characters of a value an error message repeats.
const MaxEchoed = 80

// Shorten returns s, or for a value longer than MaxEchoed its beginning and
// its length: a 100,000-character value is not echoed back whole.
func Shorten(s string) string {
	r := []rune(s)
	if len(r) <= MaxEchoed {
		return s
	}
	return fmt.Sprintf("%s… (%d characters)", string(r[:MaxEchoed-20]), len(r))
}

// shortenWords shortens every word of a message longer than MaxEchoed (a
// value a problem quotes, e.g. a bucket name derived from it); URLs (cited
// sources) stay whole.
func shortenWords(s string) string {
	if len(s) <= MaxEchoed {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.Contains(w, "://") {
			continue // a cited source, not a value: kept whole
		}
		core := strings.TrimRight(w, ",.;:")
		words[i] = Shorten(core) + w[len(core):]
	}
	return strings.Join(words, " ")
}

// ValidationError holds every problem found in a DominoEKSArgs.
type ValidationError struct {
	// Problems lists each invalid field.
	Problems []*FieldError
}

// Error implements error: one problem per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	shown := map[string]bool{}
	for i, p := range e.Problems {
		// A value is echoed once: a long one would otherwise fill the screen
		// for each problem it causes.
		key := p.Field + "\x00" + formatValue(p.Value)
		if shown[key] && len(formatValue(p.Value)) > 20 {
			lines[i] = p.withoutValue()
			continue
		}
		shown[key] = true
		lines[i] = p.Error()
	}
	if len(lines) == 1 {
		return "invalid DominoEKS configuration: " + lines[0]
	}
	return "invalid DominoEKS configuration:\n  " + strings.Join(lines, "\n  ")
}

// Unwrap exposes each problem to errors.As / errors.Is.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// problems collects FieldErrors while validating.
type problems struct{ list []*FieldError }

func (p *problems) add(field string, value any, problem, fix string) {
	p.list = append(p.list, &FieldError{Field: field, Value: value, Problem: problem, Fix: fix})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: p.list}
}

// IsValidationError reports whether err is (or wraps) a configuration error.
func IsValidationError(err error) bool {
	var ve *ValidationError
	var fe *FieldError
	return errors.As(err, &ve) || errors.As(err, &fe)
}
