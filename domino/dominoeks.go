// Package domino provides DominoEKS, a Pulumi component that creates an AWS EKS
// cluster ready for a Domino Data Lab installation, following Domino's "Domino
// on AWS EKS" requirements: node pools, docker bridge, the EBS storage class,
// EFS for datasets, S3 buckets, node IAM and the values the installer needs.
package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// Token is the Pulumi type token of the component, shared with the provider.
const Token = "dominoeks:index:DominoEKS"

// DominoEKS is the deployed component. Its outputs are what a platform engineer
// records for the Domino installer.
type DominoEKS struct {
	pulumi.ResourceState

	// ClusterName is the EKS cluster name.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// Kubeconfig for the cluster, as JSON (secret).
	Kubeconfig pulumi.StringOutput `pulumi:"kubeconfig"`
	// SharedKubeconfig is a kubeconfig (JSON) for any admin: no profile and no
	// role, so `aws eks get-token` runs with the reader's own credentials
	// (pulumi-eks keeps such a kubeconfig for multi-user access). It holds no credentials.
	SharedKubeconfig pulumi.StringOutput `pulumi:"sharedKubeconfig"`
	// VpcId of the VPC the cluster runs in.
	VpcId pulumi.StringOutput `pulumi:"vpcId"`
	// PrivateSubnetIds the nodes run in, in availability-zone order.
	PrivateSubnetIds pulumi.StringArrayOutput `pulumi:"privateSubnetIds"`
	// NodeRoleArn is the IAM role of every node.
	NodeRoleArn pulumi.StringOutput `pulumi:"nodeRoleArn"`
	// NodeSecurityGroupId is the shared node security group (EFS allows NFS from it).
	NodeSecurityGroupId pulumi.StringOutput `pulumi:"nodeSecurityGroupId"`
	// ClusterSecurityGroupId is the EKS-managed cluster security group.
	ClusterSecurityGroupId pulumi.StringOutput `pulumi:"clusterSecurityGroupId"`
	// OidcProviderArn is the cluster's IAM OIDC provider, for IAM roles for service accounts.
	OidcProviderArn pulumi.StringOutput `pulumi:"oidcProviderArn"`
	// NodeGroups maps "<pool>" or "<pool>-<zone>" to the EKS node group name.
	NodeGroups pulumi.StringMapOutput `pulumi:"nodeGroups"`
	// AutoscalingGroups maps the same keys to the node groups' Auto Scaling group names.
	AutoscalingGroups pulumi.StringMapOutput `pulumi:"autoscalingGroups"`

	// EfsFileSystemId is the encrypted EFS file system for Domino datasets.
	EfsFileSystemId pulumi.StringOutput `pulumi:"efsFileSystemId"`
	// EfsSecurityGroupId allows NFS (TCP 2049) only from the shared node security group.
	EfsSecurityGroupId pulumi.StringOutput `pulumi:"efsSecurityGroupId"`
	// EfsMountTargetIds maps each compute availability zone to its EFS mount target id.
	EfsMountTargetIds pulumi.StringMapOutput `pulumi:"efsMountTargetIds"`
	// EfsMountTargetIps maps each compute availability zone to its mount target IP address.
	EfsMountTargetIps pulumi.StringMapOutput `pulumi:"efsMountTargetIps"`
	// EfsMountTargetDnsNames maps each compute availability zone to its mount target DNS name.
	EfsMountTargetDnsNames pulumi.StringMapOutput `pulumi:"efsMountTargetDnsNames"`
	// BlobsBucket is the S3 bucket for user data (Domino "projects" blob storage).
	BlobsBucket pulumi.StringOutput `pulumi:"blobsBucket"`
	// LogsBucket is the S3 bucket for logs.
	LogsBucket pulumi.StringOutput `pulumi:"logsBucket"`
	// BackupsBucket is the S3 bucket for backups.
	BackupsBucket pulumi.StringOutput `pulumi:"backupsBucket"`
	// StorageClassName is the EBS storage class for execution volumes (domino-compute-storage).
	StorageClassName pulumi.StringOutput `pulumi:"storageClassName"`
	// StorageClassManifest is domino-compute-storage as YAML, for kubectl apply when createStorageClass is false.
	StorageClassManifest pulumi.StringOutput `pulumi:"storageClassManifest"`
	// EbsCsiRoleArn is the IAM role of the EBS CSI driver controller.
	EbsCsiRoleArn pulumi.StringOutput `pulumi:"ebsCsiRoleArn"`
	// Hostname is the FQDN Domino serves from.
	Hostname pulumi.StringOutput `pulumi:"hostname"`
	// CertificateArn is the validated ACM certificate for the hostname ("" without a Route 53 zone).
	CertificateArn pulumi.StringOutput `pulumi:"certificateArn"`
	// InstallerValues is the Domino installer configuration (YAML) for this deployment.
	InstallerValues pulumi.StringOutput `pulumi:"installerValues"`

	// KmsKeyArn is the customer key encrypting node volumes, EFS, the buckets and EKS secrets ("" without one).
	KmsKeyArn pulumi.StringOutput `pulumi:"kmsKeyArn"`
	// EfsAccessPointId is the datasets EFS access point.
	EfsAccessPointId pulumi.StringOutput `pulumi:"efsAccessPointId"`
	// RegistryBucket is the bucket of Domino's internal Docker registry ("" when registryBucket is off).
	RegistryBucket pulumi.StringOutput `pulumi:"registryBucket"`
	// MonitoringBucket receives the data buckets' S3 server access logs ("" when accessLogging is off).
	MonitoringBucket pulumi.StringOutput `pulumi:"monitoringBucket"`
	// EcrRepositories maps environment and model to their ECR repository URLs (empty when ecr is off).
	EcrRepositories pulumi.StringMapOutput `pulumi:"ecrRepositories"`
	// Region is the region the deployment runs in.
	Region pulumi.StringOutput `pulumi:"region"`
	// AccessHostId is the access host's instance id ("" when accessHost is off).
	AccessHostId pulumi.StringOutput `pulumi:"accessHostId"`
	// PullThroughCacheUrl is the quay.io pull-through cache's registry URL ("" when off).
	PullThroughCacheUrl pulumi.StringOutput `pulumi:"pullThroughCacheUrl"`
	// KubernetesSetup is what `up` could not create because the API was not
	// reachable: helm and kubectl commands, in order, to run through
	// `dominoeks tunnel` ("" when nothing is left).
	KubernetesSetup pulumi.StringOutput `pulumi:"kubernetesSetup"`
}

