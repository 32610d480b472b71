package checker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBareMotoReports: `check` against moto_server as it is, no fake
// swapped in (the clients `dominoeks check` builds), on the compliant
// fixture account. moto 5.2.1 answers DescribePullThroughCacheRules and
// DescribeInstanceInformation with a 500 page and ListAddons with a bare
// 404: only the checks needing those reads turn into WARN naming what could
// not be read; every other check reports, and nothing fails, so `check`
// exits 0.
func TestBareMotoReports(t *testing.T) {
	url := useMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	resetMoto(t, url)
	buildAccount(t, ctx, compliantSpec())

	cfg, err := LoadAWSConfig(ctx, testRegion)
	require.NoError(t, err)
	rep, err := Run(ctx, NewAWSClients(WithCallTimeout(cfg, fixtureCallTimeout)), Options{Cluster: testCluster, Region: cfg.Region})
	require.NoError(t, err, "an optional read that fails after retries must not abort the run")
	require.Len(t, rep.Results, len(CheckIDs))

	unread := map[string]string{
		CheckAccessHostOnline:         "could not read its SSM agent status: SSM DescribeInstanceInformation: HTTP 500 after retries",
		"workload.image-pull-through": "could not read the ECR pull-through cache rules: ECR DescribePullThroughCacheRules: HTTP 500 after retries",
		"workload.vpc-cni":            "could not read the cluster's add-ons: EKS ListAddons",
		"workload.ebs-csi-driver":     "could not read the cluster's add-ons",
		"workload.ebs-csi-encryption": "could not read the cluster's add-ons",
		// moto has neither EKS's public AMI release parameters nor backup selections.
		CheckAMIRelease:         "could not read /aws/service/eks/optimized-ami/",
		CheckEFSBackup:          "no backup plan selects",
		CheckStorageClass:       "skipped: no --kubeconfig given",
		CheckNodeLabels:         "skipped: no --kubeconfig given",
		CheckNetworkPolicyAgent: "skipped: no --kubeconfig given",
		CheckNetworkPolicyProbe: "skipped: no --kubeconfig given",
	}
	for _, r := range rep.Results {
		want, degraded := unread[r.ID]
		if !degraded {
			assert.Equal(t, StatusPass, r.Status, "%s reports from what could be read: %s", r.ID, r.Evidence)
			assert.NotContains(t, r.Evidence, "could not read", r.ID)
			continue
		}
		assert.Equal(t, StatusWarn, r.Status, "%s: %s", r.ID, r.Evidence)
		assert.Contains(t, r.Evidence, want, r.ID)
		assert.False(t, strings.Contains(r.Evidence, "invalid character"), "%s: the reason is short, not the SDK's decode error: %s", r.ID, r.Evidence)
	}
	assert.Zero(t, rep.Summary().Fail, "nothing fails: check exits 0")
	assert.Equal(t, []string{CheckAMIRelease, CheckAccessHostOnline, "workload.ebs-csi-driver", "workload.ebs-csi-encryption", "workload.vpc-cni", "workload.image-pull-through"},
		rep.Unread(), "the report names what it could not read")

	t.Run("a failing check still fails beside unreadable sources", func(t *testing.T) {
		resetMoto(t, url)
		spec := compliantSpec()
		spec.rotationOff = true
		buildAccount(t, ctx, spec)
		rep, err := Run(ctx, NewAWSClients(WithCallTimeout(cfg, fixtureCallTimeout)), Options{Cluster: testCluster, Region: cfg.Region})
		require.NoError(t, err)
		res, ok := rep.Result(CheckKMSRotation)
		require.True(t, ok)
		assert.Equal(t, StatusFail, res.Status, res.Evidence)
		assert.True(t, rep.Failed(), "check exits 1")
		agent, _ := rep.Result(CheckAccessHostOnline)
		assert.Contains(t, agent.Evidence, "could not read its SSM agent status")
	})
}

// TestOptionalReadsAfterRetries: a read still failing after retries (a 5xx), denied
// or not implemented is optional; a timeout or the run's deadline is not:
// those end the run, naming the call.
func TestOptionalReadsAfterRetries(t *testing.T) {
	serverErr := &smithy.OperationError{ServiceID: "ECR", OperationName: "DescribePullThroughCacheRules", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 500}}, Err: errors.New("deserialization failed")},
	}}
	tests := []struct {
		name     string
		err      error
		optional bool
		reason   string
	}{
		{"500 after retries", serverErr, true, "ECR DescribePullThroughCacheRules: HTTP 500 after retries"},
		{"access denied", &smithy.GenericAPIError{Code: "AccessDeniedException"}, true, "AccessDeniedException"},
		{"call timeout", &CallTimeoutError{Service: "ECR", Operation: "DescribePullThroughCacheRules", After: time.Second, Err: serverErr}, false, ""},
		{"run deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), false, ""},
		{"connection refused", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.optional, optionalAPIError(tc.err))
			if tc.reason != "" {
				assert.Equal(t, tc.reason, unreadReason(tc.err))
			}
		})
	}
}
