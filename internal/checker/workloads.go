package checker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// WorkloadCheckPrefix prefixes the check of each workload of the workload
// table (internal/workloads): "workload.<workload id>".
const WorkloadCheckPrefix = "workload."

// workloadCheckIDs are the workload checks, in the table's order.
func workloadCheckIDs() []string {
	var out []string
	for _, w := range workloads.Table() {
		if notCheckedLive[w.ID] == "" {
			out = append(out, WorkloadCheckPrefix+w.ID)
		}
	}
	return out
}

// notCheckedLive are workloads whose facts the checker does not read from a
// live account yet (Karpenter: its interruption queue and Pod Identity
// associations): check reports nothing for them rather than a PASS it did
// not establish; `dominoeks plan` evaluates them.
var notCheckedLive = map[string]string{
	workloads.IDKarpenter: "the checker does not read Karpenter's interruption queue and Pod Identity associations yet; `dominoeks plan` evaluates the planned ones",
}

// installerCapability reports whether a capability is about the installer
// values, which a live account does not hold: the checker leaves them out.
func installerCapability(id string) bool { return strings.HasPrefix(id, "installer-") }

// unknowns records the facts the checker could not read, so that what the
// evaluation concludes from their absence is reported as unknown, never as
// met or as a gap.
type unknowns struct {
	// addons: the cluster's add-ons could not be listed.
	addons string
	// resources maps ARNs (bucket ARNs; their objects too) whose resource
	// policy could not be read to the reason.
	resources map[string]string
	// applies maps workload ids to why the facts deciding whether (and how)
	// they apply could not be read (the access host, the pull-through rules).
	applies map[string]string
	// calico: the VPC CNI's agent is off and whether Calico enforces
	// NetworkPolicies instead could not be read (no --kubeconfig).
	calico string
}

// optionalAPIError reports whether err means the API is not available to
// the checker (access denied, or not implemented by an emulator) or still
// answers a server error after the SDK's retries (moto 5.2.1 answers
// DescribePullThroughCacheRules and DescribeInstanceInformation with a 500
// page), as opposed to a failure to talk to AWS (no answer, a timeout, the
// run's deadline), which ends the run. The checks that need such a read
// report WARN ("could not read ..."); the others still report.
func optionalAPIError(err error) bool {
	if err == nil {
		return false
	}
	var timeout *CallTimeoutError
	if errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return false
	}
	if HTTPStatus(err) >= http.StatusInternalServerError {
		return true
	}
	switch code := APIErrorCode(err); {
	case strings.Contains(code, "AccessDenied"), code == "UnauthorizedOperation", code == "AuthorizationError",
		code == "NotImplemented", code == "InvalidAction", code == "UnknownOperationException", code == "UnrecognizedClientException":
		return true
	}
	switch HTTPStatus(err) {
	case http.StatusForbidden, http.StatusNotImplemented:
		return true
	case http.StatusNotFound:
		// An emulator answers an API it lacks with a bare 404.
		switch APIErrorCode(err) {
		case "", "NotFound", "404", "UnknownError":
			return true
		}
	}
	return false
}

