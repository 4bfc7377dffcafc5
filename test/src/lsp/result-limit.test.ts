/**
 * test/lsp/result-limit.test.ts: `junos.maxItemsComputed` (ide/result-limit.ts, lsp/limit-notice.ts, the
 * document symbol and folding range handlers): the breadth-first cut of symbols and the outer-first cut of
 * folding regions on hand-made inputs, on a bundled example (exact answers) and on random regions against a
 * naive nesting count; over the protocol: a small limit cuts both answers, is told once per document, and the
 * client's smaller `rangeLimit` wins; the default leaves the bundled examples whole.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver/node';
import { firstSymbolsBreadthFirst, outerRegions, type LineSpan } from '../../../server/src/ide/result-limit';
import { prng as random } from '../fixtures/large-config';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession } from './harness';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');
const R2_CONF = path.join(EXAMPLES, 'ike-dynamic-sa/r2.conf');

interface Tree {
  name: string;
  children?: Tree[];
}
const t = (name: string, ...children: Tree[]): Tree => ({ name, children });
/** names, with the children of a symbol that has any kept */
type Shape = string | [string, Shape[]];
const shape = (list: readonly { name: string; children?: readonly unknown[] }[]): Shape[] =>
  list.map((s) => (s.children && s.children.length > 0 ? [s.name, shape(s.children as Tree[])] : s.name));

test('symbols: breadth-first, a symbol kept only with its parent, the input untouched', () => {
  const tree = [t('a', t('a1', t('a11'), t('a12')), t('a2')), t('b', t('b1')), t('c')];
  const before = JSON.stringify(tree);
  assert.deepEqual(shape(firstSymbolsBreadthFirst(tree, 2).items), ['a', 'b']);
  assert.deepEqual(shape(firstSymbolsBreadthFirst(tree, 4).items), [['a', ['a1']], 'b', 'c']);
  assert.deepEqual(shape(firstSymbolsBreadthFirst(tree, 6).items), [['a', ['a1', 'a2']], ['b', ['b1']], 'c']);
  assert.deepEqual(shape(firstSymbolsBreadthFirst(tree, 7).items), [['a', [['a1', ['a11']], 'a2']], ['b', ['b1']], 'c']);
  assert.equal(firstSymbolsBreadthFirst(tree, 7).cut, true);
  for (const limit of [0, 8, 1000]) assert.deepEqual(firstSymbolsBreadthFirst(tree, limit), { items: tree, cut: false });
  assert.equal(JSON.stringify(tree), before);
  assert.deepEqual(firstSymbolsBreadthFirst([], 3), { items: [], cut: false });
});

test('folding: whole outer levels first, then the first of the next level, in list order', () => {
  const r = (startLine: number, endLine: number): LineSpan => ({ startLine, endLine });
  const regions = [r(0, 20), r(1, 5), r(2, 3), r(7, 9), r(22, 30), r(23, 24)];
  assert.deepEqual(outerRegions(regions, 2), { items: [r(0, 20), r(22, 30)], cut: true });
  assert.deepEqual(outerRegions(regions, 3), { items: [r(0, 20), r(1, 5), r(22, 30)], cut: true });
  assert.deepEqual(outerRegions(regions, 5), { items: [r(0, 20), r(1, 5), r(7, 9), r(22, 30), r(23, 24)], cut: true });
  assert.deepEqual(outerRegions(regions, 0), { items: regions, cut: false });
  assert.deepEqual(outerRegions(regions, 6), { items: regions, cut: false });
});

/** A region's level counted naively: the regions before it in the list that contain it. */
function naiveOuter(regions: readonly LineSpan[], limit: number): LineSpan[] {
  const levels = regions.map((a, i) => regions.slice(0, i).filter((b) => b.startLine <= a.startLine && a.endLine <= b.endLine).length);
  const order = regions.map((_, i) => i).sort((i, j) => levels[i]! - levels[j]! || i - j);
  const kept = new Set(order.slice(0, limit));
  return regions.filter((_, i) => kept.has(i));
}

test('folding: on random properly nested regions, the same cut as a naive nesting count', () => {
  const next = random(5);
  for (let round = 0; round < 300; round++) {
    // properly nested regions (as the folding rules make them), sorted as they come out
    const regions: LineSpan[] = [];
    const make = (from: number, to: number, depth: number): void => {
      let line = from;
      while (line < to - 1 && regions.length < 60) {
        const length = 1 + Math.floor(next() * Math.min(12, to - line - 1));
        if (next() < 0.6) regions.push({ startLine: line, endLine: line + length });
        if (depth < 4 && length > 2) make(line + 1, line + length, depth + 1);
        line += length + 1 + Math.floor(next() * 2);
      }
    };
    make(0, 40 + Math.floor(next() * 80), 0);
    regions.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
    const limit = Math.floor(next() * (regions.length + 2));
    const expected = limit === 0 ? regions : naiveOuter(regions, limit);
    assert.deepEqual(outerRegions(regions, limit).items, expected, `round ${round}, limit ${limit}`);
  }
});

let session: LspSession;
before(async () => {
  session = await LspSession.start({ settings: { maxItemsComputed: 8 } });
});
after(async () => {
  await session.shutdown();
  session.dispose();
});

test('protocol: a small junos.maxItemsComputed cuts the outline and the folding ranges of an example, told once', async () => {
  const uri = fileUri(R2_CONF);
  await session.open(uri, fs.readFileSync(R2_CONF, 'utf8'));
  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(shape(symbols), ['version 24.4R1.9', ['system', ['host-name R2']], ['services', ['service-set demo-service-set']], 'interfaces', 'routing-options', 'protocols']);
  const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(
    folds.map((f) => [f.startLine, f.endLine]),
    [[2, 3], [5, 52], [6, 14], [16, 51], [54, 97], [55, 61], [99, 100], [102, 109]],
  );
  await session.request('textDocument/documentSymbol', { textDocument: { uri } });
  await session.request('textDocument/foldingRange', { textDocument: { uri } });
  const told = session.logLines.filter((l) => l.includes('cut to the first'));
  assert.equal(told.length, 2, told.join('\n'));
  assert.match(told[0]!, /r2\.conf: outline \(document symbols\) cut to the first 8 items/);
  assert.match(told[1]!, /r2\.conf: folding ranges cut to the first 8 items/);
  // no limit: the whole outline
  await session.changeSettings({ maxItemsComputed: 0 });
  await session.logLine(/junos\.maxItemsComputed is now 0/);
  const all = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(JSON.stringify(all).includes('ike-demo-policy'));
  assert.equal((await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } })).length, 38);
});

test('protocol: the client\'s smaller rangeLimit wins, outer regions first', async () => {
  const capabilities = {
    ...FULL_CLIENT_CAPABILITIES,
    textDocument: { ...FULL_CLIENT_CAPABILITIES.textDocument, foldingRange: { ...FULL_CLIENT_CAPABILITIES.textDocument?.foldingRange, rangeLimit: 3 } },
  };
  const small = await LspSession.start({ capabilities });
  try {
    const uri = fileUri(R2_CONF);
    await small.open(uri, fs.readFileSync(R2_CONF, 'utf8'));
    const folds = await small.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 3], [5, 52], [54, 97]]);
    // the default limit (5000) leaves the example's outline whole
    const symbols = await small.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(JSON.stringify(symbols).includes('ike-demo-policy'));
    await small.shutdown();
  } finally {
    small.dispose();
  }
});
