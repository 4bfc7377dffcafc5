#!/usr/bin/env node
// scripts/bench/outline-bench.js: the language server over stdio on a generated realistic configuration
// (default 100,000 lines), curly and set forms: per document version, the server and wall time of the
// features VS Code asks for after every edit (document symbols, folding ranges, code lens, inlay hints) and
// of selection ranges, document highlight and formatting.
// The benchmark itself is test/src/lsp/outline.bench.ts (typed, compiled by `tsc -b`); this runs it.
// Not a test: prints numbers only. Usage: node scripts/bench/outline-bench.js [lines=100000] [versions=4] [curly|set]
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../out/test/src/lsp/outline.bench.js'));
