/**
 * lsp/edit-span.ts: a sequence of edits (the document store's edit log) as replacements of the older text:
 *   one span holding them all, or disjoint spans; the rows they cover in both texts.
 * Owns: composing edit steps: `[start, oldEnd)` of the older text became `[start, newEnd)` of the current
 *   text, and everything before `start` and after `oldEnd` (older text) / `newEnd` (current text) is the
 *   same text (`composeSteps`); the same as sorted disjoint replacements (`replacementsOf`); the row blocks
 *   they make (`RowMap`: rows between blocks moved as a whole); the replacements as tree-sitter edits.
 * Must not know: LSP types, features, where the steps come from.
 * Invariants: pure; `newEnd - oldEnd` is the total growth of the steps; no steps give undefined.
 * Tests: test/src/lsp/semantic-token-rows.test.ts
 */
import type { TreeEdit } from '../ide/tree-changes';
import type { LineIndex } from '../text/line-index';
import type { EditStep } from './stores/documents';

export interface EditSpan {
  readonly start: number;
  /** end of the replaced text in the older text */
  readonly oldEnd: number;
  /** end of the replacement in the current text */
  readonly newEnd: number;
}

/** One replacement equivalent to applying `steps` in order (each in the text its predecessors made). */
export function composeSteps(steps: readonly Pick<EditStep, 'start' | 'end' | 'newLength'>[]): EditSpan | undefined {
  if (steps.length === 0) return undefined;
  const first = steps[0]!;
  let start = first.start;
  let oldEnd = first.end;
  let newEnd = first.start + first.newLength;
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i]!;
    // `newEnd` after this step: the replacement's end, or the old span's end moved by the step
    const movedEnd = newEnd <= s.start ? newEnd : newEnd >= s.end ? newEnd + s.newLength - (s.end - s.start) : s.start + s.newLength;
    // text after the span in the current text is the older text shifted by (newEnd - oldEnd)
    if (s.end > newEnd) oldEnd += s.end - newEnd;
    if (s.start < start) start = s.start;
    newEnd = Math.max(movedEnd, s.start + s.newLength);
  }
  return { start, oldEnd, newEnd };
}

/** One replaced span: `[oldStart, oldEnd)` of the older text became `[newStart, newEnd)` of the current. */
export interface Replacement {
  readonly oldStart: number;
  readonly oldEnd: number;
  readonly newStart: number;
  readonly newEnd: number;
}

/**
 * The disjoint replacements equivalent to applying `steps` in order, sorted: edits far apart stay apart
 * (a rename touching a hundred places is a hundred small spans, not one span over the whole file); the
 * text between two replacements is the same in both texts.
 */
export function replacementsOf(steps: readonly Pick<EditStep, 'start' | 'end' | 'newLength'>[]): Replacement[] {
  let list: Replacement[] = [];
  for (const s of steps) {
    const growth = s.newLength - (s.end - s.start);
    // replacements before the step, touching it (merged with it), and after it
    let i = 0;
    let shiftBefore = 0; // growth of the replacements before the step: old = current - shiftBefore in the gap before
    while (i < list.length && list[i]!.newEnd < s.start) {
      shiftBefore += list[i]!.newEnd - list[i]!.newStart - (list[i]!.oldEnd - list[i]!.oldStart);
      i++;
    }
    let j = i;
    let shiftAfter = shiftBefore;
    while (j < list.length && list[j]!.newStart <= s.end) {
      shiftAfter += list[j]!.newEnd - list[j]!.newStart - (list[j]!.oldEnd - list[j]!.oldStart);
      j++;
    }
    const first = list[i];
    const last = list[j - 1];
    const touching = j > i;
    const newStart = touching && first!.newStart < s.start ? first!.newStart : s.start;
    const oldStart = touching && first!.newStart < s.start ? first!.oldStart : s.start - shiftBefore;
    const endBefore = touching && last!.newEnd > s.end ? last!.newEnd : s.end;
    const oldEnd = touching && last!.newEnd > s.end ? last!.oldEnd : s.end - shiftAfter;
    const merged: Replacement = { oldStart, oldEnd, newStart, newEnd: endBefore + growth };
    const after = list.slice(j).map((r) => ({ oldStart: r.oldStart, oldEnd: r.oldEnd, newStart: r.newStart + growth, newEnd: r.newEnd + growth }));
    list = [...list.slice(0, i), merged, ...after];
  }
  return list;
}

