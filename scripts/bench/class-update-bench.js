#!/usr/bin/env node
// scripts/bench/class-update-bench.js: in-process CPU time (process.cpuUsage, not wall: the machine may be
// shared) of one semantic class update (lsp/class-update.ts `updatedClasses`) after a one-character edit
// inside a description, each edit analysed from the analysis before it (every other edit undoes the last),
// on a generated configuration (default 100,000 lines), set and curly forms; medians over the edits.
// Not a test: prints numbers only. Usage: node scripts/bench/class-update-bench.js [lines=100000] [edits=80]
'use strict';
const path = require('node:path');

const out = (p) => require(path.resolve(__dirname, '../../out', p));
const { analyzeDocument } = out('server/src/analysis/index.js');
const { mirrorTree, remirrorTree } = out('server/src/ide/tree-mirror.js');
const { fullClasses, updatedClasses } = out('server/src/lsp/class-update.js');
const { EditMap } = out('server/src/lsp/edit-map.js');
const { loadSchema } = out('server/src/schema/index.js');
const { initSyntax, SyntaxDocument } = out('server/src/syntax/parser.js');
const { LineIndex } = out('server/src/text/line-index.js');
const { generateLargeConfig, prng } = out('test/src/fixtures/large-config.js');

const lineCount = Number(process.argv[2] ?? 100000);
const editCount = Number(process.argv[3] ?? 80);
const DOC = 'file:///bench.conf';
const OPTIONS = { platform: 'ms-pic' };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main() {
  await initSyntax();
  const schema = loadSchema('mx');
  for (const form of ['set', 'curly']) {
    const doc = new SyntaxDocument(generateLargeConfig({ lines: lineCount, form, seed: 3 }));
    let root = mirrorTree(doc.tree);
    let analysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
    let classes = fullClasses(analysis, schema, DOC, new LineIndex(doc.text));
    const next = prng(11);
    const times = [];
    let last = 0;
    for (let i = 0; i < editCount; i++) {
      let edit;
      if (i % 2 === 1) edit = { start: last, end: last + 1, inserted: '' };
      else {
        let at = doc.text.indexOf('description "', Math.floor(next() * doc.text.length));
        if (at < 0) at = doc.text.indexOf('description "');
        last = at + 'description "'.length + 2;
        edit = { start: last, end: last, inserted: 'x' };
      }
      doc.applyEdit(edit.start, edit.end, edit.inserted);
      const map = new EditMap([{ version: i + 2, start: edit.start, end: edit.end, newLength: edit.inserted.length }]);
      root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
      const made = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, undefined, {
        analysis,
        edit: { start: edit.start, oldEnd: edit.end, newEnd: edit.start + edit.inserted.length },
      });
      const lines = new LineIndex(doc.text);
      const started = cpuMs();
      const got = updatedClasses(classes, made, schema, DOC, lines);
      if (got) times.push(cpuMs() - started);
      classes = got ?? fullClasses(made, schema, DOC, lines);
      analysis = made;
    }
    times.sort((a, b) => a - b);
    console.log(`${form} ${lineCount} lines: ${times.length} of ${editCount} edits updated the classes; CPU per update median ${pct(times, 0.5)?.toFixed(2)} ms, p90 ${pct(times, 0.9)?.toFixed(2)} ms`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
