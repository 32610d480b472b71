package domino_test

import (
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
)

// statefulTypes hold data: they must keep their URN and their
// replace-forcing inputs across ordinary configuration changes.
var statefulReplaceKeys = map[string][]string{
	efsType:    {"encrypted", "performanceMode", "kmsKeyId", "creationToken", "availabilityZoneName"},
	bucketType: {"bucket", "bucketPrefix", "objectLockEnabled"},
	kmsKeyType: {"customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"},
	ecrType:    {"name", "encryptionConfigurations"},
}

func stateful(res *preview.Result) map[string]map[string]any {
	out := map[string]map[string]any{}
	for typ := range statefulReplaceKeys {
		for _, r := range res.Find(typ) {
			out[r.URN] = r.Inputs
		}
	}
	return out
}

// TestConfigChangesKeepURNs applies a sequence of ordinary configuration
// changes; each step must keep every existing resource's URN where the
// resource still exists, and never touch a stateful resource's identity.
func TestConfigChangesKeepURNs(t *testing.T) {
	steps := []struct {
		name string
		args domino.DominoEKSArgs
		// removes lists URN-name fragments the step may legitimately delete.
		removes []string
		// addsStateful marks a step that turns on a feature owning data
		// (repositories, a bucket): existing stateful resources keep their
		// identity, new ones may appear.
		addsStateful bool
	}{
		{"one zone", domino.DominoEKSArgs{AvailabilityZones: []string{"us-west-2a"}}, nil, false},
		{"grow to three zones", domino.DominoEKSArgs{}, nil, false},
		{"bigger default pool", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MaxSize: ip(40)}}, nil, false},
		{"new pool", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MaxSize: ip(40)},
			AdditionalPools: []domino.NodePool{{Name: "highmem", InstanceTypes: []string{"r5.4xlarge"}}}}, nil, false},
		{"enable GPU", domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MaxSize: ip(40)}, EnableGpuPool: true,
			AdditionalPools: []domino.NodePool{{Name: "highmem", InstanceTypes: []string{"r5.4xlarge"}}}}, nil, false},
		{"single NAT", domino.DominoEKSArgs{NatMode: domino.NatSingle, EnableGpuPool: true}, []string{"highmem", "nat-us-west-2b", "nat-us-west-2c"}, false},
		{"tags", domino.DominoEKSArgs{NatMode: domino.NatSingle, EnableGpuPool: true, Tags: map[string]string{"team": "data"}}, nil, false},
		{"kubernetes upgrade", domino.DominoEKSArgs{NatMode: domino.NatSingle, EnableGpuPool: true, KubernetesVersion: "1.36", Tags: map[string]string{"team": "data"}}, nil, false},
		{"versioning and hostname", domino.DominoEKSArgs{NatMode: domino.NatSingle, EnableGpuPool: true, KubernetesVersion: "1.36",
			BucketVersioning: true, Hostname: "domino.example.com"}, nil, false},
		// Enabling each hardening feature renames no stateful resource.
		{"ecr", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true)}), nil, true},
		{"registry bucket", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true)}), nil, true},
		{"access point path", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true), EfsAccessPointPath: "/domino-data"}), nil, false},
		{"log retention", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true), LogRetentionDays: ip(365)}), nil, false},
		{"flow logs off", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true), FlowLogs: pulumi.BoolRef(false)}), []string{"flow-logs"}, false},
		{"flow logs on", hardened(domino.DominoEKSArgs{Ecr: pulumi.BoolRef(true), RegistryBucket: pulumi.BoolRef(true)}), nil, false},
	}
	prev := plan(t, steps[0].args)
	first := stateful(prev)
	for _, step := range steps[1:] {
		t.Run(step.name, func(t *testing.T) {
			next := plan(t, step.args)
			have := map[string]bool{}
			for _, u := range urns(next) {
				have[u] = true
			}
			for _, u := range urns(prev) {
				if have[u] {
					continue
				}
				allowed := false
				for _, frag := range step.removes {
					if strings.Contains(u, frag) {
						allowed = true
					}
				}
				assert.True(t, allowed, "step %q dropped or renamed %s", step.name, u)
			}
			now := stateful(next)
			if !step.addsStateful {
				assert.Len(t, now, len(first), "stateful resources are neither added nor removed")
			}
			for urn, inputs := range first {
				got, ok := now[urn]
				if !assert.True(t, ok, "stateful %s kept its URN", urn) {
					continue
				}
				for _, k := range statefulReplaceKeys[typeOf(urn)] {
					assert.Equal(t, inputs[k], got[k], "%s: replace-forcing input %s changed", urn, k)
				}
			}
			if step.addsStateful {
				first = now
			}
			prev = next
		})
	}
}

// hardened is the last ordinary step's configuration plus the given
// hardening features, for the stability sequence.
func hardened(a domino.DominoEKSArgs) domino.DominoEKSArgs {
	a.NatMode, a.EnableGpuPool, a.KubernetesVersion = domino.NatSingle, true, "1.36"
	a.BucketVersioning, a.Hostname = true, "domino.example.com"
	return a
}

func typeOf(urn string) string {
	for typ := range statefulReplaceKeys {
		if strings.Contains(urn, "$"+typ+"::") {
			return typ
		}
	}
	return ""
}

// TestBringYourOwnVPC: no network is created and nodes, EFS and the cluster
// use the given subnets.
func TestBringYourOwnVPC(t *testing.T) {
	ids := []string{"subnet-0aaa0aaa", "subnet-0bbb0bbb", "subnet-0ccc0ccc"}
	res := plan(t, domino.DominoEKSArgs{VpcId: pulumi.StringPtr("vpc-0123abcd"), PrivateSubnetIds: pulumi.ToStringArray(ids)})
	assert.Empty(t, res.Find("aws:ec2/vpc:Vpc"))
	assert.Empty(t, res.Find(subnetType))
	assert.Empty(t, res.Find("aws:ec2/natGateway:NatGateway"))
	for _, ng := range res.Find(nodeGroupType) {
		for _, s := range strs(ng.Inputs["subnetIds"]) {
			assert.Contains(t, ids, s)
		}
	}
	var mts []string
	for _, mt := range res.Find(mountTargetType) {
		mts = append(mts, mt.Inputs["subnetId"].(string))
	}
	assert.ElementsMatch(t, ids, mts)
	sg, _ := res.ByName(sgType, "domino-node-shared")
	assert.Equal(t, "vpc-0123abcd", sg.Inputs["vpcId"])
	assert.Equal(t, "vpc-0123abcd", res.Outputs["vpcId"])
}
