// Package names is the table of every physical name the component derives
// from the cluster name, region and account: each entry's form, the AWS rule
// it must pass (internal/awsfacts) and where the form comes from. The
// component (domino) creates resources under these names; the checker finds
// them by the same table.
//
// A name keeps its form (the name earlier versions gave the resource)
// whenever AWS accepts it: renaming a bucket or repository replaces it. Only
// a name AWS would refuse is cleaned (lower case, a-z 0-9 and single
// hyphens), shortened and given a stable hash of the cluster name, so two
// clusters never share it and every EKS-valid cluster name plans.
package names

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// AccountPlaceholder stands for the AWS account id in bucket names until the
// deployment knows it.
const AccountPlaceholder = "{account}"

// accountStandIn stands for the account id when a name's length and
// characters are checked: every account id has awsfacts.AccountIDLength digits.
const accountStandIn = "123456789012"

// HashLength is the length of the stable hash a shortened name carries.
const HashLength = 8

// Bucket roles and ECR repository roles, as Domino's Terraform names them
// (modules/infra/submodules/storage/s3.tf, ecr.tf; genai-model since commit
// f15aa2fc, 2025-08-27, "DOM-70574 Add genai-model repository to ECR").
const (
	BucketBlobs      = "blobs"
	BucketLogs       = "logs"
	BucketBackups    = "backups"
	BucketRegistry   = "registry"
	BucketMonitoring = "monitoring"

	RepositoryEnvironment = "environment"
	RepositoryModel       = "model"
	RepositoryGenAIModel  = "genai-model"

	// QuaySuffix ends the quay.io pull-through cache prefix <cluster>-quay.
	QuaySuffix = "-quay"
)

// RepositoryRoles lists the ECR repositories, in order.
var RepositoryRoles = []string{RepositoryEnvironment, RepositoryModel, RepositoryGenAIModel}

// IDs of the derived names.
const (
	BlobsBucket      = "bucket:" + BucketBlobs
	LogsBucket       = "bucket:" + BucketLogs
	BackupsBucket    = "bucket:" + BucketBackups
	RegistryBucket   = "bucket:" + BucketRegistry
	MonitoringBucket = "bucket:" + BucketMonitoring
	// RepositoryPrefix is the ECR namespace of <prefix>/environment, /model, /genai-model.
	RepositoryPrefix = "ecr:repository-prefix"
	// QuayPullThroughPrefix is the quay.io pull-through cache rule's prefix.
	QuayPullThroughPrefix = "ecr:pull-through:quay"
	KeyAlias              = "kms:alias"
	FlowLogGroup          = "logs:flow-logs"
	ControlPlaneLogGroup  = "logs:control-plane"
	// KarpenterQueue is Karpenter's interruption queue (karpenter: true).
	KarpenterQueue = "sqs:karpenter-interruption"
	// KarpenterInstanceProfile is the instance profile of the nodes Karpenter launches.
	KarpenterInstanceProfile = "iam:instance-profile:karpenter"
	// KarpenterRulePrefix + a KarpenterRules kind is one EventBridge rule.
	KarpenterRulePrefix = "events:karpenter-"
)

// KarpenterRules are the kinds of interruption event Karpenter's reference
// routes to its queue, one EventBridge rule each (their names' suffixes).
var KarpenterRules = []string{"spot-interruption", "rebalance", "state-change", "scheduled-change", "capacity-reservation"}

const srcKarpenterTemplate = "Karpenter v1.14 getting-started CloudFormation (aws/karpenter-provider-aws website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml)"

// Input is what derived names are built from.
type Input struct {
	Cluster, Region string
}

// Entry is one derived name: its form (lead + head + tail, head being the
// part taken from the cluster name), the AWS rule it must pass, and where
// the form comes from.
type Entry struct {
	ID   string
	Rule awsfacts.NameRule
	// form returns the name as lead + head + tail; head is what may be cleaned and cut.
	form func(n Input) (lead, head, tail string)
	// fixed: the name is AWS's own (EKS writes there), never shortened.
	fixed bool
	// suffixes are appended to the name by its users (a repository prefix's
	// /<role>): name+suffix must pass the rule for each.
	suffixes []string
	// Source is where the form comes from.
	Source string
}

// bucketForm is <cluster>-<account>-<region>-<role>: bucket names are global.
func bucketForm(role string) func(n Input) (string, string, string) {
	return func(n Input) (string, string, string) {
		return "", strings.ToLower(n.Cluster), "-" + AccountPlaceholder + "-" + n.Region + "-" + role
	}
}

const srcBucketForm = "DESIGN.md (S3 bucket names are global: cluster name, account and region); Domino's Terraform names its buckets ${deploy_id}-<role> (modules/infra/submodules/storage/s3.tf)"