// NewDominoEKS validates args, then creates the network, the EKS cluster, the
// node pools, storage, buckets and IAM, and registers the outputs. Invalid
// arguments return a *ValidationError before any resource is registered.
func NewDominoEKS(ctx *pulumi.Context, name string, args DominoEKSArgs, opts ...pulumi.ResourceOption) (*DominoEKS, error) {
	providerRegion, err := awsProviderRegion(ctx)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	args, err = withProviderRegion(args, providerRegion)
	if err != nil {
		return nil, err
	}
	zones, err := accountZones(ctx, strOr(args.Region, DefaultRegion))
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	existing, err := stackZones(ctx, args, name)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	s, err := withStackZones(args, existing).resolveValidIn(name, zones)
	if err != nil {
		return nil, err
	}
	s.keepNetworkZones(existing)
	existingCl, err := clusterExists(ctx, s.ClusterName)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	s.clusterExists = existingCl.exists
	admins, err := adminEntries(ctx, s, existingCl)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	s.AdminPrincipals, s.adoptedAdmins = admins.Register, admins.Adopted
	if !existingCl.exists { // a first up, or the first after a destroy: adopt what it retained
		if s.leftovers, err = findLeftovers(ctx, s); err != nil {
			return nil, fmt.Errorf("dominoeks %q: %w", name, err)
		}
	}
	if err := checkEncryptionKept(ctx, s); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	comp := &DominoEKS{}
	if err := ctx.RegisterComponentResource(Token, name, comp, opts...); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	for _, w := range append(s.warnings(), args.ignoredWarnings(s)...) {
		_ = ctx.Log.Warn(w, &pulumi.LogArgs{Resource: comp})
	}
	for _, lo := range s.leftovers.list() {
		_ = ctx.Log.Warn(fmt.Sprintf("adopting %s %s (id %s), retained by an earlier destroy: the stack manages it again and its data stays readable",
			lo.Type, lo.Name, lo.ID), &pulumi.LogArgs{Resource: comp})
	}
	for _, w := range admins.Notes {
		_ = ctx.Log.Warn(w, &pulumi.LogArgs{Resource: comp})
	}
	for _, r := range s.leftovers.refused {
		_ = ctx.Log.Warn(r, &pulumi.LogArgs{Resource: comp})
	}
	parent := pulumi.Parent(comp)

	net, err := newNetwork(ctx, s, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: network: %w", name, err)
	}
	if s.key, err = newCustomerKey(ctx, s, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	logGroup, err := newControlPlaneLogGroup(ctx, s, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	s.clusterDeps = append(s.clusterDeps, logGroup)
	cl, err := newCluster(ctx, s, net, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: cluster: %w", name, err)
	}
	host, err := newAccessHostSecurityGroup(ctx, s, net, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	if err := newEndpoints(ctx, s, net, cl, host, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: VPC endpoints: %w", name, err)
	}
	if err := newNetworkAddons(ctx, s, net, cl, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	pools, err := newNodePools(ctx, s, net, cl, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	if err := newCoreDNSAddon(ctx, s, cl, pools, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	if err := newAccessHost(ctx, s, net, cl, host, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	if err := newAutoscalerPolicy(ctx, s, cl, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}

	kp := newKubePath(s, cl, parent)
	st, err := newStorage(ctx, s, net, cl, pools, kp, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: storage: %w", name, err)
	}
	if err := newNetworkPolicyProvider(ctx, s, cl, pools, kp, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: network policy provider: %w", name, err)
	}
	if err := newKarpenter(ctx, s, net, cl, pools, kp, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	bk, err := newBuckets(ctx, s, cl, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: buckets: %w", name, err)
	}
	if err := newBackups(ctx, s, st.FileSystem.Arn, bk.dataArns(), parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: backups: %w", name, err)
	}
	ap, err := newAccessPoint(ctx, s, st.FileSystem, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: storage: %w", name, err)
	}
	reg, err := newRegistry(ctx, s, cl, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: registry: %w", name, err)
	}
	ptc, err := newPullThroughCache(ctx, s, cl, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	if err := newKeyRolePolicies(ctx, s, cl.NodeRole, st.EbsCSIRole, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: KMS key: %w", name, err)
	}
	if err := newFlowLogs(ctx, s, net.VpcID, parent); err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	certArn, err := newCertificate(ctx, s, parent)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}

	comp.ClusterName = cl.Name
	comp.Kubeconfig = pulumi.ToSecret(cl.Kubeconfig).(pulumi.StringOutput)
	comp.SharedKubeconfig = cl.SharedKubeconfig
	comp.VpcId = net.VpcID
	comp.PrivateSubnetIds = net.PrivateSubnetIDs
	comp.NodeRoleArn = cl.NodeRole.Arn
	comp.NodeSecurityGroupId = cl.NodeSecurityGroup.ID().ToStringOutput()
	comp.ClusterSecurityGroupId = cl.SecurityGroupID
	comp.OidcProviderArn = cl.OIDCProvider.Arn
	groups, asgs := pulumi.StringMap{}, pulumi.StringMap{}
	for key, ng := range pools.Groups {
		groups[key] = ng.NodeGroupName
		asgs[key] = asgName(ng)
	}
	comp.NodeGroups = groups.ToStringMapOutput()
	comp.AutoscalingGroups = asgs.ToStringMapOutput()
	comp.EfsFileSystemId = st.FileSystem.ID().ToStringOutput()
	comp.EfsSecurityGroupId = st.SecurityGroup.ID().ToStringOutput()
	mtIDs, mtIPs, mtDNS := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	for az, mt := range st.MountTargets {
		mtIDs[az] = mt.ID().ToStringOutput()
		mtIPs[az] = mt.IpAddress
		mtDNS[az] = mt.MountTargetDnsName
	}
	comp.EfsMountTargetIds = mtIDs.ToStringMapOutput()
	comp.EfsMountTargetIps = mtIPs.ToStringMapOutput()
	comp.EfsMountTargetDnsNames = mtDNS.ToStringMapOutput()
	comp.BlobsBucket = bk.Buckets[BucketBlobs].Bucket
	comp.LogsBucket = bk.Buckets[BucketLogs].Bucket
	comp.BackupsBucket = bk.Buckets[BucketBackups].Bucket
	comp.StorageClassName = pulumi.String(DefaultStorageClassName).ToStringOutput()
	if st.StorageClass != nil {
		comp.StorageClassName = st.StorageClass.Metadata.Name().Elem()
	}
	comp.StorageClassManifest, err = storageClassManifestOutput(s)
	if err != nil {
		return nil, fmt.Errorf("dominoeks %q: %w", name, err)
	}
	comp.EbsCsiRoleArn = st.EbsCSIRole.Arn
	comp.Hostname = pulumi.String(s.Hostname).ToStringOutput()
	comp.CertificateArn = certArn
	comp.InstallerValues = installerValues(s, cl, st, bk, installerExtras{AccessPoint: ap, Registry: reg, CertificateArn: certArn})
	comp.KmsKeyArn = s.keyArn()
	comp.EfsAccessPointId = ap.ID().ToStringOutput()
	comp.RegistryBucket = optionalBucket(bk, BucketRegistry)
	comp.MonitoringBucket = optionalBucket(bk, BucketMonitoring)
	comp.EcrRepositories = reg.repositoryURLs()
	comp.Region = pulumi.String(s.Region).ToStringOutput()
	comp.AccessHostId = host.instanceID()
	comp.PullThroughCacheUrl = ptc
	comp.KubernetesSetup = kp.Setup()

	if err := ctx.RegisterResourceOutputs(comp, comp.Outputs()); err != nil {
		return nil, fmt.Errorf("dominoeks %q: register outputs: %w", name, err)
	}
	return comp, nil
}

// Outputs returns the component's outputs keyed by their schema names.
func (d *DominoEKS) Outputs() pulumi.Map {
	return pulumi.Map{
		"clusterName":            d.ClusterName,
		"kubeconfig":             d.Kubeconfig,
		"sharedKubeconfig":       d.SharedKubeconfig,
		"vpcId":                  d.VpcId,
		"privateSubnetIds":       d.PrivateSubnetIds,
		"nodeRoleArn":            d.NodeRoleArn,
		"nodeSecurityGroupId":    d.NodeSecurityGroupId,
		"clusterSecurityGroupId": d.ClusterSecurityGroupId,
		"oidcProviderArn":        d.OidcProviderArn,
		"nodeGroups":             d.NodeGroups,
		"autoscalingGroups":      d.AutoscalingGroups,
		"efsFileSystemId":        d.EfsFileSystemId,
		"efsSecurityGroupId":     d.EfsSecurityGroupId,
		"efsMountTargetIds":      d.EfsMountTargetIds,
		"efsMountTargetIps":      d.EfsMountTargetIps,
		"efsMountTargetDnsNames": d.EfsMountTargetDnsNames,
		"blobsBucket":            d.BlobsBucket,
		"logsBucket":             d.LogsBucket,
		"backupsBucket":          d.BackupsBucket,
		"storageClassName":       d.StorageClassName,
		"storageClassManifest":   d.StorageClassManifest,
		"ebsCsiRoleArn":          d.EbsCsiRoleArn,
		"hostname":               d.Hostname,
		"certificateArn":         d.CertificateArn,
		"installerValues":        d.InstallerValues,
		"kmsKeyArn":              d.KmsKeyArn,
		"efsAccessPointId":       d.EfsAccessPointId,
		"registryBucket":         d.RegistryBucket,
		"monitoringBucket":       d.MonitoringBucket,
		"ecrRepositories":        d.EcrRepositories,
		"region":                 d.Region,
		"accessHostId":           d.AccessHostId,
		"pullThroughCacheUrl":    d.PullThroughCacheUrl,
		"kubernetesSetup":        d.KubernetesSetup,
	}
}

// DefaultName is the component name DeployFromConfig uses unless the stack sets dominoeks:name.
const DefaultName = "domino"

// DeployFromConfig is the stack program of the examples and of `dominoeks
// plan`: it reads DominoEKSArgs from the stack config (namespace dominoeks),
// creates the component (named by dominoeks:name, default "domino") and
// exports each output as a stack output.
func DeployFromConfig(ctx *pulumi.Context) (*DominoEKS, error) {
	args, err := ArgsFromConfig(ctx, ConfigNamespace)
	if err != nil {
		return nil, err
	}
	name := config.Get(ctx, ConfigNamespace+":name")
	if name == "" {
		name = DefaultName
	}
	d, err := NewDominoEKS(ctx, name, args)
	if err != nil {
		return nil, err
	}
	for k, v := range d.Outputs() {
		ctx.Export(k, v)
	}
	return d, nil
}

// Program returns a Pulumi program that creates one DominoEKS named name and
// returns its outputs: the shape offline evaluation (`dominoeks plan`, tests
// under mocks) runs.
func Program(name string, args DominoEKSArgs) func(*pulumi.Context) (pulumi.Map, error) {
	return func(ctx *pulumi.Context) (pulumi.Map, error) {
		d, err := NewDominoEKS(ctx, name, args)
		if err != nil {
			return nil, err
		}
		return d.Outputs(), nil
	}
}

// ConfigProgram is DeployFromConfig as a program returning the component's outputs.
func ConfigProgram(ctx *pulumi.Context) (pulumi.Map, error) {
	d, err := DeployFromConfig(ctx)
	if err != nil {
		return nil, err
	}
	return d.Outputs(), nil
}

// awsProviderRegion returns the region the default AWS provider really uses
// (aws:region, else AWS_REGION or the profile's region), through the
// getRegion invoke, which answers during preview. With an explicit provider of
// another region, set region.
func awsProviderRegion(ctx *pulumi.Context) (string, error) {
	if r := config.Get(ctx, "aws:region"); r != "" {
		return r, nil
	}
	res, err := aws.GetRegion(ctx, &aws.GetRegionArgs{})
	if err != nil {
		return "", fmt.Errorf("resolve the AWS provider's region (set aws:region): %w", err)
	}
	return res.Name, nil
}

// withProviderRegion ties the component's region to the AWS provider's
// (aws:region): an unset region follows it, a different one is an error,
// since zone names and installer values would not match where resources are
// created.
func withProviderRegion(args DominoEKSArgs, providerRegion string) (DominoEKSArgs, error) {
	switch {
	case providerRegion == "" || args.Region == providerRegion:
	case args.Region == "":
		args.Region = providerRegion
	default:
		return args, &ValidationError{Problems: []*FieldError{{
			Field: "region", Value: args.Region,
			Problem: "differs from the AWS provider's region aws:region = " + providerRegion + ", where resources are created",
			Fix:     "set both to the same region, or leave region unset to follow aws:region",
		}}}
	}
	return args, nil
}
