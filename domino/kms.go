package domino

import (
	"encoding/json"
	"fmt"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	"maps"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"sigs.k8s.io/yaml"
)

// KMSKeyDeletionWindowDays is the waiting period before a deleted key is
// destroyed; the key is scheduled for deletion only with deleteDataOnDestroy.
const KMSKeyDeletionWindowDays = 30

// Actions a principal needs to use the key for EBS volumes (Auto Scaling
// service-linked role, EBS CSI driver): the workload table's
// ebs-csi-encryption needs.
var (
	KMSUseActions   = workloads.EBSCSIKeyUseActions
	KMSGrantActions = workloads.EBSCSIKeyGrantActions
	// NodeKMSActions let nodes read and write SSE-KMS objects in the buckets.
	NodeKMSActions = workloads.S3KeyActions
)

// customerKey is the customer-managed key every data store is encrypted with.
type customerKey struct {
	// Key is nil when the user brought the key (kmsKeyArn).
	Key *kms.Key
	Arn pulumi.StringOutput
}

// kmsKeyID returns the key ARN for a kmsKeyId-style input, nil without a key.
func (s spec) kmsKeyID() pulumi.StringPtrInput {
	if s.key == nil {
		return nil
	}
	return s.key.Arn.ToStringPtrOutput()
}

// eksClusterRolePattern matches the cluster role pulumi-eks v2.8.1 creates
// for the component named name: "<name>-eks-eksRole-role" plus the provider's
// 7-character suffix (pulumi-eks servicerole.ts; the recorded child in plans).
func eksClusterRolePattern(partition, account, name string) string {
	return fmt.Sprintf("arn:%s:iam::%s:role/%s-eks-eksRole-role-*", partition, account, name)
}

// autoScalingServiceLinkedRole is the role EC2 Auto Scaling (and so every
// managed node group) launches instances with.
func autoScalingServiceLinkedRole(partition, account string) string {
	return fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", partition, account)
}

// KMSKeyPolicy returns the key policy of the customer key:
//
//   - the account root keeps kms:* — KMS refuses a policy that would lock out
//     future policy changes (MalformedPolicyDocumentException, "the new key
//     policy will not allow you to update the key policy in the future") and
//     the root statement is what lets IAM policies (node role, EBS CSI role)
//     grant use of the key. KMS developer guide, "Default key policy",
//     https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
//   - the EC2 Auto Scaling service-linked role may use the key and create grants
//     for AWS resources: managed node groups launch through Auto Scaling, and
//     without it instances with encrypted root volumes terminate at launch
//     (Client.InternalError). EC2 Auto Scaling user guide, "Required KMS key
//     policy for use with encrypted volumes",
//     https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
//   - the EKS cluster role may encrypt and decrypt with the key: EKS's KMS
//     plugin envelope-encrypts Kubernetes secrets as that role, which
//     pulumi-eks creates (<component>-eks-eksRole-role-<7 hex>, auto-named, so
//     unknown until it exists and only matchable by pattern) with just
//     AmazonEKSClusterPolicy. terraform-aws-eks grants the same
//     (kms:Encrypt, kms:Decrypt, kms:ListGrants, kms:DescribeKey) through its
//     cluster_encryption policy; here the key policy grants it to this
//     account's roles matching clusterRolePattern (aws:PrincipalArn is the
//     role's ARN for its sessions). Skipped when clusterRolePattern is "".
func KMSKeyPolicy(partition, account, clusterRolePattern string) (string, error) {
	root := fmt.Sprintf("arn:%s:iam::%s:root", partition, account)
	slr := autoScalingServiceLinkedRole(partition, account)
	stmts := []policyStatement{
		{Sid: "AccountAdministrator", Effect: "Allow", Principal: map[string]any{"AWS": root},
			Action: []string{"kms:*"}, Resource: []string{"*"}},
		{Sid: "AutoScalingUseOfTheKey", Effect: "Allow", Principal: map[string]any{"AWS": slr},
			Action: KMSUseActions, Resource: []string{"*"}},
		{Sid: "AutoScalingAttachmentOfPersistentResources", Effect: "Allow", Principal: map[string]any{"AWS": slr},
			Action: []string{"kms:CreateGrant"}, Resource: []string{"*"},
			Condition: map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}}},
	}
	if clusterRolePattern != "" {
		stmts = append(stmts, policyStatement{Sid: "EKSClusterRoleSecretsEncryption", Effect: "Allow", Principal: map[string]any{"AWS": "*"},
			Action: []string{"kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"}, Resource: []string{"*"},
			Condition: map[string]any{
				"StringEquals": map[string]any{"aws:PrincipalAccount": account},
				"ArnLike":      map[string]any{"aws:PrincipalArn": clusterRolePattern},
			}})
	}
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: stmts})
	if err != nil {
		return "", fmt.Errorf("key policy: %w", err)
	}
	return string(doc), nil
}

