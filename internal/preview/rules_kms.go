package preview

import (
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"slices"
	"strings"
)

// Type tokens of the KMS, logging and access point rules.
const (
	typeKMSKey        = "aws:kms/key:Key"
	typeSSE           = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeSSELegacy     = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
	typeBucketLogging = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	typeBucketLogOld  = "aws:s3/bucketLogging:BucketLogging"
	typeAccessPoint   = "aws:efs/accessPoint:AccessPoint"
	typeLogGroup      = "aws:cloudwatch/logGroup:LogGroup"
)

// autoScalingSLRSuffix ends the ARN of the EC2 Auto Scaling service-linked role.
const autoScalingSLRSuffix = ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

// kmsEBSUseActions are what a principal needs to use a key for EBS volumes.
var kmsEBSUseActions = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}

var kmsRules = []Rule{
	{
		ID: "kms-key-policy-admin",
		Source: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html (CreateKey/PutKeyPolicy: MalformedPolicyDocumentException, " +
			"\"the new key policy will not allow you to update the key policy in the future\")",
		Types: []string{typeKMSKey},
		Check: func(r Resource, _ Registered) string {
			doc := fstr(r.Inputs, "policy")
			if doc == "" {
				return "" // KMS applies the default key policy, which keeps the account root
			}
			stmts, err := keyPolicyStatements(doc)
			if err != nil {
				return "key policy does not parse: " + err.Error()
			}
			for _, s := range stmts {
				if s.Allows("kms:PutKeyPolicy") && slices.ContainsFunc(s.Principals("AWS"), func(p string) bool {
					return strings.HasSuffix(p, ":root") || strings.Contains(p, ":role/") || strings.Contains(p, ":user/")
				}) {
					return ""
				}
			}
			return "no statement lets an account principal (the account root or an administrator) manage the key: KMS refuses a policy that locks itself out"
		},
	},
	{
		ID: "ebs-kms-autoscaling-grant",
		Source: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html (managed node groups launch through EC2 Auto Scaling; " +
			"without the grant instances terminate at launch with Client.InternalError)",
		Types: []string{typeLaunchTemplate},
		Check: func(r Resource, reg Registered) string {
			for _, bdm := range fitems(r.Inputs, "blockDeviceMappings") {
				keyID := fstr(bdm, "ebs", "kmsKeyId")
				if keyID == "" {
					continue
				}
				key, ok := keyOf(keyID, reg)
				if !ok {
					continue // a key not created in this run: its policy is unknown offline
				}
				if problem := autoScalingGrantProblem(fstr(key.Inputs, "policy")); problem != "" {
					return "volume " + fstr(bdm, "deviceName") + " is encrypted with key " + key.Name + ", whose policy " + problem
				}
			}
			return ""
		},
	},
	{
		ID:     "s3-access-log-target-sse-s3",
		Source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html (the target bucket's default encryption must be SSE-S3; SSE-KMS targets receive no logs)",
		Types:  []string{typeBucketLogging, typeBucketLogOld, typeSSE, typeSSELegacy},
		Check: func(r Resource, reg Registered) string {
			if r.Type == typeSSE || r.Type == typeSSELegacy {
				bucket := fstr(r.Inputs, "bucket")
				if sseKMS(r) && isLogTarget(bucket, reg) {
					return "bucket " + bucket + " receives server access logs but defaults to SSE-KMS: S3 delivers no logs to it"
				}
				return ""
			}
			target := fstr(r.Inputs, "targetBucket")
			for _, typ := range []string{typeSSE, typeSSELegacy} {
				for _, sse := range reg.Find(typ) {
					if fstr(sse.Inputs, "bucket") == target && sseKMS(sse) {
						return "target bucket " + target + " defaults to SSE-KMS: S3 delivers no server access logs to it"
					}
				}
			}
			return ""
		},
	},
	{
		ID: "eks-log-group-before-cluster",
		Source: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html (EKS creates /aws/eks/<cluster>/cluster, never expiring, " +
			"unless it exists; a group created afterwards fails with ResourceAlreadyExistsException)",
		Types: []string{typeEKSComponent, typeEKSCluster, typeLogGroup},
		Check: func(r Resource, reg Registered) string {
			if r.Type == typeLogGroup {
				name := fstr(r.Inputs, "name")
				for _, typ := range []string{typeEKSComponent, typeEKSCluster} {
					for _, c := range reg.Find(typ) {
						if "/aws/eks/"+fstr(c.Inputs, "name")+"/cluster" == name {
							return "log group " + name + " is created after cluster " + fstr(c.Inputs, "name") + ", which already created it without retention"
						}
					}
				}
				return ""
			}
			name := "/aws/eks/" + fstr(r.Inputs, "name") + "/cluster"
			for _, lg := range reg.Find(typeLogGroup) {
				if fstr(lg.Inputs, "name") == name && !ancestorDependsOn(r, reg, lg.URN) {
					return "cluster does not depend on its log group " + name + ": EKS may create the group first, never expiring, and the group's creation then fails"
				}
			}
			return ""
		},
	},
	{
		ID:     "efs-access-point-creation-info",
		Source: "https://docs.aws.amazon.com/efs/latest/ug/create-access-point.html (root directory below /: without creationInfo, mounts fail until the directory exists)",
		Types:  []string{typeAccessPoint},
		Check: func(r Resource, _ Registered) string {
			path := fstr(r.Inputs, "rootDirectory", "path")
			if path == "" || path == "/" || Field(r.Inputs, "rootDirectory", "creationInfo") != nil {
				return ""
			}
			return "root directory " + path + " has no creationInfo (owner uid/gid, permissions): EFS does not create it and mounts fail until it exists"
		},
	},
}

// keyStatement is one key policy statement (package iamdoc).
type keyStatement = iamdoc.Statement

func keyPolicyStatements(doc string) ([]keyStatement, error) { return iamdoc.Parse(doc) }

// autoScalingGrantProblem returns what the key policy lacks for EC2 Auto
// Scaling to launch instances with volumes encrypted by the key, "" when
// nothing: the service-linked role must be allowed the use actions and
// kms:CreateGrant with kms:GrantIsForAWSResource true.
func autoScalingGrantProblem(doc string) string {
	if doc == "" {
		return "is the default key policy, which does not grant the Auto Scaling service-linked role AWSServiceRoleForAutoScaling"
	}
	stmts, err := keyPolicyStatements(doc)
	if err != nil {
		return "does not parse: " + err.Error()
	}
	isSLR := func(p string) bool { return strings.HasSuffix(p, autoScalingSLRSuffix) }
	var missing []string
	for _, action := range kmsEBSUseActions {
		if !slices.ContainsFunc(stmts, func(s keyStatement) bool { return s.Allows(action) && slices.ContainsFunc(s.Principals("AWS"), isSLR) }) {
			missing = append(missing, action)
		}
	}
	grant := slices.ContainsFunc(stmts, func(s keyStatement) bool {
		return s.Allows("kms:CreateGrant") && slices.ContainsFunc(s.Principals("AWS"), isSLR) &&
			fbool(s.Condition, false, "Bool", "kms:GrantIsForAWSResource")
	})
	if !grant {
		missing = append(missing, "kms:CreateGrant (with kms:GrantIsForAWSResource true)")
	}
	if len(missing) == 0 {
		return ""
	}
	return "does not allow the Auto Scaling service-linked role AWSServiceRoleForAutoScaling " + strings.Join(missing, ", ")
}

// keyOf finds the key registered in this run that a kmsKeyId names (ARN or key id).
func keyOf(keyID string, reg Registered) (Resource, bool) {
	for _, k := range reg.Find(typeKMSKey) {
		if arn := fstr(k.Outputs, "arn"); arn != "" && arn == keyID || k.ID != "" && (keyID == k.ID || strings.HasSuffix(keyID, ":key/"+k.ID)) {
			return k, true
		}
	}
	return Resource{}, false
}

// sseKMS reports whether a bucket encryption configuration defaults to SSE-KMS.
func sseKMS(r Resource) bool {
	for _, rule := range fitems(r.Inputs, "rules") {
		if strings.HasPrefix(fstr(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"), "aws:kms") {
			return true
		}
	}
	return false
}

// isLogTarget reports whether a registered logging configuration delivers to bucket.
func isLogTarget(bucket string, reg Registered) bool {
	for _, typ := range []string{typeBucketLogging, typeBucketLogOld} {
		for _, l := range reg.Find(typ) {
			if fstr(l.Inputs, "targetBucket") == bucket {
				return true
			}
		}
	}
	return false
}

// ancestorDependsOn reports whether r, or a component it belongs to,
// depends on urn. A component's registration waits until its dependencies
// exist (the SDK awaits their creation before registering it), so the
// children pulumi-eks creates inside it come after them.
func ancestorDependsOn(r Resource, reg Registered, urn string) bool {
	for seen := 0; seen < 32; seen++ {
		if slices.Contains(r.Dependencies, urn) {
			return true
		}
		parent, ok := reg.ByURN(r.Parent)
		if !ok {
			return false
		}
		r = parent
	}
	return false
}

// fitems reads a list of objects.
func fitems(v any, path ...string) []any {
	l, _ := Field(v, path...).([]any)
	return l
}
