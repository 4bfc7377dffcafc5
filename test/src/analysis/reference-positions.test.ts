/**
 * analysis/references.ts: the index's position lookups (`definitionAt`, `useAt`) and `usesIn` answer what
 * a scan of its definitions and uses gives, at every offset of realistic configurations (both forms):
 * the index stores one entry per word without wrappers and its sorted lookup in typed arrays.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type Definition, type Use } from '../../../server/src/analysis/index';
import { mirrorTree } from '../../../server/src/ide/tree-mirror';
import type { ConfigNode, WordSource } from '../../../server/src/model/index';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng } from '../fixtures/large-config';

let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

for (const form of ['curly', 'set'] as const) {
  test(`definitionAt, useAt and usesIn equal a scan of the index: generated ${form} configuration`, () => {
    const text = generateLargeConfig({ lines: 3000, form, seed: 11 });
    const doc = new SyntaxDocument(text);
    const { references: index } = analyzeDocument({ id: 'doc', text, tree: { rootNode: mirrorTree(doc.tree) } }, { platform: 'ms-pic' }, schema);
    assert.ok(index.uses.length > 50 && index.definitions.length > 50);
    // expected: by source, the last definition naming it (later ones take the word over) and the first use
    const defOf = new Map<WordSource, Definition>();
    const useOf = new Map<WordSource, Use>();
    for (const d of index.definitions) for (const w of d.nameWords) defOf.set(w.source, d);
    for (const u of index.uses) if (!useOf.has(u.word.source)) useOf.set(u.word.source, u);
    const spans: { start: number; end: number; source: WordSource }[] = [];
    for (const s of new Set([...defOf.keys(), ...useOf.keys()])) spans.push({ start: s.start, end: s.end, source: s });
    spans.sort((a, b) => a.start - b.start);
    const next = prng(form === 'curly' ? 5 : 6);
    const offsets = spans.flatMap((s) => [s.start, s.end, s.start - 1, s.end + 1]);
    for (let i = 0; i < 2000; i++) offsets.push(Math.floor(next() * (text.length + 1)));
    for (const offset of offsets) {
      // the word starting last at or before the offset, when it reaches the offset
      let hit: (typeof spans)[number] | undefined;
      for (const s of spans) if (s.start <= offset) hit = s;
      const at = hit && offset <= hit.end ? hit.source : undefined;
      const use = at && useOf.get(at);
      assert.equal(index.useAt('doc', offset), use, `useAt ${offset}`);
      assert.equal(index.definitionAt('doc', offset), (at && defOf.get(at)) ?? use?.target, `definitionAt ${offset}`);
    }
    const byNode = new Map<ConfigNode, Use[]>();
    for (const u of index.uses) byNode.set(u.node, [...(byNode.get(u.node) ?? []), u]);
    for (const [node, list] of byNode) assert.deepEqual(index.usesIn(node), list);
    assert.equal(index.useAt('other', 10), undefined);
  });
}

test('usesIn: a statement with several uses lists them in order, one with one use lists it', () => {
  const text = [
    'set services ipsec-vpn ike proposal p1 authentication-method pre-shared-keys',
    'set services ipsec-vpn ike proposal p2 authentication-method pre-shared-keys',
    'set services ipsec-vpn ike policy pol proposals [ p1 p2 ]',
    'set services ipsec-vpn ike policy pol2 proposals p1',
    '',
  ].join('\n');
  const doc = new SyntaxDocument(text);
  const { references: index, model } = analyzeDocument({ id: 'doc', text, tree: { rootNode: mirrorTree(doc.tree) } }, { platform: 'ms-pic' }, schema);
  const several = model.find(['services', 'ipsec-vpn', 'ike', 'policy', 'pol', 'proposals'])!;
  const one = model.find(['services', 'ipsec-vpn', 'ike', 'policy', 'pol2', 'proposals'])!;
  assert.deepEqual(index.usesIn(several).map((u) => u.name), ['p1', 'p2']);
  assert.deepEqual(index.usesIn(one).map((u) => u.name), ['p1']);
  assert.deepEqual(index.usesIn(model.root), []);
  assert.equal(index.referencesOf(index.definitionAt('doc', text.indexOf('p1'))!).length, 2);
});
