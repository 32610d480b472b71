// Command pulumi-dominoeks is what Pulumi builds when this repository is used
// as a source-based plugin package (PulumiPlugin.yaml, `pulumi package add
// github.com/dominoeks/pulumi-dominoeks`): the dominoeks component provider,
// the same as cmd/pulumi-resource-dominoeks.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dominoeks/pulumi-dominoeks/internal/provider"
)

func main() {
	if err := provider.Run(context.Background(), provider.DefaultVersion); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
