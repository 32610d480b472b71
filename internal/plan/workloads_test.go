package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsmanaged"
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// everyWorkload is a stack every entry of the workload table applies to.
var everyWorkload = map[string]string{"dominoeks:karpenter": "true", "dominoeks:ecr": "true", "dominoeks:ecrPullThroughCache": "true", "dominoeks:registryBucket": "true", "dominoeks:enableGpuPool": "true"}

// everyNodeGroup is everyWorkload with the compute pools on managed node
// groups (Karpenter serves them with NodePools): the stack the node-group
// capabilities (EBS startup taint, autoscaler auto-discovery) apply to.
var everyNodeGroup = map[string]string{"dominoeks:ecr": "true", "dominoeks:ecrPullThroughCache": "true", "dominoeks:registryBucket": "true", "dominoeks:enableGpuPool": "true"}

// TestStacksMeetEveryWorkload: the stacks the README documents plan with
// every workload satisfied, and the plan names the statement behind each need.
func TestStacksMeetEveryWorkload(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config map[string]string
	}{
		{"default", nil},
		{"ecr and registry bucket", map[string]string{"dominoeks:ecr": "true", "dominoeks:registryBucket": "true"}},
		{"GPU pool, AWS managed keys", map[string]string{"dominoeks:enableGpuPool": "true", "dominoeks:createKmsKey": "false"}},
		{"default pool in one zone", map[string]string{"dominoeks:defaultPool": `{"availabilityZones":["us-west-2a"]}`}},
		{"one zone", map[string]string{"dominoeks:availabilityZones": `["us-west-2a"]`}},
		{"no NAT", map[string]string{"dominoeks:natMode": "none", "dominoeks:imageRegistry": "registry.example.com/domino"}},
		{"karpenter", map[string]string{"dominoeks:karpenter": "true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Build(Options{Config: tc.config})
			require.NoError(t, err)
			require.NotEmpty(t, p.Workloads)
			for _, w := range p.Workloads {
				assert.Equal(t, workloads.Satisfied, w.Status, "%s: %+v", w.ID, w)
				for _, n := range w.Needs {
					assert.NotEmpty(t, n.By, "%s: %s on %s names no statement", w.ID, n.Action, n.Resource)
				}
			}
		})
	}
}

// planWith evaluates a stack and returns what it registered.
func planWith(t *testing.T, config map[string]string) *preview.Result {
	t.Helper()
	res, _, err := evaluate(Options{Config: config})
	require.NoError(t, err)
	return res
}

// workloadGaps evaluates the workloads of res and returns the violated
// workload ids with the violations' text.
func workloadGaps(t *testing.T, res *preview.Result) (ids []string, text string) {
	t.Helper()
	_, _, err := evaluateWorkloads(res, preview.Region)
	if err == nil {
		return nil, ""
	}
	var ve *preview.ViolationError
	require.True(t, errors.As(err, &ve), "a workload gap is a violation: %v", err)
	for _, v := range ve.Violations {
		id := strings.TrimPrefix(v.Rule, preview.WorkloadRulePrefix)
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		assert.NotEmpty(t, v.Source)
		assert.NotEmpty(t, v.URN)
	}
	slices.Sort(ids)
	return ids, ve.Error()
}

// withoutAction drops action from every Allow statement of the role's
// policies; AWS managed attachments become inline copies of their documents
// first, so exactly that one grant goes.
func withoutAction(t *testing.T, res *preview.Result, roleURN, action string) *preview.Result {
	t.Helper()
	role, ok := res.ByURN(roleURN)
	require.True(t, ok)
	roleName := role.Outputs["name"]
	out := &preview.Result{Outputs: res.Outputs}
	for _, r := range res.Resources {
		if r.Inputs["role"] != roleName {
			out.Resources = append(out.Resources, r)
			continue
		}
		switch r.Type {
		case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
			if m, ok := awsmanaged.Lookup(r.Inputs["policyArn"].(string)); ok && grants(t, m.Document, action) {
				r.Type, r.Name = "aws:iam/rolePolicy:RolePolicy", "copy-of-"+m.Name
				r.Inputs = dropAction(t, map[string]any{"role": roleName, "policy": m.Document}, action)
			}
		case "aws:iam/rolePolicy:RolePolicy":
			r.Inputs = dropAction(t, r.Inputs, action)
		}
		out.Resources = append(out.Resources, r)
	}
	return out
}

