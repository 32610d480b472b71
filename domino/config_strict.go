package domino

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// jsonText is a value shown as the user wrote it (JSON), without quoting.
type jsonText string

// checkShape checks a JSON config value against the Go type it decodes into,
// as strictly as the top-level keys: object keys must match a field's name
// exactly (encoding/json would accept any case), and every leaf must have the
// field's JSON type. It returns the first problem, naming the field path
// (defaultPool.maxSize), the value and the fix, or nil.
func checkShape(path string, raw []byte, t reflect.Type) *FieldError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		// The hint follows the setting's type (a *bool is a boolean, not an
		// object): only lists and objects are written as JSON.
		switch derefType(t).Kind() {
		case reflect.Struct, reflect.Slice, reflect.Map:
			fix := "write lists and objects as YAML in the stack file, or as JSON with --set"
			if text := strings.TrimSpace(string(raw)); strings.ContainsAny(text[:min(1, len(text))], "[{") && !strings.Contains(text, `"`) {
				// [us-west-2a] or {maxSize:30}: the shell ate the JSON's quotes.
				fix += `; the value has no double quotes, as when a shell removes them: quote the whole argument, e.g. --set '` +
					path + `=["a","b"]'`
			}
			return &FieldError{Field: path, Value: jsonText(raw), Problem: "is not valid JSON for this setting", Fix: fix}
		}
		v = string(raw) // a bare word: report it as the string it is
	}
	return shapeOf(path, v, t)
}

func shapeOf(path string, v any, t reflect.Type) *FieldError {
	if v == nil { // null leaves the field unset
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrongType(path, v, "is not an object", "write it as an object, e.g. {\"minSize\": 1}")
		}
		fields := jsonFields(t)
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			ft, known := fields[key]
			if !known {
				return unknownKey(path+".", key, obj[key], t.Name()+" setting", slices.Sorted(maps.Keys(fields)))
			}
			if fe := shapeOf(path+"."+key, obj[key], ft); fe != nil {
				return fe
			}
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return wrongType(path, v, "is not a list", "write it as a list, e.g. [\"a\", \"b\"]")
		}
		for i, item := range list {
			if fe := shapeOf(fmt.Sprintf("%s[%d]", path, i), item, t.Elem()); fe != nil {
				return fe
			}
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrongType(path, v, "is not a map", "write it as an object of strings, e.g. {\"team\": \"data\"}")
		}
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			if fe := shapeOf(path+"["+key+"]", obj[key], t.Elem()); fe != nil {
				return fe
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return wrongType(path, v, "is not a string", "quote it, e.g. \""+jsonString(v)+"\"")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return wrongType(path, v, "is not a boolean", booleanFix(v))
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			return wrongType(path, v, "is not a number", "write a whole number without quotes, e.g. 3")
		}
		if _, err := strconv.Atoi(n.String()); err != nil {
			return wrongType(path, v, "is not a whole number", wholeNumberFix(n))
		}
	case reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return wrongType(path, v, "is not a number", "write a number without quotes, e.g. 128")
		}
	}
	return nil
}

// jsonFields maps the JSON names of a struct's fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = t.Field(i).Type
		}
	}
	return out
}

// unknownKey reports a key (under prefix) that names no setting, suggesting
// the closest known one.
func unknownKey(prefix, key string, v any, what string, known []string) *FieldError {
	fix := "use one of: " + strings.Join(known, ", ")
	if guess := closest(key, known); guess != "" {
		fix = "did you mean " + guess + "? (names are case-sensitive)"
	}
	return &FieldError{Field: prefix + key, Value: shown(v), Problem: "is not a " + what, Fix: fix}
}

func wrongType(path string, v any, problem, fix string) *FieldError {
	return &FieldError{Field: path, Value: shown(v), Problem: problem, Fix: fix}
}

// shown is a decoded JSON value as the user wrote it: strings quoted by
// FieldError, everything else as compact JSON.
func shown(v any) any {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return jsonText(fmt.Sprint(v))
	}
	return jsonText(b)
}

// jsonString is v's JSON text without quotes, for "quote it" fixes.
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.Trim(string(b), `"`)
}

// derefType is t without its pointers.
func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// booleanFix is the fix for a value that is not a boolean: true or false,
// and what a YAML-1.1 word such as yes or on means.
func booleanFix(v any) string {
	const fix = "write true or false, without quotes"
	s, ok := v.(string)
	if !ok {
		return fix
	}
	switch strings.ToLower(s) {
	case "yes", "y", "on", "1", "enabled", "enable":
		return fix + " (for " + s + ", write true)"
	case "no", "n", "off", "0", "disabled", "disable":
		return fix + " (for " + s + ", write false)"
	}
	return fix
}

// wholeNumberFix is the fix for a number that is not a whole number as
// written: exponent notation of a whole number (1e2) is written out.
func wholeNumberFix(n json.Number) string {
	f, err := n.Float64()
	if err == nil && f == math.Trunc(f) && math.Abs(f) <= float64(math.MaxInt32) {
		return fmt.Sprintf("write it without an exponent or decimal point: %d", int64(f))
	}
	return "write a whole number, e.g. 3"
}
