package policy_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/policy"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ip(v int) *int { return &v }

// Matrix is the set of configurations every invariant is checked on.
var Matrix = map[string]domino.DominoEKSArgs{
	"default":              {},
	"one zone":             {AvailabilityZones: []string{"us-west-2a"}},
	"gpu":                  {EnableGpuPool: true},
	"AL2 docker bridge":    {AmiFamily: domino.AmiAL2, KubernetesVersion: "1.32", EnableGpuPool: true},
	"single NAT":           {NatMode: domino.NatSingle},
	"no NAT":               {NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"},
	"public endpoint":      {EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}},
	"byo vpc":              {VpcId: pulumi.StringPtr("vpc-0a1b2c3d"), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})},
	"eu-west-1":            {Region: "eu-west-1"},
	"certificate":          {Hostname: "domino.example.com", Route53ZoneId: pulumi.StringPtr("Z1")},
	"versioned, protected": {BucketVersioning: true, ProtectData: true},
	"gp2 provisioned EFS":  {StorageClassVolumeType: "gp2", EfsThroughputMode: "provisioned", EfsProvisionedThroughputMibps: 64},
	"many pools": {AdditionalPools: []domino.NodePool{
		{Name: "highmem", InstanceTypes: []string{"r5.4xlarge"}, MaxSize: ip(5)},
		{Name: "spot", InstanceTypes: []string{"m5.2xlarge", "m5a.2xlarge"}, CapacityType: domino.CapacitySpot},
		{Name: "a100", InstanceTypes: []string{"p4d.24xlarge"}, Taints: []domino.Taint{{Key: "nvidia.com/gpu", Value: "true", Effect: "NoSchedule"}}},
	}},
	"custom cidrs":                        {VpcCidr: "172.20.0.0/18", Tags: map[string]string{"team": "data"}},
	"no storage class":                    {CreateStorageClass: pulumi.BoolRef(false)},
	"admins":                              {AdminPrincipalArns: []string{"arn:aws:iam::123456789012:role/ci-deployer"}},
	"NAT and endpoints":                   {VpcEndpoints: pulumi.BoolRef(true)},
	"ecr and registry":                    {Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true)},
	"brought key":                         {KmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"},
	"no customer key":                     {CreateKmsKey: pulumi.BoolRef(false), Ecr: pulumi.BoolRef(true)},
	"access point at /, logs kept a year": {EfsAccessPointPath: "/", LogRetentionDays: ip(365), FlowLogs: pulumi.BoolRef(false)},
}

func plan(t testing.TB, args domino.DominoEKSArgs) *preview.Result {
	t.Helper()
	res, err := preview.Run(domino.Program("domino", args), preview.Options{})
	require.NoError(t, err)
	return res
}

// TestInvariantsHoldAcrossMatrix: every rule on every configuration.
func TestInvariantsHoldAcrossMatrix(t *testing.T) {
	checked := 0
	for name, args := range Matrix {
		t.Run(name, func(t *testing.T) {
			res := plan(t, args)
			assert.Empty(t, policy.Check(res))
			checked += len(policy.Rules())
		})
	}
	t.Logf("%d invariants × %d configurations = %d checks", len(policy.Rules()), len(Matrix), checked)
}

// denyResources matches the bucket policy's two resources, the bucket and its
// objects.
var denyResources = regexp.MustCompile(`"Resource":\["(arn:aws:s3:::[^"/]+)","(arn:aws:s3:::[^"/]+/\*)"\]`)

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

