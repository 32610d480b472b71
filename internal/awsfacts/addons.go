package awsfacts

// EKS managed add-on names the component installs.
const (
	AddonVPCCNI    = "vpc-cni"
	AddonKubeProxy = "kube-proxy"
	AddonCoreDNS   = "coredns"
	AddonEBSCSI    = "aws-ebs-csi-driver"
	// AddonPodIdentity is the EKS Pod Identity Agent (karpenter: true only:
	// the Karpenter controller's credentials).
	AddonPodIdentity = "eks-pod-identity-agent"
)

// Addons are the managed add-ons, in the order an upgrade moves them:
// the networking DaemonSets before the node groups, the add-ons that run
// Deployments (and so need nodes) after them.
var Addons = []string{AddonVPCCNI, AddonKubeProxy, AddonCoreDNS, AddonEBSCSI, AddonPodIdentity}

// AddonPin is one cell of AddonVersions: the pinned version and where it was read.
type AddonPin struct {
	Version, Source string
}

// AddonVersionsDate is when AddonVersions was last read from its sources.
const AddonVersionsDate = "2026-12-05"

// Sources of AddonVersions. The EKS user guide lists, per Kubernetes version,
// "the latest version of the Amazon EKS add-on type"; each page was read on
// AddonVersionsDate in the newest copy available (translations and the
// docs.amazonaws.cn mirror carry the same table, sometimes newer than the
// English page's cached copy).
const (
	srcVPCCNI = "EKS user guide, Assign IPs to Pods with the Amazon VPC CNI, Amazon VPC CNI versions, " +
		"https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html (table read in " +
		"https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/pod-networking.html: 1.27-1.33 v1.20.1-eksbuild.3)"
	srcVPCCNINewer = "no AWS page with a 1.34/1.35 row was found; v1.21.1-eksbuild.8 is the version listed for 1.29-1.35 in " +
		"https://notes.darshanraul.me/Kubernetes/eks/networking/vpc-cni/README (third party, apparently copied from the EKS user guide); " +
		"preflight checks it against DescribeAddonVersions"
	srcVPCCNI136 = "no AWS page with a 1.36 row was found; the VPC CNI's versions are not tied to a Kubernetes minor " +
		"(the user guide lists one version for every supported minor), so the 1.35 pin v1.21.1-eksbuild.8 is kept " +
		"(" + "without a pin the plan modelled an unknown version and refused network policy enforcement); " +
		"preflight checks it against DescribeAddonVersions"
	srcKubeProxy = "EKS user guide, Manage kube-proxy in Amazon EKS clusters, kube-proxy versions, " +
		"https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (table read in " +
		"https://docs.amazonaws.cn/zh_cn/eks/latest/userguide/managing-kube-proxy.md)"
	srcKubeProxy136 = "EKS user guide, Manage kube-proxy in Amazon EKS clusters, kube-proxy versions, " +
		"https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (1.36 row read in " +
		"https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-kube-proxy.md)"
	srcCoreDNS = "EKS user guide, Manage CoreDNS for DNS in Amazon EKS clusters, CoreDNS versions, " +
		"https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html (table read in " +
		"https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-coredns.md)"
	srcEBSCSI = "no AWS page lists EBS CSI add-on versions per Kubernetes version; v1.66.0-eksbuild.1 is the version EKS marked " +
		"defaultVersion for Kubernetes 1.36 on 2026-09-21 (mitodl/ol-infrastructure#5959, from eks:DescribeAddonVersions); " +
		"the driver's add-on versions are offered for every Kubernetes version EKS supports (aws eks describe-addon-versions " +
		"--addon-name aws-ebs-csi-driver); preflight checks it against DescribeAddonVersions"
	srcPodIdentity = "no AWS page lists eks-pod-identity-agent versions per Kubernetes version (EKS user guide, \"Set up the Amazon EKS " +
		"Pod Identity Agent\", https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html, points to " +
		"aws eks describe-addon-versions --addon-name eks-pod-identity-agent): EKS's default version for the Kubernetes version is read at deploy time"
)

// AddonVersions is the one table of managed add-on versions, by Kubernetes
// version (every version of KubernetesCalendar) and add-on. An empty cell
// means no version was found: the component then asks EKS for its default
// version for that Kubernetes version (eks:DescribeAddonVersions through the
// getAddonVersion invoke) on every run, and says so in a warning.
var AddonVersions = map[string]map[string]AddonPin{
	"1.31": {
		AddonVPCCNI:      {"v1.20.1-eksbuild.3", srcVPCCNI},
		AddonKubeProxy:   {"v1.31.14-eksbuild.9", srcKubeProxy},
		AddonCoreDNS:     {"v1.11.4-eksbuild.40", srcCoreDNS},
		AddonEBSCSI:      {"", "1.31 left extended support on 2026-11-26 (KubernetesCalendar); no EBS CSI version was read for it"},
		AddonPodIdentity: {"", srcPodIdentity},
	},
	"1.32": {
		AddonVPCCNI:      {"v1.20.1-eksbuild.3", srcVPCCNI},
		AddonKubeProxy:   {"v1.32.13-eksbuild.5", srcKubeProxy},
		AddonCoreDNS:     {"v1.11.4-eksbuild.40", srcCoreDNS},
		AddonEBSCSI:      {"v1.66.0-eksbuild.1", srcEBSCSI},
		AddonPodIdentity: {"", srcPodIdentity},
	},
	"1.33": {
		AddonVPCCNI:      {"v1.20.1-eksbuild.3", srcVPCCNI},
		AddonKubeProxy:   {"v1.33.10-eksbuild.2", srcKubeProxy},
		AddonCoreDNS:     {"v1.12.4-eksbuild.18", srcCoreDNS},
		AddonEBSCSI:      {"v1.66.0-eksbuild.1", srcEBSCSI},
		AddonPodIdentity: {"", srcPodIdentity},
	},
	"1.34": {
		AddonVPCCNI:      {"v1.21.1-eksbuild.8", srcVPCCNINewer},
		AddonKubeProxy:   {"v1.34.6-eksbuild.2", srcKubeProxy},
		AddonCoreDNS:     {"v1.13.2-eksbuild.11", srcCoreDNS},
		AddonEBSCSI:      {"v1.66.0-eksbuild.1", srcEBSCSI},
		AddonPodIdentity: {"", srcPodIdentity},
	},
	"1.35": {
		AddonVPCCNI:      {"v1.21.1-eksbuild.8", srcVPCCNINewer},
		AddonKubeProxy:   {"v1.35.3-eksbuild.2", srcKubeProxy},
		AddonCoreDNS:     {"v1.14.3-eksbuild.3", srcCoreDNS},
		AddonEBSCSI:      {"v1.66.0-eksbuild.1", srcEBSCSI},
		AddonPodIdentity: {"", srcPodIdentity},
	},
	"1.36": {
		AddonVPCCNI:      {"v1.21.1-eksbuild.8", srcVPCCNI136},
		AddonKubeProxy:   {"v1.36.0-eksbuild.14", srcKubeProxy136},
		AddonCoreDNS:     {"v1.14.3-eksbuild.3", srcCoreDNS},
		AddonEBSCSI:      {"v1.66.0-eksbuild.1", srcEBSCSI},
		AddonPodIdentity: {"", srcPodIdentity},
	},
}

// AddonVersion returns the pinned version of an add-on for a Kubernetes
// version; ok is false when the table has none (unknown Kubernetes version
// or an empty cell).
func AddonVersion(kubernetesVersion, addon string) (AddonPin, bool) {
	pin, found := AddonVersions[kubernetesVersion][addon]
	return pin, found && pin.Version != ""
}
