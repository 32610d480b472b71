package preflight

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// Karpenter's account checks beside the Spot role (karpenter.go): its
// interruption queue's name, and room for its EventBridge rules.
const (
	// CheckKarpenterQueue: no queue of another owner holds the queue's name.
	CheckKarpenterQueue = "karpenter.queue-name"
	// CheckKarpenterRules: the default event bus has room for the rules.
	CheckKarpenterRules = "karpenter.eventbridge-rules"
)

const (
	queueTitle = "Karpenter's interruption queue name is free or this cluster's"
	rulesTitle = "The default event bus has room for Karpenter's EventBridge rules"
)

// QuotaEventBridgeRules is EventBridge's rules per event bus: 300, except 100
// in af-south-1 and eu-south-1 (EventBridge user guide, "Amazon EventBridge
// quotas", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html:
// "Number of rules ... Maximum number of rules an account can have per event
// bus", adjustable, Service Quotas code L-244521F2). SQS sets no quota on the
// number of queues (SQS developer guide, "Amazon SQS standard queue quotas"),
// so the queue needs no quota check.
var QuotaEventBridgeRules = Quota{Service: "events", Code: "L-244521F2", Name: "Number of rules", Default: 300}

// eventBridgeRulesDefault is the new-account default in region.
func eventBridgeRulesDefault(region string) Quota {
	q := QuotaEventBridgeRules
	if region == "af-south-1" || region == "eu-south-1" {
		q.Default = 100
	}
	return q
}

// checkKarpenterQueue: CreateQueue with the name of an existing queue returns
// that queue's URL when every attribute matches and fails with
// QueueAlreadyExists otherwise (SQS API reference, CreateQueue): either way a
// queue the stack did not create must not hold the name. The stack tags its
// queue with the cluster (adopt.ClusterTag).
func (r *runner) checkKarpenterQueue(ctx context.Context) (checker.Result, error) {
	name := r.d.KarpenterQueue
	if r.c.SQS == nil {
		return warn(CheckKarpenterQueue, queueTitle, "SQS was not read", "run preflight with credentials that may call sqs:GetQueueUrl"), nil
	}
	url, err := r.c.SQS.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	switch {
	case err != nil && isQueueMissing(err):
		return pass(CheckKarpenterQueue, queueTitle, "no queue is named "+name), nil
	case err != nil && !answered(err):
		return checker.Result{}, fmt.Errorf("get queue URL %s: %w", name, err)
	case err != nil:
		return warn(CheckKarpenterQueue, queueTitle, "GetQueueUrl "+name+": "+errCode(err), "grant sqs:GetQueueUrl and sqs:ListQueueTags"), nil
	}
	tags, err := r.c.SQS.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: url.QueueUrl})
	switch {
	case err != nil && !answered(err):
		return checker.Result{}, fmt.Errorf("list tags of queue %s: %w", name, err)
	case err != nil:
		return warn(CheckKarpenterQueue, queueTitle, "queue "+name+" exists; ListQueueTags: "+errCode(err), "grant sqs:ListQueueTags"), nil
	}
	owner := tags.Tags[adopt.ClusterTag]
	if owner == r.d.ClusterName {
		return pass(CheckKarpenterQueue, queueTitle, "queue "+name+" is cluster "+owner+"'s (tagged "+adopt.ClusterTag+"): the up keeps it"), nil
	}
	who := "is not tagged " + adopt.ClusterTag + "=" + r.d.ClusterName
	if owner != "" {
		who = "belongs to cluster " + owner
	}
	return fail(CheckKarpenterQueue, queueTitle,
		"queue "+name+" exists and "+who+": CreateQueue would return it (Karpenter would read another owner's messages) or fail with QueueAlreadyExists",
		"delete the queue if nothing uses it (aws sqs delete-queue --queue-url "+aws.ToString(url.QueueUrl)+"), or choose another clusterName"), nil
}

// isQueueMissing reports SQS's "no such queue" (the query protocol's
// AWS.SimpleQueueService.NonExistentQueue, the JSON protocol's QueueDoesNotExist).
func isQueueMissing(err error) bool {
	code := checker.APIErrorCode(err)
	return code == "QueueDoesNotExist" || code == "AWS.SimpleQueueService.NonExistentQueue"
}

// checkKarpenterRules counts the default bus's rules (events:ListRules) and
// compares them, plus the rules the up adds, with the rules-per-bus quota.
// Rules that exist under a planned name are updated in place by PutRule
// ("Creates or updates the specified rule", EventBridge API reference) and
// add nothing.
func (r *runner) checkKarpenterRules(ctx context.Context) (checker.Result, error) {
	if r.c.Events == nil {
		return warn(CheckKarpenterRules, rulesTitle, "EventBridge was not read", "run preflight with credentials that may call events:ListRules"), nil
	}
	var existing []string
	in := &eventbridge.ListRulesInput{}
	for {
		out, err := r.c.Events.ListRules(ctx, in)
		if err != nil && !answered(err) {
			return checker.Result{}, fmt.Errorf("list EventBridge rules: %w", err)
		}
		if err != nil {
			return warn(CheckKarpenterRules, rulesTitle, "ListRules: "+errCode(err), "grant events:ListRules"), nil
		}
		for _, rule := range out.Rules {
			existing = append(existing, aws.ToString(rule.Name))
		}
		if aws.ToString(out.NextToken) == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	var added, kept []string
	for _, name := range r.d.KarpenterRules {
		if slices.Contains(existing, name) {
			kept = append(kept, name)
		} else {
			added = append(added, name)
		}
	}
	q := eventBridgeRulesDefault(r.d.Region)
	limit, err := r.lookupQuota(ctx, q)
	if err != nil {
		return checker.Result{}, err
	}
	need := float64(len(existing) + len(added))
	evidence := fmt.Sprintf("%d rules on the default bus + %d new = %g of %s", len(existing), len(added), need, limit)
	if len(kept) > 0 {
		evidence += "; updated in place (PutRule): " + strings.Join(kept, ", ")
	}
	switch {
	case need > limit.value:
		return fail(CheckKarpenterRules, rulesTitle, evidence, quotaFix(q, need)), nil
	case limit.caveat != "":
		return warn(CheckKarpenterRules, rulesTitle, evidence+"; "+limit.caveat, quotaFix(q, need)), nil
	}
	return pass(CheckKarpenterRules, rulesTitle, evidence), nil
}
