// Package preflight proves, before `pulumi up`, that an AWS account can take
// the deployment `dominoeks plan` describes: service quotas (vCPUs per quota
// family at the pools' maximum sizes, EKS managed node groups per cluster and
// nodes per node group, Elastic IPs, VPCs, NAT gateways per
// zone, interface endpoints), instance type offerings per zone, the
// Kubernetes version and AMI types, free names (S3 buckets, EKS cluster, IAM
// roles), the local tools pulumi-eks needs and the caller identity.
//
// Every figure comes from the plan (Demand is derived from plan.Plan, the
// source of the plan's cost output too), never from constants. Only
// Describe, List, Get and Head calls are made. Results reuse the checker's
// report types so `preflight` prints exactly like `check`.
package preflight

import (
	"context"
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// Stable check identifiers, part of the command's contract (JSON output,
// documentation). vCPU quota checks add one result per quota family the
// plan needs, with IDs from Family.CheckID ("quota.vcpu.standard", ...).
const (
	// CheckIdentity reports the caller, who becomes the cluster's creator-admin.
	CheckIdentity = "identity.caller"
	// CheckAWSCLI verifies the aws CLI v2 >= 2.7 is on PATH.
	CheckAWSCLI = "tools.aws-cli"
	// CheckKubectl verifies kubectl >= 1.24 is on PATH.
	CheckKubectl = "tools.kubectl"
	// CheckEKSVersion verifies EKS offers the planned Kubernetes version in
	// the region and every node group's AMI type supports it.
	CheckEKSVersion = "eks.version"
	// CheckAddonVersions verifies EKS offers every pinned add-on version for
	// the planned Kubernetes version.
	CheckAddonVersions = "eks.addon-versions"
	// CheckZones verifies every planned availability zone exists, is
	// available and is opted in.
	CheckZones = "zones.available"
	// CheckOfferings verifies every instance type of every pool is offered in
	// each zone the pool uses.
	CheckOfferings = "instances.offered"
	// CheckNodeGroupsPerCluster verifies EKS's "Managed node groups per
	// cluster" quota covers the plan's node groups.
	CheckNodeGroupsPerCluster = "quota.eks-nodegroups"
	// CheckNodesPerNodeGroup verifies EKS's "Nodes per managed node group"
	// quota covers every node group's maxSize.
	CheckNodesPerNodeGroup = "quota.eks-nodes-per-nodegroup"
	// CheckEIPs verifies the Elastic IP quota covers one per NAT gateway.
	CheckEIPs = "quota.eips"
	// CheckVPCs verifies the VPCs-per-region quota.
	CheckVPCs = "quota.vpcs"
	// CheckNATPerAZ verifies the NAT-gateways-per-zone quota.
	CheckNATPerAZ = "quota.nat-per-az"
	// CheckInterfaceEndpoints verifies the interface-endpoints-per-VPC quota.
	CheckInterfaceEndpoints = "quota.interface-endpoints"
	// CheckBuckets verifies every planned S3 bucket name is free.
	CheckBuckets = "names.buckets"
	// CheckClusterName verifies no EKS cluster has the planned name.
	CheckClusterName = "names.cluster"
	// CheckRoleNames verifies no IAM role has a planned fixed name.
	CheckRoleNames = "names.iam-roles"
	// CheckSessionManagerPlugin verifies the Session Manager plugin that
	// `dominoeks tunnel` needs is on PATH when the plan has an access host.
	CheckSessionManagerPlugin = "tools.session-manager-plugin"
	// CheckAccessSSMPath verifies the planned access host can reach Systems
	// Manager: the plan has NAT or the ssm, ssmmessages and ec2messages
	// interface endpoints in its VPC.
	CheckAccessSSMPath = "access.ssm-path"
	// CheckAccessHostOffered verifies the access host's instance type is
	// offered in its subnet's zone.
	CheckAccessHostOffered = "access.host-offered"
	// CheckAdminEntries says, per planned admin principal, what the up does
	// with its access entry: created, kept (the stack's), left alone (the
	// creator's, another cluster's) or adopted (one added by hand).
	CheckAdminEntries = "access.admin-entries"
)

// Options tune a run.
type Options struct {
	// Progress, when set, is called with a short description before each
	// step (for spinners).
	Progress func(step string)
	// Tools runs the local tool probes; nil uses the real PATH.
	Tools ToolRunner
}

// step is one group of checks.
type step struct {
	name string
	run  func(context.Context) ([]checker.Result, error)
}

// Run checks the account behind clients against the demand and returns the
// report, results in a fixed order. It returns an error only when the account
// cannot be reached at all (no credentials, unreachable endpoint, transport
// errors); denied or failed lookups become WARN results, unmet requirements
// FAIL results.
func Run(ctx context.Context, clients Clients, d Demand, opts Options) (*checker.Report, error) {
	if err := clients.validate(); err != nil {
		return nil, err
	}
	r := &runner{c: clients, d: d, opts: opts}
	if r.opts.Tools == nil {
		r.opts.Tools = execRunner{}
	}
	steps := []step{
		{"caller identity", r.checkIdentity},
		{"admin access entries", r.checkAdminEntries},
		{"local tools", r.checkTools},
		{"access path", r.checkAccessPath},
		{"EKS versions", r.checkVersion},
		{"EKS add-on versions", r.checkAddonVersions},
		{"availability zones and instance offerings", r.checkZonesAndOfferings},
		{"vCPU quotas", r.checkVCPUQuotas},
		{"EKS node group quotas", r.checkNodeGroupQuotas},
		{"network quotas", r.checkNetworkQuotas},
		{"names", r.checkNames},
		{"Karpenter", r.checkKarpenter},
		{"retained resources", r.checkLeftovers},
		{"retained keys without an alias", r.checkUnaliasedKeys},
	}
	rep := &checker.Report{Cluster: d.ClusterName, Region: d.Region}
	for _, s := range steps {
		r.progress(s.name)
		results, err := s.run(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		rep.Results = append(rep.Results, results...)
	}
	return rep, nil
}

// runner holds the state of one Run.
type runner struct {
	c       Clients
	d       Demand
	opts    Options
	account string
	// caller is the caller's ARN (checkIdentity).
	caller string
	// vcpus caches DescribeInstanceTypes answers by instance type.
	vcpus map[string]int
	// aliasExists is whether a planned key alias exists (checkLeftovers).
	aliasExists bool
}

func (r *runner) progress(step string) {
	if r.opts.Progress != nil {
		r.opts.Progress(step)
	}
}

// pass, warn and fail build results; fix is only kept for non-passing ones.
func pass(id, title, evidence string) checker.Result {
	return checker.Result{ID: id, Status: checker.StatusPass, Title: title, Evidence: evidence}
}

func warn(id, title, evidence, fix string) checker.Result {
	return checker.Result{ID: id, Status: checker.StatusWarn, Title: title, Evidence: evidence, Fix: fix}
}

func fail(id, title, evidence, fix string) checker.Result {
	return checker.Result{ID: id, Status: checker.StatusFail, Title: title, Evidence: evidence, Fix: fix}
}