// newCustomerKey creates the customer key and its alias alias/<cluster name>,
// or wraps the key the user brought; nil when neither is configured. The key
// is stateful like the data it protects: retained on delete unless
// deleteDataOnDestroy, and then only scheduled for deletion after 30 days.
func newCustomerKey(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (*customerKey, error) {
	if s.KMSKeyArn != "" {
		return &customerKey{Arn: pulumi.String(s.KMSKeyArn).ToStringOutput()}, nil
	}
	if !s.CreateKMSKey {
		return nil, nil
	}
	slr, err := ensureAutoScalingRole(ctx, s, opts...)
	if err != nil {
		return nil, err
	}
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}).AccountId()
	partition := aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}).Partition()
	policy := pulumi.All(partition, account).ApplyT(func(v []any) (string, error) {
		return KMSKeyPolicy(v[0].(string), v[1].(string), eksClusterRolePattern(v[0].(string), v[1].(string), s.Name))
	}).(pulumi.StringOutput)
	key, err := kms.NewKey(ctx, s.Name+"-key", &kms.KeyArgs{
		Description:          pulumi.String("Domino data on EKS cluster " + s.ClusterName + ": node volumes, EFS, S3, EKS secrets"),
		KeyUsage:             pulumi.String("ENCRYPT_DECRYPT"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(KMSKeyDeletionWindowDays),
		Policy:               policy,
		Tags:                 tagsWith(s, map[string]string{"Name": s.ClusterName}),
	}, append(append(dataOpts(s, opts), pulumi.DependsOn(slr)), s.leftovers.adopt("key", "key")...)...)
	if err != nil {
		return nil, fmt.Errorf("KMS key: %w", err)
	}
	// The alias is retained with the key: the next `up` finds the key by it
	// and adopts it, so data written before a destroy stays readable.
	if _, err := kms.NewAlias(ctx, s.Name+"-key", &kms.AliasArgs{
		Name:        pulumi.String(s.derivedName(NameKeyAlias)),
		TargetKeyId: key.KeyId,
	}, append(dataOpts(s, opts), s.leftovers.adopt("alias", "alias")...)...); err != nil {
		return nil, fmt.Errorf("KMS alias: %w", err)
	}
	return &customerKey{Key: key, Arn: key.Arn}, nil
}

// EBSCSIKMSPolicy lets the EBS CSI controller create volumes encrypted with
// the key: the use actions plus grants for AWS resources. EBS CSI driver
// docs, "KMS key policy" (docs/install.md#set-up-driver-permissions).
func EBSCSIKMSPolicy(keyArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "EBSCSIGrants", Effect: "Allow", Action: KMSGrantActions, Resource: []string{keyArn},
			Condition: map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}}},
		{Sid: "EBSCSIUseOfTheKey", Effect: "Allow", Action: KMSUseActions, Resource: []string{keyArn}},
	}})
	return string(doc), err
}

// NodeKMSPolicy lets nodes read and write objects the buckets encrypt with
// the key (SSE-KMS needs kms:GenerateDataKey to write and kms:Decrypt to read).
func NodeKMSPolicy(keyArn string) (string, error) {
	doc, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{
		{Sid: "DominoSSEKMS", Effect: "Allow", Action: NodeKMSActions, Resource: []string{keyArn}},
	}})
	return string(doc), err
}

