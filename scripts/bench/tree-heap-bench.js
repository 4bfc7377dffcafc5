#!/usr/bin/env node
// scripts/bench/tree-heap-bench.js: wasm heap held by one tree-sitter-junos tree of a generated configuration.
// Parses `generateLargeConfig({ lines, form, seed: 1 })` once with web-tree-sitter and reports the heap the
// tree holds (heap in use after the parse minus before it), the full-parse CPU time (three parses) and the
// CPU time of a one-character reparse (median of 15 edits inside words).
// "Heap in use" is the wasm memory size minus what malloc can still hand out without growing the memory:
// the wasm memory itself only grows (in steps of ~20%), so its size says little. To probe malloc without
// growing, this script loads its own copy of web-tree-sitter's loader with the heap-resize hook made
// switchable (the package on disk is not touched). Not a test: prints numbers only. Needs `tsc -b` output.
// Usage: node scripts/bench/tree-heap-bench.js [lines=100000] [set|curly|both] [grammar.wasm]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '../..');
const { generateLargeConfig } = require(path.join(root, 'out/test/src/fixtures/large-config.js'));
const lines = Number(process.argv[2] ?? 100000);
const forms = (process.argv[3] ?? 'both') === 'both' ? ['set', 'curly'] : [process.argv[3]];
const grammarWasm = process.argv[4] ?? path.join(root, 'tree-sitter-junos/tree-sitter-junos.wasm');

/** web-tree-sitter with `_emscripten_resize_heap` failing while `globalThis.__treeHeapNoGrow` is set. */
function loadProbingWebTreeSitter() {
  const file = require.resolve('web-tree-sitter', { paths: [root] });
  const source = fs.readFileSync(file, 'utf8');
  const hook = 'var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {';
  if (!source.includes(hook)) throw new Error('tree-heap-bench: web-tree-sitter changed; the heap-resize hook was not found');
  const patched = source.replace(hook, `${hook} if (globalThis.__treeHeapNoGrow) return false;`);
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(patched, file);
  return m.exports;
}

const MB = (bytes) => (bytes / 1048576).toFixed(1);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

(async () => {
  const { Parser, Language } = loadProbingWebTreeSitter();
  const emscripten = {};
  await Parser.init(emscripten);
  const parser = new Parser();
  parser.setLanguage(await Language.load(fs.readFileSync(grammarWasm)));
  /** Memory size minus the blocks malloc can still hand out (largest first) without growing memory. */
  const heapInUse = () => {
    globalThis.__treeHeapNoGrow = true;
    const taken = [];
    let free = 0;
    for (;;) {
      let lo = 0;
      let hi = emscripten.HEAP8.length;
      while (hi - lo > 4096) {
        const mid = Math.floor((lo + hi) / 2);
        const p = emscripten._malloc(mid);
        if (p) {
          emscripten._free(p);
          lo = mid;
        } else hi = mid;
      }
      if (lo < 65536) break;
      taken.push(emscripten._malloc(lo));
      free += lo;
    }
    for (const p of taken) emscripten._free(p);
    globalThis.__treeHeapNoGrow = false;
    return emscripten.HEAP8.length - free;
  };
  for (const form of forms) {
    let text = generateLargeConfig({ lines, form, seed: 1 });
    const before = heapInUse();
    let t0 = cpu();
    let tree = parser.parse(text);
    const parses = [cpu() - t0];
    const held = heapInUse() - before;
    for (let i = 0; i < 2; i++) {
      t0 = cpu();
      parser.parse(text).delete();
      parses.push(cpu() - t0);
    }
    const edits = [];
    for (let i = 0; i < 15; i++) {
      const at = text.indexOf(' ', Math.floor(text.length * (0.03 + i * 0.065))) + 2;
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      let row = 0;
      for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) row++;
      const point = { row, column: at - lineStart };
      t0 = cpu();
      tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: point, oldEndPosition: point, newEndPosition: { row, column: point.column + 1 } });
      text = text.slice(0, at) + 'x' + text.slice(at);
      const next = parser.parse(text, tree);
      edits.push(cpu() - t0);
      tree.delete();
      tree = next;
    }
    tree.delete();
    edits.sort((a, b) => a - b);
    console.log(
      `${form} ${lines} lines: tree heap ${MB(held)} MB; full parse CPU ${parses.map((ms) => ms.toFixed(0)).join(' / ')} ms;` +
        ` one-character reparse CPU median ${edits[7].toFixed(1)} ms (min ${edits[0].toFixed(1)})`,
    );
  }
})();
