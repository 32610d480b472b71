package awsfacts

import "slices"

// KarpenterVersion is the Karpenter release the component installs (chart
// oci://public.ecr.aws/karpenter/karpenter and karpenter-crd at this
// version): the newest v1 release, tag v1.14.1 of aws/karpenter-provider-aws
// (commit bde00654cd316fddb3dccfba3f5ac07039865429, 2026-08-20; charts/karpenter/Chart.yaml
// version 1.14.1 at the docs commit 1d927085dd81a9df9301e613f371dac5b4d16bfe,
// "docs: update for patch release v1.14.1").
const KarpenterVersion = "1.14.1"

// KarpenterDocs is the docs folder of KarpenterVersion; the AWS side cites its
// getting-started CloudFormation template
// (website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml).
const KarpenterDocs = "https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/website/content/en/v1.14/"

// KarpenterTemplateSource cites the getting-started CloudFormation template
// of KarpenterVersion, the reference for the queue, the rules and the
// controller policy.
const KarpenterTemplateSource = "Karpenter v" + KarpenterVersion + " getting-started CloudFormation, " +
	KarpenterDocs + "getting-started/getting-started-with-karpenter/cloudformation.yaml"

// karpenterCompatibilitySource is Karpenter's compatibility matrix of the
// pinned release's docs: the minimum Karpenter for each Kubernetes minor.
const karpenterCompatibilitySource = "Karpenter compatibility matrix, " + KarpenterDocs +
	"upgrading/compatibility.md (Kubernetes 1.30 >= 0.37, 1.31 >= 1.0.5, 1.32 >= 1.2, 1.33 >= 1.5, 1.34 >= 1.6, 1.35 >= 1.9, 1.36 >= 1.13)"

// KarpenterRelease is one pinned Karpenter release and the Kubernetes minors
// it supports.
type KarpenterRelease struct {
	Version string
	// Kubernetes are the supported minors, oldest first: every column of the
	// compatibility matrix whose minimum Karpenter is at or below Version.
	// A minor newer than the matrix's last column is not supported.
	Kubernetes []string
	Source     string
}

// Karpenter is the one row of the version calendar for Karpenter: the
// pinned release and the Kubernetes versions it supports.
var Karpenter = KarpenterRelease{
	Version:    KarpenterVersion,
	Kubernetes: []string{"1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"},
	Source:     karpenterCompatibilitySource,
}

// Supports reports whether the release supports a Kubernetes minor.
func (k KarpenterRelease) Supports(kubernetesVersion string) bool {
	return slices.Contains(k.Kubernetes, kubernetesVersion)
}

// Range is the supported minors as "first-last".
func (k KarpenterRelease) Range() string {
	return k.Kubernetes[0] + "-" + k.Kubernetes[len(k.Kubernetes)-1]
}
