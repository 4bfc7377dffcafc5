/**
 * test/lsp/outline-cache.test.ts: the document symbols made breadth-first with the set grouping facts kept
 * across versions (lsp/outline-cache.ts) and the folding regions kept per syntax node (ide/folding-ranges.ts
 * with a memo) equal those computed from scratch on the same text (symbols: with no limit, and with small
 * limits against the breadth-first cut of the full outline, ide/result-limit.ts): on generated configurations and the examples in both forms, after batches of seeded random
 * edits (words, braces, quotes, banners, line breaks) copied incrementally as the server copies them, asked
 * after some versions and not others.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentOutline } from '../../../server/src/ide/document-symbols';
import { FoldingMemo, foldingRegions } from '../../../server/src/ide/folding-ranges';
import { firstSymbolsBreadthFirst } from '../../../server/src/ide/result-limit';
import { mirrorTree, remirrorTree } from '../../../server/src/ide/tree-mirror';
import { toDocumentSymbols } from '../../../server/src/lsp/convert';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { OutlineCache } from '../../../server/src/lsp/outline-cache';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { LineIndex } from '../../../server/src/text/line-index';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');

before(async () => {
  await initSyntax();
});

/** Fragments an editor session types: punctuation that changes structure, words, line breaks, banners. */
const FRAGMENTS = ['x', '{', '}', ';', '"', '\n', '\n\n', ' ', '#', '# note\n', '/*', '*/', '[', ']', 'set ', 'inactive: ', 'unit 0 ', '\n}\n', '}\n', ' {\n', '[edit interfaces]\n', 'set interfaces ge-0/0/9 mtu 1500\n', 'ascii-text "$9$abc" ', 'é'];

function run(name: string, text: string, seed: number, rounds: number): void {
  test(`kept document symbols and folding regions equal fresh ones after random edits: ${name}`, () => {
    const next = random(seed);
    const doc = new SyntaxDocument(text);
    let copy = mirrorTree(doc.tree);
    doc.takeChangedRanges();
    const cache = new OutlineCache();
    const memo = new FoldingMemo();
    // caches whose word numbering fills up at once: the commands with other words are read again
    const tinyCache = new OutlineCache(3);
    const tinyMemo = new FoldingMemo(2);
    let steps: { version: number; start: number; end: number; newLength: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const batch = 1 + Math.floor(next() * 3);
      for (let k = 0; k < batch; k++) {
        const current = doc.text;
        const start = Math.floor(next() * current.length);
        const kind = next();
        const end = kind < 0.5 ? start : Math.min(current.length, start + Math.floor(next() * (kind < 0.9 ? 12 : 400)));
        const inserted = kind < 0.75 ? FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]! : '';
        doc.applyEdit(start, end, inserted);
        steps.push({ version: round * 4 + k + 2, start, end, newLength: inserted.length });
      }
      const map = new EditMap(steps);
      copy = remirrorTree(doc.tree, copy, (s, e) => map.movedStart(s, e), (offset) => map.toNew(offset), doc.takeChangedRanges());
      steps = [];
      // the client does not ask after every version
      if (next() < 0.3) continue;
      const lines = new LineIndex(doc.text);
      const fresh = mirrorTree(doc.tree);
      const context = `round ${round}`;
      const full = toDocumentSymbols(lines, documentOutline(doc.text, fresh));
      assert.deepEqual(cache.documentSymbols(doc.text, copy, lines), { items: full, cut: false }, context);
      // a small limit (one that cuts, one that may not) gives the breadth-first cut of the full outline
      for (const limit of [1 + Math.floor(next() * 40), 1 + Math.floor(next() * 400)]) {
        assert.deepEqual(cache.documentSymbols(doc.text, copy, lines, '', limit), firstSymbolsBreadthFirst(full, limit), `${context}, limit ${limit}`);
      }
      const freshRegions = foldingRegions(doc.text, fresh, lines);
      assert.deepEqual(foldingRegions(doc.text, copy, lines, memo), freshRegions, context);
      assert.deepEqual(foldingRegions(doc.text, copy, lines, tinyMemo), freshRegions, `${context}, few words numbered`);
      assert.deepEqual(tinyCache.documentSymbols(doc.text, copy, lines, '', 0), { items: full, cut: false }, `${context}, few words numbered`);
    }
  });
}

run('generated curly config', generateLargeConfig({ lines: 1500, form: 'curly', seed: 7 }), 11, 80);
run('generated set config', generateLargeConfig({ lines: 1500, form: 'set', seed: 7 }), 12, 80);
for (const file of ['ike-dynamic-sa/r2.conf', 'seed-as-published/r2-step-by-step.set', 'ike-dynamic-sa-set/r3.set']) {
  run(file, fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file.length * 31, 60);
}

test('a text with carriage returns is computed from scratch, with the same result', () => {
  const text = fs.readFileSync(path.join(EXAMPLES, 'ike-dynamic-sa/r2.conf'), 'utf8').replace(/\n/g, '\r\n');
  const doc = new SyntaxDocument(text);
  const lines = new LineIndex(text);
  const copy = mirrorTree(doc.tree);
  const full = toDocumentSymbols(lines, documentOutline(text, copy));
  assert.deepEqual(new OutlineCache().documentSymbols(text, copy, lines), { items: full, cut: false });
  assert.deepEqual(new OutlineCache().documentSymbols(text, copy, lines, '', 9), firstSymbolsBreadthFirst(full, 9));
  assert.deepEqual(foldingRegions(text, copy, lines, new FoldingMemo()), foldingRegions(text, copy, lines));
});
