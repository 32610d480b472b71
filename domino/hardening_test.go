package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

const (
	ecrType         = "aws:ecr/repository:Repository"
	accessPointType = "aws:efs/accessPoint:AccessPoint"
	logGroupType    = "aws:cloudwatch/logGroup:LogGroup"
	flowLogType     = "aws:ec2/flowLog:FlowLog"
	bucketLogType   = "aws:s3/bucketLoggingV2:BucketLoggingV2"
)

func installerDoc(t *testing.T, values any) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(values.(string)), &doc))
	return doc
}

// TestECRRepositories: with ecr on, two repositories (immutable tags, scan
// on push, the customer key, retained) and a node policy naming exactly their
// ARNs; their URLs reach the outputs and the installer values.
func TestECRRepositories(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{Ecr: pulumi.BoolRef(false)})
	assert.Empty(t, res.Find(ecrType), "turned off")
	assert.Equal(t, map[string]any{}, res.Outputs["ecrRepositories"])
	assert.NotContains(t, installerDoc(t, res.Outputs["installerValues"]), "external_docker_registry")

	res = plan(t, domino.DominoEKSArgs{}) // on by default, as in Domino's Terraform
	repos := res.Find(ecrType)
	require.Len(t, repos, 3)
	var arns []any
	urls := map[string]any{}
	for _, r := range repos {
		assert.Equal(t, "IMMUTABLE", r.Inputs["imageTagMutability"], r.Name)
		assert.Equal(t, true, m(r.Inputs, "imageScanningConfiguration", "scanOnPush"), r.Name)
		enc := r.Inputs["encryptionConfigurations"].([]any)[0]
		assert.Equal(t, "KMS", m(enc, "encryptionType"))
		assert.Equal(t, keyArn(t, res), m(enc, "kmsKey"))
		assert.Equal(t, false, r.Inputs["forceDelete"])
		assert.True(t, r.RetainOnDelete)
		arns = append(arns, r.Outputs["arn"])
		urls[strings.TrimPrefix(r.Name, "domino-")] = r.Outputs["repositoryUrl"]
	}
	var names []string
	for _, r := range repos {
		names = append(names, r.Inputs["name"].(string))
	}
	assert.ElementsMatch(t, []string{"domino/environment", "domino/model", "domino/genai-model"}, names)
	assert.Equal(t, "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino/environment", urls["environment"])

	pol, err := res.ByName(rolePolicy, "domino-node-ecr")
	require.NoError(t, err)
	nodeRole, _ := res.ByName("aws:iam/role:Role", "domino-node")
	assert.Equal(t, nodeRole.Outputs["name"], pol.Inputs["role"])
	doc := policyJSON(t, pol.Inputs["policy"].(string))
	for _, st := range doc["Statement"].([]any) {
		assert.ElementsMatch(t, arns, st.(map[string]any)["Resource"], "exactly the repositories' ARNs")
	}
	assert.NotContains(t, pol.Inputs["policy"], `"*"`)
	assert.Equal(t, urls, res.Outputs["ecrRepositories"])
	values := installerDoc(t, res.Outputs["installerValues"])
	assert.NotContains(t, values, "ecr_repositories", "Domino does not read it")
	assert.Equal(t, "123456789012.dkr.ecr.us-west-2.amazonaws.com/domino", values["external_docker_registry"],
		"Domino appends /environment, /model and /genai-model")
}

