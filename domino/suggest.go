package domino

import "strings"

// closest returns the candidate nearest to word by edit distance (ignoring
// case), or "" when none is close enough to be a plausible typo: at most a
// third of the word's length, and at least 1. Ties go to the candidate sharing
// the longer prefix with word (us-weast-2 is us-west-2, not us-east-2).
func closest(word string, candidates []string) string {
	best, bestDist, bestPrefix := "", max(1, len(word)/3)+1, -1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d, p := editDistance(lw, lc), commonPrefix(lw, lc)
		if d < bestDist || (d == bestDist && p > bestPrefix) {
			best, bestDist, bestPrefix = c, d, p
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
