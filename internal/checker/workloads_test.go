package checker

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeIAM is a role with no inline policy and the attached policies given,
// none of which GetPolicy can return.
type fakeIAM struct {
	IAMAPI
	attached []string
}

func (f fakeIAM) ListRolePolicies(context.Context, *iam.ListRolePoliciesInput, ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error) {
	return &iam.ListRolePoliciesOutput{}, nil
}

func (f fakeIAM) ListAttachedRolePolicies(context.Context, *iam.ListAttachedRolePoliciesInput, ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error) {
	out := &iam.ListAttachedRolePoliciesOutput{}
	for _, arn := range f.attached {
		out.AttachedPolicies = append(out.AttachedPolicies, iamtypes.AttachedPolicy{PolicyArn: aws.String(arn), PolicyName: aws.String(roleNameFromARN(arn))})
	}
	return out, nil
}

func (f fakeIAM) GetPolicy(_ context.Context, in *iam.GetPolicyInput, _ ...func(*iam.Options)) (*iam.GetPolicyOutput, error) {
	return nil, &iamtypes.NoSuchEntityException{Message: aws.String("Policy " + aws.ToString(in.PolicyArn) + " was not found.")}
}

func TestRolePoliciesAWSManagedFallback(t *testing.T) {
	ctx := context.Background()
	t.Run("an AWS managed policy the API lacks is read from internal/awsmanaged", func(t *testing.T) {
		r := &runner{c: Clients{IAM: fakeIAM{attached: []string{"arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"}}}}
		policies, err := r.rolePolicies(ctx, "node")
		require.NoError(t, err)
		require.Len(t, policies, 1)
		assert.Equal(t, "managed:AmazonEKS_CNI_Policy", policies[0].Name)
		assert.NotEmpty(t, policies[0].Statements)
	})
	t.Run("a customer managed policy that cannot be read is an error", func(t *testing.T) {
		r := &runner{c: Clients{IAM: fakeIAM{attached: []string{"arn:aws:iam::123456789012:policy/AmazonEKS_CNI_Policy"}}}}
		_, err := r.rolePolicies(ctx, "node")
		require.ErrorContains(t, err, "get managed policy arn:aws:iam::123456789012:policy/AmazonEKS_CNI_Policy")
	})
}

func TestOptionalAPIError(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&smithy.GenericAPIError{Code: "AccessDeniedException"}, true},
		{&smithy.GenericAPIError{Code: "AccessDenied"}, true},
		{&smithy.GenericAPIError{Code: "UnauthorizedOperation"}, true},
		{&smithy.GenericAPIError{Code: "ThrottlingException"}, false},
		{errors.New("dial tcp: connection refused"), false},
	} {
		assert.Equal(t, tc.want, optionalAPIError(tc.err), "%v", tc.err)
	}
}

// TestLiveResultUnknowns: what the evaluation concludes from facts the
// checker could not read is unknown (WARN), never met nor a gap; the
// installer capabilities are left out.
func TestLiveResultUnknowns(t *testing.T) {
	byID := map[string]workloads.Workload{}
	for _, w := range workloads.Table() {
		byID[w.ID] = w
	}
	const bucket = "arn:aws:s3:::domino-blobs"
	res := workloads.Result{ID: "blob-storage", Status: workloads.Unknown,
		Needs: []workloads.NeedResult{
			{Action: "s3:GetObject", Resource: bucket + "/*", Status: workloads.Satisfied, By: []string{"inline:s3/Objects"}},
			{Action: "s3:ListBucket", Resource: "arn:aws:s3:::domino-logs", Status: workloads.Satisfied, By: []string{"inline:s3/List"}},
		},
		Capabilities: []workloads.CapabilityResult{
			{ID: workloads.CapAbortIncompleteUploads, Status: workloads.Satisfied, Evidence: "ok"},
			{ID: workloads.CapInstallerBlobStores, Status: workloads.Unknown, Evidence: "installer values are not known"},
		},
	}
	t.Run("installer capabilities are left out", func(t *testing.T) {
		got := liveResult(byID["blob-storage"], res, unknowns{})
		assert.Equal(t, workloads.Satisfied, got.Status)
		require.Len(t, got.Capabilities, 1)
		r := workloadResult("workload.blob-storage", byID["blob-storage"], got)
		assert.Equal(t, StatusPass, r.Status, r.Evidence)
		assert.Contains(t, r.Evidence, "inline:s3/Objects, inline:s3/List")
	})
	t.Run("an unreadable bucket policy makes its needs unknown", func(t *testing.T) {
		got := liveResult(byID["blob-storage"], res, unknowns{resources: map[string]string{bucket: "could not read the bucket policy of domino-blobs"}})
		assert.Equal(t, workloads.Unknown, got.Status)
		assert.Equal(t, workloads.Unknown, got.Needs[0].Status)
		assert.Equal(t, workloads.Satisfied, got.Needs[1].Status, "another bucket is not affected")
		r := workloadResult("workload.blob-storage", byID["blob-storage"], got)
		assert.Equal(t, StatusWarn, r.Status)
		assert.Contains(t, r.Evidence, "s3:GetObject on arn:aws:s3:::domino-blobs/*: could not read the bucket policy of domino-blobs")
	})
	t.Run("unreadable add-ons make the add-on capabilities unknown, not gaps", func(t *testing.T) {
		cni := workloads.Result{ID: "vpc-cni", Status: workloads.Gap, Capabilities: []workloads.CapabilityResult{
			{ID: workloads.CapNetworkPolicy, Status: workloads.Gap, Evidence: "no vpc-cni managed add-on"},
		}}
		got := liveResult(byID["vpc-cni"], cni, unknowns{addons: "AccessDeniedException"})
		r := workloadResult("workload.vpc-cni", byID["vpc-cni"], got)
		assert.Equal(t, StatusWarn, r.Status)
		assert.Contains(t, r.Evidence, "network-policy-enforced: could not read the cluster's add-ons: AccessDeniedException")
	})
}
