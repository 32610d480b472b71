package main

import "os"

// asCLI makes the test binary act as the dominoeks CLI when set: it links the
// same packages, so the same init functions run at start-up.
const asCLI = "DOMINOEKS_TEST_AS_CLI"

// runAsCLI runs the binary as the CLI when a test runs it as a subprocess
// (called first by TestMain).
func runAsCLI() {
	if os.Getenv(asCLI) == "1" {
		os.Exit(run(os.Args[1:]))
	}
}
