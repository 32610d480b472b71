package preview

import "fmt"

// typeBackupPlan is an AWS Backup plan.
const typeBackupPlan = "aws:backup/plan:Plan"

// backupRules: AWS Backup.
var backupRules = []Rule{{
	ID: "backup-cold-storage-minimum",
	Source: "AWS Backup developer guide, \"Lifecycle and storage tiers\": backups transitioned to cold storage are kept there at least 90 days, " +
		"so DeleteAfter must be at least MoveToColdStorageAfter + 90 (CreateBackupPlan refuses it), https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html",
	Types: []string{typeBackupPlan},
	Check: func(r Resource, _ Registered) string {
		rules, _ := r.Inputs["rules"].([]any)
		for _, rule := range rules {
			cold, ok1 := fint(rule, "lifecycle", "coldStorageAfter")
			del, ok2 := fint(rule, "lifecycle", "deleteAfter")
			if ok1 && ok2 && cold > 0 && del < cold+90 {
				return fmt.Sprintf("rule %v deletes after %d days but moves to cold storage after %d: cold storage keeps a recovery point at least 90 days (deleteAfter ≥ %d)",
					Field(rule, "ruleName"), del, cold, cold+90)
			}
		}
		return ""
	},
}}
