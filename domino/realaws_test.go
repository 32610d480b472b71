package domino_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// planOpts plans the component with preview options (config, provider region).
func planOpts(t *testing.T, args domino.DominoEKSArgs, opts preview.Options) *preview.Result {
	t.Helper()
	res, err := preview.Run(domino.Program("domino", args), opts)
	require.NoError(t, err)
	return res
}

const endpointType = "aws:ec2/vpcEndpoint:VpcEndpoint"

// TestVpcEndpoints: without NAT the component creates what private nodes
// need to join (S3 gateway on every private route table; ECR, STS, EC2, EKS,
// ELB, Auto Scaling and Logs interface endpoints with private DNS in the node
// zones, admitting HTTPS only from the node and access host security groups;
// without NAT also the ssm, ssmmessages and ec2messages ones), and every node
// group waits for them. With NAT they are off unless asked for.
func TestVpcEndpoints(t *testing.T) {
	for _, tc := range []struct {
		name string
		args domino.DominoEKSArgs
		want bool
	}{
		{"no NAT", domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"}, true},
		{"NAT", domino.DominoEKSArgs{}, false},
		{"NAT and endpoints", domino.DominoEKSArgs{VpcEndpoints: pulumi.BoolRef(true)}, true},
		{"one zone, no NAT", domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino", AvailabilityZones: []string{"us-west-2a"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := plan(t, tc.args)
			eps := res.Find(endpointType)
			if !tc.want {
				assert.Empty(t, eps)
				return
			}
			services := map[string]preview.Resource{}
			for _, ep := range eps {
				services[strings.TrimPrefix(ep.Inputs["serviceName"].(string), "com.amazonaws.us-west-2.")] = ep
			}
			want := []string{"s3", "ecr.api", "ecr.dkr", "sts", "ec2", "eks", "elasticloadbalancing", "autoscaling", "logs"}
			if tc.args.NatMode == domino.NatNone {
				want = append(want, "ssm", "ssmmessages", "ec2messages") // SSM-managed nodes and the access host
			}
			assert.ElementsMatch(t, want, keys(services))
			s3 := services["s3"]
			assert.Equal(t, "Gateway", s3.Inputs["vpcEndpointType"])
			assert.Len(t, s3.Inputs["routeTableIds"], len(res.Find("aws:ec2/routeTable:RouteTable"))-1, "every private route table (all but the public one)")
			sg, err := res.ByName("aws:ec2/securityGroup:SecurityGroup", "domino-endpoints")
			require.NoError(t, err)
			shared, err := res.ByName("aws:ec2/securityGroup:SecurityGroup", "domino-node-shared")
			require.NoError(t, err)
			ingress := sg.Inputs["ingress"].([]any)
			require.Len(t, ingress, 1)
			assert.Equal(t, float64(443), m(ingress[0], "fromPort"))
			host, err := res.ByName("aws:ec2/securityGroup:SecurityGroup", "domino-access-host")
			require.NoError(t, err)
			assert.Equal(t, []any{shared.ID, host.ID}, m(ingress[0], "securityGroups"), "HTTPS from the nodes and the access host only")
			nodeZones := len(tc.args.AvailabilityZones)
			if nodeZones == 0 {
				nodeZones = 3
			}
			for svc, ep := range services {
				if svc == "s3" {
					continue
				}
				assert.Equal(t, true, ep.Inputs["privateDnsEnabled"], svc)
				assert.Len(t, ep.Inputs["subnetIds"], nodeZones, "%s: one subnet per node zone", svc)
				assert.Equal(t, []any{sg.ID}, ep.Inputs["securityGroupIds"], svc)
			}
			for _, ng := range res.Find("aws:eks/nodeGroup:NodeGroup") {
				for svc, ep := range services {
					assert.Contains(t, ng.Dependencies, ep.URN, "%s waits for %s", ng.Name, svc)
				}
			}
		})
	}
}

// TestEBSCSIAfterNodes: the EBS CSI add-on runs a Deployment, so it waits for
// the node groups (created beside them it would sit DEGRADED), and its
// version is EKS's default for the cluster's Kubernetes version, so an
// upgrade moves it along.
func TestEBSCSIAfterNodes(t *testing.T) {
	versions := map[string]string{}
	for _, k8s := range []string{"1.34", "1.35"} {
		res := plan(t, domino.DominoEKSArgs{KubernetesVersion: k8s})
		addon := res.Find("aws:eks/addon:Addon")[0]
		for _, ng := range res.Find("aws:eks/nodeGroup:NodeGroup") {
			assert.Contains(t, addon.Dependencies, ng.URN, "the add-on waits for %s", ng.Name)
		}
		versions[k8s] = addon.Inputs["addonVersion"].(string)
		assert.Regexp(t, `^v[0-9.]+-eksbuild\.[0-9]+$`, versions[k8s])
	}
	assert.NotEqual(t, versions["1.34"], versions["1.35"], "the version follows the Kubernetes version")
}

