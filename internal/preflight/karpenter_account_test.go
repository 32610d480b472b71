package preflight

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	sqtypes "github.com/aws/aws-sdk-go-v2/service/servicequotas/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeQueues answers GetQueueUrl and ListQueueTags from queue name → tags, as
// SQS does (QueueDoesNotExist for an unknown name).
type fakeQueues map[string]map[string]string

func (f fakeQueues) GetQueueUrl(_ context.Context, in *sqs.GetQueueUrlInput, _ ...func(*sqs.Options)) (*sqs.GetQueueUrlOutput, error) {
	if _, ok := f[*in.QueueName]; !ok {
		return nil, &smithy.GenericAPIError{Code: "QueueDoesNotExist", Message: "The specified queue does not exist."}
	}
	return &sqs.GetQueueUrlOutput{QueueUrl: aws.String("https://sqs.us-west-2.amazonaws.com/123456789012/" + *in.QueueName)}, nil
}

func (f fakeQueues) ListQueueTags(_ context.Context, in *sqs.ListQueueTagsInput, _ ...func(*sqs.Options)) (*sqs.ListQueueTagsOutput, error) {
	u := aws.ToString(in.QueueUrl)
	for name, tags := range f {
		if u == "https://sqs.us-west-2.amazonaws.com/123456789012/"+name {
			return &sqs.ListQueueTagsOutput{Tags: tags}, nil
		}
	}
	return nil, &smithy.GenericAPIError{Code: "QueueDoesNotExist"}
}

// fakeRules lists rule names in pages of two, as ListRules pages with NextToken.
type fakeRules []string

func (f fakeRules) ListRules(_ context.Context, in *eventbridge.ListRulesInput, _ ...func(*eventbridge.Options)) (*eventbridge.ListRulesOutput, error) {
	start := 0
	if in.NextToken != nil {
		fmt.Sscan(*in.NextToken, &start)
	}
	end := min(start+2, len(f))
	out := &eventbridge.ListRulesOutput{}
	for _, n := range f[start:end] {
		out.Rules = append(out.Rules, ebtypes.Rule{Name: aws.String(n)})
	}
	if end < len(f) {
		out.NextToken = aws.String(fmt.Sprint(end))
	}
	return out, nil
}

// fixedQuota applies one value to every quota.
type fixedQuota float64

func (q fixedQuota) GetServiceQuota(_ context.Context, in *servicequotas.GetServiceQuotaInput, _ ...func(*servicequotas.Options)) (*servicequotas.GetServiceQuotaOutput, error) {
	return &servicequotas.GetServiceQuotaOutput{Quota: &sqtypes.ServiceQuota{QuotaCode: in.QuotaCode, Value: aws.Float64(float64(q))}}, nil
}

func (q fixedQuota) GetAWSDefaultServiceQuota(_ context.Context, in *servicequotas.GetAWSDefaultServiceQuotaInput, _ ...func(*servicequotas.Options)) (*servicequotas.GetAWSDefaultServiceQuotaOutput, error) {
	return &servicequotas.GetAWSDefaultServiceQuotaOutput{Quota: &sqtypes.ServiceQuota{QuotaCode: in.QuotaCode, Value: aws.Float64(float64(q))}}, nil
}

// TestKarpenterQueueName: the interruption queue's name must be free or held
// by this cluster's queue; another owner's queue of that name FAILs (SQS
// would hand it to the stack, or refuse).
func TestKarpenterQueueName(t *testing.T) {
	for _, tc := range []struct {
		name     string
		queues   fakeQueues
		want     checker.Status
		evidence string
	}{
		{"free", fakeQueues{}, checker.StatusPass, "no queue is named domino"},
		{"this cluster's", fakeQueues{"domino": {adopt.ClusterTag: "domino"}}, checker.StatusPass, "the up keeps it"},
		{"another cluster's", fakeQueues{"domino": {adopt.ClusterTag: "other"}}, checker.StatusFail, "belongs to cluster other"},
		{"untagged", fakeQueues{"domino": {}}, checker.StatusFail, "is not tagged " + adopt.ClusterTag + "=domino"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{c: Clients{SQS: tc.queues}, d: Demand{ClusterName: "domino", Karpenter: true, KarpenterQueue: "domino"}}
			got, err := r.checkKarpenterQueue(context.Background())
			require.NoError(t, err)
			assert.Equal(t, CheckKarpenterQueue, got.ID)
			assert.Equal(t, tc.want, got.Status)
			assert.Contains(t, got.Evidence, tc.evidence)
			if tc.want == checker.StatusFail {
				assert.Contains(t, got.Fix, "aws sqs delete-queue")
			}
		})
	}
}

// TestKarpenterRulesQuota: existing rules on the default bus plus the new
// ones must fit the rules-per-bus quota; rules the stack already has under a
// planned name add nothing (PutRule updates them).
func TestKarpenterRulesQuota(t *testing.T) {
	planned := []string{"domino-karpenter-spot", "domino-karpenter-rebalance", "domino-karpenter-state", "domino-karpenter-health", "domino-karpenter-capacity"}
	others := func(n int) fakeRules {
		var out fakeRules
		for i := range n {
			out = append(out, fmt.Sprintf("other-%d", i))
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		rules    fakeRules
		quota    fixedQuota
		want     checker.Status
		evidence string
	}{
		{"room", others(3), 300, checker.StatusPass, "3 rules on the default bus + 5 new = 8 of 300 (applied)"},
		{"full", others(296), 300, checker.StatusFail, "296 rules on the default bus + 5 new = 301 of 300"},
		{"a later up adds nothing", append(others(295), planned...), 300, checker.StatusPass, "300 rules on the default bus + 0 new = 300 of 300"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{c: Clients{Events: tc.rules, Quotas: tc.quota}, d: Demand{ClusterName: "domino", Region: "us-west-2", Karpenter: true, KarpenterRules: planned}}
			got, err := r.checkKarpenterRules(context.Background())
			require.NoError(t, err)
			assert.Equal(t, CheckKarpenterRules, got.ID)
			assert.Equal(t, tc.want, got.Status)
			assert.Contains(t, got.Evidence, tc.evidence)
			if tc.want == checker.StatusFail {
				assert.Contains(t, got.Fix, "--quota-code L-244521F2")
			}
		})
	}
}

// TestEventBridgeRulesDefault: two regions start at 100 rules per bus.
func TestEventBridgeRulesDefault(t *testing.T) {
	assert.Equal(t, 100.0, eventBridgeRulesDefault("af-south-1").Default)
	assert.Equal(t, 100.0, eventBridgeRulesDefault("eu-south-1").Default)
	assert.Equal(t, 300.0, eventBridgeRulesDefault("us-west-2").Default)
}
