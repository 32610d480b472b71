package preview

import "slices"

// typeBucketLifecycle is an S3 bucket's lifecycle configuration.
const typeBucketLifecycle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"

// addonBeforeControlPlane is why an add-on must wait for its cluster.
const addonBeforeControlPlane = "on a kubernetesVersion change it could move before the control plane is upgraded"

// clusterRules: what the cluster's workloads rely on from the order and shape
// of their AWS resources.
var clusterRules = []Rule{
	{
		ID: "vpc-cni-before-nodes",
		Source: "EKS user guide, \"Limit pod traffic with Kubernetes network policies\" (network policy enforcement is a vpc-cni add-on setting the node agent applies), " +
			"https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html; terraform-aws-modules/terraform-aws-eks main.tf (cluster_addons before_compute: vpc-cni configured before compute is created)",
		Types: []string{typeAddon, typeNodeGroup},
		Check: func(r Resource, reg Registered) string {
			cluster := fstr(r.Inputs, "clusterName")
			if r.Type == typeAddon {
				if fstr(r.Inputs, "addonName") != "vpc-cni" {
					return ""
				}
				for _, ng := range reg.Find(typeNodeGroup) {
					if fstr(ng.Inputs, "clusterName") == cluster {
						return "the vpc-cni add-on comes after node group " + ng.Name + ": its nodes start with the bootstrap CNI configuration (no network policy agent)"
					}
				}
				return ""
			}
			for _, a := range reg.Find(typeAddon) {
				if fstr(a.Inputs, "addonName") == "vpc-cni" && fstr(a.Inputs, "clusterName") == cluster &&
					!dependsOn(r, reg, func(d Resource) bool { return d.URN == a.URN }) {
					return "node group does not wait for the vpc-cni add-on of cluster " + cluster + ": its nodes may start before network policy enforcement is configured"
				}
			}
			return ""
		},
	},
	{
		ID: "addon-after-control-plane",
		Source: "EKS user guide, \"Update existing cluster to new Kubernetes version\" (update the control plane first, then the add-ons and nodes), " +
			"https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html; eksctl user guide, \"Cluster upgrades\" (control plane, node groups, default add-ons), " +
			"https://docs.aws.amazon.com/eks/latest/eksctl/cluster-upgrade.html",
		// Registrations arrive in any order: checked from both ends.
		Types: []string{typeAddon, typeEKSCluster, typeEKSComponent},
		Check: func(r Resource, reg Registered) string {
			if r.Type != typeAddon {
				for _, a := range reg.Find(typeAddon) {
					// pulumi-eks's cluster is created inside its component: waiting
					// for the component is waiting for the cluster.
					waits := dependsOn(a, reg, func(d Resource) bool {
						return d.URN == r.URN || d.Type == typeEKSComponent && d.URN == r.Parent
					})
					if fstr(a.Inputs, "clusterName") == fstr(r.Inputs, "name") && !waits {
						return "add-on " + fstr(a.Inputs, "addonName") + " (" + a.Name + ") does not wait for this cluster: " + addonBeforeControlPlane
					}
				}
				return ""
			}
			cluster := fstr(r.Inputs, "clusterName")
			isCluster := func(d Resource) bool {
				return (d.Type == typeEKSCluster || d.Type == typeEKSComponent) && fstr(d.Inputs, "name") == cluster
			}
			planned := slices.ContainsFunc(reg.Find(typeEKSCluster), isCluster) || slices.ContainsFunc(reg.Find(typeEKSComponent), isCluster)
			if !planned || dependsOn(r, reg, isCluster) {
				return "" // the cluster exists already, or the add-on waits for it
			}
			return "add-on " + fstr(r.Inputs, "addonName") + " does not wait for cluster " + cluster + ": " + addonBeforeControlPlane
		},
	},
	{
		ID:     "bucket-one-lifecycle-configuration",
		Source: "S3 API Reference, PutBucketLifecycleConfiguration (\"If a lifecycle configuration exists, it replaces it\"): https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html",
		Types:  []string{typeBucketLifecycle},
		Check: func(r Resource, reg Registered) string {
			bucket := fstr(r.Inputs, "bucket")
			if i := slices.IndexFunc(reg.Find(typeBucketLifecycle), func(o Resource) bool {
				return o.URN != r.URN && fstr(o.Inputs, "bucket") == bucket
			}); i >= 0 {
				return "bucket " + bucket + " already has lifecycle configuration " + reg.Find(typeBucketLifecycle)[i].Name + ": each replaces the other's rules on every update"
			}
			return ""
		},
	},
}
