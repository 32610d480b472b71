package preview

import (
	"regexp"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
)

// eksKMSRules: EKS secrets envelope encryption.
var eksKMSRules = []Rule{{
	ID: "eks-secrets-key-usable-by-cluster-role",
	Source: "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html (EKS's KMS plugin encrypts and decrypts secrets as the cluster role); " +
		"terraform-aws-modules/terraform-aws-eks main.tf cluster_encryption policy (kms:Encrypt, kms:Decrypt, kms:ListGrants, kms:DescribeKey)",
	Types: []string{typeEKSCluster},
	Check: func(r Resource, reg Registered) string {
		keyArn := fstr(r.Inputs, "encryptionConfig", "provider", "keyArn")
		role := fstr(r.Inputs, "roleArn")
		if keyArn == "" || role == "" {
			return ""
		}
		var key *Resource
		for _, k := range reg.Find(typeKMSKey) {
			if fstr(k.Outputs, "arn") == keyArn {
				key = &k
				break
			}
		}
		if key == nil || fstr(key.Inputs, "policy") == "" {
			return "" // a key not created in this run: its policy is unknown offline
		}
		stmts, err := iamdoc.Parse(fstr(key.Inputs, "policy"))
		if err != nil {
			return ""
		}
		for _, action := range []string{"kms:Encrypt", "kms:Decrypt"} {
			if !keyPolicyAllows(stmts, action, role) {
				return "the key policy of " + key.Name + " does not let the cluster role " + role + " use " + action +
					": EKS could not encrypt or read Kubernetes secrets"
			}
		}
		return ""
	},
}}

// keyPolicyAllows reports whether an Allow statement grants action to the
// role: by its ARN, or to "*" narrowed by an aws:PrincipalArn pattern it
// matches.
func keyPolicyAllows(stmts []iamdoc.Statement, action, role string) bool {
	for _, s := range stmts {
		if !s.Allows(action) {
			continue
		}
		for _, p := range s.Principals("AWS") {
			if p == role {
				return true
			}
			if p == "*" {
				for _, pattern := range iamdoc.Strings(Field(s.Condition, "ArnLike", "aws:PrincipalArn")) {
					if arnGlob(pattern).MatchString(role) {
						return true
					}
				}
			}
		}
	}
	return false
}

// arnGlob turns an IAM ARN pattern (* and ?) into a regexp.
func arnGlob(pattern string) *regexp.Regexp {
	q := regexp.QuoteMeta(pattern)
	q = strings.ReplaceAll(strings.ReplaceAll(q, `\*`, ".*"), `\?`, ".")
	return regexp.MustCompile("^" + q + "$")
}
