package preview

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Account and Region the mocks pretend to run in, and the principal running
// the deployment (getCallerIdentity).
const (
	Account   = "123456789012"
	Region    = "us-west-2"
	CallerArn = "arn:aws:iam::" + Account + ":user/pulumi-deployer"
)

// mocks implements pulumi.MockResourceMonitor and records every registration.
type mocks struct {
	opts Options

	mu         sync.Mutex
	resources  []Resource
	registry   *registry
	violations []Violation
	// invokes are the provider functions called, in order.
	invokes []string
	// subnetAZ remembers each mocked subnet's zone for mount target outputs.
	subnetAZ sync.Map
}

func newMocks(opts Options) *mocks {
	reg := newRegistry()
	reg.holdings = opts.Account
	reg.zoneIDsUnknown = opts.ZoneIDsUnknown
	return &mocks{opts: opts, registry: reg}
}

func (m *mocks) result() *Result {
	m.mu.Lock()
	defer m.mu.Unlock()
	rs := append([]Resource(nil), m.resources...)
	sortResources(rs)
	return &Result{Resources: rs, Invokes: slices.Clone(m.invokes)}
}

func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])
}

// urnOf computes the URN the mock monitor gives a registration.
func (m *mocks) urnOf(parent, typ, name string) resource.URN {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return resource.NewURN(tokens.QName(m.opts.Stack), tokens.PackageName(m.opts.Project), parentType, tokens.Type(typ), name)
}

// aliasURN resolves an alias of a registration: its URN, or its spec with
// the registration's name, type and parent as defaults.
func (m *mocks) aliasURN(a *pulumirpc.Alias, parent, typ, name string) string {
	if u := a.GetUrn(); u != "" {
		return u
	}
	spec := a.GetSpec()
	if spec.GetName() != "" {
		name = spec.GetName()
	}
	if spec.GetType() != "" {
		typ = spec.GetType()
	}
	switch {
	case spec.GetNoParent():
		parent = ""
	case spec.GetParentUrn() != "":
		parent = spec.GetParentUrn()
	}
	return string(m.urnOf(parent, typ, name))
}

// NewResource records the registration and returns realistic outputs.
func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if m.opts.FailOn != "" && args.TypeToken == m.opts.FailOn {
		return "", nil, fmt.Errorf("%s %q: %w", args.TypeToken, args.Name, ErrInjected)
	}
	rpc := args.RegisterRPC
	var parent string
	rec := Resource{Type: args.TypeToken, Name: args.Name, Custom: args.Custom, ImportID: args.ID}
	if rpc != nil {
		parent = rpc.GetParent()
		rec.Parent = parent
		rec.Dependencies = append([]string{}, rpc.GetDependencies()...)
		rec.Protect = rpc.GetProtect()
		rec.RetainOnDelete = rpc.GetRetainOnDelete()
		rec.IgnoreChanges = append([]string{}, rpc.GetIgnoreChanges()...)
		rec.Provider = providerURN(rpc.GetProvider())
		for _, a := range rpc.GetAliases() {
			rec.Aliases = append(rec.Aliases, m.aliasURN(a, parent, args.TypeToken, args.Name))
		}
	}
	if rec.Dependencies == nil {
		rec.Dependencies = []string{}
	}
	if rec.IgnoreChanges == nil {
		rec.IgnoreChanges = []string{}
	}
	urn := m.urnOf(parent, args.TypeToken, args.Name)
	rec.URN = string(urn)
	rec.Inputs = PlainMap(args.Inputs)

	id, state := m.outputsFor(urn, args)
	if args.Custom {
		rec.ID = id
	}
	rec.Outputs = PlainMap(state)

	for _, child := range m.record(rec) {
		if m.opts.FailOn != "" && child.Type == m.opts.FailOn {
			// The remote component fails when one of its children does.
			return "", nil, fmt.Errorf("%s %q: child %s %q: %w", args.TypeToken, args.Name, child.Type, child.Name, ErrInjected)
		}
	}
	return id, state, nil
}

