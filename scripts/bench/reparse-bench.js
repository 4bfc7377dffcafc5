#!/usr/bin/env node
// scripts/bench/reparse-bench.js: incremental reparse after one-character edits on a generated config.
// Parses `generateLargeConfig({ lines, form, seed: 1 })` (test/src/fixtures/large-config.ts), then makes
// `edits` one-character edits through SyntaxDocument.applyEdit and reports
//   - the reparse time per edit (wall min/median/max, and the process CPU median: the machine is shared),
//   - the wasm linear memory (web-tree-sitter's heap) after the parse and after the edits,
//   - per edit, how many top-level nodes more than 2000 characters from the edit kept their node id
//     (a kept id means tree-sitter reused the subtree holding the node instead of rebuilding it).
// Edits append 'x' to the last word of a line (the text stays valid); EDIT=space appends it to the
// word before a random space instead, which sometimes turns a set verb into a word (`setx`) and leaves
// the rest of the file one broken statement (slow reparses, growing heap: that is the grammar's error
// case, not its incremental one). WASM=<file> parses with another grammar build (to compare).
// The timed edits read the new text through its pieces (syntax/piece-text.ts, as the language server's
// document store hands it over: no copy of the whole text). Then it splits what that saves: the same edits
// with the new text handed over already flat (`applyEdit`'s 4th argument as a string), against the time V8
// takes to flatten that text (a new string of the whole text, at its first read after the edit: the rest of
// a reparse that reads the new string at 100,000 set lines); and it times `takeChangedRanges` after edits that write a line break
// (a flat tree: the windows of syntax/changed-windows.ts) and a `;` (an error: tree-sitter's comparison).
// Not a test: prints numbers only. Needs `tsc -b` output (out/server, out/test).
// Usage: node scripts/bench/reparse-bench.js [lines] [curly|set] [edits]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

// web-tree-sitter's linear memory, recorded when the runtime creates it (before the parser loads)
const { wasmBytes } = require('./wasm-memories.cjs');

const root = path.resolve(__dirname, '../..');
const { initSyntax } = require(path.join(root, 'out/server/src/syntax/language.js'));
const { SyntaxDocument } = require(path.join(root, 'out/server/src/syntax/document.js'));
const { PieceText } = require(path.join(root, 'out/server/src/syntax/piece-text.js'));
const { generateLargeConfig } = require(path.join(root, 'out/test/src/fixtures/large-config.js'));

const lines = Number(process.argv[2] ?? 100000);
const form = process.argv[3] ?? 'set';
const edits = Number(process.argv[4] ?? 20);
const mb = (bytes) => (bytes / 1048576).toFixed(0);

function topLevel(tree) {
  const nodes = [];
  const cursor = tree.walk();
  if (cursor.gotoFirstChild()) {
    do {
      const node = cursor.currentNode;
      nodes.push({ id: node.id, start: node.startIndex, end: node.endIndex });
    } while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return nodes;
}

(async () => {
  await initSyntax(process.env.WASM ? { wasmPath: process.env.WASM } : {});
  const text = generateLargeConfig({ lines, form, seed: 1 });
  let started = performance.now();
  const doc = new SyntaxDocument(text);
  console.log(`${form} ${lines} lines: full parse ${(performance.now() - started).toFixed(0)} ms, wasm memory ${mb(wasmBytes())} MB, rss ${mb(process.memoryUsage().rss)} MB`);
  const walls = [];
  const cpus = [];
  const kept = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < edits; i++) {
    const before = topLevel(doc.tree);
    const offset = doc.text.indexOf(process.env.EDIT === 'space' ? ' ' : '\n', Math.floor(doc.text.length * (0.05 + 0.9 * random())));
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    doc.applyEdit(offset, offset, 'x');
    walls.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpus.push((cpu.user + cpu.system) / 1000);
    const idByOldStart = new Map(topLevel(doc.tree).map((node) => [node.start > offset ? node.start - 1 : node.start, node.id]));
    const far = before.filter((node) => node.end < offset - 2000 || node.start > offset + 2000);
    kept.push(`${far.filter((node) => idByOldStart.get(node.start) === node.id).length}/${far.length}`);
  }
  const sorted = (values) => values.slice().sort((a, b) => a - b);
  const median = (values) => sorted(values)[Math.floor(values.length / 2)].toFixed(1);
  console.log(`reparse wall ms: min ${sorted(walls)[0].toFixed(1)} median ${median(walls)} max ${sorted(walls).at(-1).toFixed(1)}; cpu ms median ${median(cpus)}`);
  console.log(`after ${edits} edits: wasm memory ${mb(wasmBytes())} MB, rss ${mb(process.memoryUsage().rss)} MB`);
  console.log(`far top-level nodes that kept their id, per edit: ${kept.join(' ')}`);
  const cpuMs = (run) => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const flatten = [];
  const flatReparse = [];
  const pieceReparse = [];
  for (let i = 0; i < edits; i++) {
    const offset = doc.text.indexOf('\n', Math.floor(doc.text.length * (0.05 + 0.9 * random())));
    const next = doc.text.slice(0, offset) + 'x' + doc.text.slice(offset);
    flatten.push(cpuMs(() => next.charCodeAt(0)));
    flatReparse.push(cpuMs(() => doc.applyEdit(offset, offset, 'x', next)));
    const pieces = PieceText.of(doc.text).edited(offset, offset, 'x');
    pieceReparse.push(cpuMs(() => doc.applyEdit(offset, offset, 'x', pieces)));
  }
  console.log(`one-character edit, cpu ms median: reparse of a flat text ${median(flatReparse)}, V8 flattening the new text ${median(flatten)}, reparse through the pieces ${median(pieceReparse)}`);
  for (const written of ['\nset system host-name r9', ';']) {
    const take = [];
    let broken = 0;
    doc.takeChangedRanges();
    for (let i = 0; i < Math.min(edits, 10); i++) {
      const offset = doc.text.indexOf('\n', Math.floor(doc.text.length * (0.05 + 0.9 * random())));
      doc.applyEdit(offset, offset, written);
      if (doc.tree.rootNode.hasError) broken++;
      take.push(cpuMs(() => doc.takeChangedRanges()));
      doc.applyEdit(offset, offset + written.length, '');
      doc.takeChangedRanges();
    }
    console.log(`takeChangedRanges after writing ${JSON.stringify(written)} (the tree had errors after ${broken} of ${take.length}), cpu ms median ${median(take)} max ${sorted(take).at(-1).toFixed(1)}`);
  }
  doc.dispose();
})();
