/**
 * The offset indexes of the model. The word index behind `nodeAt` (hover) answers what a plain sorted
 * list of every word answers, at every offset. The scope index behind `contextAt` (completion's "where is
 * the cursor") answers exactly what the linear
 * walk over every scope record answers, at every offset of realistic configurations in both forms (the
 * bundled examples, step-by-step set files with `[edit ...]` banners, the generated large configuration),
 * of half-typed and broken variants of them, and of models built from several documents; and records
 * whose spans do not nest fall back to the linear rule.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTree, type ScopeRecord } from '../../../server/src/model/build';
import { contextAt, locateScopes, ScopeIndex, WordIndex, type CursorContext, type LocatedScopes, type NodeAtOffset } from '../../../server/src/model/query';
import type { Word } from '../../../server/src/model/source';
import type { SourceDoc } from '../../../server/src/model/source';
import type { ConfigNode } from '../../../server/src/model/tree';
import { loadSchema } from '../../../server/src/schema/index';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';
import { generateLargeConfig } from '../fixtures/large-config';
import { repoRoot } from './support/fixture';

before(() => initSyntax());

function example(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, 'examples', relative), 'utf8');
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test/src/model/fixtures', name), 'utf8');
}

function built(docs: readonly { id: string; text: string }[]): { root: ConfigNode; scopes: ScopeRecord[] } {
  const sources: SourceDoc[] = docs.map((d) => ({ id: d.id, text: d.text, tree: parseText(d.text) }));
  return buildTree(sources, loadSchema('mx'));
}

function sameLocated(a: LocatedScopes, b: LocatedScopes, where: string): void {
  assert.equal(a.innermost, b.innermost, `innermost block at ${where}`);
  assert.equal(a.line, b.line, `statement/command at ${where}`);
  assert.equal(a.level, b.level, `edit level at ${where}`);
}

/** Field by field: nodes, words and schema nodes by identity (they are shared, never copied). */
function sameContext(a: CursorContext | undefined, b: CursorContext | undefined, where: string): void {
  assert.ok(a && b, `a context at ${where}`);
  assert.equal(a.node, b.node, `node at ${where}`);
  assert.deepEqual(a.path, b.path, `path at ${where}`);
  assert.equal(a.before.length, b.before.length, `words before at ${where}`);
  a.before.forEach((w, i) => assert.equal(w, b.before[i], `word ${i} before at ${where}`));
  assert.equal(a.partial, b.partial, `partial word at ${where}`);
  assert.equal(a.schema, b.schema, `schema at ${where}`);
  assert.equal(a.expecting.kind, b.expecting.kind, `expecting at ${where}`);
  assert.equal('schema' in a.expecting ? a.expecting.schema : undefined, 'schema' in b.expecting ? b.expecting.schema : undefined, `expected schema at ${where}`);
  assert.equal(a.verb, b.verb, `verb at ${where}`);
  assert.equal(a.form, b.form, `form at ${where}`);
}

interface Counts {
  line: number;
  block: number;
  level: number;
}

/** Every offset of every document (0 to the text's length), plus offsets outside the text. */
function checkEveryOffset(docs: readonly { id: string; text: string }[], withContext: boolean): Counts {
  const { root, scopes } = built(docs);
  const index = new ScopeIndex(scopes);
  const counts: Counts = { line: 0, block: 0, level: 0 };
  for (const doc of docs) {
    for (let offset = -1; offset <= doc.text.length + 1; offset++) {
      const where = `${doc.id}:${offset}`;
      const linear = locateScopes(scopes, doc.id, offset, doc.text);
      sameLocated(index.locate(doc.id, offset, doc.text), linear, where);
      sameLocated(index.locate(doc.id, offset), locateScopes(scopes, doc.id, offset), `${where} (no text)`);
      if (linear.line) counts.line++;
      if (linear.innermost) counts.block++;
      if (linear.level) counts.level++;
      if (withContext) sameContext(contextAt(root, index, doc.id, offset, doc.text), contextAt(root, scopes, doc.id, offset, doc.text), where);
    }
  }
  sameLocated(index.locate('not-a-document', 3), locateScopes(scopes, 'not-a-document', 3), 'another document');
  return counts;
}

test('curly examples: the index finds the same scopes and context as the linear walk at every offset', () => {
  for (const name of ['ike-dynamic-sa/r2.conf', 'seed-as-published/r3.conf']) {
    const counts = checkEveryOffset([{ id: name, text: example(name) }], true);
    // the check must have met statements and blocks, or it proves nothing
    assert.ok(counts.line > 100 && counts.block > 100, `${name}: ${JSON.stringify(counts)}`);
  }
  const counts = checkEveryOffset([{ id: 'edge', text: fixture('edge-groups.conf') }, { id: 'border', text: fixture('border-filters.conf') }], true);
  assert.ok(counts.line > 100 && counts.block > 100);
});

