package domino

import (
	"encoding/json"
	"fmt"
	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"maps"
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	storagev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/storage/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"sigs.k8s.io/yaml"
)

// NFSPort is the port EFS serves NFS on.
const NFSPort = 2049

// ebsCSIAddon is the EKS add-on name of the EBS CSI driver.
const ebsCSIAddon = awsfacts.AddonEBSCSI

// ebsCSIServiceAccount is the EBS CSI controller's service account.
const ebsCSIServiceAccount = "system:serviceaccount:kube-system:ebs-csi-controller-sa"

// storage is the datasets file system and the block storage class.
type storage struct {
	FileSystem      *efs.FileSystem
	SecurityGroup   *ec2.SecurityGroup
	MountTargets    map[string]*efs.MountTarget
	StorageClass    *storagev1.StorageClass
	EbsCSIRole      *iam.Role
	EbsCSIAddon     *awseks.Addon
	StorageClassKey string
}

// dataOpts are the options of stateful resources: retained on delete unless
// deleteDataOnDestroy, protected when protectData.
func dataOpts(s spec, opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, opts...),
		pulumi.RetainOnDelete(s.RetainData), pulumi.Protect(s.ProtectData))
}

// nodeAZs returns the zones any pool runs in, in cluster order: each gets an
// EFS mount target, since any node (platform services included) may mount
// datasets, and a client resolves the file system's DNS name to the mount
// target of its own zone (EFS user guide, "Creating and managing mount
// targets"; Domino's Terraform puts one in every private subnet).
func (s spec) nodeAZs() []string {
	var out []string
	for _, az := range s.AZs {
		for _, p := range s.Pools {
			if slices.Contains(p.AZs, az) {
				out = append(out, az)
				break
			}
		}
	}
	return out
}

// newStorage creates the encrypted EFS file system for Domino datasets with a
// security group allowing NFS only from the shared node security group, a
// mount target in every node zone, the node role's mount target lookup, the EBS CSI driver addon with its IRSA role,
// and the domino-compute-storage class.
func newStorage(ctx *pulumi.Context, s spec, net *network, c *cluster, pools *nodePools, kp *kubePath, opts ...pulumi.ResourceOption) (*storage, error) {
	n := s.Name
	st := &storage{MountTargets: map[string]*efs.MountTarget{}}
	var err error
	st.SecurityGroup, err = ec2.NewSecurityGroup(ctx, n+"-efs", &ec2.SecurityGroupArgs{
		VpcId:       net.VpcID,
		Description: pulumi.String("Domino datasets EFS of " + s.ClusterName + ": NFS from the shared node security group only"),
		Tags:        tagsWith(s, map[string]string{"Name": n + "-efs"}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("EFS security group: %w", err)
	}
	if _, err := ec2.NewSecurityGroupRule(ctx, n+"-efs-nfs", &ec2.SecurityGroupRuleArgs{
		Type:                  pulumi.String("ingress"),
		Description:           pulumi.String("NFS from Domino nodes"),
		Protocol:              pulumi.String("tcp"),
		FromPort:              pulumi.Int(NFSPort),
		ToPort:                pulumi.Int(NFSPort),
		SecurityGroupId:       st.SecurityGroup.ID(),
		SourceSecurityGroupId: c.NodeSecurityGroup.ID(),
	}, opts...); err != nil {
		return nil, fmt.Errorf("EFS NFS rule: %w", err)
	}
	fsArgs := &efs.FileSystemArgs{
		Encrypted:       pulumi.Bool(true),
		KmsKeyId:        s.kmsKeyID(), // fixed at creation: a change replaces the file system
		PerformanceMode: pulumi.String("generalPurpose"),
		ThroughputMode:  pulumi.String(s.EfsThroughputMode),
		// The cluster tag is the file system's identity: the next up after a
		// destroy adopts only a file system tagged for this cluster (leftovers.go).
		Tags: tagsWith(s, map[string]string{"Name": n + "-datasets", adopt.ClusterTag: s.ClusterName}),
	}
	if s.EfsThroughputMode == "provisioned" {
		fsArgs.ProvisionedThroughputInMibps = pulumi.Float64(s.EfsProvisionedMibs)
	}
	// AWS fixes an EFS file system's key at creation, so a key change would
	// replace it with a new, empty one: never on an ordinary config change.
	st.FileSystem, err = efs.NewFileSystem(ctx, n+"-datasets", fsArgs,
		append(append(dataOpts(s, opts), pulumi.IgnoreChanges([]string{"kmsKeyId", "encrypted"})), s.leftovers.adopt("efs", "efs")...)...)
	if err != nil {
		return nil, fmt.Errorf("EFS file system: %w", err)
	}
	if _, err := efs.NewBackupPolicy(ctx, n+"-datasets", &efs.BackupPolicyArgs{
		FileSystemId: st.FileSystem.ID(),
		BackupPolicy: efs.BackupPolicyBackupPolicyArgs{Status: pulumi.String(s.efsAutomaticBackups())},
	}, dataOpts(s, opts)...); err != nil {
		return nil, fmt.Errorf("EFS backup policy: %w", err)
	}
	for _, az := range s.nodeAZs() {
		mt, err := efs.NewMountTarget(ctx, n+"-datasets-"+az, &efs.MountTargetArgs{
			FileSystemId:   st.FileSystem.ID(),
			SubnetId:       net.PrivateSubnets[az],
			SecurityGroups: pulumi.StringArray{st.SecurityGroup.ID()},
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("EFS mount target %s: %w", az, err)
		}
		st.MountTargets[az] = mt
	}
	if err := newEFSLookupPolicy(ctx, s, c, st.FileSystem, opts...); err != nil {
		return nil, err
	}
	if err := newBlockStorage(ctx, s, c, pools, st, kp, opts...); err != nil {
		return nil, err
	}
	return st, nil
}

// NodeEFSLookupPolicy lets efs-utils on the nodes find a mount target when
// the file system's DNS name does not resolve (amazon-efs-utils README,
// "mount target IP address lookup": elasticfilesystem:DescribeMountTargets
// and ec2:DescribeAvailabilityZones).
func NodeEFSLookupPolicy(fileSystemArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "EFSMountTargets", Effect: "Allow", Action: workloads.EFSLookupActions, Resource: []string{fileSystemArn}},
		{Sid: "EFSZones", Effect: "Allow", Action: []string{"ec2:DescribeAvailabilityZones"}, Resource: []string{"*"}},
	}})
	return string(doc), err
}