// TestEachRuleCatchesItsViolation breaks the default plan one way at a time
// and expects exactly that rule to fire.
func TestEachRuleCatchesItsViolation(t *testing.T) {
	base := plan(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}})
	require.Empty(t, policy.Check(base))
	for _, tc := range []struct {
		rule string
		typ  string
		f    func(r *preview.Resource)
	}{
		{"ebs-encrypted", "aws:ec2/launchTemplate:LaunchTemplate", func(r *preview.Resource) {
			r.Inputs["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["encrypted"] = "false"
		}},
		{"ebs-encrypted", "kubernetes:storage.k8s.io/v1:StorageClass", func(r *preview.Resource) {
			delete(r.Inputs["parameters"].(map[string]any), "encrypted")
		}},
		{"efs-encrypted", "aws:efs/fileSystem:FileSystem", func(r *preview.Resource) { r.Inputs["encrypted"] = false }},
		{"s3-encrypted", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", func(r *preview.Resource) {
			r.Inputs["bucket"] = "other"
		}},
		{"s3-public-access-blocked", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", func(r *preview.Resource) {
			r.Inputs["restrictPublicBuckets"] = false
		}},
		{"s3-tls-only", "aws:s3/bucketPolicy:BucketPolicy", func(r *preview.Resource) {
			r.Inputs["policy"] = strings.Replace(r.Inputs["policy"].(string), `"Deny"`, `"Allow"`, 1)
		}},
		// A deny on the bucket alone leaves its objects readable over plain
		// HTTP, one on the objects alone its listing: both halves are needed.
		{"s3-tls-only", "aws:s3/bucketPolicy:BucketPolicy", func(r *preview.Resource) {
			r.Inputs["policy"] = denyResources.ReplaceAllString(r.Inputs["policy"].(string), `"Resource":["$1"]`)
		}},
		{"s3-tls-only", "aws:s3/bucketPolicy:BucketPolicy", func(r *preview.Resource) {
			r.Inputs["policy"] = denyResources.ReplaceAllString(r.Inputs["policy"].(string), `"Resource":["$2"]`)
		}},
		{"imdsv2-required", "aws:ec2/launchTemplate:LaunchTemplate", func(r *preview.Resource) {
			r.Inputs["metadataOptions"].(map[string]any)["httpTokens"] = "optional"
		}},
		{"nodes-private", "aws:ec2/subnet:Subnet", func(r *preview.Resource) {
			if strings.Contains(r.Name, "private") {
				r.Inputs["mapPublicIpOnLaunch"] = true
			}
		}},
		{"nodes-private", "aws:ec2/launchTemplate:LaunchTemplate", func(r *preview.Resource) {
			r.Inputs["networkInterfaces"] = []any{map[string]any{"associatePublicIpAddress": "true"}}
		}},
		{"iam-exact-arns", "aws:iam/rolePolicy:RolePolicy", func(r *preview.Resource) {
			r.Inputs["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
		}},
		{"iam-exact-arns", "aws:iam/rolePolicy:RolePolicy", func(r *preview.Resource) {
			r.Inputs["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::someone-elses/*"]}]}`
		}},
		{"efs-nfs-from-node-sg", "aws:ec2/securityGroupRule:SecurityGroupRule", func(r *preview.Resource) {
			r.Inputs["sourceSecurityGroupId"] = "sg-somewhere-else"
		}},
		{"efs-nfs-from-node-sg", "aws:ec2/securityGroupRule:SecurityGroupRule", func(r *preview.Resource) {
			r.Inputs["toPort"] = float64(65535)
		}},
		{"no-open-ingress", "aws:ec2/securityGroup:SecurityGroup", func(r *preview.Resource) {
			if r.Name != "domino-node-shared" {
				return
			}
			r.Inputs["ingress"] = []any{map[string]any{"protocol": "tcp", "fromPort": float64(22), "toPort": float64(22), "cidrBlocks": []any{"0.0.0.0/0"}}}
		}},
		{"no-open-ingress", "eks:index:Cluster", func(r *preview.Resource) {
			r.Inputs["endpointPublicAccess"] = true
			r.Inputs["publicAccessCidrs"] = []any{"0.0.0.0/0"}
		}},
		{"control-plane-logging", "eks:index:Cluster", func(r *preview.Resource) {
			r.Inputs["enabledClusterLogTypes"] = []any{"api"}
		}},
		{"data-retained", "aws:efs/fileSystem:FileSystem", func(r *preview.Resource) { r.RetainOnDelete = false }},
		{"data-retained", "aws:s3/bucketV2:BucketV2", func(r *preview.Resource) { r.Inputs["forceDestroy"] = true }},
		{"customer-key", "aws:ec2/launchTemplate:LaunchTemplate", func(r *preview.Resource) {
			delete(r.Inputs["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any), "kmsKeyId")
		}},
		{"customer-key", "kubernetes:storage.k8s.io/v1:StorageClass", func(r *preview.Resource) {
			delete(r.Inputs["parameters"].(map[string]any), "kmsKeyId")
		}},
		{"customer-key", "aws:efs/fileSystem:FileSystem", func(r *preview.Resource) {
			r.Inputs["kmsKeyId"] = "arn:aws:kms:us-west-2:123456789012:key/someone-elses"
		}},
		{"customer-key", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", func(r *preview.Resource) {
			if r.Name == "domino-blobs" {
				r.Inputs["rules"] = []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "AES256"}}}
			}
		}},
		{"customer-key", "eks:index:Cluster", func(r *preview.Resource) { delete(r.Inputs, "encryptionConfigKeyArn") }},
		{"customer-key", "aws:eks/cluster:Cluster", func(r *preview.Resource) { delete(r.Inputs, "encryptionConfig") }},
		{"customer-key", "aws:ec2/launchTemplate:LaunchTemplate", func(r *preview.Resource) {
			r.Inputs["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["kmsKeyId"] = "alias/aws/ebs"
		}},
		{"s3-access-logging", "aws:s3/bucketLoggingV2:BucketLoggingV2", func(r *preview.Resource) {
			if r.Name == "domino-logs" {
				r.Inputs["bucket"] = "not-a-planned-bucket"
			}
		}},
	} {
		t.Run(tc.rule+"/"+tc.typ, func(t *testing.T) {
			broken := mutateMatching(base, tc.typ, tc.f)
			vs := policy.Check(broken)
			require.NotEmpty(t, vs, "rule %s must fire", tc.rule)
			for _, v := range vs {
				assert.Equal(t, tc.rule, v.Rule, "only %s fires: %s", tc.rule, v)
			}
		})
	}
}

// mutateMatching applies f to every resource of the type (f may ignore some).
func mutateMatching(res *preview.Result, typ string, f func(r *preview.Resource)) *preview.Result {
	out := &preview.Result{Outputs: res.Outputs}
	for _, r := range res.Resources {
		r.Inputs = deepCopy(r.Inputs).(map[string]any)
		if r.Type == typ {
			f(&r)
		}
		out.Resources = append(out.Resources, r)
	}
	return out
}

// TestRuleIDsAreDocumented: the README's policy paragraph names exactly the
// rules, in order, and every rule says what it requires.
func TestRuleIDsAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	var ids []string
	for _, r := range policy.Rules() {
		assert.False(t, seen[r.ID], "duplicate rule %s", r.ID)
		seen[r.ID] = true
		ids = append(ids, r.ID)
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)+$`, r.ID)
		assert.Greater(t, len(strings.Fields(r.Description)), 4, "%s says what it requires", r.ID)
	}

	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, para, ok := strings.Cut(string(readme), "\n**Policy** (`--policy`, package `internal/policy`): ")
	require.True(t, ok, "README has the policy paragraph")
	para, _, _ = strings.Cut(para, "\n\n")
	var documented []string
	for _, m := range regexp.MustCompile("`([a-z0-9-]+)`").FindAllStringSubmatch(para, -1) {
		documented = append(documented, m[1])
	}
	assert.Equal(t, ids, documented, "the README names every rule once, in order, and no other")
}

