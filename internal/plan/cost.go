package plan

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// AssumedEFSGB is the EFS data size the estimate assumes: EFS bills what is
// stored, which a plan cannot know.
const AssumedEFSGB = 100

// Cost is the estimated monthly cost of a plan.
type Cost struct {
	// Currency of every amount: USD.
	Currency string `json:"currency"`
	// Region the prices are for.
	Region string `json:"region"`
	// PriceDate is the date of the embedded price table.
	PriceDate string `json:"priceDate"`
	// HoursPerMonth converts hourly prices to monthly ones (730).
	HoursPerMonth int `json:"hoursPerMonth"`
	// MonthlyMin is the monthly cost with every node group at its minimum size.
	MonthlyMin float64 `json:"monthlyMin"`
	// MonthlyMax is the monthly cost with every node group at its maximum size.
	MonthlyMax float64 `json:"monthlyMax"`
	// Partial is true when some priced resource could not be priced (unknown
	// region or instance type, spot capacity, ...): the totals leave it out.
	Partial bool `json:"partial"`
	// Items are the priced cost components, sorted by URN then description.
	Items []CostItem `json:"items"`
	// Assumptions lists what the estimate assumes or leaves out by design.
	Assumptions []string `json:"assumptions"`
	// Unmodelled lists resource types the planner has no cost model for.
	Unmodelled []string `json:"unmodelled"`
	// Warnings explain each item left out of a partial estimate.
	Warnings []string `json:"-"`
}

// CostItem is one priced component of one resource.
type CostItem struct {
	// URN of the resource the cost belongs to.
	URN string `json:"urn"`
	// Description says what is priced, e.g. "3 × m5.4xlarge on-demand".
	Description string `json:"description"`
	// Unit of UnitPrice, e.g. "instance-hour", "GB-month".
	Unit string `json:"unit"`
	// UnitPrice in USD per Unit.
	UnitPrice float64 `json:"unitPrice"`
	// QuantityMin and QuantityMax are the billed quantities at minimum and
	// maximum node group sizes (equal for fixed resources).
	QuantityMin float64 `json:"quantityMin"`
	QuantityMax float64 `json:"quantityMax"`
	// MonthlyMin and MonthlyMax are the item's monthly cost in USD.
	MonthlyMin float64 `json:"monthlyMin"`
	MonthlyMax float64 `json:"monthlyMax"`
}

// Units of cost items.
const (
	unitHour     = "hour"
	unitGBMonth  = "GB-month"
	unitKeyMonth = "key-month"
)

