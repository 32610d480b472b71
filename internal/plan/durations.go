package plan

import "strings"

// Duration is a resource type's modelled create time, in seconds: the fast
// and slow ends of what public sources report, and the typical (median) time
// the critical path uses.
type Duration struct {
	Fast, Typical, Slow int
	// Source cites the figures.
	Source string
}

// Sources of the duration table.
const (
	srcEKSCluster = "AWS: EKS cluster creation \"9 minutes or less on average\" (Amazon EKS announcement, https://aws.amazon.com/about-aws/whats-new/2021/03/amazon-eks-reduces-cluster-creation-time-40-percent/); public Terraform apply logs of aws_eks_cluster: 8-11 min, median ~10 (terraform-aws-modules/terraform-aws-eks issues and CI logs)"
	srcNodeGroup  = "public Terraform apply logs of aws_eks_node_group: 1-6 min to ACTIVE, median ~2 (terraform-aws-modules/terraform-aws-eks CI logs); EKS user guide, Create a managed node group"
	srcAddon      = "terraform-provider-aws internal/service/eks/addon.go waits for ACTIVE (up to 20 min; pods need nodes); observed ~1-3 min once nodes exist"
	srcNAT        = "terraform-provider-aws internal/service/ec2/vpc_nat_gateway.go waits for available (timeout 10 min); typically 1-2 min"
	srcEndpoint   = "terraform-provider-aws internal/service/ec2/vpc_endpoint.go waits for available (timeout 10 min); typically 1-2 min"
	srcMount      = "terraform-provider-aws internal/service/efs/mount_target.go waits for available (timeout 30 min); typically 1-2 min"
	srcACM        = "ACM user guide, DNS validation: usually validated within minutes of the CNAME; terraform aws_acm_certificate_validation waits (timeout 75 min)"
	srcRoute53    = "Route 53 API ChangeResourceRecordSets: changes propagate to all servers within 60 seconds (INSYNC)"
	srcAPICall    = "a single create API call without a waiter in terraform-provider-aws: seconds"
	srcHelm       = "helm upgrade --install --atomic waits until the chart's Deployments are ready (helm docs, \"Helm Upgrade\": --atomic sets --wait); Domino's Terraform gives the tigera-operator install --wait --timeout 10m (dominodatalab/terraform-aws-eks v3.49.0 modules/eks/submodules/k8s/templates/k8s-functions.sh.tftpl), the slow end; typical: one operator image pulled and started on a running node, about a minute"
	srcInstance   = "EC2 user guide, Instance lifecycle (pending to running); terraform-provider-aws internal/service/ec2/ec2_instance.go waits for running: typically 30-60 s"
	srcKubeObject = "a single Kubernetes API create (kubectl apply): seconds"
)

// durations is the one table of modelled create times by resource type. The
// plan records pulumi-eks's child aws:eks/cluster:Cluster, which carries the
// control plane's time; the eks:index:Cluster component, like every
// component, finishes with its children. Providers and local component
// resources take no time of their own.
var durations = map[string]Duration{
	"aws:eks/cluster:Cluster":                             {480, 600, 660, srcEKSCluster},
	"aws:eks/nodeGroup:NodeGroup":                         {60, 120, 360, srcNodeGroup},
	"aws:eks/addon:Addon":                                 {45, 90, 180, srcAddon},
	"aws:ec2/natGateway:NatGateway":                       {60, 120, 180, srcNAT},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     {60, 90, 150, srcEndpoint},
	"aws:ec2/instance:Instance":                           {30, 45, 90, srcInstance},
	"aws:efs/mountTarget:MountTarget":                     {60, 90, 150, srcMount},
	"aws:efs/fileSystem:FileSystem":                       {5, 10, 20, srcAPICall},
	"aws:acm/certificateValidation:CertificateValidation": {60, 180, 600, srcACM},
	"aws:acm/certificate:Certificate":                     {5, 10, 20, srcAPICall},
	"aws:route53/record:Record":                           {30, 45, 60, srcRoute53},
	"aws:ec2/vpc:Vpc":                                     {3, 5, 10, srcAPICall},
	"aws:ec2/subnet:Subnet":                               {3, 5, 10, srcAPICall},
	"aws:ec2/internetGateway:InternetGateway":             {3, 5, 10, srcAPICall},
	"aws:ec2/routeTable:RouteTable":                       {3, 5, 10, srcAPICall},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {1, 2, 5, srcAPICall},
	"aws:ec2/eip:Eip":                                     {1, 2, 5, srcAPICall},
	"aws:ec2/securityGroup:SecurityGroup":                 {3, 5, 10, srcAPICall},
	"aws:ec2/securityGroupRule:SecurityGroupRule":         {1, 2, 5, srcAPICall},
	"aws:ec2/launchTemplate:LaunchTemplate":               {2, 3, 5, srcAPICall},
	"aws:iam/role:Role":                                   {2, 3, 10, srcAPICall},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":   {1, 2, 5, srcAPICall},
	"aws:iam/rolePolicy:RolePolicy":                       {1, 2, 5, srcAPICall},
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": {2, 3, 5, srcAPICall},
	"aws:autoscaling/tag:Tag":                             {1, 2, 5, srcAPICall},
	"aws:s3/bucketV2:BucketV2":                            {3, 5, 10, srcAPICall},
	"aws:backup/vault:Vault":                              {2, 3, 5, srcAPICall},
	"aws:backup/plan:Plan":                                {2, 3, 5, srcAPICall},
	"aws:backup/selection:Selection":                      {2, 3, 10, srcAPICall},
	"kubernetes:helm.sh/v3:Release":                       {30, 60, 600, srcHelm},
	"kubernetes:karpenter.sh/v1:NodePool":                 {1, 2, 5, srcKubeObject},
	"kubernetes:karpenter.k8s.aws/v1:EC2NodeClass":        {1, 2, 5, srcKubeObject},
}

// defaultCustom is any other cloud resource: an API call or two.
var defaultCustom = Duration{2, 3, 5, srcAPICall}

// DurationOf returns the modelled create time of a resource type; custom
// reports whether the resource is a custom (provider-managed) resource.
func DurationOf(typ string, custom bool) Duration {
	if d, ok := durations[typ]; ok {
		return d
	}
	if strings.HasPrefix(typ, "pulumi:providers:") || !custom {
		return Duration{}
	}
	return defaultCustom
}

// CreateSeconds returns the typical create time of a resource type.
func CreateSeconds(typ string, custom bool) int { return DurationOf(typ, custom).Typical }