// TestECRInvariants: with ecr on, mutable tags and repositories not under the
// customer key are caught.
func TestECRInvariants(t *testing.T) {
	base := plan(t, domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true)})
	require.Empty(t, policy.Check(base))
	for _, tc := range []struct {
		rule string
		f    func(r *preview.Resource)
	}{
		{"ecr-immutable", func(r *preview.Resource) { r.Inputs["imageTagMutability"] = "MUTABLE" }},
		{"customer-key", func(r *preview.Resource) {
			r.Inputs["encryptionConfigurations"] = []any{map[string]any{"encryptionType": "AES256"}}
		}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			vs := policy.Check(mutateMatching(base, "aws:ecr/repository:Repository", tc.f))
			require.Len(t, vs, len(domino.RepositoryRoles), "one per repository")
			for _, v := range vs {
				assert.Equal(t, tc.rule, v.Rule, v.String())
			}
		})
	}
	t.Run("ecr-exact-arns", func(t *testing.T) {
		vs := policy.Check(mutateMatching(base, "aws:iam/rolePolicy:RolePolicy", func(r *preview.Resource) {
			if r.Name == "domino-node-ecr" {
				r.Inputs["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:PutImage"],"Resource":"*"}]}`
			}
		}))
		require.Len(t, vs, 1)
		assert.Equal(t, "ecr-exact-arns", vs[0].Rule)
		assert.Contains(t, vs[0].Message, "ECR access on *")
	})
	t.Run("ecr-exact-arns: pull-through grants only under the rule's prefix", func(t *testing.T) {
		noNAT := plan(t, domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"})
		assert.Empty(t, policy.Check(noNAT), "repository/<cluster>-quay/* is the rule's")
		vs := policy.Check(mutateMatching(noNAT, "aws:iam/rolePolicy:RolePolicy", func(r *preview.Resource) {
			if r.Name == "domino-node-pull-through" {
				r.Inputs["policy"] = strings.ReplaceAll(r.Inputs["policy"].(string), "domino-quay/*", "other/*")
			}
		}))
		require.NotEmpty(t, vs)
		assert.Equal(t, "ecr-exact-arns", vs[0].Rule)
		assert.Contains(t, vs[0].Message, "repository/other/*")
	})
}

// TestInstallerStorageClassUsesTheKey: when the Domino installer creates the
// block storage class (the default, private endpoint), its parameters in the
// installer values must name the customer key.
func TestInstallerStorageClassUsesTheKey(t *testing.T) {
	base := plan(t, domino.DominoEKSArgs{})
	require.Empty(t, base.Find("kubernetes:storage.k8s.io/v1:StorageClass"), "the installer creates the class")
	require.Empty(t, policy.Check(base))
	values := base.Outputs["installerValues"].(string)
	require.Contains(t, values, "kmsKeyId: ")
	broken := mutateMatching(base, "none", nil)
	broken.Outputs = map[string]any{}
	for k, v := range base.Outputs {
		broken.Outputs[k] = v
	}
	var kept []string
	for _, line := range strings.Split(values, "\n") {
		if !strings.Contains(line, "kmsKeyId: ") {
			kept = append(kept, line)
		}
	}
	broken.Outputs["installerValues"] = strings.Join(kept, "\n")
	vs := policy.Check(broken)
	require.Len(t, vs, 1)
	assert.Equal(t, "customer-key", vs[0].Rule)
	assert.Contains(t, vs[0].Message, "the installer's block storage class domino-compute-storage")
}

// TestEndpointsInvariant: the plan's VPC endpoints hold the invariant, and a
// public-DNS endpoint or an endpoint group open to a CIDR breaks it.
func TestEndpointsInvariant(t *testing.T) {
	base := plan(t, domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"})
	require.NotEmpty(t, base.Find("aws:ec2/vpcEndpoint:VpcEndpoint"))
	require.Empty(t, policy.Check(base))
	for name, f := range map[string]func(r *preview.Resource){
		"aws:ec2/vpcEndpoint:VpcEndpoint": func(r *preview.Resource) { r.Inputs["privateDnsEnabled"] = false },
		"aws:ec2/securityGroup:SecurityGroup": func(r *preview.Resource) {
			if r.Name == "domino-endpoints" {
				r.Inputs["ingress"] = []any{map[string]any{"protocol": "tcp", "fromPort": float64(443), "toPort": float64(443), "cidrBlocks": []any{"10.0.0.0/8"}}}
			}
		},
	} {
		vs := policy.Check(mutateMatching(base, name, f))
		require.NotEmpty(t, vs, name)
		for _, v := range vs {
			assert.Equal(t, "vpc-endpoints-private", v.Rule, v.String())
		}
	}
}
