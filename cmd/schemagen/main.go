// Command schemagen writes the dominoeks package schema and SDKs, offline and
// in-process (no Pulumi CLI or plugins):
//
//	schemagen schema [-o schema.json]                    # the schema, from the provider code
//	schemagen sdk -lang nodejs|python [-schema schema.json] -o DIR  # an SDK, from schema.json
//
// `make schema` runs the first; `make sdk-check` the second.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dominoeks/pulumi-dominoeks/internal/provider/schemagen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

const usage = "usage: schemagen schema [-o FILE] | schemagen sdk -lang nodejs|python [-schema FILE] -o DIR"

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "schema":
		return runSchema(args[1:], stdout)
	case "sdk":
		return runSDK(args[1:])
	default:
		return fmt.Errorf("unknown command %q; %s", args[0], usage)
	}
}

func runSchema(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	out := fs.String("o", "", "write the schema to this file instead of stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := schemagen.Schema(context.Background())
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("writing the schema: %w", err)
	}
	return nil
}

func runSDK(args []string) error {
	fs := flag.NewFlagSet("sdk", flag.ContinueOnError)
	lang := fs.String("lang", "nodejs", "SDK language: nodejs or python")
	in := fs.String("schema", "schema.json", "the package schema")
	out := fs.String("o", "", "directory to write the SDK into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("sdk: -o DIR is required")
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	spec, err := schemagen.Parse(data)
	if err != nil {
		return err
	}
	files, err := schemagen.GenerateSDK(*lang, spec)
	if err != nil {
		return err
	}
	return schemagen.WriteFiles(*out, files)
}