test('set examples (commands, banners, edit/up/top): same scopes and context at every offset', () => {
  for (const name of ['ike-dynamic-sa-set/r2.set', 'seed-as-published/r1-step-by-step.set', 'seed-as-published/r2-step-by-step.set']) {
    const counts = checkEveryOffset([{ id: name, text: example(name) }], true);
    assert.ok(counts.line > 100 && counts.level > 100, `${name}: ${JSON.stringify(counts)}`);
  }
  checkEveryOffset([{ id: 'steps', text: fixture('r2-ike-dynamic-steps.set') }], true);
});

test('generated configurations in both forms: same scopes at every offset', () => {
  for (const form of ['curly', 'set'] as const) {
    const text = generateLargeConfig({ lines: 500, form, seed: 7 });
    const counts = checkEveryOffset([{ id: form, text }], false);
    assert.ok(counts.line > text.length / 2, `${form}: ${JSON.stringify(counts)}`);
  }
});

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('half-typed and broken texts (cut, characters removed, braces and semicolons added): same scopes and context', () => {
  const next = random(42);
  const sources = [example('ike-dynamic-sa/r2.conf'), example('seed-as-published/r2-step-by-step.set'), example('ike-dynamic-sa-set/r1.set')];
  for (let round = 0; round < 16; round++) {
    let text = sources[round % sources.length]!;
    for (let edit = 0; edit < 4; edit++) {
      const at = Math.floor(next() * text.length);
      const choice = next();
      if (choice < 0.3) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 40)));
      else if (choice < 0.6) text = text.slice(0, at) + ['{', '}', ';', '"', ' {\n', '\n', '  ', 'set ', '/* ', '#'][Math.floor(next() * 10)] + text.slice(at);
      else if (choice < 0.7) text = text.slice(0, at);
      else text = text.slice(0, at) + ' foo bar' + text.slice(at);
    }
    checkEveryOffset([{ id: `broken-${round}`, text }], true);
  }
});

test('several documents in one model: each document is searched on its own', () => {
  const docs = [
    { id: 'a.conf', text: example('ike-dynamic-sa/r2.conf') },
    { id: 'b.set', text: example('seed-as-published/r2-step-by-step.set') },
    { id: 'c.conf', text: 'system {\n    host-name x;\n}\ninterfaces {\n    ge-0/0/0 {\n        unit 0 {\n            \n' },
  ];
  checkEveryOffset(docs, true);
});

test('records whose spans cross (not from one tree) are searched linearly, with the same answers', () => {
  const { root } = built([{ id: 'x', text: 'system { host-name a; }\n' }]);
  const record = (start: number, end: number, kind: ScopeRecord['kind'], levelAfter?: ConfigNode): ScopeRecord => ({
    docId: 'x', start, end, kind, node: root, pendingList: undefined, words: [], ...(levelAfter ? { levelAfter } : {}),
  });
  // crossing spans, out of order, equal spans, zero-length spans and equal ends of level commands
  const scopes = [
    record(5, 15, 'block'), record(0, 10, 'block'), record(3, 8, 'block'), record(3, 8, 'block'), record(12, 12, 'block'),
    record(6, 20, 'statement'), record(0, 9, 'statement'), record(9, 9, 'command'), record(2, 9, 'command', root),
    record(4, 9, 'command', root), record(12, 14, 'statement'),
  ];
  const index = new ScopeIndex(scopes);
  const text = 'abcdefghi   jklmnopqrstuvwxyz';
  let found = 0;
  for (let offset = -1; offset <= 22; offset++) {
    const linear = locateScopes(scopes, 'x', offset, text);
    sameLocated(index.locate('x', offset, text), linear, String(offset));
    if (linear.innermost && linear.line && linear.level) found++;
  }
  assert.ok(found > 0);
  // the same records nested (one tree): answered through the index, still the same
  const nested = [record(0, 20, 'block'), record(2, 9, 'block'), record(2, 9, 'block'), record(9, 9, 'block'), record(0, 9, 'statement'), record(3, 5, 'statement'), record(5, 9, 'command', root), record(12, 14, 'statement'), record(14, 14, 'statement')];
  const nestedIndex = new ScopeIndex(nested);
  for (let offset = -1; offset <= 22; offset++) sameLocated(nestedIndex.locate('x', offset, text), locateScopes(nested, 'x', offset, text), `nested ${offset}`);
});