// record adds a registration, and the children a remote component creates
// that mocks never see, and checks each against the engine's rules, as AWS
// would check the API call it becomes.
func (m *mocks) record(rec Resource) (children []Resource) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add(rec)
	if rec.Type == typeEKSComponent {
		urnOf := func(parent, typ, name string) string { return string(m.urnOf(parent, typ, name)) }
		children = pulumiEKSChildren(rec, urnOf, m.registry)
		for _, child := range children {
			// Values flow from the component's inputs into its children, so a
			// child also waits for what the component waits for.
			for _, d := range rec.Dependencies {
				if !slices.Contains(child.Dependencies, d) {
					child.Dependencies = append(child.Dependencies, d)
				}
			}
			m.add(child)
		}
	}
	return children
}

// add records one resource; m.mu is held.
func (m *mocks) add(rec Resource) {
	rec.Order = len(m.resources)
	m.resources = append(m.resources, rec)
	m.registry.add(rec)
	m.violations = append(m.violations, check(Rules(), rec, m.registry)...)
}

// Call answers provider functions (invokes); see MockCall.
func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invokes = append(m.invokes, args.Token)
	m.mu.Unlock()
	if args.Token == "aws:iam/getRole:getRole" {
		if n, ok := args.Args["name"]; ok && n.IsString() && slices.Contains(m.opts.AbsentRoles, n.StringValue()) {
			return nil, fmt.Errorf("reading IAM Role (%s): NoSuchEntity: The role with name %s cannot be found", n.StringValue(), n.StringValue())
		}
		if n, ok := args.Args["name"]; ok && n.IsString() {
			if d, held := m.opts.Account.RoleDescriptions[n.StringValue()]; held {
				out := args.Args.Copy()
				out["description"] = resource.NewProperty(d)
				out["arn"] = resource.NewProperty("arn:aws:iam::" + Account + ":role/" + n.StringValue())
				return out, nil
			}
		}
	}
	switch args.Token {
	case "aws:index/getAvailabilityZones:getAvailabilityZones":
		return m.availabilityZones(args), nil
	case "aws:eks/getCluster:getCluster":
		return m.opts.Account.lookupCluster(args)
	}
	if out, err, ok := m.opts.Account.lookup(args); ok {
		return out, err
	}
	out, err := MockCall(args)
	if err == nil && args.Token == "aws:index/getCallerIdentity:getCallerIdentity" && m.opts.CallerArn != "" {
		out["arn"] = resource.NewProperty(m.opts.CallerArn)
	}
	if err == nil && args.Token == "aws:index/getRegion:getRegion" {
		// The region the provider resolves from its environment (AWS_REGION,
		// the profile) when aws:region is unset; "" when the run does not model it.
		out["name"] = resource.NewProperty(m.opts.ProviderRegion)
		out["region"] = resource.NewProperty(m.opts.ProviderRegion)
	}
	return out, err
}

// EKSDefaultAddonVersion is the mocks' answer to getAddonVersion: EKS's
// default version of an add-on, which only the live account knows.
const EKSDefaultAddonVersion = "v0.0.0-eksbuild.0"

