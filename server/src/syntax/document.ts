/**
 * syntax/document.ts: one document's text and its tree, kept in sync under edits.
 * Owns: turning an offset edit into a tree-sitter `Edit` (points in UTF-16 columns, rows from a line-start
 *   list kept up to date edit by edit, so no edit scans the text from its start), the incremental reparse,
 *   and the ranges of the text where edits wrote or the tree's structure changed since they were last taken
 *   (`takeChangedRanges`: what a tree copy must look at again, see ide/tree-mirror.ts; the tree of the last
 *   take is kept, edited along, and compared once at the next take; skipped when both trees are free of
 *   errors and the edits wrote and removed only word characters and blanks: then the structure changed
 *   only on the written lines, which are given whole; for a flat tree without errors (a set-form file,
 *   whose top-level nodes tree-sitter's comparison would visit one by one) the comparison is the windows
 *   of changed-windows.ts, found from the written ranges outward).
 * Must not know: LSP (callers convert ranges to offsets), the schema.
 * Invariants: after every `applyEdit` the tree is the tree a fresh parse of `text` gives (same kinds,
 *   same ranges); the reparse reads the new text through its pieces (piece-text.ts: it never reads the
 *   new string as a whole, which would make V8 copy it); edit offsets are clamped into the text and an
 *   inverted range is treated as empty, so no edit throws; a caller's copy of the resulting text (a string
 *   or pieces) is used only when it is that text (its length and the written part agree); the changed
 *   ranges cover every character written since the last take and every range `Tree.getChangedRanges`
 *   between the tree of the last take (edited along) and the current one reports, sorted and merged (for
 *   confined edits: the written lines; for a flat tree: the windows holding those ranges).
 * Tests: test/src/syntax/incremental.test.ts (incl. changed ranges and the caller's text),
 *   test/src/syntax/piece-text.test.ts (reparses through pieces),
 *   test/src/syntax/changed-ranges.test.ts (the ranges against tree-sitter's on random edits)
 */
import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { countUpTo } from '../text/line-index';
import { changedWindows } from './changed-windows';
import { parseReading, parseText } from './language';
import { PieceText } from './piece-text';
import { merged, mergedAfterEdit, type TextRange } from './text-ranges';

export type { TextRange } from './text-ranges';

/** Row and UTF-16 column of a JS string offset. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point `inserted` reaches when it is written starting at `start`. */
function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

/** Offsets just after each `\n` of a text (the rows tree-sitter counts), updated in place by edits. */
class LineBreaks {
  private readonly starts: number[] = [];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** what `pointAt(text, offset)` gives */
  pointAt(offset: number): Point {
    const row = this.countUpTo(offset);
    return { row, column: offset - (row === 0 ? 0 : this.starts[row - 1]!) };
  }

  /** `text[start, end)` became `inserted` */
  edit(start: number, end: number, inserted: string): void {
    const from = this.countUpTo(start); // line starts <= start stay
    const to = this.countUpTo(end); // line starts in (start, end] were inside the removed text
    const added: number[] = [];
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added.push(start + i + 1);
    const growth = inserted.length - (end - start);
    const starts = this.starts;
    if (growth !== 0) for (let i = to; i < starts.length; i++) starts[i] = starts[i]! + growth;
    if (to - from !== 0 || added.length !== 0) starts.splice(from, to - from, ...added);
  }

  /** From the start of the line holding `start` to the end (its line break, or `length`) of the line holding
   *  `end`, without reading the text. */
  linesAround(start: number, end: number, length: number): { start: number; end: number } {
    const starts = this.starts;
    const row = this.countUpTo(start);
    const next = this.countUpTo(end);
    return { start: row === 0 ? 0 : starts[row - 1]!, end: next < starts.length ? starts[next]! - 1 : length };
  }

  /** how many line starts are <= offset */
  private countUpTo(offset: number): number {
    return countUpTo(this.starts, offset);
  }
}

/** Text an edit may write or remove and still change the tree only on its own lines, when the trees before
 *  and after it are free of errors: word characters and blanks inside a line (no delimiter of statements,
 *  blocks, strings, comments or set commands). */
const CONFINED = /^[A-Za-z0-9_.:, -]*$/;

/** Characters whose meaning depends on the one before or after them (`#` and `/*` open a comment only at the
 *  start of a word, `*` closes an annotation only before `/`, a backslash escapes the next character of a
 *  string): an edit next to one is not confined, even of `CONFINED` text (writing `x` before a `#` turns a
 *  comment line into words that run on to the next line's `;`). */
