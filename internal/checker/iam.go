package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsmanaged"
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

const iamS3Title = "Node role may list, read, write and delete in the Domino buckets"

// s3BucketActions must be allowed on the bucket ARN, s3ObjectActions on
// "<bucket ARN>/*": the workload table's lists (Domino's blob clients and
// the registry's S3 driver), so check and plan ask for the same actions.
var (
	s3BucketActions = workloads.S3BucketActions
	s3ObjectActions = workloads.S3ObjectActions
)

func (r *runner) checkIAM(ctx context.Context, st *state) ([]Result, error) {
	const id = CheckIAMS3Access
	fix := fmt.Sprintf("attach a policy to the node role allowing %s on arn:aws:s3:::<bucket> and %s on arn:aws:s3:::<bucket>/* for each Domino bucket, and remove Deny statements that cover them",
		strings.Join(s3BucketActions, ", "), strings.Join(s3ObjectActions, ", "))
	if len(st.buckets) == 0 {
		return []Result{warn(id, iamS3Title, "skipped: no Domino buckets known", "see "+CheckS3Buckets)}, nil
	}
	roles := map[string]bool{}
	for _, g := range st.dominoGroups() {
		if g.NodeRole != "" {
			roles[g.NodeRole] = true
		}
	}
	if len(roles) == 0 {
		return []Result{warn(id, iamS3Title, "skipped: no Domino node group reports a node role", "see "+CheckPlatformPool)}, nil
	}
	var failures, conditional, ok []string
	for _, roleARN := range slices.Sorted(maps.Keys(roles)) {
		roleName := roleNameFromARN(roleARN)
		policies, err := r.rolePolicies(ctx, roleName)
		if err != nil {
			return nil, err
		}
		partition := arnPartition(roleARN)
		var names []string
		for _, p := range policies {
			names = append(names, p.Name)
		}
		for _, b := range st.buckets {
			bucketARN := fmt.Sprintf("arn:%s:s3:::%s", partition, b)
			reqs := map[string][]string{bucketARN: s3BucketActions, bucketARN + "/*": s3ObjectActions}
			for _, res := range []string{bucketARN, bucketARN + "/*"} {
				for _, action := range reqs[res] {
					ev := iamdoc.Evaluate(policies, iamdoc.Request{Action: action, Resource: res})
					msg := fmt.Sprintf("role %s: %s on %s %s", roleName, action, res, ev.Decision)
					if len(ev.By) > 0 {
						msg += " by " + strings.Join(ev.By, ", ")
					}
					switch ev.Decision {
					case iamdoc.DecisionAllowed:
					case iamdoc.DecisionConditional:
						conditional = append(conditional, msg+" (conditions are not evaluated)")
					default:
						failures = append(failures, msg)
					}
				}
			}
		}
		ok = append(ok, fmt.Sprintf("role %s (policies: %s)", roleName, listOrNone(names)))
	}
	switch {
	case len(failures) > 0:
		return []Result{fail(id, iamS3Title, strings.Join(append(failures, conditional...), "; "), fix)}, nil
	case len(conditional) > 0:
		return []Result{warn(id, iamS3Title, strings.Join(conditional, "; "), "verify the conditions allow the nodes' requests, or "+fix)}, nil
	}
	return []Result{pass(id, iamS3Title, fmt.Sprintf("%s allow %s on %s",
		strings.Join(ok, "; "), strings.Join(append(slices.Clone(s3BucketActions), s3ObjectActions...), ", "), strings.Join(st.buckets, ", ")))}, nil
}

// rolePolicies loads the inline and attached managed policies of a role.
func (r *runner) rolePolicies(ctx context.Context, role string) ([]iamdoc.Policy, error) {
	r.progress("read policies of role " + role)
	var out []iamdoc.Policy
	ip := iam.NewListRolePoliciesPaginator(r.c.IAM, &iam.ListRolePoliciesInput{RoleName: aws.String(role)})
	for ip.HasMorePages() {
		page, err := ip.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list inline policies of role %q: %w", role, err)
		}
		for _, name := range page.PolicyNames {
			got, err := r.c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
			if err != nil {
				return nil, fmt.Errorf("get inline policy %q of role %q: %w", name, role, err)
			}
			p, err := iamdoc.ParsePolicy("inline:"+name, aws.ToString(got.PolicyDocument))
			if err != nil {
				return nil, fmt.Errorf("role %q: %w", role, err)
			}
			out = append(out, p)
		}
	}
	ap := iam.NewListAttachedRolePoliciesPaginator(r.c.IAM, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	for ap.HasMorePages() {
		page, err := ap.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list attached policies of role %q: %w", role, err)
		}
		for _, att := range page.AttachedPolicies {
			arn := aws.ToString(att.PolicyArn)
			pol, err := r.c.IAM.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: att.PolicyArn})
			if known, ok := awsmanaged.Lookup(arn); err != nil && ok && isAWSManaged(arn) {
				// An AWS managed policy the API cannot return (an emulator
				// without them): its published document.
				p, perr := iamdoc.ParsePolicy("managed:"+aws.ToString(att.PolicyName), known.Document)
				if perr != nil {
					return nil, fmt.Errorf("role %q: AWS managed policy %s: %w", role, arn, perr)
				}
				out = append(out, p)
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("get managed policy %s: %w", arn, err)
			}
			if pol.Policy == nil || pol.Policy.DefaultVersionId == nil {
				return nil, fmt.Errorf("managed policy %s has no default version", arn)
			}
			ver, err := r.c.IAM.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: att.PolicyArn, VersionId: pol.Policy.DefaultVersionId})
			if err != nil {
				return nil, fmt.Errorf("get version %s of managed policy %s: %w", aws.ToString(pol.Policy.DefaultVersionId), arn, err)
			}
			if ver.PolicyVersion == nil {
				return nil, fmt.Errorf("managed policy %s: empty policy version", arn)
			}
			p, err := iamdoc.ParsePolicy("managed:"+aws.ToString(att.PolicyName), aws.ToString(ver.PolicyVersion.Document))
			if err != nil {
				return nil, fmt.Errorf("role %q: %w", role, err)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// isAWSManaged reports whether a policy ARN is an AWS managed policy's
// (account "aws").
func isAWSManaged(s string) bool {
	a, err := arn.Parse(s)
	return err == nil && a.Service == "iam" && a.AccountID == "aws"
}

// roleNameFromARN returns the role name (without path) of a role ARN, or
// the input when it is not an ARN.
func roleNameFromARN(arn string) string {
	if i := strings.LastIndex(arn, "/"); i >= 0 && strings.HasPrefix(arn, "arn:") {
		return arn[i+1:]
	}
	return arn
}

// arnPartition returns the partition of an ARN, "aws" when unknown.
func arnPartition(s string) string {
	if a, err := arn.Parse(s); err == nil && a.Partition != "" {
		return a.Partition
	}
	return "aws"
}
