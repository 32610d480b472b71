package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
)

// poolRequirement is what Domino requires of one node pool.
type poolRequirement struct {
	id, title string
	pool      string
	labels    map[string]string
	// size is the seed's minimum node size for the pool (shared with the
	// component's plan-time warnings).
	size sizing.Minimum
	// minNodes is the minimum of the summed minSize; minMax the minimum of
	// the summed maxSize.
	minNodes, minMax int32
	optional         bool
	fix              string
}

var (
	platformReq = poolRequirement{
		id: CheckPlatformPool, title: "Platform node pool (3 x m5.4xlarge, 128 GiB)",
		pool:     PoolPlatform,
		labels:   map[string]string{LabelNodePool: PoolPlatform},
		size:     sizing.Platform,
		minNodes: 3, minMax: 3,
		fix: "create a managed node group labelled dominodatalab.com/node-pool=platform with min=max=3 m5.4xlarge nodes and a 128 GiB root volume",
	}
	defaultReq = poolRequirement{
		id: CheckDefaultPool, title: "Default compute pool (m5.2xlarge, 400 GiB)",
		pool:   PoolDefault,
		labels: map[string]string{LabelNodePool: PoolDefault, LabelBuildNode: "true"},
		size:   sizing.Default,
		minMax: 1,
		fix:    "create one managed node group per AZ labelled dominodatalab.com/node-pool=default and domino/build-node=true, m5.2xlarge, 400 GiB root volume, scaling 1-20",
	}
	gpuReq = poolRequirement{
		id: CheckGPUPool, title: "GPU compute pool (p3.2xlarge, 400 GiB; optional)",
		pool:   PoolGPU,
		labels: map[string]string{LabelNodePool: PoolGPU, LabelGPU: "true"},
		size:   sizing.GPU,
		minMax: 1, optional: true,
		fix: "create one managed node group per AZ labelled dominodatalab.com/node-pool=default-gpu and nvidia.com/gpu=true, GPU AMI, p3.2xlarge, 400 GiB root volume, scaling 0-5",
	}
)

func (r *runner) checkNodeGroups(_ context.Context, st *state) ([]Result, error) {
	return []Result{
		checkPool(st, platformReq),
		checkPool(st, defaultReq),
		checkPool(st, gpuReq),
		checkPlatformAZs(st),
		checkComputePerAZ(st),
	}, nil
}

// checkPool verifies every node group of one pool.
func checkPool(st *state, req poolRequirement) Result {
	groups := st.pool(req.pool)
	if len(groups) == 0 {
		ev := fmt.Sprintf("no node group is labelled %s=%s", LabelNodePool, req.pool)
		if un := st.unlabelled(); len(un) > 0 {
			ev += fmt.Sprintf(" (node groups without %s: %s)", LabelNodePool, strings.Join(un, ", "))
		}
		if req.optional {
			return warn(req.id, req.title, ev+"; the GPU pool is optional", req.fix)
		}
		return fail(req.id, req.title, ev, req.fix)
	}
	var problems, unknown, seen []string
	var minSum, maxSum int32
	for _, g := range groups {
		minSum += g.Min
		maxSum += g.Max
		seen = append(seen, fmt.Sprintf("%s: %s, %s, %d-%d nodes", g.Name, describeInstances(g), describeDisk(g), g.Min, g.Max))
		for _, k := range slices.Sorted(maps.Keys(req.labels)) {
			if v := req.labels[k]; !g.hasLabel(k, v) {
				problems = append(problems, fmt.Sprintf("%s lacks label %s=%s", g.Name, k, v))
			}
		}
		if len(g.InstanceTypes) == 0 {
			problems = append(problems, fmt.Sprintf("%s has no instance type", g.Name))
		}
		for _, it := range g.InstanceTypes {
			spec, ok := sizing.Lookup(it)
			if !ok {
				unknown = append(unknown, fmt.Sprintf("%s uses %s, whose size is unknown to the checker", g.Name, it))
				continue
			}
			if !req.size.Fits(spec) {
				problems = append(problems, fmt.Sprintf("%s uses %s (%d vCPU, %d GiB%s), smaller than %s",
					g.Name, it, spec.VCPU, spec.MemGiB, gpuSuffix(req.size.GPU, spec), req.size.RefType))
			}
		}
		if g.DiskGiB == 0 {
			problems = append(problems, fmt.Sprintf("%s sets no volume size (the AMI default of about 20 GiB applies), need %d GiB", g.Name, req.size.DiskGiB))
		} else if int(g.DiskGiB) < req.size.DiskGiB {
			problems = append(problems, fmt.Sprintf("%s has a %d GiB disk (%s), need %d GiB", g.Name, g.DiskGiB, g.DiskSource, req.size.DiskGiB))
		}
		if req.size.GPU && !gpuAMI(g.AMIType) {
			problems = append(problems, fmt.Sprintf("%s uses AMI type %s without NVIDIA drivers", g.Name, g.AMIType))
		}
	}
	if minSum < req.minNodes {
		problems = append(problems, fmt.Sprintf("pool minimum size is %d, need at least %d", minSum, req.minNodes))
	}
	if maxSum < req.minMax {
		problems = append(problems, fmt.Sprintf("pool maximum size is %d, need at least %d", maxSum, req.minMax))
	}
	if len(problems) > 0 {
		return fail(req.id, req.title, strings.Join(append(problems, unknown...), "; "), req.fix)
	}
	if len(unknown) > 0 {
		return warn(req.id, req.title, strings.Join(unknown, "; "),
			fmt.Sprintf("verify manually that the instance type is at least as large as %s", req.size.RefType))
	}
	return pass(req.id, req.title, strings.Join(seen, "; "))
}

