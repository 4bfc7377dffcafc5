#!/usr/bin/env node
// scripts/bench/session-bench.js: the model update's cost late in a long editing session at one place.
// For each form (set, curly): generates a config (test/src/fixtures/large-config.ts, seed 1), then
//   1. inserts `inserts` new lines one after another at one place in the middle of the file, each a unit's
//      description (64 units per interface: no node gets thousands of children) (set form: a
//      `set interfaces ...` command each, typed in two steps: `set interfaces`, then the rest; curly: a one-line interface statement inside `interfaces { }`),
//      each reparsed and the model updated from the one before (`updateConfig`, the language server's path);
//   2. makes `edits` one-character edits (typing a character into a description of an inserted line near
//      the top of the inserted stretch, then deleting it), each model updated from the one before.
// Reports the in-process time of `updateConfig` alone (performance.now around the call; the reparse and
// tree copy are excluded): medians of the first and last 200 insertions and median/p90 of the edits, plus
// how many updates fell back to a full build. Not a test: prints numbers only. Needs `tsc -b` output.
// Usage: node --expose-gc scripts/bench/session-bench.js [lines] [inserts] [edits] [set|curly]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const syntax = require(path.join(root, 'out/server/src/syntax/parser.js'));
const model = require(path.join(root, 'out/server/src/model/index.js'));
const { loadSchema } = require(path.join(root, 'out/server/src/schema/index.js'));
const { generateLargeConfig } = require(path.join(root, 'out/test/src/fixtures/large-config.js'));
const { mirrorTree, remirrorTree } = require(path.join(root, 'out/server/src/ide/tree-mirror.js'));

const lines = Number(process.argv[2] ?? 100000);
const inserts = Number(process.argv[3] ?? 2000);
const edits = Number(process.argv[4] ?? 400);
const forms = process.argv[5] ? [process.argv[5]] : ['set', 'curly'];

function quantile(ms, q) {
  if (ms.length === 0) return NaN;
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

function session(form, schema) {
  const text = generateLargeConfig({ lines, form, seed: 1 });
  const doc = new syntax.SyntaxDocument(text);
  let mirror = mirrorTree(doc.tree);
  const source = () => ({ id: 'bench', text: doc.text, tree: { rootNode: mirror } });
  let m = model.buildConfig(source(), schema);
  m.prepareQueries();
  let fallbacks = 0;
  /** one edit: reparse, tree copy, then the timed model update (a full build when it declines) */
  const edit = (start, end, inserted) => {
    doc.applyEdit(start, end, inserted);
    const delta = inserted.length - (end - start);
    mirror = remirrorTree(doc.tree, mirror, (s, e) => (e <= start ? s : s >= end ? s + delta : undefined), (o) => (o <= start ? o : o >= end ? o + delta : undefined));
    const t = performance.now();
    const next = model.updateConfig(m, source(), { start, oldEnd: end, newEnd: start + inserted.length });
    const ms = performance.now() - t;
    if (next) m = next;
    else {
      fallbacks++;
      m = model.buildConfig(source(), schema);
    }
    m.prepareQueries();
    return ms;
  };
  // the place: the start of a line in the middle of the file (curly: inside `interfaces { }`)
  let at;
  let line;
  if (form === 'set') {
    at = doc.text.indexOf('\nset ', Math.floor(doc.text.length / 2)) + 1;
    line = (k) => `set interfaces ge-7/1/${k >> 6} unit ${k & 63} description "session line ${k}"\n`;
  } else {
    const block = doc.text.indexOf('\ninterfaces {\n');
    at = doc.text.indexOf('\n    ', doc.text.indexOf('\n    }\n', block + 2000)) + 1;
    line = (k) => `    ge-7/1/${k >> 6} unit ${k & 63} description "session line ${k}";\n`;
  }
  const insertMs = [];
  let p = at;
  for (let k = 0; k < inserts; k++) {
    const s = line(k);
    if (form === 'set') {
      // typed in two steps (a whole new `set` line writing under an existing node is read by a full build)
      const head = 'set interfaces\n';
      insertMs.push(edit(p, p, head));
      p += head.length - 1;
      const rest = s.slice(head.length - 1, -1);
      insertMs.push(edit(p, p, rest));
      p += rest.length + 1;
    } else {
      insertMs.push(edit(p, p, s));
      p += s.length;
    }
  }
  // one-character edits in a description near the top of the inserted stretch (most of it after them)
  const editMs = [];
  const q = doc.text.indexOf('session line 3', at) + 'session'.length;
  for (let k = 0; k < edits; k++) editMs.push(k % 2 === 0 ? edit(q, q, 'x') : edit(q, q + 1, ''));
  const first = insertMs.slice(0, 200);
  const last = insertMs.slice(-200);
  console.log(
    `${form}: ${lines} lines, ${inserts} lines inserted at one place: updateConfig median ${quantile(first, 0.5).toFixed(3)} ms (first 200), ` +
      `${quantile(last, 0.5).toFixed(3)} ms (last 200); then ${edits} one-char edits there: median ${quantile(editMs, 0.5).toFixed(3)} ms, ` +
      `p90 ${quantile(editMs, 0.9).toFixed(3)} ms; ${fallbacks} built again`,
  );
}

async function main() {
  await syntax.initSyntax();
  const schema = loadSchema('mx');
  schema.root.children();
  for (const form of forms) session(form, schema);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
