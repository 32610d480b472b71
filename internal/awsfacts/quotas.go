package awsfacts

// ServiceQuota is one adjustable AWS service quota the deployment depends on:
// `dominoeks plan` warns when the plan exceeds its default, and `dominoeks
// preflight` compares the plan with the account's applied value.
type ServiceQuota struct {
	// Service is the Service Quotas service code ("eks").
	Service string
	// Code is the quota code, e.g. "L-6D54EA21".
	Code string
	// Name is the quota's name as the Service Quotas console shows it.
	Name string
	// Default is AWS's default value for a new account.
	Default int
	// Source is where AWS writes the quota and its code down.
	Source string
}

// eksQuotasSource cites EKS's quota page and the quota codes.
const eksQuotasSource = `EKS user guide, "Amazon EKS service quotas", https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html; ` +
	`quota codes: AWS General Reference, "Amazon Elastic Kubernetes Service endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/eks.html`

// EKS quotas on managed node groups (both adjustable).
var (
	// EKSManagedNodeGroupsPerCluster limits the managed node groups of one
	// cluster: one per pool and zone here.
	EKSManagedNodeGroupsPerCluster = ServiceQuota{Service: "eks", Code: "L-6D54EA21", Name: "Managed node groups per cluster", Default: 30, Source: eksQuotasSource}
	// EKSNodesPerManagedNodeGroup limits a node group's maxSize.
	EKSNodesPerManagedNodeGroup = ServiceQuota{Service: "eks", Code: "L-BD136A63", Name: "Nodes per managed node group", Default: 450, Source: eksQuotasSource}
)

// NodeGroupQuotas are the EKS quotas on managed node groups.
func NodeGroupQuotas() []ServiceQuota {
	return []ServiceQuota{EKSManagedNodeGroupsPerCluster, EKSNodesPerManagedNodeGroup}
}
