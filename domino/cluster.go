package domino

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-eks/sdk/v2/go/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// controlPlaneLogTypes are all EKS control-plane log types; all are enabled.
var controlPlaneLogTypes = []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}

// nodeRolePolicies are the AWS managed policies every node needs.
var nodeRolePolicies = map[string]string{
	"worker": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
	"ecr":    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
	"cni":    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
	"ssm":    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
}

// cluster is the EKS control plane and what nodes share.
type cluster struct {
	Cluster *eks.Cluster
	// Name is the EKS cluster name, resolved once the cluster exists.
	Name pulumi.StringOutput
	// SecurityGroupID is the EKS-managed cluster security group.
	SecurityGroupID pulumi.StringOutput
	// NodeSecurityGroup is the shared node security group attached to every node
	// (the seed's ClusterSharedNodeSecurityGroup).
	NodeSecurityGroup *ec2.SecurityGroup
	NodeRole          *iam.Role
	// NodeRoleReady holds the node role's policy attachments.
	NodeRoleReady []pulumi.Resource
	OIDCProvider  *iam.OpenIdConnectProvider
	// OIDCIssuer is the issuer URL without its https:// scheme.
	OIDCIssuer pulumi.StringOutput
	// Kubeconfig (JSON) uses the AWS provider's credentials (profile, assumed role).
	Kubeconfig pulumi.StringOutput
	// SharedKubeconfig (JSON) names no profile or role: for every admin.
	SharedKubeconfig pulumi.StringOutput
}

func assumeRolePolicy(service string) string {
	doc, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "sts:AssumeRole",
			"Principal": map[string]any{"Service": service},
		}},
	})
	return string(doc)
}

// newCluster creates the node role, the shared node security group, the EKS
// cluster (pulumi-eks, no default node group, private endpoint, all control-plane
// logs) and its OIDC provider.
func newCluster(ctx *pulumi.Context, s spec, net *network, opts ...pulumi.ResourceOption) (*cluster, error) {
	n := s.Name
	c := &cluster{}
	var err error
	c.NodeRole, err = iam.NewRole(ctx, n+"-node", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ec2.amazonaws.com")),
		Description:      pulumi.String("Domino EKS worker nodes of " + s.ClusterName),
		Tags:             tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("node role: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(nodeRolePolicies)) {
		att, err := iam.NewRolePolicyAttachment(ctx, n+"-node-"+key, &iam.RolePolicyAttachmentArgs{
			Role: c.NodeRole.Name, PolicyArn: pulumi.String(nodeRolePolicies[key]),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("node role policy %s: %w", key, err)
		}
		c.NodeRoleReady = append(c.NodeRoleReady, att)
	}

	c.NodeSecurityGroup, err = ec2.NewSecurityGroup(ctx, n+"-node-shared", &ec2.SecurityGroupArgs{
		VpcId:       net.VpcID,
		Description: pulumi.String("Shared by all Domino nodes of " + s.ClusterName + "; EFS allows NFS only from it"),
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("node to node"), Protocol: pulumi.String("-1"),
			FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), Self: pulumi.Bool(true),
		}},
		Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{
			Description: pulumi.String("egress"), Protocol: pulumi.String("-1"),
			FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlocks: pulumi.StringArray{pulumi.String("0.0.0.0/0")},
		}},
		// No kubernetes.io/cluster tag: EKS tags its cluster security group, and
		// load balancer controllers need exactly one tagged group per node ENI.
		Tags: tagsWith(s, s.withDiscovery(map[string]string{"Name": n + "-node-shared"})),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("shared node security group: %w", err)
	}

	creds, err := providerCredentials(ctx)
	if err != nil {
		return nil, err
	}
	clusterArgs := &eks.ClusterArgs{
		Name:                   pulumi.StringPtr(s.ClusterName),
		Version:                pulumi.StringPtr(s.KubernetesVersion),
		VpcId:                  net.VpcID.ToStringPtrOutput(),
		PrivateSubnetIds:       net.ControlPlaneSubnetIDs,
		SkipDefaultNodeGroup:   pulumi.BoolRef(true),
		UseDefaultVpcCni:       pulumi.BoolRef(true),
		EndpointPrivateAccess:  pulumi.BoolPtr(true),
		EndpointPublicAccess:   pulumi.BoolPtr(s.PublicEndpoint),
		EnabledClusterLogTypes: pulumi.ToStringArray(controlPlaneLogTypes),
		CreateOidcProvider:     pulumi.BoolPtr(false),
		// Access entries (EKS API), not the aws-auth ConfigMap: creating the
		// cluster then needs no Kubernetes API access, which matters with the
		// default private-only endpoint. pulumi-eks gives the node role its
		// EC2_LINUX access entry; node groups wait for the cluster component,
		// so the entry exists before EKS would create one of its own.
		AuthenticationMode:           authModePtr(eks.AuthenticationModeApi),
		InstanceRole:                 c.NodeRole,
		NodeAssociatePublicIpAddress: pulumi.BoolRef(false),
		// Admins' entries are the component's (newAdminEntries), not
		// pulumi-eks's accessEntries: a remote component's children cannot take
		// the import option an admin's existing entry needs.
		Tags:                   tagsWith(s, nil),
		EncryptionConfigKeyArn: s.kmsKeyID(),
		ClusterTags:            s.secretsKeyTags(), // read back by the key-change guard (encryption.go)
	}
	if creds != (awsCredentials{}) {
		opts := &eks.KubeconfigOptionsArgs{}
		if creds.Profile != "" {
			opts.ProfileName = pulumi.StringPtr(creds.Profile)
		}
		if creds.RoleArn != "" {
			opts.RoleArn = pulumi.StringPtr(creds.RoleArn)
		}
		clusterArgs.ProviderCredentialOpts = opts
	}
	if !s.BringYourOwnVPC || s.publicSubnetIDs != nil {
		clusterArgs.PublicSubnetIds = net.PublicSubnetIDs
	}
	if s.PublicEndpoint {
		clusterArgs.PublicAccessCidrs = pulumi.ToStringArray(s.PublicAccessCidrs)
	}
	c.Cluster, err = eks.NewCluster(ctx, n+"-eks", clusterArgs, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(s.clusterDeps))...)
	if err != nil {
		return nil, fmt.Errorf("EKS cluster %q: %w", s.ClusterName, err)
	}
	if err := newAdminEntries(ctx, s, c.Cluster, opts...); err != nil {
		return nil, err
	}
	c.Name = c.Cluster.EksCluster.Name()
	ek := c.Cluster.EksCluster
	c.Kubeconfig = kubeconfigOutput(ek, s.Region, creds)
	c.SharedKubeconfig = kubeconfigOutput(ek, s.Region, awsCredentials{})
	c.SecurityGroupID = c.Cluster.EksCluster.VpcConfig().ClusterSecurityGroupId().Elem()
	issuer := c.Cluster.EksCluster.Identities().Index(pulumi.Int(0)).Oidcs().Index(pulumi.Int(0)).Issuer().Elem()
	c.OIDCIssuer = issuer.ApplyT(func(u string) string {
		const scheme = "https://"
		if len(u) > len(scheme) && u[:len(scheme)] == scheme {
			return u[len(scheme):]
		}
		return u
	}).(pulumi.StringOutput)
	c.OIDCProvider, err = iam.NewOpenIdConnectProvider(ctx, n+"-oidc", &iam.OpenIdConnectProviderArgs{
		Url:           issuer,
		ClientIdLists: pulumi.StringArray{pulumi.String("sts.amazonaws.com")},
		Tags:          tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("OIDC provider: %w", err)
	}
	return c, nil
}

