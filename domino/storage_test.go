package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

const (
	efsType         = "aws:efs/fileSystem:FileSystem"
	mountTargetType = "aws:efs/mountTarget:MountTarget"
	sgRuleType      = "aws:ec2/securityGroupRule:SecurityGroupRule"
	sgType          = "aws:ec2/securityGroup:SecurityGroup"
	bucketType      = "aws:s3/bucketV2:BucketV2"
	storageClass    = "kubernetes:storage.k8s.io/v1:StorageClass"
)

// TestDatasetsEFS: one encrypted EFS, a mount target per compute zone, and
// exactly one NFS ingress rule whose source is the shared node security group.
func TestDatasetsEFS(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	fss := res.Find(efsType)
	require.Len(t, fss, 1)
	fs := fss[0]
	assert.Equal(t, true, fs.Inputs["encrypted"])
	assert.Equal(t, "generalPurpose", fs.Inputs["performanceMode"])
	assert.Equal(t, "elastic", fs.Inputs["throughputMode"])
	assert.True(t, fs.RetainOnDelete, "EFS is retained on delete")
	assert.False(t, fs.Protect)

	subnetAZ := map[string]string{}
	for _, s := range res.Find(subnetType) {
		subnetAZ[s.ID] = s.Inputs["availabilityZone"].(string)
	}
	efsSG, err := res.ByName(sgType, "domino-efs")
	require.NoError(t, err)
	var zones []string
	for _, mt := range res.Find(mountTargetType) {
		assert.Equal(t, fs.ID, mt.Inputs["fileSystemId"])
		assert.Equal(t, []string{efsSG.ID}, strs(mt.Inputs["securityGroups"]))
		az := subnetAZ[mt.Inputs["subnetId"].(string)]
		assert.Contains(t, mt.Name, az)
		zones = append(zones, az)
	}
	assert.ElementsMatch(t, threeAZs, zones, "one mount target per compute zone")

	nodeSG, err := res.ByName(sgType, "domino-node-shared")
	require.NoError(t, err)
	var nfs []map[string]any
	for _, r := range res.Find(sgRuleType) {
		if r.Inputs["securityGroupId"] == efsSG.ID {
			nfs = append(nfs, r.Inputs)
		}
	}
	require.Len(t, nfs, 1, "exactly one ingress rule on the EFS security group")
	assert.Equal(t, "ingress", nfs[0]["type"])
	assert.Equal(t, "tcp", nfs[0]["protocol"])
	assert.Equal(t, float64(2049), nfs[0]["fromPort"])
	assert.Equal(t, float64(2049), nfs[0]["toPort"])
	assert.Equal(t, nodeSG.ID, nfs[0]["sourceSecurityGroupId"])
	assert.Nil(t, nfs[0]["cidrBlocks"])
	assert.Nil(t, efsSG.Inputs["ingress"], "no inline ingress on the EFS security group")

	out := res.Outputs
	assert.Equal(t, fs.ID, out["efsFileSystemId"])
	assert.Len(t, out["efsMountTargetIps"], 3)
	assert.Equal(t, "us-west-2a."+fs.ID+".efs.us-west-2.amazonaws.com", m(out, "efsMountTargetDnsNames", "us-west-2a"))
}

// TestMountTargetsInEveryNodeZone: any node may mount datasets, so every
// zone a node group runs in has a mount target, whatever the compute pools do.
func TestMountTargetsInEveryNodeZone(t *testing.T) {
	zones := func(res *preview.Result) []string {
		var out []string
		for _, mt := range res.Find(mountTargetType) {
			out = append(out, mt.Outputs["availabilityZoneName"].(string))
		}
		return out
	}
	res := plan(t, domino.DominoEKSArgs{DefaultPool: &domino.NodePool{AvailabilityZones: []string{"us-west-2a"}}})
	assert.ElementsMatch(t, threeAZs, zones(res), "the platform pool spans three zones")
	res = plan(t, domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2b"}})
	assert.Equal(t, []string{"us-west-2b"}, zones(res), "one node zone")
	pol, err := res.ByName("aws:iam/rolePolicy:RolePolicy", "domino-node-efs")
	require.NoError(t, err)
	assert.Contains(t, pol.Inputs["policy"], "elasticfilesystem:DescribeMountTargets")
	assert.Contains(t, pol.Inputs["policy"], res.Find(efsType)[0].Outputs["arn"])
}

func TestEFSThroughputModes(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{EfsThroughputMode: "provisioned", EfsProvisionedThroughputMibps: 256})
	fs := res.Find(efsType)[0]
	assert.Equal(t, "provisioned", fs.Inputs["throughputMode"])
	assert.Equal(t, float64(256), fs.Inputs["provisionedThroughputInMibps"])
}

