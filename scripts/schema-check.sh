#!/usr/bin/env bash
# scripts/schema-check.sh: CI check that the committed schema is what the generator makes from the YANG.
# Compiles the generator alone (its entry file and what it imports, into a temporary folder, so a
# half-edited file elsewhere in server/ does not stop the check), runs it into a temporary file and
# compares the bytes with
# server/src/schema/generated/junos-schema.json.gz. Exit 0 when identical, 1 with a message when they
# differ (someone changed the generator or the YANG without `npm run schema`), 2 when it cannot run.
# Usage: bash scripts/schema-check.sh [YANG_RELEASE_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
committed="$root/server/src/schema/generated/junos-schema.json.gz"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
if [ ! -f "$committed" ]; then
  echo "schema-check: $committed is missing" >&2
  exit 2
fi
if ! npx tsc server/src/schema/generator/main.ts --outDir "$tmp/out" --rootDir . --target ES2022 \
  --module node16 --moduleResolution node16 --lib ES2022 --types node --strict --skipLibCheck \
  --esModuleInterop >"$tmp/tsc.log" 2>&1; then
  echo "schema-check: the generator does not compile:" >&2
  cat "$tmp/tsc.log" >&2
  exit 2
fi
# run from the repository root: the generator finds the default YANG folder from there
if ! node "$tmp/out/server/src/schema/generator/main.js" ${1:+"$1"} --out "$tmp/junos-schema.json.gz" >"$tmp/gen.log" 2>&1; then
  echo "schema-check: the generator failed:" >&2
  cat "$tmp/gen.log" >&2
  exit 2
fi
if cmp -s "$committed" "$tmp/junos-schema.json.gz"; then
  echo "schema-check: committed schema is up to date ($(wc -c <"$committed") bytes)"
  exit 0
fi
echo "schema-check: server/src/schema/generated/junos-schema.json.gz differs from what the generator produces" >&2
echo "  committed: $(wc -c <"$committed") bytes, regenerated: $(wc -c <"$tmp/junos-schema.json.gz") bytes" >&2
echo "  run 'npm run schema' and commit the result" >&2
exit 1
