package domino

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/names"
)

// Derived-name IDs: every physical name the component derives from the
// cluster name, region and account. The table, with each form's and rule's
// source, is internal/names.Table.
const (
	NameBlobsBucket      = names.BlobsBucket
	NameLogsBucket       = names.LogsBucket
	NameBackupsBucket    = names.BackupsBucket
	NameRegistryBucket   = names.RegistryBucket
	NameMonitoringBucket = names.MonitoringBucket
	// NameRepositoryPrefix is the ECR namespace the repositories live under
	// (<prefix>/environment, /model, /genai-model).
	NameRepositoryPrefix = names.RepositoryPrefix
	// NameQuayPullThroughPrefix is the quay.io pull-through cache rule's prefix.
	NameQuayPullThroughPrefix = names.QuayPullThroughPrefix
	NameKeyAlias              = names.KeyAlias
	NameFlowLogGroup          = names.FlowLogGroup
	NameControlPlaneLogGroup  = names.ControlPlaneLogGroup
)

// autoNamed lists the resources whose physical names Pulumi derives from the
// component name (logical name + awsfacts.AutoNameSuffix characters), not
// from the cluster name: renaming them would replace them, so the component
// name is validated instead (validateNames). The component creates no
// Secrets Manager secret.
var autoNamed = []struct {
	Logical string // after "<component name>-"
	Rule    awsfacts.NameRule
}{
	{"node-xxxxxxx", awsfacts.IAMRoleName},        // cluster.go node role
	{"ebs-csi-xxxxxxx", awsfacts.IAMRoleName},     // storage.go EBS CSI IRSA role
	{"flow-logs-xxxxxxx", awsfacts.IAMRoleName},   // logging.go flow-log delivery role
	{"access-host-xxxxxxx", awsfacts.IAMRoleName}, // accesshost.go role and instance profile
	{"node-s3-xxxxxxx", awsfacts.IAMPolicyName},   // buckets.go node S3 role policy (and its siblings)
	{"node-shared-xxxxxxx", awsfacts.SecurityGroupName},
	{"efs-xxxxxxx", awsfacts.SecurityGroupName},
	{"endpoints-xxxxxxx", awsfacts.SecurityGroupName},
	{"default-us-west-2a-xxxxxxx", awsfacts.NodeGroupName}, // nodepools.go: <name>-<pool>[-<zone>]
	{"default-us-west-2a-xxxxxxx", awsfacts.LaunchTemplateName},
}

// derivedName returns the name of id for the spec's cluster and region.
func (s spec) derivedName(id string) string {
	return names.Of(id, names.Input{Cluster: s.ClusterName, Region: s.Region})
}

// DerivedNames returns every name the component derives from the cluster
// name for these arguments, by ID; bucket names hold AccountPlaceholder.
func (a DominoEKSArgs) DerivedNames(name string) map[string]string {
	s := a.resolve(name)
	out := make(map[string]string, len(names.Table))
	for _, e := range names.Table {
		out[e.ID] = s.derivedName(e.ID)
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
