package awsmanaged

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statement is the part of an IAM policy statement the tests look at.
// Action and Resource may each be a string or a list of strings.
type statement struct {
	Sid       string          `json:"Sid"`
	Effect    string          `json:"Effect"`
	Action    json.RawMessage `json:"Action"`
	Resource  json.RawMessage `json:"Resource"`
	Condition json.RawMessage `json:"Condition"`
}

type document struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// stringOrList decodes a policy element that is a string or a list of them.
func stringOrList(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	if len(raw) == 0 {
		return nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}
	}
	var many []string
	require.NoError(t, json.Unmarshal(raw, &many), "element %s", raw)
	return many
}

func parse(t *testing.T, p Policy) document {
	t.Helper()
	var d document
	dec := json.NewDecoder(strings.NewReader(p.Document))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&d), "%s: document is not a valid policy", p.Name)
	return d
}

// allows reports whether an Allow statement of p names action (exactly) and,
// when resource is not empty, names resource among its resources.
func allows(t *testing.T, p Policy, action, resource string) bool {
	t.Helper()
	for _, s := range parse(t, p).Statement {
		if s.Effect != "Allow" {
			continue
		}
		if !contains(stringOrList(t, s.Action), action) {
			continue
		}
		if resource == "" || contains(stringOrList(t, s.Resource), resource) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestDocumentsAreValidPolicies(t *testing.T) {
	all := Policies()
	require.NotEmpty(t, all)
	for _, p := range all {
		t.Run(p.Name, func(t *testing.T) {
			require.True(t, json.Valid([]byte(p.Document)), "document is not valid JSON")
			d := parse(t, p)
			assert.Equal(t, "2012-10-17", d.Version)
			require.NotEmpty(t, d.Statement)
			for i, s := range d.Statement {
				assert.Contains(t, []string{"Allow", "Deny"}, s.Effect, "statement %d", i)
				assert.NotEmpty(t, stringOrList(t, s.Action), "statement %d has no Action", i)
				assert.NotEmpty(t, stringOrList(t, s.Resource), "statement %d has no Resource", i)
			}
		})
	}
}

func TestEntriesAreComplete(t *testing.T) {
	version := regexp.MustCompile(`^v[1-9][0-9]*$`)
	arn := regexp.MustCompile(`^arn:aws:iam::aws:policy/(service-role/)?([A-Za-z0-9_+=,.@-]+)$`)
	for _, p := range Policies() {
		t.Run(p.Name, func(t *testing.T) {
			m := arn.FindStringSubmatch(p.ARN)
			require.NotNil(t, m, "ARN %q", p.ARN)
			assert.Equal(t, m[2], p.Name, "Name is the last element of the ARN")
			assert.Equal(t, "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/"+p.Name+".html", p.Source)
			assert.Regexp(t, version, p.Version)
			require.NotEmpty(t, p.Edited)
			_, err := time.Parse(time.DateOnly, p.Edited)
			assert.NoError(t, err, "Edited %q", p.Edited)
			assert.False(t, p.Partial, "no entry is known to be partial")
		})
	}
}

func TestPoliciesSortedUniqueAndCopied(t *testing.T) {
	all := Policies()
	assert.True(t, sort.SliceIsSorted(all, func(i, j int) bool { return all[i].ARN < all[j].ARN }))
	seen := map[string]bool{}
	for _, p := range all {
		assert.False(t, seen[p.ARN], "duplicate %s", p.ARN)
		seen[p.ARN] = true
	}
	assert.Len(t, all, 8)

	all[0].Document = "changed"
	assert.NotEqual(t, "changed", Policies()[0].Document, "Policies returns a copy")
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name string
		arn  string
		want string // Name of the policy found; "" for a miss
	}{
		{"aws", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "AmazonEKSWorkerNodePolicy"},
		{"aws-cn", "arn:aws-cn:iam::aws:policy/AmazonEKSWorkerNodePolicy", "AmazonEKSWorkerNodePolicy"},
		{"aws-us-gov", "arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy", "AmazonEKS_CNI_Policy"},
		{"path aws", "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", "AmazonEBSCSIDriverPolicy"},
		{"path aws-cn", "arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", "AmazonEBSCSIDriverPolicy"},
		{"pull only", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "AmazonEC2ContainerRegistryPullOnly"},
		{"unknown policy", "arn:aws:iam::aws:policy/AdministratorAccess", ""},
		{"missing path", "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy", ""},
		{"customer account", "arn:aws:iam::123456789012:policy/AmazonEKSWorkerNodePolicy", ""},
		{"bare name", "AmazonEKSWorkerNodePolicy", ""},
		{"no partition", "arn::iam::aws:policy/AmazonEKSWorkerNodePolicy", ""},
		{"no arn prefix", "aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", ""},
		{"case differs", "arn:aws:iam::aws:policy/amazoneksworkernodepolicy", ""},
		{"trailing text", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy/x", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := Lookup(tt.arn)
			if tt.want == "" {
				assert.False(t, ok)
				assert.Equal(t, Policy{}, p)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, p.Name)
			assert.True(t, strings.HasPrefix(p.ARN, "arn:aws:"), "the table keeps the aws partition")
		})
	}
}

func TestLookupFindsEveryEntry(t *testing.T) {
	for _, p := range Policies() {
		for _, partition := range []string{"aws", "aws-cn", "aws-us-gov", "aws-iso"} {
			arn := "arn:" + partition + strings.TrimPrefix(p.ARN, "arn:aws")
			got, ok := Lookup(arn)
			require.True(t, ok, arn)
			assert.Equal(t, p, got)
		}
	}
}

func TestPinnedPermissions(t *testing.T) {
	tests := []struct {
		arn      string
		action   string
		resource string // "" when any resource will do
	}{
		{"arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", "ec2:AttachVolume", ""},
		{"arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", "ec2:CreateVolume", ""},
		{"arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy", "ec2:AssignPrivateIpAddresses", ""},
		{"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly", "ecr:GetAuthorizationToken", "*"},
		{"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly", "ecr:BatchGetImage", "*"},
		{"arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "ec2:DescribeInstances", ""},
		{"arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "eks:DescribeCluster", ""},
		{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "ssmmessages:CreateControlChannel", ""},
	}
	for _, tt := range tests {
		t.Run(tt.arn[strings.LastIndex(tt.arn, "/")+1:]+"/"+tt.action, func(t *testing.T) {
			p, ok := Lookup(tt.arn)
			require.True(t, ok)
			assert.True(t, allows(t, p, tt.action, tt.resource), "%s should allow %s on %q", p.Name, tt.action, tt.resource)
		})
	}
}

func TestPinnedAbsences(t *testing.T) {
	// Guards against documents mixed up between entries.
	p, ok := Lookup("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly")
	require.True(t, ok)
	assert.False(t, allows(t, p, "ecr:DescribeRepositories", ""), "PullOnly does not list repositories")
	assert.True(t, allows(t, p, "ecr:BatchGetImage", "*"))

	_, ok = Lookup("arn:aws:iam::aws:policy/AmazonEFSReadOnly")
	assert.False(t, ok)

	p, ok = Lookup("arn:aws:iam::aws:policy/AmazonElasticFileSystemReadOnlyAccess")
	require.True(t, ok)
	assert.True(t, allows(t, p, "elasticfilesystem:DescribeFileSystems", "*"))
	assert.False(t, allows(t, p, "elasticfilesystem:ClientMount", ""))
}