// checkWorkloads builds the live deployment and evaluates the workload
// table against it: one result per workload.
func (r *runner) checkWorkloads(ctx context.Context, st *state) ([]Result, error) {
	d, unk, err := r.liveDeployment(ctx, st)
	if err != nil {
		return nil, err
	}
	evaluated := map[string]workloads.Result{}
	for _, res := range workloads.Evaluate(d) {
		evaluated[res.ID] = res
	}
	out, err := r.checkScheduling(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, w := range workloads.Table() {
		id := WorkloadCheckPrefix + w.ID
		res, ok := evaluated[w.ID]
		if notCheckedLive[w.ID] != "" {
			continue
		}
		switch {
		case !ok && unk.applies[w.ID] != "":
			out = append(out, warn(id, w.Name, "not known whether it applies (when "+w.WhenText+"): "+unk.applies[w.ID],
				"grant the checker the read permissions it lacks"))
			continue
		case !ok:
			out = append(out, pass(id, w.Name, "not applicable: applies when "+w.WhenText))
			continue
		}
		out = append(out, workloadResult(id, w, liveResult(w, res, unk)))
	}
	return out, nil
}

// liveResult drops the installer capabilities, turns conclusions drawn from
// unreadable facts into unknowns, and recomputes the status.
func liveResult(w workloads.Workload, res workloads.Result, unk unknowns) workloads.Result {
	caps := res.Capabilities[:0:0]
	for _, c := range res.Capabilities {
		if installerCapability(c.ID) {
			continue
		}
		if unk.addons != "" && (c.ID == workloads.CapNetworkPolicy || c.ID == workloads.CapEBSCSIAddon) && c.Status != workloads.Satisfied {
			c.Status, c.Evidence = workloads.Unknown, "could not read the cluster's add-ons: "+unk.addons
		}
		if unk.calico != "" && c.ID == workloads.CapNetworkPolicy && c.Status == workloads.Gap {
			c.Status, c.Evidence = workloads.Unknown, c.Evidence+"; "+unk.calico
		}
		if why := unk.applies[w.ID]; why != "" && c.ID == workloads.CapPullThroughRule && c.Status != workloads.Satisfied {
			c.Status, c.Evidence = workloads.Unknown, why
		}
		caps = append(caps, c)
	}
	res.Capabilities = caps
	// Without the add-ons, a workload whose role an add-on names has no
	// known identity: its needs are unknown, not gaps.
	noIdentity := unk.addons != "" && w.Identity.Addon != "" && res.Identity == ""
	needs := slices.Clone(res.Needs)
	for i, n := range needs {
		if noIdentity && n.Status == workloads.Gap {
			needs[i].Status, needs[i].Problem = workloads.Unknown, "the role is not known (the add-ons could not be read)"
			if strings.HasPrefix(n.Action, "sts:") {
				needs[i].Problem = "could not read the cluster's add-ons: " + unk.addons
			}
		}
		for arn, why := range unk.resources {
			if n.Resource == arn || strings.HasPrefix(n.Resource, arn+"/") {
				if n.Status == workloads.Satisfied {
					needs[i].Status, needs[i].Problem = workloads.Unknown, why
				}
			}
		}
	}
	res.Needs = needs
	res.Status = workloads.Satisfied
	rank := map[workloads.Status]int{workloads.Satisfied: 0, workloads.Unknown: 1, workloads.Gap: 2}
	for _, n := range res.Needs {
		if rank[n.Status] > rank[res.Status] {
			res.Status = n.Status
		}
	}
	for _, c := range res.Capabilities {
		if rank[c.Status] > rank[res.Status] {
			res.Status = c.Status
		}
	}
	return res
}

// workloadResult words an evaluated workload as a check result: PASS names
// the statements that satisfy it, WARN and FAIL each unmet need.
func workloadResult(id string, w workloads.Workload, res workloads.Result) Result {
	who := "as " + res.Identity
	switch {
	case w.Identity.Kind == workloads.ClusterOnly:
		who = "cluster capability"
	case res.Identity == "":
		who = "as " + string(w.Identity.Kind) + " (not found)"
	}
	fix := "give the " + string(w.Identity.Kind) + " the missing grants and the cluster the missing capabilities (source: " + w.Source + ")"
	if res.Status == workloads.Satisfied {
		var by []string
		for _, n := range res.Needs {
			for _, b := range n.By {
				if !slices.Contains(by, b) {
					by = append(by, b)
				}
			}
		}
		ev := fmt.Sprintf("%s: %d need(s) met, granted by %s", who, len(res.Needs), listOrNone(by))
		for _, c := range res.Capabilities {
			ev += "; " + c.ID + ": " + c.Evidence
		}
		return pass(id, w.Name, ev)
	}
	var gaps, unknown []string
	for _, n := range res.Needs {
		msg := fmt.Sprintf("%s on %s: %s", n.Action, n.Resource, n.Problem)
		switch n.Status {
		case workloads.Gap:
			gaps = append(gaps, msg)
		case workloads.Unknown:
			unknown = append(unknown, msg)
		}
	}
	for _, c := range res.Capabilities {
		msg := c.ID + ": " + c.Evidence
		switch c.Status {
		case workloads.Gap:
			gaps = append(gaps, msg)
		case workloads.Unknown:
			unknown = append(unknown, msg)
		}
	}
	ev := who + ": " + strings.Join(append(gaps, unknown...), "; ")
	if res.Status == workloads.Gap {
		return fail(id, w.Name, ev, fix)
	}
	return warn(id, w.Name, ev, "verify what could not be read, or "+fix)
}

// liveDeployment reads what the workload table asks about from the account.
func (r *runner) liveDeployment(ctx context.Context, st *state) (*workloads.Deployment, unknowns, error) {
	unk := unknowns{resources: map[string]string{}, applies: map[string]string{}}
	d := &workloads.Deployment{Cluster: r.opts.Cluster, Region: r.opts.Region, Partition: "aws"}
	if a, err := arn.Parse(aws.ToString(st.cluster.Arn)); err == nil {
		d.Partition, d.Region, d.Account = a.Partition, a.Region, a.AccountID
	}
	if id := st.cluster.Identity; id != nil && id.Oidc != nil {
		if issuer := strings.TrimPrefix(aws.ToString(id.Oidc.Issuer), "https://"); issuer != "" {
			d.OIDCIssuer = issuer
			d.OIDCProviderARN = fmt.Sprintf("arn:%s:iam::%s:oidc-provider/%s", d.Partition, d.Account, issuer)
		}
	}

	// The node role: the Domino node groups' (the first one's when they differ).
	for _, g := range st.dominoGroups() {
		if g.NodeRole == "" {
			continue
		}
		role, err := r.liveRole(ctx, g.NodeRole)
		if err != nil {
			return nil, unk, err
		}
		d.NodeRole = role
		break
	}

	if err := r.liveAddons(ctx, d, &unk); err != nil {
		return nil, unk, err
	}
	if err := r.liveCalico(ctx, d, &unk); err != nil {
		return nil, unk, err
	}
	if a, ok := d.Addons["aws-ebs-csi-driver"]; ok && a.ServiceAccountRoleARN != "" {
		role, err := r.liveRole(ctx, a.ServiceAccountRoleARN)
		if err != nil {
			return nil, unk, err
		}
		if role != nil {
			d.Roles = append(d.Roles, role)
		}
	}

	key, keyNames, err := r.liveKey(ctx)
	if err != nil {
		return nil, unk, err
	}
	d.Key = key
	if err := r.liveBuckets(ctx, st, d, keyNames, &unk); err != nil {
		return nil, unk, err
	}
	if err := r.liveRepositories(ctx, d); err != nil {
		return nil, unk, err
	}
	if err := r.livePullThrough(ctx, d, &unk); err != nil {
		return nil, unk, err
	}
	if err := r.liveAccessHost(ctx, st, d, &unk); err != nil {
		return nil, unk, err
	}
	d.NodeEgress = st.nodeEgress()
	if err := r.liveNodeGroups(ctx, st, d); err != nil {
		return nil, unk, err
	}
	if st.efsID != "" {
		d.FileSystemARN = fmt.Sprintf("arn:%s:elasticfilesystem:%s:%s:file-system/%s", d.Partition, d.Region, d.Account, st.efsID)
		for _, mt := range st.mountTargets {
			if z := aws.ToString(mt.AvailabilityZoneName); z != "" && !slices.Contains(d.MountTargetZones, z) {
				d.MountTargetZones = append(d.MountTargetZones, z)
			}
		}
		sort.Strings(d.MountTargetZones)
	}
	dns, err := r.liveVPCDNS(ctx, st.vpc)
	if err != nil {
		return nil, unk, err
	}
	d.VPCDNS = dns
	return d, unk, nil
}

// liveRole reads a role's trust policy and permission policies; nil when
// the role does not exist.
func (r *runner) liveRole(ctx context.Context, arn string) (*workloads.Role, error) {
	name := roleNameFromARN(arn)
	r.progress("get role " + name)
	out, err := r.c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if APIErrorCode(err) == "NoSuchEntity" {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get IAM role %q: %w", name, err)
	}
	doc := aws.ToString(out.Role.AssumeRolePolicyDocument)
	if dec, err := url.QueryUnescape(doc); err == nil {
		doc = dec
	}
	trust, err := iamdoc.ParsePolicy("trust:"+name, doc)
	if err != nil {
		return nil, fmt.Errorf("trust policy of role %q: %w", name, err)
	}
	policies, err := r.rolePolicies(ctx, name)
	if err != nil {
		return nil, err
	}
	return &workloads.Role{Name: name, ARN: aws.ToString(out.Role.Arn), Trust: trust, Policies: policies}, nil
}

// liveAddons reads the cluster's EKS add-ons; when the API is not
// available, d.Addons stays nil and unk says why.
func (r *runner) liveAddons(ctx context.Context, d *workloads.Deployment, unk *unknowns) error {
	r.progress("list EKS add-ons")
	var names []string
	p := eks.NewListAddonsPaginator(r.c.EKS, &eks.ListAddonsInput{ClusterName: aws.String(r.opts.Cluster)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if optionalAPIError(err) {
			unk.addons = unreadReason(err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("list EKS add-ons of cluster %q: %w", r.opts.Cluster, err)
		}
		names = append(names, page.Addons...)
	}
	d.Addons = map[string]workloads.Addon{}
	for _, name := range names {
		out, err := r.c.EKS.DescribeAddon(ctx, &eks.DescribeAddonInput{ClusterName: aws.String(r.opts.Cluster), AddonName: aws.String(name)})
		var nf *ekstypes.ResourceNotFoundException
		if errors.As(err, &nf) {
			continue
		}
		if optionalAPIError(err) {
			d.Addons, unk.addons = nil, unreadReason(err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("describe EKS add-on %q of cluster %q: %w", name, r.opts.Cluster, err)
		}
		if a := out.Addon; a != nil {
			d.Addons[name] = workloads.Addon{Name: name, Version: aws.ToString(a.AddonVersion),
				Configuration: aws.ToString(a.ConfigurationValues), ServiceAccountRoleARN: aws.ToString(a.ServiceAccountRoleArn)}
		}
	}
	return nil
}

// liveKey resolves the customer key the KMS checks look at and reads its
// key policy (nil policy when it cannot be read); the names are every way a
// bucket's encryption may refer to it.
func (r *runner) liveKey(ctx context.Context) (*workloads.Key, []string, error) {
	if r.c.KMS == nil {
		return nil, nil, nil
	}
	ref := r.keyRef()
	meta, err := r.describeKey(ctx)
	if err != nil || meta == nil {
		return nil, nil, err
	}
	key := &workloads.Key{ARN: aws.ToString(meta.Arn)}
	names := []string{key.ARN, aws.ToString(meta.KeyId), ref}
	r.progress("get key policy of " + ref)
	pol, err := r.c.KMS.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: meta.KeyId, PolicyName: aws.String("default")})
	switch {
	case optionalAPIError(err):
		// Unknown policy: the evaluation says so.
	case err != nil:
		return nil, nil, fmt.Errorf("get key policy of KMS key %s: %w", key.ARN, err)
	default:
		p, err := iamdoc.ParsePolicy("key policy", aws.ToString(pol.Policy))
		if err != nil {
			return nil, nil, fmt.Errorf("key policy of KMS key %s: %w", key.ARN, err)
		}
		key.Policy = &p
	}
	return key, names, nil
}

// bucketRole maps a bucket name to its role by suffix; "" for a data bucket
// of another name.
func bucketRole(name string) string {
	for _, role := range []string{workloads.BucketBlobs, workloads.BucketLogs, workloads.BucketBackups, workloads.BucketRegistry} {
		if strings.HasSuffix(name, "-"+role) {
			return role
		}
	}
	return ""
}

// liveBuckets reads the existing Domino buckets' policies, default
// encryption and lifecycle rules.
func (r *runner) liveBuckets(ctx context.Context, st *state, d *workloads.Deployment, keyNames []string, unk *unknowns) error {
	d.Buckets = map[string]workloads.Bucket{}
	var others []string
	for _, name := range st.existingBuckets {
		role := bucketRole(name)
		if role == "" {
			others = append(others, name)
			continue
		}
		b, err := r.liveBucket(ctx, d, name, keyNames, unk)
		if err != nil {
			return err
		}
		d.Buckets[role] = b
	}
	// Buckets of other names are data buckets, in the free data roles.
	for _, name := range others {
		for _, role := range workloads.DataBucketRoles {
			if _, taken := d.Buckets[role]; taken {
				continue
			}
			b, err := r.liveBucket(ctx, d, name, keyNames, unk)
			if err != nil {
				return err
			}
			d.Buckets[role] = b
			break
		}
	}
	return nil
}

func (r *runner) liveBucket(ctx context.Context, d *workloads.Deployment, name string, keyNames []string, unk *unknowns) (workloads.Bucket, error) {
	b := workloads.Bucket{Name: name, ARN: fmt.Sprintf("arn:%s:s3:::%s", d.Partition, name)}
	r.progress("get policy of bucket " + name)
	pol, err := r.c.S3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(name)})
	switch {
	case APIErrorCode(err) == "NoSuchBucketPolicy":
	case optionalAPIError(err):
		unk.resources[b.ARN] = "could not read the bucket policy of " + name + ": " + unreadReason(err)
	case err != nil:
		return b, fmt.Errorf("get policy of S3 bucket %q: %w", name, err)
	default:
		p, err := iamdoc.ParsePolicy("bucket policy "+name, aws.ToString(pol.Policy))
		if err != nil {
			return b, fmt.Errorf("policy of S3 bucket %q: %w", name, err)
		}
		b.Policy = &p
	}

	enc, err := r.c.S3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(name)})
	switch {
	case APIErrorCode(err) == "ServerSideEncryptionConfigurationNotFoundError":
	case err != nil:
		return b, fmt.Errorf("get encryption of S3 bucket %q: %w", name, err)
	case enc.ServerSideEncryptionConfiguration != nil:
		for _, rule := range enc.ServerSideEncryptionConfiguration.Rules {
			def := rule.ApplyServerSideEncryptionByDefault
			if def == nil || !strings.HasPrefix(string(def.SSEAlgorithm), "aws:kms") {
				continue
			}
			id := aws.ToString(def.KMSMasterKeyID)
			b.KMSKeyARN = id
			for _, n := range keyNames {
				if n != "" && (id == n || strings.HasSuffix(id, ":"+n)) {
					b.KMSKeyARN = keyNames[0]
				}
			}
			break
		}
	}

	r.progress("get lifecycle of bucket " + name)
	lc, err := r.c.S3.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(name)})
	switch {
	case APIErrorCode(err) == "NoSuchLifecycleConfiguration":
		b.AbortsIncompleteUploads = aws.Bool(false)
	case optionalAPIError(err):
	case err != nil:
		return b, fmt.Errorf("get lifecycle configuration of S3 bucket %q: %w", name, err)
	default:
		aborts := false
		for _, rule := range lc.Rules {
			if rule.Status == s3types.ExpirationStatusEnabled && rule.AbortIncompleteMultipartUpload != nil &&
				aws.ToInt32(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation) > 0 && wholeBucket(rule.Filter, aws.ToString(rule.Prefix)) {
				aborts = true
			}
		}
		b.AbortsIncompleteUploads = &aborts
	}
	return b, nil
}

