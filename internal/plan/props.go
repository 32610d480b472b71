package plan

import (
	"fmt"
	"strconv"
)

// Helpers reading preview's plain property values (maps, slices, float64).

// path walks nested maps and slices: keys select map entries, ints slice elements.
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch key := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[key]
		case int:
			s, ok := v.([]any)
			if !ok || key < 0 || key >= len(s) {
				return nil
			}
			v = s[key]
		default:
			return nil
		}
	}
	return v
}

// str returns v as a string ("" when it is not one).
func str(v any) string {
	s, _ := v.(string)
	return s
}

// num returns v as a number; strings holding numbers count.
func num(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// intOf returns v as an int, or def.
func intOf(v any, def int) int {
	if f, ok := num(v); ok {
		return int(f)
	}
	return def
}

// stringList returns v as a list of strings, skipping non-strings.
func stringList(v any) []string {
	s, _ := v.([]any)
	out := make([]string, 0, len(s))
	for _, e := range s {
		if x, ok := e.(string); ok {
			out = append(out, x)
		}
	}
	return out
}

// stringMap returns v as a map of strings, formatting non-string values.
func stringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, e := range m {
		if s, ok := e.(string); ok {
			out[k] = s
		} else {
			out[k] = fmt.Sprint(e)
		}
	}
	return out
}