// MockCall answers provider functions (invokes) the way preview's mocks do:
// the arguments echoed, plus the few values programs read (region, account,
// partition). Other mock monitors reuse it to see the same AWS account.
func MockCall(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if out, err, ok := (Holdings{}).lookup(args); ok {
		return out, err // the mocked account holds nothing a destroy retained
	}
	out := args.Args.Copy()
	switch args.Token {
	case "aws:index/getRegion:getRegion":
		out["name"] = resource.NewProperty(Region)
		out["region"] = resource.NewProperty(Region)
	case "aws:index/getCallerIdentity:getCallerIdentity":
		out["accountId"] = resource.NewProperty(Account)
		out["arn"] = resource.NewProperty(CallerArn)
		out["userId"] = resource.NewProperty("AIDAMOCKDEPLOYER")
	case "aws:eks/getCluster:getCluster":
		// The mocked account holds no cluster: EKS answers as it does.
		return nil, clusterNotFound(args)
	case "aws:index/getPartition:getPartition":
		out["partition"] = resource.NewProperty("aws")
	case "aws:ssm/getParameter:getParameter":
		// Public AWS parameters: EKS's recommended AMI release for a
		// Kubernetes version (/aws/service/eks/optimized-ami/<version>/.../
		// release_version) or an AMI id (/aws/service/ami-amazon-linux-latest/...);
		// the parameter's ARN is in the AWS-owned namespace.
		name := ""
		if v, ok := args.Args["name"]; ok && v.IsString() {
			name = v.StringValue()
		}
		out["value"] = resource.NewProperty("ami-0" + shortHash("ami", name)[:16])
		if parts := strings.Split(name, "/"); len(parts) > 6 && strings.HasSuffix(name, "/release_version") {
			out["value"] = resource.NewProperty(parts[5] + ".0-20261120")
		}
		out["insecureValue"] = out["value"]
		out["type"] = resource.NewProperty("String")
		out["version"] = resource.NewProperty(1.0)
		out["arn"] = resource.NewProperty("arn:aws:ssm:" + Region + "::parameter" + name)
		out["id"] = resource.NewProperty(name)
	case "aws:eks/getAddonVersion:getAddonVersion":
		// EKS's default add-on version for the Kubernetes version: known only
		// at deploy time, so a marked placeholder shaped like
		// DescribeAddonVersions answers (plan prints it as "EKS default").
		out["version"] = resource.NewProperty(EKSDefaultAddonVersion)
	}
	return out, nil
}

// physicalName imitates Pulumi auto-naming: the logical name plus a stable suffix.
func physicalName(name string) string {
	return name + "-" + shortHash("name", name)[:7]
}