// TestRegistryBucket: hardened like the data buckets, nodes may use it, its
// access is logged, and the installer's internal registry stores into it.
func TestRegistryBucket(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{RegistryBucket: pulumi.BoolRef(true), BucketPrefix: "acme"})
	b, err := res.ByName(bucketType, "domino-registry")
	require.NoError(t, err)
	assert.Equal(t, "acme-registry", b.Inputs["bucket"])
	assert.True(t, b.RetainOnDelete)
	assert.Equal(t, "acme-registry", res.Outputs["registryBucket"])
	for _, typ := range []string{sseType, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
		"aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPolicy:BucketPolicy", bucketLogType} {
		_, err := res.ByName(typ, "domino-registry")
		assert.NoError(t, err, typ)
	}
	s3pol, _ := res.ByName(rolePolicy, "domino-node-s3")
	assert.Contains(t, s3pol.Inputs["policy"], "arn:aws:s3:::acme-registry/*")
	assert.NotContains(t, s3pol.Inputs["policy"], "acme-monitoring", "nodes get nothing on the access logs")
	doc := installerDoc(t, res.Outputs["installerValues"])
	assert.Equal(t, "acme-registry", m(doc, "internal_docker_registry", "s3_override", "bucket"))
	assert.Equal(t, "us-west-2", m(doc, "internal_docker_registry", "s3_override", "region"))

	res = plan(t, domino.DominoEKSArgs{RegistryBucket: pulumi.BoolRef(false)})
	assert.Equal(t, "", res.Outputs["registryBucket"])
	assert.NotContains(t, installerDoc(t, res.Outputs["installerValues"]), "internal_docker_registry")
	res = plan(t, domino.DominoEKSArgs{})
	assert.Equal(t, "domino-123456789012-us-west-2-registry", res.Outputs["registryBucket"], "on by default")
}

// TestEFSAccessPoint: /domino owned by uid/gid 0 with mode 777 (Domino's
// Terraform values), with creation info so mounts work before the directory
// exists; configurable; its id in the outputs and the installer values.
func TestEFSAccessPoint(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	aps := res.Find(accessPointType)
	require.Len(t, aps, 1)
	ap := aps[0]
	fs := res.Find(efsType)[0]
	assert.Equal(t, fs.ID, ap.Inputs["fileSystemId"])
	assert.Equal(t, "/domino", m(ap.Inputs, "rootDirectory", "path"))
	assert.Equal(t, map[string]any{"ownerUid": float64(0), "ownerGid": float64(0), "permissions": "777"}, m(ap.Inputs, "rootDirectory", "creationInfo"))
	assert.Equal(t, map[string]any{"uid": float64(0), "gid": float64(0)}, ap.Inputs["posixUser"])
	assert.Regexp(t, `^fsap-[0-9a-f]{17}$`, ap.ID)
	assert.Equal(t, ap.ID, res.Outputs["efsAccessPointId"])
	assert.Equal(t, ap.ID, m(installerDoc(t, res.Outputs["installerValues"]), "storage_classes", "shared", "efs", "access_point_id"))

	res = plan(t, domino.DominoEKSArgs{EfsAccessPointPath: "/data/domino", EfsAccessPointUid: pulumi.IntRef(12574),
		EfsAccessPointGid: pulumi.IntRef(12574), EfsAccessPointPermissions: "0755"})
	ap = res.Find(accessPointType)[0]
	assert.Equal(t, "/data/domino", m(ap.Inputs, "rootDirectory", "path"))
	assert.Equal(t, map[string]any{"ownerUid": float64(12574), "ownerGid": float64(12574), "permissions": "0755"}, m(ap.Inputs, "rootDirectory", "creationInfo"))

	res = plan(t, domino.DominoEKSArgs{EfsAccessPointPath: "/"})
	assert.Nil(t, m(res.Find(accessPointType)[0].Inputs, "rootDirectory", "creationInfo"), "the file system root always exists")
}

