/**
 * syntax/piece-text.ts: a text after edits, kept as pieces (slices of the last text known to be flat, and
 *   the inserted strings), readable piece by piece without making V8 copy the whole new string.
 * Owns: the pieces, reading a span or a character of the text through them (`read`, `slice`, `charAt`),
 *   the text after one more edit (`edited`), and when the whole string is made flat (`flatten`).
 *   Why: `old.slice(0, start) + inserted + old.slice(end)` is a concatenation V8 copies into a new flat
 *   string (7.3 MB at 100,000 set lines: a fresh large-object allocation, page faults and the copy,
 *   3-20 ms) at the first indexed read of it; reading the pieces instead leaves that copy to whoever reads
 *   the whole string first (`flatten`, which the server calls on the turn after each change, off the path
 *   from the change to its diagnostics).
 * Must not know: trees, LSP.
 * Invariants: `text` never changes and is the concatenation of the pieces (made once, read here only by
 *   `flatten`, which then makes it the one piece, so the earlier text the pieces were cut from can go); reading
 *   through the pieces never reads `text`; every piece is a slice of `base` (read here only through
 *   `slice`, which does not copy a flat string) or an inserted string; edit offsets are clamped into the
 *   text and an inverted range is treated as empty; after `MAX_PIECES` pieces the next edit reads (flattens)
 *   the whole text and starts over from it.
 * Tests: test/src/syntax/piece-text.test.ts (random edits against plain strings),
 *   test/src/syntax/incremental.test.ts (the reparse reads through the pieces)
 */
import { countUpTo } from '../text/line-index';

/** Pieces kept before an edit flattens the text and starts over (each edit adds at most two). */
export const MAX_PIECES = 64;

/** Characters one `read` gives at most (web-tree-sitter's input buffer holds 5,119 UTF-16 units). */
export const READ_CHUNK = 4096;

export class PieceText {
  /** where each piece starts in the text (sorted, `starts[0] === 0`) */
  private starts: readonly number[];

  private constructor(
    /** the whole text (a concatenation of the pieces; not read here) */
    readonly text: string,
    private pieces: readonly string[],
  ) {
    this.starts = startsOf(pieces);
  }

  /** `text` as one piece (read as it is: flattened at the first read if it is not flat yet) */
  static of(text: string): PieceText {
    return new PieceText(text, text.length === 0 ? [] : [text]);
  }

  get length(): number {
    return this.text.length;
  }

  get pieceCount(): number {
    return this.pieces.length;
  }

  /** The text with `[start, end)` replaced by `inserted` (offsets clamped; an inverted range is empty). */
  edited(startOffset: number, endOffset: number, inserted: string): PieceText {
    const length = this.text.length;
    const start = Math.max(0, Math.min(Math.trunc(startOffset) || 0, length));
    const end = Math.max(start, Math.min(Math.trunc(endOffset) || 0, length));
    if (this.pieces.length + 2 > MAX_PIECES) {
      this.flatten();
      const flat = this.text;
      return new PieceText(flat.slice(0, start) + inserted + flat.slice(end), nonEmpty([flat.slice(0, start), inserted, flat.slice(end)]));
    }
    const pieces: string[] = [];
    for (let i = 0; i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      const at = this.starts[i]!;
      if (at + piece.length <= start) pieces.push(piece);
      else if (at < start) pieces.push(piece.slice(0, start - at));
    }
    if (inserted.length > 0) pieces.push(inserted);
    for (let i = 0; i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      const at = this.starts[i]!;
      if (at >= end) pieces.push(piece);
      else if (at + piece.length > end) pieces.push(piece.slice(end - at));
    }
    let text = '';
    for (const piece of pieces) text += piece;
    return new PieceText(text, pieces);
  }

  /** Reads the text once as a whole (V8 makes it one flat string) and makes it the one piece. */
  flatten(): void {
    if (this.pieces.length <= 1) return;
    void this.text.charCodeAt(0);
    this.pieces = [this.text];
    this.starts = [0];
  }

  /** Up to `max` characters of the text from `index` (fewer at a piece's end; '' at or after the end). */
  read(index: number, max = READ_CHUNK): string {
    const i = this.pieceAt(index);
    if (i < 0) return '';
    const at = index - this.starts[i]!;
    return this.pieces[i]!.slice(at, at + max);
  }

  /** `text.slice(start, end)` (offsets as `String.prototype.slice` takes non-negative ones), read through the pieces. */
  slice(start: number, end = this.text.length): string {
    const to = Math.min(end, this.text.length);
    let out = '';
    for (let at = Math.max(0, start); at < to; ) {
      const part = this.read(at, to - at);
      if (part.length === 0) break;
      out += part;
      at += part.length;
    }
    return out;
  }

  /** `text.charAt(index)`, read through the pieces. */
  charAt(index: number): string {
    return index < 0 ? '' : this.read(index, 1);
  }

  /** the piece holding `index`, -1 outside the text */
  private pieceAt(index: number): number {
    if (!(index >= 0 && index < this.text.length)) return -1;
    return countUpTo(this.starts, index) - 1;
  }
}

function startsOf(pieces: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    starts.push(at);
    at += piece.length;
  }
  return starts;
}

function nonEmpty(pieces: string[]): string[] {
  return pieces.filter((p) => p.length > 0);
}
