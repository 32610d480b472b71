package preview

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Holdings describe what the AWS account holds before a run, by physical
// name: the stack's own cluster after its first `up`, and what a destroy
// retained. The mocks answer lookups from it, and the engine refuses to
// create a physical name it holds, as AWS does (rule name-already-exists).
type Holdings struct {
	// Clusters are EKS clusters that exist (getCluster finds them).
	Clusters []string
	// LogGroups are CloudWatch log groups (EKS recreates
	// /aws/eks/<cluster>/cluster after a destroy while it flushes).
	LogGroups []string
	// Repositories are ECR repositories (retained on destroy).
	Repositories []string
	// Buckets are S3 buckets owned by this account (retained on destroy).
	Buckets []string
	// KeyAliases are KMS aliases (alias/<name>) that exist.
	KeyAliases []string
	// FileSystems are EFS creation tokens of file systems that exist.
	FileSystems []string
}

// lookupCluster answers aws:eks/getCluster: the cluster when the account holds
// it, else EKS's ResourceNotFoundException as the provider reports it.
func (a Holdings) lookupCluster(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	name := ""
	if v, ok := args.Args["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	if !slices.Contains(a.Clusters, name) {
		return nil, clusterNotFound(args)
	}
	out := args.Args.Copy()
	out["arn"] = resource.NewProperty(fmt.Sprintf("arn:aws:eks:%s:%s:cluster/%s", Region, Account, name))
	out["id"] = resource.NewProperty(name)
	out["status"] = resource.NewProperty("ACTIVE")
	return out, nil
}

// clusterNotFound is the error terraform-provider-aws's getCluster returns
// for a missing cluster (FindClusterByName wraps EKS's ResourceNotFoundException).
func clusterNotFound(args pulumi.MockCallArgs) error {
	name := ""
	if v, ok := args.Args["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	return fmt.Errorf("reading EKS Cluster (%s): couldn't find resource: ResourceNotFoundException: No cluster found for name: %s", name, name)
}
