/**
 * test/text/detached.test.ts: `detached` (text/detached.ts) keeps the characters and lets the text a word was
 * cut from be collected (measured through the heap: slices of 200 large texts, kept, must not keep them);
 * `SharedWords` answers each word with a copy equal to it, across its restart at the limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detached, SharedWords } from '../../../server/src/text/detached';

test('detached strings are equal to the original, whatever their length', () => {
  for (const s of ['', 'a', 'twelve chars', 'thirteen char', 'x'.repeat(100), 'é€😀 unicode and more than thirteen']) assert.equal(detached(s), s);
  const text = 'interfaces { ge-0/0/0 { description "a long description of the uplink"; } }';
  const word = text.slice(text.indexOf('"'), text.lastIndexOf('"') + 1);
  assert.equal(detached(word), word);
});

test('words kept detached do not keep the texts they were cut from', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const keep = (copy: (s: string) => string): string[] => {
    const kept: string[] = [];
    for (let i = 0; i < 100; i++) {
      const text = `${i} `.repeat(100_000).split('').join(''); // a flat text of ~400 KB
      kept.push(copy(text.slice(10, 80)));
    }
    return kept;
  };
  const before = heap();
  const plain = keep((s) => s);
  const withViews = heap() - before;
  plain.length = 0;
  const base = heap();
  const copies = keep(detached);
  const withCopies = heap() - base;
  assert.ok(withViews > 20_000_000, `views keep their texts (${withViews} bytes)`);
  assert.ok(withCopies < 2_000_000, `detached copies keep only themselves (${withCopies} bytes)`);
  assert.equal(copies.length, 100);
});

test('shared words: each answer equals the word asked for, before and after the table starts again at its limit', () => {
  const shared = new SharedWords(3);
  const text = 'interfaces-ge-0/0/0 interfaces-ge-0/0/0 routing-options';
  const first = shared.get(text.slice(0, 19));
  assert.equal(first, 'interfaces-ge-0/0/0');
  assert.equal(shared.get(text.slice(20, 39)), first);
  assert.equal(shared.get('routing-options'), 'routing-options');
  shared.get('a');
  shared.get('b'); // the fourth distinct word: the table started again
  assert.equal(shared.get('interfaces-ge-0/0/0'), 'interfaces-ge-0/0/0');
});
