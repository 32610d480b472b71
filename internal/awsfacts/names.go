package awsfacts

import (
	"fmt"
	"regexp"
	"strings"
)

// cfnSchemas names where the CloudFormation resource schemas cited below are
// read: cfn-lint 1.51.0, cfnlint/data/schemas/resources/<hash>.json (the hash
// per type in cfnlint/data/schemas/providers/us_west_2.py).
const cfnSchemas = "CloudFormation resource schema (cfn-lint 1.51.0 data/schemas/resources/"

// NameRule is what AWS accepts as one kind of physical name: a length range,
// a pattern, whether it must be lower case, and any further refusals. Each
// rule cites where AWS writes it down.
type NameRule struct {
	// Kind names the kind of name, e.g. "S3 bucket name".
	Kind     string
	Min, Max int
	// Pattern the whole name must match.
	Pattern *regexp.Regexp
	// Allowed describes the pattern for people.
	Allowed string
	// Lower: AWS refuses upper case.
	Lower bool
	// extra returns a further refusal ("" when none).
	extra func(name string) string
	// Source is where the rule is written down.
	Source string
}

// Check returns "" when AWS accepts name as this kind of name, else why not.
func (r NameRule) Check(name string) string {
	switch {
	case len(name) < r.Min || len(name) > r.Max:
		return fmt.Sprintf("%q has %d characters; a %s takes %d-%d", name, len(name), r.Kind, r.Min, r.Max)
	case r.Lower && strings.ToLower(name) != name:
		return fmt.Sprintf("%q has upper-case letters; a %s is lower case", name, r.Kind)
	case !r.Pattern.MatchString(name):
		return fmt.Sprintf("%q is not a valid %s (allowed: %s)", name, r.Kind, r.Allowed)
	case r.extra != nil:
		if why := r.extra(name); why != "" {
			return fmt.Sprintf("%q is not a valid %s: %s", name, r.Kind, why)
		}
	}
	return ""
}

var ipLikeRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`)

// s3Reserved refuses what S3's naming rules refuse beyond the pattern.
func s3Reserved(name string) string {
	switch {
	case strings.Contains(name, ".."), strings.Contains(name, ".-"), strings.Contains(name, "-."):
		return "adjacent dots, or a dot next to a hyphen"
	case ipLikeRE.MatchString(name):
		return "it looks like an IP address"
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return "the prefix " + p + " is reserved"
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return "the suffix " + s + " is reserved"
		}
	}
	return ""
}

// ecrComponent is one slash-separated part of an ECR repository name.
const ecrComponent = `[a-z0-9]+(?:[._-][a-z0-9]+)*`

// The kinds of physical name the component derives or relies on.
var (
	// S3BucketName: 3-63 lower-case letters, digits, dots and hyphens, a letter
	// or digit at each end; no "..", ".-", "-."; not IP-like; reserved prefixes
	// xn--, sthree-, amzn-s3-demo- and suffixes -s3alias, --ol-s3, --x-s3, --table-s3.
	S3BucketName = NameRule{Kind: "S3 bucket name", Min: 3, Max: 63, Lower: true,
		Pattern: regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`), Allowed: "a-z, 0-9, dots and hyphens, a letter or digit at each end",
		extra:  s3Reserved,
		Source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html; " + cfnSchemas + "48d4aec56c00d69f.json, AWS::S3::Bucket BucketName: maxLength 63, ^([a-z0-9][a-z0-9.-]*[a-z0-9])?$)"}
	// ECRRepositoryName: 2-256 characters, slash-separated lower-case components.
	ECRRepositoryName = NameRule{Kind: "ECR repository name", Min: 2, Max: 256, Lower: true,
		Pattern: regexp.MustCompile(`^(?:` + ecrComponent + `/)*` + ecrComponent + `$`), Allowed: "lower-case letters and digits, single . _ - between them, / between components",
		Source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html (repositoryName 2-256, (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*); " + cfnSchemas + "f436b8d080c711a7.json, AWS::ECR::Repository RepositoryName)"}
	// ECRPullThroughPrefix: 2-30 characters, the repository-name pattern.
	ECRPullThroughPrefix = NameRule{Kind: "ECR pull-through cache prefix", Min: 2, Max: 30, Lower: true,
		Pattern: regexp.MustCompile(`^(?:` + ecrComponent + `/)*` + ecrComponent + `$`), Allowed: "lower-case letters and digits, single . _ - between them, / between components",
		Source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html (ecrRepositoryPrefix 2-30, (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*); " + cfnSchemas + "f9c6b6d8631a83a0.json, AWS::ECR::PullThroughCacheRule EcrRepositoryPrefix: 2-30)"}
	// KMSAliasName: alias/ then 1-250 of [a-zA-Z0-9/_-]; alias/aws/ is reserved.
	KMSAliasName = NameRule{Kind: "KMS alias name", Min: 7, Max: 256,
		Pattern: regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]+$`), Allowed: "alias/ then letters, digits, / _ -",
		extra: func(n string) string {
			if strings.HasPrefix(n, "alias/aws/") {
				return "alias/aws/ is reserved for AWS managed keys"
			}
			return ""
		},
		Source: "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html (1-256 characters of letters, digits, / _ -; not alias/aws/); " + cfnSchemas + "54689921df6fa201.json, AWS::KMS::Alias AliasName: 1-256, ^(alias/)[a-zA-Z0-9:/_-]+$)"}
	// LogGroupName: 1-512 of [.-_/#A-Za-z0-9].
	LogGroupName = NameRule{Kind: "CloudWatch Logs log group name", Min: 1, Max: 512,
		Pattern: regexp.MustCompile(`^[.\-_/#A-Za-z0-9]+$`), Allowed: "letters, digits, . - _ / #",
		Source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html (logGroupName 1-512, [\\.\\-_/#A-Za-z0-9]+); " + cfnSchemas + "c0ece63f58ef831f.json, AWS::Logs::LogGroup LogGroupName)"}
	// IAMRoleName: 1-64 of [\w+=,.@-].
	IAMRoleName = NameRule{Kind: "IAM role name", Min: 1, Max: IAMRoleNameMax,
		Pattern: regexp.MustCompile(`^[\w+=,.@-]+$`), Allowed: `[\w+=,.@-]`,
		Source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (role names 64); " + cfnSchemas + "7fefd2b7982c788c.json, AWS::IAM::Role RoleName: 1-64, ^[\\w+=,.@-]+$)"}
	// IAMPolicyName: 1-128 of [\w+=,.@-].
	IAMPolicyName = NameRule{Kind: "IAM policy name", Min: 1, Max: IAMPolicyNameMax,
		Pattern: regexp.MustCompile(`^[\w+=,.@-]+$`), Allowed: `[\w+=,.@-]`,
		Source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (policy names 128); " + cfnSchemas + "cf758bdbc12fe737.json, AWS::IAM::RolePolicy PolicyName: 1-128)"}
	// NodeGroupName: 1-63, a letter or digit first.
	NodeGroupName = NameRule{Kind: "EKS node group name", Min: 1, Max: NodeGroupNameMax,
		Pattern: regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9_-]*$`), Allowed: "letters, digits, _ and -, a letter or digit first",
		Source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html (nodegroupName 1-63, ^[0-9A-Za-z][A-Za-z0-9\\-_]*)"}
	// LaunchTemplateName: 3-128 of [a-zA-Z0-9().-/_].
	LaunchTemplateName = NameRule{Kind: "EC2 launch template name", Min: 3, Max: LaunchTemplateNameMax,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9().\-/_]+$`), Allowed: "letters, digits, ( ) . - / _",
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html; " + cfnSchemas + "f8bc65d3ff2bf9ea.json, AWS::EC2::LaunchTemplate LaunchTemplateName: 3-128)"}
	// SecurityGroupName: 1-255 characters; it may not start with sg-.
	SecurityGroupName = NameRule{Kind: "EC2 security group name", Min: 1, Max: 255,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`), Allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*",
		extra: func(n string) string {
			if strings.HasPrefix(strings.ToLower(n), "sg-") {
				return "names may not start with sg-"
			}
			return ""
		},
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html (GroupName: up to 255 characters, not starting with sg-)"}
	// SecretName: 1-512 of letters, digits and /_+=.@-.
	SecretName = NameRule{Kind: "Secrets Manager secret name", Min: 1, Max: 512,
		Pattern: regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]+$`), Allowed: "letters, digits, / _ + = . @ -",
		Source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (Name 1-512, ASCII letters, digits and /_+=.@-); " + cfnSchemas + "c85175a4ebcce361.json, AWS::SecretsManager::Secret Name: 1-512)"}
)

// Names of Karpenter's AWS side (karpenter: true).
var (
	// SQSQueueName: 1-80 of letters, digits, - and _ (a standard queue; no
	// .fifo). The CloudFormation schema of AWS::SQS::Queue gives QueueName
	// only {"type": "string"}: the limit is the API's.
	SQSQueueName = NameRule{Kind: "SQS queue name", Min: 1, Max: 80,
		Pattern: regexp.MustCompile(`^[A-Za-z0-9_-]+$`), Allowed: "letters, digits, - and _",
		Source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html (QueueName: \"A queue name can have up to 80 characters. " +
			"Valid values: alphanumeric characters, hyphens (-), and underscores (_)\"); " + cfnSchemas + "0da8bf92124580f1.json, AWS::SQS::Queue QueueName: type string only)"}
	// EventBridgeRuleName: 1-64 of letters, digits, . - _.
	EventBridgeRuleName = NameRule{Kind: "EventBridge rule name", Min: 1, Max: 64,
		Pattern: regexp.MustCompile(`^[.\-_A-Za-z0-9]+$`), Allowed: "letters, digits, . - _",
		Source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html (Name 1-64, [\\.\\-_A-Za-z0-9]+); " + cfnSchemas + "65aec73d3b811c08.json, AWS::Events::Rule Name: 1-64, ^[\\.\\-_A-Za-z0-9]+$)"}
	// IAMInstanceProfileName: 1-128 of [\w+=,.@-].
	IAMInstanceProfileName = NameRule{Kind: "IAM instance profile name", Min: 1, Max: 128,
		Pattern: regexp.MustCompile(`^[\w+=,.@-]+$`), Allowed: `[\w+=,.@-]`,
		Source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html (InstanceProfileName 1-128, [\\w+=,.@-]+); " + cfnSchemas + "5d26530e6c9b123f.json, AWS::IAM::InstanceProfile InstanceProfileName: 0-128, ^([\\w+=,.@-]+)?$)"}
)

// NameRules lists every kind of name above, for tests that each is cited.
var NameRules = []NameRule{S3BucketName, ECRRepositoryName, ECRPullThroughPrefix, KMSAliasName, LogGroupName,
	IAMRoleName, IAMPolicyName, NodeGroupName, LaunchTemplateName, SecurityGroupName, SecretName,
	SQSQueueName, EventBridgeRuleName, IAMInstanceProfileName}

// AccountIDLength is the length of an AWS account id (12 digits).
// Source: https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
const AccountIDLength = 12
