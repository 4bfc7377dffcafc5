/**
 * The model's memory layout (model/tree.ts): shared frozen empty arrays, arrays trimmed once built,
 * child indexes only on wide nodes, and that adding to a built tree still works through the tree API.
 * Sizes are measured by scripts/bench/model-bench.js; these tests pin the layout that makes them small.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchema } from '../../../server/src/schema/index';
import { addTo, appendChild, getChild, INDEX_FROM, newNode, NO_ITEMS, rekey, removeChild, type ConfigNode } from '../../../server/src/model/tree';
import { fixtureText, modelOf, shape } from './support/fixture';

function* nodesOf(root: ConfigNode): Generator<ConfigNode> {
  yield root;
  for (const c of root.children) yield* nodesOf(c);
}

test('a built tree shares one frozen empty array and indexes only wide nodes', () => {
  const m = modelOf(fixtureText('r2-ike-dynamic.set'), loadSchema('mx'));
  assert.deepEqual(m.problems, []);
  let shared = 0;
  for (const n of nodesOf(m.root)) {
    for (const field of ['keys', 'values', 'overridden', 'comments', 'mentions', 'children'] as const) {
      if (n[field].length === 0) {
        assert.equal(n[field], NO_ITEMS, `${field} of ${n.keyword}`);
        shared++;
      }
    }
    if (n.children.length < INDEX_FROM) assert.equal(n.childIndex, undefined, n.keyword);
    else for (const c of n.children) assert.equal(n.childIndex?.get([c.keyword, ...c.keys.map((k) => k.text)].join('\u0000')), c);
  }
  assert.ok(shared > 100, `only ${shared} shared empty arrays`);
  assert.ok(Object.isFrozen(NO_ITEMS));
  const effective = m.effective();
  for (const n of nodesOf(effective)) if (n.children.length === 0) assert.equal(n.children, NO_ITEMS);
});

test('adding to a node never writes into the shared empty array', () => {
  const a = newNode({ keyword: 'a', schema: undefined, role: 'container' });
  const b = newNode({ keyword: 'b', schema: undefined, role: 'container' });
  assert.equal(a.mentions, b.mentions);
  const word = { text: 'a', kind: 'identifier' as const, source: { docId: 'd', start: 0, end: 1 } };
  addTo(a, 'mentions', word);
  assert.deepEqual(a.mentions, [word]);
  assert.equal(b.mentions.length, 0);
  assert.equal(NO_ITEMS.length, 0);
  assert.throws(() => (b.mentions as unknown[]).push(word), TypeError, 'a bare push on the shared array fails loudly');
});

test('children found by scan and by index alike, through growth, re-keying and removal', () => {
  const parent = newNode({ keyword: 'p', schema: undefined, role: 'container' });
  const word = (text: string) => ({ text, kind: 'identifier' as const, source: { docId: 'd', start: 0, end: text.length } });
  const entries: ConfigNode[] = [];
  for (let i = 0; i < INDEX_FROM + 2; i++) {
    entries.push(appendChild(parent, newNode({ keyword: 'unit', schema: undefined, role: 'list-entry', keys: [word(String(i))] })));
    assert.equal(parent.childIndex === undefined, parent.children.length < INDEX_FROM);
    for (let j = 0; j <= i; j++) assert.equal(getChild(parent, 'unit', [String(j)]), entries[j]);
  }
  assert.equal(rekey(entries[0]!, [word('1')]), false, 'identity taken');
  assert.equal(rekey(entries[0]!, [word('100')]), true);
  assert.equal(getChild(parent, 'unit', ['100']), entries[0]);
  assert.equal(getChild(parent, 'unit', ['0']), undefined);
  removeChild(parent, entries[1]!);
  assert.equal(getChild(parent, 'unit', ['1']), undefined);
  const small = newNode({ keyword: 's', schema: undefined, role: 'container' });
  const only = appendChild(small, newNode({ keyword: 'unit', schema: undefined, role: 'list-entry', keys: [word('0')] }));
  assert.equal(rekey(only, [word('7')]), true);
  assert.equal(getChild(small, 'unit', ['7']), only);
  assert.equal(small.childIndex, undefined);
});

test('set commands after a built document still edit the compacted tree', () => {
  const base = fixtureText('r2-ike-dynamic.conf');
  const both = modelOf(
    [
      { id: 'r2.conf', text: base },
      { id: 'more.set', text: 'set interfaces lo0 unit 0 family inet address 10.0.0.22/32\ndelete routing-options router-id\n' },
    ],
    loadSchema('mx'),
  );
  assert.deepEqual(both.problems, []);
  assert.ok(both.find(['interfaces', 'lo0', 'unit', '0', 'family', 'inet', 'address', '10.0.0.22/32']));
  assert.equal(both.find(['routing-options', 'router-id']), undefined);
  const alone = modelOf(base, loadSchema('mx'));
  assert.notDeepEqual(shape(both.root), shape(alone.root));
});