const CONTEXT_CHARS = /[#\/*\\]/;

/** True when replacing `text[start, end)` with `inserted` can change the tree only on its own lines (see
 *  `CONFINED`, `CONTEXT_CHARS`); `text` is read through its pieces. */
function isConfinedEdit(text: PieceText, start: number, end: number, inserted: string): boolean {
  return (
    CONFINED.test(inserted) &&
    CONFINED.test(text.slice(start, end)) &&
    !CONTEXT_CHARS.test(text.charAt(start - 1)) &&
    !CONTEXT_CHARS.test(text.charAt(end))
  );
}

export class SyntaxDocument {
  /** the text, as pieces of the last flat text and what edits wrote (read through them, see piece-text.ts) */
  private source: PieceText;
  private currentTree: Tree;
  private lineBreaks: LineBreaks | undefined;
  /** the ranges edits wrote since the last `takeChangedRanges`; undefined: unknown (a whole-text replacement) */
  private written: TextRange[] | undefined = [];
  /** the tree as it was at the last `takeChangedRanges`, edited along with every edit since (kept so the
   *  structural changes are compared once, when they are taken, not at every keystroke) */
  private baseTree: Tree | undefined;
  /** true while every edit since the last take was confined (`isConfinedEdit`) and the base tree
   *  had no error: then the structure changed only on the written lines (no tree comparison needed) */
  private confined = true;

  constructor(text: string) {
    this.source = PieceText.of(text);
    this.currentTree = parseText(text);
  }

  get text(): string {
    return this.source.text;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  /**
   * Replaces `text[startOffset, endOffset)` with `newText` and reparses incrementally, reading the new text
   * through its pieces (no whole-string read: see piece-text.ts). `result`: the caller's copy of the text
   * after the edit (a string, or pieces whose text is it: used instead of building another when it has the
   * right length and holds `newText` at the edit; built here otherwise).
   */
  applyEdit(startOffset: number, endOffset: number, newText: string, result?: string | PieceText): void {
    const oldSource = this.source;
    const old = oldSource.text;
    const start = Math.max(0, Math.min(Math.trunc(startOffset) || 0, old.length));
    const end = Math.max(start, Math.min(Math.trunc(endOffset) || 0, old.length));
    const lines = (this.lineBreaks ??= new LineBreaks(old));
    const startPosition = lines.pointAt(start);
    const edit = new Edit({
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + newText.length,
      startPosition,
      oldEndPosition: pointAfter(startPosition, oldSource.slice(start, end)),
      newEndPosition: pointAfter(startPosition, newText),
    });
    const expectedLength = old.length - (end - start) + newText.length;
    const source =
      result !== undefined && result.length === expectedLength && result.slice(start, start + newText.length) === newText
        ? typeof result === 'string'
          ? PieceText.of(result)
          : result
        : oldSource.edited(start, end, newText);
    const oldTree = this.currentTree;
    if (this.confined && (!isConfinedEdit(oldSource, start, end, newText) || (!this.baseTree && oldTree.rootNode.hasError))) this.confined = false;
    oldTree.edit(edit);
    if (this.baseTree) this.baseTree.edit(edit);
    this.currentTree = parseReading((index) => source.read(index), oldTree);
    this.source = source;
    lines.edit(start, end, newText);
    if (this.written) {
      this.written = mergedAfterEdit(this.written, start, end, newText.length);
      // the first tree after a take is the base the structure is compared with when the ranges are taken
      if (!this.baseTree) {
        this.baseTree = oldTree;
        return;
      }
    }
    oldTree.delete();
  }

  /** Replaces the whole text with a fresh parse (for resynchronisation). */
  replaceText(text: string): void {
    const oldTree = this.currentTree;
    this.currentTree = parseText(text);
    this.source = PieceText.of(text);
    this.lineBreaks = undefined;
    this.written = undefined;
    this.dropBase();
    oldTree.delete();
  }

  /**
   * The ranges of the current text (closed, sorted, not overlapping) where an edit wrote or the tree's
   * structure changed (`Tree.getChangedRanges` between the tree at the last call and the current one) since
   * the last call (or since the document was made), then starts over; undefined when that is not known (a
   * whole-text replacement).
   */
  takeChangedRanges(): readonly TextRange[] | undefined {
    const written = this.written;
    const base = this.baseTree;
    const confined = this.confined;
    this.written = [];
    this.baseTree = undefined;
    this.confined = true;
    if (!written) {
      base?.delete();
      return undefined;
    }
    if (!base) return written;
    if (confined && !this.currentTree.rootNode.hasError) {
      // error-free before and after, only word characters written: the tree changed on the written lines
      // only (the comparison of the two trees visits every top-level node: ~100 ms at 100k set lines)
      base.delete();
      return merged(written.map((r) => this.wholeLines(r)));
    }
    try {
      // a flat tree: the windows around the written ranges (see changed-windows.ts), else tree-sitter's comparison
      const structural = this.windowsAround(base, written) ?? base.getChangedRanges(this.currentTree).map((r) => ({ start: r.startIndex, end: r.endIndex }));
      return structural.length === 0 ? written : merged([...written, ...structural]);
    } catch {
      return undefined;
    } finally {
      base.delete();
    }
  }

  /** `changedWindows` of the base tree and the current one, undefined when not known that way. */
  private windowsAround(base: Tree, written: readonly TextRange[]): TextRange[] | undefined {
    try {
      return changedWindows(base, this.currentTree, written, this.source.length);
    } catch {
      return undefined;
    }
  }

  /** `r` widened to the starts and ends of its lines (from the kept line breaks: the text, which may still be
   *  pieces, is not read). */
  private wholeLines(r: TextRange): TextRange {
    const lines = (this.lineBreaks ??= new LineBreaks(this.source.text));
    return lines.linesAround(r.start, r.end, this.source.length);
  }

  /** Frees the tree; the document must not be used afterwards. */
  dispose(): void {
    this.dropBase();
    this.currentTree.delete();
  }

  private dropBase(): void {
    this.baseTree?.delete();
    this.baseTree = undefined;
  }
}
