#!/usr/bin/env node
// scripts/bench/mirror-bench.js: heap and CPU of the plain tree copy (ide/tree-mirror.ts) of a generated
// configuration, and of the features that walk it.
// Reports, per form: the live heap the copy holds (gc()'d heapUsed + arrayBuffers after `mirrorTree` minus
// before, the tree kept alive in both), the same for the folding memo and the outline cache after their first
// answer, the CPU of a full copy and of a walk reading every node's `children` and `type`
// (minimum of 5), a one-character remirror with the tree's changed ranges (median of 9 edits), and the
// CPU of the readers: model build (`buildConfig`), folding ranges and document symbols from scratch and with
// their caches after an edit (median of 5). CPU is process.cpuUsage() (user + system). Not a test: prints
// numbers only. Needs `tsc -b` output and --expose-gc.
// Usage: node --expose-gc scripts/bench/mirror-bench.js [lines=100000] [set|curly|both]
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'out');
const syntax = require(path.join(out, 'server/src/syntax/parser.js'));
const { mirrorTree, remirrorTree } = require(path.join(out, 'server/src/ide/tree-mirror.js'));
const { buildConfig } = require(path.join(out, 'server/src/model/index.js'));
const { loadSchema } = require(path.join(out, 'server/src/schema/index.js'));
const { foldingRegions, FoldingMemo } = require(path.join(out, 'server/src/ide/folding-ranges.js'));
const { OutlineCache } = require(path.join(out, 'server/src/lsp/outline-cache.js'));
const { LineIndex } = require(path.join(out, 'server/src/text/line-index.js'));
const { EditMap } = require(path.join(out, 'server/src/lsp/edit-map.js'));
const { generateLargeConfig } = require(path.join(out, 'test/src/fixtures/large-config.js'));

if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const lines = Number(process.argv[2] ?? 100000);
const forms = (process.argv[3] ?? 'both') === 'both' ? ['set', 'curly'] : [process.argv[3]];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const timed = (f) => {
  const t = cpu();
  const r = f();
  return [cpu() - t, r];
};
const min = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// heapUsed plus array buffers (the copy's packed leaves live in typed arrays, outside the V8 heap)
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function walk(rootNode) {
  let n = 0;
  const stack = [rootNode];
  while (stack.length > 0) {
    const x = stack.pop();
    n += x.type.length;
    for (const c of x.children) stack.push(c);
  }
  return n;
}

(async () => {
  await syntax.initSyntax();
  const schema = loadSchema('mx');
  for (const form of forms) {
    const doc = new syntax.SyntaxDocument(generateLargeConfig({ lines, form, seed: 1 }));
    doc.takeChangedRanges();
    const before = heap();
    let copy = mirrorTree(doc.tree);
    const held = heap() - before;
    const builds = [];
    for (let i = 0; i < 5; i++) builds.push(timed(() => mirrorTree(doc.tree))[0]);
    const walks = [];
    for (let i = 0; i < 5; i++) walks.push(timed(() => walk(copy))[0]);
    const models = [];
    for (let i = 0; i < 5; i++) models.push(timed(() => buildConfig({ id: 'doc', text: doc.text, tree: { rootNode: copy } }, schema))[0]);
    const index = new LineIndex(doc.text);
    const folds = [];
    for (let i = 0; i < 5; i++) folds.push(timed(() => foldingRegions(doc.text, copy, index))[0]);
    const outlines = [];
    for (let i = 0; i < 5; i++) outlines.push(timed(() => new OutlineCache().documentSymbols(doc.text, copy, index, 'doc', 5000))[0]);
    // edits: one character inserted at spread offsets, the copy made again with the changed ranges; the
    // caches answer after each
    const memo = new FoldingMemo();
    const outline = new OutlineCache();
    const beforeMemo = heap();
    memo.regions(doc.text, copy, index, 'doc');
    const memoHeld = heap() - beforeMemo;
    outline.documentSymbols(doc.text, copy, index, 'doc', 5000);
    const outlineHeld = heap() - beforeMemo - memoHeld;
    const remirrors = [];
    const memoFolds = [];
    const memoOutlines = [];
    for (let i = 0; i < 9; i++) {
      let at = Math.floor(doc.text.length * ((i * 0.37 + 0.05) % 1));
      at = doc.text.indexOf(' ', at) + 1;
      doc.applyEdit(at, at, 'x');
      const map = new EditMap([{ version: i + 2, start: at, end: at, newLength: 1 }]);
      const [t, next] = timed(() => remirrorTree(doc.tree, copy, (s, e) => map.movedStart(s, e), (o) => map.toNew(o), doc.takeChangedRanges()));
      remirrors.push(t);
      copy = next;
      const lineIndex = new LineIndex(doc.text);
      memoFolds.push(timed(() => memo.regions(doc.text, copy, lineIndex, 'doc'))[0]);
      memoOutlines.push(timed(() => outline.documentSymbols(doc.text, copy, lineIndex, 'doc', 5000))[0]);
    }
    const f = (x) => x.toFixed(1);
    console.log(
      `${form} ${lines}: copy heap ${(held / 1048576).toFixed(1)} MB; folding memo heap ${(memoHeld / 1048576).toFixed(1)} MB; outline cache heap ${(outlineHeld / 1048576).toFixed(1)} MB; build min ${f(min(builds))} ms; walk min ${f(min(walks))} ms; ` +
        `remirror median ${f(median(remirrors))} ms; buildConfig min ${f(min(models))} ms; folding min ${f(min(folds))} ms (memo after edit median ${f(median(memoFolds))}); ` +
        `outline min ${f(min(outlines))} ms (cache after edit median ${f(median(memoOutlines))})`,
    );
  }
})();
