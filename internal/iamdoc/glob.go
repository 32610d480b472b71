package iamdoc

import "strings"

// splitRequested splits a requested resource into its literal prefix and
// whether it ends with the "any suffix" wildcard.
func splitRequested(requested string) (prefix string, open bool) {
	if strings.HasSuffix(requested, "*") {
		return strings.TrimSuffix(requested, "*"), true
	}
	return requested, false
}

// globStates runs the glob pattern as an NFA over the literal s and returns
// the set of pattern positions reachable afterwards (closed over "*"
// skipping). Position len(pattern) means the pattern is fully consumed.
func globStates(pattern, s string) map[int]bool {
	closure := func(set map[int]bool) map[int]bool {
		for i := 0; i < len(pattern); i++ {
			if set[i] && pattern[i] == '*' {
				set[i+1] = true
			}
		}
		return set
	}
	cur := closure(map[int]bool{0: true})
	for j := 0; j < len(s) && len(cur) > 0; j++ {
		next := map[int]bool{}
		for i := range cur {
			if i >= len(pattern) {
				continue
			}
			switch pattern[i] {
			case '*':
				next[i] = true
			case '?':
				next[i+1] = true
			default:
				if pattern[i] == s[j] {
					next[i+1] = true
				}
			}
		}
		cur = closure(next)
	}
	return cur
}

// GlobMatch reports whether pattern ("*" and "?" wildcards) matches s.
func GlobMatch(pattern, s string) bool {
	return globStates(pattern, s)[len(pattern)]
}

// globCovers reports whether pattern matches every resource that requested
// denotes.
func globCovers(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	if !open {
		return GlobMatch(pattern, prefix)
	}
	// Every suffix must match: some reachable state must have only "*" left.
	for i := range globStates(pattern, prefix) {
		if rest := pattern[i:]; rest != "" && strings.Trim(rest, "*") == "" {
			return true
		}
	}
	return false
}

// globIntersects reports whether pattern matches at least one resource that
// requested denotes.
func globIntersects(pattern, requested string) bool {
	prefix, open := splitRequested(requested)
	if !open {
		return GlobMatch(pattern, prefix)
	}
	// Any reachable state can be completed by some suffix.
	return len(globStates(pattern, prefix)) > 0
}