// liveRepositories lists the ECR repositories named <cluster>/....
func (r *runner) liveRepositories(ctx context.Context, d *workloads.Deployment) error {
	if r.c.ECR == nil {
		return nil
	}
	prefix := r.repositoryPrefix() + "/"
	p := ecr.NewDescribeRepositoriesPaginator(r.c.ECR, &ecr.DescribeRepositoriesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list ECR repositories: %w", err)
		}
		for _, repo := range page.Repositories {
			if strings.HasPrefix(aws.ToString(repo.RepositoryName), prefix) {
				d.Repositories = append(d.Repositories, workloads.Repository{ARN: aws.ToString(repo.RepositoryArn), URL: aws.ToString(repo.RepositoryUri)})
			}
		}
	}
	return nil
}

// liveNodeGroups describes the Domino node groups: pool, zones, taints and
// whether their Auto Scaling groups carry the auto-discovery tags.
func (r *runner) liveNodeGroups(ctx context.Context, st *state, d *workloads.Deployment) error {
	groups := st.dominoGroups()
	var asgs []string
	for _, g := range groups {
		asgs = append(asgs, g.ASGs...)
	}
	tags, err := r.asgTags(ctx, asgs)
	if err != nil {
		return err
	}
	for _, g := range groups {
		ng := workloads.NodeGroup{Name: g.Name, Pool: g.Pool, Compute: g.Pool != PoolPlatform, Zones: g.AZs,
			Labels: g.Labels, InstanceTypes: g.InstanceTypes, AMIType: g.AMIType, CapacityType: g.CapacityType,
			Version: g.Version, Min: int(g.Min), Max: int(g.Max)}
		if len(g.ASGs) > 0 {
			ng.ASGTags = tags[g.ASGs[0]]
		}
		for _, t := range g.Taints {
			effect, ok := awsfacts.KubernetesTaintEffect(string(t.Effect))
			if !ok {
				effect = string(t.Effect)
			}
			ng.Taints = append(ng.Taints, workloads.Taint{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value), Effect: effect})
		}
		if len(g.ASGs) > 0 {
			tagged := true
			for _, asg := range g.ASGs {
				have, found := tags[asg]
				if !found {
					tagged = false
					break
				}
				_, owned := have[tagAutoscalerPrefix+r.opts.Cluster]
				if !strings.EqualFold(have[tagAutoscalerEnabled], "true") || !owned {
					tagged = false
				}
			}
			ng.AutoDiscoveryTags = &tagged
		}
		d.NodeGroups = append(d.NodeGroups, ng)
	}
	return nil
}

