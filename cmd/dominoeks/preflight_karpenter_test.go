package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
	"github.com/dominoeks/pulumi-dominoeks/internal/preflight"
)

// TestPreflightKarpenterAccount: with karpenter, preflight reads the account's
// SQS queues and EventBridge rules (moto serves both): a queue of another
// owner under the interruption queue's name FAILs, this cluster's passes, and
// the default bus is counted against the rules-per-bus quota.
func TestPreflightKarpenterAccount(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tags   map[string]string // nil: no queue
		status checker.Status
		want   string
	}{
		{"no queue yet", nil, checker.StatusPass, "no queue is named domino"},
		{"this cluster's queue", map[string]string{adopt.ClusterTag: "domino"}, checker.StatusPass, "the up keeps it"},
		{"someone else's queue", map[string]string{"team": "data"}, checker.StatusFail, "is not tagged " + adopt.ClusterTag + "=domino"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPreflightWorld(t)
			if tc.tags != nil {
				ctx := context.Background()
				_, err := sqs.NewFromConfig(mototest.Config(ctx, w.moto)).CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("domino"), Tags: tc.tags})
				require.NoError(t, err)
			}
			rep, _ := preflightJSON(t, "--set", "karpenter=true")
			res, ok := rep.Result(preflight.CheckKarpenterQueue)
			require.True(t, ok, "the report has %s", preflight.CheckKarpenterQueue)
			assert.Equal(t, tc.status, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tc.want)
			rules, ok := rep.Result(preflight.CheckKarpenterRules)
			require.True(t, ok, "the report has %s", preflight.CheckKarpenterRules)
			assert.Contains(t, rules.Evidence, "0 rules on the default bus + 5 new = 5 of ")
			assert.NotEqual(t, checker.StatusFail, rules.Status, rules.Evidence)
		})
	}
}
