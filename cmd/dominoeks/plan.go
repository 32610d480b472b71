package main

import "github.com/spf13/cobra"

// newPlanCmd is a placeholder replaced by the offline planner.
func newPlanCmd() *cobra.Command {
	return &cobra.Command{Use: "plan", Short: "Plan the Domino EKS deployment offline"}
}
