#!/usr/bin/env node
// scripts/bench/wasm-memory-bench.js: web-tree-sitter's linear memory (the wasm heap) for a large config.
// Loads the grammar the way the server does (out/server/src/syntax/language.js, the compiled syntax layer),
// parses `generateLargeConfig({ lines, form, seed: 1 })` (test/src/fixtures/large-config.ts) through a
// SyntaxDocument, then makes one-character edits with incremental reparses as syntax/document.ts does them
// (the tree of the last take is kept beside the current one until `takeChangedRanges`), and prints, after
// loading, after the first parse, after the edits and after the take:
//   - size: the memory's byteLength. Wasm memory never shrinks, and the runtime grows it by about 20 % of its
//     size at a time (emscripten_resize_heap: 32, 38.4, 46.1, 55.3, 66.4, 79.6 MB ...), so it is the first
//     such step above the peak of any parse; V8 counts all of it as external memory;
//   - touched: the 4 KB pages of it that are not all zeros, about what the process really holds (the
//     runtime's 32 MB initial memory is reserved, not written; a page stays resident once written);
//   - heap top: the end of the highest page in use (the allocator's high-water mark).
// And a census of the tree: visible nodes by kind (hidden nodes, inline leaves and the heap sizes of
// tree-sitter's subtrees are not visible from JS; see the report of the grammar work for that split).
// Each form runs in its own process (a memory never shrinks, so one form would hide the other's peak).
// Not a test: prints numbers only. Needs `tsc -b` output (out/server, out/test).
// Usage: node scripts/bench/wasm-memory-bench.js [lines] [set|curly|both] [edits]
//        WASM=<file> measures another grammar build.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const lines = Number(process.argv[2] ?? 100000);
const formArg = process.argv[3] ?? 'both';
const edits = Number(process.argv[4] ?? 20);

if (formArg === 'both') {
  let failed = false;
  for (const form of ['set', 'curly']) {
    const run = spawnSync(process.execPath, [__filename, String(lines), form, String(edits)], { stdio: 'inherit' });
    if (run.status !== 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

// web-tree-sitter's linear memory, recorded when the runtime creates it (before the parser loads)
const { memories } = require('./wasm-memories.cjs');

const root = path.resolve(__dirname, '../..');
const { initSyntax } = require(path.join(root, 'out/server/src/syntax/language.js'));
const { SyntaxDocument } = require(path.join(root, 'out/server/src/syntax/document.js'));
const { generateLargeConfig } = require(path.join(root, 'out/test/src/fixtures/large-config.js'));

const mb = (bytes) => (bytes / 1048576).toFixed(1);
const PAGE_WORDS = 1024; // 4 KB

/** byteLength, written pages and the end of the highest written page, over every recorded memory */
function measure() {
  let size = 0;
  let touched = 0;
  let top = 0;
  for (const memory of memories) {
    const words = new Uint32Array(memory.buffer);
    size += memory.buffer.byteLength;
    for (let page = 0; page < words.length; page += PAGE_WORDS) {
      for (let i = page; i < page + PAGE_WORDS; i++) {
        if (words[i] !== 0) {
          touched += PAGE_WORDS * 4;
          top = (page + PAGE_WORDS) * 4;
          break;
        }
      }
    }
  }
  return { size, touched, top };
}

function report(label) {
  const { size, touched, top } = measure();
  console.log(`  ${label.padEnd(26)} size ${mb(size).padStart(6)} MB  touched ${mb(touched).padStart(6)} MB  heap top ${mb(top).padStart(6)} MB`);
}

/** visible nodes by kind, with a cursor (no node objects kept) */
function census(tree) {
  const counts = new Map();
  const cursor = tree.walk();
  let total = 0;
  for (;;) {
    total++;
    const kind = cursor.nodeIsNamed ? cursor.nodeType : `"${cursor.nodeType}"`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return { total, counts };
      }
    }
  }
}

(async () => {
  const form = formArg;
  console.log(`${form} form, ${lines} lines, seed 1 (wasm memory: size = byteLength, touched = written 4 KB pages)`);
  await initSyntax(process.env.WASM ? { wasmPath: process.env.WASM } : {});
  report('after loading');
  const text = generateLargeConfig({ lines, form, seed: 1 });
  let started = performance.now();
  const doc = new SyntaxDocument(text);
  const parseMs = performance.now() - started;
  report(`after the first parse`);
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  started = performance.now();
  for (let i = 0; i < edits; i++) {
    // append 'x' to the last word of a line: the text stays valid
    const offset = doc.text.indexOf('\n', Math.floor(doc.text.length * (0.05 + 0.9 * random())));
    doc.applyEdit(offset, offset, 'x');
  }
  const editMs = (performance.now() - started) / Math.max(1, edits);
  report(`after ${edits} edits`);
  doc.takeChangedRanges();
  report('after takeChangedRanges');
  const { total, counts } = census(doc.tree);
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  console.log(`  text ${mb(text.length)} M chars; first parse ${parseMs.toFixed(0)} ms, reparse ${editMs.toFixed(1)} ms per edit (wall, mean)`);
  console.log(`  visible nodes ${total}: ${rows.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  doc.dispose();
})();
