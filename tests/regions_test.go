package tests

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// TestRegionsMatchTheAWSSDK: the component's region list is the commercial
// partition of the AWS SDK for Go this module builds with, so a region the
// SDK knows is not refused, and a region that is not one is.
func TestRegionsMatchTheAWSSDK(t *testing.T) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2")
	cmd.Dir = provRoot(t)
	dir, err := cmd.Output()
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "internal", "endpoints", "awsrulesfn", "partitions.json"))
	require.NoError(t, err)
	var doc struct {
		Partitions []struct {
			ID      string                     `json:"id"`
			Regions map[string]json.RawMessage `json:"regions"`
		} `json:"partitions"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	var sdk []string
	for _, p := range doc.Partitions {
		if p.ID != "aws" {
			continue
		}
		for r := range p.Regions {
			if !strings.HasPrefix(r, "aws-") { // "aws-global" is not a region
				sdk = append(sdk, r)
			}
		}
	}
	slices.Sort(sdk)
	require.NotEmpty(t, sdk)
	assert.Equal(t, sdk, domino.Regions(), "domino/regions.go lists the SDK's commercial regions")
}
