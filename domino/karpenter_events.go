package domino

import (
	"encoding/json"

	"github.com/dominoeks/pulumi-dominoeks/internal/names"
)

// karpenterEvent is one kind of event Karpenter's reference routes to the
// interruption queue: one EventBridge rule each, on the default bus.
type karpenterEvent struct {
	// Kind is the rule's name suffix (names.KarpenterRules).
	Kind string
	// Source and DetailType are the event pattern.
	Source, DetailType string
	// Ref is the reference template's resource.
	Ref string
}

// karpenterEvents are the rules of Karpenter's reference template
// (awsfacts.KarpenterTemplateSource: ScheduledChangeRule, SpotInterruptionRule,
// RebalanceRule, InstanceStateChangeRule, CapacityReservationInterruptionRule),
// in the order of names.KarpenterRules.
var karpenterEvents = []karpenterEvent{
	{Kind: "spot-interruption", Source: "aws.ec2", DetailType: "EC2 Spot Instance Interruption Warning", Ref: "SpotInterruptionRule"},
	{Kind: "rebalance", Source: "aws.ec2", DetailType: "EC2 Instance Rebalance Recommendation", Ref: "RebalanceRule"},
	{Kind: "state-change", Source: "aws.ec2", DetailType: "EC2 Instance State-change Notification", Ref: "InstanceStateChangeRule"},
	{Kind: "scheduled-change", Source: "aws.health", DetailType: "AWS Health Event", Ref: "ScheduledChangeRule"},
	{Kind: "capacity-reservation", Source: "aws.ec2", DetailType: "EC2 Capacity Reservation Instance Interruption Warning", Ref: "CapacityReservationInterruptionRule"},
}

// KarpenterTargetID is the target id the reference gives each rule's queue target.
const KarpenterTargetID = "KarpenterInterruptionQueueTarget"

// pattern is the rule's event pattern.
func (e karpenterEvent) pattern() string {
	doc, _ := json.Marshal(map[string][]string{"source": {e.Source}, "detail-type": {e.DetailType}})
	return string(doc)
}

// ruleName is the rule's derived name (names.KarpenterRulePrefix + kind).
func (e karpenterEvent) ruleName(s spec) string {
	return s.derivedName(names.KarpenterRulePrefix + e.Kind)
}
