package checker

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestDecodeUserData(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err := zw.Write([]byte(bootstrapBridgeScript))
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	nested := "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=OUTER\n\n" +
		"--OUTER\nContent-Type: multipart/alternative; boundary=INNER\n\n" +
		"--INNER\nContent-Type: text/x-shellscript\n\necho inner-part\n--INNER--\n" +
		"--OUTER\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n" + b64("echo encoded-part\n") + "\n" +
		"--OUTER--\n"

	tests := []struct {
		name, in string
		contains []string
	}{
		{"empty", "", nil},
		{"plain script", b64(noBridgeScript), []string{"max_user_watches"}},
		{"MIME multi-part", mimeUserData(jqBridgeScript), []string{`jq '.bridge="docker0"'`}},
		{"gzip", base64.StdEncoding.EncodeToString(gz.Bytes()), []string{"--enable-docker-bridge true"}},
		{"nested multipart and base64 part", b64(nested), []string{"echo inner-part", "echo encoded-part"}},
		{"not base64 is used as is", "#!/bin/bash\necho raw", []string{"echo raw"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeUserData(tc.in)
			if tc.contains == nil {
				assert.Empty(t, got)
			}
			for _, c := range tc.contains {
				assert.Contains(t, got, c)
			}
			assert.NotContains(t, got, "Content-Type:", "MIME headers must be stripped")
		})
	}
}

func TestDockerBridgeEnabled(t *testing.T) {
	tests := []struct {
		userData string
		want     bool
	}{
		{"/etc/eks/bootstrap.sh c --enable-docker-bridge true", true},
		{"/etc/eks/bootstrap.sh c --enable-docker-bridge=true", true},
		{`/etc/eks/bootstrap.sh c --enable-docker-bridge "true"`, true},
		{"/etc/eks/bootstrap.sh c --enable-docker-bridge false", false},
		{`jq '.bridge="docker0"' /etc/docker/daemon.json`, true},
		{`jq ".bridge = \"docker0\"" /etc/docker/daemon.json`, true},
		{`cat > /etc/docker/daemon.json <<EOF
{"bridge": "docker0", "log-driver": "json-file"}
EOF`, true},
		{`jq '.bridge="none"' /etc/docker/daemon.json`, false},
		{"/etc/eks/bootstrap.sh c", false},
		{"", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, dockerBridgeEnabled(tc.userData), "%q", tc.userData)
	}
}

func TestClassifyAMI(t *testing.T) {
	assert.Equal(t, familyAL2, classifyAMI("AL2_x86_64", ""))
	assert.Equal(t, familyAL2, classifyAMI("AL2_x86_64_GPU", ""))
	assert.Equal(t, familyNoDocker, classifyAMI("AL2023_x86_64_STANDARD", ""))
	assert.Equal(t, familyNoDocker, classifyAMI("BOTTLEROCKET_x86_64", ""))
	assert.Equal(t, familyAL2, classifyAMI("CUSTOM", "/etc/eks/bootstrap.sh c"))
	assert.Equal(t, familyNoDocker, classifyAMI("CUSTOM", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig"))
	assert.Equal(t, familyUnknown, classifyAMI("CUSTOM", "#!/bin/bash\necho hi"))
}

func TestDockerBridgeCheck(t *testing.T) {
	ctx := context.Background()
	r := &runner{opts: Options{Cluster: testCluster}}
	group := func(name, ami, lt, userData string) *nodeGroup {
		return &nodeGroup{Name: name, Pool: PoolDefault, AMIType: ami, LaunchTemplate: lt, UserData: userData}
	}
	tests := []struct {
		name     string
		groups   []*nodeGroup
		want     Status
		evidence string
	}{
		{"AL2 with bridge", []*nodeGroup{group("a", "AL2_x86_64", "lt", jqBridgeScript)}, StatusPass, "enabled on a"},
		{"AL2023 is not applicable", []*nodeGroup{group("a", "AL2023_x86_64_STANDARD", "", "")}, StatusPass, "not applicable"},
		{"Bottlerocket is not applicable", []*nodeGroup{group("a", "BOTTLEROCKET_x86_64", "lt", "[settings.kubernetes]")}, StatusPass, "not applicable"},
		{"AL2 without launch template", []*nodeGroup{group("a", "AL2_x86_64", "", "")}, StatusFail, "without a launch template"},
		{"AL2 without bridge", []*nodeGroup{group("a", "AL2_x86_64", "lt", noBridgeScript), group("b", "AL2023_x86_64_STANDARD", "", "")}, StatusFail, "a: user data of launch template lt does not enable"},
		{"custom AMI of unknown family", []*nodeGroup{group("a", "CUSTOM", "lt", "#!/bin/bash")}, StatusWarn, "not recognised"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := r.checkDockerBridge(ctx, &state{groups: tc.groups})
			require.NoError(t, err)
			require.Len(t, res, 1)
			assert.Equal(t, CheckDockerBridge, res[0].ID)
			assert.Equal(t, tc.want, res[0].Status, res[0].Evidence)
			assert.Contains(t, res[0].Evidence, tc.evidence)
		})
	}
}
