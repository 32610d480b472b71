package policy

import (
	"slices"
	"strings"

	"sigs.k8s.io/yaml"
)

// Resource type tokens of the hardening rules.
const (
	tKMSKey       = "aws:kms/key:Key"
	tECR          = "aws:ecr/repository:Repository"
	tPullThrough  = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
	tBucketLog    = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	tBucketLogOld = "aws:s3/bucketLogging:BucketLogging"
)

// customerKeys are the customer keys the plan configures: the keys it
// creates and a key EKS secrets are encrypted with (a brought kmsKeyArn).
func (p *plan) customerKeys() []string {
	var keys []string
	for _, k := range p.of(tKMSKey) {
		if arn := str(k.Outputs["arn"]); arn != "" {
			keys = append(keys, arn)
		} else if k.ID != "" { // a plan recorded without outputs: match the ARN's key/<id> suffix
			keys = append(keys, ":key/"+k.ID)
		}
	}
	for _, c := range p.of(tEKSComponent, tEKSCluster) {
		if arn := str(c.Inputs["encryptionConfigKeyArn"]); arn != "" && !slices.Contains(keys, arn) {
			keys = append(keys, arn)
		}
		if arn := clusterSecretsKey(c.Inputs); arn != "" && !slices.Contains(keys, arn) {
			keys = append(keys, arn)
		}
	}
	return keys
}

// installerBlockStorageClass is storage_classes.block of the installer
// values output, nil when the plan has none.
func (p *plan) installerBlockStorageClass() map[string]any {
	values, _ := p.res.Outputs["installerValues"].(string)
	var doc map[string]any
	if values == "" || yaml.Unmarshal([]byte(values), &doc) != nil {
		return nil
	}
	block, _ := get(doc, "storage_classes", "block").(map[string]any)
	return block
}

// clusterSecretsKey is the key an aws:eks/cluster:Cluster encrypts secrets
// with (encryptionConfig as an object or a one-element list).
func clusterSecretsKey(in map[string]any) string {
	if arn := str(get(in, "encryptionConfig", "provider", "keyArn")); arn != "" {
		return arn
	}
	for _, ec := range list(in["encryptionConfig"]) {
		if arn := str(get(ec, "provider", "keyArn")); arn != "" {
			return arn
		}
	}
	return ""
}

// accessLogTargets are the buckets that receive server access logs.
func (p *plan) accessLogTargets() map[string]bool {
	out := map[string]bool{}
	for _, l := range p.of(tBucketLog, tBucketLogOld) {
		out[str(l.Inputs["targetBucket"])] = true
	}
	return out
}

// checkCustomerKey: with a customer key configured, every data store names
// one: launch template volumes, EBS storage classes, EFS, every bucket but the
// access-log target (S3 does not deliver access logs to SSE-KMS buckets), ECR
// repositories and EKS secrets.
func checkCustomerKey(p *plan) []Violation {
	keys := p.customerKeys()
	if len(keys) == 0 {
		return nil
	}
	var out []Violation
	bad := func(urn, what, got string) {
		msg := what + " is not encrypted with the customer key"
		if got != "" {
			msg += " (it names " + got + ")"
		}
		out = append(out, Violation{URN: urn, Message: msg})
	}
	uses := func(v any) bool {
		return str(v) != "" && slices.ContainsFunc(keys, func(k string) bool { return strings.HasSuffix(str(v), k) })
	}
	for _, lt := range p.of(tLaunchTemplate) {
		for _, bdm := range list(lt.Inputs["blockDeviceMappings"]) {
			if ebs := get(bdm, "ebs"); ebs != nil && !uses(get(ebs, "kmsKeyId")) {
				bad(lt.URN, "volume "+str(get(bdm, "deviceName")), str(get(ebs, "kmsKeyId")))
			}
		}
	}
	for _, sc := range p.of(tStorageClass) {
		prov := str(sc.Inputs["provisioner"])
		if (prov == "ebs.csi.aws.com" || prov == "kubernetes.io/aws-ebs") && !uses(get(sc.Inputs, "parameters", "kmsKeyId")) {
			bad(sc.URN, "EBS storage class", str(get(sc.Inputs, "parameters", "kmsKeyId")))
		}
	}
	// A class the Domino installer creates (storageClassManifest delivery)
	// is defined by the installer values' block storage parameters.
	if block := p.installerBlockStorageClass(); block != nil && truthy(block["create"]) && !uses(get(block, "parameters", "kmsKeyId")) {
		bad("", "the installer's block storage class "+str(block["name"]), str(get(block, "parameters", "kmsKeyId")))
	}
	for _, fs := range p.of(tEFS) {
		if !uses(fs.Inputs["kmsKeyId"]) {
			bad(fs.URN, "file system", str(fs.Inputs["kmsKeyId"]))
		}
	}
	targets := p.accessLogTargets()
	kmsBuckets, hasSSE := map[string]bool{}, map[string]bool{}
	for _, r := range p.of(tSSE) {
		hasSSE[bucketName(r)] = true
		for _, rule := range list(r.Inputs["rules"]) {
			d := get(rule, "applyServerSideEncryptionByDefault")
			if strings.HasPrefix(str(get(d, "sseAlgorithm")), "aws:kms") && uses(get(d, "kmsMasterKeyId")) {
				kmsBuckets[bucketName(r)] = true
			}
		}
	}
	for name, urn := range p.buckets() {
		// A bucket with no default encryption at all is s3-encrypted's finding.
		if hasSSE[name] && !targets[name] && !kmsBuckets[name] {
			bad(urn, "bucket "+name, "")
		}
	}
	for _, r := range p.of(tECR) {
		enc := list(r.Inputs["encryptionConfigurations"])
		if len(enc) == 0 || str(get(enc[0], "encryptionType")) != "KMS" || !uses(get(enc[0], "kmsKey")) {
			bad(r.URN, "ECR repository", "")
		}
	}
	for _, c := range p.of(tEKSComponent) {
		if !uses(c.Inputs["encryptionConfigKeyArn"]) {
			bad(c.URN, "EKS secrets", "")
		}
	}
	for _, c := range p.of(tEKSCluster) {
		if !uses(clusterSecretsKey(c.Inputs)) {
			bad(c.URN, "EKS secrets", clusterSecretsKey(c.Inputs))
		}
	}
	return out
}

