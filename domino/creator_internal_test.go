package domino

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSamePrincipal(t *testing.T) {
	for _, tc := range []struct {
		caller, admin string
		want          bool
	}{
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", true},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/session-1", "arn:aws:iam::123456789012:role/deployer", true},
		{"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_01/alice", "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_01", true},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::210987654321:role/deployer", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::123456789012:role/ci", false},
		{"arn:aws:sts::123456789012:assumed-role/deployer/s", "arn:aws:iam::123456789012:user/deployer", false},
	} {
		assert.Equal(t, tc.want, samePrincipal(tc.caller, tc.admin), "%s vs %s", tc.caller, tc.admin)
	}
}

func TestIsNotFound(t *testing.T) {
	for _, tc := range []struct {
		err  string
		want bool
	}{
		{"reading EKS Cluster (domino): couldn't find resource", true},
		{"reading IAM Role (AWSServiceRoleForAutoScaling): NoSuchEntity: The role with name AWSServiceRoleForAutoScaling cannot be found.", true},
		{"ResourceNotFoundException: No cluster found for name: domino.", true},
		{"AccessDenied: User: arn:aws:iam::1:user/x is not authorized to perform: iam:GetRole", false},
		{"no valid credential sources for the AWS provider found", false},
	} {
		assert.Equal(t, tc.want, isNotFound(errors.New(tc.err)), tc.err)
	}
	assert.False(t, isNotFound(nil))
}
