/**
 * test/text/detached.test.ts: `detached` (text/detached.ts) keeps the characters and lets the text a word was
 * cut from be collected (measured through the heap: slices of 200 large texts, kept, must not keep them);
 * `WordNumbers` gives no number past its limit until it is renumbered over the columns still kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detached, WordNumbers } from '../../../server/src/text/detached';

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

test('word numbers: past the limit a word gets none, until renumbering over the kept columns forgets the words they no longer hold', () => {
  const words = new WordNumbers(3);
  const a = words.numberOf('interfaces-ge-0/0/0'.slice(0, 19));
  const b = words.numberOf('routing-options');
  const c = words.numberOf('security');
  assert.deepEqual([a, b, c], [0, 1, 2]);
  assert.equal(words.numberOf('routing-options'), b);
  assert.equal(words.full, false);
  assert.equal(words.numberOf('policy-options'), -1);
  assert.equal(words.full, true);
  // a column still holds `security` and `interfaces-...`, and its own marks (past the numbers) stay
  const column = Uint16Array.from([c, 0xffff, a, c, 0xfffe]);
  words.renumber([column]);
  assert.equal(words.full, false);
  assert.equal(words.size, 2);
  assert.deepEqual([...column].map((n) => (n < words.size ? words.wordOf(n) : n)), ['security', 0xffff, 'interfaces-ge-0/0/0', 'security', 0xfffe]);
  const p = words.numberOf('policy-options');
  assert.ok(p >= 0);
  assert.equal(words.wordOf(p), 'policy-options');
  assert.equal(words.numberOf('security'), column[0]);
});
