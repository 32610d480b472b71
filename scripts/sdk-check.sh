#!/usr/bin/env bash
# sdk-check: generate the TypeScript SDK from schema.json into a temporary
# directory, then type-check with tsc (from npm, against @pulumi/pulumi from npm):
#   1. the SDK, with the compiler settings it was generated with;
#   2. examples/typescript/index.ts, with its own tsconfig.json, importing the
#      SDK by its package name.
# Needs Go, Node.js and the npm registry; nothing is written to the checkout.
# KEEP=1 keeps the work directory for inspection.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dominoeks-sdk-check.XXXXXX")
if [[ "${KEEP:-}" == 1 ]]; then
	echo "sdk-check: work directory $work"
else
	trap 'rm -rf "$work"' EXIT
fi

cd "$root"
go run ./cmd/schemagen sdk -lang nodejs -schema schema.json -o "$work/sdk"

pulumi_range=$(node -p 'require(process.argv[1]).dependencies["@pulumi/pulumi"]' "$work/sdk/package.json")
cat >"$work/package.json" <<JSON
{
  "private": true,
  "dependencies": {
    "@pulumi/pulumi": "$pulumi_range",
    "@types/node": "^20",
    "typescript": "^5"
  }
}
JSON
(cd "$work" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
tsc="$work/node_modules/.bin/tsc"

echo "sdk-check: type-checking the TypeScript SDK ($("$tsc" --version), @pulumi/pulumi $pulumi_range)"
"$tsc" -p "$work/sdk" --noEmit

echo "sdk-check: type-checking examples/typescript against the SDK"
mkdir -p "$work/example"
cp examples/typescript/index.ts examples/typescript/tsconfig.json "$work/example/"
cat >"$work/example/tsconfig.check.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": {
    "noEmit": true,
    "baseUrl": ".",
    "paths": { "@dominoeks/pulumi-dominoeks": ["../sdk/index.ts"] }
  }
}
JSON
"$tsc" -p "$work/example/tsconfig.check.json"
echo "sdk-check: ok"
