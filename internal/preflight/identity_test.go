package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAdminEntries: preflight says which listed admins the up gives an entry
// and which it leaves alone (the caller's own, which EKS makes).
func TestAdminEntries(t *testing.T) {
	const caller = "arn:aws:sts::123456789012:assumed-role/deployer/alice"
	tests := []struct {
		name   string
		admins []string
		want   []string
		not    []string
	}{
		{"the caller listed", []string{"arn:aws:iam::123456789012:role/deployer", "arn:aws:iam::123456789012:role/ci"},
			[]string{"adminPrincipalArns arn:aws:iam::123456789012:role/deployer: the caller's own entry, made by EKS, left alone", "creates admin access entries for arn:aws:iam::123456789012:role/ci"}, nil},
		{"others only", []string{"arn:aws:iam::123456789012:role/ci"}, []string{"creates admin access entries for arn:aws:iam::123456789012:role/ci"}, []string{"left alone"}},
		{"none", nil, nil, []string{"left alone", "creates"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := adminEntries(caller, tt.admins)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			for _, n := range tt.not {
				assert.NotContains(t, got, n)
			}
		})
	}
}