// checkECRImmutable: image tags cannot be overwritten, so an image reference
// always means the image that was scanned and approved.
func checkECRImmutable(p *plan) []Violation {
	var out []Violation
	for _, r := range p.of(tECR) {
		if str(r.Inputs["imageTagMutability"]) != "IMMUTABLE" {
			out = append(out, Violation{URN: r.URN, Message: "image tags are mutable"})
		}
	}
	return out
}

// checkAccessLogging: every bucket but the access-log target logs its access
// to a bucket of the plan.
func checkAccessLogging(p *plan) []Violation {
	targets := p.accessLogTargets()
	buckets := p.buckets()
	logged := map[string]bool{}
	for _, l := range p.of(tBucketLog, tBucketLogOld) {
		if _, ok := buckets[str(l.Inputs["targetBucket"])]; ok {
			logged[bucketName(l)] = true
		}
	}
	var out []Violation
	for name, urn := range buckets {
		if !targets[name] && !logged[name] {
			out = append(out, Violation{URN: urn, Message: "bucket " + name + " has no server access logging"})
		}
	}
	return out
}

// checkECRExact: IAM statements granting ECR image actions name exactly the
// plan's repositories (ecr:GetAuthorizationToken is account-wide by design).
func checkECRExact(p *plan) []Violation {
	repos := map[string]bool{}
	for _, r := range p.of(tECR) {
		if arn := str(r.Outputs["arn"]); arn != "" {
			repos[arn] = true
		}
	}
	// A pull-through cache rule's repositories are created by ECR on first
	// pull, under the rule's prefix: exactly "repository/<prefix>/*" of this
	// account and region is the plan's.
	var cached []string // ":<account>:repository/<prefix>/*" of each rule
	for _, r := range p.of(tPullThrough) {
		if prefix := str(r.Inputs["ecrRepositoryPrefix"]); prefix != "" {
			cached = append(cached, ":"+str(r.Outputs["registryId"])+":repository/"+prefix+"/*")
		}
	}
	var out []Violation
	for _, r := range p.of(tRolePolicy, tPolicy) {
		stmts, err := parsePolicy(str(r.Inputs["policy"]))
		if err != nil {
			continue // iam-exact-arns reports unparsable documents
		}
		for _, s := range stmts {
			if s.Effect != "Allow" || !slices.ContainsFunc(s.Actions, func(a string) bool {
				return a == "*" || strings.HasPrefix(a, "ecr:") && a != "ecr:GetAuthorizationToken"
			}) {
				continue
			}
			for _, a := range s.Actions {
				if a == "ecr:*" {
					out = append(out, Violation{URN: r.URN, Message: "allows wildcard action ecr:*"})
				}
			}
			for _, res := range s.Resources {
				if !repos[res] && !(strings.HasPrefix(res, "arn:aws:ecr:") && slices.ContainsFunc(cached, func(c string) bool { return strings.HasSuffix(res, c) })) {
					out = append(out, Violation{URN: r.URN, Message: "ECR access on " + res + ", not a repository of this plan"})
				}
			}
		}
	}
	return out
}
