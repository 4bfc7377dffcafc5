#!/usr/bin/env bash
# scripts/grammar.sh: regenerates tree-sitter-junos from grammar.js and checks the result.
#   1. `tree-sitter generate`   -> src/parser.c, src/grammar.json, src/node-types.json
#   2. `tree-sitter build --wasm` twice, comparing the bytes (the build must be reproducible)
#   3. `tree-sitter test`       -> test/corpus/*.txt
#   4. with --native: rebuilds the native node addon (node-gyp, Node headers from /usr) and runs
#      the binding test (bindings/node/binding_test.js)
# With --check it then fails (exit 1) when the regenerated files differ from what git has, so
# CI catches a grammar.js change committed without its generated files.
# Installs nothing. Needs the tree-sitter CLI (0.26.x) on PATH or in $HOME/.local/tree-sitter/bin
# (shared/tools/install-tree-sitter installs it) and node.
set -euo pipefail

check=0
native=0
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    --native) native=1 ;;
    -h|--help) echo "usage: scripts/grammar.sh [--native] [--check]"; exit 0 ;;
    *) echo "grammar.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
grammar_dir=$root/tree-sitter-junos
wasm=tree-sitter-junos.wasm

if ! command -v tree-sitter >/dev/null 2>&1; then
  if [[ -x $HOME/.local/tree-sitter/bin/tree-sitter ]]; then
    PATH=$HOME/.local/tree-sitter/bin:$PATH
  else
    echo "grammar.sh: the tree-sitter CLI is not on PATH nor in \$HOME/.local/tree-sitter/bin" >&2
    echo "            install it with: bash shared/tools/install-tree-sitter" >&2
    exit 1
  fi
fi

cd "$grammar_dir"
echo "grammar.sh: $(tree-sitter --version) in $grammar_dir"

echo "grammar.sh: generate"
tree-sitter generate

echo "grammar.sh: build --wasm (twice, to check the bytes are reproducible)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tree-sitter build --wasm -o "$scratch/first.wasm"
tree-sitter build --wasm -o "$scratch/second.wasm"
if ! cmp -s "$scratch/first.wasm" "$scratch/second.wasm"; then
  echo "grammar.sh: two wasm builds of the same sources differ; the build is not reproducible" >&2
  exit 1
fi
cp "$scratch/first.wasm" "$wasm"
echo "grammar.sh: $wasm $(wc -c <"$wasm") bytes, sha256 $(sha256sum "$wasm" | cut -d' ' -f1)"

echo "grammar.sh: test"
tree-sitter test

if ((native)); then
  echo "grammar.sh: native addon (node-gyp rebuild) and binding test"
  node_gyp=$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
  [[ -f $node_gyp ]] || node_gyp=/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
  if [[ ! -f $node_gyp ]]; then
    echo "grammar.sh: npm's bundled node-gyp was not found; cannot build the native addon" >&2
    exit 1
  fi
  npm_config_nodedir=${npm_config_nodedir:-$(npm config get nodedir 2>/dev/null || echo /usr)} node "$node_gyp" rebuild >/dev/null
  node --test bindings/node/binding_test.js
fi

if ((check)); then
  cd "$root"
  # node_modules may be a symlink (git worktrees share one), which the `node_modules/` ignore
  # pattern does not match: it is never a generated file
  changes=$(git status --porcelain -- tree-sitter-junos ':(exclude)tree-sitter-junos/node_modules')
  if [[ -n $changes ]]; then
    echo "grammar.sh --check: regenerating changed files that git has (commit grammar.js together with its generated files):" >&2
    echo "$changes" >&2
    git --no-pager diff --stat -- tree-sitter-junos >&2 || true
    exit 1
  fi
  echo "grammar.sh --check: generated files match the committed ones"
fi
