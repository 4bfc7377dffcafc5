/**
 * syntax/text-ranges.ts: closed ranges of a text and how edits move them.
 * Owns: `TextRange` (closed: [start, end], so ranges that touch are joined), sorting and joining a list of
 *   them, and moving a list along one replacement while adding the part it wrote.
 * Must not know: trees, LSP.
 * Invariants: `merged` and `mergedAfterEdit` return sorted ranges, none overlapping or touching another;
 *   neither changes its argument's elements.
 * Tests: test/src/syntax/changed-ranges.test.ts, test/src/syntax/incremental.test.ts (through SyntaxDocument)
 */

/** A closed range of the current text: [start, end]. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** `ranges` (closed, sorted, merged) after `text[start, end)` became `newLength` characters, with the written
 *  part added. */
export function mergedAfterEdit(ranges: readonly TextRange[], start: number, end: number, newLength: number): TextRange[] {
  const growth = newLength - (end - start);
  const moved: TextRange[] = [{ start, end: start + newLength }];
  for (const r of ranges) {
    if (r.end < start) moved.push(r);
    else if (r.start > end) moved.push({ start: r.start + growth, end: r.end + growth });
    else moved.push({ start: Math.min(r.start, start), end: r.end > end ? r.end + growth : start + newLength });
  }
  return merged(moved);
}

/** `ranges` sorted, overlapping or touching ones joined (sorts the array it is given). */
export function merged(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start);
  const out: TextRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push(r);
  }
  return out;
}

/** The index of the first of `sorted` (sorted, merged) ending at or after `offset` (its length when none does). */
export function firstEndingFrom(sorted: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `[start, end]` touches one of `sorted` (sorted, merged). */
export function touchesAny(sorted: readonly TextRange[], start: number, end: number): boolean {
  const first = firstEndingFrom(sorted, start);
  return first < sorted.length && sorted[first]!.start <= end;
}
