// Package checker verifies a live AWS account and EKS cluster against the
// requirements of Domino Data Lab's "Domino on AWS EKS" reference deployment.
//
// The checker gathers the cluster, its managed node groups (including the
// launch templates they use), subnets and route tables, Auto Scaling groups,
// the EFS file system, the S3 buckets, the node IAM role, the EKS add-ons,
// the access host, the ECR pull-through cache rules and, optionally, the
// Kubernetes API, and turns them into a Report of
// Results. The workload table of internal/workloads is evaluated against
// the live account too (workloads.go): one "workload.<id>" check per entry. Every Result has a
// stable ID (see the Check* constants) and a Status of PASS, WARN or FAIL.
//
// All AWS access goes through the small interfaces in clients.go so the
// checker can be tested against moto or hand-written fakes.
package checker

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Status is the outcome of one check.
type Status string

// Check outcomes, from best to worst.
const (
	// StatusPass means the requirement is met.
	StatusPass Status = "PASS"
	// StatusWarn means the requirement could not be verified, was skipped or
	// is met only partially in a way that does not block Domino.
	StatusWarn Status = "WARN"
	// StatusFail means the requirement is not met.
	StatusFail Status = "FAIL"
)

// Stable check identifiers. They are part of the command's contract (JSON
// output, documentation) and must not be renamed.
const (
	// CheckPlatformPool verifies the platform pool: node-pool=platform label,
	// at least 3 nodes, m5.4xlarge-class instances and at least 128 GiB disk.
	CheckPlatformPool = "nodegroups.platform"
	// CheckDefaultPool verifies the default compute pool: node-pool=default and
	// domino/build-node=true labels, can scale to at least one node,
	// m5.2xlarge-class instances and at least 400 GiB disk.
	CheckDefaultPool = "nodegroups.default"
	// CheckGPUPool verifies the optional GPU pool: node-pool=default-gpu and
	// nvidia.com/gpu=true labels, GPU instances, a GPU AMI and at least 400 GiB
	// disk. A missing GPU pool is a WARN.
	CheckGPUPool = "nodegroups.gpu"
	// CheckPlatformAZs verifies the platform pool runs in 1 or 3 availability
	// zones (2 zones put an even number of nodes into one failure domain).
	CheckPlatformAZs = "platform.azs"
	// CheckComputePerAZ verifies every default and GPU node group is confined
	// to a single availability zone (EBS volumes are zone-local).
	CheckComputePerAZ = "compute.per-az"
	// CheckAutoscalerTags verifies the cluster-autoscaler tags on the Auto
	// Scaling groups behind every Domino node group.
	CheckAutoscalerTags = "autoscaler.tags"
	// CheckDockerBridge verifies that AL2 node groups enable the docker0
	// bridge in their launch template user data.
	CheckDockerBridge = "docker.bridge"
	// CheckPrivateSubnets verifies Domino nodes run in private subnets.
	CheckPrivateSubnets = "nodes.private-subnets"
	// CheckEFSSecurityGroup verifies the EFS mount targets accept NFS (TCP
	// 2049) only from the node security groups.
	CheckEFSSecurityGroup = "efs.sg-2049"
	// CheckEFSMountTargets verifies EFS has a mount target in every zone a
	// compute (default or GPU) node group runs in.
	CheckEFSMountTargets = "efs.mount-targets"
	// CheckS3Buckets verifies the Domino buckets exist.
	CheckS3Buckets = "s3.buckets"
	// CheckS3Encryption verifies default encryption on the Domino buckets.
	CheckS3Encryption = "s3.encryption"
	// CheckS3PublicAccess verifies all four S3 Block Public Access settings on
	// the Domino buckets.
	CheckS3PublicAccess = "s3.public-access"
	// CheckS3Versioning verifies versioning on the Domino buckets (FAIL when
	// off) and a lifecycle rule expiring noncurrent versions (WARN when none).
	CheckS3Versioning = "s3.versioning"
	// CheckIAMS3Access verifies the node role's policies allow s3:ListBucket
	// on the buckets and s3:GetObject, s3:PutObject, s3:DeleteObject on their
	// objects.
	CheckIAMS3Access = "iam.s3-access"
	// CheckKMSRotation verifies automatic rotation of the customer KMS key
	// (--kms-key, default alias/<cluster>). A missing key is a WARN.
	CheckKMSRotation = "kms.rotation"
	// CheckS3KMSKey verifies the buckets' default encryption is SSE-KMS with
	// the customer key, except access-log target buckets (SSE-S3 by necessity).
	CheckS3KMSKey = "s3.kms-key"
	// CheckECRImmutable verifies the ECR repositories named <cluster>/...
	// have immutable image tags. No such repository is a WARN (optional).
	CheckECRImmutable = "ecr.immutable"
	// CheckAccessHostOnline verifies the SSM agent of the cluster's access
	// host (the instance tagged dominodatalab.com/access-host=<cluster>) is
	// online in Systems Manager. No access host is not applicable.
	CheckAccessHostOnline = "access.host-online"
	// CheckStorageClass verifies the domino-compute-storage storage class uses
	// the EBS provisioner with ext4.
	CheckStorageClass = "k8s.storage-class"
	// CheckNodeLabels verifies the live Kubernetes nodes carry the pool labels.
	CheckNodeLabels = "k8s.node-labels"
	// CheckNetworkPolicyAgent verifies the aws-node DaemonSet runs the
	// aws-network-policy-agent container and its pods are ready.
	CheckNetworkPolicyAgent = "k8s.network-policy-agent"
	// CheckNetworkPolicyProbe proves with live pods that a deny-all ingress
	// NetworkPolicy blocks traffic (Options.ProbeNetworkPolicy; netprobe.go).
	CheckNetworkPolicyProbe = "k8s.network-policy-probe"
	// CheckSchedulingClasses verifies every pod class of Domino's has a node
	// group in each zone it must run in — a running node, or one
	// cluster-autoscaler scales from zero (internal/scheduling).
	CheckSchedulingClasses = "scheduling.pod-classes"
	// CheckSchedulingDaemonSets verifies every DaemonSet that must run on a
	// node group selects and tolerates its nodes.
	CheckSchedulingDaemonSets = "scheduling.daemonsets"
)

