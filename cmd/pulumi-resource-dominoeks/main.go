// Command pulumi-resource-dominoeks is the Pulumi component provider of the
// dominoeks package: it serves the dominoeks:index:DominoEKS component,
// implemented by the Go library (domino.NewDominoEKS), to programs in every
// Pulumi language. The Pulumi engine starts it; it prints its gRPC port on the
// first line of stdout.
//
// Build with a version:
//
//	go build -ldflags "-X main.version=1.2.3" ./cmd/pulumi-resource-dominoeks
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dominoeks/pulumi-dominoeks/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = provider.DefaultVersion

func main() {
	if err := provider.Run(context.Background(), version); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
