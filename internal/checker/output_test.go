package checker

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleReport() *Report {
	return &Report{Cluster: "domino", Region: "us-west-2", Results: []Result{
		pass(CheckPlatformPool, "Platform", "platform: m5.4xlarge"),
		warn(CheckGPUPool, "GPU", "no GPU pool", "add one"),
		fail(CheckEFSSecurityGroup, "EFS", "sg-1 allows tcp 2049 from 0.0.0.0/0", "remove <the> rule\twith tab"),
	}}
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, sampleReport()))

	var doc map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, "domino", doc["cluster"])
	assert.Equal(t, "us-west-2", doc["region"])
	assert.Equal(t, map[string]any{"pass": 1.0, "warn": 1.0, "fail": 1.0}, doc["summary"])
	results, ok := doc["results"].([]any)
	require.True(t, ok)
	require.Len(t, results, 3)
	first := results[0].(map[string]any)
	assert.Equal(t, "nodegroups.platform", first["id"])
	assert.Equal(t, "PASS", first["status"])
	assert.NotContains(t, first, "fix", "passing results have no fix")
	last := results[2].(map[string]any)
	assert.Equal(t, "FAIL", last["status"])
	assert.Equal(t, "remove <the> rule\twith tab", last["fix"])
	assert.Contains(t, buf.String(), "<the>", "no HTML escaping")

	t.Run("empty report has an empty results array", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, WriteJSON(&buf, &Report{Cluster: "c"}))
		assert.Contains(t, buf.String(), `"results": []`)
	})
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, sampleReport()))
	out := buf.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	assert.Equal(t, "Cluster domino (us-west-2)", lines[0])
	assert.Regexp(t, `^STATUS\s+CHECK\s+TITLE\s+EVIDENCE$`, lines[2])
	assert.Regexp(t, `^PASS\s+nodegroups\.platform\s+Platform\s+platform: m5\.4xlarge$`, lines[3])
	assert.Regexp(t, `^WARN\s+nodegroups\.gpu\s+GPU\s+no GPU pool$`, lines[4])
	assert.Regexp(t, `^\s+fix: add one$`, lines[5])
	assert.Regexp(t, `^FAIL\s+efs\.sg-2049\s+EFS\s+sg-1 allows tcp 2049 from 0\.0\.0\.0/0$`, lines[6])
	assert.Regexp(t, `^\s+fix: remove <the> rule with tab$`, lines[7])
	assert.Equal(t, "3 checks: 1 pass, 1 warn, 1 fail", lines[len(lines)-1])
	// The evidence column is aligned.
	assert.Equal(t, strings.Index(lines[3], "platform:"), strings.Index(lines[6], "sg-1"))
}

// TestWriteTableNamesWhatCouldNotBeRead: the summary names the checks that
// WARN because a source could not be read.
func TestWriteTableNamesWhatCouldNotBeRead(t *testing.T) {
	r := sampleReport()
	r.Results = append(r.Results, warn(CheckAccessHostOnline, "SSM", "access host i-1 is running; could not read its SSM agent status: SSM DescribeInstanceInformation: HTTP 500 after retries", "grant"))
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, r))
	assert.Contains(t, buf.String(), "could not read (those checks WARN, the others report): access.host-online\n")
	assert.Equal(t, []string{CheckAccessHostOnline}, r.Unread())

	buf.Reset()
	require.NoError(t, WriteTable(&buf, sampleReport()))
	assert.NotContains(t, buf.String(), "could not read (")
}