// Types with no fixed monthly cost: free, or billed only by usage the plan
// cannot know (requests, transfer, stored bytes).
var freeOrUsageTypes = map[string]bool{
	"aws:autoscaling/tag:Tag":                                   true,
	"aws:iam/serviceLinkedRole:ServiceLinkedRole":               true,
	"aws:ec2/vpcEndpoint:VpcEndpoint":                           true, // gateway endpoints are free
	"aws:ec2/vpc:Vpc":                                           true,
	"aws:ec2/subnet:Subnet":                                     true,
	"aws:ec2/internetGateway:InternetGateway":                   true,
	"aws:ec2/routeTable:RouteTable":                             true,
	"aws:ec2/route:Route":                                       true,
	"aws:ec2/routeTableAssociation:RouteTableAssociation":       true,
	"aws:ec2/securityGroup:SecurityGroup":                       true,
	"aws:ec2/securityGroupRule:SecurityGroupRule":               true,
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": true,
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   true,
	"aws:ec2/launchTemplate:LaunchTemplate":                     true,
	"aws:ec2/tag:Tag":                                           true,
	"aws:iam/role:Role":                                         true,
	"aws:iam/policy:Policy":                                     true,
	"aws:iam/rolePolicy:RolePolicy":                             true,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":         true,
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider":       true,
	"aws:iam/instanceProfile:InstanceProfile":                   true,
	"aws:eks/addon:Addon":                                       true,
	// Karpenter's interruption handling: AWS service events on the default
	// bus are free to match and deliver (Amazon EventBridge pricing, "All
	// state change events published by AWS services ... are free",
	// https://aws.amazon.com/eventbridge/pricing/); SQS bills requests beyond
	// the free tier's first million a month (https://aws.amazon.com/sqs/pricing/),
	// far above a cluster's interruption messages; EKS Pod Identity has no
	// charge of its own (EKS pricing).
	"aws:sqs/queue:Queue":                                     true,
	"aws:sqs/queuePolicy:QueuePolicy":                         true,
	"aws:cloudwatch/eventRule:EventRule":                      true,
	"aws:cloudwatch/eventTarget:EventTarget":                  true,
	"aws:eks/podIdentityAssociation:PodIdentityAssociation":   true,
	"aws:eks/accessEntry:AccessEntry":                         true,
	"aws:eks/accessPolicyAssociation:AccessPolicyAssociation": true,
	"aws:efs/mountTarget:MountTarget":                         true,
	"aws:efs/backupPolicy:BackupPolicy":                       true,
	// AWS Backup charges nothing for vaults and plans; the backup storage is
	// priced on the selection (backupSelection).
	"aws:backup/vault:Vault":                                 true,
	"aws:backup/plan:Plan":                                   true,
	"aws:efs/fileSystemPolicy:FileSystemPolicy":              true,
	"aws:s3/bucket:Bucket":                                   true,
	"aws:s3/bucketV2:BucketV2":                               true,
	"aws:s3/bucketPolicy:BucketPolicy":                       true,
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": true,
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls": true,
	"aws:s3/bucketVersioningV2:BucketVersioningV2":           true,
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": true,
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       true,
	"aws:acm/certificate:Certificate":                                                            true,
	"aws:acm/certificateValidation:CertificateValidation":                                        true,
	"aws:route53/record:Record":                                                                  true,
	// Billed by use only: key requests, stored images, log ingestion and storage.
	"aws:kms/alias:Alias":                               true,
	"aws:ecr/repository:Repository":                     true,
	"aws:ecr/pullThroughCacheRule:PullThroughCacheRule": true, // cached images are billed as ECR storage
	"aws:efs/accessPoint:AccessPoint":                   true,
	"aws:cloudwatch/logGroup:LogGroup":                  true,
	"aws:ec2/flowLog:FlowLog":                           true,
	"aws:s3/bucketLoggingV2:BucketLoggingV2":            true,
}

// costAssumptions are stated with every estimate.
var costAssumptions = []string{
	fmt.Sprintf("on-demand Linux list prices, %d hours per month; no savings plans, reserved instances or free tier", HoursPerMonth),
	"minimum = every node group at minSize, maximum = every node group at maxSize",
	"EKS control plane: standard support, or extended support (6× the price) while the Kubernetes version is past its end of standard support (EKS calendar of " + awsfacts.CalendarDate + ")",
	fmt.Sprintf("EFS: %d GB in Standard storage per file system (EFS bills what is stored); throughput and access charges excluded", AssumedEFSGB),
	"not estimated (usage-based): S3 storage and requests, data transfer, NAT gateway data processing, load balancers and EBS volumes Domino provisions dynamically",
	"not estimated (usage-based): log storage — CloudWatch Logs ingestion and storage of control-plane logs and VPC flow logs, S3 server access logs — and KMS requests, ECR image storage",
}

// estimator accumulates cost items and what could not be priced.
type estimator struct {
	region string
	prices regionPrices
	known  bool
	today  time.Time
	cost   Cost
}

// controlPlane prices the EKS cluster: standard support at the region's
// price, extended support at EKS's extended price (awsfacts), both cited.
func (e *estimator) controlPlane(r preview.Resource) {
	version := str(r.Inputs["version"])
	kv, ok := awsfacts.VersionOf(version)
	if !ok || kv.SupportOn(e.today) != awsfacts.SupportExtended {
		e.hourly(r.URN, "EKS control plane", e.prices.EKSClusterHour, 1, 1)
		return
	}
	e.hourly(r.URN, fmt.Sprintf("EKS control plane, Kubernetes %s in extended support until %s (standard support ended %s; %s; %s)",
		version, kv.EndOfExtended, kv.EndOfStandard, kv.Source, awsfacts.EKSPricingSource), awsfacts.ExtendedSupportHour, 1, 1)
}

