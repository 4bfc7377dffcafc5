#!/usr/bin/env bash
# scripts/e2e/run.sh (`npm run test:e2e`): the tests in real editors, in order:
#   1. bundle + package the .vsix (npm run package);
#   2. extension-host tests (test/e2e/suite, mocha) through @vscode/test-electron's runTests, with
#      scripts/e2e/code-shim.js standing in for VS Code (code-server 4.100.3 = VS Code 1.100.3 + Chromium);
#   3. UI tests (test/e2e/ui/workbench.e2e.js, playwright-core) on a code-server with the .vsix installed;
#   4. Neovim 0.7 headless as a second LSP client over stdio (test/e2e/nvim/lsp-client.lua).
# Needs: apt packages chromium neovim (and, for installing code-server: pkg-config libkrb5-dev
# libxkbfile-dev libsecret-1-dev libx11-dev ripgrep); code-server at $CODE_SERVER_BIN, installed by
# `bash scripts/e2e/install-code-server.sh 4.100.3 /tmp/vscode-e2e/code-server-4.100.3` when missing.
# Artifacts (reports, screenshots) go to test-artifacts/. Exit status: the number of failed stages.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CS_PREFIX=${CS_PREFIX:-/tmp/vscode-e2e/code-server-4.100.3}
export CODE_SERVER_BIN=${CODE_SERVER_BIN:-$CS_PREFIX/node_modules/.bin/code-server}
ART="$ROOT/test-artifacts"
mkdir -p "$ART"
failed=0
stage() { printf '\n=== e2e: %s (%ss)\n' "$1" "$SECONDS"; }
fail() { echo "e2e FAILED: $1"; failed=$((failed + 1)); }

for tool in chromium nvim; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing: apt-get install -y chromium neovim"; exit 10; }
done
if [ ! -x "$CODE_SERVER_BIN" ]; then
  stage "install code-server 4.100.3"
  bash scripts/e2e/install-code-server.sh 4.100.3 "$CS_PREFIX" || { echo "e2e: code-server install failed"; exit 10; }
fi

stage "package"
npm run --silent package > "$ART/package.log" 2>&1 || { cat "$ART/package.log"; echo "e2e: packaging failed"; exit 10; }
VSIX="$ROOT/junos-ipsec-$(node -p 'require("./package.json").version').vsix"
echo "$(basename "$VSIX"): $(stat -c %s "$VSIX") bytes"

stage "extension-host tests (code-server via @vscode/test-electron runTests + code-shim)"
npx tsc -p client/tsconfig.json || fail "client does not compile (out/client is used by test/e2e/suite/panel.test.js)"
E2E_RESULTS="$ART/extension-tests.txt" SHIM_CONSOLE=none SHIM_TIMEOUT_MS=400000 \
  node test/e2e/run-extension-tests.js || fail "extension-host tests"

stage "UI tests (Playwright on code-server with the .vsix installed)"
PORT_UI=${E2E_UI_PORT:-18093}
STATE=$(mktemp -d /tmp/junos-e2e-ui.XXXXXX)
if bash scripts/e2e/start-code-server.sh "$CODE_SERVER_BIN" "$STATE" "$PORT_UI" "$VSIX" > /dev/null; then
  CS_URL="http://127.0.0.1:$PORT_UI" SHOT_DIR="$ART/ui" node test/e2e/ui/workbench.e2e.js || fail "UI tests"
  kill "$(cat "$STATE/code-server.pid")" 2>/dev/null
  sleep 1
else
  fail "code-server did not start for the UI tests"
fi
rm -rf "$STATE"

stage "Neovim 0.7 as a second LSP client (stdio)"
SEED=examples/seed-as-published/r2.conf
N=$(node bin/junos-ipsec.js check --format json "$SEED" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
LSP_CMD="node $ROOT/bin/junos-ipsec.js lsp --stdio" EXPECT_DIAGNOSTICS="$N" \
  timeout 120 nvim --headless --clean -u test/e2e/nvim/lsp-client.lua "$SEED" || fail "Neovim LSP client"

stage "done: $failed failed stage(s)"
exit "$failed"
