package domino_test

import (
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAutoScalingRoleStaysRegistered: the service-linked role the component
// created in its first up is found on the next one (recognised by its
// description) and stays in the program instead of dropping out of the stack;
// after a destroy (no cluster) it is adopted; someone else's role is left alone.
func TestAutoScalingRoleStaysRegistered(t *testing.T) {
	const (
		slrType = "aws:iam/serviceLinkedRole:ServiceLinkedRole"
		name    = "AWSServiceRoleForAutoScaling"
		ours    = "EC2 Auto Scaling (created for the managed node groups of domino)"
	)
	tests := []struct {
		name       string
		account    preview.Holdings
		wantRole   bool
		wantImport bool
	}{
		{"later up: ours, kept", preview.Holdings{Clusters: []string{"domino"}, RoleDescriptions: map[string]string{name: ours}}, true, false},
		{"after a destroy: ours, adopted", preview.Holdings{RoleDescriptions: map[string]string{name: ours}}, true, true},
		{"the account's own role: untouched", preview.Holdings{RoleDescriptions: map[string]string{name: "Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling"}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.Run(domino.Program("domino", domino.DominoEKSArgs{}), preview.Options{Account: tt.account})
			require.NoError(t, err)
			roles := res.Find(slrType)
			if !tt.wantRole {
				assert.Empty(t, roles)
				return
			}
			require.Len(t, roles, 1)
			assert.Equal(t, tt.wantImport, roles[0].ImportID != "", roles[0].ImportID)
		})
	}
}
