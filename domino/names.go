package domino

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// Derived-name IDs: every physical name the component derives from the
// cluster name, region and account (derivedNames is the table).
const (
	NameBlobsBucket      = "bucket:" + BucketBlobs
	NameLogsBucket       = "bucket:" + BucketLogs
	NameBackupsBucket    = "bucket:" + BucketBackups
	NameRegistryBucket   = "bucket:" + BucketRegistry
	NameMonitoringBucket = "bucket:" + BucketMonitoring
	// NameRepositoryPrefix is the ECR namespace the repositories live under
	// (<prefix>/environment, /model, /genai-model).
	NameRepositoryPrefix = "ecr:repository-prefix"
	// NameQuayPullThroughPrefix is the quay.io pull-through cache rule's prefix.
	NameQuayPullThroughPrefix = "ecr:pull-through:quay"
	NameKeyAlias              = "kms:alias"
	NameFlowLogGroup          = "logs:flow-logs"
	NameControlPlaneLogGroup  = "logs:control-plane"
)

// accountStandIn stands for the account id when a name's length and
// characters are checked before the account is known: every account id has
// awsfacts.AccountIDLength digits.
const accountStandIn = "123456789012"

// nameHashLength is the length of the stable hash a shortened name carries.
const nameHashLength = 8

// derivedName is one physical name derived from the cluster name: its form
// (lead + head + tail, head being the part taken from the cluster name), the
// AWS rule it must pass, and where the form comes from. The form is the name
// earlier versions gave the resource, and it is kept whenever AWS accepts it:
// renaming a bucket or repository replaces it. Only a name AWS would refuse
// is cleaned (lower case, a-z 0-9 and single hyphens), shortened and given a
// stable hash of the cluster name, so two clusters never share it.
type derivedName struct {
	ID   string
	Rule awsfacts.NameRule
	// form returns the name as lead + head + tail; head is what may be cleaned and cut.
	form func(n nameInput) (lead, head, tail string)
	// fixed: the name is AWS's own (EKS writes there), never shortened.
	fixed bool
	// suffixes are appended to the name by its users (a repository prefix's
	// /<role>): name+suffix must pass the rule for each.
	suffixes []string
	// Source is where the form comes from.
	Source string
}

// nameInput is what derived names are built from. Account is
// accountPlaceholder until the deployment knows it.
type nameInput struct {
	Cluster, Region string
}

// bucketForm is <cluster>-<account>-<region>-<role>: bucket names are global.
func bucketForm(role string) func(n nameInput) (string, string, string) {
	return func(n nameInput) (string, string, string) {
		return "", strings.ToLower(n.Cluster), "-" + accountPlaceholder + "-" + n.Region + "-" + role
	}
}

const srcBucketForm = "DESIGN.md (S3 bucket names are global: cluster name, account and region); Domino's Terraform names its buckets ${deploy_id}-<role> (modules/infra/submodules/storage/s3.tf)"

// derivedNames is the table of every name derived from the cluster name.
// Names the user sets (bucketPrefix, *BucketName) are not derived: they are
// validated and refused with the fix.
var derivedNames = []derivedName{
	{ID: NameBlobsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketBlobs), Source: srcBucketForm},
	{ID: NameLogsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketLogs), Source: srcBucketForm},
	{ID: NameBackupsBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketBackups), Source: srcBucketForm},
	{ID: NameRegistryBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketRegistry), Source: srcBucketForm + "; registry: Domino's Terraform ${deploy_id}-registry"},
	{ID: NameMonitoringBucket, Rule: awsfacts.S3BucketName, form: bucketForm(BucketMonitoring), Source: srcBucketForm + "; monitoring: Domino's Terraform ${deploy_id}-monitoring"},
	{ID: NameRepositoryPrefix, Rule: awsfacts.ECRRepositoryName, suffixes: repositorySuffixes(),
		form:   func(n nameInput) (string, string, string) { return "", strings.ToLower(n.Cluster), "" },
		Source: "Domino's Terraform modules/infra/submodules/storage/ecr.tf (repositories ${deploy_id}/environment, /model, /genai-model)"},
	{ID: NameQuayPullThroughPrefix, Rule: awsfacts.ECRPullThroughPrefix,
		form: func(n nameInput) (string, string, string) {
			return "", strings.ToLower(n.Cluster), PullThroughQuaySuffix
		},
		Source: "this component's <cluster>-quay (earlier versions); Domino's Terraform keeps it within 30 characters with ${substr(deploy_id, 0, 24)}/quay (modules/infra/submodules/storage/ecr.tf)"},
	{ID: NameKeyAlias, Rule: awsfacts.KMSAliasName,
		form:   func(n nameInput) (string, string, string) { return "alias/", n.Cluster, "" },
		Source: "this component's alias/<cluster> (kms.go); leftovers and check look the key up by it"},
	{ID: NameFlowLogGroup, Rule: awsfacts.LogGroupName,
		form:   func(n nameInput) (string, string, string) { return "/aws/vpc/", n.Cluster, "/flow-logs" },
		Source: "this component's flow-log group (logging.go FlowLogGroupName, which check reads)"},
	{ID: NameControlPlaneLogGroup, Rule: awsfacts.LogGroupName, fixed: true,
		form:   func(n nameInput) (string, string, string) { return "/aws/eks/", n.Cluster, "/cluster" },
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html (EKS writes to /aws/eks/<cluster>/cluster)"},
}

