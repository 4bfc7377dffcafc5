/**
 * test/lsp/file-analyses.test.ts: the cache of analyses of workspace files that are not open
 *   (lsp/stores/file-analyses.ts): reused while the file is unchanged, computed again when it changes or
 *   the platform does, and bounded: the text of the analyses held stays within the budget, the least
 *   recently used dropped first; a file larger than the budget is analysed but not kept.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { DocumentAnalysis } from '../../../server/src/analysis/index';
import { FileAnalysisCache } from '../../../server/src/lsp/stores/file-analyses';

test('file analyses: reused while unchanged, bounded by the text budget, least recently used dropped first', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-analyses-'));
  try {
    const file = (name: string, text: string): string => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    const a = file('a.conf', 'a'.repeat(40));
    const b = file('b.conf', 'b'.repeat(40));
    const c = file('c.conf', 'c'.repeat(40));
    const big = file('big.conf', 'x'.repeat(200));
    let analysed: string[] = [];
    const analyze = (text: string): DocumentAnalysis => {
      analysed.push(text[0]!);
      return { model: undefined, references: undefined, diagnostics: [] } as unknown as DocumentAnalysis;
    };
    const cache = new FileAnalysisCache(100);
    cache.get(a, 'ms-pic', analyze);
    cache.get(b, 'ms-pic', analyze);
    assert.deepEqual(analysed, ['a', 'b']);
    assert.equal(cache.held, 80);
    cache.get(a, 'ms-pic', analyze); // reused, and now the most recent
    assert.deepEqual(analysed, ['a', 'b']);
    cache.get(c, 'ms-pic', analyze); // over the budget: b (least recent) goes
    assert.equal(cache.held, 80);
    analysed = [];
    cache.get(a, 'ms-pic', analyze);
    cache.get(c, 'ms-pic', analyze);
    assert.deepEqual(analysed, [], 'a and c are held');
    cache.get(b, 'ms-pic', analyze);
    assert.deepEqual(analysed, ['b'], 'b was dropped');
    // another platform: analysed again
    analysed = [];
    cache.get(b, 'srx', analyze);
    assert.deepEqual(analysed, ['b']);
    // larger than the budget: analysed, returned, not kept (and nothing else dropped for it)
    const before = cache.held;
    assert.ok(cache.get(big, 'ms-pic', analyze));
    assert.equal(cache.held, before);
    // a change of the file: analysed again
    analysed = [];
    fs.writeFileSync(c, 'c'.repeat(30));
    cache.get(c, 'ms-pic', analyze);
    assert.deepEqual(analysed, ['c']);
    assert.ok(cache.held <= 100);
    // a deleted file: undefined, and its entry dropped
    fs.rmSync(c);
    assert.equal(cache.get(c, 'ms-pic', analyze), undefined);
    cache.retainOnly(new Set([a]));
    assert.ok(cache.held <= 40);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
