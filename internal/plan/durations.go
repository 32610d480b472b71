package plan

import "strings"

// Modelled create times, in seconds, by resource type. They are typical
// observed durations, not guarantees; sources:
//   - EKS cluster: the EKS User Guide says creating a cluster "takes several
//     minutes"; a 21-region survey of CreateCluster to ACTIVE measured 13-16
//     minutes (cited in issue #11): 14 min. The plan records pulumi-eks's
//     child aws:eks/cluster:Cluster, which carries it; the eks:index:Cluster
//     component, like every component, finishes with its children.
//   - EKS managed node group: 3-5 minutes until ACTIVE (instances launched
//     and joined; EKS user guide "Create a managed node group"): 4 min.
//   - EKS add-on that runs pods (EBS CSI driver): ~90 s to ACTIVE once nodes
//     exist (terraform-provider-aws waits for ACTIVE; before nodes it stays
//     DEGRADED): 90 s.
//   - NAT gateway: about 1-2 minutes until available (the provider waits): 2 min.
//   - VPC interface endpoint: about 1-2 minutes until available: 90 s.
//   - EC2 instance: the provider waits for "running", typically 30-60 s
//     after RunInstances (EC2 user guide, "Instance lifecycle": pending to
//     running): 45 s.
//   - EFS mount target: about 90 s until available; file system: seconds.
//   - ACM DNS validation: typically a few minutes after the record exists: 3 min.
//   - Route 53 record: waits for INSYNC, typically under a minute: 45 s.
//   - VPC, subnets, gateways, route tables, security groups, IAM, launch
//     templates, tags, S3 bucket settings and Kubernetes objects: API calls
//     completing in seconds.
//
// Providers and local component resources take no time of their own.
var createSeconds = map[string]int{
	"aws:eks/cluster:Cluster":                             840,
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     90,
	"aws:ec2/instance:Instance":                           45,
	"aws:eks/nodeGroup:NodeGroup":                         240,
	"aws:eks/addon:Addon":                                 90,
	"aws:ec2/natGateway:NatGateway":                       120,
	"aws:efs/mountTarget:MountTarget":                     90,
	"aws:efs/fileSystem:FileSystem":                       10,
	"aws:acm/certificateValidation:CertificateValidation": 180,
	"aws:acm/certificate:Certificate":                     10,
	"aws:route53/record:Record":                           45,
	"aws:ec2/vpc:Vpc":                                     5,
	"aws:ec2/subnet:Subnet":                               5,
	"aws:ec2/internetGateway:InternetGateway":             5,
	"aws:ec2/routeTable:RouteTable":                       5,
	"aws:ec2/routeTableAssociation:RouteTableAssociation": 2,
	"aws:ec2/eip:Eip":                                     2,
	"aws:ec2/securityGroup:SecurityGroup":                 5,
	"aws:ec2/securityGroupRule:SecurityGroupRule":         2,
	"aws:ec2/launchTemplate:LaunchTemplate":               3,
	"aws:iam/role:Role":                                   3,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":   2,
	"aws:iam/rolePolicy:RolePolicy":                       2,
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": 3,
	"aws:autoscaling/tag:Tag":                             2,
	"aws:s3/bucketV2:BucketV2":                            5,
}

// Defaults for types not in createSeconds.
const (
	// defaultCustomSeconds is any other cloud resource: an API call or two.
	defaultCustomSeconds = 3
)

// CreateSeconds returns the modelled create time of a resource type; custom
// reports whether the resource is a custom (provider-managed) resource.
func CreateSeconds(typ string, custom bool) int {
	if s, ok := createSeconds[typ]; ok {
		return s
	}
	if strings.HasPrefix(typ, "pulumi:providers:") || !custom {
		return 0
	}
	return defaultCustomSeconds
}
