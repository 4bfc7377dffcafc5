/**
 * text/line-index.ts: converts between JS string offsets and 0-based line/character positions.
 * Owns: line-start bookkeeping for one text (LF, CRLF and lone CR line ends).
 * Must not know: LSP types (the lsp layer maps these plain positions to its own).
 * Invariants: offsets and characters are UTF-16 code units, as LSP's default position encoding;
 *   offsets out of range are clamped, never thrown on; an index made by `afterEdit` equals the index a
 *   fresh construction on the new text gives; for a text without `\r`, offsets and positions are found without
 *   reading the text (a text just edited is a concatenation V8 would copy whole at its first read).
 * Tests: test/src/text/line-index.test.ts (incl. `afterEdit` against fresh indexes)
 */

export interface Position {
  /** 0-based line */
  readonly line: number;
  /** 0-based UTF-16 code unit within the line */
  readonly character: number;
}

export class LineIndex {
  /** undefined once a later index took them over (see `afterEdit`) */
  private lineStarts: number[] | undefined;
  /** the text has a `\r` (line starts are then not only after `\n`) */
  private readonly hasCarriageReturn: boolean;

  /**
   * The index of `text`, made from `previous` (the index of the text before an edit) when `text` is that
   * text with `[start, end)` replaced by `inserted`: `previous`'s line starts are taken over and updated in
   * place (only those after the edit move; no scan of the text); `previous` stays usable (it rebuilds its own
   * from its text if it is asked again). Built from scratch when either text has a `\r` or the lengths do
   * not agree.
   */
  static afterEdit(previous: LineIndex, start: number, end: number, inserted: string, text: string): LineIndex {
    const old = previous.text;
    const valid = start >= 0 && start <= end && end <= old.length && text.length === old.length - (end - start) + inserted.length;
    if (!valid || previous.hasCarriageReturn || inserted.includes('\r')) return new LineIndex(text);
    const starts = previous.starts;
    previous.lineStarts = undefined;
    const from = countUpTo(starts, start); // starts <= start stay
    const to = countUpTo(starts, end); // starts in (start, end] followed a removed line break
    const growth = inserted.length - (end - start);
    if (growth !== 0) for (let i = to; i < starts.length; i++) starts[i] = starts[i]! + growth;
    const added: number[] = [];
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added.push(start + i + 1);
    if (to > from || added.length > 0) starts.splice(from, to - from, ...added);
    return new LineIndex(text, starts);
  }

  /** `lineStarts` (internal): the line starts of `text`, already known */
  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    this.hasCarriageReturn = lineStarts ? false : text.indexOf('\r') >= 0;
    this.lineStarts = lineStarts ?? lineStartsOf(text, this.hasCarriageReturn);
  }

  /** the line starts (rebuilt from the text when a later index took them over) */
  private get starts(): number[] {
    return (this.lineStarts ??= lineStartsOf(this.text, this.hasCarriageReturn));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    const line = countUpTo(starts, clamped) - 1;
    return { line, character: clamped - starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** offset of the end of the line's content (before its line break) */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    // without a `\r`, every line but the last ends with one `\n` and the last with none: nothing to read
    // (reading a character of a text just edited would make V8 copy it whole, see syntax/piece-text.ts)
    if (!this.hasCarriageReturn) return line + 1 < this.starts.length ? next - 1 : next;
    let end = next;
    if (end > this.starts[line]! && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line]! && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line]!, this.lineEnd(line));
  }
}

/** The offsets where the lines of `text` start (LF, CRLF and lone CR line ends). */
function lineStartsOf(text: string, hasCarriageReturn: boolean): number[] {
  const starts = [0];
  if (!hasCarriageReturn) {
    // LF only (the usual case): the native search finds the line ends many times faster than a loop
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
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
  return starts;
}

/** How many of the sorted `starts` are <= offset (also the syntax layer's row of an offset). */
export function countUpTo(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
