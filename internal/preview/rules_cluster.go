package preview

import "slices"

// typeBucketLifecycle is an S3 bucket's lifecycle configuration.
const typeBucketLifecycle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"

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
