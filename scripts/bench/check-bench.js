#!/usr/bin/env node
// Benchmark (not a test): `junos-ipsec check`'s analysis on a generated ~100k-line configuration, in both forms.
// Prints wall time per phase (parse, syntax, model, effective + walk, each rule family), total, diagnostics
// found, and peak RSS. Usage: node [--expose-gc] scripts/bench/check-bench.js [lines] [curly|set ...]
// (default 100000 lines, both forms; give one form per run for a clean peak-RSS figure).
'use strict';
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const out = (rel) => path.join(root, 'out', rel);

const { generateLargeConfig } = require(out('test/src/fixtures/large-config.js'));
const { analyzeDocument } = require(out('server/src/analysis/index.js'));
const { loadSchema } = require(out('server/src/schema/index.js'));
const { initSyntax, parseText } = require(out('server/src/syntax/parser.js'));

const lines = Number(process.argv[2] ?? 100000);
let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

async function main() {
  await initSyntax();
  let t = performance.now();
  const schema = loadSchema('mx');
  console.log(`schema load: ${(performance.now() - t).toFixed(0)} ms`);
  const forms = process.argv.slice(3).filter((f) => f === 'curly' || f === 'set');
  for (const form of forms.length > 0 ? forms : ['curly', 'set']) {
    const text = generateLargeConfig({ lines, form, seed: 1 });
    const lineCount = text.split('\n').length;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    const phases = [];
    t = performance.now();
    const tree = parseText(text);
    phases.push(['parse', performance.now() - t]);
    const start = performance.now();
    const result = analyzeDocument({ id: `large.${form}`, text, tree }, { platform: 'ms-pic' }, schema, (phase, ms) => phases.push([phase, ms]));
    const analysis = performance.now() - start;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const bySeverity = {};
    for (const d of result.diagnostics) bySeverity[`${d.severity}[${d.code}]`] = (bySeverity[`${d.severity}[${d.code}]`] ?? 0) + 1;
    console.log(`\n${form}: ${lineCount} lines, ${(text.length / 1e6).toFixed(1)} MB`);
    for (const [phase, ms] of phases) console.log(`  ${phase.padEnd(18)} ${ms.toFixed(0).padStart(6)} ms`);
    console.log(`  ${'analysis total'.padEnd(18)} ${analysis.toFixed(0).padStart(6)} ms (parse + analysis ${(analysis + phases[0][1]).toFixed(0)} ms)`);
    console.log(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (before: ${(rssBefore / 2 ** 20).toFixed(0)} MiB)`);
    console.log(`  diagnostics: ${result.diagnostics.length} ${JSON.stringify(bySeverity)}`);
    tree.delete();
  }
  clearInterval(sample);
}

main().catch((err) => {
  clearInterval(sample);
  console.error(err);
  process.exit(1);
});
