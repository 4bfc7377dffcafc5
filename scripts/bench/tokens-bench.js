#!/usr/bin/env node
// scripts/bench/tokens-bench.js: semantic tokens after a one-character edit, through the real language
// server over stdio, on a generated realistic configuration (default 100,000 lines), curly and set forms:
// the first full request, `full/delta` right after an edit (analysis pending) and after its diagnostics,
// and `full` (server time from the verbose trace, wall time); the server's resident memory.
// The benchmark itself is test/src/lsp/tokens.bench.ts (typed, compiled by `tsc -b`); this runs it.
// Not a test: prints numbers only. Usage: node scripts/bench/tokens-bench.js [lines=100000] [edits=10]
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../out/test/src/lsp/tokens.bench.js'));
