package iamdoc

import "strings"

// IAM wildcards: "*" matches any sequence (also empty), "?" any one character.

// splitRequested splits a requested resource into its literal prefix and
// whether it ends with the "any suffix" wildcard.
func splitRequested(requested string) (prefix string, open bool) {
	if strings.HasSuffix(requested, "*") {
		return strings.TrimSuffix(requested, "*"), true
	}
	return requested, false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// globMatch reports whether pattern matches s, comparing ASCII letters
// case-insensitively when fold is set. It backtracks to the last "*" only,
// so it runs in O(len(pattern)·len(s)) without allocating.
func globMatch(pattern, s string, fold bool) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i] || fold && lower(pattern[p]) == lower(s[i])):
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// GlobMatch reports whether pattern ("*" and "?" wildcards) matches s, case-sensitively.
func GlobMatch(pattern, s string) bool { return globMatch(pattern, s, false) }

// globStates runs the glob pattern as an NFA over the literal s and returns
// the pattern positions reachable afterwards (closed over "*" skipping);
// position len(pattern) means the pattern is fully consumed.
func globStates(pattern, s string) []bool {
	cur, next := make([]bool, len(pattern)+1), make([]bool, len(pattern)+1)
	closure := func(set []bool) {
		for i := 0; i < len(pattern); i++ {
			if set[i] && pattern[i] == '*' {
				set[i+1] = true
			}
		}
	}
	cur[0] = true
	closure(cur)
	for j := 0; j < len(s); j++ {
		clear(next)
		any := false
		for i := 0; i < len(pattern); i++ {
			if !cur[i] {
				continue
			}
			switch pattern[i] {
			case '*':
				next[i], any = true, true
			case '?':
				next[i+1], any = true, true
			default:
				if pattern[i] == s[j] {
					next[i+1], any = true, true
				}
			}
		}
		if !any {
			return next
		}
		closure(next)
		cur, next = next, cur
	}
	return cur
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// globCovers reports whether pattern matches every resource that requested
// denotes.
func globCovers(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	switch {
	case pattern == "*":
		return true
	case !open:
		return GlobMatch(pattern, prefix)
	case !hasWildcard(pattern):
		return false // a literal covers one resource, not every suffix
	}
	// Every suffix must match: some reachable state must have only "*" left.
	for i, reached := range globStates(pattern, prefix) {
		if rest := pattern[i:]; reached && rest != "" && strings.Trim(rest, "*") == "" {
			return true
		}
	}
	return false
}

// globIntersects reports whether pattern matches at least one resource that
// requested denotes.
func globIntersects(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	switch {
	case pattern == "*":
		return true
	case !open:
		return GlobMatch(pattern, prefix)
	case !hasWildcard(pattern):
		return strings.HasPrefix(pattern, prefix)
	}
	// Any reachable state can be completed by some suffix.
	for _, reached := range globStates(pattern, prefix) {
		if reached {
			return true
		}
	}
	return false
}