// outputsFor returns the id and output state of a registration: the inputs
// plus what AWS would compute (ids, ARNs, addresses).
func (m *mocks) outputsFor(urn resource.URN, args pulumi.MockResourceArgs) (string, resource.PropertyMap) {
	in := args.Inputs
	state := in.Copy()
	h := shortHash(string(urn))
	set := func(k string, v any) { state[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	str := func(k, def string) string {
		if v, ok := in[resource.PropertyKey(k)]; ok && v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
		return def
	}
	arn := func(service, res string) string {
		return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, Region, Account, res)
	}
	id := args.Name + "-id"
	switch args.TypeToken {
	case "eks:index:Cluster":
		return args.Name, eksClusterState(urn, args, h)
	case "aws:ec2/vpc:Vpc":
		id = "vpc-" + h[:17]
		set("arn", arn("ec2", "vpc/"+id))
	case "aws:ec2/subnet:Subnet":
		id = "subnet-" + h[:17]
		set("arn", arn("ec2", "subnet/"+id))
		m.subnetAZ.Store(id, str("availabilityZone", ""))
	case "aws:ec2/internetGateway:InternetGateway":
		id = "igw-" + h[:17]
	case "aws:ec2/eip:Eip":
		id = "eipalloc-" + h[:17]
		set("publicIp", fmt.Sprintf("52.%d.%d.%d", h[0], h[1], h[2]))
	case "aws:ec2/natGateway:NatGateway":
		id = "nat-" + h[:17]
	case "aws:ec2/routeTable:RouteTable":
		id = "rtb-" + h[:17]
	case "aws:ec2/routeTableAssociation:RouteTableAssociation":
		id = "rtbassoc-" + h[:17]
	case "aws:ec2/securityGroup:SecurityGroup":
		id = "sg-" + h[:17]
		set("arn", arn("ec2", "security-group/"+id))
	case "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
		id = "sgr-" + h[:17]
	case "aws:ec2/launchTemplate:LaunchTemplate":
		id = "lt-" + h[:17]
		set("latestVersion", 1)
		set("defaultVersion", 1)
		set("arn", arn("ec2", "launch-template/"+id))
	case "aws:iam/role:Role":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", fmt.Sprintf("arn:aws:iam::%s:role/%s", Account, name))
		set("uniqueId", "AROA"+strings.ToUpper(h[:17]))
	case "aws:iam/policy:Policy":
		name := str("name", physicalName(args.Name))
		id = fmt.Sprintf("arn:aws:iam::%s:policy/%s", Account, name)
		set("name", name)
		set("arn", id)
	case "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy":
		id = physicalName(args.Name)
	case "aws:iam/instanceProfile:InstanceProfile":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", fmt.Sprintf("arn:aws:iam::%s:instance-profile/%s", Account, name))
		set("uniqueId", "AIPA"+strings.ToUpper(h[:17]))
	case "aws:ec2/instance:Instance":
		id = "i-" + h[:17]
		set("arn", arn("ec2", "instance/"+id))
		set("privateIp", fmt.Sprintf("10.0.%d.%d", h[0], 4+int(h[1])%200))
		set("publicIp", "")
		set("instanceState", "running")
	case "aws:ecr/pullThroughCacheRule:PullThroughCacheRule":
		id = str("ecrRepositoryPrefix", args.Name)
		set("registryId", Account)
	case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
		u := strings.TrimPrefix(str("url", "oidc.eks."+Region+".amazonaws.com/id/"+strings.ToUpper(h[:32])), "https://")
		id = fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", Account, u)
		set("arn", id)
	case "aws:eks/nodeGroup:NodeGroup":
		name := str("nodeGroupName", physicalName(args.Name))
		id = str("clusterName", "cluster") + ":" + name
		set("nodeGroupName", name)
		set("arn", arn("eks", "nodegroup/"+str("clusterName", "cluster")+"/"+name+"/"+h[:8]))
		set("status", "ACTIVE")
		set("resources", []any{map[string]any{
			"autoscalingGroups":           []any{map[string]any{"name": "eks-" + name + "-" + h[:12]}},
			"remoteAccessSecurityGroupId": "",
		}})
	case "aws:eks/addon:Addon":
		id = str("clusterName", "cluster") + ":" + str("addonName", args.Name)
		set("arn", arn("eks", "addon/"+id))
	case "aws:autoscaling/tag:Tag":
		id = physicalName(args.Name)
	case "aws:efs/fileSystem:FileSystem":
		id = "fs-" + h[:17]
		set("arn", arn("elasticfilesystem", "file-system/"+id))
		set("dnsName", id+".efs."+Region+".amazonaws.com")
	case "aws:efs/mountTarget:MountTarget":
		id = "fsmt-" + h[:17]
		fs := str("fileSystemId", "fs-unknown")
		set("ipAddress", fmt.Sprintf("10.0.%d.%d", h[0], 4+int(h[1])%200))
		az := ""
		if v, ok := m.subnetAZ.Load(str("subnetId", "")); ok {
			az = v.(string)
		}
		set("availabilityZoneName", az)
		set("mountTargetDnsName", az+"."+fs+".efs."+Region+".amazonaws.com")
		set("dnsName", fs+".efs."+Region+".amazonaws.com")
		set("networkInterfaceId", "eni-"+h[:17])
	case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket":
		name := str("bucket", physicalName(args.Name))
		id = name
		set("bucket", name)
		set("arn", "arn:aws:s3:::"+name)
		set("bucketDomainName", name+".s3.amazonaws.com")
		set("bucketRegionalDomainName", name+".s3."+Region+".amazonaws.com")
		set("region", Region)
	case "aws:kms/key:Key":
		id = h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
		if args.ID != "" {
			id = args.ID // an adopted key keeps its id
		}
		set("keyId", id)
		set("arn", arn("kms", "key/"+id))
	case "aws:kms/alias:Alias":
		id = str("name", "alias/"+args.Name)
		set("arn", arn("kms", id))
		set("targetKeyArn", arn("kms", "key/"+str("targetKeyId", "unknown")))
	case "aws:ecr/repository:Repository":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", arn("ecr", "repository/"+name))
		set("repositoryUrl", fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", Account, Region, name))
		set("registryId", Account)
	case "aws:efs/accessPoint:AccessPoint":
		id = "fsap-" + h[:17]
		set("arn", arn("elasticfilesystem", "access-point/"+id))
		set("fileSystemArn", arn("elasticfilesystem", "file-system/"+str("fileSystemId", "fs-unknown")))
		set("ownerId", Account)
	case "aws:cloudwatch/logGroup:LogGroup":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", arn("logs", "log-group:"+name))
	case "aws:backup/vault:Vault":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", arn("backup", "backup-vault:"+name))
		set("recoveryPoints", 0)
	case "aws:backup/plan:Plan":
		id = h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
		set("arn", arn("backup", "backup-plan:"+id))
		set("version", h[32:64])
	case "aws:backup/selection:Selection":
		id = h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	case "aws:ec2/flowLog:FlowLog":
		id = "fl-" + h[:17]
		set("arn", arn("ec2", "vpc-flow-log/"+id))
	case "aws:acm/certificate:Certificate":
		id = arn("acm", "certificate/"+h[:8]+"-"+h[8:12]+"-"+h[12:16]+"-"+h[16:20]+"-"+h[20:32])
		set("arn", id)
		domain := str("domainName", "example.com")
		set("domainValidationOptions", []any{map[string]any{
			"domainName": domain, "resourceRecordName": "_" + h[:32] + "." + domain + ".",
			"resourceRecordType": "CNAME", "resourceRecordValue": "_" + h[32:64] + ".acm-validations.aws.",
		}})
	case "aws:route53/record:Record":
		id = physicalName(args.Name)
		set("fqdn", str("name", args.Name))
	case "aws:acm/certificateValidation:CertificateValidation":
		id = str("certificateArn", physicalName(args.Name))
	case "aws:sqs/queue:Queue":
		// SQS identifies a queue by its URL; the ARN ends in the name.
		name := str("name", physicalName(args.Name))
		id = fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", Region, Account, name)
		set("name", name)
		set("url", id)
		set("arn", arn("sqs", name))
	case "aws:sqs/queuePolicy:QueuePolicy":
		id = str("queueUrl", physicalName(args.Name))
	case "aws:cloudwatch/eventRule:EventRule":
		name := str("name", physicalName(args.Name))
		id = name
		set("name", name)
		set("arn", arn("events", "rule/"+name))
	case "aws:cloudwatch/eventTarget:EventTarget":
		// The provider's id is <bus>-<rule>-<target id> on the default bus.
		id = str("rule", "rule") + "-" + str("targetId", h[:8])
		set("targetId", str("targetId", h[:8]))
		set("eventBusName", "default")
	case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
		assocID := "a-" + h[:17]
		id = str("clusterName", "cluster") + "," + assocID
		set("associationId", assocID)
		set("associationArn", arn("eks", "podidentityassociation/"+str("clusterName", "cluster")+"/"+assocID))
	case "aws:ec2/tag:Tag":
		id = str("resourceId", "unknown") + "," + str("key", args.Name)
	case "pulumi:providers:kubernetes", "pulumi:providers:aws":
		id = h[:36]
	default:
		if strings.HasPrefix(args.TypeToken, "kubernetes:") {
			meta := map[string]any{}
			if v, ok := in["metadata"]; ok && v.IsObject() {
				meta = PlainMap(v.ObjectValue())
			}
			if _, ok := meta["name"]; !ok {
				meta["name"] = physicalName(args.Name)
			}
			state["metadata"] = resource.NewPropertyValue(meta)
			id = fmt.Sprint(meta["name"])
		}
	}
	if _, ok := state["arn"]; !ok && strings.HasPrefix(args.TypeToken, "aws:") {
		set("arn", arn(strings.SplitN(strings.TrimPrefix(args.TypeToken, "aws:"), "/", 2)[0], id))
	}
	set("id", id)
	return id, state
}

// eksClusterState returns the outputs of the remote pulumi-eks Cluster
// component in the shape v2.8.1 returns them (cmd/provider/cluster.js
// construct: kubeconfig, kubeconfigJson, eksCluster, clusterSecurityGroup,
// nodeSecurityGroup, eksClusterIngressRule, instanceRoles, core; awsProvider
// and defaultNodeGroup are never set with skipDefaultNodeGroup).
//
// Resource references: Pulumi's Go mock monitor resolves a reference only to
// a URN registered through it, and the component's children are not (they
// are recorded by pulumiEKSChildren). So eksCluster and the security group
// references point at the component's own URN, typed as the child's type,
// and the component's state also carries the aws:eks/cluster:Cluster fields
// (name, vpcConfig, identities, ...) that eksCluster resolves to; the
// recorded children hold the same values under their own URNs.
// instanceRoles refers to the real node role, which is registered.
func eksClusterState(urn resource.URN, args pulumi.MockResourceArgs, h string) resource.PropertyMap {
	name := args.Name + "-eksCluster"
	if v, ok := args.Inputs["name"]; ok && v.IsString() && v.StringValue() != "" {
		name = v.StringValue()
	}
	version := "1.35"
	if v, ok := args.Inputs["version"]; ok && v.IsString() {
		version = v.StringValue()
	}
	roleArn := ""
	if o, ok := args.Inputs["providerCredentialOpts"]; ok && o.IsObject() {
		if r, ok := o.ObjectValue()["roleArn"]; ok && r.IsString() {
			roleArn = r.StringValue()
		}
	}
	issuer := "https://oidc.eks." + Region + ".amazonaws.com/id/" + strings.ToUpper(h[:32])
	endpoint := "https://" + strings.ToUpper(h[:32]) + ".gr7." + Region + ".eks.amazonaws.com"
	clusterSG := "sg-" + shortHash("clustersg", string(urn))[:17]
	kubeconfig := kubeconfigOf(name, endpoint, roleArn)
	self := func(typ, childName string) resource.PropertyValue {
		return resource.NewProperty(resource.ResourceReference{URN: urn, Name: childName, Type: typ, ID: resource.NewProperty(name)})
	}
	state := resource.NewPropertyMapFromMap(map[string]any{
		// Component outputs.
		"kubeconfig":     kubeconfig,
		"kubeconfigJson": mustJSON(kubeconfig),
		"core": map[string]any{
			"endpoint": endpoint, "kubeconfig": kubeconfig, "storageClasses": map[string]any{},
		},
		// Fields of the aws:eks/cluster:Cluster the eksCluster reference resolves to.
		"name":     name,
		"arn":      fmt.Sprintf("arn:aws:eks:%s:%s:cluster/%s", Region, Account, name),
		"endpoint": endpoint,
		"version":  version,
		"status":   "ACTIVE",
		"vpcConfig": map[string]any{
			"clusterSecurityGroupId": clusterSG,
			"endpointPrivateAccess":  true,
			"endpointPublicAccess":   false,
		},
		"identities":           []any{map[string]any{"oidcs": []any{map[string]any{"issuer": issuer}}}},
		"certificateAuthority": map[string]any{"data": mockCA},
	})
	state["eksCluster"] = self("aws:eks/cluster:Cluster", args.Name+"-eksCluster")
	state["clusterSecurityGroup"] = self("aws:ec2/securityGroup:SecurityGroup", args.Name+"-eksClusterSecurityGroup")
	state["nodeSecurityGroup"] = self("aws:ec2/securityGroup:SecurityGroup", args.Name+"-nodeSecurityGroup")
	state["eksClusterIngressRule"] = self("aws:ec2/securityGroupRule:SecurityGroupRule", args.Name+"-eksClusterIngressRule")
	if r, ok := args.Inputs["instanceRole"]; ok && r.IsResourceReference() {
		state["instanceRoles"] = resource.NewProperty([]resource.PropertyValue{r})
	}
	return state
}

// providerURN returns the URN of a provider reference ("<urn>::<id>").
func providerURN(ref string) string {
	if i := strings.LastIndex(ref, "::"); i > 0 {
		return ref[:i]
	}
	return ref
}

func (m *mocks) sortedViolations() []Violation {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Violation(nil), m.violations...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].URN < out[j].URN
	})
	return out
}
