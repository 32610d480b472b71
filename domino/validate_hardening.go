package domino

import (
	"regexp"
	"slices"
)

var (
	kmsKeyArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$`)
	// octalModeRE is EFS's CreationInfo.Permissions: 3 or 4 octal digits.
	octalModeRE = regexp.MustCompile(`^[0-7]{3,4}$`)
)

// validateHardening checks the customer key, registry, access point and
// logging arguments.
func validateHardening(p *problems, a DominoEKSArgs, s spec) {
	if s.KMSKeyArn != "" && !kmsKeyArnRE.MatchString(s.KMSKeyArn) {
		p.add("kmsKeyArn", s.KMSKeyArn, "is not a KMS key ARN",
			"use arn:aws:kms:<region>:<account>:key/<key id>, or leave it unset to create a key")
	}
	// The key alias and the ECR repository names derive from the cluster
	// name (names.go): shortened and cleaned, never refused.
	ap := s.AccessPoint // its path: the efs-access-point-path limit
	if !octalModeRE.MatchString(ap.Permissions) {
		p.add("efsAccessPointPermissions", ap.Permissions, "is not an octal mode", "use 3 or 4 octal digits, e.g. "+DefaultEfsAccessPointPermissions)
	}
	for field, v := range map[string]*int{"efsAccessPointUid": a.EfsAccessPointUid, "efsAccessPointGid": a.EfsAccessPointGid} {
		if v != nil && (*v < 0 || *v > 4294967295) {
			p.add(field, v, "is not a POSIX id", "use 0 to 4294967295 (default 0)")
		}
	}
	if !slices.Contains(LogRetentionDaysAllowed, s.LogRetentionDays) {
		p.add("logRetentionDays", s.LogRetentionDays, "is not a retention CloudWatch Logs accepts",
			"use one of 1, 3, 5, 7, 14, 30, 60, 90 (default), 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")
	}
	names := []string{s.BlobsBucket, s.LogsBucket, s.BackupsBucket}
	for field, name := range map[string]string{"registryBucketName": s.RegistryBucket, "monitoringBucketName": s.MonitoringBucket} {
		if name == "" {
			continue
		}
		if slices.Contains(names, name) {
			p.add(field, name, "is the name of another Domino bucket", "give every bucket its own name")
		}
		names = append(names, name)
	}
}
