//go:build !linux

package main

// runAsCLI: the no-terminal test runs on Linux only.
func runAsCLI() {}
