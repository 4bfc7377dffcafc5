#!/usr/bin/env node
// scripts/bench/heap-bench.js: full analyses of a generated configuration back to back in this process (the
// last one kept, as the server keeps it while the next runs): CPU and wall time per run, peak and final RSS.
// Compares V8 heap flags for the server process (lsp/process-heap.ts); the flags are set at start with
// v8.setFlagsFromString, as the server sets its own.
// Not a test: prints numbers only. Usage:
//   node scripts/bench/heap-bench.js [curly|set] [runs=4] [lines=100000] [v8 flags...]
// e.g. node scripts/bench/heap-bench.js set 3 100000 --heap-growing-percent=50
'use strict';
const path = require('node:path');
const v8 = require('node:v8');
const { performance } = require('node:perf_hooks');

const [form = 'curly', runsArg = '4', linesArg = '100000', ...flags] = process.argv.slice(2);
for (const flag of flags) v8.setFlagsFromString(flag);
const out = path.resolve(__dirname, '../../out');
const { initSyntax, SyntaxDocument } = require(path.join(out, 'server/src/syntax/parser.js'));
const { mirrorTree } = require(path.join(out, 'server/src/ide/tree-mirror.js'));
const { analyzeDocument, schemaFamily } = require(path.join(out, 'server/src/analysis/index.js'));
const { loadSchema } = require(path.join(out, 'server/src/schema/index.js'));
const { generateLargeConfig } = require(path.join(out, 'test/src/fixtures/large-config.js'));

void (async () => {
  await initSyntax();
  const text = generateLargeConfig({ lines: Number(linesArg), form, seed: 1 });
  const schema = loadSchema(schemaFamily('mx'));
  const doc = new SyntaxDocument(text);
  let kept;
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const runs = [];
  for (let i = 0; i < Number(runsArg); i++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    kept = analyzeDocument({ id: 'file:///bench', text, tree: { rootNode: mirrorTree(doc.tree) } }, { platform: 'mx' }, schema);
    const used = process.cpuUsage(cpu);
    runs.push(`${((used.user + used.system) / 1000).toFixed(0)} cpu / ${(performance.now() - wall).toFixed(0)} wall`);
    peak = Math.max(peak, process.memoryUsage.rss());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  clearInterval(sample);
  const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
  console.log(`${form}, ${linesArg} lines, ${flags.length > 0 ? flags.join(' ') : 'V8 defaults'} (${kept.diagnostics.length} diagnostics)`);
  console.log(`  per full analysis (ms): ${runs.join('; ')}`);
  console.log(`  RSS: peak ${mb(Math.max(peak, process.resourceUsage().maxRSS * 1024))}, at the end ${mb(process.memoryUsage.rss())}`);
})();