// autoNamed lists the resources whose physical names Pulumi derives from the
// component name (logical name + awsfacts.AutoNameSuffix characters), not
// from the cluster name: renaming them would replace them, so the component
// name is validated instead (validateNames).
var autoNamed = []struct {
	Logical string // after "<component name>-"
	Rule    awsfacts.NameRule
}{
	{"node-xxxxxxx", awsfacts.IAMRoleName},        // cluster.go node role
	{"ebs-csi-xxxxxxx", awsfacts.IAMRoleName},     // storage.go EBS CSI IRSA role
	{"flow-logs-xxxxxxx", awsfacts.IAMRoleName},   // logging.go flow-log delivery role
	{"access-host-xxxxxxx", awsfacts.IAMRoleName}, // accesshost.go role and instance profile
	{"node-shared-xxxxxxx", awsfacts.SecurityGroupName},
	{"efs-xxxxxxx", awsfacts.SecurityGroupName},
	{"endpoints-xxxxxxx", awsfacts.SecurityGroupName},
	{"default-us-west-2a-xxxxxxx", awsfacts.NodeGroupName}, // nodepools.go: <name>-<pool>[-<zone>]
	{"default-us-west-2a-xxxxxxx", awsfacts.LaunchTemplateName},
}

// repositorySuffixes are /<role> for every ECR repository role.
func repositorySuffixes() []string {
	out := make([]string, len(RepositoryRoles))
	for i, r := range RepositoryRoles {
		out[i] = "/" + r
	}
	return out
}

// derive returns the name d gives the cluster in the region: its form when
// AWS accepts it, else a cleaned, shortened form with a stable hash.
func (d derivedName) derive(n nameInput) string {
	lead, head, tail := d.form(n)
	if d.fixed || d.check(lead+head+tail) == "" {
		return lead + head + tail
	}
	h := nameHash(n.Cluster)
	longest := 0
	for _, sfx := range d.suffixes {
		longest = max(longest, len(sfx))
	}
	budget := d.Rule.Max - len(standIn(lead+tail)) - longest - len(h) - 1
	mid := h
	if clean := cleanNamePart(head, max(budget, 0)); clean != "" {
		mid = clean + "-" + h
	}
	if name := lead + mid + tail; d.check(name) == "" {
		return name
	}
	return lead + h + tail // e.g. a cleaned head with a reserved S3 prefix
}

// check checks a derived name with each of its suffixes ("" when AWS
// accepts them all).
func (d derivedName) check(name string) string {
	if len(d.suffixes) == 0 {
		return checkDerived(d.Rule, name)
	}
	for _, sfx := range d.suffixes {
		if why := checkDerived(d.Rule, name+sfx); why != "" {
			return why
		}
	}
	return ""
}

// checkDerived checks a derived name, the account placeholder standing for
// a 12-digit account id.
func checkDerived(rule awsfacts.NameRule, name string) string {
	return rule.Check(standIn(name))
}

func standIn(name string) string { return strings.Replace(name, accountPlaceholder, accountStandIn, 1) }

// nameHash is a stable hash of the cluster name: 8 lower-case hex digits.
func nameHash(cluster string) string {
	sum := sha256.Sum256([]byte(cluster))
	return hex.EncodeToString(sum[:])[:nameHashLength]
}

// cleanNamePart lower-cases s, turns every run of characters other than
// a-z and 0-9 into one hyphen, cuts it to at most n characters and trims
// hyphens at either end: a part every derived kind of name accepts.
func cleanNamePart(s string, n int) string {
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

// derivedName returns the name of id for the spec's cluster and region.
func (s spec) derivedName(id string) string {
	for _, d := range derivedNames {
		if d.ID == id {
			return d.derive(nameInput{Cluster: s.ClusterName, Region: s.Region})
		}
	}
	panic("domino: no derived name " + id) // a programming error: ids are constants
}

// DerivedNames returns every name the component derives from the cluster
// name for these arguments, by ID; bucket names hold AccountPlaceholder.
func (a DominoEKSArgs) DerivedNames(name string) map[string]string {
	s := a.resolve(name)
	out := make(map[string]string, len(derivedNames))
	for _, d := range derivedNames {
		out[d.ID] = s.derivedName(d.ID)
	}
	return out
}

// validateBucketNames checks the bucket names the user sets: bucketPrefix
// (with the longest role it makes) and each *BucketName. Derived names need
// no check: names.go makes them valid.
func validateBucketNames(p *problems, a DominoEKSArgs) {
	if a.BucketPrefix != "" {
		longest := BucketBackups
		for _, role := range []string{BucketRegistry, BucketMonitoring} {
			if len(role) > len(longest) {
				longest = role
			}
		}
		probe := a.BucketPrefix + "-" + longest
		if msg := checkBucketName(probe); msg != "" {
			p.add("bucketPrefix", a.BucketPrefix, "makes the bucket name "+probe+", which "+msg,
				fmt.Sprintf("use at most %d lower-case letters, digits, hyphens and dots, starting with a letter or digit, or leave bucketPrefix unset (names are then derived from the cluster name)",
					awsfacts.S3BucketName.Max-len("-"+longest)))
		}
	}
	for _, f := range []struct{ field, name string }{
		{"blobsBucketName", a.BlobsBucketName}, {"logsBucketName", a.LogsBucketName}, {"backupsBucketName", a.BackupsBucketName},
		{"registryBucketName", a.RegistryBucketName}, {"monitoringBucketName", a.MonitoringBucketName},
	} {
		if f.name == "" {
			continue
		}
		if msg := checkBucketName(f.name); msg != "" {
			p.add(f.field, f.name, msg, "use 3-63 lower-case letters, digits, hyphens and dots, starting and ending with a letter or digit, or leave it unset (a name is derived from the cluster name)")
		}
	}
}
