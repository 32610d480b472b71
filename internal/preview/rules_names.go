package preview

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

var (
	nodeGroupNameRE = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9_-]*$`)
	clusterNameRE   = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9_-]*$`)
	iamNameRE       = regexp.MustCompile(`^[\w+=,.@-]+$`)
	bucketRE        = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)
	ltNameRE        = regexp.MustCompile(`^[a-zA-Z0-9().\-/_]+$`)
)

// nameRule checks the physical name a resource gets: its name input, else
// the logical name plus Pulumi's 8-character auto-name suffix.
func nameRule(id, source, typ, key string, limit int, re *regexp.Regexp) Rule {
	return Rule{ID: id, Source: source, Types: []string{typ}, Check: func(r Resource, _ Registered) string {
		name := physicalNameOf(r, key)
		explicit := fstr(r.Inputs, key) != ""
		switch {
		case len(name) > limit && explicit:
			return fmt.Sprintf("name %q has %d characters; the limit is %d", name, len(name), limit)
		case len(name) > limit:
			return fmt.Sprintf("auto-name of %q (logical name + %d-character suffix) has %d characters; the limit is %d: shorten the component name",
				r.Name, awsfacts.AutoNameSuffix, len(name), limit)
		case !re.MatchString(name):
			return fmt.Sprintf("name %q has characters AWS rejects (allowed: %s)", name, re.String())
		}
		return ""
	}}
}

var nameRules = []Rule{
	nameRule("nodegroup-name", "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html (nodegroupName: 1-63 characters, letter or digit first)",
		typeNodeGroup, "nodeGroupName", awsfacts.NodeGroupNameMax, nodeGroupNameRE),
	nameRule("iam-role-name", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (role names: 64 characters, [\\w+=,.@-])",
		typeIAMRole, "name", awsfacts.IAMRoleNameMax, iamNameRE),
	nameRule("iam-policy-name", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (policy names: 128 characters)",
		typeIAMPolicy, "name", awsfacts.IAMPolicyNameMax, iamNameRE),
	nameRule("launch-template-name", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html (LaunchTemplateName: 3-128 characters, [a-zA-Z0-9().-/_])",
		typeLaunchTemplate, "name", awsfacts.LaunchTemplateNameMax, ltNameRE),
	nameRule("eks-cluster-name", "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html (name: 1-100 characters, ^[0-9A-Za-z][A-Za-z0-9-_]*$)",
		typeEKSCluster, "name", awsfacts.ClusterNameMax, clusterNameRE),
	bucketNameRule(typeBucket), bucketNameRule(typeBucketLegacy),
	awsNameRule("ecr-repository-name", typeECRRepository, "name", awsfacts.ECRRepositoryName),
	awsNameRule("ecr-pull-through-prefix", typePullThroughRule, "ecrRepositoryPrefix", awsfacts.ECRPullThroughPrefix),
	awsNameRule("kms-alias-name", typeKMSAlias, "name", awsfacts.KMSAliasName),
	awsNameRule("log-group-name", typeLogGroup, "name", awsfacts.LogGroupName),
}

// Types whose names awsNameRule checks.
const (
	typeECRRepository   = "aws:ecr/repository:Repository"
	typePullThroughRule = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
	typeKMSAlias        = "aws:kms/alias:Alias"
)

// awsNameRule checks the name input key of typ against one of awsfacts'
// name rules (its source is the rule's).
func awsNameRule(id, typ, key string, rule awsfacts.NameRule) Rule {
	return Rule{ID: id, Source: rule.Source, Types: []string{typ}, Check: func(r Resource, _ Registered) string {
		return rule.Check(physicalNameOf(r, key))
	}}
}

func bucketNameRule(typ string) Rule {
	return Rule{
		ID:     "s3-bucket-name",
		Source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (3-63 characters, lower-case letters, digits, dots and hyphens, no adjacent dots, not IP-like)",
		Types:  []string{typ},
		Check: func(r Resource, _ Registered) string {
			name := physicalNameOf(r, "bucket")
			switch {
			case len(name) < awsfacts.BucketNameMin || len(name) > awsfacts.BucketNameMax:
				return fmt.Sprintf("bucket name %q has %d characters; S3 allows %d-%d", name, len(name), awsfacts.BucketNameMin, awsfacts.BucketNameMax)
			case !bucketRE.MatchString(name) || strings.Contains(name, ".."):
				return fmt.Sprintf("bucket name %q breaks S3's naming rules", name)
			}
			return ""
		},
	}
}

var kubernetesRules = []Rule{{
	ID: "kubernetes-through-private-endpoint",
	Source: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html (a private-only endpoint is reachable only from the VPC or connected networks; " +
		"a VPC created in the same run cannot hold the machine running Pulumi)",
	Types: []string{"kubernetes:*"},
	Check: checkKubernetesReachable,
}}

// checkKubernetesReachable rejects a Kubernetes object created through a
// provider whose kubeconfig comes from a cluster with a private-only endpoint
// in a VPC made by the same program.
func checkKubernetesReachable(r Resource, reg Registered) string {
	if r.Provider == "" {
		return ""
	}
	prov, ok := reg.ByURN(r.Provider)
	if !ok || prov.Type != typeK8sProvider {
		return ""
	}
	var cluster *Resource
	dependsOn(prov, reg, func(d Resource) bool {
		if d.Type == typeEKSComponent {
			cluster = &d
			return true
		}
		return false
	})
	if cluster == nil {
		return ""
	}
	// pulumi-eks defaults endpointPublicAccess to true (cluster.ts).
	if fbool(cluster.Inputs, true, "endpointPublicAccess") {
		return ""
	}
	if _, made := reg.ByID(fstr(cluster.Inputs, "vpcId")); !made {
		return ""
	}
	return "cluster " + cluster.Name + " has a private-only API endpoint in a VPC this program creates: the machine running `pulumi up` cannot reach it"
}
