#!/usr/bin/env node
// scripts/bench/outline-bench.js: the language server over stdio on a generated realistic configuration
// (default 100,000 lines), curly and set forms: per document version, the server and wall time of the
// features VS Code asks for after every edit (document symbols, folding ranges, code lens, inlay hints) and
// of selection ranges, document highlight and formatting.
// The benchmark itself is test/src/lsp/outline.bench.ts (typed, compiled by `tsc -b`); this runs it.
// With the default `junos.maxItemsComputed` (5000) the outline and folding answers are cut; pass 0 to measure
// the whole answers. Not a test: prints numbers only.
// Usage: node scripts/bench/outline-bench.js [lines=100000] [versions=4] [curly|set|both] [maxItemsComputed]
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../out/test/src/lsp/outline.bench.js'));
