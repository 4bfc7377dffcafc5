/**
 * ide/aligned-items.ts: what a cache held for each child of a node, matched with its last call by identity.
 * Owns: the match: the plain tree copy (ide/tree-mirror.ts) keeps the objects of the children before and
 *   after the edited ones, so the two lists share a prefix and a suffix of the same objects; their entries are
 *   taken by position (a 100,000-item top level costs pointer comparisons, not a weak-map lookup per item).
 *   (The copy keeps every child of a node with 64 or more children as an object; in a smaller node only the
 *   children with children of their own are the same objects on every read: a leaf there never matches and
 *   is looked up, which is only slower.)
 * Must not know: what is cached.
 * Invariants: entry `i` of the result is what `lookUp(kids[i])` gives, provided `last.held[j]` was what it
 *   gave for `last.kids[j]` and entries of a node never change identity (callers keep them mutable in place).
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
  let prefix = 0;
  while (prefix < n && prefix < m && kids[prefix] === last.kids[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && kids[n - 1 - suffix] === last.kids[m - 1 - suffix]) suffix++;
  const out = new Array<T | undefined>(n);
  for (let i = 0; i < prefix; i++) out[i] = last.held[i];
  for (let i = prefix; i < n - suffix; i++) out[i] = lookUp(kids[i]!);
  for (let i = n - suffix; i < n; i++) out[i] = last.held[i - n + m];
  return out;
}
