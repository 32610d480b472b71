package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/stretchr/testify/assert"
)

func ptr[T any](v T) *T { return &v }

// A NodePool has no minimum, no desired size and no per-zone groups: each
// such setting of a Karpenter-served pool is a warning naming the field;
// the platform pool, still a node group, keeps them silently.
func TestKarpenterWarnings(t *testing.T) {
	for name, tc := range map[string]struct {
		args        domino.DominoEKSArgs
		want, avoid string
	}{
		"default pool's minSize 1": {args: domino.DominoEKSArgs{Karpenter: true},
			want: "defaultPool.minSize: 1 is not expressed under karpenter"},
		"desiredSize above min": {args: domino.DominoEKSArgs{Karpenter: true,
			DefaultPool: &domino.NodePool{MinSize: ptr(0), DesiredSize: ptr(2)}},
			want: "defaultPool.desiredSize: 2 is ignored under karpenter"},
		"spanAZs": {args: domino.DominoEKSArgs{Karpenter: true, DefaultPool: &domino.NodePool{SpanAZs: ptr(true)}},
			want: "defaultPool.spanAZs is irrelevant under karpenter", avoid: "one node group across"},
		"platform pool stays a node group": {args: domino.DominoEKSArgs{Karpenter: true},
			avoid: "platformPool.minSize"},
		"off": {args: domino.DominoEKSArgs{}, avoid: "under karpenter"},
	} {
		t.Run(name, func(t *testing.T) {
			got := strings.Join(tc.args.Warnings("domino"), "\n")
			if tc.want != "" {
				assert.Contains(t, got, tc.want)
			}
			if tc.avoid != "" {
				assert.NotContains(t, got, tc.avoid)
			}
		})
	}
}
