# pulumi-dominoeks — everything runs offline: no AWS account, no Pulumi plugins.
GO        ?= go
BIN       := bin
PKGS      := ./...
FUZZTIME  ?= 20s
VERSION   ?= 0.1.0-dev

# make's own messages stay off stdout: `make plan PLAN_ARGS=--json > plan.json`
# writes exactly the CLI's JSON (recipes are silent, no directory lines from
# sub-makes). `make -C DIR` prints "Entering directory" on stdout before it reads
# this file: add -s or --no-print-directory there.
MAKEFLAGS += --no-print-directory

# Everything the CLI binary is built from: bin/dominoeks is rebuilt only when one changes.
GO_SOURCES := $(shell find . -name '*.go' -not -name '*_test.go' -not -path './.git/*') go.mod go.sum

# Release binaries: without the symbol table and DWARF (-s -w): dominoeks 242 MB -> 170 MB,
# the provider 135 MB -> 90 MB. (-trimpath would also drop local paths, but it changes every
# package's build flags and so recompiles everything, a second cold build.)
RELEASE_LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: all build release test lint plan preflight golden bench fuzz provider schema sdk-check clean

all: lint test

build: $(BIN)/dominoeks
	$(GO) build $(PKGS)

## bin/dominoeks: the CLI. A cold Go build cache compiles the Pulumi AWS/EKS/Kubernetes SDKs and the
##                AWS SDK for Go first: ~10 min on 2 cores (~1,000 CPU-seconds); later builds take seconds.
$(BIN)/dominoeks: $(GO_SOURCES)
	@stale=$$($(GO) list -deps -f '{{if .Stale}}x{{end}}' ./cmd/dominoeks 2>/dev/null | grep -c x); \
	if [ "$$stale" -gt 50 ]; then \
		echo "building $@: compiling $$stale packages, among them the Pulumi AWS SDK; a cold build takes ~10 min on 2 cores (later builds take seconds)" >&2; \
	fi
	@$(GO) build -o $@ ./cmd/dominoeks

## plan: the main job — plan the default example offline (resources, pools, installer values, cost, critical path).
##       Pass flags with PLAN_ARGS, e.g. make plan PLAN_ARGS='--config Pulumi.dev.yaml --json'.
##       stdout is only the CLI's output. make exits 0 when the CLI does and 2 otherwise (GNU make reports any
##       failed command as 2; its "Error N" line on stderr carries the CLI's code); bin/dominoeks plan exits 0/1/2.
plan: $(BIN)/dominoeks
	@$(BIN)/dominoeks plan $(PLAN_ARGS)

## release: stripped binaries in bin/release (VERSION=1.2.3 stamps the version).
release: $(GO_SOURCES)
	$(GO) build -ldflags "$(RELEASE_LDFLAGS)" -o $(BIN)/release/dominoeks ./cmd/dominoeks
	$(GO) build -ldflags "$(RELEASE_LDFLAGS)" -o $(BIN)/release/pulumi-resource-dominoeks ./cmd/pulumi-resource-dominoeks

## preflight: check the AWS account (standard credential chain) can take the planned stack, read-only.
##            Pass flags with PREFLIGHT_ARGS, e.g. make preflight PREFLIGHT_ARGS='--config Pulumi.dev.yaml --json'
preflight: $(BIN)/dominoeks
	@$(BIN)/dominoeks preflight $(PREFLIGHT_ARGS)

## golden: regenerate the golden files after an intended change.
golden:
	$(GO) test ./cmd/dominoeks -run TestPlanGolden -update
	$(GO) test ./domino -run 'Golden' -update

## test: lint, then every test (mocks, moto_server for the checker, golden files, schema drift).
test: lint
	$(GO) test -count=1 -timeout 12m $(PKGS)

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## fuzz: fuzz stack-config decoding and validation for $(FUZZTIME) (the first run rebuilds every dependency with
##       coverage instrumentation: minutes, like a cold build).
fuzz:
	$(GO) test ./domino -run '^$$' -fuzz FuzzDecodeConfig -fuzztime $(FUZZTIME)

## provider: build the component provider (VERSION=1.2.3 stamps a version).
provider:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN)/pulumi-resource-dominoeks ./cmd/pulumi-resource-dominoeks

## schema: regenerate schema.json from the code, in-process (no Pulumi CLI or plugins); tests fail when it is stale.
schema:
	$(GO) run ./cmd/schemagen schema -o schema.json

## sdk-check: generate the TypeScript SDK from schema.json and type-check it and examples/typescript with tsc (needs npm, ~30-45 s).
sdk-check:
	./scripts/sdk-check.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf $(BIN)
