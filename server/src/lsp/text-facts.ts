/**
 * lsp/text-facts.ts: the facts of an analysed text that the stale-snapshot rule (lsp/position-request.ts)
 *   reads: where the lines starting a top-level statement are, and which lines move between set-form
 *   levels (`edit`, `up`, `top`, `[edit ...]` banners).
 * Owns: finding them in a whole text (`scanTextFacts`), the top-level statement around an offset
 *   (`topLevelStart`, `topLevelEnd`), and carrying them to the text one edit made
 *   (`editedTextFacts`): the lines the edit touched are scanned again, the entries before them kept, those
 *   after them moved by the edit's growth, so an analysis updated after an edit does not scan the whole
 *   document again.
 * Must not know: analyses, LSP.
 * Invariants: `editedTextFacts(scanTextFacts(old), newText, edit)` equals `scanTextFacts(newText)` when
 *   `edit` made `newText` from `old` (randomized test); never throws.
 * Tests: test/src/lsp/text-facts.test.ts
 */

export interface TextFacts {
  /** starts of the lines beginning with a word in column 0 (not a blank, brace or comment), ascending */
  readonly topLevelLines: Int32Array;
  /** starts of the lines that move between set-form levels, ascending (almost always none) */
  readonly levelLines: Int32Array;
}

/** One edit: `[start, oldEnd)` of the text before it became `[start, newEnd)` of the text after it. */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** sticky: tried at a line start (`lastIndex`) */
const LEVEL_LINE = /[ \t]*(\[edit\b|edit\b|up\b|top\b)/y;
const NOT_TOP_LEVEL = /[\s}#/]/;

/** True when the text's set-form commands move between levels (a line's context then depends on every line before it). */
export function changesLevels(facts: TextFacts): boolean {
  return facts.levelLines.length > 0;
}

/** The facts of the lines starting in `[from, to)` of `text` (`from` a line start), appended to the lists. */
function scanLines(text: string, from: number, to: number, top: number[], level: number[]): void {
  for (let at = from; at < to && at < text.length; ) {
    const newline = text.indexOf('\n', at);
    if (!NOT_TOP_LEVEL.test(text[at]!)) top.push(at);
    LEVEL_LINE.lastIndex = at;
    if (LEVEL_LINE.test(text)) level.push(at);
    if (newline < 0) break;
    at = newline + 1;
  }
}

/** The facts of a whole text. */
export function scanTextFacts(text: string): TextFacts {
  const top: number[] = [];
  const level: number[] = [];
  scanLines(text, 0, text.length, top, level);
  return { topLevelLines: Int32Array.from(top), levelLines: Int32Array.from(level) };
}

/** How many of the entries (ascending) are at or before `offset`. */
function countAtOrBefore(list: Int32Array, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The start of the top-level statement holding `offset`: the nearest line at or before it that starts
 *  with a word in column 0 (not a brace or a comment); 0 when there is none. */
export function topLevelStart(facts: TextFacts, offset: number): number {
  const k = countAtOrBefore(facts.topLevelLines, offset);
  return k > 0 ? facts.topLevelLines[k - 1]! : 0;
}

/** The end of the top-level statement holding `offset`: the line break before the next line (after
 *  `offset`) that starts with a word in column 0; `textLength` when there is none. */
export function topLevelEnd(facts: TextFacts, offset: number, textLength: number): number {
  const k = countAtOrBefore(facts.topLevelLines, offset);
  return k < facts.topLevelLines.length ? facts.topLevelLines[k]! - 1 : textLength;
}

/** The index of the first entry at or after `offset`. */
function firstAtOrAfter(list: Int32Array, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `list`'s entries before `from`, then `middle`, then its entries at or after `oldTo` moved by `delta`. */
function spliced(list: Int32Array, from: number, oldTo: number, middle: readonly number[], delta: number): Int32Array {
  const head = firstAtOrAfter(list, from);
  const tail = firstAtOrAfter(list, oldTo);
  const out = new Int32Array(head + middle.length + list.length - tail);
  out.set(list.subarray(0, head), 0);
  out.set(middle, head);
  let k = head + middle.length;
  for (let i = tail; i < list.length; i++) out[k++] = list[i]! + delta;
  return out;
}

/**
 * The facts of `text`, made by `edit` from a text whose facts are `before`: the lines from the one holding
 * the edit's start to the one holding its end are scanned again (a line start right after the edit may
 * stop or start being one), the others are kept or moved.
 */
export function editedTextFacts(before: TextFacts, text: string, edit: TextEdit): TextFacts {
  const delta = edit.newEnd - edit.oldEnd;
  // the start of the line holding the edit's start (the text before the edit is the same in both)
  const from = edit.start > 0 ? text.lastIndexOf('\n', edit.start - 1) + 1 : 0;
  // the first line start after the edited lines, in the new text and (moved back) in the old one
  const newline = text.indexOf('\n', edit.newEnd);
  const newTo = newline < 0 ? text.length + 1 : newline + 1;
  const oldTo = newTo - delta;
  const top: number[] = [];
  const level: number[] = [];
  scanLines(text, from, newTo, top, level);
  return { topLevelLines: spliced(before.topLevelLines, from, oldTo, top, delta), levelLines: spliced(before.levelLines, from, oldTo, level, delta) };
}
