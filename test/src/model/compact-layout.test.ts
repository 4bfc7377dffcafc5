/**
 * test/model/compact-layout.test.ts: the compact representations of the model read as plain ones would:
 * anchored sources whose offset or length does not fit their packed integer (model/source.ts), a node's
 * flags, rarely set fields, lone key, lone child and lone mention, mentions beginning with the creator's words (model/tree.ts `TreeNode`), a record's words kept in a build's
 * pool and dropped when an update replaces it (model/anchors.ts), records of `set` commands (no verb or
 * level of their own). The randomized incremental tests (incremental.test.ts) compare all of these with a
 * fresh build after edits; these pin the edge cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnchoredSource, AnchoredWord, WORD_KINDS, wordOf, type SyntaxNodeLike } from '../../../server/src/model/source';
import { addTo, appendChild, compactTree, forEachDescendant, getChild, identityOf, moveChild, newNode, nodePath, NO_ITEMS, ownChildren, rekey, removeChild, shareMentions, type ConfigNode, type NodeRole } from '../../../server/src/model/tree';
import { Chunk, CommandScope, SetScope, StatementScope, WordPool } from '../../../server/src/model/anchors';
import { loadSchema } from '../../../server/src/schema/index';
import { modelOf } from './support/fixture';

function leaf(type: string, startIndex: number, endIndex: number): SyntaxNodeLike {
  return { type, startIndex, endIndex, isMissing: false, children: [], childForFieldName: () => null };
}

test('anchored sources far from their anchor or very long read and move as near ones', () => {
  const text = 'x'.repeat(70_000);
  const anchor = { docId: 'd', start: 100 };
  // offsets and lengths on both sides of what one packed integer holds (offset 2^14, length 4095)
  const cases: [number, number][] = [[0, 1], [16_383, 4_094], [16_384, 3], [20_000, 4_095], [5, 4_096], [30_000, 9_000], [0, 0]];
  for (const [offset, length] of cases) {
    const start = anchor.start + offset;
    for (const kind of [WORD_KINDS[0], WORD_KINDS[WORD_KINDS.length - 1]]) {
      const w = wordOf(leaf(kind, start, start + length), { id: 'd', text, anchor });
      assert.ok(w instanceof AnchoredWord);
      assert.deepEqual([w.start, w.end, w.kind, w.docId, w.text.length], [start, start + length, kind, 'd', length], `${offset}+${length}`);
      assert.equal(w.anchor, anchor, 'the anchor is the real one, also through a far anchor');
      // moved across the limit and back
      for (const delta of [20_000, -20_000, 16_383 - offset, -offset]) {
        const before: number = w.start;
        w.shift(delta);
        assert.deepEqual([w.start, w.end, w.kind], [before + delta, before + delta + length, kind], `${offset}+${length} shifted ${delta}`);
        assert.equal(w.anchor, anchor);
      }
      anchor.start += 7;
      assert.equal(w.end - w.start, length, 'moves with its anchor');
      anchor.start -= 7;
    }
  }
  const s = new AnchoredSource(anchor, -5, 3);
  assert.deepEqual(s.toJSON(), { docId: 'd', start: 95, end: 98 }, 'a negative offset (a record moved before its words) too');
});

test('a node keeps its flags apart, its rare fields on demand and its lone mention without an array', () => {
  const roles: NodeRole[] = ['root', 'container', 'list-entry', 'leaf', 'leaf-list', 'opaque', 'unknown'];
  for (const role of roles) {
    const n = newNode({ keyword: 'k', schema: undefined, role });
    assert.equal(n.role, role);
    assert.deepEqual([n.inactive, n.protect, n.terminal, n.opensBlock], [false, false, false, undefined]);
    n.inactive = true;
    n.opensBlock = false;
    assert.deepEqual([n.inactive, n.protect, n.terminal, n.opensBlock, n.role], [true, false, false, false, role]);
    n.protect = true;
    n.terminal = true;
    n.opensBlock = true;
    n.inactive = false;
    assert.deepEqual([n.inactive, n.protect, n.terminal, n.opensBlock, n.role], [false, true, true, true, role]);
    n.opensBlock = undefined;
    assert.equal(n.opensBlock, undefined);
    assert.equal(n.role, role);
    assert.equal(n.keywordHidden, false);
    n.keywordHidden = true;
    assert.deepEqual([n.keywordHidden, n.inactive, n.protect, n.terminal, n.opensBlock, n.role], [true, false, true, true, undefined, role]);
    n.keywordHidden = false;
    assert.deepEqual([n.keywordHidden, n.protect, n.role], [false, true, role]);
    const hidden = newNode({ keyword: 'k', schema: undefined, role, keywordHidden: true });
    assert.deepEqual([hidden.keywordHidden, hidden.inactive, hidden.role], [true, false, role]);
  }
  // the schema node stands for the keyword; a keyword of another name (the root's) is kept apart
  const schemaNode = loadSchema('mx').root;
  const named = newNode({ keyword: schemaNode.name, schema: schemaNode, role: 'container' });
  const other = newNode({ keyword: '', schema: schemaNode, role: 'root' });
  const bare = newNode({ keyword: 'free', schema: undefined, role: 'opaque' });
  assert.deepEqual([named.keyword, named.schema, other.keyword, other.schema, other.role, bare.keyword, bare.schema], [schemaNode.name, schemaNode, '', schemaNode, 'root', 'free', undefined]);
  other.inactive = true;
  assert.deepEqual([other.keyword, other.role, other.inactive], ['', 'root', true]);
  const n = newNode({ keyword: 'k', schema: undefined, role: 'leaf' });
  addTo(n, 'values', { text: 'v', kind: 'identifier' as const, source: { docId: 'd', start: 9, end: 10 } });
  assert.deepEqual(n.values.map((v) => v.text), ['v']);
  addTo(n, 'values', { text: 'w', kind: 'identifier' as const, source: { docId: 'd', start: 11, end: 12 } });
  assert.deepEqual(n.values.map((v) => v.text), ['v', 'w']);
  n.values = [];
  assert.equal(n.values.length, 0);
  assert.deepEqual([n.overridden, n.comments, n.annotation, n.childIndex], [NO_ITEMS, NO_ITEMS, undefined, undefined]);
  const note = { text: 'c', source: undefined };
  addTo(n, 'comments', note);
  n.annotation = note;
  assert.deepEqual([n.comments, n.annotation, n.overridden], [[note], note, NO_ITEMS]);
  // the flags move into the rare fields' object with them, and stay apart
  assert.deepEqual([n.role, n.inactive, n.protect, n.keywordHidden], ['leaf', false, false, false]);
  n.protect = true;
  n.keywordHidden = true;
  assert.deepEqual([n.role, n.inactive, n.protect, n.keywordHidden, n.comments, n.annotation], ['leaf', false, true, true, [note], note]);
  const early = newNode({ keyword: 'k', schema: undefined, role: 'opaque' });
  early.terminal = true;
  early.opensBlock = false;
  early.childIndex = new Map();
  assert.deepEqual([early.role, early.terminal, early.opensBlock, early.inactive, early.childIndex?.size], ['opaque', true, false, false, 0]);
  early.childIndex = undefined;
  assert.deepEqual([early.role, early.terminal, early.opensBlock, early.childIndex], ['opaque', true, false, undefined]);
  const word = (text: string, start: number) => ({ text, kind: 'identifier' as const, source: { docId: 'd', start, end: start + text.length } });
  const a = word('a', 0);
  const b = word('b', 5);
  addTo(n, 'mentions', a);
  compactTree(n);
  assert.deepEqual(n.mentions, [a], 'one mention, kept alone, reads as an array');
  assert.notEqual(n.mentions, n.mentions, 'a fresh array each time');
  n.mentions.push(b);
  assert.deepEqual(n.mentions, [a], 'a push into the fresh array changes nothing (write it back, see addTo)');
  addTo(n, 'mentions', b);
  assert.deepEqual(n.mentions, [a, b]);
  const list = n.mentions;
  assert.equal(n.mentions, list, 'two or more: the array itself');
  list.splice(0, 1);
  n.mentions = list;
  compactTree(n);
  assert.deepEqual(n.mentions, [b]);
});

test('a node keeps its lone key without an array, found by identity as one in an array', () => {
  const word = (text: string, start: number) => ({ text, kind: 'identifier' as const, source: { docId: 'd', start, end: start + text.length } });
  const parent = newNode({ keyword: '', schema: undefined, role: 'root' });
  const one = appendChild(parent, newNode({ keyword: 'rule', schema: undefined, role: 'list-entry', keys: [word('R1', 5)] }));
  const two = appendChild(parent, newNode({ keyword: 'policy', schema: undefined, role: 'list-entry', keys: [word('A', 20), word('B', 22)] }));
  const none = appendChild(parent, newNode({ keyword: 'system', schema: undefined, role: 'container' }));
  assert.deepEqual(one.keys.map((k) => k.text), ['R1']);
  assert.notEqual(one.keys, one.keys, 'one key, kept alone: a fresh array each time');
  one.keys.push(word('X', 9));
  assert.equal(one.keys.length, 1, 'a push into the fresh array changes nothing (write it back)');
  assert.equal(two.keys, two.keys, 'two or more: the array itself');
  assert.deepEqual([none.keys, identityOf(one), identityOf(two), identityOf(none)], [NO_ITEMS, 'rule\u0000R1', 'policy\u0000A\u0000B', 'system']);
  // found by scanning (few children) and through the index (many)
  for (let i = 0; i < 10; i++) {
    assert.equal(getChild(parent, 'rule', ['R1']), one);
    assert.equal(getChild(parent, 'rule', ['R2']), undefined);
    assert.equal(getChild(parent, 'rule', []), undefined);
    assert.equal(getChild(parent, 'rule', ['R1', 'x']), undefined);
    assert.equal(getChild(parent, 'policy', ['A', 'B']), two);
    assert.equal(getChild(parent, 'policy', ['A']), undefined);
    assert.equal(getChild(parent, 'system'), none);
    appendChild(parent, newNode({ keyword: 'filler', schema: undefined, role: 'list-entry', keys: [word(`f${i}`, 100 + i)] }));
  }
  assert.ok(parent.childIndex, 'an index once there are many children');
  // written back: one key, two keys, one again
  const keys = one.keys;
  keys[0] = word('R9', 5);
  one.keys = keys;
  assert.deepEqual(one.keys.map((k) => k.text), ['R9']);
  assert.ok(rekey(one, [word('R7', 5), word('S', 8)]));
  assert.deepEqual([one.keys.map((k) => k.text), getChild(parent, 'rule', ['R7', 'S'])], [['R7', 'S'], one]);
  assert.ok(rekey(one, [word('R8', 5)]));
  assert.deepEqual([one.keys.map((k) => k.text), getChild(parent, 'rule', ['R8']), getChild(parent, 'rule', ['R7', 'S'])], [['R8'], one, undefined]);
  compactTree(parent);
  assert.deepEqual([one.keys.map((k) => k.text), two.keys.map((k) => k.text), none.keys], [['R8'], ['A', 'B'], NO_ITEMS]);
});

test('a node mentioned by its creator (and at most one more word) keeps those words out of an array', () => {
  const word = (text: string, start: number) => ({ text, kind: 'identifier' as const, source: { docId: 'd', start, end: start + text.length } });
  const parent = newNode({ keyword: '', schema: undefined, role: 'root' });
  const kw = word('rule', 0);
  const [k1, k2] = [word('A', 5), word('B', 7)];
  const extra = word('rule', 20);
  const entry = (keys: ReturnType<typeof word>[], mentions: ReturnType<typeof word>[]) => {
    const n = appendChild(parent, newNode({ keyword: 'rule', keywordWord: kw, schema: undefined, role: 'list-entry', keys }));
    addTo(n, 'mentions', ...mentions);
    return n;
  };
  const cases = [
    { keys: [k1], mentions: [kw, k1], kept: false },
    { keys: [k1, k2], mentions: [kw, k1, k2], kept: false },
    { keys: [k1], mentions: [kw, k1, extra], kept: false },
    { keys: [], mentions: [kw, extra], kept: false },
    // kept in an array: more than one word after the creator's, or mentions not beginning with them
    { keys: [k1], mentions: [kw, k1, extra, extra], kept: true },
    { keys: [k1], mentions: [extra, k1], kept: true },
    { keys: [k1, k2], mentions: [kw, k2, k1], kept: true },
  ];
  const nodes = cases.map((c) => entry(c.keys, c.mentions));
  compactTree(parent);
  cases.forEach((c, i) => {
    const n = nodes[i]!;
    assert.deepEqual(n.mentions, c.mentions, `case ${i} reads as written`);
    assert.ok(n.mentions.every((m, j) => m === c.mentions[j]), `case ${i}: the same word objects`);
    assert.equal(n.mentions === n.mentions, c.kept, `case ${i}: ${c.kept ? 'the array itself' : 'a fresh array each time'}`);
  });
  // changing the keyword word or the keys leaves the mentions as they were; so does sharing them
  const n = nodes[1]!;
  const copy = newNode({ keyword: 'rule', keywordWord: kw, schema: undefined, role: 'list-entry', keys: n.keys });
  shareMentions(copy, n);
  const other = newNode({ keyword: 'rule', keywordWord: extra, schema: undefined, role: 'list-entry', keys: [k2] });
  shareMentions(other, n);
  assert.deepEqual([copy.mentions, other.mentions], [[kw, k1, k2], [kw, k1, k2]]);
  n.keys = [word('C', 5), word('D', 7)];
  assert.deepEqual(n.mentions, [kw, k1, k2], 'new keys');
  n.keywordWord = extra;
  assert.deepEqual(n.mentions, [kw, k1, k2], 'a new keyword word');
  const m = nodes[0]!;
  assert.ok(rekey(m, [k2]));
  assert.deepEqual(m.mentions, [kw, k1], 'rekeyed');
  addTo(m, 'mentions', extra);
  assert.deepEqual(m.mentions, [kw, k1, extra], 'added to');
  const list = nodes[2]!.mentions;
  list.splice(1, 1);
  nodes[2]!.mentions = list;
  assert.deepEqual(nodes[2]!.mentions, [kw, extra], 'written back');
  compactTree(parent);
  assert.deepEqual([n.mentions, m.mentions, nodes[2]!.mentions, copy.mentions], [[kw, k1, k2], [kw, k1, extra], [kw, extra], [kw, k1, k2]], 'compacted again');
});

test('a node keeps its keys (list entries) or values (others) in one field, the other kind apart', () => {
  const word = (text: string, start: number) => ({ text, kind: 'identifier' as const, source: { docId: 'd', start, end: start + text.length } });
  const [a, b, c, d] = [word('a', 1), word('b', 3), word('c', 5), word('d', 7)];
  for (const role of ['list-entry', 'leaf', 'container', 'opaque'] as const) {
    const n = newNode({ keyword: 'k', schema: undefined, role, keys: [a], values: [b, c] });
    assert.deepEqual([n.keys, n.values, n.role], [[a], [b, c], role], role);
    n.keys = [c, d];
    n.values = [a];
    assert.deepEqual([n.keys, n.values], [[c, d], [a]], `${role}: written`);
    n.inactive = true;
    n.comments = [{ text: 'x', source: undefined }];
    assert.deepEqual([n.keys, n.values, n.inactive, n.role], [[c, d], [a], true, role], `${role}: with rare fields`);
    n.keys = [];
    n.values = [];
    assert.deepEqual([n.keys, n.values], [[], []], `${role}: emptied`);
    const plain = newNode({ keyword: 'k', schema: undefined, role, keys: role === 'list-entry' ? [a] : [], values: role === 'list-entry' ? [] : [b] });
    assert.deepEqual([plain.keys.length, plain.values.length, plain.comments], role === 'list-entry' ? [1, 0, NO_ITEMS] : [0, 1, NO_ITEMS], `${role}: no rare fields`);
  }
});

test('a node keeps its lone child without an array; adding, moving and removing children still work', () => {
  const node = (keyword: string) => newNode({ keyword, schema: undefined, role: 'container' });
  const root = node('');
  const only = appendChild(root, node('a'));
  const leaf = appendChild(only, node('x'));
  compactTree(root);
  assert.deepEqual([root.children, only.children, leaf.children], [[only], [leaf], NO_ITEMS]);
  assert.notEqual(root.children, root.children, 'one child, kept alone: a fresh array each time');
  root.children.push(node('lost'));
  assert.deepEqual(root.children, [only], 'a push into the fresh array changes nothing');
  const seen: string[] = [];
  forEachDescendant(root, (n: ConfigNode) => void seen.push(n.keyword));
  assert.deepEqual(seen, ['a', 'x']);
  const b = appendChild(root, node('b'));
  assert.deepEqual(root.children, [only, b], 'added to');
  assert.equal(root.children, root.children, 'two: the array itself');
  compactTree(root);
  moveChild(root, b, only, 'before');
  assert.deepEqual(root.children, [b, only], 'moved');
  removeChild(root, b);
  compactTree(root);
  assert.deepEqual([root.children, only.parent, b.parent], [[only], root, undefined], 'removed, then one kept alone');
  // changed in place through ownChildren
  ownChildren(root).splice(0, 0, b);
  assert.deepEqual(root.children, [b, only]);
  compactTree(root);
  ownChildren(only).splice(0, 1);
  assert.deepEqual(only.children, []);
  moveChild(root, only, b, 'before');
  assert.deepEqual(root.children, [only, b]);
  removeChild(root, only);
  compactTree(root);
  moveChild(root, b, b, 'after');
  assert.deepEqual(root.children, [b], 'a lone child moved next to itself stays');
  removeChild(root, b);
  assert.deepEqual(root.children, [], 'the lone child removed');
});

test('records keep their words in a pool, read back as written and dropped when replaced', () => {
  const pool = new WordPool();
  const chunks = [new Chunk('d', 0, 0), new Chunk('d', 100, 1)];
  const word = (i: number) => ({ text: `w${i}`, kind: 'identifier' as const, source: { docId: 'd', start: i, end: i + 1 } });
  const records: { r: StatementScope; words: ReturnType<typeof word>[] }[] = [];
  // runs of every length up to the longest a pool takes, and longer, in two chunks
  let i = 0;
  for (const length of [0, 1, 7, 4095, 4096, 5000, 9000, 3, 12_000, 2]) {
    const words = Array.from({ length }, () => word(i++));
    const r = new StatementScope(chunks[i % 2]!, 100, 101, newNode({ keyword: '', schema: undefined, role: 'root' }), undefined);
    r.keepWords(words, pool);
    records.push({ r, words });
  }
  for (const { r, words } of records) assert.deepEqual(r.words, words);
  pool.trim(chunks);
  for (const c of chunks) assert.ok(c.words === undefined || c.words.length > 0);
  for (const { r, words } of records) assert.deepEqual(r.words, words, 'trimmed arrays read the same');
  const gone = records[2]!;
  const held = gone.r.words;
  gone.r.dropWords();
  assert.deepEqual(gone.r.words, []);
  assert.equal(held.length, 7, 'a copy read before stays');
  for (const { r, words } of records) if (r !== gone.r) assert.deepEqual(r.words, words, 'the others keep theirs');
  assert.ok(!chunks.some((c) => c.words?.some((w) => w !== undefined && held.includes(w))), 'the chunk keeps none of the dropped words');
});

test('a record keeps its place in one integer, far places (long, moved far, before its chunk) apart', () => {
  const chunk = new Chunk('d', 1_000, 0);
  const root = newNode({ keyword: '', schema: undefined, role: 'root' });
  // starts and lengths on both sides of what one integer holds (start 2^16, length 2^14)
  const cases: [number, number][] = [[0, 0], [0, 16_383], [65_535, 1], [65_536, 1], [5, 16_384], [70_000, 100_000], [-3, 10]];
  for (const [rel, length] of cases) {
    const r = new StatementScope(chunk, chunk.start + rel, chunk.start + rel + length, root, undefined);
    assert.deepEqual([r.start, r.end], [chunk.start + rel, chunk.start + rel + length], `${rel}+${length}`);
    for (const delta of [70_000, -70_000, 65_535 - rel, -rel - 5, 3]) {
      const [start, end] = [r.start, r.end];
      r.move(delta);
      assert.deepEqual([r.start, r.end], [start + delta, end + delta], `${rel}+${length} moved ${delta}`);
    }
    for (const delta of [20_000, -20_000 - (r.end - r.start), 16_383, -16_383]) {
      const [start, end] = [r.start, r.end];
      r.grow(delta);
      assert.deepEqual([r.start, r.end], [start, end + delta], `${rel}+${length} grown ${delta}`);
    }
    const [start, end] = [r.start, r.end];
    chunk.start += 11;
    assert.deepEqual([r.start, r.end], [start + 11, end + 11], 'moves with its chunk');
    chunk.start -= 11;
  }
});

test('a set command keeps neither verb nor level, other commands and banners do', () => {
  const text = 'set system host-name r1\nedit interfaces\nset ge-0/0/0 unit 0\ntop\n[edit protocols]\nset ospf area 0\n';
  const m = modelOf([{ id: 'd', text }], loadSchema('mx'));
  const scopes = (m as unknown as { scopes: (SetScope | CommandScope)[] }).scopes;
  assert.deepEqual(
    scopes.map((s) => [s instanceof SetScope, s.kind, s.verb, s.pendingList, s.levelAfter === s.node, s.words.map((w) => w.text).join(' '), Object.hasOwn(s, 'node')]),
    [
      [true, 'command', 'set', undefined, true, 'system host-name r1', false],
      [false, 'command', 'edit', undefined, false, 'interfaces', true],
      [true, 'command', 'set', undefined, true, 'ge-0/0/0 unit 0', true],
      [false, 'command', 'top', undefined, false, '', true],
      [false, 'command', 'edit', undefined, false, 'protocols', true],
      [true, 'command', 'set', undefined, true, 'ospf area 0', true],
    ],
  );
  // a set record at its chunk's top level (the first one's) reads it from the chunk
  assert.deepEqual(
    scopes.map((s) => nodePath(s.node).join(' ')),
    ['', '', 'interfaces', 'interfaces', '', 'protocols'],
  );
  assert.equal(scopes[0]!.node, m.root);
});