func grants(t *testing.T, doc, action string) bool {
	stmts, err := iamdoc.Parse(doc)
	require.NoError(t, err)
	return slices.ContainsFunc(stmts, func(s iamdoc.Statement) bool { return s.Allows(action) })
}

func dropAction(t *testing.T, inputs map[string]any, action string) map[string]any {
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(inputs["policy"].(string)), &doc))
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		var keep []any
		for _, a := range iamdoc.Strings(st["Action"]) {
			if !iamdoc.GlobMatch(strings.ToLower(a), strings.ToLower(action)) {
				keep = append(keep, a)
			}
		}
		if len(keep) == 0 {
			keep = []any{"none:NoAction"}
		}
		st["Action"] = keep
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	out := map[string]any{}
	for k, v := range inputs {
		out[k] = v
	}
	out["policy"] = string(b)
	return out
}

// TestRemovingAnyGrantFailsThePlan: for every need of every workload,
// removing the grant from the identity's policies fails the plan with
// exactly the workloads that need it, naming the action and the source.
func TestRemovingAnyGrantFailsThePlan(t *testing.T) {
	res := planWith(t, everyWorkload)
	ids, _ := workloadGaps(t, res)
	require.Empty(t, ids, "the stack meets every workload before a grant is removed")
	p, err := Build(Options{Config: everyWorkload})
	require.NoError(t, err)
	byID := map[string]workloads.Result{}
	for _, w := range p.Workloads {
		byID[w.ID] = w
	}
	covered := map[string]bool{}
	for _, w := range workloads.Table() {
		if w.Identity.Kind == workloads.ClusterOnly {
			continue
		}
		got, ok := byID[w.ID]
		require.True(t, ok, "workload %s applies to the stack", w.ID)
		roleURN := roleOf(t, res, got.Identity)
		for _, n := range w.Needs {
			for _, action := range n.Actions {
				t.Run(w.ID+"/"+action, func(t *testing.T) {
					var want []string
					for _, other := range p.Workloads {
						if other.Identity == got.Identity && slices.ContainsFunc(other.Needs, func(o workloads.NeedResult) bool {
							return strings.EqualFold(o.Action, action) || iamdoc.GlobMatch(strings.ToLower(o.Action), strings.ToLower(action))
						}) {
							want = append(want, other.ID)
						}
					}
					slices.Sort(want)
					ids, text := workloadGaps(t, withoutAction(t, res, roleURN, action))
					assert.Equal(t, want, ids)
					assert.Contains(t, text, "needs "+action+" on ")
					assert.Contains(t, text, "source: "+w.Source)
					covered[w.ID] = true
				})
			}
		}
	}
	for _, w := range workloads.Table() {
		if len(w.Needs) > 0 {
			assert.True(t, covered[w.ID], "no grant of %s was removed in a test", w.ID)
		}
	}
}

func roleOf(t *testing.T, res *preview.Result, arn string) string {
	for _, r := range res.Find("aws:iam/role:Role") {
		if r.Outputs["arn"] == arn {
			return r.URN
		}
	}
	t.Fatalf("no role %s", arn)
	return ""
}

// mutate returns res with f applied to every resource (nil drops it).
func mutate(res *preview.Result, f func(preview.Resource) *preview.Resource) *preview.Result {
	out := &preview.Result{Outputs: res.Outputs}
	for _, r := range res.Resources {
		if m := f(r); m != nil {
			out.Resources = append(out.Resources, *m)
		}
	}
	return out
}

func withInput(r preview.Resource, key string, v any) *preview.Resource {
	in := map[string]any{}
	for k, x := range r.Inputs {
		in[k] = x
	}
	in[key] = v
	r.Inputs = in
	return &r
}

func withInstaller(t *testing.T, res *preview.Result, edit func(doc map[string]any)) *preview.Result {
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(res.Outputs["installerValues"].(string)), &doc))
	edit(doc)
	b, err := yaml.Marshal(doc)
	require.NoError(t, err)
	outs := map[string]any{}
	for k, v := range res.Outputs {
		outs[k] = v
	}
	outs["installerValues"] = string(b)
	return &preview.Result{Resources: res.Resources, Outputs: outs}
}

