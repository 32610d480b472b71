package preflight

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// builtinVCPUs is used only when DescribeInstanceTypes cannot be read (the
// check then WARNs): the seed's default pool types.
var builtinVCPUs = map[string]int{
	"m5.2xlarge": 8, "m5.4xlarge": 16, "m6i.2xlarge": 8, "m6i.4xlarge": 16,
	"m7i.2xlarge": 8, "m7i.4xlarge": 16, "g4dn.xlarge": 4, "g4dn.2xlarge": 8,
	"g5.xlarge": 4, "g5.2xlarge": 8, "p3.2xlarge": 8,
}

// familyNeed is the vCPUs one quota family must fit at the pools' maximum sizes.
type familyNeed struct {
	family Family
	vcpus  int
	parts  []string // "default-us-west-2a 20×m5.2xlarge(8)=160"
}

// loadVCPUs fills r.vcpus for the instance types with DescribeInstanceTypes.
// It returns a caveat when some type's vCPUs came from the built-in table.
func (r *runner) loadVCPUs(ctx context.Context, instanceTypes []string) (string, error) {
	if r.vcpus == nil {
		r.vcpus = map[string]int{}
	}
	var missing []string
	for _, t := range instanceTypes {
		if _, ok := r.vcpus[t]; !ok && !slices.Contains(missing, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 {
		return "", nil
	}
	var apiErr error
	describe := func(batch []string) error {
		in := &ec2.DescribeInstanceTypesInput{}
		for _, t := range batch {
			in.InstanceTypes = append(in.InstanceTypes, types.InstanceType(t))
		}
		out, err := r.c.EC2.DescribeInstanceTypes(ctx, in)
		if err != nil {
			return err
		}
		for _, it := range out.InstanceTypes {
			if it.VCpuInfo != nil && it.VCpuInfo.DefaultVCpus != nil {
				r.vcpus[string(it.InstanceType)] = int(*it.VCpuInfo.DefaultVCpus)
			}
		}
		return nil
	}
	for chunk := range slices.Chunk(missing, 100) {
		err := describe(chunk)
		if apiCode(err) == "InvalidInstanceType" && len(chunk) > 1 {
			// One unknown type fails the whole call: ask type by type.
			for _, t := range chunk {
				if e := describe([]string{t}); e != nil {
					err = e
				}
			}
			if apiCode(err) == "InvalidInstanceType" {
				err = nil // reported below as types without a vCPU count
			}
		}
		if err != nil {
			if !answered(err) {
				return "", fmt.Errorf("describe instance types: %w", err)
			}
			apiErr = err
		}
	}
	var fromTable []string
	for _, t := range missing {
		if _, ok := r.vcpus[t]; ok {
			continue
		}
		if v, ok := builtinVCPUs[t]; ok {
			r.vcpus[t] = v
			fromTable = append(fromTable, t)
		}
	}
	if len(fromTable) > 0 {
		why := "unknown to DescribeInstanceTypes"
		if apiErr != nil {
			why = "DescribeInstanceTypes: " + errCode(apiErr)
		}
		return fmt.Sprintf("vCPUs of %s from the built-in table (%s)", strings.Join(fromTable, ", "), why), nil
	}
	return "", nil
}

// needsByFamily sums maxSize × vCPUs of each pool's first instance type per
// quota family: the same node groups and sizes the plan's maximum cost uses.
func (r *runner) needsByFamily() (needs []*familyNeed, unknown []string) {
	byID := map[string]*familyNeed{}
	for _, p := range r.d.Pools {
		if len(p.InstanceTypes) == 0 || p.MaxSize == 0 {
			continue
		}
		t := p.InstanceTypes[0]
		fam, ok := FamilyOf(t, p.CapacityType == domino.CapacitySpot)
		v, known := r.vcpus[t]
		if !ok || !known {
			unknown = append(unknown, fmt.Sprintf("%s (%s %s)", t, p.Name, p.CapacityType))
			continue
		}
		n := byID[fam.CheckID()]
		if n == nil {
			n = &familyNeed{family: fam}
			byID[fam.CheckID()] = n
			needs = append(needs, n)
		}
		n.vcpus += p.MaxSize * v
		n.parts = append(n.parts, fmt.Sprintf("%s %d×%s(%d)=%d", p.Name, p.MaxSize, t, v, p.MaxSize*v))
	}
	slices.SortFunc(needs, func(a, b *familyNeed) int { return strings.Compare(a.family.CheckID(), b.family.CheckID()) })
	return needs, unknown
}

// usageByFamily sums the vCPUs of pending and running instances per family
// check ID. The caveat is set when DescribeInstances is denied.
func (r *runner) usageByFamily(ctx context.Context) (map[string]int, string, error) {
	var running []types.Instance
	in := &ec2.DescribeInstancesInput{Filters: []types.Filter{{Name: aws.String("instance-state-name"), Values: []string{"pending", "running"}}}}
	p := ec2.NewDescribeInstancesPaginator(r.c.EC2, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			if !answered(err) {
				return nil, "", fmt.Errorf("describe instances: %w", err)
			}
			return nil, "current usage unreadable (DescribeInstances: " + errCode(err) + ")", nil
		}
		for _, res := range out.Reservations {
			running = append(running, res.Instances...)
		}
	}
	// Instances without CPU options are counted at their type's default vCPUs.
	var unknownTypes []string
	for _, inst := range running {
		if inst.CpuOptions == nil || inst.CpuOptions.CoreCount == nil {
			unknownTypes = append(unknownTypes, string(inst.InstanceType))
		}
	}
	if _, err := r.loadVCPUs(ctx, unknownTypes); err != nil {
		return nil, "", err
	}
	usage := map[string]int{}
	for _, inst := range running {
		fam, ok := FamilyOf(string(inst.InstanceType), inst.InstanceLifecycle == types.InstanceLifecycleTypeSpot)
		if ok {
			usage[fam.CheckID()] += instanceVCPUs(inst, r.vcpus)
		}
	}
	return usage, "", nil
}

// instanceVCPUs is an instance's vCPUs: cores × threads per core, else its
// type's default.
func instanceVCPUs(inst types.Instance, known map[string]int) int {
	if c := inst.CpuOptions; c != nil && c.CoreCount != nil && c.ThreadsPerCore != nil {
		return int(*c.CoreCount) * int(*c.ThreadsPerCore)
	}
	return known[string(inst.InstanceType)]
}

// checkVCPUQuotas compares each family's need at max size with its quota
// minus current usage.
func (r *runner) checkVCPUQuotas(ctx context.Context) ([]checker.Result, error) {
	var firstTypes []string
	for _, p := range r.d.Pools {
		if len(p.InstanceTypes) > 0 {
			firstTypes = append(firstTypes, p.InstanceTypes[0])
		}
	}
	tableCaveat, err := r.loadVCPUs(ctx, firstTypes)
	if err != nil {
		return nil, err
	}
	needs, unknown := r.needsByFamily()
	usage, usageCaveat, err := r.usageByFamily(ctx)
	if err != nil {
		return nil, err
	}
	var out []checker.Result
	for _, n := range needs {
		q, err := r.lookupQuota(ctx, n.family.Quota)
		if err != nil {
			return nil, err
		}
		id, title := n.family.CheckID(), n.family.Label+" vCPU quota fits the pools at max size"
		used := usage[id]
		available := q.value - float64(used)
		usedText := fmt.Sprintf("%d in use", used)
		if usageCaveat != "" {
			usedText = usageCaveat
		}
		evidence := fmt.Sprintf("need %d vCPUs at max size (%s); quota %s %s, %s, %g available",
			n.vcpus, strings.Join(n.parts, " + "), n.family.Quota.Code, q, usedText, available)
		caveats := joinCaveats(q.caveat, tableCaveat)
		if caveats != "" {
			evidence += "; " + caveats
		}
		switch {
		case float64(n.vcpus) > available:
			out = append(out, fail(id, title, evidence, quotaFix(n.family.Quota, float64(n.vcpus)+float64(used))+", or lower the pools' maxSize"))
		case caveats != "" || usageCaveat != "":
			out = append(out, warn(id, title, evidence, "grant servicequotas:GetServiceQuota, ec2:DescribeInstances and ec2:DescribeInstanceTypes to verify"))
		default:
			out = append(out, pass(id, title, evidence))
		}
	}
	if len(unknown) > 0 {
		out = append(out, warn("quota.vcpu.unknown", "vCPU quota family known for every pool",
			"no known vCPU quota family or vCPU count for "+strings.Join(unknown, ", "),
			"check the Running On-Demand / Spot quota of these instance families in the Service Quotas console"))
	}
	return out, nil
}

// joinCaveats joins the non-empty caveats with "; ".
func joinCaveats(cs ...string) string {
	var out []string
	for _, c := range cs {
		if c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "; ")
}