// TestAdminAccessEntries: extra admins get EKS access entries with the
// cluster-admin access policy, registered by the component with the names
// pulumi-eks gave them (aliased to pulumi-eks's URNs, so existing stacks move
// them without a replacement), keyed by ARN so reordering replaces nothing.
func TestAdminAccessEntries(t *testing.T) {
	ci := "arn:aws:iam::123456789012:role/ci-deployer"
	sso := "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123"
	res := plan(t, domino.DominoEKSArgs{AdminPrincipalArns: []string{ci, sso}})
	assert.Nil(t, res.Find("eks:index:Cluster")[0].Inputs["accessEntries"], "pulumi-eks is given no admin entries")
	var principals []string
	for _, e := range res.Find("aws:eks/accessEntry:AccessEntry") {
		if e.Modelled { // pulumi-eks's: the node role's EC2_LINUX entry
			assert.Equal(t, "EC2_LINUX", e.Inputs["type"])
			continue
		}
		principals = append(principals, e.Inputs["principalArn"].(string))
		assert.Equal(t, "STANDARD", e.Inputs["type"])
		assert.Equal(t, "domino", m(e.Inputs, "tags", "dominodatalab.com/cluster"), "tagged as the stack's")
		assert.Empty(t, e.ImportID, "created, not imported")
		assert.Regexp(t, `::domino-eks-admin-[0-9a-f]{8}$`, e.URN, "pulumi-eks's name for it")
		// The URN pulumi-eks v2.8.1 gave it as a child of the eks:index:Cluster
		// component (the preview's model of pulumi-eks, checked against its
		// source by TestPulumiEKSChildrenMatchFixture).
		const pulumiEKS = "urn:pulumi:dev::dominoeks::dominoeks:index:DominoEKS$eks:index:Cluster$aws:eks/accessEntry:AccessEntry::"
		assert.Equal(t, []string{pulumiEKS + e.Name}, e.Aliases, "aliased to the URN of earlier versions")
	}
	assert.ElementsMatch(t, []string{ci, sso}, principals)
	assocs := res.Find("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
	require.Len(t, assocs, 2, "one association per admin")
	for _, a := range assocs {
		assert.Equal(t, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", a.Inputs["policyArn"])
		assert.Equal(t, "cluster", m(a.Inputs, "accessScope", "type"))
		assert.Regexp(t, `::domino-eks-admin-[0-9a-f]{8}-cluster-admin$`, a.URN)
		assert.Contains(t, a.URN, "$aws:eks/accessEntry:AccessEntry$", "parented to its entry")
		assert.Equal(t, []string{"urn:pulumi:dev::dominoeks::dominoeks:index:DominoEKS$eks:index:Cluster$aws:eks/accessEntry:AccessEntry" +
			"$aws:eks/accessPolicyAssociation:AccessPolicyAssociation::" + a.Name}, a.Aliases, "aliased to the URN of earlier versions")
	}
	assert.Len(t, res.Find("aws:eks/accessEntry:AccessEntry"), 3, "two admins and the node role's EC2_LINUX entry")

	reordered := plan(t, domino.DominoEKSArgs{AdminPrincipalArns: []string{sso, ci}})
	assert.Equal(t, urns(res), urns(reordered))
}

// TestCreatorIsNotListedAsAdmin: the deploying principal is cluster admin
// already (bootstrapClusterCreatorAdminPermissions); a second entry would fail
// on AWS with ResourceInUseException, so its own entry is left alone: listed
// or not, the up registers none for it.
func TestCreatorIsNotListedAsAdmin(t *testing.T) {
	res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{AdminPrincipalArns: []string{preview.CallerArn}}), preview.Options{})
	require.NoError(t, err, "the engine refuses an entry for the creator: none is registered")
	assert.Empty(t, adminEntryArns(t, res))
}

// TestCreatorSessionIsNotListedAsAdmin: deploying as an STS assumed-role
// session (SSO, CI), the session's role is the cluster creator; that role
// (with or without a path) gets no second entry, another role does.
func TestCreatorSessionIsNotListedAsAdmin(t *testing.T) {
	const session = "arn:aws:sts::123456789012:assumed-role/deployer/alice@example.com"
	for _, tc := range []struct {
		admin     string
		leftAlone bool
	}{
		{"arn:aws:iam::123456789012:role/deployer", true},
		{"arn:aws:iam::123456789012:role/team/deployer", true},
		{"arn:aws:iam::123456789012:role/other", false},
		{"arn:aws:iam::210987654321:role/deployer", false},
	} {
		t.Run(tc.admin, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{AdminPrincipalArns: []string{tc.admin}}),
				preview.Options{CallerArn: session})
			require.NoError(t, err)
			if tc.leftAlone {
				assert.Empty(t, adminEntryArns(t, res), "the creator's entry is EKS's")
				return
			}
			assert.Equal(t, []string{tc.admin}, adminEntryArns(t, res))
		})
	}
}

