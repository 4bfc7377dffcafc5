// ide/aligned-items.ts: a cache's columns follow their items by identity, also when the items between the
// shared ends moved (edits at two far places leave every item between them the same object, shifted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignedColumn, sharedEnds } from '../../../server/src/ide/aligned-items';
import type { SyntaxNodeLike } from '../../../server/src/model/source';

const item = (name: string): SyntaxNodeLike => ({ type: name }) as unknown as SyntaxNodeLike;
const FILL = 0xffff;

test('a column keeps the entries of every item found again, the fill for new ones', () => {
  const old = Array.from({ length: 10 }, (_, i) => item(`c${i}`));
  const column = Uint16Array.from(old.map((_, i) => 100 + i));
  // edits at two far places: c1 replaced by two new items, c8 replaced by one
  const a = item('new-a');
  const b = item('new-b');
  const c = item('new-c');
  const kids = [old[0]!, a, b, ...old.slice(2, 8), c, old[9]!];
  const ends = sharedEnds(kids, old);
  assert.equal(ends.prefix, 1);
  assert.equal(ends.suffix, 1);
  const got = alignedColumn(column, kids, old, ends, FILL);
  assert.deepEqual([...got], [100, FILL, FILL, 102, 103, 104, 105, 106, 107, FILL, 109]);
});

test('nothing shared: every entry is the fill; the same list: every entry kept', () => {
  const old = [item('a'), item('b')];
  const column = Uint16Array.from([1, 2]);
  const fresh = [item('x'), item('y'), item('z')];
  assert.deepEqual([...alignedColumn(column, fresh, old, sharedEnds(fresh, old), FILL)], [FILL, FILL, FILL]);
  assert.deepEqual([...alignedColumn(column, old, old, sharedEnds(old, old), FILL)], [1, 2]);
  assert.deepEqual([...alignedColumn(column, [], old, sharedEnds([], old), FILL)], []);
});
