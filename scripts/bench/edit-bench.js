#!/usr/bin/env node
// scripts/bench/edit-bench.js: the language server's one-character edit path in one process, without the
// connection and its noise: the document store's change (text, line index, incremental reparse), the read
// of the whole new text the server makes once idle (timed apart: off the edit -> diagnostics path), the
// tree copy (`snapshot.root`), the analysis updated from the previous one (`analyzeDocument` with
// `previous`, as lsp/diagnostics-source.ts does) and the conversion of every diagnostic to LSP.
// Edits insert 'x' inside description strings over the second half of a generated config
// (test/src/fixtures/large-config.ts, seed 1), as test/src/lsp/server.bench.ts does; 3 warm-up edits.
// Prints medians of wall time per step and of process CPU (process.cpuUsage: also counts other threads).
// Not a test: prints numbers only. Needs `tsc -b` output. Usage: node scripts/bench/edit-bench.js [lines] [set|curly] [edits]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const load = (p) => require(path.join(root, 'out', p));
const { loadSyntaxBinding } = load('server/src/lsp/syntax-binding.js');
const { DocumentStore } = load('server/src/lsp/stores/documents.js');
const { analyzeDocument, schemaFamily } = load('server/src/analysis/index.js');
const { loadSchema } = load('server/src/schema/index.js');
const { toLspDiagnostic } = load('server/src/lsp/convert.js');
const { coveringEdit } = load('server/src/lsp/diagnostics-source.js');
const { generateLargeConfig } = load('test/src/fixtures/large-config.js');

const lines = Number(process.argv[2] ?? 100000);
const forms = process.argv[3] ? [process.argv[3]] : ['set', 'curly'];
const edits = Number(process.argv[4] ?? 30);
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const cpuMs = (before) => {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

async function bench(syntax, form) {
  const store = new DocumentStore((text) => syntax.open(text), (live, previous) => syntax.rootOf(live, previous));
  const text = generateLargeConfig({ lines, form, seed: 1 });
  const uri = `file:///bench/large.${form === 'curly' ? 'conf' : 'set'}`;
  let doc = store.open(uri, 'junos', 1, text);
  const platform = 'mx';
  const schema = loadSchema(schemaFamily(platform));
  let analysis = analyzeDocument({ id: uri, text: doc.text, tree: { rootNode: doc.root } }, { platform }, schema);
  let seq = doc.seq;
  const flags = { diagnosticRelatedInformation: true, diagnosticTags: true };
  const textLines = text.split('\n');
  const described = textLines.flatMap((l, k) => (/description "/.test(l) ? [k] : []));
  const wall = { change: [], copy: [], analysis: [], convert: [], path: [], flatten: [] };
  const cpu = { change: [], diagnostics: [], flatten: [] };
  for (let i = 0; i < edits + 3; i++) {
    const line = described[Math.floor(described.length * (0.5 + (i % 10) / 20))];
    const character = textLines[line].indexOf('description "') + 'description "'.length;
    let cpuAt = process.cpuUsage();
    const t0 = performance.now();
    doc = store.change(uri, i + 2, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
    const t1 = performance.now();
    const changeCpu = cpuMs(cpuAt);
    cpuAt = process.cpuUsage();
    const f0 = performance.now();
    store.flattenText(uri);
    const f1 = performance.now();
    const flattenCpu = cpuMs(cpuAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    cpuAt = process.cpuUsage();
    const t2 = performance.now();
    const rootNode = doc.root;
    const t3 = performance.now();
    const steps = store.editsAfter(uri, seq);
    analysis = analyzeDocument({ id: uri, text: doc.text, tree: { rootNode } }, { platform }, schema, undefined, { analysis, edit: coveringEdit(steps) });
    seq = doc.seq;
    const t4 = performance.now();
    analysis.diagnostics.map((d) => toLspDiagnostic(d, doc.lines, flags, () => doc.lines));
    const t5 = performance.now();
    const diagnosticsCpu = cpuMs(cpuAt);
    if (i < 3) continue;
    wall.change.push(t1 - t0);
    wall.flatten.push(f1 - f0);
    wall.copy.push(t3 - t2);
    wall.analysis.push(t4 - t3);
    wall.convert.push(t5 - t4);
    wall.path.push(t1 - t0 + (t5 - t2));
    cpu.change.push(changeCpu);
    cpu.flatten.push(flattenCpu);
    cpu.diagnostics.push(diagnosticsCpu);
  }
  const ms = (values) => median(values).toFixed(1);
  console.log(`${form} ${lines} lines, ${edits} one-character edits (${analysis.diagnostics.length} diagnostics):`);
  console.log(`  wall median ms: change + reparse ${ms(wall.change)}, tree copy ${ms(wall.copy)}, analysis ${ms(wall.analysis)}, to LSP ${ms(wall.convert)}; the path ${ms(wall.path)}; the idle read of the whole text ${ms(wall.flatten)}`);
  console.log(`  cpu median ms: change + reparse ${ms(cpu.change)}, tree copy + analysis + to LSP ${ms(cpu.diagnostics)}; the idle read of the whole text ${ms(cpu.flatten)}`);
}

(async () => {
  const syntax = await loadSyntaxBinding();
  for (const form of forms) await bench(syntax, form);
})();