// CheckIDs lists every check in report order: the account checks, then one
// "workload.<id>" check per entry of the workload table (internal/workloads,
// in the table's order, so a new workload gets its check), then the
// Kubernetes checks.
var CheckIDs = slices.Concat([]string{
	CheckPlatformPool, CheckDefaultPool, CheckGPUPool,
	CheckPlatformAZs, CheckComputePerAZ,
	CheckAutoscalerTags, CheckDockerBridge, CheckPrivateSubnets, CheckAMIRelease,
	CheckEFSSecurityGroup, CheckEFSMountTargets, CheckEFSBackup,
	CheckS3Buckets, CheckS3Encryption, CheckS3PublicAccess, CheckS3Versioning, CheckIAMS3Access,
	CheckKMSRotation, CheckS3KMSKey, CheckECRImmutable, CheckAccessHostOnline,
	CheckSchedulingClasses, CheckSchedulingDaemonSets,
}, workloadCheckIDs(), []string{
	CheckStorageClass, CheckNodeLabels, CheckNetworkPolicyAgent, CheckNetworkPolicyProbe,
})

// Result is the outcome of one check.
type Result struct {
	// ID is the stable check identifier, e.g. "efs.sg-2049".
	ID string `json:"id"`
	// Status is PASS, WARN or FAIL.
	Status Status `json:"status"`
	// Title is a short human description of the requirement.
	Title string `json:"title"`
	// Evidence states what was observed.
	Evidence string `json:"evidence"`
	// Fix suggests a remedy; empty when the check passed.
	Fix string `json:"fix,omitempty"`
}

// Summary counts results by status.
type Summary struct {
	// Pass is the number of PASS results.
	Pass int `json:"pass"`
	// Warn is the number of WARN results.
	Warn int `json:"warn"`
	// Fail is the number of FAIL results.
	Fail int `json:"fail"`
}

// Report is the outcome of a full run.
type Report struct {
	// Cluster is the EKS cluster name that was checked.
	Cluster string `json:"cluster"`
	// Region is the AWS region of the cluster.
	Region string `json:"region"`
	// Results holds one result per check, in CheckIDs order.
	Results []Result `json:"results"`
}

// Summary counts the report's results by status.
func (r *Report) Summary() Summary {
	var s Summary
	for _, res := range r.Results {
		switch res.Status {
		case StatusPass:
			s.Pass++
		case StatusWarn:
			s.Warn++
		case StatusFail:
			s.Fail++
		}
	}
	return s
}

// Result returns the result with the given check id, if present.
func (r *Report) Result(id string) (Result, bool) {
	for _, res := range r.Results {
		if res.ID == id {
			return res, true
		}
	}
	return Result{}, false
}

