package workloads

import "fmt"

// srcCalicoConflict is why Calico and the VPC CNI's agent never both enforce.
const srcCalicoConflict = "Calico docs, \"Amazon Elastic Kubernetes Service (EKS)\": \"Do not enable network policy for the AWS VPC CNI; " +
	"it conflicts with Calico\" (https://docs.tigera.io/calico/latest/getting-started/kubernetes/managed-public-cloud/eks)"

// networkPolicy: exactly one engine enforces NetworkPolicies. With Calico
// (the tigera-operator's calico-node on every node, AmazonVPC CNI) the VPC
// CNI's agent must be off; without it, the vpc-cni add-on (>= v1.14) must
// turn its agent on (EKS user guide, "Limit pod traffic with Kubernetes
// network policies").
func networkPolicy(d *Deployment) CapabilityResult {
	a, found := d.Addons["vpc-cni"]
	if d.Calico != nil {
		return calicoNetworkPolicy(d.Calico, a, found)
	}
	if !found {
		return gap(CapNetworkPolicy, "no vpc-cni managed add-on: the bootstrap VPC CNI does not enforce NetworkPolicies and nothing else does", "")
	}
	if !NetworkPolicyEnabled(a.Configuration) {
		return gap(CapNetworkPolicy, fmt.Sprintf("the vpc-cni add-on's configuration %q does not set enableNetworkPolicy to \"true\" and Calico is not installed", a.Configuration), a.URN)
	}
	if atLeast, parsed := versionAtLeast(a.Version, NetworkPolicyMinCNI); parsed && !atLeast {
		return gap(CapNetworkPolicy, "vpc-cni "+a.Version+" predates network policy support (v1.14.0)", a.URN)
	}
	return ok(CapNetworkPolicy, "vpc-cni add-on "+a.Version+" with enableNetworkPolicy \"true\"", a.URN)
}

// calicoNetworkPolicy judges Calico as the enforcer: calico-node on every
// node, and the VPC CNI's agent off (srcCalicoConflict).
func calicoNetworkPolicy(c *Calico, cni Addon, cniFound bool) CapabilityResult {
	if cniFound && NetworkPolicyEnabled(cni.Configuration) {
		return gap(CapNetworkPolicy, fmt.Sprintf("Calico enforces NetworkPolicies (%s) and the vpc-cni add-on's configuration %q turns the VPC CNI's agent on too: "+
			"set enableNetworkPolicy to \"false\" (%s)", c.Evidence, cni.Configuration, srcCalicoConflict), cni.URN)
	}
	if !c.Enforcing {
		return gap(CapNetworkPolicy, "Calico is installed but does not enforce on every node: "+c.Evidence, c.URN)
	}
	return ok(CapNetworkPolicy, "Calico enforces NetworkPolicies ("+c.Evidence+"); the VPC CNI's agent is off", c.URN)
}