// EstimateCost prices the resources in region from the embedded table. It
// never guesses: what cannot be priced is left out with a warning and the
// estimate is marked partial.
func EstimateCost(rs []preview.Resource, region string) Cost {
	return EstimateCostOn(rs, region, time.Now().UTC())
}

// EstimateCostOn is EstimateCost on a given day: the EKS control plane costs
// the extended-support price while the cluster's Kubernetes version is in
// extended support (awsfacts.KubernetesCalendar).
func EstimateCostOn(rs []preview.Resource, region string, today time.Time) Cost {
	return EstimateCostWith(rs, nil, region, today)
}

// EstimateCostWith is EstimateCostOn with Karpenter's NodePools (read from
// the plan's custom resources or its kubernetesSetup steps), priced like the
// node groups they replace.
func EstimateCostWith(rs []preview.Resource, pools []workloads.NodePool, region string, today time.Time) Cost {
	prices, known := priceTable[region]
	e := &estimator{region: region, prices: prices, known: known, today: today, cost: Cost{
		Currency:      "USD",
		Region:        region,
		PriceDate:     PriceDate,
		HoursPerMonth: HoursPerMonth,
		Items:         []CostItem{},
		Assumptions:   costAssumptions,
		Unmodelled:    []string{},
	}}
	if !known {
		e.partial(fmt.Sprintf("cost: no prices for region %s (the table covers %s); nothing is priced",
			region, strings.Join(PricedRegions(), ", ")))
	}
	nodeGroups := map[string]NodeGroup{}
	for _, ng := range NodeGroups(rs) {
		nodeGroups[ng.URN] = ng
	}
	unmodelled := map[string]bool{}
	for _, r := range rs {
		switch {
		case r.Type == "aws:eks/cluster:Cluster": // recorded as pulumi-eks's child
			e.controlPlane(r)
		case r.Type == "aws:ec2/vpcEndpoint:VpcEndpoint" && str(r.Inputs["vpcEndpointType"]) == "Interface":
			subnets, _ := r.Inputs["subnetIds"].([]any)
			azs := len(subnets)
			e.hourly(r.URN, "VPC interface endpoint, per zone (data processing excluded)", e.prices.InterfaceEndpointAZHour, azs, azs)
		case r.Type == typeNodeGroup:
			e.nodeGroup(nodeGroups[r.URN])
		case r.Type == "aws:ec2/instance:Instance":
			e.instance(r)
		case r.Type == "aws:ec2/natGateway:NatGateway":
			e.hourly(r.URN, "NAT gateway (data processing excluded)", e.prices.NATGatewayHour, 1, 1)
		case r.Type == "aws:ec2/eip:Eip":
			e.hourly(r.URN, "public IPv4 address", e.prices.PublicIPv4Hour, 1, 1)
		case r.Type == "aws:efs/fileSystem:FileSystem":
			e.efs(r)
		case r.Type == "aws:backup/selection:Selection":
			e.backupSelection(r)
		case r.Type == "aws:kms/key:Key":
			e.add(CostItem{URN: r.URN, Description: "KMS customer managed key (requests excluded)", Unit: unitKeyMonth,
				UnitPrice: e.prices.KMSKeyMonth, QuantityMin: 1, QuantityMax: 1, MonthlyMin: e.prices.KMSKeyMonth, MonthlyMax: e.prices.KMSKeyMonth})
		case !r.Custom, freeOrUsageTypes[r.Type], strings.HasPrefix(r.Type, "pulumi:providers:"),
			strings.HasPrefix(r.Type, "kubernetes:"):
		default:
			unmodelled[r.Type] = true
		}
	}
	component := ""
	for _, r := range rs {
		if r.Type == domino.Token {
			component = r.URN
		}
	}
	for _, np := range pools {
		e.nodePool(np, component)
	}
	if len(pools) > 0 {
		e.cost.Assumptions = append(slices.Clone(e.cost.Assumptions), karpenterAssumption)
	}
	e.cost.Unmodelled = append(e.cost.Unmodelled, slices.Sorted(maps.Keys(unmodelled))...)
	return e.finish()
}