func newEFSLookupPolicy(ctx *pulumi.Context, s spec, c *cluster, fs *efs.FileSystem, opts ...pulumi.ResourceOption) error {
	if _, err := iam.NewRolePolicy(ctx, s.Name+"-node-efs", &iam.RolePolicyArgs{
		Role: c.NodeRole.Name, Policy: fs.Arn.ApplyT(NodeEFSLookupPolicy).(pulumi.StringOutput),
	}, opts...); err != nil {
		return fmt.Errorf("node EFS lookup policy: %w", err)
	}
	return nil
}

// ebsCSITrustPolicy lets only the EBS CSI controller's service account assume the role.
func ebsCSITrustPolicy(oidcArn, issuer string) (string, error) {
	doc, err := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Action":    "sts:AssumeRoleWithWebIdentity",
			"Principal": map[string]any{"Federated": oidcArn},
			"Condition": map[string]any{"StringEquals": map[string]any{
				issuer + ":sub": ebsCSIServiceAccount,
				issuer + ":aud": "sts.amazonaws.com",
			}},
		}},
	})
	return string(doc), err
}

// newBlockStorage installs the EBS CSI driver (EKS addon, IRSA role) and the
// domino-compute-storage class: ebs.csi.aws.com, gp3 (or gp2), ext4, encrypted,
// WaitForFirstConsumer, expandable.
func newBlockStorage(ctx *pulumi.Context, s spec, c *cluster, pools *nodePools, st *storage, kp *kubePath, opts ...pulumi.ResourceOption) error {
	n := s.Name
	trust := pulumi.All(c.OIDCProvider.Arn, c.OIDCIssuer).ApplyT(func(v []any) (string, error) {
		return ebsCSITrustPolicy(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	var err error
	st.EbsCSIRole, err = iam.NewRole(ctx, n+"-ebs-csi", &iam.RoleArgs{
		AssumeRolePolicy: trust,
		Description:      pulumi.String("EBS CSI driver controller of " + s.ClusterName),
		Tags:             tagsWith(s, nil),
	}, opts...)
	if err != nil {
		return fmt.Errorf("EBS CSI role: %w", err)
	}
	att, err := iam.NewRolePolicyAttachment(ctx, n+"-ebs-csi", &iam.RolePolicyAttachmentArgs{
		Role:      st.EbsCSIRole.Name,
		PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"),
	}, opts...)
	if err != nil {
		return fmt.Errorf("EBS CSI role policy: %w", err)
	}
	// The add-on's version is pinned per Kubernetes version (addons.go), so
	// it moves with kubernetesVersion, not whenever EKS's default changes.
	version, err := addonVersion(ctx, s, ebsCSIAddon)
	if err != nil {
		return err
	}
	// The driver's controller is a Deployment: created before any node it
	// would wait DEGRADED (up to the provider's 20-minute timeout), so it
	// waits for the node groups.
	deps := []pulumi.Resource{att}
	for _, k := range slices.Sorted(maps.Keys(pools.Groups)) {
		deps = append(deps, pools.Groups[k])
	}
	st.EbsCSIAddon, err = awseks.NewAddon(ctx, n+"-ebs-csi", &awseks.AddonArgs{
		ClusterName:              c.Name,
		AddonName:                pulumi.String(ebsCSIAddon),
		AddonVersion:             pulumi.String(version),
		ServiceAccountRoleArn:    st.EbsCSIRole.Arn,
		ResolveConflictsOnCreate: pulumi.String("OVERWRITE"),
		ResolveConflictsOnUpdate: pulumi.String("PRESERVE"),
		Tags:                     tagsWith(s, nil),
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(deps))...)
	if err != nil {
		return fmt.Errorf("EBS CSI addon: %w", err)
	}
	if !s.CreateStorageClass {
		return nil
	}
	k8sOpts, err := kp.providerOpts(ctx, nil)
	if err != nil {
		return err
	}
	sc := storageClass(s.StorageVolumeType)
	st.StorageClass, err = storagev1.NewStorageClass(ctx, n+"-compute-storage", &storagev1.StorageClassArgs{
		Metadata:             &metav1.ObjectMetaArgs{Name: pulumi.String(sc.Name)},
		Provisioner:          pulumi.String(sc.Provisioner),
		Parameters:           storageClassParameters(s, sc.Parameters),
		ReclaimPolicy:        pulumi.String(sc.ReclaimPolicy),
		VolumeBindingMode:    pulumi.String(sc.VolumeBindingMode),
		AllowVolumeExpansion: pulumi.Bool(sc.AllowVolumeExpansion),
	}, k8sOpts...)
	if err != nil {
		return fmt.Errorf("storage class %s: %w", sc.Name, err)
	}
	return nil
}

// storageClassSpec is the domino-compute-storage class: the one definition
// behind both the StorageClass resource and the storageClassManifest output.
type storageClassSpec struct {
	Name                 string
	Provisioner          string
	Parameters           map[string]string
	ReclaimPolicy        string
	VolumeBindingMode    string
	AllowVolumeExpansion bool
}

func storageClass(volumeType string) storageClassSpec {
	return storageClassSpec{
		Name:        DefaultStorageClassName,
		Provisioner: "ebs.csi.aws.com",
		Parameters: map[string]string{
			"type":                      volumeType,
			"csi.storage.k8s.io/fstype": "ext4",
			"encrypted":                 "true",
		},
		ReclaimPolicy:        "Delete",
		VolumeBindingMode:    "WaitForFirstConsumer",
		AllowVolumeExpansion: true,
	}
}

// StorageClassManifest returns domino-compute-storage as a Kubernetes
// manifest (YAML), for `kubectl apply` when the component does not create it.
func StorageClassManifest(volumeType string) (string, error) {
	sc := storageClass(volumeType)
	out, err := yaml.Marshal(map[string]any{
		"apiVersion":           "storage.k8s.io/v1",
		"kind":                 "StorageClass",
		"metadata":             map[string]any{"name": sc.Name},
		"provisioner":          sc.Provisioner,
		"parameters":           sc.Parameters,
		"reclaimPolicy":        sc.ReclaimPolicy,
		"volumeBindingMode":    sc.VolumeBindingMode,
		"allowVolumeExpansion": sc.AllowVolumeExpansion,
	})
	if err != nil {
		return "", fmt.Errorf("storage class manifest: %w", err)
	}
	return string(out), nil
}
