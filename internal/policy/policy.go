// Package policy checks a recorded plan against the component's security and
// data-safety invariants: encryption everywhere, private nodes, IMDSv2, IAM
// scoped to exact ARNs, NFS only from the node security group, no open
// ingress, control-plane logging, stateful resources retained.
package policy

import (
	"fmt"
	"sort"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// Violation is one broken invariant.
type Violation struct {
	// Rule is the id of the broken rule.
	Rule string `json:"rule"`
	// URN of the offending resource ("" when the plan lacks something).
	URN string `json:"urn,omitempty"`
	// Message says what is wrong.
	Message string `json:"message"`
}

func (v Violation) String() string {
	if v.URN == "" {
		return fmt.Sprintf("[%s] %s", v.Rule, v.Message)
	}
	return fmt.Sprintf("[%s] %s: %s", v.Rule, v.URN, v.Message)
}

// Rule is one invariant over a plan.
type Rule struct {
	// ID names the rule in violations, e.g. "imdsv2-required".
	ID string
	// Description says what the rule requires.
	Description string
	check       func(p *plan) []Violation
}

// Rules returns every invariant, in a stable order.
func Rules() []Rule {
	return []Rule{
		{"ebs-encrypted", "node root volumes and the block storage class are encrypted", checkEBSEncrypted},
		{"efs-encrypted", "EFS file systems are encrypted", checkEFSEncrypted},
		{"s3-encrypted", "every bucket has default server-side encryption", checkS3Encrypted},
		{"s3-public-access-blocked", "every bucket blocks all four kinds of public access", checkS3PublicAccess},
		{"s3-tls-only", "every bucket policy denies requests without TLS", checkS3TLS},
		{"imdsv2-required", "every launch template requires IMDSv2 tokens", checkIMDSv2},
		{"nodes-private", "node groups use only private subnets, with no public IPs", checkNodesPrivate},
		{"iam-exact-arns", "IAM statements granting S3 actions name exact bucket ARNs, never s3:* or *", checkIAMExact},
		{"efs-nfs-from-node-sg", "EFS security groups allow only TCP 2049 from the node security group", checkEFSIngress},
		{"no-open-ingress", "no security group or API endpoint admits 0.0.0.0/0 or ::/0", checkOpenIngress},
		{"control-plane-logging", "all EKS control-plane log types are enabled", checkLogging},
		{"data-retained", "EFS file systems and buckets are retained on delete and never force-destroyed", checkRetained},
		{"vpc-endpoints-private", "interface VPC endpoints resolve privately and admit only HTTPS from security groups, never from CIDRs", checkEndpoints},
		{"customer-key", "with a customer KMS key configured, every data store (launch template volumes, storage class, EFS, buckets but the access-log bucket, ECR, EKS secrets) uses it", checkCustomerKey},
		{"ecr-immutable", "ECR repositories have immutable image tags", checkECRImmutable},
		{"ecr-exact-arns", "IAM statements granting ECR image actions name exactly the plan's repositories", checkECRExact},
		{"s3-access-logging", "every bucket but the access-log bucket has S3 server access logging", checkAccessLogging},
	}
}

// Check evaluates every rule on the plan; no violations means compliant.
func Check(res *preview.Result) []Violation {
	p := newPlan(res)
	var out []Violation
	for _, r := range Rules() {
		for _, v := range r.check(p) {
			v.Rule = r.ID
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].URN < out[j].URN
	})
	return out
}
