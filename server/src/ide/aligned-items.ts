/**
 * ide/aligned-items.ts: what a cache held for each child of a node, matched with its last call by identity.
 * Owns: the match, for caches that keep their entries in typed-array columns (the folding memo, the outline
 *   cache): the plain tree copy (ide/tree-mirror.ts) keeps the objects of the children before and after the
 *   edited ones, so the two lists share a prefix and a suffix of the same objects, taken by position (a
 *   100,000-item top level costs pointer comparisons); the items between them (everything from the first
 *   edit to the last: one command after typing, half the file after edits at two far places) are found
 *   among the last ones through one map.
 *   (The copy keeps every child of a node with 64 or more children as an object; in a smaller node only the
 *   children with children of their own are the same objects on every read: a leaf there never matches and
 *   its entry is made again, which is only slower.)
 * Must not know: what is cached.
 * Invariants: an aligned column holds the last column's entry for every item that is one of the last items
 *   (same object), the fill for the others.
 * Tests: test/src/lsp/outline-cache.test.ts (through the folding memo and the outline cache),
 *   test/src/ide/aligned-items.test.ts
 */
import type { SyntaxNodeLike } from '../model/source';

/** How `kids` match `lastKids` (by identity): a shared prefix and, after it, a shared suffix, and for each
 *  item in between the index of the same object among the last items between them (-1: none). */
export interface Alignment {
  readonly prefix: number;
  readonly suffix: number;
  /** `middle[k]`: the last index of `kids[prefix + k]`, or -1 */
  readonly middle: Int32Array;
}

/** How `kids` match `lastKids`: the shared ends by position (pointer comparisons), the items between them
 *  (after edits at several places: everything from the first to the last) through one map of the last
 *  items between the ends. */
export function sharedEnds(kids: readonly SyntaxNodeLike[], lastKids: readonly SyntaxNodeLike[]): Alignment {
  const n = kids.length;
  const m = lastKids.length;
  let prefix = 0;
  while (prefix < n && prefix < m && kids[prefix] === lastKids[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && kids[n - 1 - suffix] === lastKids[m - 1 - suffix]) suffix++;
  const middle = new Int32Array(n - prefix - suffix).fill(-1);
  if (middle.length > 0 && m - suffix > prefix) {
    const lastAt = new Map<SyntaxNodeLike, number>();
    for (let j = prefix; j < m - suffix; j++) lastAt.set(lastKids[j]!, j);
    for (let k = 0; k < middle.length; k++) middle[k] = lastAt.get(kids[prefix + k]!) ?? -1;
  }
  return { prefix, suffix, middle };
}

/** A column of 16-bit entries for `kids` taken from `column` (entries for the last items, `lastKids`): the
 *  entry of every item found among the last ones (see `sharedEnds`), `fill` for the others. */
export function alignedColumn(column: Uint16Array, kids: readonly SyntaxNodeLike[], lastKids: readonly SyntaxNodeLike[], ends: Alignment, fill: number): Uint16Array {
  const n = kids.length;
  const m = lastKids.length;
  const out = new Uint16Array(n);
  out.set(column.subarray(0, ends.prefix), 0);
  for (let k = 0; k < ends.middle.length; k++) {
    const j = ends.middle[k]!;
    out[ends.prefix + k] = j < 0 ? fill : column[j]!;
  }
  out.set(column.subarray(m - ends.suffix, m), n - ends.suffix);
  return out;
}

/** The columns of a call's `kids`: each of `last.columns` aligned with them through one `sharedEnds`, or,
 *  without a last call, `count` fresh columns of `fill`. */
export function alignedColumns(
  kids: readonly SyntaxNodeLike[],
  last: { readonly kids: readonly SyntaxNodeLike[]; readonly columns: readonly Uint16Array[] } | undefined,
  count: number,
  fill: number,
): Uint16Array[] {
  if (!last) return Array.from({ length: count }, () => new Uint16Array(kids.length).fill(fill));
  const ends = sharedEnds(kids, last.kids);
  return last.columns.map((column) => alignedColumn(column, kids, last.kids, ends, fill));
}
