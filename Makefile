# pulumi-dominoeks — everything runs offline: no AWS account, no Pulumi plugins.
GO        ?= go
BIN       := bin
PKGS      := ./...
FUZZTIME  ?= 20s
VERSION   ?= 0.1.0-dev

.PHONY: all build test lint plan preflight golden bench fuzz provider schema sdk-check clean

all: lint test

build:
	$(GO) build -o $(BIN)/dominoeks ./cmd/dominoeks
	$(GO) build $(PKGS)

## plan: the main job — plan the default example offline (resources, pools, installer values, cost, critical path).
##       Pass flags with PLAN_ARGS, e.g. make plan PLAN_ARGS='--config Pulumi.dev.yaml --json'
plan:
	$(GO) run ./cmd/dominoeks plan $(PLAN_ARGS)

## preflight: check the AWS account (standard credential chain) can take the planned stack, read-only.
##            Pass flags with PREFLIGHT_ARGS, e.g. make preflight PREFLIGHT_ARGS='--config Pulumi.dev.yaml --json'
preflight:
	$(GO) run ./cmd/dominoeks preflight $(PREFLIGHT_ARGS)

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

## fuzz: fuzz stack-config decoding and validation for $(FUZZTIME) (the first run instruments the AWS SDK: ~3 min).
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