// TestStorageClass: domino-compute-storage on the EBS CSI driver.
func TestStorageClass(t *testing.T) {
	for _, tc := range []struct{ volType, want string }{{"", "gp3"}, {"gp2", "gp2"}} {
		res := plan(t, domino.DominoEKSArgs{StorageClassVolumeType: tc.volType, EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
		scs := res.Find(storageClass)
		require.Len(t, scs, 1)
		sc := scs[0].Inputs
		assert.Equal(t, "domino-compute-storage", m(sc, "metadata", "name"))
		assert.Equal(t, "ebs.csi.aws.com", sc["provisioner"])
		assert.Equal(t, map[string]any{"type": tc.want, "csi.storage.k8s.io/fstype": "ext4", "encrypted": "true",
			"kmsKeyId": keyArn(t, res)}, sc["parameters"])
		assert.Equal(t, "WaitForFirstConsumer", sc["volumeBindingMode"])
		assert.Equal(t, true, sc["allowVolumeExpansion"])
		assert.Equal(t, "domino-compute-storage", res.Outputs["storageClassName"])
		prov, err := res.ByName("pulumi:providers:kubernetes", "domino-k8s")
		require.NoError(t, err)
		assert.Equal(t, prov.URN, scs[0].Provider, "created through the cluster's own kubeconfig")
		assert.Equal(t, true, prov.Inputs["deleteUnreachable"], "destroy is not blocked by an unreachable cluster")
		eksURN := res.Find("eks:index:Cluster")[0].URN
		assert.Contains(t, prov.Dependencies, eksURN)
	}
}

// TestEBSCSIDriver: the addon runs under an IRSA role that only the driver's
// service account can assume.
func TestEBSCSIDriver(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	var addons []preview.Resource
	for _, a := range res.Find("aws:eks/addon:Addon") {
		if a.Inputs["addonName"] == "aws-ebs-csi-driver" {
			addons = append(addons, a)
		}
	}
	require.Len(t, addons, 1)
	role, err := res.ByName("aws:iam/role:Role", "domino-ebs-csi")
	require.NoError(t, err)
	assert.Equal(t, role.Outputs["arn"], addons[0].Inputs["serviceAccountRoleArn"])
	trust := policyJSON(t, role.Inputs["assumeRolePolicy"].(string))
	stmt := trust["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "sts:AssumeRoleWithWebIdentity", stmt["Action"])
	oidc := res.Find("aws:iam/openIdConnectProvider:OpenIdConnectProvider")[0]
	assert.Equal(t, oidc.ID, m(stmt, "Principal", "Federated"))
	cond := m(stmt, "Condition", "StringEquals").(map[string]any)
	var sub string
	for k, v := range cond {
		if len(k) > 4 && k[len(k)-4:] == ":sub" {
			sub = v.(string)
		}
	}
	assert.Equal(t, "system:serviceaccount:kube-system:ebs-csi-controller-sa", sub)
}

func TestCertificate(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{Hostname: "domino.example.com"})
	assert.Empty(t, res.Find("aws:acm/certificate:Certificate"), "no zone, no certificate")
	assert.Equal(t, "domino.example.com", res.Outputs["hostname"])

	res = plan(t, domino.DominoEKSArgs{Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z0123456789")})
	certs := res.Find("aws:acm/certificate:Certificate")
	require.Len(t, certs, 1)
	assert.Equal(t, "domino.example.com", certs[0].Inputs["domainName"])
	assert.Equal(t, "DNS", certs[0].Inputs["validationMethod"])
	recs := res.Find("aws:route53/record:Record")
	require.Len(t, recs, 1)
	assert.Equal(t, "Z0123456789", recs[0].Inputs["zoneId"])
	assert.Equal(t, "CNAME", recs[0].Inputs["type"])
	require.Len(t, res.Find("aws:acm/certificateValidation:CertificateValidation"), 1)
	assert.Equal(t, certs[0].ID, res.Outputs["certificateArn"])
}

// TestStorageClassDefaultNeedsNoAPI: the default deployment (private
// endpoint, VPC created in the same run) creates no Kubernetes object, since
// the machine running Pulumi cannot reach that API; the installer values ask
// the Domino installer to create domino-compute-storage with the same
// parameters, and a warning says so. Asking Pulumi to create it anyway is
// refused before anything is registered, naming the ways out.
func TestStorageClassDefaultNeedsNoAPI(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	assert.Empty(t, res.Find(storageClass))
	assert.Empty(t, ownProviders(res), "no Kubernetes provider of the component's own")
	var vals map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &vals))
	block := m(vals, "storage_classes", "block").(map[string]any)
	assert.Equal(t, true, block["create"])
	assert.Equal(t, "domino-compute-storage", block["name"])
	assert.Equal(t, map[string]any{"type": "gp3", "csi.storage.k8s.io/fstype": "ext4", "encrypted": "true", "kmsKeyId": keyArn(t, res)}, block["parameters"])
	assert.Contains(t, strings.Join(domino.DominoEKSArgs{}.Warnings("domino"), "\n"), "the Domino installer creates it")

	err := domino.DominoEKSArgs{CreateStorageClass: pulumi.BoolRef(true)}.Validate()
	require.Error(t, err)
	for _, want := range []string{"createStorageClass", "leave createStorageClass unset", "endpointPublicAccess", "vpcId"} {
		assert.Contains(t, err.Error(), want)
	}
	// With a public endpoint Pulumi creates it and the installer does not.
	res = plan(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	require.Len(t, res.Find(storageClass), 1)
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &vals))
	assert.Equal(t, false, m(vals, "storage_classes", "block", "create"))
}

// TestStorageClassManifest: with createStorageClass false nothing talks to the
// Kubernetes API, and the manifest output is the same class to kubectl apply.
func TestStorageClassManifest(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{CreateStorageClass: pulumi.BoolRef(false), StorageClassVolumeType: "gp2"})
	assert.Empty(t, res.Find(storageClass))
	assert.Empty(t, ownProviders(res), "no Kubernetes provider of the component's own")
	assert.Equal(t, "domino-compute-storage", res.Outputs["storageClassName"])
	var sc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["storageClassManifest"].(string)), &sc))
	assert.Equal(t, map[string]any{
		"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
		"metadata":      map[string]any{"name": "domino-compute-storage"},
		"provisioner":   "ebs.csi.aws.com",
		"parameters":    map[string]any{"type": "gp2", "csi.storage.k8s.io/fstype": "ext4", "encrypted": "true", "kmsKeyId": keyArn(t, res)},
		"reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer", "allowVolumeExpansion": true,
	}, sc)
	// The manifest and the created resource are the same class.
	res = plan(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	created := res.Find(storageClass)[0].Inputs
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["storageClassManifest"].(string)), &sc))
	for _, k := range []string{"provisioner", "parameters", "reclaimPolicy", "volumeBindingMode", "allowVolumeExpansion"} {
		assert.Equal(t, sc[k], created[k], k)
	}
}

// ownProviders returns the Kubernetes providers the component creates itself
// (pulumi-eks's children have their own, which nothing uses).
func ownProviders(res *preview.Result) []preview.Resource {
	var out []preview.Resource
	for _, p := range res.Find("pulumi:providers:kubernetes") {
		if strings.HasSuffix(p.Parent, "dominoeks:index:DominoEKS::domino") {
			out = append(out, p)
		}
	}
	return out
}