// clusterAdminPolicy is the EKS access policy granting cluster admin.
const clusterAdminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

// Access entry and policy association type tokens.
const (
	typeAccessEntry       = "aws:eks/accessEntry:AccessEntry"
	typeAccessAssociation = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"
)

// newAdminEntries gives each admin principal cluster admin through an EKS
// access entry with AmazonEKSClusterAdminPolicy at cluster scope: the entries
// the up creates or keeps (s.AdminPrincipals, tagged ClusterTag=<cluster>, as
// adopt.JudgeEntry reads them) and those it adopts (s.adoptedAdmins). Names
// derive from the ARN, so reordering the list replaces nothing.
//
// URNs. Earlier versions passed the admins to pulumi-eks v2.8.1 as
// accessEntries, which registers aws.eks.AccessEntry("<component>-<key>") and,
// parented to it, aws.eks.AccessPolicyAssociation("<component>-<key>-<policy
// key>") under the eks:index:Cluster component (nodejs/eks/authenticationMode.ts
// createAccessEntries; cluster.ts:867 passes the cluster as parent). The
// component now registers them itself, under its own parent, with the same
// names and an alias to those URNs: an existing stack's entries move, and
// nothing is replaced. They are moved because a remote component's children
// cannot take the import option, and they are not parented to the pulumi-eks
// component (which would keep the URNs) because a child registered from
// outside a remote component waits on it (the Go SDK adds it to the
// component's children, on which the component's dependents wait): the
// preview deadlocked.
//
// Adopted entries: import id "cluster:principal" with the entry's own type,
// tags and groups (as DescribeAccessEntry reports them), so the import's diff
// is empty. On an entry already in state with that id the import option is a
// no-op, not an error: pulumi/pulumi pkg/resource/deploy/step_generator.go (at
// 1b5949891b3c, lines 1102-1113; since pulumi/pulumi#4403, 2020) imports only
// when "there is no old resource or if the old resource's ID does not match
// the ID in the goal state":
//
//	isImport := goal.Custom && goal.ID != "" && (old == nil || old.External || oldImportID != goal.ID)
//
// and otherwise "just flow[s] on to the normal step generation" (line 1204): a
// same or an update. One registration is thus right whether the entry is an
// earlier version's (in state) or one an admin added by hand (not in state);
// the program cannot read its state to tell.
//
// Associations are registered without the import option, adopted or not. No
// Pulumi invoke reads associations (pulumi-aws v6.83.4 has no
// getAccessPolicyAssociation), and importing one that does not exist fails the
// up (step.go ImportStep: "resource '%v' does not exist"). A create is safe
// either way: terraform-provider-aws creates it with AssociateAccessPolicy
// alone (resourceAccessPolicyAssociationCreate), which EKS answers for a policy
// already associated by setting the new scope (EKS user guide, "Associate
// access policies with access entries": "If you later want to change the scope
// of an associated access policy, run the previous command again with the new
// scope"). In state already, it is a same.
func newAdminEntries(ctx *pulumi.Context, s spec, cl *eks.Cluster, opts ...pulumi.ResourceOption) error {
	tags := tagsWith(s, map[string]string{adopt.ClusterTag: s.ClusterName})
	for _, arn := range s.AdminPrincipals {
		args := &awseks.AccessEntryArgs{
			ClusterName: cl.EksCluster.Name(), PrincipalArn: pulumi.String(arn),
			Type: pulumi.StringPtr("STANDARD"), Tags: tags,
		}
		if err := newAdminEntry(ctx, s, cl, arn, args, opts); err != nil {
			return err
		}
	}
	for _, a := range s.adoptedAdmins {
		args := &awseks.AccessEntryArgs{ClusterName: cl.EksCluster.Name(), PrincipalArn: pulumi.String(a.PrincipalArn)}
		if a.Type != "" {
			args.Type = pulumi.StringPtr(a.Type)
		}
		if len(a.Tags) > 0 {
			args.Tags = pulumi.ToStringMap(a.Tags)
		}
		if len(a.KubernetesGroups) > 0 {
			args.KubernetesGroups = pulumi.ToStringArray(a.KubernetesGroups)
		}
		imp := pulumi.Import(pulumi.ID(adopt.EntryImportID(s.ClusterName, a.PrincipalArn)))
		if err := newAdminEntry(ctx, s, cl, a.PrincipalArn, args, append(append([]pulumi.ResourceOption{}, opts...), imp)); err != nil {
			return err
		}
	}
	return nil
}