/** Rows edited together: old rows `[oldFirst, oldLast]` became new rows `[newFirst, newLast]`. */
export interface RowBlock {
  readonly oldFirst: number;
  readonly oldLast: number;
  readonly newFirst: number;
  readonly newLast: number;
}

/**
 * Rows of the older text against rows of the current one: the rows of each replacement (blocks, merged
 * when they share a row) and the rows between, which moved as a whole.
 */
export class RowMap {
  private constructor(
    readonly blocks: readonly RowBlock[],
    /** `shiftAfter[k]`: new row minus old row for the rows after block k */
    private readonly shiftAfter: readonly number[],
  ) {}

  /**
   * Undefined when the row counts do not add up (the caller computes from scratch). `widen(oldRow)`: the
   * row a block starting on old row `oldRow` must start on instead (an earlier one, or `oldRow`).
   */
  static of(replacements: readonly Replacement[], oldLines: LineIndex, newLines: LineIndex, widen?: (oldRow: number) => number): RowMap | undefined {
    const blocks: RowBlock[] = [];
    for (const r of replacements) {
      let oldFirst = oldLines.positionAt(r.oldStart).line;
      let newFirst = newLines.positionAt(r.newStart).line;
      const widened = widen ? Math.min(oldFirst, widen(oldFirst)) : oldFirst;
      newFirst -= oldFirst - widened;
      oldFirst = widened;
      const block = { oldFirst, oldLast: oldLines.positionAt(r.oldEnd).line, newFirst, newLast: newLines.positionAt(r.newEnd).line };
      const prev = blocks[blocks.length - 1];
      if (prev && prev.oldLast >= block.oldFirst) blocks[blocks.length - 1] = { oldFirst: prev.oldFirst, oldLast: Math.max(prev.oldLast, block.oldLast), newFirst: prev.newFirst, newLast: Math.max(prev.newLast, block.newLast) };
      else blocks.push(block);
    }
    const shiftAfter: number[] = [];
    let shift = 0;
    for (const b of blocks) {
      if (b.newFirst - b.oldFirst !== shift || b.oldLast < b.oldFirst || b.newLast < b.newFirst) return undefined;
      shift = b.newLast - b.oldLast;
      shiftAfter.push(shift);
    }
    if (newLines.lineCount - oldLines.lineCount !== shift) return undefined;
    return new RowMap(blocks, shiftAfter);
  }

  /** The old row of new row `row`: for a row between blocks, or the first row of a block; -1 inside a block. */
  toOld(row: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.blocks[mid]!.newFirst <= row) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return row;
    const b = this.blocks[lo - 1]!;
    if (row === b.newFirst) return b.oldFirst;
    if (row <= b.newLast) return -1;
    return row - this.shiftAfter[lo - 1]!;
  }
}

/** The replacements as edits of the older tree, last first (so that each is in the text it applies to). */
export function treeEditsOf(replacements: readonly Replacement[], oldLines: LineIndex, newLines: LineIndex): TreeEdit[] {
  const out: TreeEdit[] = [];
  for (let i = replacements.length - 1; i >= 0; i--) {
    const r = replacements[i]!;
    const start = oldLines.positionAt(r.oldStart);
    const oldEnd = oldLines.positionAt(r.oldEnd);
    const from = newLines.positionAt(r.newStart);
    const to = newLines.positionAt(r.newEnd);
    out.push({
      startIndex: r.oldStart,
      oldEndIndex: r.oldEnd,
      newEndIndex: r.oldStart + (r.newEnd - r.newStart),
      startPosition: { row: start.line, column: start.character },
      oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
      newEndPosition: to.line === from.line ? { row: start.line, column: start.character + (to.character - from.character) } : { row: start.line + (to.line - from.line), column: to.character },
    });
  }
  return out;
}

/** The spans of the current text the replacements wrote. */
export function writtenSpans(replacements: readonly Replacement[]): { start: number; end: number }[] {
  return replacements.map((r) => ({ start: r.newStart, end: r.newEnd }));
}
