package checker

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
)

// nfsPort is the EFS (NFSv4) port.
const nfsPort = 2049

const (
	efsSGTitle = "EFS accepts NFS (TCP 2049) only from the node security group"
	efsMTTitle = "EFS has a mount target in every compute availability zone"
)

func (r *runner) checkEFS(ctx context.Context, st *state) ([]Result, error) {
	fsID, how, skip, err := r.resolveEFS(ctx, st)
	if err != nil {
		return nil, err
	}
	if skip != nil {
		return skip, nil
	}
	r.progress("describe EFS mount targets of " + fsID)
	mts, err := r.mountTargets(ctx, fsID)
	if err != nil {
		return nil, err
	}
	st.efsID, st.mountTargets = fsID, mts
	sgRes, err := r.checkEFSSecurityGroups(ctx, st, fsID, how, mts)
	if err != nil {
		return nil, err
	}
	return []Result{sgRes, checkEFSMountTargets(st, fsID, how, mts)}, nil
}

// resolveEFS returns the file system to check and how it was chosen, or
// the results to report when there is none.
func (r *runner) resolveEFS(ctx context.Context, st *state) (fsID, how string, skip []Result, err error) {
	if r.opts.EFS != "" {
		r.progress("describe EFS " + r.opts.EFS)
		_, err := r.c.EFS.DescribeFileSystems(ctx, &efs.DescribeFileSystemsInput{FileSystemId: aws.String(r.opts.EFS)})
		var nf *efstypes.FileSystemNotFound
		if errors.As(err, &nf) {
			ev := fmt.Sprintf("EFS file system %s (from --efs) not found", r.opts.EFS)
			return "", "", []Result{
				warn(CheckEFSSecurityGroup, efsSGTitle, "skipped: "+ev, "see "+CheckEFSMountTargets),
				fail(CheckEFSMountTargets, efsMTTitle, ev, "create the EFS file system or pass the right --efs id"),
			}, nil
		}
		if err != nil {
			return "", "", nil, fmt.Errorf("describe EFS file system %s: %w", r.opts.EFS, err)
		}
		return r.opts.EFS, "--efs", nil, nil
	}

	// Discovery: the file systems with a mount target in the cluster VPC.
	r.progress("discover EFS file systems")
	var candidates []string
	p := efs.NewDescribeFileSystemsPaginator(r.c.EFS, &efs.DescribeFileSystemsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", "", nil, fmt.Errorf("list EFS file systems: %w", err)
		}
		for _, fs := range page.FileSystems {
			id := aws.ToString(fs.FileSystemId)
			mts, err := r.mountTargets(ctx, id)
			if err != nil {
				return "", "", nil, err
			}
			for _, mt := range mts {
				if st.vpc != "" && aws.ToString(mt.VpcId) == st.vpc {
					candidates = append(candidates, id)
					break
				}
			}
		}
	}
	fix := "pass --efs fs-... to name the Domino file system"
	switch len(candidates) {
	case 1:
		return candidates[0], "discovered in " + st.vpc, nil, nil
	case 0:
		ev := fmt.Sprintf("skipped: no EFS file system has a mount target in the cluster VPC %s", st.vpc)
		return "", "", []Result{
			warn(CheckEFSSecurityGroup, efsSGTitle, ev, fix),
			warn(CheckEFSMountTargets, efsMTTitle, ev, fix+", or create one with a mount target per AZ"),
		}, nil
	default:
		ev := fmt.Sprintf("skipped: several EFS file systems in the cluster VPC: %s", strings.Join(candidates, ", "))
		return "", "", []Result{
			warn(CheckEFSSecurityGroup, efsSGTitle, ev, fix),
			warn(CheckEFSMountTargets, efsMTTitle, ev, fix),
		}, nil
	}
}

func (r *runner) mountTargets(ctx context.Context, fsID string) ([]efstypes.MountTargetDescription, error) {
	var out []efstypes.MountTargetDescription
	p := efs.NewDescribeMountTargetsPaginator(r.c.EFS, &efs.DescribeMountTargetsInput{FileSystemId: aws.String(fsID)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe mount targets of EFS %s: %w", fsID, err)
		}
		out = append(out, page.MountTargets...)
	}
	return out, nil
}

// checkEFSMountTargets verifies a mount target exists in every compute AZ.
func checkEFSMountTargets(st *state, fsID, how string, mts []efstypes.MountTargetDescription) Result {
	fix := fmt.Sprintf("create a mount target of %s in a private subnet of each missing AZ, with the EFS security group", fsID)
	have := map[string]bool{}
	for _, mt := range mts {
		if az := aws.ToString(mt.AvailabilityZoneName); az != "" {
			have[az] = true
		}
	}
	need := map[string]bool{}
	for _, g := range append(st.pool(PoolDefault), st.pool(PoolGPU)...) {
		for _, az := range g.AZs {
			need[az] = true
		}
	}
	if len(need) == 0 {
		return warn(CheckEFSMountTargets, efsMTTitle,
			fmt.Sprintf("skipped: no default or GPU node group; %s (%s) has mount targets in %s", fsID, how, listOrNone(slices.Sorted(maps.Keys(have)))),
			"see "+CheckDefaultPool)
	}
	var missing []string
	for _, az := range slices.Sorted(maps.Keys(need)) {
		if !have[az] {
			missing = append(missing, az)
		}
	}
	ev := fmt.Sprintf("%s (%s) has mount targets in %s; compute pools run in %s",
		fsID, how, listOrNone(slices.Sorted(maps.Keys(have))), strings.Join(slices.Sorted(maps.Keys(need)), ", "))
	if len(missing) > 0 {
		return fail(CheckEFSMountTargets, efsMTTitle, ev+"; missing: "+strings.Join(missing, ", "), fix)
	}
	return pass(CheckEFSMountTargets, efsMTTitle, ev)
}