func gpuSuffix(gpu bool, s sizing.Capacity) string {
	if !gpu {
		return ""
	}
	return fmt.Sprintf(", %d GPUs", s.GPUs)
}

// gpuAMI reports whether an EKS AMI type ships NVIDIA drivers. CUSTOM AMIs
// are given the benefit of the doubt.
func gpuAMI(amiType string) bool {
	u := strings.ToUpper(amiType)
	return u == "" || u == "CUSTOM" || strings.Contains(u, "GPU") || strings.Contains(u, "NVIDIA")
}

func describeInstances(g *nodeGroup) string {
	if len(g.InstanceTypes) == 0 {
		return "no instance type"
	}
	return strings.Join(g.InstanceTypes, "/") + " (" + g.InstanceSource + ")"
}

func describeDisk(g *nodeGroup) string {
	if g.DiskGiB == 0 {
		return "default disk size"
	}
	return fmt.Sprintf("%d GiB (%s)", g.DiskGiB, g.DiskSource)
}

// checkPlatformAZs verifies the platform pool spans 1 or 3 zones.
func checkPlatformAZs(st *state) Result {
	const (
		id    = CheckPlatformAZs
		title = "Platform pool runs in 1 or 3 availability zones"
		fix   = "place the platform node group in subnets of exactly 1 or 3 availability zones"
	)
	groups := st.pool(PoolPlatform)
	if len(groups) == 0 {
		return warn(id, title, "skipped: no platform node group", "see "+CheckPlatformPool)
	}
	azs := map[string]bool{}
	for _, g := range groups {
		for _, az := range g.AZs {
			azs[az] = true
		}
	}
	list := slices.Sorted(maps.Keys(azs))
	ev := fmt.Sprintf("platform pool spans %d AZ(s): %s", len(list), strings.Join(list, ", "))
	switch len(list) {
	case 1, 3:
		return pass(id, title, ev)
	case 0:
		return warn(id, title, "could not determine the availability zones of the platform subnets", fix)
	case 2:
		return fail(id, title, ev+"; with 2 AZs one zone holds an even share of the 3 platform nodes, so losing it loses quorum", fix)
	default:
		return warn(id, title, ev+"; 3 platform nodes cannot be spread evenly over more than 3 AZs", fix)
	}
}

// checkComputePerAZ verifies every compute node group stays in one zone.
func checkComputePerAZ(st *state) Result {
	const (
		id    = CheckComputePerAZ
		title = "Compute node groups are one per availability zone"
		fix   = "split each default/GPU node group into one node group per AZ (same labels), each with subnets of a single AZ"
	)
	groups := append(st.pool(PoolDefault), st.pool(PoolGPU)...)
	if len(groups) == 0 {
		return warn(id, title, "skipped: no default or GPU node groups", "see "+CheckDefaultPool)
	}
	var problems, seen []string
	for _, g := range groups {
		switch len(g.AZs) {
		case 1:
			seen = append(seen, g.Name+": "+g.AZs[0])
		case 0:
			problems = append(problems, fmt.Sprintf("%s: availability zone of subnets %s unknown", g.Name, strings.Join(g.Subnets, ", ")))
		default:
			problems = append(problems, fmt.Sprintf("%s spans %s; EBS volumes are zone-local, so pods can be stranded", g.Name, strings.Join(g.AZs, ", ")))
		}
	}
	if len(problems) > 0 {
		return fail(id, title, strings.Join(problems, "; "), fix)
	}
	return pass(id, title, strings.Join(seen, "; "))
}