// Failed reports whether any check failed.
func (r *Report) Failed() bool { return r.Summary().Fail > 0 }

// Options selects what to check.
type Options struct {
	// Cluster is the EKS cluster name (required).
	Cluster string
	// Region is the AWS region; it is only recorded in the report, the
	// clients must already be configured for it.
	Region string
	// Buckets are the Domino S3 bucket names (blobs/user data, logs,
	// backups). When empty, buckets whose names start with "<Cluster>-" are
	// used; when none match, the S3 and IAM checks are skipped with WARN.
	Buckets []string
	// EFS is the EFS file system id. When empty, the file system with a
	// mount target in the cluster VPC is used if there is exactly one.
	EFS string
	// KMSKey is the customer key (ARN, id or alias) the KMS checks look at;
	// default alias/<Cluster>, the alias the component gives its key.
	KMSKey string
	// Kubeconfig is the path of the kubeconfig that was used to build
	// Clients.Kube; it is informational only. The Kubernetes checks run
	// whenever Clients.Kube is set and are skipped with WARN otherwise.
	Kubeconfig string
	// ProbeNetworkPolicy runs the network policy probe (netprobe.go) through
	// Clients.Kube: the only step that writes to the cluster (a namespace of
	// its own, deleted afterwards). Off: its check is WARN "skipped".
	ProbeNetworkPolicy bool
	// ProbeImage is the image of the probe's pods; default DefaultProbeImage.
	ProbeImage string
	// Progress, when set, is called with a short description before each
	// step that talks to AWS or Kubernetes (for spinners).
	Progress func(step string)
}

// Run checks the cluster described by opts using clients and returns the
// report. It returns an error only when the account cannot be inspected
// (missing cluster, access denied, throttling, network errors); unmet
// requirements are reported as FAIL results, not errors.
func Run(ctx context.Context, clients Clients, opts Options) (*Report, error) {
	if opts.Cluster == "" {
		return nil, errors.New("cluster name is required")
	}
	if err := clients.validate(); err != nil {
		return nil, err
	}
	r := &runner{c: clients, opts: opts}
	st, err := r.gather(ctx)
	if err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		run  func(context.Context, *state) ([]Result, error)
	}{
		{"node groups", r.checkNodeGroups},
		{"Auto Scaling group tags", r.checkAutoscalerTags},
		{"docker bridge", r.checkDockerBridge},
		{"subnets and routes", r.checkPrivateSubnets},
		{"AMI releases", r.checkAMIRelease},
		{"EFS", r.checkEFS},
		{"EFS backups", r.checkEFSBackup},
		{"S3 buckets", r.checkS3},
		{"node role IAM policies", r.checkIAM},
		{"KMS key", r.checkKMS},
		{"ECR repositories", r.checkECR},
		{"access host", r.checkAccessHost},
		{"workloads", r.checkWorkloads},
		{"Kubernetes", r.checkKube},
		{"network policy probe", r.checkNetworkPolicyProbe},
	}
	byID := make(map[string]Result, len(CheckIDs))
	for _, s := range steps {
		r.progress(s.name)
		results, err := s.run(ctx, st)
		if err != nil {
			return nil, err
		}
		for _, res := range results {
			byID[res.ID] = res
		}
	}
	rep := &Report{Cluster: opts.Cluster, Region: opts.Region}
	for _, id := range CheckIDs {
		res, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("internal error: check %s produced no result", id)
		}
		rep.Results = append(rep.Results, res)
	}
	return rep, nil
}

// runner holds the clients and options of one Run.
type runner struct {
	c    Clients
	opts Options
	// key memoises describeKey: the KMS checks and the workload evaluation
	// ask about the same customer key.
	key *keyLookup
}

func (r *runner) progress(step string) {
	if r.opts.Progress != nil {
		r.opts.Progress(step)
	}
}

// pass, warn and fail build results; fix is only kept for non-passing ones.
func pass(id, title, evidence string) Result {
	return Result{ID: id, Status: StatusPass, Title: title, Evidence: evidence}
}

func warn(id, title, evidence, fix string) Result {
	return Result{ID: id, Status: StatusWarn, Title: title, Evidence: evidence, Fix: fix}
}

func fail(id, title, evidence, fix string) Result {
	return Result{ID: id, Status: StatusFail, Title: title, Evidence: evidence, Fix: fix}
}