// TestKubeconfigUsesProviderCredentials: with aws:profile and aws:assumeRole
// set, pulumi-eks's own kubeconfig would carry the role but not the profile;
// the component's kubeconfig output and its Kubernetes provider carry both,
// so the storage class step authenticates as the principal that created the
// cluster (its admin).
func TestKubeconfigUsesProviderCredentials(t *testing.T) {
	role := "arn:aws:iam::123456789012:role/deployer"
	res := planOpts(t, domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}}, preview.Options{Config: map[string]string{
		"aws:profile": "prod", "aws:assumeRole": `{"roleArn":"` + role + `"}`,
	}})
	var kc map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.Outputs["kubeconfig"].(string)), &kc))
	exec := m(kc["users"].([]any)[0], "user", "exec")
	args := strs(m(exec, "args"))
	assert.Equal(t, []string{"eks", "get-token", "--cluster-name", "domino", "--region", "us-west-2", "--output", "json", "--role", role}, args)
	assert.Contains(t, m(exec, "env"), map[string]any{"name": "AWS_PROFILE", "value": "prod"})

	prov, err := res.ByName("pulumi:providers:kubernetes", "domino-k8s")
	require.NoError(t, err)
	assert.JSONEq(t, res.Outputs["kubeconfig"].(string), prov.Inputs["kubeconfig"].(string), "the provider uses the same credentials")
	opts := res.Find("eks:index:Cluster")[0].Inputs["providerCredentialOpts"]
	assert.Equal(t, map[string]any{"profileName": "prod", "roleArn": role}, opts, "pulumi-eks's own provider too")

	plain := plan(t, domino.DominoEKSArgs{})
	require.NoError(t, json.Unmarshal([]byte(plain.Outputs["kubeconfig"].(string)), &kc))
	exec = m(kc["users"].([]any)[0], "user", "exec")
	assert.NotContains(t, strs(m(exec, "args")), "--role")
	assert.Nil(t, plain.Find("eks:index:Cluster")[0].Inputs["providerCredentialOpts"])
}

// TestRegionFromTheProvider: with aws:region unset, the region is the one the
// AWS provider resolves (getRegion: AWS_REGION, the profile), so zones and
// bucket names match where resources are created.
func TestRegionFromTheProvider(t *testing.T) {
	res := planOpts(t, domino.DominoEKSArgs{}, preview.Options{ProviderRegion: "eu-central-1"})
	var zones []string
	for _, s := range res.Find("aws:ec2/subnet:Subnet") {
		zones = append(zones, s.Inputs["availabilityZone"].(string))
	}
	slices.Sort(zones)
	assert.Equal(t, []string{"eu-central-1a", "eu-central-1a", "eu-central-1b", "eu-central-1b", "eu-central-1c", "eu-central-1c"}, zones)
	assert.Contains(t, res.Outputs["blobsBucket"], "-eu-central-1-blobs")

	_, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{Region: "us-east-1"}), preview.Options{ProviderRegion: "eu-central-1"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:region = eu-central-1")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestAutoScalingRoleForTheKey: KMS refuses a key policy naming a principal
// that does not exist, and the key policy names the Auto Scaling
// service-linked role, which an account has only once it used Auto Scaling.
// When the lookup finds none, the component creates it (retained), before
// the key; an account that has it is left untouched.
func TestAutoScalingRoleForTheKey(t *testing.T) {
	const slrType = "aws:iam/serviceLinkedRole:ServiceLinkedRole"
	res := planOpts(t, domino.DominoEKSArgs{}, preview.Options{AbsentRoles: []string{"AWSServiceRoleForAutoScaling"}})
	roles := res.Find(slrType)
	require.Len(t, roles, 1)
	assert.Equal(t, "autoscaling.amazonaws.com", roles[0].Inputs["awsServiceName"])
	assert.True(t, roles[0].RetainOnDelete)
	key := res.Find("aws:kms/key:Key")[0]
	assert.Contains(t, key.Dependencies, roles[0].URN, "the key waits for the role its policy names")

	assert.Empty(t, plan(t, domino.DominoEKSArgs{}).Find(slrType), "an account with the role keeps it")
	assert.Empty(t, planOpts(t, domino.DominoEKSArgs{CreateKmsKey: pulumi.BoolRef(false)},
		preview.Options{AbsentRoles: []string{"AWSServiceRoleForAutoScaling"}}).Find(slrType), "no key, no role needed")
}

// TestEFSKeepsItsKey: AWS fixes an EFS file system's key at creation, so key
// setting changes are ignored for it instead of replacing it with an empty one.
func TestEFSKeepsItsKey(t *testing.T) {
	fs := plan(t, domino.DominoEKSArgs{}).Find("aws:efs/fileSystem:FileSystem")[0]
	assert.Subset(t, fs.IgnoreChanges, []string{"kmsKeyId", "encrypted"})
	assert.True(t, fs.RetainOnDelete)
}
