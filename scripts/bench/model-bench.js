#!/usr/bin/env node
// scripts/bench/model-bench.js: memory and time of the configuration model on a generated 100k-line config.
// For each form (curly, set): generates the config (test/src/fixtures/large-config.ts, seed 1), parses it
// with the real grammar, then reports
//   - build: buildConfig time (parse excluded) and heap used after GC with the model alive, the syntax
//     tree freed (the model's own cost: heap after minus heap before, per node),
//   - effective(): time of the first call and heap after GC with the effective view alive too.
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
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
