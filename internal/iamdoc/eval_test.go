package iamdoc

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluate(t *testing.T) {
	const (
		bucket  = "arn:aws:s3:::domino-blobs"
		objects = "arn:aws:s3:::domino-blobs/*"
	)
	tests := []struct {
		name     string
		docs     []string
		action   string
		resource string
		want     Decision
		by       string
	}{
		{
			name:   "action as string, exact resource",
			docs:   []string{`{"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::domino-blobs"}}`},
			action: "s3:ListBucket", resource: bucket, want: DecisionAllowed, by: "p0/statement[0]",
		},
		{
			name:   "action as list",
			docs:   []string{`{"Statement":[{"Sid":"Obj","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::domino-blobs/*"]}]}`},
			action: "s3:PutObject", resource: objects, want: DecisionAllowed, by: "p0/Obj",
		},
		{
			name:   "action not in list",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::domino-blobs/*"}]}`},
			action: "s3:DeleteObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "service wildcard s3:*",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`},
			action: "s3:DeleteObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "prefix wildcard s3:Get* matches GetObject",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::domino-*/*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "prefix wildcard s3:Get* does not match PutObject",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`},
			action: "s3:PutObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "actions are case-insensitive",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"S3:getobject","Resource":"*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "question mark wildcard in action",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:?etObject","Resource":"*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "NotAction allows everything else",
			docs:   []string{`{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "NotAction excludes the action",
			docs:   []string{`{"Statement":[{"Effect":"Allow","NotAction":["s3:Delete*"],"Resource":"*"}]}`},
			action: "s3:DeleteObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "bucket ARN does not cover objects",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::domino-blobs"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "object prefix does not cover all objects",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::domino-blobs/home/*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "single character wildcard does not cover all objects",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::domino-blobs/?"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "resource wildcard across buckets",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::domino-*"}]}`},
			action: "s3:ListBucket", resource: bucket, want: DecisionAllowed,
		},
		{
			name:   "other bucket",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::other"}]}`},
			action: "s3:ListBucket", resource: bucket, want: DecisionImplicitDeny,
		},
		{
			name:   "resources are case-sensitive",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::Domino-Blobs"}]}`},
			action: "s3:ListBucket", resource: bucket, want: DecisionImplicitDeny,
		},
		{
			name: "explicit deny wins across policies",
			docs: []string{
				`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
				`{"Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::*"}]}`,
			},
			action: "s3:DeleteObject", resource: objects, want: DecisionExplicitDeny, by: "p1/NoDelete",
		},
		{
			name: "deny on part of the objects still denies",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::domino-blobs/restricted/*"}]}`},
			action: "s3:PutObject", resource: objects, want: DecisionExplicitDeny, by: "p0/statement[1]",
		},
		{
			name: "deny on another bucket does not apply",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Effect":"Deny","Action":"s3:*","Resource":["arn:aws:s3:::other","arn:aws:s3:::other/*"]}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name: "deny of the bucket ARN does not cover objects",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::domino-blobs"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name: "deny with NotResource excluding the bucket does not apply",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::domino-*"]}]}`},
			action: "s3:DeleteObject", resource: objects, want: DecisionAllowed,
		},
		{
			name: "deny with NotResource not excluding the bucket applies",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::logs-*"}]}`},
			action: "s3:DeleteObject", resource: objects, want: DecisionExplicitDeny,
		},
		{
			name:   "allow with NotResource covering other buckets",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "allow with NotResource excluding some objects does not cover all",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::domino-blobs/private/*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "conditional allow is not counted as granting",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionConditional,
		},
		{
			name: "conditional deny makes an allow conditional",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*"},
				{"Sid":"TLS","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionConditional, by: "p0/TLS",
		},
		{
			name: "unconditional deny beats conditional allow",
			docs: []string{`{"Statement":[
				{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},
				{"Effect":"Deny","Action":"*","Resource":"*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionExplicitDeny,
		},
		{
			name:   "empty condition counts as none",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{}}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionAllowed,
		},
		{
			name:   "statement without Resource grants nothing",
			docs:   []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}`},
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
		{
			name:   "no policies",
			action: "s3:GetObject", resource: objects, want: DecisionImplicitDeny,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var policies []Policy
			for i, d := range tc.docs {
				p, err := ParsePolicy("p"+string(rune('0'+i)), d)
				require.NoError(t, err)
				policies = append(policies, p)
			}
			got := Evaluate(policies, Request{Action: tc.action, Resource: tc.resource})
			assert.Equal(t, tc.want, got.Decision)
			if tc.by != "" {
				assert.Contains(t, got.By, tc.by)
			}
		})
	}
}

func TestParsePolicy(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`

	t.Run("URL-encoded as returned by the IAM API", func(t *testing.T) {
		p, err := ParsePolicy("enc", url.PathEscape(doc))
		require.NoError(t, err)
		require.Len(t, p.Statements, 1)
		assert.Equal(t, []string{"s3:GetObject"}, p.Statements[0].Actions)
		assert.Equal(t, []string{"arn:aws:s3:::b/*"}, p.Statements[0].Resources)
	})
	t.Run("single statement object", func(t *testing.T) {
		p, err := ParsePolicy("one", strings.Replace(strings.Replace(doc, "[", "", 1), "]", "", 1))
		require.NoError(t, err)
		require.Len(t, p.Statements, 1)
		assert.Equal(t, "Allow", p.Statements[0].Effect)
	})
	t.Run("invalid JSON", func(t *testing.T) {
		_, err := ParsePolicy("bad", `{"Statement":`)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "policy bad")
	})
	t.Run("Action of the wrong type", func(t *testing.T) {
		_, err := ParsePolicy("bad", `{"Statement":[{"Effect":"Allow","Action":42,"Resource":"*"}]}`)
		require.Error(t, err)
	})
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, requested string
		covers, intersects bool
	}{
		{"*", "arn:aws:s3:::b/*", true, true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/*", true, true},
		{"arn:aws:s3:::b*", "arn:aws:s3:::b/*", true, true},
		{"arn:aws:s3:::b/x/*", "arn:aws:s3:::b/*", false, true},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/*", false, true},
		{"arn:aws:s3:::b", "arn:aws:s3:::b/*", false, false},
		{"arn:aws:s3:::c/*", "arn:aws:s3:::b/*", false, false},
		{"arn:aws:s3:::b", "arn:aws:s3:::b", true, true},
		{"arn:aws:s3:::?", "arn:aws:s3:::b", true, true},
		{"arn:aws:s3:::b*", "arn:aws:s3:::bucket", true, true},
		{"arn:aws:s3:::b", "arn:aws:s3:::bucket", false, false},
		{"a**b", "axxb", true, true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.covers, globCovers(tc.pattern, tc.requested), "covers(%q, %q)", tc.pattern, tc.requested)
		assert.Equal(t, tc.intersects, globIntersects(tc.pattern, tc.requested), "intersects(%q, %q)", tc.pattern, tc.requested)
	}
}

func TestEvaluateConditionsAndPrincipals(t *testing.T) {
	const (
		role    = "arn:aws:iam::123456789012:role/node"
		asgs    = "arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:*:autoScalingGroupName/*"
		oidc    = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X"
		issuer  = "oidc.eks.us-west-2.amazonaws.com/id/X"
		saEBS   = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
		tagKey  = "autoscaling:ResourceTag/eks:cluster-name"
		keyRoot = `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	)
	autoscaler := `{"Statement":[{"Effect":"Allow","Action":"autoscaling:SetDesiredCapacity","Resource":"*",
		"Condition":{"StringEquals":{"autoscaling:ResourceTag/eks:cluster-name":"domino"}}}]}`
	trust := `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"` + oidc + `"},
		"Condition":{"StringEquals":{"` + issuer + `:sub":"` + saEBS + `","` + issuer + `:aud":"sts.amazonaws.com"}}}]}`
	tls := `{"Statement":[{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
		"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	tests := []struct {
		name       string
		doc        string
		req        Request
		want       Decision
		viaAccount bool
	}{
		{"tag condition met", autoscaler, Request{Action: "autoscaling:SetDesiredCapacity", Resource: asgs, Context: map[string]string{tagKey: "domino"}}, DecisionAllowed, false},
		{"tag condition names another cluster", autoscaler, Request{Action: "autoscaling:SetDesiredCapacity", Resource: asgs, Context: map[string]string{tagKey: "other"}}, DecisionImplicitDeny, false},
		{"tag unknown to the request", autoscaler, Request{Action: "autoscaling:SetDesiredCapacity", Resource: asgs}, DecisionConditional, false},
		{"condition keys are case-insensitive", autoscaler, Request{Action: "autoscaling:SetDesiredCapacity", Resource: asgs, Context: map[string]string{strings.ToLower(tagKey): "domino"}}, DecisionAllowed, false},
		{"trust: the service account", trust, Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: Principal{Federated: oidc},
			Context: map[string]string{issuer + ":sub": saEBS, issuer + ":aud": "sts.amazonaws.com"}}, DecisionAllowed, false},
		{"trust: another service account", trust, Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: Principal{Federated: oidc},
			Context: map[string]string{issuer + ":sub": "system:serviceaccount:kube-system:cluster-autoscaler", issuer + ":aud": "sts.amazonaws.com"}}, DecisionImplicitDeny, false},
		{"trust: another identity provider", trust, Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: Principal{Federated: oidc + "2"},
			Context: map[string]string{issuer + ":sub": saEBS, issuer + ":aud": "sts.amazonaws.com"}}, DecisionImplicitDeny, false},
		{"TLS-only deny does not apply over TLS", tls, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: Principal{ARN: role},
			Context: map[string]string{"aws:SecureTransport": "true"}}, DecisionImplicitDeny, false},
		{"TLS-only deny applies without TLS", tls, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: Principal{ARN: role},
			Context: map[string]string{"aws:SecureTransport": "false"}}, DecisionExplicitDeny, false},
		{"key policy: the account root delegates to IAM", keyRoot, Request{Action: "kms:Decrypt", Resource: "arn:aws:kms:us-west-2:123456789012:key/k", Principal: Principal{ARN: role}}, DecisionAllowed, true},
		{"key policy: another account's role", keyRoot, Request{Action: "kms:Decrypt", Resource: "arn:aws:kms:us-west-2:123456789012:key/k", Principal: Principal{ARN: "arn:aws:iam::999999999999:role/x"}}, DecisionImplicitDeny, false},
		{"IfExists on a missing key holds", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"s3:prefix":"a"}}}]}`,
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}, DecisionAllowed, false},
		{"boolean condition values", `{"Statement":[{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":true}}}]}`,
			Request{Action: "kms:CreateGrant", Resource: "arn:aws:kms:us-west-2:1:key/k", Context: map[string]string{"kms:GrantIsForAWSResource": "true"}}, DecisionAllowed, false},
		{"Null: key absent", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"s3:prefix":"true"}}}]}`,
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}, DecisionAllowed, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicy("p", tc.doc)
			require.NoError(t, err)
			got := Evaluate([]Policy{p}, tc.req)
			assert.Equal(t, tc.want, got.Decision)
			assert.Equal(t, tc.viaAccount, got.ViaAccount)
		})
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want, fold bool
	}{
		{"s3:Get*", "s3:GetObject", true, false},
		{"s3:get*", "s3:GetObject", false, false},
		{"s3:get*", "s3:GetObject", true, true},
		{"*", "", true, false},
		{"a*b*c", "axxbyyc", true, false},
		{"a*b*c", "axxbyy", false, false},
		{"kms:ReEncrypt*", "kms:ReEncryptFrom", true, false},
		{"?", "", false, false},
		{"a?c", "abc", true, false},
		{"a**", "a", true, false},
		{"*x", "yyyyx", true, false},
		{"*x*", "yyyy", false, false},
	} {
		assert.Equal(t, tc.want, globMatch(tc.pattern, tc.s, tc.fold), "%q ~ %q fold=%v", tc.pattern, tc.s, tc.fold)
	}
}

// TestExactResourceIsNotAWildcard: a statement on one exact object ARN says
// nothing about every object: an Allow of .../one.txt does not grant a
// request for .../*, and a Deny whose NotResource is .../one.txt still
// denies the other objects a .../* request denotes.
func TestExactResourceIsNotAWildcard(t *testing.T) {
	const objects = "arn:aws:s3:::domino-blobs/*"
	allowOne, err := ParsePolicy("one", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::domino-blobs/one.txt"}]}`)
	require.NoError(t, err)
	allowAll, err := ParsePolicy("all", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::domino-blobs/*"}]}`)
	require.NoError(t, err)
	denyButOne, err := ParsePolicy("deny", `{"Statement":[{"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::domino-blobs/one.txt"}]}`)
	require.NoError(t, err)
	req := Request{Action: "s3:GetObject", Resource: objects}

	assert.Equal(t, DecisionImplicitDeny, Evaluate([]Policy{allowOne}, req).Decision, "one object does not cover every object")
	assert.Equal(t, DecisionAllowed, Evaluate([]Policy{allowOne}, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::domino-blobs/one.txt"}).Decision)
	got := Evaluate([]Policy{allowAll, denyButOne}, req)
	assert.Equal(t, DecisionExplicitDeny, got.Decision, "the deny excludes one object only; the others are denied")
	assert.Equal(t, []string{"deny/statement[0]"}, got.By)

	assert.False(t, globCovers("arn:aws:s3:::b/one.txt", "arn:aws:s3:::b/*"))
	assert.True(t, globIntersects("arn:aws:s3:::b/one.txt", "arn:aws:s3:::b/*"))
}