// checkEFSSecurityGroups verifies the mount targets' security groups allow
// TCP 2049 from the node security groups and from nothing else.
func (r *runner) checkEFSSecurityGroups(ctx context.Context, st *state, fsID, how string, mts []efstypes.MountTargetDescription) (Result, error) {
	nodeSGs := st.nodeSecurityGroups()
	fix := fmt.Sprintf("allow inbound TCP 2049 on the EFS security group only from the node security group (%s); remove CIDR, prefix list and other security group sources",
		listOrNone(nodeSGs))
	if len(mts) == 0 {
		return warn(CheckEFSSecurityGroup, efsSGTitle, fmt.Sprintf("skipped: %s (%s) has no mount targets", fsID, how), "see "+CheckEFSMountTargets), nil
	}
	sgSet := map[string]bool{}
	for _, mt := range mts {
		mtID := aws.ToString(mt.MountTargetId)
		r.progress("describe security groups of mount target " + mtID)
		out, err := r.c.EFS.DescribeMountTargetSecurityGroups(ctx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: mt.MountTargetId})
		if err != nil {
			return Result{}, fmt.Errorf("describe security groups of EFS mount target %s: %w", mtID, err)
		}
		for _, sg := range out.SecurityGroups {
			sgSet[sg] = true
		}
	}
	if len(nodeSGs) == 0 {
		return warn(CheckEFSSecurityGroup, efsSGTitle,
			"cannot determine the node security group: the launch templates set none and the cluster reports no cluster security group",
			"verify manually that the EFS security group allows TCP 2049 only from the nodes"), nil
	}
	isNode := map[string]bool{}
	for _, sg := range nodeSGs {
		isNode[sg] = true
	}
	efsSGs := slices.Sorted(maps.Keys(sgSet))
	var sgs []ec2types.SecurityGroup
	p := ec2.NewDescribeSecurityGroupsPaginator(r.c.EC2, &ec2.DescribeSecurityGroupsInput{GroupIds: efsSGs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return Result{}, fmt.Errorf("describe EFS security groups %s: %w", strings.Join(efsSGs, ", "), err)
		}
		sgs = append(sgs, page.SecurityGroups...)
	}
	var problems []string
	fromNodes := map[string]bool{}
	for _, sg := range sgs {
		sgID := aws.ToString(sg.GroupId)
		for _, perm := range sg.IpPermissions {
			if !coversTCPPort(perm, nfsPort) {
				continue
			}
			for _, ipr := range perm.IpRanges {
				problems = append(problems, fmt.Sprintf("%s allows %s from %s", sgID, describePerm(perm), aws.ToString(ipr.CidrIp)))
			}
			for _, ipr := range perm.Ipv6Ranges {
				problems = append(problems, fmt.Sprintf("%s allows %s from %s", sgID, describePerm(perm), aws.ToString(ipr.CidrIpv6)))
			}
			for _, pl := range perm.PrefixListIds {
				problems = append(problems, fmt.Sprintf("%s allows %s from prefix list %s", sgID, describePerm(perm), aws.ToString(pl.PrefixListId)))
			}
			for _, pair := range perm.UserIdGroupPairs {
				src := aws.ToString(pair.GroupId)
				if isNode[src] {
					fromNodes[src] = true
					continue
				}
				problems = append(problems, fmt.Sprintf("%s allows %s from %s, which is not a node security group", sgID, describePerm(perm), src))
			}
		}
	}
	if len(fromNodes) == 0 {
		problems = append(problems, fmt.Sprintf("no rule on %s allows TCP 2049 from the node security group %s", strings.Join(efsSGs, ", "), strings.Join(nodeSGs, ", ")))
	}
	if len(problems) > 0 {
		return fail(CheckEFSSecurityGroup, efsSGTitle, strings.Join(problems, "; "), fix), nil
	}
	return pass(CheckEFSSecurityGroup, efsSGTitle, fmt.Sprintf("%s (%s): %s allow TCP 2049 only from %s",
		fsID, how, strings.Join(efsSGs, ", "), strings.Join(slices.Sorted(maps.Keys(fromNodes)), ", "))), nil
}

// coversTCPPort reports whether an ingress permission admits TCP port.
func coversTCPPort(perm ec2types.IpPermission, port int32) bool {
	switch strings.ToLower(aws.ToString(perm.IpProtocol)) {
	case "-1", "all":
		return true
	case "tcp", "6":
		from, to := aws.ToInt32(perm.FromPort), aws.ToInt32(perm.ToPort)
		if from == -1 || to == -1 {
			return true
		}
		return from <= port && port <= to
	}
	return false
}

func describePerm(perm ec2types.IpPermission) string {
	proto := aws.ToString(perm.IpProtocol)
	if proto == "-1" {
		return "all traffic"
	}
	from, to := aws.ToInt32(perm.FromPort), aws.ToInt32(perm.ToPort)
	if from == to {
		return fmt.Sprintf("%s %d", proto, from)
	}
	return fmt.Sprintf("%s %d-%d", proto, from, to)
}

func listOrNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}
