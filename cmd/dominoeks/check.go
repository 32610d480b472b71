package main

import "github.com/spf13/cobra"

// newCheckCmd is a placeholder replaced by the requirements checker (issue #7).
func newCheckCmd() *cobra.Command {
	return &cobra.Command{Use: "check", Short: "Check a live cluster against Domino's requirements"}
}