// liveVPCDNS reads the VPC's DNS support and DNS hostnames; nil when they
// cannot be read.
func (r *runner) liveVPCDNS(ctx context.Context, vpc string) (*bool, error) {
	if vpc == "" {
		return nil, nil
	}
	on := true
	for _, attr := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsSupport, ec2types.VpcAttributeNameEnableDnsHostnames} {
		r.progress("describe VPC attribute " + string(attr))
		out, err := r.c.EC2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(vpc), Attribute: attr})
		if optionalAPIError(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("describe %s of VPC %s: %w", attr, vpc, err)
		}
		v := out.EnableDnsSupport
		if attr == ec2types.VpcAttributeNameEnableDnsHostnames {
			v = out.EnableDnsHostnames
		}
		if v == nil || !aws.ToBool(v.Value) {
			on = false
		}
	}
	return &on, nil
}

// wholeBucket reports whether a lifecycle rule's filter (or legacy prefix)
// covers every object of the bucket.
func wholeBucket(f *s3types.LifecycleRuleFilter, legacyPrefix string) bool {
	if legacyPrefix != "" {
		return false
	}
	if f == nil {
		return true
	}
	return f.And == nil && f.Tag == nil && aws.ToString(f.Prefix) == "" && f.ObjectSizeGreaterThan == nil && f.ObjectSizeLessThan == nil
}

// unreadReason says in a few words why an optional read failed: the
// operation and AWS's error code and HTTP status, not the SDK's whole chain
// (an emulator's 500 page would otherwise be quoted as a JSON decode error).
func unreadReason(err error) string {
	op := ""
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		op = oe.ServiceID + " " + oe.OperationName + ": "
	}
	code, status := APIErrorCode(err), HTTPStatus(err)
	switch {
	case code != "" && status != 0:
		return fmt.Sprintf("%s%s (HTTP %d)", op, code, status)
	case code != "":
		return op + code
	case status != 0:
		return fmt.Sprintf("%sHTTP %d after retries", op, status)
	}
	return err.Error()
}
