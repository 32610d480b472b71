package domino

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAddonWithoutPinFallsBack: a table cell without a version (no source
// found) makes the add-on take EKS's default version, read at deploy time,
// and the plan warns, naming the add-on and the override. (Not parallel: it
// blanks one cell of the shared table for its duration.)
func TestAddonWithoutPinFallsBack(t *testing.T) {
	row := awsfacts.AddonVersions[DefaultKubernetesVersion]
	saved := row[awsfacts.AddonCoreDNS]
	row[awsfacts.AddonCoreDNS] = awsfacts.AddonPin{Source: "test: no version found"}
	t.Cleanup(func() { row[awsfacts.AddonCoreDNS] = saved })

	s := DominoEKSArgs{}.resolve("domino")
	assert.Empty(t, s.pinnedAddonVersion(awsfacts.AddonCoreDNS))
	require.Len(t, s.addonWarnings(), 1)
	assert.Contains(t, s.addonWarnings()[0], "addonVersions.coredns")

	res, err := preview.Run(Program("domino", DominoEKSArgs{}), preview.Options{})
	require.NoError(t, err)
	for _, a := range res.Find("aws:eks/addon:Addon") {
		if a.Inputs["addonName"] == awsfacts.AddonCoreDNS {
			assert.Equal(t, preview.EKSDefaultAddonVersion, a.Inputs["addonVersion"], "EKS's default through getAddonVersion")
		} else {
			assert.NotEqual(t, preview.EKSDefaultAddonVersion, a.Inputs["addonVersion"])
		}
	}
}
