/**
 * test/model/anchored-word.test.ts: a word read with an anchor is one object (model/source.ts
 * `AnchoredWord`): its own source, every kind kept, moved with its anchor, serialized as its range only;
 * words made from another keep its source object (the reference index keys words by source).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorTree } from '../../../server/src/ide/tree-mirror';
import { buildConfig, type ConfigNode, type Word } from '../../../server/src/model/index';
import { AnchoredWord, WORD_KINDS, wordOf, type SyntaxNodeLike } from '../../../server/src/model/source';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';

let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

function leaf(type: string, startIndex: number, endIndex: number): SyntaxNodeLike {
  return { type, startIndex, endIndex, isMissing: false, children: [], childForFieldName: () => null };
}

test('an anchored word is its own source, keeps its kind and moves with its anchor', () => {
  const text = 'xx "quoted word" 10.0.0.1/24';
  const anchor = { docId: 'd', start: 3 };
  for (const kind of WORD_KINDS) {
    const w = wordOf(leaf(kind, 3, 16), { id: 'd', text, anchor });
    assert.ok(w instanceof AnchoredWord);
    assert.equal(w.kind, kind);
    assert.equal(w.text, 'quoted word');
    assert.equal(w.source, w);
    assert.deepEqual([w.source.docId, w.source.start, w.source.end], ['d', 3, 16]);
    assert.equal(JSON.stringify(w.source), '{"docId":"d","start":3,"end":16}', 'the range only, never the text');
  }
  const w = wordOf(leaf('ipv4_prefix', 17, 28), { id: 'd', text, anchor }) as AnchoredWord;
  anchor.start = 13;
  assert.deepEqual([w.start, w.end, w.text], [27, 38, '10.0.0.1/24']);
  w.shift(-2);
  assert.deepEqual([w.start, w.end], [25, 36]);
  // without an anchor: a plain word and range
  const plain = wordOf(leaf('identifier', 0, 2), { id: 'd', text });
  assert.ok(!(plain instanceof AnchoredWord));
  assert.deepEqual(plain, { text: 'xx', kind: 'identifier', source: { docId: 'd', start: 0, end: 2 } });
});

test('every word of a built model is one object, and words made from others keep their source', () => {
  const text = 'interfaces {\n    ge-0/0/0 {\n        description "up link";\n        unit 0 { family inet { address 10.0.0.1/24; } }\n    }\n}\nprotocols { ospf { area 0 { interface ge-0/0/0.0; } } }\n';
  const doc = new SyntaxDocument(text);
  const model = buildConfig({ id: 'doc', text, tree: { rootNode: mirrorTree(doc.tree) } }, schema);
  const words: Word[] = [];
  const stack: ConfigNode[] = [model.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    words.push(...n.mentions, ...n.keys, ...n.values);
    if (n.keywordWord) words.push(n.keywordWord);
    stack.push(...n.children);
  }
  assert.ok(words.length > 10);
  for (const w of words) {
    if (w.kind === 'synthetic') continue;
    assert.equal(w.source, w, `${w.text} is its own source`);
    assert.equal(text.slice(w.source.start, w.source.end).replace(/"/g, ''), w.text);
  }
  // a group's wildcard entry supplying a named one: the effective key has the name, the wildcard's source
  const grouped = 'groups {\n    g1 { interfaces { <ge-*> { mtu 9000; } } }\n    g2 { interfaces { ge-0/0/1 { description x; } } }\n}\napply-groups [ g1 g2 ];\n';
  const gm = buildConfig({ id: 'doc', text: grouped, tree: { rootNode: mirrorTree(new SyntaxDocument(grouped).tree) } }, schema);
  const entry = gm.effective().children.find((c) => c.keyword === 'interfaces')!.children[0]!;
  const wildcard = gm.find(['groups', 'g1', 'interfaces', '<ge-*>'])!;
  assert.equal(entry.keys[0]!.text, 'ge-0/0/1');
  assert.equal(entry.keys[0]!.source, wildcard.keys[0]!.source);
  assert.equal(grouped.slice(entry.keys[0]!.source.start, entry.keys[0]!.source.end), '<ge-*>');
});