// Table is every name derived from the cluster name. Names the user sets
// (bucketPrefix, *BucketName) are not derived: the component validates them.
var Table = []Entry{
	{ID: BlobsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketBlobs), Source: srcBucketForm},
	{ID: LogsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketLogs), Source: srcBucketForm},
	{ID: BackupsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketBackups), Source: srcBucketForm},
	{ID: RegistryBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketRegistry), Source: srcBucketForm + "; registry: Domino's Terraform ${deploy_id}-registry"},
	{ID: MonitoringBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketMonitoring), Source: srcBucketForm + "; monitoring: Domino's Terraform ${deploy_id}-monitoring"},
	{ID: RepositoryPrefix, Rule: awsfacts.ECRRepositoryName, suffixes: repositorySuffixes(),
		form:   func(n Input) (string, string, string) { return "", strings.ToLower(n.Cluster), "" },
		Source: "Domino's Terraform modules/infra/submodules/storage/ecr.tf (repositories ${deploy_id}/environment, /model, /genai-model)"},
	{ID: QuayPullThroughPrefix, Rule: awsfacts.ECRPullThroughPrefix,
		form: func(n Input) (string, string, string) {
			return "", strings.ToLower(n.Cluster), QuaySuffix
		},
		Source: "this component's <cluster>-quay (earlier versions); Domino's Terraform keeps it within 30 characters with ${substr(deploy_id, 0, 24)}/quay (modules/infra/submodules/storage/ecr.tf)"},
	{ID: KeyAlias, Rule: awsfacts.KMSAliasName,
		form:   func(n Input) (string, string, string) { return "alias/", n.Cluster, "" },
		Source: "this component's alias/<cluster> (domino/kms.go); leftovers and check look the key up by it"},
	{ID: FlowLogGroup, Rule: awsfacts.LogGroupName,
		form:   func(n Input) (string, string, string) { return "/aws/vpc/", n.Cluster, "/flow-logs" },
		Source: "this component's flow-log group (domino/logging.go FlowLogGroupName, which check reads)"},
	{ID: ControlPlaneLogGroup, Rule: awsfacts.LogGroupName, fixed: true,
		form:   func(n Input) (string, string, string) { return "/aws/eks/", n.Cluster, "/cluster" },
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html (EKS writes to /aws/eks/<cluster>/cluster)"},
}

func init() { Table = append(Table, karpenterEntries()...) }

// karpenterEntries are the names of Karpenter's AWS side: the queue is
// named after the cluster as the reference template names it (QueueName
// ${ClusterName}, also the chart's settings.interruptionQueue); the rules,
// unnamed there (CloudFormation generates names), get <cluster>-karpenter-<kind>
// so the checker and leftovers find them; the instance profile is this
// component's (the reference lets Karpenter generate one from spec.role).
func karpenterEntries() []Entry {
	out := []Entry{
		{ID: KarpenterQueue, Rule: awsfacts.SQSQueueName,
			form:   func(n Input) (string, string, string) { return "", n.Cluster, "" },
			Source: srcKarpenterTemplate + " (KarpenterInterruptionQueue QueueName: !Sub \"${ClusterName}\")"},
		{ID: KarpenterInstanceProfile, Rule: awsfacts.IAMInstanceProfileName,
			form:   func(n Input) (string, string, string) { return "", n.Cluster, "-karpenter-node" },
			Source: "this component's <cluster>-karpenter-node (domino/karpenter_aws.go); Karpenter EC2NodeClass spec.instanceProfile takes a pre-provisioned profile"},
	}
	for _, kind := range KarpenterRules {
		out = append(out, Entry{ID: KarpenterRulePrefix + kind, Rule: awsfacts.EventBridgeRuleName,
			form:   func(n Input) (string, string, string) { return "", n.Cluster, "-karpenter-" + kind },
			Source: srcKarpenterTemplate + " (one AWS::Events::Rule per interruption event, names generated there)"})
	}
	return out
}

// repositorySuffixes are /<role> for every ECR repository role.
func repositorySuffixes() []string {
	out := make([]string, len(RepositoryRoles))
	for i, r := range RepositoryRoles {
		out[i] = "/" + r
	}
	return out
}

// Of returns the name id derives for the input; bucket names hold
// AccountPlaceholder. It panics on an unknown id (ids are constants).
func Of(id string, in Input) string {
	for _, e := range Table {
		if e.ID == id {
			return e.Derive(in)
		}
	}
	panic("names: no derived name " + id)
}

// Derive returns the name the entry gives the input: its form when AWS
// accepts it, else a cleaned, shortened form with a stable hash.
func (e Entry) Derive(in Input) string {
	lead, head, tail := e.form(in)
	if e.fixed || e.Check(lead+head+tail) == "" {
		return lead + head + tail
	}
	h := Hash(in.Cluster)
	longest := 0
	for _, sfx := range e.suffixes {
		longest = max(longest, len(sfx))
	}
	budget := e.Rule.Max - len(standIn(lead+tail)) - longest - len(h) - 1
	mid := h
	if clean := Clean(head, max(budget, 0)); clean != "" {
		mid = clean + "-" + h
	}
	if name := lead + mid + tail; e.Check(name) == "" {
		return name
	}
	return lead + h + tail // e.g. a cleaned head with a reserved S3 prefix
}

// Check checks a derived name with each of its suffixes, the account
// placeholder standing for a 12-digit account id ("" when AWS accepts them all).
func (e Entry) Check(name string) string {
	if len(e.suffixes) == 0 {
		return e.Rule.Check(standIn(name))
	}
	for _, sfx := range e.suffixes {
		if why := e.Rule.Check(standIn(name + sfx)); why != "" {
			return why
		}
	}
	return ""
}

func standIn(name string) string { return strings.Replace(name, AccountPlaceholder, accountStandIn, 1) }

// Hash is a stable hash of the cluster name: 8 lower-case hex digits.
func Hash(cluster string) string {
	sum := sha256.Sum256([]byte(cluster))
	return hex.EncodeToString(sum[:])[:HashLength]
}

// Clean lower-cases s, turns every run of characters other than a-z and 0-9
// into one hyphen, cuts it to at most n characters and trims hyphens at
// either end: a part every derived kind of name accepts.
func Clean(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > n {
		out = strings.TrimRight(out[:n], "-")
	}
	return out
}

// Bucket returns the derived name of the bucket role for the cluster, the
// account and the region.
func Bucket(cluster, account, region, role string) string {
	return strings.Replace(Of("bucket:"+role, Input{Cluster: cluster, Region: region}), AccountPlaceholder, account, 1)
}
