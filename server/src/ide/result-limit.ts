/**
 * ide/result-limit.ts: an outline or a list of folding regions cut to a number of items, outer ones first
 *   (as VS Code's JSON and YAML servers do with `maxItemsComputed`).
 * Owns: which items a limit keeps. Symbols: breadth-first (all top-level symbols in order, then the children
 *   of the first kept symbol, of the second, ..., level by level) until the limit; a symbol is kept only if
 *   its parent is. Regions: by nesting level (a region's level is the number of kept-order regions that
 *   contain it, found with a stack over the sorted list as VS Code's folding model does), whole levels while
 *   they fit, then the first of the next level in list order; the kept ones stay in list order.
 * Must not know: how symbols or regions are made, LSP beyond the `children` shape.
 * Invariants: a limit of 0 (or at least the item count) keeps everything and returns the input itself;
 *   never mutates its input (kept symbols whose children were cut are shallow copies), so shared cached
 *   answers stay intact; never throws.
 * Tests: test/src/lsp/result-limit.test.ts
 */

/** What is kept of a list, and whether the limit cut anything. */
export interface Limited<T> {
  readonly items: T[];
  readonly cut: boolean;
}

/** A tree item: its children (none when undefined). */
export interface WithChildren<T> {
  children?: T[];
}

/** Counts the symbols of a tree, stopping once past `stopAt`. */
function countUpTo<T extends WithChildren<T>>(symbols: readonly T[], stopAt: number): number {
  let count = 0;
  const stack: (readonly T[])[] = [symbols];
  while (stack.length > 0 && count <= stopAt) {
    const list = stack.pop()!;
    count += list.length;
    for (const s of list) if (s.children && s.children.length > 0) stack.push(s.children);
  }
  return count;
}

/** The first `limit` symbols of the tree breadth-first (0: all), with their nesting. */
export function firstSymbolsBreadthFirst<T extends WithChildren<T>>(symbols: T[], limit: number): Limited<T> {
  if (limit <= 0 || countUpTo(symbols, limit) <= limit) return { items: symbols, cut: false };
  // each kept symbol is copied with a fresh children list, filled as its children are kept
  const copyOf = (symbol: T): T => ({ ...symbol, children: symbol.children === undefined ? undefined : [] });
  const top = symbols.slice(0, limit).map(copyOf);
  let kept = top.length;
  const queue: { readonly original: T; readonly copy: T }[] = symbols.slice(0, limit).map((original, i) => ({ original, copy: top[i]! }));
  for (let head = 0; head < queue.length && kept < limit; head++) {
    const { original, copy } = queue[head]!;
    for (const child of original.children ?? []) {
      if (kept >= limit) break;
      const childCopy = copyOf(child);
      copy.children!.push(childCopy);
      queue.push({ original: child, copy: childCopy });
      kept++;
    }
  }
  return { items: top, cut: true };
}

/** A folding region's lines. */
export interface LineSpan {
  readonly startLine: number;
  readonly endLine: number;
}

/** The `limit` outermost regions of `regions` (sorted by start line, then end line descending), in the
 *  same order (0: all). */
export function outerRegions<T extends LineSpan>(regions: readonly T[], limit: number): Limited<T> {
  if (limit <= 0 || regions.length <= limit) return { items: regions as T[], cut: false };
  const levels = new Array<number>(regions.length);
  const perLevel: number[] = [];
  const open: T[] = [];
  for (let i = 0; i < regions.length; i++) {
    const region = regions[i]!;
    // regions that end before this one starts, or do not contain it, are no longer around it
    while (open.length > 0 && !contains(open[open.length - 1]!, region)) open.pop();
    const level = open.length;
    levels[i] = level;
    perLevel[level] = (perLevel[level] ?? 0) + 1;
    open.push(region);
  }
  // whole levels while they fit, then the first ones of the next level
  let budget = limit;
  let fullLevels = 0;
  while (fullLevels < perLevel.length && perLevel[fullLevels]! <= budget) budget -= perLevel[fullLevels++]!;
  const items: T[] = [];
  for (let i = 0; i < regions.length; i++) {
    const level = levels[i]!;
    if (level < fullLevels) items.push(regions[i]!);
    else if (level === fullLevels && budget > 0) {
      items.push(regions[i]!);
      budget--;
    }
  }
  return { items, cut: true };
}

function contains(outer: LineSpan, inner: LineSpan): boolean {
  return outer.startLine <= inner.startLine && inner.endLine <= outer.endLine;
}