func (e *estimator) partial(warning string) {
	e.cost.Partial = true
	e.cost.Warnings = append(e.cost.Warnings, warning)
}

func (e *estimator) add(it CostItem) {
	if !e.known {
		return
	}
	e.cost.Items = append(e.cost.Items, it)
}

// hourly adds an item billed per hour for qtyMin/qtyMax units.
func (e *estimator) hourly(urn, desc string, price float64, qtyMin, qtyMax int) {
	e.add(CostItem{
		URN: urn, Description: desc, Unit: unitHour, UnitPrice: price,
		QuantityMin: float64(qtyMin), QuantityMax: float64(qtyMax),
		MonthlyMin: price * HoursPerMonth * float64(qtyMin),
		MonthlyMax: price * HoursPerMonth * float64(qtyMax),
	})
}

// gbMonth adds an item billed per GB-month.
func (e *estimator) gbMonth(urn, desc string, price, gbMin, gbMax float64) {
	e.add(CostItem{
		URN: urn, Description: desc, Unit: unitGBMonth, UnitPrice: price,
		QuantityMin: gbMin, QuantityMax: gbMax, MonthlyMin: price * gbMin, MonthlyMax: price * gbMax,
	})
}

// instance prices a standalone instance (the access host) and its root volume.
func (e *estimator) instance(r preview.Resource) {
	if !e.known {
		return
	}
	it := str(r.Inputs["instanceType"])
	if price, ok := e.prices.EC2Hour[it]; ok {
		e.hourly(r.URN, it+" on-demand instance", price, 1, 1)
	} else {
		e.partial(fmt.Sprintf("cost: no %s price for instance type %s (instance %s); it is not priced", e.region, it, r.Name))
	}
	root, _ := r.Inputs["rootBlockDevice"].(map[string]any)
	size, _ := root["volumeSize"].(float64)
	vt := str(root["volumeType"])
	price, ok := e.prices.EBSGBMonth[vt]
	if size <= 0 || !ok {
		e.partial(fmt.Sprintf("cost: root volume of instance %s (size %v GiB, type %q) cannot be priced", r.Name, size, vt))
		return
	}
	e.gbMonth(r.URN, fmt.Sprintf("%s root volume, %v GiB", vt, size), price, size, size)
}

// nodeGroup prices a node group's instances and root volumes at min and max size.
func (e *estimator) nodeGroup(ng NodeGroup) {
	if !e.known {
		return
	}
	switch {
	case len(ng.InstanceTypes) == 0:
		e.partial(fmt.Sprintf("cost: node group %s has no instance type; its instances are not priced", ng.Name))
	case ng.CapacityType == domino.CapacitySpot:
		e.partial(fmt.Sprintf("cost: node group %s uses SPOT capacity, whose price varies; its instances are not priced", ng.Name))
	default:
		it := ng.InstanceTypes[0]
		if price, ok := e.prices.EC2Hour[it]; ok {
			desc := it + " on-demand instances"
			if strings.HasPrefix(ng.Name, karpenterPrefix) {
				desc += " of " + ng.Name + " (none at rest)"
			}
			if len(ng.InstanceTypes) > 1 {
				desc += " (the first of " + strings.Join(ng.InstanceTypes, ", ") + ")"
			}
			e.hourly(ng.URN, desc, price, ng.MinSize, ng.MaxSize)
		} else {
			e.partial(fmt.Sprintf("cost: no %s price for instance type %s (node group %s); its instances are not priced",
				e.region, it, ng.Name))
		}
	}
	price, ok := e.prices.EBSGBMonth[ng.VolumeType]
	if ng.DiskGiB <= 0 || !ok {
		e.partial(fmt.Sprintf("cost: root volume of node group %s (size %d GiB, type %q) cannot be priced", ng.Name, ng.DiskGiB, ng.VolumeType))
		return
	}
	desc := fmt.Sprintf("%s root volumes, %d GiB per node", ng.VolumeType, ng.DiskGiB)
	if strings.HasPrefix(ng.Name, karpenterPrefix) {
		desc += " of " + ng.Name
	}
	e.gbMonth(ng.URN, desc, price,
		float64(ng.DiskGiB*ng.MinSize), float64(ng.DiskGiB*ng.MaxSize))
}