// newKeyRolePolicies grants the node role and the EBS CSI role use of the key.
func newKeyRolePolicies(ctx *pulumi.Context, s spec, nodeRole, ebsCSIRole *iam.Role, opts ...pulumi.ResourceOption) error {
	if s.key == nil {
		return nil
	}
	for _, rp := range []struct {
		name string
		role *iam.Role
		doc  func(string) (string, error)
	}{
		{s.Name + "-node-kms", nodeRole, NodeKMSPolicy},
		{s.Name + "-ebs-csi-kms", ebsCSIRole, EBSCSIKMSPolicy},
	} {
		if _, err := iam.NewRolePolicy(ctx, rp.name, &iam.RolePolicyArgs{
			Role:   rp.role.Name,
			Policy: s.key.Arn.ApplyT(rp.doc).(pulumi.StringOutput),
		}, opts...); err != nil {
			return fmt.Errorf("role policy %s: %w", rp.name, err)
		}
	}
	return nil
}

// storageClassParameters are the class's parameters plus kmsKeyId when a
// customer key is configured (EBS CSI driver parameters: "kmsKeyId").
func storageClassParameters(s spec, params map[string]string) pulumi.StringMap {
	out := pulumi.ToStringMap(params)
	if s.key != nil {
		out["kmsKeyId"] = s.key.Arn
	}
	return out
}

// storageClassManifestOutput is the storageClassManifest output: the class
// with the key's ARN in its parameters when a customer key is configured.
func storageClassManifestOutput(s spec) (pulumi.StringOutput, error) {
	manifest, err := StorageClassManifest(s.StorageVolumeType)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if s.key == nil {
		return pulumi.String(manifest).ToStringOutput(), nil
	}
	return s.key.Arn.ApplyT(func(arn string) (string, error) {
		return withKMSKeyParameter(manifest, arn)
	}).(pulumi.StringOutput), nil
}

// withKMSKeyParameter sets parameters.kmsKeyId in a StorageClass manifest.
func withKMSKeyParameter(manifest, keyArn string) (string, error) {
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(manifest), &doc); err != nil {
		return "", fmt.Errorf("storage class manifest: %w", err)
	}
	params, _ := doc["parameters"].(map[string]any)
	if params == nil {
		params = map[string]any{}
	}
	params["kmsKeyId"] = keyArn
	doc["parameters"] = params
	out, err := yaml.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("storage class manifest: %w", err)
	}
	return string(out), nil
}

// keyWarnings are what a user must know about the key configuration.
func (s spec) keyWarnings() []string {
	var w []string
	if s.CreateKMSKey || s.KMSKeyArn != "" {
		w = append(w, "KMS key: an EFS file system's key is fixed at creation (as is an ECR repository's encryption); "+
			"the datasets file system keeps the key it was created with: later changes of createKmsKey or kmsKeyArn are "+
			"ignored for it instead of replacing it with a new, empty one (to move EFS to another key, copy the data to a new file system)")
	}
	if s.CreateKMSKey {
		w = append(w, "KMS key: its policy grants the EC2 Auto Scaling service-linked role AWSServiceRoleForAutoScaling, "+
			"which KMS requires to exist: the component creates it when the account has none (an account that never used Auto Scaling)")
	}
	if s.KMSKeyArn != "" {
		w = append(w, "kmsKeyArn: the key's policy must keep the account root (so IAM policies apply) and grant the Auto Scaling "+
			"service-linked role use of the key and kms:CreateGrant for AWS resources, or managed node groups cannot launch "+
			"encrypted volumes (see the README, \"Encryption\")")
	}
	return w
}

// keyArn is the customer key's ARN, "" without one.
func (s spec) keyArn() pulumi.StringOutput {
	if s.key == nil {
		return pulumi.String("").ToStringOutput()
	}
	return s.key.Arn
}

// parametersWithKey adds kmsKeyId to storage class parameters when keyArn is set.
func parametersWithKey(params map[string]string, keyArn string) map[string]string {
	if keyArn == "" {
		return params
	}
	out := maps.Clone(params)
	out["kmsKeyId"] = keyArn
	return out
}
