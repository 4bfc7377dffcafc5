/**
 * text/line-index.ts: converts between JS string offsets and 0-based line/character positions.
 * Owns: line-start bookkeeping for one text (LF, CRLF and lone CR line ends).
 * Must not know: LSP types (the lsp layer maps these plain positions to its own).
 * Invariants: offsets and characters are UTF-16 code units, as LSP's default position encoding;
 *   offsets out of range are clamped, never thrown on; an index made by `afterEdit` equals the index a
 *   fresh construction on the new text gives.
 * Tests: test/src/text/line-index.test.ts
 */

export interface Position {
  /** 0-based line */
  readonly line: number;
  /** 0-based UTF-16 code unit within the line */
  readonly character: number;
}

export class LineIndex {
  private readonly lineStarts: number[];
  /** the text has a `\r` (line starts are then not only after `\n`) */
  private readonly hasCarriageReturn: boolean;

  /**
   * The index of `text`, made from `previous` (the index of the text before an edit) when `text` is that
   * text with `[start, end)` replaced by `inserted`: only the line starts after the edit move (no scan of
   * the text). Built from scratch when either text has a `\r` or the lengths do not agree.
   */
  static afterEdit(previous: LineIndex, start: number, end: number, inserted: string, text: string): LineIndex {
    const old = previous.text;
    const valid = start >= 0 && start <= end && end <= old.length && text.length === old.length - (end - start) + inserted.length;
    if (!valid || previous.hasCarriageReturn || inserted.includes('\r')) return new LineIndex(text);
    const starts = previous.lineStarts;
    const from = countUpTo(starts, start); // starts <= start stay
    const to = countUpTo(starts, end); // starts in (start, end] followed a removed line break
    const growth = inserted.length - (end - start);
    const next = starts.slice(0, from);
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) next.push(start + i + 1);
    for (let i = to; i < starts.length; i++) next.push(starts[i]! + growth);
    return new LineIndex(text, next);
  }

  /** `lineStarts` (internal): the line starts of `text`, already known */
  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      this.hasCarriageReturn = false;
      return;
    }
    this.hasCarriageReturn = text.indexOf('\r') >= 0;
    const starts = [0];
    if (!this.hasCarriageReturn) {
      // LF only (the usual case): the native search finds the line ends many times faster than a loop
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** offset of the end of the line's content (before its line break) */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line]!, this.lineEnd(line));
  }
}

/** How many of the sorted `starts` are <= offset. */
function countUpTo(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