// nodePool prices a Karpenter NodePool like the node groups it replaces:
// its first instance type and its EC2NodeClass's root volume, 0 nodes at
// rest (Karpenter has no minimum) and limits.nodes at most. Its items' URN
// is the custom resource's, or the component's when the NodePool is a
// kubernetesSetup step.
func (e *estimator) nodePool(np workloads.NodePool, component string) {
	urn := np.URN
	if urn == "" {
		urn = component
	}
	ng := NodeGroup{URN: urn, Name: karpenterPrefix + np.Name, InstanceTypes: np.InstanceTypes, CapacityType: domino.CapacityOnDemand,
		MaxSize: np.MaxNodes, DiskGiB: np.DiskGiB, VolumeType: np.VolumeType}
	if np.CapacityType == "spot" {
		ng.CapacityType = domino.CapacitySpot
	}
	e.nodeGroup(ng)
}

// karpenterAssumption is stated with an estimate that prices NodePools.
const karpenterAssumption = "a Karpenter NodePool has no minimum: 0 nodes at rest, at most its limits.nodes at maximum"

// karpenterPrefix names a NodePool priced as a node group.
const karpenterPrefix = "Karpenter NodePool "

// efs prices an EFS file system's assumed storage.
func (e *estimator) efs(r preview.Resource) {
	e.gbMonth(r.URN, fmt.Sprintf("EFS Standard storage, %d GB assumed", AssumedEFSGB),
		e.prices.EFSStandardGBMonth, AssumedEFSGB, AssumedEFSGB)
	if e.known && str(r.Inputs["throughputMode"]) == "provisioned" {
		e.partial("cost: EFS provisioned throughput of " + r.Name + " is not priced")
	}
}

// backupSelection prices the warm backup storage of the selected file
// system: a full first copy of the assumed EFS size (incremental daily
// changes, cold storage after 35 days and S3 backups excluded: they depend on
// the data's churn).
func (e *estimator) backupSelection(r preview.Resource) {
	e.gbMonth(r.URN, fmt.Sprintf("AWS Backup EFS warm storage, one full copy of %d GB assumed (daily changes and S3 backups excluded)", AssumedEFSGB),
		e.prices.BackupEFSWarmGBMonth, AssumedEFSGB, AssumedEFSGB)
}

// finish sorts the items, rounds them to cents and totals them.
func (e *estimator) finish() Cost {
	c := e.cost
	sort.SliceStable(c.Items, func(i, j int) bool {
		if c.Items[i].URN != c.Items[j].URN {
			return c.Items[i].URN < c.Items[j].URN
		}
		return c.Items[i].Description < c.Items[j].Description
	})
	var lo, hi float64
	for i := range c.Items {
		lo += c.Items[i].MonthlyMin
		hi += c.Items[i].MonthlyMax
		c.Items[i].MonthlyMin = cents(c.Items[i].MonthlyMin)
		c.Items[i].MonthlyMax = cents(c.Items[i].MonthlyMax)
	}
	c.MonthlyMin, c.MonthlyMax = cents(lo), cents(hi)
	return c
}

func cents(v float64) float64 { return math.Round(v*100) / 100 }
