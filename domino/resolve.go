package domino

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// accountPlaceholder stands for the AWS account id in default bucket names
// until the deployment resolves it.
const accountPlaceholder = "{account}"

// platformField is the argument of the platform pool; the pool may be renamed.
const platformField = "platformPool"

// pool is a node pool with every default applied.
type pool struct {
	Name          string
	InstanceTypes []string
	Min, Max      int
	Desired       int
	DiskGiB       int
	Labels        map[string]string
	Taints        []Taint
	CapacityType  string
	AZs           []string
	Span          bool
	GPU           bool
	// Release is the pool's pinned AMI release ("": nodeReleaseVersion, else resolved).
	Release string
	// field is the argument path used in error messages.
	field string
}

// spec is a DominoEKSArgs with every default applied: what will be deployed.
type spec struct {
	Name        string
	ClusterName string
	Region      string
	// AZs are the zones node pools run in (1 or 3).
	AZs []string
	// zones are the region's zones with their IDs: the account's at deploy
	// time, the offline table's otherwise (nil for a region it lacks).
	zones []awsfacts.Zone
	// zonesFromAccount: zones are the account's (their IDs are the
	// account's mapping), not the table's reference account.
	zonesFromAccount bool
	// NetworkAZs are the zones the VPC has subnets in and the control plane
	// uses: AZs, widened to three zones when AZs has one (EKS needs at least two).
	NetworkAZs        []string
	KubernetesVersion string
	// NodeReleaseVersion is the AMI release every node group pins ("": resolved).
	NodeReleaseVersion string
	// AddonVersions are the add-on version overrides by add-on name.
	AddonVersions   map[string]string
	VpcCidr         string
	PrivateCidrs    []string
	PublicCidrs     []string
	BringYourOwnVPC bool
	NatMode         string
	// Karpenter serves the compute pools (karpenter*.go); NetworkPolicyProvider is vpc-cni or calico.
	Karpenter             bool
	NetworkPolicyProvider string
	VpcEndpoints          bool
	// AccessHost and AccessHostType: the SSM-managed access host.
	AccessHost     bool
	AccessHostType string
	// PullThroughCache: the quay.io ECR pull-through cache rule.
	PullThroughCache bool
	// ImageRegistry: where Domino's images are mirrored ("" when unset).
	ImageRegistry     string
	PublicEndpoint    bool
	AdminPrincipals   []string
	PublicAccessCidrs []string
	Tags              map[string]string
	AmiFamily         string
	DockerBridge      bool
	Pools             []pool

	Hostname           string
	StorageVolumeType  string
	CreateStorageClass bool
	// storageClassAsked records an explicit createStorageClass: true.
	storageClassAsked  bool
	EfsThroughputMode  string
	EfsProvisionedMibs float64
	BlobsBucket        string
	LogsBucket         string
	BackupsBucket      string
	// NoncurrentDays: noncurrent object versions expire after this many days.
	NoncurrentDays int
	ProtectData    bool
	RetainData     bool

	// Backup: the AWS Backup vault and plan (backup.go); BackupBuckets adds the data buckets.
	Backup, BackupBuckets bool

	// KMS: a key is created (CreateKMSKey) or brought (KMSKeyArn), or neither
	// (AWS managed keys).
	CreateKMSKey     bool
	KMSKeyArn        string
	ECR              bool
	RegistryBucket   string // "" when off
	MonitoringBucket string // "" when access logging is off
	AccessPoint      accessPointSpec
	FlowLogs         bool
	LogRetentionDays int

	// key is the customer key once created or looked up (nil without one);
	// clusterDeps must exist before the EKS cluster. NewDominoEKS sets both.
	key         *customerKey
	clusterDeps []pulumi.Resource
	// leftovers are what a destroy retained, adopted by this run (leftovers.go).
	leftovers leftovers
	// clusterExists: the EKS cluster exists already (a later up).
	clusterExists bool
	// adoptedAdmins are admins' existing entries the component imports
	// (adminEntries); AdminPrincipals then holds only those pulumi-eks registers.
	adoptedAdmins []adoptedEntry

	// Inputs referencing existing resources, passed through unchanged.
	vpcID            pulumi.StringPtrInput
	privateSubnetIDs pulumi.StringArrayInput
	publicSubnetIDs  pulumi.StringArrayInput
	controlPlaneIDs  pulumi.StringArrayInput
	route53ZoneID    pulumi.StringPtrInput
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func boolOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

func strOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// seedPools returns the seed table's pools: platform 3-3 m5.4xlarge 128 GiB,
// default 1-20 m5.2xlarge 400 GiB, default-gpu 0-5 p3.2xlarge 400 GiB.
func seedPools() (platform, def, gpu NodePool) {
	platform = NodePool{
		Name: PlatformPool, InstanceTypes: []string{"m5.4xlarge"},
		MinSize: pulumi.IntRef(3), MaxSize: pulumi.IntRef(3), DesiredSize: pulumi.IntRef(3),
		DiskSizeGiB: pulumi.IntRef(128),
		Labels:      map[string]string{NodePoolLabel: PlatformPool},
	}
	def = NodePool{
		Name: DefaultPool, InstanceTypes: []string{"m5.2xlarge"},
		MinSize: pulumi.IntRef(1), MaxSize: pulumi.IntRef(20), DesiredSize: pulumi.IntRef(1),
		DiskSizeGiB: pulumi.IntRef(400),
		Labels:      map[string]string{NodePoolLabel: DefaultPool, BuildNodeLabel: "true"},
	}
	gpu = NodePool{
		Name: GPUPool, InstanceTypes: []string{"p3.2xlarge"},
		MinSize: pulumi.IntRef(0), MaxSize: pulumi.IntRef(5), DesiredSize: pulumi.IntRef(0),
		DiskSizeGiB: pulumi.IntRef(400),
		Labels:      map[string]string{NodePoolLabel: GPUPool, GPULabel: "true"},
		Taints:      []Taint{{Key: GPULabel, Value: "true", Effect: "NoSchedule"}},
		GPU:         pulumi.BoolRef(true),
	}
	return platform, def, gpu
}

// mergePool overlays the fields the user set on base.
func mergePool(base NodePool, over *NodePool) NodePool {
	if over == nil {
		return base
	}
	out := base
	if over.Name != "" {
		out.Name = over.Name
	}
	if len(over.InstanceTypes) > 0 {
		out.InstanceTypes = over.InstanceTypes
	}
	if over.MinSize != nil {
		out.MinSize = over.MinSize
	}
	if over.MaxSize != nil {
		out.MaxSize = over.MaxSize
	}
	if over.DesiredSize != nil {
		out.DesiredSize = over.DesiredSize
	} else if out.DesiredSize != nil && (over.MinSize != nil || over.MaxSize != nil) {
		// desiredSize follows a changed minSize or maxSize unless it is set:
		// raising minSize alone must not leave the default desired size below it.
		d := max(*out.DesiredSize, intOr(out.MinSize, 0))
		if out.MaxSize != nil && d > *out.MaxSize {
			d = max(*out.MaxSize, intOr(out.MinSize, 0))
		}
		out.DesiredSize = &d
	}
	if over.DiskSizeGiB != nil {
		out.DiskSizeGiB = over.DiskSizeGiB
	}
	if len(over.Labels) > 0 {
		// The pool's own labels stay beside the user's (Domino selects the
		// default pool's builds by domino/build-node); a key the user writes wins.
		out.Labels = maps.Clone(base.Labels)
		if out.Labels == nil {
			out.Labels = map[string]string{}
		}
		maps.Copy(out.Labels, over.Labels)
	}
	if over.Taints != nil {
		out.Taints = over.Taints
	}
	if over.CapacityType != "" {
		out.CapacityType = over.CapacityType
	}
	if len(over.AvailabilityZones) > 0 {
		out.AvailabilityZones = over.AvailabilityZones
	}
	if over.SpanAZs != nil {
		out.SpanAZs = over.SpanAZs
	}
	if over.GPU != nil {
		out.GPU = over.GPU
	}
	if over.ReleaseVersion != "" {
		out.ReleaseVersion = over.ReleaseVersion
	}
	return out
}

// resolvePool applies the generic defaults to a merged pool.
func resolvePool(np NodePool, clusterAZs []string, field string) pool {
	labels := maps.Clone(np.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	if _, ok := labels[NodePoolLabel]; !ok && np.Name != "" {
		labels[NodePoolLabel] = np.Name
	}
	if _, ok := labels[DominoNodeLabel]; !ok {
		labels[DominoNodeLabel] = "true"
	}
	azs := np.AvailabilityZones
	if len(azs) == 0 {
		azs = clusterAZs
	}
	gpuDefault := len(np.InstanceTypes) > 0
	for _, it := range np.InstanceTypes {
		if !isGPUInstance(it) {
			gpuDefault = false
		}
	}
	minSize := intOr(np.MinSize, 0)
	gpu := boolOr(np.GPU, gpuDefault)
	taints := np.Taints
	if gpu {
		// Every GPU pool carries the GPU label and taint beside the user's, as
		// Domino's Terraform merges them (modules/nodes/main.tf gpu_labels,
		// gpu_taints): the NVIDIA device plugin selects the label, and only
		// pods requesting GPUs tolerate the taint (ExtendedResourceToleration).
		if _, ok := labels[GPULabel]; !ok {
			labels[GPULabel] = "true"
		}
		if !slices.ContainsFunc(taints, func(t Taint) bool { return t.Key == GPULabel }) {
			taints = append(slices.Clone(taints), Taint{Key: GPULabel, Value: "true", Effect: "NoSchedule"})
		}
	}
	return pool{
		Name:          np.Name,
		InstanceTypes: np.InstanceTypes,
		Min:           minSize,
		Max:           intOr(np.MaxSize, 10),
		Desired:       intOr(np.DesiredSize, minSize),
		DiskGiB:       intOr(np.DiskSizeGiB, 400),
		Labels:        labels,
		Taints:        taints,
		CapacityType:  strOr(np.CapacityType, CapacityOnDemand),
		AZs:           slices.Clone(azs),
		Span:          boolOr(np.SpanAZs, false),
		GPU:           gpu,
		Release:       np.ReleaseVersion,
		field:         field,
	}
}

// resolve applies every default with the region's zones from the offline
// table; it does not validate.
func (a DominoEKSArgs) resolve(name string) spec { return a.resolveIn(name, nil) }

// resolveIn applies every default; zones are the account's zones of the
// region (nil: the offline table's). It does not validate.
func (a DominoEKSArgs) resolveIn(name string, zones []awsfacts.Zone) spec {
	s := spec{
		Name:                  name,
		ClusterName:           strOr(a.ClusterName, name),
		Region:                strOr(a.Region, DefaultRegion),
		KubernetesVersion:     strOr(a.KubernetesVersion, DefaultKubernetesVersion),
		NodeReleaseVersion:    a.NodeReleaseVersion,
		AddonVersions:         a.AddonVersions,
		VpcCidr:               strOr(a.VpcCidr, DefaultVpcCidr),
		BringYourOwnVPC:       a.VpcId != nil,
		NatMode:               strOr(a.NatMode, DefaultNatMode),
		Karpenter:             a.Karpenter,
		NetworkPolicyProvider: strOr(a.NetworkPolicyProvider, DefaultNetworkPolicyProvider),
		AdminPrincipals:       a.AdminPrincipalArns,
		PublicEndpoint:        a.EndpointPublicAccess,
		PublicAccessCidrs:     a.PublicAccessCidrs,
		Tags:                  a.Tags,
		AmiFamily:             strOr(a.AmiFamily, DefaultAmiFamily),
		DockerBridge:          boolOr(a.DockerBridge, true),
		Hostname:              a.Hostname,
		StorageVolumeType:     strOr(a.StorageClassVolumeType, DefaultStorageVolumeType),
		storageClassAsked:     boolOr(a.CreateStorageClass, false),
		EfsThroughputMode:     strOr(a.EfsThroughputMode, DefaultEfsThroughputMode),
		EfsProvisionedMibs:    a.EfsProvisionedThroughputMibps,
		NoncurrentDays:        intOr(a.NoncurrentVersionExpirationDays, DefaultNoncurrentVersionExpirationDays),
		Backup:                boolOr(a.Backup, true),
		BackupBuckets:         a.BackupBuckets && boolOr(a.Backup, true),
		ProtectData:           a.ProtectData,
		RetainData:            !a.DeleteDataOnDestroy,
		vpcID:                 a.VpcId,
		privateSubnetIDs:      a.PrivateSubnetIds,
		publicSubnetIDs:       a.PublicSubnetIds,
		controlPlaneIDs:       a.ControlPlaneSubnetIds,
		route53ZoneID:         a.Route53ZoneId,
	}
	s.zones, s.zonesFromAccount = zones, zoneIDsKnown(zones)
	if s.zones == nil {
		s.zones = tableZones(s.Region)
	}
	s.AZs = a.AvailabilityZones
	if len(s.AZs) == 0 {
		s.AZs = defaultZones(s.Region, s.zones)
	}
	s.NetworkAZs = networkZones(s.Region, s.AZs, s.zones)
	// The Kubernetes API is reachable from the machine running Pulumi only
	// through a public endpoint, or (the user's call) in their own VPC.
	s.CreateStorageClass = boolOr(a.CreateStorageClass, s.apiReachable())
	s.VpcEndpoints = boolOr(a.VpcEndpoints, s.NatMode == NatNone) && !s.BringYourOwnVPC
	// Only a private endpoint in a VPC this run creates leaves the API
	// unreachable from everywhere: that is when the access host is needed.
	s.AccessHost = boolOr(a.AccessHost, !s.apiReachable())
	s.AccessHostType = strOr(a.AccessHostInstanceType, DefaultAccessHostInstanceType)
	s.PullThroughCache = boolOr(a.EcrPullThroughCache, s.NatMode == NatNone)
	s.ImageRegistry = a.ImageRegistry
	s.PrivateCidrs, s.PublicCidrs = a.PrivateSubnetCidrs, a.PublicSubnetCidrs
	if len(s.PrivateCidrs) == 0 || len(s.PublicCidrs) == 0 {
		if priv, pub, err := subnetLayout(s.VpcCidr, len(s.NetworkAZs)); err == nil {
			if len(s.PrivateCidrs) == 0 {
				s.PrivateCidrs = priv
			}
			if len(s.PublicCidrs) == 0 {
				s.PublicCidrs = pub
			}
		}
	}
	// Bucket names are global: default names add the account and region
	// (the account is known only at deploy time); names.go derives them.
	bucket := func(role, explicit string) string {
		switch {
		case explicit != "":
			return explicit
		case a.BucketPrefix != "":
			return a.BucketPrefix + "-" + role
		}
		return s.derivedName("bucket:" + role)
	}
	s.BlobsBucket = bucket(BucketBlobs, a.BlobsBucketName)
	s.LogsBucket = bucket(BucketLogs, a.LogsBucketName)
	s.BackupsBucket = bucket(BucketBackups, a.BackupsBucketName)
	if boolOr(a.RegistryBucket, true) || a.RegistryBucketName != "" {
		s.RegistryBucket = bucket(BucketRegistry, a.RegistryBucketName)
	}
	if boolOr(a.AccessLogging, true) {
		s.MonitoringBucket = bucket(BucketMonitoring, a.MonitoringBucketName)
	}
	s.CreateKMSKey = boolOr(a.CreateKmsKey, true) && a.KmsKeyArn == ""
	s.KMSKeyArn = a.KmsKeyArn
	s.ECR = boolOr(a.Ecr, true)
	s.FlowLogs = boolOr(a.FlowLogs, true)
	s.LogRetentionDays = intOr(a.LogRetentionDays, DefaultLogRetentionDays)
	s.AccessPoint = accessPointSpec{
		Path:        strOr(a.EfsAccessPointPath, DefaultEfsAccessPointPath),
		UID:         intOr(a.EfsAccessPointUid, 0),
		GID:         intOr(a.EfsAccessPointGid, 0),
		Permissions: strOr(a.EfsAccessPointPermissions, DefaultEfsAccessPointPermissions),
	}

	platform, def, gpu := seedPools()
	s.Pools = append(s.Pools,
		resolvePool(mergePool(platformPerZone(platform, len(s.AZs)), a.PlatformPool), s.AZs, platformField),
		resolvePool(mergePool(def, a.DefaultPool), s.AZs, "defaultPool"))
	if a.EnableGpuPool || a.GpuPool != nil {
		s.Pools = append(s.Pools, resolvePool(mergePool(gpu, a.GpuPool), s.AZs, "gpuPool"))
	}
	for i, np := range a.AdditionalPools {
		s.Pools = append(s.Pools, resolvePool(np, s.AZs, additionalPoolField(i)))
	}
	return s
}

// platformPerZone spreads the seed's platform size (3-3, desired 3, in all)
// over one node group per zone, as Domino's Terraform does (min_per_az 1):
// 1-1 in each of three zones, 3-3 in one zone. A size the user writes is per
// zone, as for every per-zone pool.
func platformPerZone(p NodePool, zones int) NodePool {
	if zones < 1 {
		return p
	}
	per := func(n *int) *int { v := (*n + zones - 1) / zones; return &v }
	p.MinSize, p.MaxSize, p.DesiredSize = per(p.MinSize), per(p.MaxSize), per(p.DesiredSize)
	return p
}

// apiReachable reports whether the machine running `pulumi up` can reach the
// cluster's Kubernetes API: a public endpoint, or a VPC the user brought (and
// presumably reaches). A private-only endpoint in a VPC the same run creates
// is reachable only from inside it (EKS user guide, "Cluster endpoint access").
func (s spec) apiReachable() bool { return s.PublicEndpoint || s.BringYourOwnVPC }

// subnetLayout splits the VPC CIDR into n private subnets (each 1/8 of the VPC)
// and n public subnets (each 1/64 of the VPC, in the VPC's last eighth). Index i
// always maps to the same CIDR, so adding zones never moves existing subnets.
func subnetLayout(vpcCidr string, n int) (private, public []string, err error) {
	vpc, err := netip.ParsePrefix(vpcCidr)
	if err != nil || !vpc.Addr().Is4() {
		return nil, nil, fmt.Errorf("not an IPv4 CIDR")
	}
	vpc = vpc.Masked()
	bits := vpc.Bits()
	if bits > 20 || n > 7 {
		return nil, nil, fmt.Errorf("a /%d VPC is too small for %d zones", bits, n)
	}
	base := ipv4ToUint(vpc.Addr())
	privSize := uint32(1) << (32 - (bits + 3))
	pubSize := uint32(1) << (32 - (bits + 6))
	pubBase := base + 7*privSize
	for i := 0; i < n; i++ {
		private = append(private, netip.PrefixFrom(uintToIPv4(base+uint32(i)*privSize), bits+3).String())
		public = append(public, netip.PrefixFrom(uintToIPv4(pubBase+uint32(i)*pubSize), bits+6).String())
	}
	return private, public, nil
}

func ipv4ToUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintToIPv4(u uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}

// nodeGroups lists the node groups a pool becomes: one spanning all its zones,
// or one per zone. The key names the group's resources.
func (p pool) nodeGroups() []nodeGroupSpec {
	if p.Span {
		return []nodeGroupSpec{{Key: p.Name, Pool: p, AZs: p.AZs}}
	}
	out := make([]nodeGroupSpec, 0, len(p.AZs))
	for _, az := range p.AZs {
		out = append(out, nodeGroupSpec{Key: p.Name + "-" + az, Pool: p, AZs: []string{az}})
	}
	return out
}

// nodeGroupSpec is one EKS managed node group of a pool.
type nodeGroupSpec struct {
	Key  string
	Pool pool
	AZs  []string
}
