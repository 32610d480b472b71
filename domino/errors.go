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
	return fmt.Sprintf("%s = %s: %s; %s", e.Field, formatValue(e.Value), e.Problem, e.Fix)
}

func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case *int:
		if x == nil {
			return "<unset>"
		}
		return fmt.Sprint(*x)
	default:
		return fmt.Sprint(x)
	}
}

// ValidationError holds every problem found in a DominoEKSArgs.
type ValidationError struct {
	// Problems lists each invalid field.
	Problems []*FieldError
}

// Error implements error: one problem per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
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
