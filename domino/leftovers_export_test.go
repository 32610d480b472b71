package domino

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// RefusedLeftovers runs findLeftovers for args against the mocked account and
// returns the candidates it refused (what `up` warns about): under mocks the
// program's log messages go nowhere.
func RefusedLeftovers(t *testing.T, args DominoEKSArgs, held preview.Holdings) []string {
	t.Helper()
	var refused []string
	_, err := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
		l, err := findLeftovers(ctx, args.resolve("domino"))
		refused = l.refused
		return nil, err
	}, preview.Options{Account: held})
	require.NoError(t, err)
	return refused
}
