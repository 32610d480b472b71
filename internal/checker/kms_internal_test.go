package checker

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingKMS answers DescribeKey from a fixed outcome and counts the calls.
type countingKMS struct {
	KMSAPI
	calls int
	meta  *kmstypes.KeyMetadata
	err   error
}

func (k *countingKMS) DescribeKey(context.Context, *kms.DescribeKeyInput, ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	k.calls++
	if k.err != nil {
		return nil, k.err
	}
	return &kms.DescribeKeyOutput{KeyMetadata: k.meta}, nil
}

// TestCustomerKeyIsDescribedOnce: the KMS checks and the workload evaluation
// share one DescribeKey of the customer key, whatever its outcome.
func TestCustomerKeyIsDescribedOnce(t *testing.T) {
	tests := []struct {
		name    string
		kms     *countingKMS
		wantKey bool
		wantErr string
	}{
		{"key found", &countingKMS{meta: &kmstypes.KeyMetadata{KeyId: aws.String("k1"), Arn: aws.String("arn:aws:kms:us-west-2:111122223333:key/k1")}}, true, ""},
		{"no such key", &countingKMS{err: &kmstypes.NotFoundException{Message: aws.String("alias/domino is not found")}}, false, ""},
		{"access denied", &countingKMS{err: errors.New("AccessDeniedException")}, false, `describe KMS key "alias/domino"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{KMS: tt.kms}, opts: Options{Cluster: "domino"}}
			for range 2 {
				meta, err := r.describeKey(context.Background())
				if tt.wantErr != "" {
					require.ErrorContains(t, err, tt.wantErr)
				} else {
					require.NoError(t, err)
				}
				assert.Equal(t, tt.wantKey, meta != nil)
			}
			assert.Equal(t, 1, tt.kms.calls)
		})
	}
}
