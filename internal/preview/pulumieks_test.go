package preview

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureChild is one child pulumi-eks v2.8.1 registered when its own
// provider code ran under @pulumi/pulumi mocks (scripts/pulumi-eks-fixture).
type fixtureChild struct {
	Type          string         `json:"type"`
	Name          string         `json:"name"`
	Parent        string         `json:"parent"`
	Inputs        map[string]any `json:"inputs"`
	DependsOn     []string       `json:"dependsOn"`
	IgnoreChanges []string       `json:"ignoreChanges"`
	Source        string         `json:"source"`
}

type eksFixture struct {
	Versions map[string]any `json:"versions"`
	Variants map[string]struct {
		Doc         string            `json:"doc"`
		Children    []fixtureChild    `json:"children"`
		OutputTypes map[string]string `json:"outputTypes"`
	} `json:"variants"`
}

func loadEKSFixture(t *testing.T) eksFixture {
	t.Helper()
	data, err := os.ReadFile("testdata/pulumi-eks-2.8.1.json")
	require.NoError(t, err)
	var f eksFixture
	require.NoError(t, json.Unmarshal(data, &f))
	return f
}

// The arguments the fixture's variants passed (scripts/pulumi-eks-fixture/gen.js):
// those of domino/cluster.go, plus one change per variant.
func fixtureArgs(variant string) map[string]any {
	in := map[string]any{
		"name": "domino", "version": "1.35", "vpcId": "vpc-0123456789abcdef0",
		"publicSubnetIds":      []any{"subnet-pub-a", "subnet-pub-b", "subnet-pub-c"},
		"privateSubnetIds":     []any{"subnet-priv-a", "subnet-priv-b", "subnet-priv-c"},
		"skipDefaultNodeGroup": true, "useDefaultVpcCni": true, "createOidcProvider": false,
		"endpointPrivateAccess": true, "endpointPublicAccess": false,
		"enabledClusterLogTypes": []any{"api", "audit", "authenticator", "controllerManager", "scheduler"},
		"authenticationMode":     "API", "instanceRole": "urn:pulumi:dev::domino::aws:iam/role:Role::domino-node",
		"nodeAssociatePublicIpAddress": false, "tags": map[string]any{},
	}
	switch variant {
	case "b":
		in["accessEntries"] = map[string]any{"admin": map[string]any{
			"principalArn": "arn:aws:iam::123456789012:role/domino-admin",
			"accessPolicies": map[string]any{"clusterAdmin": map[string]any{
				"policyArn":   "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
				"accessScope": map[string]any{"type": "cluster"},
			}},
		}}
	case "c-role":
		in["providerCredentialOpts"] = map[string]any{"roleArn": "arn:aws:iam::123456789012:role/deployer"}
	case "d":
		in["encryptionConfigKeyArn"] = "arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"
	case "e":
		in["endpointPublicAccess"] = true
		in["publicAccessCidrs"] = []any{"203.0.113.0/24"}
	}
	return in
}

// mockIDs are the values only a mock chooses (ids, random suffixes).
var mockIDs = regexp.MustCompile(`sg-[0-9a-f]{17}|sgrule-[0-9a-f]+|-[0-9a-f]{7}\b`)

// normalize replaces mock-chosen ids and resource references so the model
// and the fixture compare on what pulumi-eks decides.
func normalize(v any) any {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "urn:pulumi:") {
			return "<ref " + typeName(x) + ">"
		}
		return mockIDs.ReplaceAllString(x, "<id>")
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok {
			return "<ref " + ref + ">"
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	}
	return v
}

func typeName(urn string) string {
	u := resource.URN(urn)
	return string(u.Type()) + "::" + u.Name()
}

