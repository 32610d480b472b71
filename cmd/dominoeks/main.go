// Command dominoeks plans a Domino-ready EKS deployment offline and checks live
// clusters against Domino's "Domino on AWS EKS" requirements.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries a process exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "dominoeks",
		Short:         "Plan and check EKS clusters prepared for Domino Data Lab",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newPlanCmd(), newCheckCmd(), newPreflightCmd(), newTunnelCmd(), newVersionCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the dominoeks version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), version)
			return err
		},
	}
}

// run executes the CLI and returns the process exit code: 0 success, 1 a
// failed check or policy, 2 usage, configuration or access errors.
func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "error:", err)
	return exitCode(err)
}

// exitCode maps a command's error to the process exit code: 0 for nil, the
// code of an *exitError anywhere in the chain, else 2 (usage, configuration
// or access errors, including cobra's own flag errors).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 2
}

func main() { os.Exit(run(os.Args[1:])) }
