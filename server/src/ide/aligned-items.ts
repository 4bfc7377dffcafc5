/**
 * ide/aligned-items.ts: what a cache held for each child of a node, matched with its last call by identity.
 * Owns: the match: the plain tree copy (ide/tree-mirror.ts) keeps the objects of the children before and
 *   after the edited ones, so the two lists share a prefix and a suffix of the same objects; their entries are
 *   taken by position (a 100,000-item top level costs pointer comparisons, not a weak-map lookup per item);
 *   `sharedEnds` / `alignedColumn` do the same for caches that keep their entries in typed-array columns.
 *   (The copy keeps every child of a node with 64 or more children as an object; in a smaller node only the
 *   children with children of their own are the same objects on every read: a leaf there never matches and
 *   is looked up, which is only slower.)
 * Must not know: what is cached.
 * Invariants: entry `i` of the result is what `lookUp(kids[i])` gives, provided `last.held[j]` was what it
 *   gave for `last.kids[j]` and entries of a node never change identity (callers keep them mutable in place);
 *   an aligned column holds the last column's entry for every item of the shared ends, the fill elsewhere.
 * Tests: test/src/lsp/outline-cache.test.ts (through the folding memo and the outline cache)
 */
import type { SyntaxNodeLike } from '../model/source';

export interface LastItems<T> {
  readonly kids: readonly SyntaxNodeLike[];
  readonly held: readonly (T | undefined)[];
}

export function alignedWithLast<T>(kids: readonly SyntaxNodeLike[], last: LastItems<T>, lookUp: (kid: SyntaxNodeLike) => T | undefined): (T | undefined)[] {
  const n = kids.length;
  const m = last.kids.length;
  const { prefix, suffix } = sharedEnds(kids, last.kids);
  const out = new Array<T | undefined>(n);
  for (let i = 0; i < prefix; i++) out[i] = last.held[i];
  for (let i = prefix; i < n - suffix; i++) out[i] = lookUp(kids[i]!);
  for (let i = n - suffix; i < n; i++) out[i] = last.held[i - n + m];
  return out;
}

/** How many items `kids` and `lastKids` share at their start and, after those, at their end (by identity):
 *  for caches that keep their entries in columns (typed arrays) aligned with the items. */
export function sharedEnds(kids: readonly SyntaxNodeLike[], lastKids: readonly SyntaxNodeLike[]): { readonly prefix: number; readonly suffix: number } {
  const n = kids.length;
  const m = lastKids.length;
  let prefix = 0;
  while (prefix < n && prefix < m && kids[prefix] === lastKids[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && kids[n - 1 - suffix] === lastKids[m - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/** A column of 16-bit entries for `kids` taken from `column` (entries for `lastKids`): the shared ends copied
 *  (see `sharedEnds`), `fill` in between. */
export function alignedColumn(column: Uint16Array, kids: readonly SyntaxNodeLike[], lastKids: readonly SyntaxNodeLike[], ends: { readonly prefix: number; readonly suffix: number }, fill: number): Uint16Array {
  const n = kids.length;
  const m = lastKids.length;
  const out = new Uint16Array(n);
  out.set(column.subarray(0, ends.prefix), 0);
  out.fill(fill, ends.prefix, n - ends.suffix);
  out.set(column.subarray(m - ends.suffix, m), n - ends.suffix);
  return out;
}
