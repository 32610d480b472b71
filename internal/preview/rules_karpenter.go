package preview

import (
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
)

// Type tokens of Karpenter's AWS side.
const (
	typeSQSQueue       = "aws:sqs/queue:Queue"
	typeSQSQueuePolicy = "aws:sqs/queuePolicy:QueuePolicy"
	typeEventTarget    = "aws:cloudwatch/eventTarget:EventTarget"
	typePodIdentity    = "aws:eks/podIdentityAssociation:PodIdentityAssociation"
)

// Principals and add-on the rules name.
const (
	eventsPrincipal      = "events.amazonaws.com"
	podIdentityPrincipal = "pods.eks.amazonaws.com"
	podIdentityAgent     = "eks-pod-identity-agent"
)

// karpenterRules: what EventBridge, SQS, KMS and EKS Pod Identity need for
// Karpenter's interruption handling and controller credentials to work.
var karpenterRules = []Rule{
	{
		ID: "eventbridge-target-planned-queue",
		Source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html (Arn of the target); " +
			"a queue ARN that names no queue of the plan is a queue nobody creates or reads",
		Types: []string{typeEventTarget},
		Check: func(r Resource, reg Registered) string {
			target := fstr(r.Inputs, "arn")
			if !strings.HasPrefix(target, "arn:") || !strings.Contains(target, ":sqs:") {
				return ""
			}
			if _, ok := queueByArn(target, reg); ok {
				return ""
			}
			return "rule " + fstr(r.Inputs, "rule") + " targets queue " + target + ", which is not registered in the plan"
		},
	},
	{
		ID: "eventbridge-sqs-queue-policy",
		Source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sqs-permissions " +
			"(\"Amazon SQS permissions\": the queue policy must allow events.amazonaws.com sqs:SendMessage on the queue; otherwise EventBridge drops the events)",
		Types: []string{typeEventTarget},
		Check: func(r Resource, reg Registered) string {
			q, ok := queueByArn(fstr(r.Inputs, "arn"), reg)
			if !ok {
				return "" // eventbridge-target-planned-queue
			}
			arn := fstr(q.Outputs, "arn")
			req := iamdoc.Request{Action: "sqs:SendMessage", Resource: arn, Principal: iamdoc.Principal{Service: eventsPrincipal},
				Context: map[string]string{"aws:SecureTransport": "true"}}
			for _, p := range reg.Find(typeSQSQueuePolicy) {
				if fstr(p.Inputs, "queueUrl") != q.ID && fstr(p.Inputs, "queueUrl") != fstr(q.Outputs, "url") {
					continue
				}
				pol, err := iamdoc.ParsePolicy("queue-policy", fstr(p.Inputs, "policy"))
				if err != nil {
					return "the policy of queue " + q.Name + " does not parse: " + err.Error()
				}
				if ev := iamdoc.Evaluate([]iamdoc.Policy{pol}, req); ev.Decision == iamdoc.DecisionAllowed {
					return ""
				}
				return "the policy of queue " + q.Name + " does not allow " + eventsPrincipal + " sqs:SendMessage on " + arn + ": EventBridge silently drops the events"
			}
			return "queue " + q.Name + " has no queue policy registered before the target: EventBridge may deliver before " + eventsPrincipal + " is allowed sqs:SendMessage, and drops those events"
		},
	},
	{
		ID: "sqs-kms-key-grants-eventbridge",
		Source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html " +
			"(\"Enable compatibility between AWS services ... and encrypted queues\": the key policy must allow the service principal kms:GenerateDataKey and kms:Decrypt)",
		Types: []string{typeEventTarget},
		Check: func(r Resource, reg Registered) string {
			q, ok := queueByArn(fstr(r.Inputs, "arn"), reg)
			if !ok || fstr(q.Inputs, "kmsMasterKeyId") == "" {
				return ""
			}
			key, ok := keyOf(fstr(q.Inputs, "kmsMasterKeyId"), reg)
			if !ok {
				return "" // a key not created in this run (or alias/aws/sqs): its policy is unknown offline
			}
			pol, err := iamdoc.ParsePolicy("key-policy", fstr(key.Inputs, "policy"))
			if err != nil || fstr(key.Inputs, "policy") == "" {
				return "queue " + q.Name + " is encrypted with key " + key.Name + ", whose policy (the default, or unparsable) does not grant " + eventsPrincipal
			}
			var missing []string
			for _, action := range []string{"kms:GenerateDataKey", "kms:Decrypt"} {
				ev := iamdoc.Evaluate([]iamdoc.Policy{pol}, iamdoc.Request{Action: action, Resource: fstr(key.Outputs, "arn"),
					Principal: iamdoc.Principal{Service: eventsPrincipal}, Context: map[string]string{"aws:SecureTransport": "true"}})
				if ev.Decision != iamdoc.DecisionAllowed || ev.ViaAccount {
					missing = append(missing, action)
				}
			}
			if len(missing) == 0 {
				return ""
			}
			return "queue " + q.Name + " is encrypted with key " + key.Name + ", whose policy does not allow " + eventsPrincipal + " " +
				strings.Join(missing, ", ") + ": EventBridge cannot deliver to the queue"
		},
	},
	{
		ID: "pod-identity-trust",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html (the role's trust policy must allow " +
			"pods.eks.amazonaws.com sts:AssumeRole and sts:TagSession)",
		Types: []string{typePodIdentity},
		Check: func(r Resource, reg Registered) string {
			role, ok := roleByArn(fstr(r.Inputs, "roleArn"), reg)
			if !ok {
				return "" // a role not created in this run
			}
			trust, err := iamdoc.ParsePolicy("trust", fstr(role.Inputs, "assumeRolePolicy"))
			if err != nil {
				return "the trust policy of " + role.Name + " does not parse: " + err.Error()
			}
			account := strings.Split(fstr(role.Outputs, "arn")+":::::", ":")[4]
			cluster := fstr(r.Inputs, "clusterName")
			ctx := map[string]string{"aws:SourceAccount": account, "aws:SourceArn": clusterArn(cluster, account, reg)}
			var missing []string
			for _, action := range []string{"sts:AssumeRole", "sts:TagSession"} {
				ev := iamdoc.Evaluate([]iamdoc.Policy{trust}, iamdoc.Request{Action: action, Principal: iamdoc.Principal{Service: podIdentityPrincipal}, Context: ctx})
				if ev.Decision != iamdoc.DecisionAllowed {
					missing = append(missing, action)
				}
			}
			if len(missing) == 0 {
				return ""
			}
			return "the trust policy of " + role.Name + " does not allow " + podIdentityPrincipal + " " + strings.Join(missing, ", ") +
				" for cluster " + cluster + ": the pods of " + fstr(r.Inputs, "namespace") + "/" + fstr(r.Inputs, "serviceAccount") + " get no credentials"
		},
	},
	{
		ID: "pod-identity-agent-addon",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html (EKS Pod Identity provides credentials through " +
			"an agent pod on each node: the eks-pod-identity-agent add-on)",
		Types: []string{typePodIdentity},
		Check: func(r Resource, reg Registered) string {
			cluster := fstr(r.Inputs, "clusterName")
			if slices.ContainsFunc(reg.Find(typeAddon), func(a Resource) bool {
				return fstr(a.Inputs, "addonName") == podIdentityAgent && fstr(a.Inputs, "clusterName") == cluster
			}) {
				return ""
			}
			return "cluster " + cluster + " has no " + podIdentityAgent + " add-on registered before the association: its pods get no credentials"
		},
	},
	{
		ID: "access-entry-node-role-once",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html (\"An IAM principal can't be included in more than one access entry\"); " +
			"https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html (access entries for the node roles of managed node groups are created automatically): " +
			"CreateAccessEntry fails with ResourceInUseException",
		Types: []string{typeAccessEntry},
		Check: func(r Resource, reg Registered) string {
			if fstr(r.Inputs, "type") != "EC2_LINUX" {
				return ""
			}
			principal, cluster := fstr(r.Inputs, "principalArn"), fstr(r.Inputs, "clusterName")
			for _, ng := range reg.Find(typeNodeGroup) {
				if fstr(ng.Inputs, "nodeRoleArn") == principal && fstr(ng.Inputs, "clusterName") == cluster {
					return "EC2_LINUX access entry for " + principal + ", the role of managed node group " + ng.Name +
						", for which EKS already created one: CreateAccessEntry fails with ResourceInUseException"
				}
			}
			return ""
		},
	},
}

// queueByArn finds the queue of the plan with the ARN.
func queueByArn(arn string, reg Registered) (Resource, bool) { return byArn(typeSQSQueue, arn, reg) }

// roleByArn finds the IAM role of the plan with the ARN.
func roleByArn(arn string, reg Registered) (Resource, bool) { return byArn(typeIAMRole, arn, reg) }

// byArn finds the resource of type typ whose arn output is arn ("" finds none).
func byArn(typ, arn string, reg Registered) (Resource, bool) {
	for _, r := range reg.Find(typ) {
		if arn != "" && fstr(r.Outputs, "arn") == arn {
			return r, true
		}
	}
	return Resource{}, false
}

// clusterArn is the planned cluster's ARN, else the form EKS gives it.
func clusterArn(name, account string, reg Registered) string {
	for _, c := range reg.Find(typeEKSCluster) {
		if fstr(c.Outputs, "name") == name && fstr(c.Outputs, "arn") != "" {
			return fstr(c.Outputs, "arn")
		}
	}
	return "arn:aws:eks:" + Region + ":" + account + ":cluster/" + name
}
