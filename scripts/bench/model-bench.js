#!/usr/bin/env node
// scripts/bench/model-bench.js: memory and time of the configuration model on a generated 100k-line config.
// For each form (curly, set): generates the config (test/src/fixtures/large-config.ts, seed 1), parses it
// with the real grammar, then reports
//   - build: buildConfig time (parse excluded) and heap used after GC with the model alive, the syntax
//     tree freed (the model's own cost: heap after minus heap before, per node),
//   - effective(): time of the first call and heap after GC with the effective view alive too,
//   - incremental update: 20 one-character edits inside words spread over the file (set form: in a
//     line's last word), each `updateConfig` then `prepareQueries` (indexes derived from the previous
//     model's), CPU time (process.cpuUsage) median and max of each; and how many fell back to a build.
// Not a test: prints numbers only. Needs `tsc -b` output (out/server, out/test) and `node --expose-gc`
// (npm run bench passes it; without it the heap numbers are taken without a forced GC).
// Usage: node --expose-gc scripts/bench/model-bench.js [lines] [curly|set]
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
const forms = process.argv[3] ? [process.argv[3]] : ['curly', 'set'];

function heapMB() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  return process.memoryUsage().heapUsed / 1048576;
}

function countNodes(node) {
  let n = 1;
  for (const c of node.children) n += countNodes(c);
  return n;
}

async function main() {
  await syntax.initSyntax();
  const schema = loadSchema('mx');
  schema.root.children();
  for (const form of forms) {
    const text = generateLargeConfig({ lines, form, seed: 1 });
    const tree = syntax.parseText(text);
    const base = heapMB();
    let t = performance.now();
    let m = model.buildConfig({ id: `large.${form}`, text, tree }, schema);
    const buildMs = performance.now() - t;
    tree.delete();
    const afterBuild = heapMB();
    const nodes = countNodes(m.root);
    t = performance.now();
    const eff = m.effective();
    const effMs = performance.now() - t;
    const afterEffective = heapMB();
    const effNodes = countNodes(eff);
    const own = afterBuild - base;
    console.log(
      `${form}: ${text.split('\n').length} lines, ${(text.length / 1048576).toFixed(1)} MB, ${nodes} nodes, ${m.problems.length} problems\n` +
        `  build ${buildMs.toFixed(0)} ms; heap ${afterBuild.toFixed(0)} MB after GC (model ${own.toFixed(0)} MB, ${((own * 1048576) / nodes).toFixed(0)} B/node)\n` +
        `  effective() ${effMs.toFixed(0)} ms, ${effNodes} nodes; heap ${afterEffective.toFixed(0)} MB after GC (+${(afterEffective - afterBuild).toFixed(0)} MB)`,
    );
    m = undefined;
    incrementalUpdates(text, form, schema);
  }
}

function cpuMs(f) {
  const before = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
}

function summary(ms) {
  if (ms.length === 0) return '-';
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[sorted.length >> 1].toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
}

/** One-character edits, each model made from the one before (the language server's path). */
function incrementalUpdates(text, form, schema) {
  const doc = new syntax.SyntaxDocument(text);
  let mirror = mirrorTree(doc.tree);
  const source = () => ({ id: 'bench', text: doc.text, tree: { rootNode: mirror } });
  let m = model.buildConfig(source(), schema);
  m.prepareQueries();
  const updates = [];
  const queries = [];
  let fallbacks = 0;
  for (let k = 0; k < 20; k++) {
    let off = Math.floor(doc.text.length * ((k * 0.37 + 0.05) % 1));
    if (form === 'set') {
      // inside the last word of a line (earlier words usually name nodes other lines write into too)
      do off = doc.text.indexOf('\n', off + 1) - 1;
      while (off > 0 && !/[a-z0-9]/i.test(doc.text[off - 1]));
    } else {
      while (off < doc.text.length && !(/[a-z]/.test(doc.text[off - 1]) && /[a-z]/.test(doc.text[off]))) off++;
    }
    doc.applyEdit(off, off, 'x');
    mirror = remirrorTree(doc.tree, mirror, (s, e) => (e < off ? s : s > off ? s + 1 : undefined), (o) => (o < off ? o : o > off ? o + 1 : undefined));
    const [next, ms] = cpuMs(() => model.updateConfig(m, source(), { start: off, oldEnd: off, newEnd: off + 1 }));
    if (!next) {
      fallbacks++;
      m = model.buildConfig(source(), schema);
      m.prepareQueries();
      continue;
    }
    m = next;
    updates.push(ms);
    queries.push(cpuMs(() => m.prepareQueries())[1]);
  }
  console.log(`  incremental update (${form}): updateConfig ${summary(updates)}; prepareQueries after it ${summary(queries)}; ${fallbacks} of 20 built again`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
