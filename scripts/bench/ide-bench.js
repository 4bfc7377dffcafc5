#!/usr/bin/env node
// scripts/bench/ide-bench.js: latency of completion and hover (server/src/ide) on a generated
// 100,000-line configuration (test/src/fixtures/large-config.ts), curly and set forms.
// For each form: parse + model build time (once), the first completion (which also builds the effective
// configuration the reference lists read), then N completions and N hovers at deterministic positions
// (the start of a statement line: statement completion; after the line's first word: next word or value;
// a random word of the line: hover), reporting p50 / p95 / max in milliseconds, the share of completion
// spent in the model's contextAt, one screen of inlay hints (cached per model after the first), and heap used.
// Not a test: prints numbers only. Needs `tsc -b` output (out/server, out/test).
// Usage: node scripts/bench/ide-bench.js [lines=100000] [samples=300]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const out = (p) => require(path.join(root, 'out', p));
const syntax = out('server/src/syntax/parser.js');
const { buildConfig } = out('server/src/model/index.js');
const { loadSchema } = out('server/src/schema/index.js');
const { complete } = out('server/src/ide/completion.js');
const { hover } = out('server/src/ide/hover.js');
const { inlayHints } = out('server/src/ide/inlay-hints.js');
const { generateLargeConfig } = out('test/src/fixtures/large-config.js');

const lines = Number(process.argv[2] ?? 100000);
const samples = Number(process.argv[3] ?? 300);

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms (n=${s.length})`;
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

async function run(form, schema) {
  const text = generateLargeConfig({ lines, form, seed: 1 });
  const starts = lineStarts(text);
  let t = performance.now();
  const tree = syntax.parseText(text);
  const parseMs = performance.now() - t;
  t = performance.now();
  const model = buildConfig({ id: 'big', text, tree }, schema);
  const buildMs = performance.now() - t;
  console.log(`${form}: ${starts.length} lines, ${(text.length / 1048576).toFixed(1)} MB; parse ${parseMs.toFixed(0)} ms, model ${buildMs.toFixed(0)} ms`);

  const rnd = random(7);
  const positions = [];
  while (positions.length < samples) {
    const i = Math.floor(rnd() * (starts.length - 2)) + 1;
    const lineText = text.slice(starts[i], starts[i + 1] - 1);
    const indent = /^\s*/.exec(lineText)[0].length;
    const firstWord = /^\s*(?:set\s+)?\S+\s/.exec(lineText);
    if (lineText.trim() === '' || lineText.trim() === '}' || !firstWord) continue;
    const words = [...lineText.matchAll(/[^\s{};]+/g)];
    const w = words[Math.floor(rnd() * words.length)];
    positions.push({ statement: starts[i] + (form === 'set' ? lineText.indexOf(' ') + 1 : indent), next: starts[i] + firstWord[0].length, word: starts[i] + w.index + 1 });
  }
  const input = (offset) => ({ model, docId: 'big', text, offset, schema, platform: 'ms-pic' });
  t = performance.now();
  const first = complete(input(positions[0].next));
  console.log(`  first completion (builds the effective config): ${(performance.now() - t).toFixed(1)} ms, ${first.items.length} items`);
  t = performance.now();
  hover(input(positions[0].word));
  console.log(`  first hover (builds the model's word index): ${(performance.now() - t).toFixed(1)} ms`);
  const completionMs = [];
  const contextMs = [];
  let items = 0;
  for (const p of positions) {
    for (const offset of [p.statement, p.next]) {
      let s = performance.now();
      items += complete(input(offset)).items.length;
      completionMs.push(performance.now() - s);
      s = performance.now();
      model.contextAt('big', offset);
      contextMs.push(performance.now() - s);
    }
  }
  const hoverMs = [];
  let hovers = 0;
  for (const p of positions) {
    const s = performance.now();
    if (hover(input(p.word))) hovers++;
    hoverMs.push(performance.now() - s);
  }
  const inlayMs = [];
  for (const p of positions.slice(0, 50)) {
    const s = performance.now();
    inlayHints({ model, docId: 'big', text, range: { start: p.statement, end: p.statement + 4000 }, schema, platform: 'ms-pic' });
    inlayMs.push(performance.now() - s);
  }
  console.log(`  completion: ${stats(completionMs)}; ${(items / completionMs.length).toFixed(1)} items on average`);
  console.log(`    of which model.contextAt alone: ${stats(contextMs)}`);
  console.log(`  hover:      ${stats(hoverMs)}; ${hovers}/${hoverMs.length} positions had a hover`);
  console.log(`  inlay hints (one screen): ${stats(inlayMs)}`);
  console.log(`  heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
}

(async () => {
  await syntax.initSyntax();
  const schema = loadSchema('mx');
  for (const form of ['curly', 'set']) await run(form, schema);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