// TestMissingCapabilityFailsThePlan: each cluster capability of the table,
// taken away, fails the plan naming it.
func TestMissingCapabilityFailsThePlan(t *testing.T) {
	res := planWith(t, everyNodeGroup)
	typed := func(typ string, f func(preview.Resource) *preview.Resource) func(preview.Resource) *preview.Resource {
		return func(r preview.Resource) *preview.Resource {
			if r.Type == typ {
				return f(r)
			}
			return &r
		}
	}
	addon := func(name string, f func(preview.Resource) *preview.Resource) func(preview.Resource) *preview.Resource {
		return typed("aws:eks/addon:Addon", func(r preview.Resource) *preview.Resource {
			if r.Inputs["addonName"] == name {
				return f(r)
			}
			return &r
		})
	}
	drop := func(preview.Resource) *preview.Resource { return nil }
	noNAT := planWith(t, map[string]string{"dominoeks:natMode": "none", "dominoeks:imageRegistry": "registry.example.com/domino"})
	tests := []struct {
		capability, workload string
		broken               *preview.Result
	}{
		{workloads.CapNetworkPolicy, "vpc-cni", mutate(res, addon("vpc-cni", drop))},
		{workloads.CapNetworkPolicy, "vpc-cni", mutate(res, addon("vpc-cni", func(r preview.Resource) *preview.Resource {
			return withInput(r, "configurationValues", `{"enableNetworkPolicy":"false"}`)
		}))},
		{workloads.CapNetworkPolicy, "vpc-cni", mutate(res, addon("vpc-cni", func(r preview.Resource) *preview.Resource {
			return withInput(r, "addonVersion", "v1.13.4-eksbuild.1")
		}))},
		{workloads.CapEBSCSIAddon, "ebs-csi-driver,ebs-csi-encryption", mutate(res, addon("aws-ebs-csi-driver", func(r preview.Resource) *preview.Resource {
			return withInput(r, "serviceAccountRoleArn", "") // both run as the role the add-on names
		}))},
		{workloads.CapEBSStartupTaint, "ebs-csi-driver", mutate(res, typed("aws:eks/nodeGroup:NodeGroup", func(r preview.Resource) *preview.Resource {
			if strings.Contains(r.Name, "default-us-west-2b") { // never empty (min 1): it must start tainted
				return withInput(r, "taints", nil)
			}
			return &r
		}))},
		{workloads.CapAutoDiscovery, "cluster-autoscaler", mutate(res, typed("aws:autoscaling/tag:Tag", func(r preview.Resource) *preview.Resource {
			if strings.Contains(r.Name, "default-us-west-2a-asg-k8s.io/cluster-autoscaler/enabled") {
				return nil
			}
			return &r
		}))},
		{workloads.CapAutoDiscovery, "cluster-autoscaler", withInstaller(t, res, func(doc map[string]any) {
			doc["autoscaler"].(map[string]any)["groups"] = []any{map[string]any{"name": "eks-x", "min_size": 1, "max_size": 2}}
		})},
		{workloads.CapAbortIncompleteUploads, "blob-storage", mutate(res, typed("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", func(r preview.Resource) *preview.Resource {
			if strings.HasSuffix(r.Name, "-logs") {
				return nil
			}
			return &r
		}))},
		// A Disabled rule aborts nothing (S3 lifecycle rules: Status Enabled|Disabled).
		{workloads.CapAbortIncompleteUploads, "blob-storage", mutate(res, typed("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", func(r preview.Resource) *preview.Resource {
			if !strings.HasSuffix(r.Name, "-logs") {
				return &r
			}
			var rules []any
			for _, rule := range r.Inputs["rules"].([]any) {
				disabled := map[string]any{}
				for k, v := range rule.(map[string]any) {
					disabled[k] = v
				}
				disabled["status"] = "Disabled"
				rules = append(rules, disabled)
			}
			return withInput(r, "rules", rules)
		}))},
		{workloads.CapInstallerBlobStores, "blob-storage", withInstaller(t, res, func(doc map[string]any) {
			delete(doc["blob_storage"].(map[string]any)["backups"].(map[string]any)["s3"].(map[string]any), "sse_kms_key_id")
		})},
		{workloads.CapInstallerRegistry, "internal-registry", withInstaller(t, res, func(doc map[string]any) { delete(doc, "internal_docker_registry") })},
		{workloads.CapInstallerExternalRegistry, "environment-builds", withInstaller(t, res, func(doc map[string]any) { delete(doc, "external_docker_registry") })},
		{workloads.CapInstallerExternalRegistry, "environment-builds", withInstaller(t, res, func(doc map[string]any) {
			doc["ecr_repositories"], doc["external_docker_registry"] = map[string]any{"environment": "x"}, "123456789012.dkr.ecr.us-west-2.amazonaws.com"
		})},
		{workloads.CapMountTargetPerNodeZone, "efs-mounts", mutate(res, typed("aws:efs/mountTarget:MountTarget", func(r preview.Resource) *preview.Resource {
			if strings.HasSuffix(r.Name, "us-west-2c") {
				return nil
			}
			return &r
		}))},
		{workloads.CapVPCDNS, "efs-mounts", mutate(res, typed("aws:ec2/vpc:Vpc", func(r preview.Resource) *preview.Resource {
			return withInput(r, "enableDnsHostnames", false)
		}))},
		// Without NAT, quay.io images come only through the pull-through cache.
		{workloads.CapPullThroughRule, "image-pull-through", mutate(noNAT, typed("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", drop))},
	}
	covered := map[string]bool{}
	for i, tc := range tests {
		t.Run(fmt.Sprintf("%s/%d", tc.capability, i), func(t *testing.T) {
			ids, text := workloadGaps(t, tc.broken)
			assert.Equal(t, strings.Split(tc.workload, ","), ids)
			assert.Contains(t, text, "needs "+tc.capability+": ")
			covered[tc.capability] = true
		})
	}
	for _, w := range workloads.Table() {
		for _, c := range w.Capabilities {
			assert.True(t, covered[c], "capability %s of %s is never taken away in a test", c, w.ID)
		}
	}
}