// TestLogging: the control-plane log group exists, with a retention, before
// the EKS cluster; rejected VPC traffic is logged; every data bucket logs its
// access to the SSE-S3 monitoring bucket, which lets only this account's S3
// logging service write.
func TestLogging(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	cp, err := res.ByName(logGroupType, "domino-control-plane")
	require.NoError(t, err)
	assert.Equal(t, "/aws/eks/domino/cluster", cp.Inputs["name"])
	assert.Equal(t, float64(90), cp.Inputs["retentionInDays"])
	eks := res.Find("eks:index:Cluster")[0]
	assert.Contains(t, eks.Dependencies, cp.URN, "created before EKS would create it without retention")

	fls := res.Find(flowLogType)
	require.Len(t, fls, 1)
	fl := fls[0]
	assert.Equal(t, "REJECT", fl.Inputs["trafficType"])
	assert.Equal(t, res.Outputs["vpcId"], fl.Inputs["vpcId"])
	flg, _ := res.ByName(logGroupType, "domino-flow-logs")
	assert.Equal(t, flg.Outputs["arn"], fl.Inputs["logDestination"])
	assert.Equal(t, float64(90), flg.Inputs["retentionInDays"])
	role, _ := res.ByName("aws:iam/role:Role", "domino-flow-logs")
	assert.Equal(t, role.Outputs["arn"], fl.Inputs["iamRoleArn"])
	assert.Contains(t, role.Inputs["assumeRolePolicy"], "vpc-flow-logs.amazonaws.com")

	mon, _ := res.ByName(bucketType, "domino-monitoring")
	logged := map[string]string{}
	for _, l := range res.Find(bucketLogType) {
		assert.Equal(t, mon.ID, l.Inputs["targetBucket"])
		logged[l.Name] = l.Inputs["targetPrefix"].(string)
	}
	assert.Equal(t, map[string]string{"domino-blobs": "blobs/", "domino-logs": "logs/", "domino-backups": "backups/", "domino-registry": "registry/"}, logged)
	pol, _ := res.ByName("aws:s3/bucketPolicy:BucketPolicy", "domino-monitoring")
	doc := policyJSON(t, pol.Inputs["policy"].(string))
	deliver := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "logging.s3.amazonaws.com", m(deliver, "Principal", "Service"))
	assert.Equal(t, "s3:PutObject", deliver["Action"])
	assert.Equal(t, "arn:aws:s3:::"+mon.ID+"/*", deliver["Resource"])
	assert.Equal(t, "123456789012", m(deliver, "Condition", "StringEquals", "aws:SourceAccount"))
	exp, err := res.ByName("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "domino-monitoring")
	require.NoError(t, err)
	assert.Equal(t, float64(90), m(exp.Inputs["rules"].([]any)[0], "expiration", "days"))

	res = plan(t, domino.DominoEKSArgs{AccessLogging: pulumi.BoolRef(false), FlowLogs: pulumi.BoolRef(false), LogRetentionDays: pulumi.IntRef(365)})
	assert.Empty(t, res.Find(flowLogType))
	assert.Empty(t, res.Find(bucketLogType))
	_, err = res.ByName(bucketType, "domino-monitoring")
	assert.Error(t, err)
	cp, _ = res.ByName(logGroupType, "domino-control-plane")
	assert.Equal(t, float64(365), cp.Inputs["retentionInDays"])
}

func TestHardeningValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  domino.DominoEKSArgs
		field string
	}{
		{"key ARN", domino.DominoEKSArgs{KmsKeyArn: "alias/mine"}, "kmsKeyArn"},
		{"relative path", domino.DominoEKSArgs{EfsAccessPointPath: "domino"}, "efsAccessPointPath"},
		{"mode", domino.DominoEKSArgs{EfsAccessPointPermissions: "rwx"}, "efsAccessPointPermissions"},
		{"uid", domino.DominoEKSArgs{EfsAccessPointUid: pulumi.IntRef(-1)}, "efsAccessPointUid"},
		{"retention", domino.DominoEKSArgs{LogRetentionDays: pulumi.IntRef(42)}, "logRetentionDays"},
		{"same bucket", domino.DominoEKSArgs{MonitoringBucketName: "x-logs", LogsBucketName: "x-logs"}, "monitoringBucketName"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.args.Validate()
			var ve *domino.ValidationError
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Contains(t, fields, tc.field)
		})
	}
	// KMS reserves alias/aws/ only (alias-create.html), and ECR names derive
	// from the cluster name (names.go): neither refuses an EKS-valid name.
	assert.NoError(t, domino.DominoEKSArgs{ClusterName: "aws-prod"}.Validate())
	assert.NoError(t, domino.DominoEKSArgs{ClusterName: "prod--x"}.Validate())
}
