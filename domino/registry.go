package domino

import (
	"encoding/json"
	"fmt"
	"github.com/dominoeks/pulumi-dominoeks/internal/names"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ECR repository roles: Domino's environment, model and GenAI model images
// (the names Domino's Terraform gives them under the deployment's prefix,
// modules/infra/submodules/storage/ecr.tf; genai-model since 2025-08).
const (
	RepositoryEnvironment = names.RepositoryEnvironment
	RepositoryModel       = names.RepositoryModel
	RepositoryGenAIModel  = names.RepositoryGenAIModel
)

// RepositoryRoles lists the ECR repositories ecr creates, in order.
var RepositoryRoles = names.RepositoryRoles

// Node ECR actions on exactly the component's repositories: pull and push.
// ecr:GetAuthorizationToken (resource "*") comes with the managed
// AmazonEC2ContainerRegistryReadOnly policy every node already has.
var (
	NodeECRPullActions = workloads.ECRPullActions
	NodeECRPushActions = workloads.ECRPushActions
)

// registry is the optional container registry: ECR repositories by role.
type registry struct {
	Repositories map[string]*ecr.Repository
}

// repositoryName is the ECR name of a repository role: <prefix>/<role>, the
// prefix derived from the cluster name (names.go: <cluster> in lower case
// whenever ECR accepts it).
func (s spec) repositoryName(role string) string {
	return s.derivedName(NameRepositoryPrefix) + "/" + role
}

// newRegistry creates the ECR repositories (immutable tags, scan on push,
// encrypted with the customer key when there is one, retained like data) and
// lets the node role pull from and push to exactly them. It returns nil when
// ecr is off.
func newRegistry(ctx *pulumi.Context, s spec, c *cluster, opts ...pulumi.ResourceOption) (*registry, error) {
	if !s.ECR {
		return nil, nil
	}
	r := &registry{Repositories: map[string]*ecr.Repository{}}
	enc := ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("AES256")}
	if s.key != nil {
		enc = ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: s.key.Arn}
	}
	var arns pulumi.StringArray
	for _, role := range RepositoryRoles {
		repo, err := ecr.NewRepository(ctx, s.Name+"-"+role, &ecr.RepositoryArgs{
			Name:                       pulumi.String(s.repositoryName(role)),
			ImageTagMutability:         pulumi.String("IMMUTABLE"),
			ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{ScanOnPush: pulumi.Bool(true)},
			EncryptionConfigurations:   ecr.RepositoryEncryptionConfigurationArray{enc},
			ForceDelete:                pulumi.Bool(false),
			Tags:                       tagsWith(s, map[string]string{"dominodatalab.com/repository": role}),
		}, append(dataOpts(s, opts), s.leftovers.adopt("repository", "repository:"+s.repositoryName(role))...)...)
		if err != nil {
			return nil, fmt.Errorf("ECR repository %s: %w", s.repositoryName(role), err)
		}
		r.Repositories[role] = repo
		arns = append(arns, repo.Arn)
	}
	policy := arns.ToStringArrayOutput().ApplyT(NodeECRPolicy).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, s.Name+"-node-ecr", &iam.RolePolicyArgs{
		Role: c.NodeRole.Name, Policy: policy,
	}, opts...); err != nil {
		return nil, fmt.Errorf("node ECR policy: %w", err)
	}
	return r, nil
}

// NodeECRPolicy lets nodes pull from and push to exactly the given repositories.
func NodeECRPolicy(repositoryArns []string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "DominoPull", Effect: "Allow", Action: NodeECRPullActions, Resource: repositoryArns},
		{Sid: "DominoPush", Effect: "Allow", Action: NodeECRPushActions, Resource: repositoryArns},
	}})
	return string(doc), err
}

// repositoryURLs resolves the repositories' URLs by role ({} without ecr).
func (r *registry) repositoryURLs() pulumi.StringMapOutput {
	out := pulumi.StringMap{}
	if r != nil {
		for role, repo := range r.Repositories {
			out[role] = repo.RepositoryUrl
		}
	}
	return out.ToStringMapOutput()
}

// installerExtras are the deployed values beyond the seed's that the
// installer configuration carries.
type installerExtras struct {
	AccessPoint *efs.AccessPoint
	Registry    *registry
	// CertificateArn is the created certificate's ARN ("" when none).
	CertificateArn pulumi.StringOutput
}
