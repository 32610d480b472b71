package domino

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Encryption that AWS fixes once set. The component REFUSES a configuration
// that would change it on what the account already holds (it does not keep
// the change out of the diff): the refusal comes before any resource is
// registered and names the setting, the value, the key in use and the fix.
//
//   - EKS secrets encryption: "You can't disable secrets encryption after
//     enabling it. This action is irreversible." (EKS user guide, "Encrypt
//     Kubernetes secrets with KMS on existing clusters",
//     https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html, read
//     2026-12-05). EKS has no call that removes or changes the key
//     (AssociateEncryptionConfig only adds one to a cluster without), so
//     terraform-provider-aws marks encryption_config ForceNewIfChange
//     (internal/service/eks/cluster.go): the cluster would be replaced.
//   - ECR repository encryption: set only by CreateRepository's
//     encryptionConfiguration (ECR API reference, "EncryptionConfiguration",
//     https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html);
//     terraform-provider-aws marks encryption_configuration ForceNew: the
//     repository, with its images, would be replaced.
//
// Adding a key to a cluster that has none is allowed: EKS associates it in place.

// heldKeyProblem is one refusal: the resource holding a key and what it holds.
type heldKeyProblem struct {
	what, held, why string
}

// Why AWS cannot change what each kind of resource holds.
const (
	eksKeyFixed = "EKS cannot remove or change secrets encryption (\"You can't disable secrets encryption after enabling it. " +
		"This action is irreversible.\", EKS user guide, \"Encrypt Kubernetes secrets with KMS on existing clusters\"), so the provider would replace the cluster"
	ecrKeyFixed = "ECR cannot remove or change a repository's encryption (set only by CreateRepository), so the provider would replace the repository and its images"
)

// plannedKey is the customer key the configuration asks for.
type plannedKey struct {
	// Arn is the key's ARN; "" when no key is configured or a new key would
	// be created (New).
	Arn string
	// New is true when createKmsKey would create a key (no alias/<cluster>).
	New bool
	// AliasTarget is the key alias/<cluster> names (createKmsKey), "" when none.
	AliasTarget string
}

// describe says what the configuration asks for, for messages.
func (p plannedKey) describe(s spec) string {
	switch {
	case s.KMSKeyArn != "":
		return "key " + s.KMSKeyArn
	case p.New:
		return "a new key (alias/" + s.ClusterName + " names no key)"
	case s.CreateKMSKey:
		return "key " + p.Arn + " (alias/" + s.ClusterName + ")"
	}
	return "no customer key"
}

// checkEncryptionKept refuses, before anything is registered, a configuration
// that would turn the customer key off on, or move to another key, an existing
// cluster's secrets encryption or an existing ECR repository of the deployment.
func checkEncryptionKept(ctx *pulumi.Context, s spec) error {
	var held []heldKeyProblem
	var planned *plannedKey
	plan := func() (plannedKey, error) {
		if planned == nil {
			p, err := planKey(ctx, s)
			if err != nil {
				return p, err
			}
			planned = &p
		}
		return *planned, nil
	}
	if s.clusterExists {
		key, known, err := clusterSecretsKey(ctx, s.ClusterName)
		if err != nil {
			return err
		}
		if !known {
			_ = ctx.Log.Warn("EKS cluster "+s.ClusterName+" has no "+SecretsKeyTag+" tag yet (an earlier version created it): this up cannot compare its secrets key and tags it; "+
				"when createKmsKey or kmsKeyArn changed, check first with `dominoeks plan --compare <the previous plan --json>`, which exits 1 on a secrets key change (a cluster replacement)", nil)
		}
		if key != "" {
			p, err := plan()
			if err != nil {
				return err
			}
			if !sameKey(p.Arn, key) {
				held = append(held, heldKeyProblem{"EKS cluster " + s.ClusterName + " encrypts its Kubernetes secrets with key " + key, key, eksKeyFixed})
			}
		}
	}
	if s.ECR {
		for _, role := range RepositoryRoles {
			name := s.repositoryName(role)
			kind, key, found, err := repositoryEncryption(ctx, name)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			p, err := plan()
			if err != nil {
				return err
			}
			if kind == "KMS" && sameKey(p.Arn, key) || kind != "KMS" && p.Arn == "" && !p.New {
				continue
			}
			desc := "ECR repository " + name + " is encrypted with " + kind
			if kind == "KMS" {
				desc += " key " + key
			}
			held = append(held, heldKeyProblem{desc, key, ecrKeyFixed})
		}
	}
	if len(held) == 0 {
		return nil
	}
	p, _ := plan()
	var pr problems
	for _, h := range held {
		field, value := keyField(s)
		problem := fmt.Sprintf("%s, and the configuration asks for %s: %s; the component refuses the change (it does not keep it out of the diff)",
			h.what, p.describe(s), h.why)
		pr.add(field, value, problem, keepKeyFix(s, h.held, p))
	}
	return pr.err()
}

