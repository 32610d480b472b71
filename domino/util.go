package domino

import (
	"maps"
	"slices"
)

// sortedKeys returns the map's keys in order, for deterministic registration.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
