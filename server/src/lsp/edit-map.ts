/**
 * lsp/edit-map.ts: maps offsets between a document's text at an older version and its current text,
 *   through the edits applied in between (the document store's edit log).
 * Owns: the mapping rule: an offset before an edit stays, one after it shifts by the edit's growth, and
 *   one inside or touching an edited span has no image (undefined), so a caller never guesses.
 * Must not know: LSP types, features, where the edits come from.
 * Invariants: pure; `toOld(toNew(x)) === x` for every offset both directions map.
 * Tests: test/src/lsp/stale-snapshot.test.ts
 */
import type { EditStep } from './stores/documents';

export class EditMap {
  constructor(private readonly steps: readonly EditStep[]) {}

  get isIdentity(): boolean {
    return this.steps.length === 0;
  }

  /** current offset -> the same place in the older text; undefined inside or next to an edit */
  toOld(offset: number): number | undefined {
    let at = offset;
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i]!;
      if (at < step.start) continue;
      if (at <= step.start + step.newLength) return undefined;
      at = at - step.newLength + (step.end - step.start);
    }
    return at;
  }

  /** Where the older span [start, end] starts in the current text when no edit fell inside or next to it
   *  (it moved as a whole); undefined otherwise. */
  movedStart(start: number, end: number): number | undefined {
    let s = start;
    let e = end;
    for (const step of this.steps) {
      if (e < step.start) continue;
      if (s <= step.end) return undefined;
      const growth = step.newLength - (step.end - step.start);
      s += growth;
      e += growth;
    }
    return s;
  }

  /** older offset -> the same place in the current text; undefined inside or next to an edit */
  toNew(offset: number): number | undefined {
    let at = offset;
    for (const step of this.steps) {
      if (at < step.start) continue;
      if (at <= step.end) return undefined;
      at = at + step.newLength - (step.end - step.start);
    }
    return at;
  }
}