// keyField is the setting that chooses the key, and its value.
func keyField(s spec) (string, any) {
	if s.KMSKeyArn != "" {
		return "kmsKeyArn", s.KMSKeyArn
	}
	return "createKmsKey", s.CreateKMSKey
}

// keepKeyFix says how to keep the encryption a resource holds.
func keepKeyFix(s spec, held string, p plannedKey) string {
	if held == "" {
		return "keep the customer key off for this deployment (createKmsKey: false, no kmsKeyArn), or deploy under a new clusterName"
	}
	fix := "keep the key: set kmsKeyArn to " + held
	if s.CreateKMSKey && !sameKey(p.AliasTarget, held) {
		alias := s.derivedName(NameKeyAlias)
		verb := "create-alias"
		if p.AliasTarget != "" {
			verb = "update-alias"
		}
		fix += fmt.Sprintf(", or keep createKmsKey true and point %s at it: aws kms %s --alias-name %s --target-key-id %s",
			alias, verb, alias, keyID(held))
	}
	return fix
}

// planKey resolves the key the configuration asks for. With createKmsKey the
// component adopts the key alias/<cluster> names (leftovers.go), else creates one.
func planKey(ctx *pulumi.Context, s spec) (plannedKey, error) {
	switch {
	case s.KMSKeyArn != "":
		return plannedKey{Arn: s.KMSKeyArn}, nil
	case !s.CreateKMSKey:
		return plannedKey{}, nil
	}
	alias := s.derivedName(NameKeyAlias)
	res, err := kms.LookupAlias(ctx, &kms.LookupAliasArgs{Name: alias})
	switch {
	case err == nil:
		return plannedKey{Arn: res.TargetKeyArn, AliasTarget: res.TargetKeyArn}, nil
	case isNotFound(err):
		return plannedKey{New: true}, nil
	}
	return plannedKey{}, fmt.Errorf("look up KMS alias %s to compare keys: %w", alias, err)
}

// SecretsKeyTag is the EKS cluster tag (pulumi-eks clusterTags) recording the
// key that encrypts the cluster's secrets: the EKS data source (getCluster,
// eks:DescribeCluster) returns the cluster's tags but not its
// encryptionConfig, and the guard must not need a permission only it uses
// (Cloud Control's cloudformation:GetResource).
const SecretsKeyTag = "dominodatalab.com/secrets-key"

// clusterSecretsKey returns the key ARN encrypting the existing cluster's
// secrets as its SecretsKeyTag records it ("" when none); known is false for
// a cluster an earlier version created without the tag, which this `up` tags
// (`dominoeks plan --compare` names a key change as a cluster replacement meanwhile).
func clusterSecretsKey(ctx *pulumi.Context, name string) (key string, known bool, err error) {
	c, err := eks.LookupCluster(ctx, &eks.LookupClusterArgs{Name: name})
	if err != nil {
		return "", false, fmt.Errorf("read the secrets key of EKS cluster %s before changing it (eks:DescribeCluster): %w", name, err)
	}
	key, known = c.Tags[SecretsKeyTag]
	if key == noSecretsKey {
		key = ""
	}
	return key, known, nil
}

// noSecretsKey is SecretsKeyTag's value on a cluster without secrets encryption.
const noSecretsKey = "none"

// secretsKeyTags are the cluster tags recording its secrets key.
func (s spec) secretsKeyTags() pulumi.StringMap {
	if s.key == nil {
		return pulumi.StringMap{SecretsKeyTag: pulumi.String(noSecretsKey)}
	}
	return pulumi.StringMap{SecretsKeyTag: s.key.Arn}
}

// repositoryEncryption returns an existing ECR repository's encryption type
// and KMS key; found is false when the repository does not exist.
func repositoryEncryption(ctx *pulumi.Context, name string) (kind, key string, found bool, err error) {
	res, err := ecr.LookupRepository(ctx, &ecr.LookupRepositoryArgs{Name: name})
	switch {
	case isNotFound(err):
		return "", "", false, nil
	case err != nil:
		return "", "", false, fmt.Errorf("look up ECR repository %s to compare its encryption: %w", name, err)
	}
	kind = "AES256" // ECR's default when no configuration is set
	for _, c := range res.EncryptionConfigurations {
		if c.EncryptionType != "" {
			kind, key = c.EncryptionType, c.KmsKey
		}
	}
	return kind, key, true, nil
}

// sameKey reports whether two KMS key ARNs (or ids) name the same key.
func sameKey(a, b string) bool {
	return a != "" && b != "" && keyID(a) == keyID(b)
}

// keyID returns the key id of a key ARN (the part after "key/"), or its argument.
func keyID(arn string) string {
	if i := strings.LastIndex(arn, ":key/"); i >= 0 {
		return arn[i+len(":key/"):]
	}
	return arn
}
