#!/usr/bin/env node
// scripts/bench/lsp-bench.js: the language server over stdio on a generated realistic configuration
// (default 100,000 lines), curly and set forms: first diagnostics after open, diagnostics after a
// one-character edit (server time from the verbose trace), completion/hover latency (steady and right
// after an edit), syntax-only features, and the server's resident memory.
// The benchmark itself is test/src/lsp/server.bench.ts (typed, compiled by `tsc -b`); this runs it.
// Not a test: prints numbers only. Usage: node scripts/bench/lsp-bench.js [lines=100000]
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../out/test/src/lsp/server.bench.js'));
