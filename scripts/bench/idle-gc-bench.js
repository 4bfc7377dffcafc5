#!/usr/bin/env node
// scripts/bench/idle-gc-bench.js: what forced full collections give back after full analyses (the idle
// collection of server/src/lsp/idle-collector.ts), in this process: three full analyses of a generated
// configuration (the last kept, as the server keeps it), then one of the modes below, with the pause of each
// collection (wall, and the process's CPU in it: V8's helper threads too) and RSS / V8 heap used / committed
// (the young generation's part) / external after it and while idle.
// Not a test: prints numbers only. Usage (needs --expose-gc; the server's heap flag for a like-for-like heap):
//   node --expose-gc --heap-growing-percent=100 scripts/bench/idle-gc-bench.js [curly|set] [mode] [lines=100000]
// modes: plain (two plain collections back to back), spaced (plain, 1 s idle, plain), compact (one compacting
//   collection), server (plain, 0.5 s idle, compacting, 6 s idle, young: what the server does), none (24 s idle, nothing
//   forced); last-resort / plain-last-resort: gc({ flavor: 'last-resort' }) (Node 20's gc() ignores it)
'use strict';
const path = require('node:path');
const v8 = require('node:v8');
const out = path.resolve(__dirname, '../../out');
const { initSyntax, SyntaxDocument } = require(path.join(out, 'server/src/syntax/parser.js'));
const { mirrorTree } = require(path.join(out, 'server/src/ide/tree-mirror.js'));
const { analyzeDocument, schemaFamily } = require(path.join(out, 'server/src/analysis/index.js'));
const { loadSchema } = require(path.join(out, 'server/src/schema/index.js'));
const { generateLargeConfig } = require(path.join(out, 'test/src/fixtures/large-config.js'));

const MB = (n) => (n / 1048576).toFixed(0);
const show = (label) => {
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  console.log(`  ${label.padEnd(44)} rss ${MB(usage.rss)}, heap used ${MB(heap.used_heap_size)} / committed ${MB(heap.total_heap_size)} (young ${MB(young ? young.space_size : 0)}), external ${MB(usage.external)} MB`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// the pause (wall) and the CPU of the whole process during it (V8's parallel marking and compaction threads too)
const collect = (label, compacting) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  if (compacting === 'last-resort') global.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else if (compacting === 'young') global.gc({ type: 'minor' });
  else {
    if (compacting) v8.setFlagsFromString('--compact-on-every-full-gc');
    global.gc();
    if (compacting) v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  const used = process.cpuUsage(cpu);
  show(`${label} (${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
};

void (async () => {
  const [form = 'curly', mode = 'server', lines = '100000'] = process.argv.slice(2);
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  await initSyntax();
  const text = generateLargeConfig({ lines: Number(lines), form, seed: 1 });
  const schema = loadSchema(schemaFamily('mx'));
  const doc = new SyntaxDocument(text);
  let kept;
  for (let i = 0; i < 3; i++) {
    kept = analyzeDocument({ id: 'file:///bench', text, tree: { rootNode: mirrorTree(doc.tree) } }, { platform: 'mx' }, schema);
    await sleep(20);
  }
  console.log(`${form}, ${lines} lines, mode ${mode} (${kept.diagnostics.length} diagnostics)`);
  show('after 3 full analyses');
  if (mode === 'plain') {
    collect('collection', false);
    collect('collection again', false);
  } else if (mode === 'spaced') {
    collect('collection', false);
    await sleep(1000);
    collect('collection after 1 s', false);
  } else if (mode === 'compact') {
    collect('compacting collection', true);
  } else if (mode === 'last-resort') {
    collect('last-resort collection', 'last-resort');
  } else if (mode === 'plain-last-resort') {
    collect('collection', false);
    await sleep(1000);
    collect('last-resort collection after 1 s', 'last-resort');
  } else if (mode === 'server') {
    collect('collection', false);
    await sleep(500);
    collect('compacting collection after 0.5 s', true);
    await sleep(6000);
    collect('young collection after 6 s', 'young');
  } else {
    for (let s = 0; s < 12; s++) {
      await sleep(2000);
      show(`idle ${(s + 1) * 2} s`);
    }
  }
  for (let s = 0; s < 3; s++) {
    await sleep(1000);
    show(`idle ${s + 1} s`);
  }
})();