// TestTrustPoliciesAreEvaluated: a service account role whose trust policy
// admits another service account leaves the EBS CSI driver without an
// identity; a node role EC2 cannot assume leaves every node workload without one.
func TestTrustPoliciesAreEvaluated(t *testing.T) {
	res := planWith(t, nil)
	retrust := func(role, find, replace string) *preview.Result {
		return mutate(res, func(r preview.Resource) *preview.Resource {
			if r.Type == "aws:iam/role:Role" && r.Name == role {
				return withInput(r, "assumeRolePolicy", strings.ReplaceAll(r.Inputs["assumeRolePolicy"].(string), find, replace))
			}
			return &r
		})
	}
	ids, text := workloadGaps(t, retrust("domino-ebs-csi", "ebs-csi-controller-sa", "ebs-csi-node-sa"))
	assert.Equal(t, []string{"ebs-csi-driver", "ebs-csi-encryption"}, ids)
	assert.Contains(t, text, "does not admit kube-system:ebs-csi-controller-sa")
	ids, _ = workloadGaps(t, retrust("domino-node", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"))
	assert.Contains(t, ids, "cluster-autoscaler")
	assert.Contains(t, ids, "blob-storage")
}

// TestResourcePoliciesAreEvaluated: an explicit deny in a bucket policy or a
// key policy that does not delegate to IAM is a gap, though the role's own
// policies grant the request.
func TestResourcePoliciesAreEvaluated(t *testing.T) {
	res := planWith(t, nil)
	denyDeletes := mutate(res, func(r preview.Resource) *preview.Resource {
		if r.Type == "aws:s3/bucketPolicy:BucketPolicy" && strings.HasSuffix(r.Name, "-blobs") {
			return withInput(r, "policy", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::domino-123456789012-us-west-2-blobs/*"}]}`)
		}
		return &r
	})
	ids, text := workloadGaps(t, denyDeletes)
	assert.Equal(t, []string{"blob-storage"}, ids)
	assert.Contains(t, text, "explicitly denied by the resource policy")
	noDelegation := mutate(res, func(r preview.Resource) *preview.Resource {
		if r.Type == "aws:kms/key:Key" {
			return withInput(r, "policy", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/admin"},"Action":"kms:*","Resource":"*"}]}`)
		}
		return &r
	})
	ids, text = workloadGaps(t, noDelegation)
	assert.Equal(t, []string{"blob-storage-encryption", "ebs-csi-encryption", "internal-registry-encryption"}, ids)
	assert.Contains(t, text, "the key policy does not allow it")
}

// BenchmarkEvaluateWorkloads is the workload table's share of a default plan:
// describing the deployment from the recorded resources and evaluating every
// need with the IAM evaluator.
func BenchmarkEvaluateWorkloads(b *testing.B) {
	res, _, err := evaluate(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := evaluateWorkloads(res, preview.Region); err != nil {
			b.Fatal(err)
		}
	}
}
