package iamdoc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []Statement
	}{
		{"one statement, strings", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`,
			[]Statement{{Effect: "Allow", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}}}},
		{"lists and principals", `{"Statement":[{"Effect":"Allow","Action":["kms:*"],"Principal":{"AWS":"arn:aws:iam::1:root"},"Resource":"*"},
			{"Effect":"Deny","Action":"s3:*","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			[]Statement{
				{Effect: "Allow", Actions: []string{"kms:*"}, Resources: []string{"*"}, Principal: map[string]any{"AWS": "arn:aws:iam::1:root"}},
				{Effect: "Deny", Actions: []string{"s3:*"}, Principal: "*", Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.doc)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := Parse(`{"Statement":"nope"}`)
	assert.Error(t, err)
	_, err = Parse(`not json`)
	assert.Error(t, err)
}

func TestAllowsAndPrincipals(t *testing.T) {
	s := Statement{Effect: "Allow", Actions: []string{"kms:Encrypt", "kms:ReEncrypt*"}, Principal: map[string]any{"AWS": []any{"a", "b"}}}
	assert.True(t, s.Allows("kms:Encrypt"))
	assert.True(t, s.Allows("kms:ReEncryptFrom"), "wildcard suffix")
	assert.False(t, s.Allows("kms:Decrypt"))
	assert.Equal(t, []string{"a", "b"}, s.Principals("AWS"))
	assert.Nil(t, s.Principals("Service"))
	assert.False(t, Statement{Effect: "Deny", Actions: []string{"*"}}.Allows("kms:Encrypt"), "a Deny allows nothing")
	assert.True(t, Statement{Effect: "Allow", Actions: []string{"*"}}.Allows("kms:Encrypt"))
}
