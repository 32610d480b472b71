package domino_test

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRegistrationFaults fails the registration of each resource type the
// component registers, one at a time: the program must return an error naming
// the failed resource — no panic, no hang.
func TestRegistrationFaults(t *testing.T) {
	args := domino.DominoEKSArgs{EnableGpuPool: true, AmiFamily: domino.AmiAL2, KubernetesVersion: "1.32",
		Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z1"), BucketVersioning: true}
	types := map[string]bool{}
	for _, r := range plan(t, args).Resources {
		types[r.Type] = true
	}
	var all []string
	for typ := range types {
		all = append(all, typ)
	}
	sort.Strings(all)
	require.GreaterOrEqual(t, len(all), 25, "fault-inject every registered type")
	for _, typ := range all {
		t.Run(typ, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("panic with %s failing: %v", typ, r)
						done <- nil
					}
				}()
				_, err := preview.Run(domino.Program("domino", args), preview.Options{FailOn: typ})
				done <- err
			}()
			select {
			case err := <-done:
				require.Error(t, err, "a failed %s registration must fail the program", typ)
				assert.True(t, errors.Is(err, preview.ErrInjected) || strings.Contains(err.Error(), "injected registration failure"),
					"error names the failure: %v", err)
				assert.Contains(t, err.Error(), typ, "error names the resource type")
			case <-time.After(30 * time.Second):
				t.Fatalf("program hung with %s failing", typ)
			}
		})
	}
	t.Logf("%d faults injected", len(all))
}
