package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	instanceType    = "aws:ec2/instance:Instance"
	pullThroughType = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
)

// TestAccessHostDefault: on exactly when the API endpoint is private in a VPC
// the component creates.
func TestAccessHostDefault(t *testing.T) {
	for _, tc := range []struct {
		name string
		args domino.DominoEKSArgs
		want bool
	}{
		{"private endpoint, created VPC", domino.DominoEKSArgs{}, true},
		{"public endpoint", domino.DominoEKSArgs{EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}}, false},
		{"explicitly off", domino.DominoEKSArgs{AccessHost: pulumi.BoolRef(false)}, false},
		{"explicitly on with a public endpoint", domino.DominoEKSArgs{AccessHost: pulumi.BoolRef(true),
			EndpointPublicAccess: true, PublicAccessCidrs: []string{"203.0.113.0/24"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := plan(t, tc.args)
			assert.Equal(t, tc.want, len(res.Find(instanceType)) == 1)
			if tc.want {
				assert.True(t, strings.HasPrefix(res.Outputs["accessHostId"].(string), "i-"))
			} else {
				assert.Equal(t, "", res.Outputs["accessHostId"])
			}
			assert.Equal(t, "us-west-2", res.Outputs["region"])
		})
	}
}

// TestAccessHostHardening: private subnet, no public IP, no key pair, IMDSv2,
// encrypted root volume with the customer key, no ingress, its own role with
// only AmazonSSMManagedInstanceCore, and the cluster security group admits
// HTTPS from it.
func TestAccessHostHardening(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{})
	hosts := res.Find(instanceType)
	require.Len(t, hosts, 1)
	h := hosts[0].Inputs
	assert.Equal(t, "t4g.nano", h["instanceType"])
	assert.Regexp(t, `^ami-[0-9a-f]{17}$`, h["ami"])
	assert.Equal(t, false, h["associatePublicIpAddress"])
	assert.NotContains(t, h, "keyName")
	assert.Equal(t, "required", m(h, "metadataOptions", "httpTokens"))
	assert.Equal(t, true, m(h, "rootBlockDevice", "encrypted"))
	key := res.Find("aws:kms/key:Key")
	require.Len(t, key, 1)
	assert.Equal(t, key[0].Outputs["arn"], m(h, "rootBlockDevice", "kmsKeyId"))
	assert.Contains(t, hosts[0].IgnoreChanges, "ami")

	var subnet *preview.Resource
	for _, sn := range res.Find("aws:ec2/subnet:Subnet") {
		if sn.ID == h["subnetId"] {
			subnet = &sn
		}
	}
	require.NotNil(t, subnet)
	assert.Contains(t, subnet.Name, "private")
	assert.NotEqual(t, true, subnet.Inputs["mapPublicIpOnLaunch"])

	sg, err := res.ByName(sgType, "domino-access-host")
	require.NoError(t, err)
	assert.Empty(t, sg.Inputs["ingress"], "no inbound rule")
	assert.Equal(t, []string{sg.ID}, strs(h["vpcSecurityGroupIds"]))

	rule, err := res.ByName(sgRuleType, "domino-access-host-to-api")
	require.NoError(t, err)
	assert.Equal(t, "ingress", rule.Inputs["type"])
	assert.Equal(t, sg.ID, rule.Inputs["sourceSecurityGroupId"])
	assert.Equal(t, 443, num(rule.Inputs["fromPort"]))
	assert.Equal(t, 443, num(rule.Inputs["toPort"]))

	profile, err := res.ByName("aws:iam/instanceProfile:InstanceProfile", "domino-access-host")
	require.NoError(t, err)
	assert.Equal(t, profile.Outputs["name"], h["iamInstanceProfile"])
	role := profile.Inputs["role"]
	var attached []string
	for _, a := range res.Find("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
		if a.Inputs["role"] == role {
			attached = append(attached, a.Inputs["policyArn"].(string))
		}
	}
	assert.Equal(t, []string{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}, attached)
	for _, p := range res.Find("aws:iam/rolePolicy:RolePolicy") {
		assert.NotEqual(t, role, p.Inputs["role"], "no inline policy on the host role")
	}
}

// TestAccessHostArchitecture: a Graviton type gets the arm64 AMI parameter,
// an x86 type the x86_64 one (the mock AMI id is a hash of the parameter).
func TestAccessHostArchitecture(t *testing.T) {
	arm := plan(t, domino.DominoEKSArgs{})
	x86 := plan(t, domino.DominoEKSArgs{AccessHostInstanceType: "t3.nano"})
	a, x := arm.Find(instanceType)[0].Inputs, x86.Find(instanceType)[0].Inputs
	assert.Equal(t, "t3.nano", x["instanceType"])
	assert.NotEqual(t, a["ami"], x["ami"])
}

// TestNoNATEndpointsAndPullThrough: without NAT the SSM endpoints exist beside
// the others, admit the access host, and the quay.io pull-through cache and
// the node grant on its repositories exist; with NAT neither by default.
func TestNoNATEndpointsAndPullThrough(t *testing.T) {
	res := plan(t, domino.DominoEKSArgs{NatMode: domino.NatNone, ImageRegistry: "registry.example.com/domino"})
	services := map[string]bool{}
	for _, ep := range res.Find(endpointType) {
		svc := ep.Inputs["serviceName"].(string)
		services[svc[strings.LastIndex(svc, "us-west-2.")+len("us-west-2."):]] = true
	}
	for _, svc := range []string{"ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "sts", "s3"} {
		assert.True(t, services[svc], svc)
	}
	epSG, err := res.ByName(sgType, "domino-endpoints")
	require.NoError(t, err)
	hostSG, err := res.ByName(sgType, "domino-access-host")
	require.NoError(t, err)
	ingress := epSG.Inputs["ingress"].([]any)
	require.Len(t, ingress, 1)
	assert.Contains(t, strs(m(ingress[0], "securityGroups")), hostSG.ID)

	rules := res.Find(pullThroughType)
	require.Len(t, rules, 1)
	assert.Equal(t, "quay.io", rules[0].Inputs["upstreamRegistryUrl"])
	assert.Equal(t, "domino-quay", rules[0].Inputs["ecrRepositoryPrefix"])
	assert.NotContains(t, rules[0].Inputs, "credentialArn", "quay.io public images need no credentials")
	p, err := res.ByName("aws:iam/rolePolicy:RolePolicy", "domino-node-pull-through")
	require.NoError(t, err)
	doc := policyJSON(t, p.Inputs["policy"].(string))
	st := doc["Statement"].([]any)[0]
	assert.ElementsMatch(t, domino.NodePullThroughActions, strs(m(st, "Action")))
	assert.Equal(t, []string{"arn:aws:ecr:us-west-2:" + preview.Account + ":repository/domino-quay/*"}, strs(m(st, "Resource")))
	assert.Equal(t, preview.Account+".dkr.ecr.us-west-2.amazonaws.com/domino-quay", res.Outputs["pullThroughCacheUrl"])

	nat := plan(t, domino.DominoEKSArgs{})
	assert.Empty(t, nat.Find(pullThroughType))
	assert.Empty(t, nat.Find(endpointType))
	assert.Equal(t, "", nat.Outputs["pullThroughCacheUrl"])
	opt := plan(t, domino.DominoEKSArgs{EcrPullThroughCache: pulumi.BoolRef(true)})
	assert.Len(t, opt.Find(pullThroughType), 1)
}
