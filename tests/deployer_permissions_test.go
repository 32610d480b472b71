package tests

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deployerActions returns the IAM actions the README lists for the deploy role.
func deployerActions(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	doc := string(raw)
	begin, end := strings.Index(doc, "<!-- deployer-permissions:begin -->"), strings.Index(doc, "<!-- deployer-permissions:end -->")
	require.True(t, begin >= 0 && end > begin, "the README lists the deploy role's permissions")
	return regexp.MustCompile("`([a-z0-9-]+:[A-Za-z*]+)`").FindAllString(doc[begin:end], -1)
}

// TestDeployerPermissions: no up needs Cloud Control (the key-change guard
// reads the cluster's tag with eks:DescribeCluster), and the list names the
// reads every up makes before creating anything.
func TestDeployerPermissions(t *testing.T) {
	actions := deployerActions(t)
	require.NotEmpty(t, actions)
	for _, a := range actions {
		assert.NotContains(t, a, "cloudformation:", "no up calls Cloud Control")
	}
	for _, want := range []string{"eks:DescribeCluster", "eks:DescribeAccessEntry", "eks:ListAccessEntries", "eks:ListAssociatedAccessPolicies", "ec2:DescribeAvailabilityZones", "ec2:DescribeSubnets",
		"elasticfilesystem:DescribeFileSystems", "eks:UpdateNodegroupVersion",
		"backup:CreateBackupVault", "backup:CreateBackupPlan", "backup:CreateBackupSelection", "backup:DescribeBackupVault"} {
		assert.Contains(t, actions, "`"+want+"`")
	}
}