/** The word index as first written: an object per word, a stable sort, the same look-back. */
function plainNodeAt(root: ConfigNode, docId: string, offset: number): NodeAtOffset | undefined {
  const list: (NodeAtOffset & { depth: number })[] = [];
  const add = (node: ConfigNode, word: Word, part: NodeAtOffset['part'], depth: number): void => {
    if (word.source.docId === docId && !(word.kind === 'synthetic' && part !== 'value')) list.push({ node, word, part, depth });
  };
  const visit = (node: ConfigNode, depth: number): void => {
    for (const w of node.mentions) add(node, w, w.text !== node.keyword && node.keys.some((k) => k.text === w.text) ? 'key' : 'keyword', depth);
    for (const w of node.values) add(node, w, 'value', depth);
    for (const c of node.children) visit(c, depth + 1);
  };
  visit(root, 0);
  list.sort((a, b) => a.word.source.start - b.word.source.start || b.depth - a.depth);
  const lo = list.filter((e) => e.word.source.start <= offset).length;
  let best: (typeof list)[number] | undefined;
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
    const e = list[i]!;
    if (e.word.source.start <= offset && offset <= e.word.source.end && (!best || e.depth > best.depth)) best = e;
  }
  return best && { node: best.node, word: best.word, part: best.part };
}

test('word index: the deepest node, word and part at every offset, as a plain sorted list finds them', () => {
  const docs = [
    { id: 'r2.conf', text: example('ike-dynamic-sa/r2.conf') },
    { id: 'steps.set', text: example('seed-as-published/r2-step-by-step.set') },
    { id: 'edge.conf', text: fixture('edge-groups.conf') },
  ];
  const { root } = built(docs);
  const index = new WordIndex(root);
  let found = 0;
  for (const doc of docs) {
    for (let offset = -1; offset <= doc.text.length + 1; offset += 1) {
      const want = plainNodeAt(root, doc.id, offset);
      const got = index.at(doc.id, offset);
      assert.equal(got?.node, want?.node, `node at ${doc.id}:${offset}`);
      assert.equal(got?.word, want?.word, `word at ${doc.id}:${offset}`);
      assert.equal(got?.part, want?.part, `part at ${doc.id}:${offset}`);
      if (got) found++;
    }
  }
  assert.ok(found > 1000, `words found: ${found}`);
});

test('word index: a word longer than 16 bits count and a node deeper than 8 bits count are found as the plain list finds them, built and merged', () => {
  // a quoted value of 70,000 characters (its length does not fit 16 bits) and an unknown statement of 300
  // words (each word a node under the one before: depths up to 301 do not fit 8 bits; `w253"w254"`: two
  // words that touch, at depths 255 and 256, where the deeper one must win), between ordinary lines
  const long = `"${'v'.repeat(70_000)}"`;
  const deep = Array.from({ length: 300 }, (_, i) => (i === 254 ? '"w254"' : `${i === 0 ? '' : ' '}w${i}`)).join('');
  const text = `system {\n    host-name ${long};\n}\nmystery ${deep};\ninterfaces {\n    ge-0/0/0 {\n        description "a b";\n    }\n}\n`;
  const { root } = built([{ id: 'x', text }]);
  const offsets: number[] = [];
  for (let offset = -1; offset <= text.length + 1; offset += offset > 20 && offset < 70_000 ? 997 : 1) offsets.push(offset);
  const same = (index: WordIndex, label: string): number => {
    let found = 0;
    for (const offset of offsets) {
      const want = plainNodeAt(root, 'x', offset);
      const got = index.at('x', offset);
      assert.equal(got?.node, want?.node, `${label}: node at ${offset}`);
      assert.equal(got?.word, want?.word, `${label}: word at ${offset}`);
      assert.equal(got?.part, want?.part, `${label}: part at ${offset}`);
      if (got) found++;
    }
    return found;
  };
  let index = new WordIndex(root);
  const found = same(index, 'built');
  assert.ok(found > 400, `words found: ${found}`);
  const longWord = plainNodeAt(root, 'x', text.indexOf(long) + 69_000)?.word.source;
  assert.ok(longWord && longWord.end - longWord.start > 0xffff, 'the long word is one word');
  let depth = 0;
  for (let n = plainNodeAt(root, 'x', text.indexOf('w299'))?.node; n?.parent; n = n.parent) depth++;
  assert.ok(depth > 255, `the last word's depth: ${depth}`);
  // updates that change nothing but cut the runs (an empty range at another offset each time), until more
  // than the runs kept (400) are merged into one table again
  for (let k = 0; k < 450; k++) {
    const at = Math.floor((k * 7919) % text.length);
    index = WordIndex.derive(index, { docId: 'x', start: at, oldEnd: at, newEnd: at, path: [], added: [] })!;
  }
  assert.equal(same(index, 'merged'), found);
});
