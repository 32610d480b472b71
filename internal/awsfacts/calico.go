package awsfacts

import "slices"

// Calico (networkPolicyProvider: calico) is the tigera-operator Helm chart at
// the version Domino's Terraform pins: dominodatalab/terraform-aws-eks v3.49.0
// (f22412b0) modules/eks/variables.tf, variable "calico", version default
// "v3.31.4"; modules/eks/submodules/k8s/templates/k8s-functions.sh.tftpl
// (_install_calico_chart: `helm upgrade calico-tigera-operator tigera-operator
// --repo https://projectcalico.docs.tigera.io/charts --version ${calico_version}
// --namespace tigera-operator`). The repository is the one Calico's Helm guide
// names today (docs.tigera.io, "Install using Helm": `helm repo add
// projectcalico https://docs.tigera.io/calico/charts`); the old
// projectcalico.docs.tigera.io address redirects there.
const (
	// CalicoChartVersion is the pinned tigera-operator chart (= Calico) version.
	CalicoChartVersion = "v3.31.4"
	// CalicoChartRepo is the chart repository.
	CalicoChartRepo = "https://docs.tigera.io/calico/charts"
	// CalicoChart is the chart's name in CalicoChartRepo.
	CalicoChart = "tigera-operator"
	// CalicoRelease and CalicoNamespace name the Helm release as Domino's
	// Terraform does (release calico-tigera-operator in tigera-operator).
	CalicoRelease   = "calico-tigera-operator"
	CalicoNamespace = "tigera-operator"
	// CalicoSystemNamespace holds what the operator runs (calico-node,
	// calico-typha, calico-kube-controllers, csi-node-driver): Calico docs,
	// "Install Calico on EKS" (`kubectl get pods -n calico-system`); Domino's
	// Terraform k8s-functions.sh.tftpl (remove_calico_cr waits for the
	// calico-system namespace).
	CalicoSystemNamespace = "calico-system"
	// CalicoNodeDaemonSet is the per-node policy enforcer (Felix).
	CalicoNodeDaemonSet = "calico-node"
)

// CalicoKubernetesVersion is one Kubernetes minor version Tigera tests the
// pinned Calico release against.
type CalicoKubernetesVersion struct {
	Version string
	Source  string
}

// calico331Docs is Tigera's statement for Calico 3.31.
const calico331Docs = "Calico 3.31 docs, \"System requirements\" / Kubernetes requirements, Supported versions (\"We test Calico v3.31 " +
	"against the following Kubernetes versions: 1.32, 1.33, 1.34\"): tigera/docs calico_versioned_docs/version-3.31/" +
	"_includes/partials/_system-requirements.mdx (commit 28b16b1a)"

// calico331K135 is the maintainers' statement that adds 1.35.
const calico331K135 = "projectcalico discussion #11717 (https://github.com/orgs/projectcalico/discussions/11717): the Calico " +
	"maintainers test v3.31 against Kubernetes stable, stable-1 and stable-2 (stable = 1.35) and added 1.35 to the " +
	"requirements page"

// CalicoKubernetesVersions are the Kubernetes versions the pinned Calico
// release is tested with. Tigera: "Other versions may work, but we are not
// actively testing them" (calico331Docs).
var CalicoKubernetesVersions = []CalicoKubernetesVersion{
	{Version: "1.32", Source: calico331Docs},
	{Version: "1.33", Source: calico331Docs},
	{Version: "1.34", Source: calico331Docs},
	{Version: "1.35", Source: calico331K135},
}

// CalicoTested reports whether the pinned Calico release is tested with the
// Kubernetes version.
func CalicoTested(kubernetesVersion string) bool {
	return slices.ContainsFunc(CalicoKubernetesVersions, func(v CalicoKubernetesVersion) bool { return v.Version == kubernetesVersion })
}

// CalicoTestedRange is the tested versions in words ("1.32-1.35").
func CalicoTestedRange() string {
	return CalicoKubernetesVersions[0].Version + "-" + CalicoKubernetesVersions[len(CalicoKubernetesVersions)-1].Version
}
