#!/usr/bin/env node
// scripts/bench/lsp-bench.js: the language server over stdio on a generated realistic configuration
// (default 100,000 lines), curly and set forms: first diagnostics after open, diagnostics after a
// one-character edit (server time from the verbose trace), completion/hover latency (server time of the
// handler from the verbose trace, and wall time; steady, right after an edit elsewhere, while typing a new
// statement), syntax-only features, and the server's resident memory.
// The benchmark itself is test/src/lsp/server.bench.ts (typed, compiled by `tsc -b`); this runs it.
// Not a test: prints numbers only. Usage: node scripts/bench/lsp-bench.js [lines=100000] [latency]
// (`latency`: only open, completion and hover)
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../out/test/src/lsp/server.bench.js'));
