package plan

import "github.com/dominoeks/pulumi-dominoeks/internal/cliread"

// Size limits of the files the planner reads (the CLI's one bounded reader,
// internal/cliread, enforces them).
var (
	// MaxStackConfigBytes bounds a stack config file (--config).
	MaxStackConfigBytes = cliread.StackConfig.Limit
	// MaxPlanDocumentBytes bounds a previous plan document (--compare).
	MaxPlanDocumentBytes = cliread.PlanDocument.Limit
)
