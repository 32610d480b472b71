package tests

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/policy"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExamplesHoldTheInvariants runs every example program under mocks — the
// Go example's stack program and the YAML example's properties, with and
// without the GPU pool — and checks the plan against every security and
// data-safety invariant.
func TestExamplesHoldTheInvariants(t *testing.T) {
	type example struct {
		name    string
		program preview.Program
		config  map[string]string
	}
	goExample := domino.ConfigProgram
	examples := []example{
		{"go default", goExample, nil},
		{"go gpu", goExample, map[string]string{"dominoeks:enableGpuPool": "true"}},
	}
	for _, gpu := range []string{"false", "true"} {
		name, props := provYAMLExample(t, map[string]string{"enableGpuPool": gpu})
		args := provArgs(t, props)
		examples = append(examples, example{"yaml gpu=" + gpu, domino.Program(name, args), nil})
	}
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			res, err := preview.Run(ex.program, preview.Options{Config: ex.config})
			require.NoError(t, err)
			assert.NotEmpty(t, res.Find("aws:eks/nodeGroup:NodeGroup"))
			assert.Empty(t, policy.Check(res))
		})
	}
}