// TestPulumiEKSChildrenMatchFixture: the children the engine records for an
// eks:index:Cluster are the ones pulumi-eks v2.8.1 really registers for the
// same arguments: same types, names, parents, input keys, decided values,
// dependencies and ignoreChanges. Regenerate the fixture when upgrading
// pulumi-eks; this test then says what the model must learn.
func TestPulumiEKSChildrenMatchFixture(t *testing.T) {
	f := loadEKSFixture(t)
	require.Equal(t, "2.8.1", f.Versions["@pulumi/eks"], "the fixture records pulumi-eks 2.8.1")
	for _, variant := range []string{"a", "b", "c-role", "d", "e"} {
		t.Run(variant, func(t *testing.T) {
			fx, ok := f.Variants[variant]
			require.True(t, ok)
			reg := newRegistry()
			reg.add(Resource{URN: "urn:pulumi:dev::domino::aws:iam/role:Role::domino-node", Type: typeIAMRole, Name: "domino-node", Custom: true,
				ID: "domino-node-71af236", Outputs: map[string]any{"arn": "arn:aws:iam::123456789012:role/domino-node-71af236"}})
			rec := Resource{URN: "urn:pulumi:dev::domino::eks:index:Cluster::domino-eks", Type: typeEKSComponent, Name: "domino-eks", Inputs: fixtureArgs(variant)}
			urnOf := func(parent, typ, name string) string {
				return "urn:pulumi:dev::domino::" + string(resource.URN(parent).QualifiedType()) + "$" + typ + "::" + name
			}
			got := map[string]Resource{}
			for _, c := range pulumiEKSChildren(rec, urnOf, reg) {
				got[c.Type+"::"+c.Name] = c
			}
			var want []string
			for _, c := range fx.Children {
				key := c.Type + "::" + c.Name
				want = append(want, key)
				g, ok := got[key]
				if !assert.True(t, ok, "pulumi-eks creates %s (%s); the model does not", key, c.Source) {
					continue
				}
				assert.Equal(t, c.Parent, typeName(g.Parent), "%s: parent", key)
				wantKeys, gotKeys := keysOf(c.Inputs), keysOf(g.Inputs)
				assert.Equal(t, wantKeys, gotKeys, "%s: input keys (%s)", key, c.Source)
				for k, v := range c.Inputs {
					if k == "kubeconfig" {
						continue // computed from the cluster's endpoint
					}
					assert.Equal(t, normalize(v), normalize(g.Inputs[k]), "%s: input %s (%s)", key, k, c.Source)
				}
				var deps []string
				for _, d := range g.Dependencies {
					deps = append(deps, typeName(d))
				}
				assert.ElementsMatch(t, c.DependsOn, deps, "%s: dependencies", key)
				assert.ElementsMatch(t, c.IgnoreChanges, g.IgnoreChanges, "%s: ignoreChanges", key)
			}
			var extra []string
			for key := range got {
				if !slices.Contains(want, key) {
					extra = append(extra, key)
				}
			}
			assert.Empty(t, extra, "the model records children pulumi-eks does not create")
		})
	}
}

// TestPulumiEKSOutputShape: the mocked component answers the outputs
// pulumi-eks v2.8.1 returns from Construct, with their kinds.
func TestPulumiEKSOutputShape(t *testing.T) {
	f := loadEKSFixture(t)
	want := f.Variants["a"].OutputTypes
	require.NotEmpty(t, want)
	state := eksClusterState("urn:pulumi:dev::domino::dominoeks:index:DominoEKS$eks:index:Cluster::domino-eks", mockArgs(), shortHash("x"))
	for out, kind := range want {
		v, ok := state[resource.PropertyKey(out)]
		if !assert.True(t, ok, "output %s (%s) missing", out, kind) {
			continue
		}
		switch {
		case kind == "string":
			assert.True(t, v.IsString(), out)
		case kind == "object":
			assert.True(t, v.IsObject(), out)
		case regexp.MustCompile(`^array<resource reference`).MatchString(kind):
			assert.True(t, v.IsArray() && len(v.ArrayValue()) > 0 && v.ArrayValue()[0].IsResourceReference(), out)
		default:
			assert.True(t, v.IsResourceReference(), "%s is a %s", out, kind)
			assert.Equal(t, kind, "resource reference "+v.ResourceReferenceValue().Type, out)
		}
	}
	var kc map[string]any
	require.NoError(t, json.Unmarshal([]byte(state["kubeconfigJson"].StringValue()), &kc))
	args := kc["users"].([]any)[0].(map[string]any)["user"].(map[string]any)["exec"].(map[string]any)["args"]
	assert.Equal(t, []any{"eks", "get-token", "--cluster-name", "domino", "--output", "json"}, args, "pulumi-eks's kubeconfig carries no region or profile")
}

func mockArgs() pulumi.MockResourceArgs {
	return pulumi.MockResourceArgs{TypeToken: typeEKSComponent, Name: "domino-eks", Inputs: resource.PropertyMap{
		"name": resource.NewProperty("domino"),
		"instanceRole": resource.NewProperty(resource.ResourceReference{
			URN: "urn:pulumi:dev::domino::aws:iam/role:Role::domino-node", ID: resource.NewProperty("domino-node-71af236"),
		}),
	}}
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