// newAdminEntry registers one admin's entry and its cluster-admin association.
func newAdminEntry(ctx *pulumi.Context, s spec, cl *eks.Cluster, arn string, args *awseks.AccessEntryArgs, opts []pulumi.ResourceOption) error {
	name := s.Name + "-eks-admin-" + shortID(arn) // pulumi-eks: "<component>-<key>", key "admin-<id>"
	entry, err := awseks.NewAccessEntry(ctx, name, args, append(append([]pulumi.ResourceOption{}, opts...), pulumi.Aliases([]pulumi.Alias{{Parent: cl}}))...)
	if err != nil {
		return fmt.Errorf("access entry of %s: %w", arn, err)
	}
	// pulumi-eks parented the association to the entry it made under the cluster.
	oldEntry := cl.URN().ApplyT(func(u pulumi.URN) pulumi.URN {
		c := resource.URN(u)
		return pulumi.URN(resource.NewURN(c.Stack(), c.Project(), c.QualifiedType(), typeAccessEntry, name))
	}).(pulumi.URNOutput)
	_, err = awseks.NewAccessPolicyAssociation(ctx, name+"-cluster-admin", &awseks.AccessPolicyAssociationArgs{
		ClusterName:  cl.EksCluster.Name(),
		PrincipalArn: pulumi.String(arn),
		PolicyArn:    pulumi.String(clusterAdminPolicy),
		AccessScope:  awseks.AccessPolicyAssociationAccessScopeArgs{Type: pulumi.String("cluster")},
	}, pulumi.Parent(entry), pulumi.DependsOn([]pulumi.Resource{entry}), pulumi.Aliases([]pulumi.Alias{{ParentURN: oldEntry}}))
	if err != nil {
		return fmt.Errorf("cluster admin for the access entry of %s: %w", arn, err)
	}
	return nil
}

// shortID is a stable 8-character id of s.
func shortID(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

func authModePtr(m eks.AuthenticationMode) *eks.AuthenticationMode { return &m }
