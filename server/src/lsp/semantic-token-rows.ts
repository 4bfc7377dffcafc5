/**
 * lsp/semantic-token-rows.ts: the semantic tokens of one version of a document in LSP's relative
 *   encoding, indexed by row, and their update to a later version by recomputing only the rows that can
 *   differ.
 * Owns: the encoded data (five integers per token) with the index of each row's first token; the update
 *   rule: the rows an edit touched, the rows the parse tree changed on (ide/tree-changes.ts) and the rows
 *   whose schema classes differ (lsp/class-rows.ts) are recomputed from the captures of those rows, every
 *   other row's tokens are copied (moved by the rows the edits added or removed); a recomputed block of
 *   rows is widened until no styled capture crosses its ends (a multi-line capture is decided as a whole,
 *   from its first row); the window of the data that changed (for `full/delta`); the data's JSON text in
 *   pieces (for full answers, lsp/json-encoder.ts), carried through updates outside that window; letting
 *   go of the pieces and the spare buffer when the process is idle and packing the data and the row index
 *   into varints then (`releaseCaches`: about 5 bytes a token instead of 20; unpacked, and the rest
 *   made again, on demand).
 * Must not know: how captures and classes are made (ide/highlight-query.ts, ide/schema-tokens.ts), which
 *   capture or class becomes which token (ide/semantic-tokens.ts decides per capture), the connection.
 *   `compute` runs the same per-block rule over the whole text, block after block.
 * Invariants: rows replaced by an update are not read again (their buffer is reused by the next update of
 *   the rows that replaced them); `update` gives exactly the data `compute` gives for the same text, captures and classes
 *   (randomized test), or undefined when it cannot (the caller computes from scratch); data outside the
 *   reported window is unchanged, element for element; the JSON pieces joined are `JSON.stringify` of the
 *   data (randomized test); rows handed out for sending never lend their buffer; packed data unpacks to
 *   exactly what was packed (any 32-bit integer: tested, and randomized updates from packed rows); never
 *   throws on any text.
 * Tests: test/src/lsp/semantic-token-rows.test.ts
 */
import type { HighlightCapture, SemanticToken } from '../ide/semantic-tokens';
import { semanticTokens } from '../ide/semantic-tokens';
import { styleForCapture } from '../ide/token-legend';
import type { RowRange } from '../ide/tree-changes';
import type { LineIndex } from '../text/line-index';
import { rowStartOffset, type ClassRows } from './class-rows';
import { replacementsOf, RowMap } from './edit-span';
import { PreEncodedArray } from './json-encoder';
import type { EditStep } from './stores/documents';

/** What the tokens of one version are made from. */
export interface TokenInput {
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly classes: ClassRows;
  /** the grammar's captures of the whole tree, or of the nodes on rows `startRow` to `endRow` (exclusive) */
  captures(rows?: { readonly startRow: number; readonly endRow: number }): HighlightCapture[];
}

/** Elements `[start, oldEnd)` of the older data became `[start, newEnd)` of the newer; the rest is equal. */
export interface DataWindow {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Above this share of the rows, an update recomputes everything (one query is cheaper than many). */
const MAX_DIRTY_SHARE = 0.25;
/** Rows per query when computing from scratch. */
const COMPUTE_BLOCK_ROWS = 2000;

export class TokenRows {
  private constructor(
    readonly version: number,
    readonly text: string,
    readonly lines: LineIndex,
    readonly classes: ClassRows,
    /** LSP's relative encoding: deltaLine, deltaStart, length, type, modifiers per token; elements from
     *  `length` on are unused room (undefined while packed) */
    private dataStore: Int32Array | undefined,
    /** `rowFirst[r]` = index (in tokens) of the first token on row `r` or later; `lineCount + 1` entries
     *  (undefined while packed) */
    private rowIndex: Int32Array | undefined,
    private readonly length: number = dataStore?.length ?? 0,
    /** a buffer the next update may write into (the data of the rows this one replaced: at 100,000 set
     *  lines 17 MB, whose allocation on every keystroke made V8 collect the whole heap again and again) */
    private spare?: Int32Array,
  ) {}

  /** The data, unpacked first if it was packed while idle. */
  private get data(): Int32Array {
    if (!this.dataStore) this.unpack();
    return this.dataStore!;
  }

  /** The row index, unpacked first if it was packed while idle. */
  private get rowFirst(): Int32Array {
    if (!this.rowIndex) this.unpack();
    return this.rowIndex!;
  }

  /** The data and the row index while idle (`releaseCaches`): varints (`packVarints`), undefined otherwise. */
  private packed: Uint8Array | undefined;

  /** Makes the data and the row index again from the packed bytes (exactly: `unpackVarints`). */
  private unpack(): void {
    const packed = this.packed;
    const rows = this.lines.lineCount + 1;
    if (!packed) {
      // cannot happen (one of the two is always there); an empty document rather than a throw
      this.dataStore ??= new Int32Array(this.length);
      this.rowIndex ??= new Int32Array(rows);
      return;
    }
    const data = new Int32Array(this.length);
    const rowFirst = new Int32Array(rows);
    const at = unpackVarints(packed, 0, data, false);
    unpackVarints(packed, at, rowFirst, true);
    this.dataStore = data;
    this.rowIndex = rowFirst;
    this.packed = undefined;
  }

  /** The spare buffer when it holds `size` elements, else a new one (with room to grow); handed out once. */
  private takeBuffer(size: number): Int32Array {
    const spare = this.spare;
    this.spare = undefined;
    if (spare && spare.length >= size && spare.length <= size * 2) return spare;
    return new Int32Array(size + (size >> 4));
  }

  /** This one's data, given as the spare buffer of the rows that replace it (once: the rows given it own it). */
  private giveData(): Int32Array | undefined {
    if (this.dataGiven || this.sending) return undefined;
    this.dataGiven = true;
    return this.dataStore;
  }

  private dataGiven = false;
  /** set once these rows' data was handed out to be sent later (`forSending`): never reused as a buffer */
  private sending = false;

  /**
   * The data as a value for a response, read when the message is written (after the handler returned:
   * the data is never handed to a later update as its buffer from now on): a packed plain array through
   * `toJSON`, or the JSON pieces for lsp/json-encoder.ts.
   */
  forSending(): PreEncodedArray {
    this.sending = true;
    return new PreEncodedArray(() => this.toArray(), () => this.jsonPieces());
  }

  /**
   * The tokens of `input` from scratch, queried in blocks of rows (one query over a whole 100,000-line
   * tree grows the wasm memory by tens of megabytes for good; blocks keep it to a few).
   */
  static compute(input: TokenInput): TokenRows {
    const lineCount = input.lines.lineCount;
    const tokens: SemanticToken[] = [];
    const scratch = new TokenRows(input.version, input.text, input.lines, input.classes, new Int32Array(0), new Int32Array(lineCount + 1), 0);
    for (let r = 0; r < lineCount; ) {
      const block = scratch.recompute(input, r, Math.min(lineCount - 1, r + COMPUTE_BLOCK_ROWS - 1));
      for (const t of block.tokens) tokens.push(t);
      r = block.last + 1;
    }
    const data = new Int32Array(tokens.length * 5);
    const rowFirst = new Int32Array(lineCount + 1);
    encodeInto(data, 0, tokens, { line: 0, character: 0 });
    let t = 0;
    for (let r = 0; r <= lineCount; r++) {
      while (t < tokens.length && tokens[t]!.line < r) t++;
      rowFirst[r] = t;
    }
    return new TokenRows(input.version, input.text, input.lines, input.classes, data, rowFirst);
  }

  /**
   * Lets go of what can be made again: the JSON pieces (encoded again, from the data, when a full answer
   * asks) and the spare buffer (the next update allocates one), and packs the data and the row index into
   * varints (at 100,000 set lines 17.8 MB become 4.2, in about 25 ms; unpacked by the first request or
   * update that reads them, about 20 ms more for it). Called while the process is idle; rows whose data
   * was handed to a later update as its buffer (replaced rows, never read again) are not packed. Returns
   * the bytes let go (0 when it held nothing more than packed data).
   */
  releaseCaches(): number {
    let released = this.cachedBytes();
    this.pieces = undefined;
    this.spare = undefined;
    if (this.dataGiven || !this.dataStore || !this.rowIndex) return released;
    const data = this.dataStore.subarray(0, this.length);
    const size = varintBytes(data) + varintBytes(this.rowIndex, true);
    if (size >= data.byteLength + this.rowIndex.byteLength) return released;
    released += this.dataStore.byteLength + this.rowIndex.byteLength - size;
    const packed = new Uint8Array(size);
    packVarints(this.rowIndex, packVarints(data, 0, packed, false), packed, true);
    this.packed = packed;
    this.dataStore = undefined;
    this.rowIndex = undefined;
    return released;
  }

  /** Bytes held for the data and the row index (packed or not, without the spare buffer and the pieces). */
  heldBytes(): number {
    return (this.packed?.byteLength ?? 0) + (this.dataStore?.byteLength ?? 0) + (this.rowIndex?.byteLength ?? 0);
  }

  /** Bytes of what `releaseCaches` lets go: the JSON pieces' text and the spare buffer. */
  cachedBytes(): number {
    let bytes = this.spare?.byteLength ?? 0;
    for (const p of this.pieces ?? []) bytes += p.text?.byteLength ?? 0;
    return bytes;
  }

  get tokenCount(): number {
    return this.length / 5;
  }

  /** The data as a plain array (what the protocol sends). */
  toArray(): number[] {
    // grown by push: a packed array (one made with `new Array(n)` of millions is a dictionary, 5x slower to
    // serialize)
    const out: number[] = [];
    const data = this.data;
    for (let i = 0; i < this.length; i++) out.push(data[i]!);
    return out;
  }

  /**
   * The data as JSON text: pieces of the elements, each piece's elements separated by commas (the array's
   * text is `[` + the pieces joined by commas + `]`). Made once per rows; rows made by an update take
   * over the pieces of the rows before them outside the data window that changed, the others are encoded
   * when asked for (a full answer after an edit costs the edited rows, not the whole text; an update
   * itself encodes nothing).
   */
  jsonPieces(): readonly Buffer[] {
    const pieces = this.pieces?.map((p) => (p.text ? p : encodePieces(this.data, p.start, p.end))).flat() ?? encodePieces(this.data, 0, this.length);
    this.pieces = pieces;
    return pieces.map((p) => p.text!);
  }

  /** The JSON pieces (see `jsonPieces`) once made; the element range each covers. */
  private pieces: JsonPiece[] | undefined;

  /** The data elements `[start, end)` as a plain array. */
  slice(start: number, end: number): number[] {
    return Array.from(this.data.subarray(start, end));
  }

  /** The tokens intersecting `[from, to)` (line/character positions), encoded on their own. */
  encodeRange(from: { line: number; character: number }, to: { line: number; character: number }): number[] {
    const out: number[] = [];
    const first = Math.max(0, Math.min(from.line, this.lines.lineCount - 1));
    const last = Math.max(first, Math.min(to.line + 1, this.lines.lineCount));
    const data = this.data;
    const t0 = this.rowFirst[first]!;
    let line = 0;
    let character = 0;
    let prevLine = 0;
    let prevChar = 0;
    for (let t = t0; t < this.rowFirst[last]!; t++) {
      const d = t * 5;
      if (t === t0) {
        line = this.lineOfToken(t);
        character = this.absoluteCharacter(t);
      } else {
        line += data[d]!;
        character = data[d]! === 0 ? character + data[d + 1]! : data[d + 1]!;
      }
      const length = data[d + 2]!;
      const endsAfter = line > from.line || (line === from.line && character + length > from.character);
      const startsBefore = line < to.line || (line === to.line && character < to.character);
      if (!endsAfter || !startsBefore) continue;
      const deltaLine = line - prevLine;
      out.push(deltaLine, deltaLine === 0 ? character - prevChar : character, length, data[d + 3]!, data[d + 4]!);
      prevLine = line;
      prevChar = character;
    }
    return out;
  }

  /**
   * These tokens updated to `input`, a later version made from this one's text by `steps` (the document
   * store's log since this version), `treeChanges` being the rows whose parse structure changed (new rows).
   * Undefined when it cannot be done exactly (the caller computes from scratch).
   */
  update(input: TokenInput, steps: readonly EditStep[], treeChanges: readonly RowRange[]): { rows: TokenRows; window: DataWindow | undefined } | undefined {
    try {
      return this.updated(input, steps, treeChanges);
    } catch {
      return undefined;
    }
  }

  private updated(input: TokenInput, steps: readonly EditStep[], treeChanges: readonly RowRange[]): { rows: TokenRows; window: DataWindow | undefined } | undefined {
    const lines = input.lines;
    const lineCount = lines.lineCount;
    if (steps.length === 0 && input.text !== this.text) return undefined;
    const replacements = replacementsOf(steps);
    const growth = replacements.reduce((sum, r) => sum + (r.newEnd - r.newStart) - (r.oldEnd - r.oldStart), 0);
    if (this.text.length + growth !== input.text.length) return undefined;
    const map = RowMap.of(replacements, this.lines, lines);
    if (!map) return undefined;
    const toOld = (r: number): number => map.toOld(r);

    const dirty = new Uint8Array(lineCount);
    for (const b of map.blocks) for (let r = b.newFirst; r <= b.newLast && r < lineCount; r++) dirty[r] = 1;
    for (const c of treeChanges) for (let r = Math.max(0, c.startRow); r <= c.endRow && r < lineCount; r++) dirty[r] = 1;
    if (input.classes.origin === this.classes.origin) {
      // moved from the same analysis's classes: rows the edits left alone kept theirs, but for words of
      // earlier rows reaching into an edited row (dropped with it)
      for (const b of map.blocks) {
        for (let r = Math.max(0, b.newFirst - input.classes.maxSpan); r < b.newFirst; r++) if (!dirty[r] && !input.classes.sameRow(r, this.classes, toOld(r))) dirty[r] = 1;
      }
    } else {
      for (let r = 0; r < lineCount; r++) if (!dirty[r] && !input.classes.sameRow(r, this.classes, toOld(r))) dirty[r] = 1;
    }
    let dirtyCount = 0;
    for (let r = 0; r < lineCount; r++) dirtyCount += dirty[r]!;
    if (dirtyCount > Math.max(200, lineCount * MAX_DIRTY_SHARE)) return undefined;
    if (dirtyCount === 0) {
      const spare = this.spare;
      this.spare = undefined;
      this.dataGiven = true; // shared with the new rows: never anyone's spare
      const same = new TokenRows(input.version, input.text, lines, input.classes, this.data, this.rowFirst, this.length, spare);
      same.pieces = this.pieces;
      // data handed out for sending stays unwritten through the rows sharing it too
      same.sending = this.sending;
      return { rows: same, window: undefined };
    }

    // blocks of dirty rows, widened so that no styled capture crosses their ends; overlapping ones merge
    const blocks: { first: number; last: number; tokens: SemanticToken[] }[] = [];
    for (let r = 0; r < lineCount; ) {
      if (!dirty[r]) {
        r++;
        continue;
      }
      let last = r;
      while (last + 1 < lineCount && dirty[last + 1]) last++;
      let block = this.recompute(input, r, last);
      for (;;) {
        let first = block.first;
        let end = block.last;
        let merged = false;
        while (blocks.length > 0 && blocks[blocks.length - 1]!.last >= first) {
          const prev = blocks.pop()!;
          first = Math.min(prev.first, first);
          end = Math.max(prev.last, end);
          merged = true;
        }
        if (!merged) break;
        block = this.recompute(input, first, end);
      }
      blocks.push(block);
      r = block.last + 1;
    }

    // the new data: copied rows and recomputed blocks in row order
    let total = 0;
    let row = 0;
    for (const b of blocks) {
      total += this.rowFirst[toOld(b.first)]! - this.rowFirst[toOld(row)]! + b.tokens.length;
      row = b.last + 1;
    }
    total += this.rowFirst[this.lines.lineCount]! - this.rowFirst[toOld(row)]!;
    const data = this.takeBuffer(total * 5);
    const rowFirst = new Int32Array(lineCount + 1);
    let pos = 0;
    let prev = { line: 0, character: 0 };
    row = 0;
    const copyRows = (first: number, end: number): void => {
      // new rows [first, end) are old rows [toOld(first), toOld(end - 1)] (none edited: they moved as a whole)
      if (end <= first) return;
      const shift = first - toOld(first);
      const t0 = this.rowFirst[toOld(first)]!;
      const t1 = this.rowFirst[toOld(end - 1) + 1]!;
      const oldFirst = toOld(first);
      for (let k = first; k < end; k++) rowFirst[k] = pos + (this.rowFirst[oldFirst + (k - first)]! - t0);
      if (t1 === t0) return;
      data.set(this.data.subarray(t0 * 5, t1 * 5), pos * 5);
      const firstLine = this.lineOfToken(t0) + shift;
      data[pos * 5] = firstLine - prev.line;
      if (firstLine === prev.line) data[pos * 5 + 1] = this.absoluteCharacter(t0) - prev.character;
      pos += t1 - t0;
      prev = { line: this.lineOfToken(t1 - 1) + shift, character: this.absoluteCharacter(t1 - 1) };
    };
    for (const b of blocks) {
      copyRows(row, b.first);
      let k = 0;
      for (let q = b.first; q <= b.last; q++) {
        rowFirst[q] = pos + k;
        while (k < b.tokens.length && b.tokens[k]!.line === q) k++;
      }
      prev = encodeInto(data, pos, b.tokens, prev);
      pos += b.tokens.length;
      row = b.last + 1;
    }
    copyRows(row, lineCount);
    rowFirst[lineCount] = pos;
    if (pos !== total) return undefined;

    const firstBlock = blocks[0]!;
    const lastBlock = blocks[blocks.length - 1]!;
    const start = rowFirst[firstBlock.first]! * 5;
    const afterNew = lastBlock.last + 1 < lineCount ? rowFirst[lastBlock.last + 1]! : pos;
    const afterOld = lastBlock.last + 1 < lineCount ? this.rowFirst[toOld(lastBlock.last + 1)]! : this.tokenCount;
    // the first token after the last block may have a new deltaLine
    const window: DataWindow = {
      start,
      oldEnd: Math.min(this.tokenCount, afterOld + 1) * 5,
      newEnd: Math.min(pos, afterNew + 1) * 5,
    };
    const next = new TokenRows(input.version, input.text, lines, input.classes, data, rowFirst, total * 5, this.giveData());
    if (this.pieces) next.pieces = movedPieces(this.pieces, window, total * 5);
    return { rows: next, window };
  }

  /** The tokens of rows `first` to `last`, the block widened until no styled capture crosses its ends. */
  private recompute(input: TokenInput, first: number, last: number): { first: number; last: number; tokens: SemanticToken[] } {
    const lines = input.lines;
    let a = first;
    let b = last;
    for (;;) {
      const captures = input.captures({ startRow: a, endRow: b + 1 });
      let na = a;
      let nb = b;
      for (const c of captures) {
        if (c.end <= c.start || !styleForCapture(c.name)) continue;
        const startRow = lines.positionAt(c.start).line;
        const endRow = lines.positionAt(c.end).line;
        if (startRow > b || endRow < a) continue;
        if (startRow < na) na = startRow;
        if (endRow > nb) nb = Math.min(endRow, lines.lineCount - 1);
      }
      if (na === a && nb === b) {
        const span = { start: rowStartOffset(lines, a), end: b + 1 < lines.lineCount ? rowStartOffset(lines, b + 1) : input.text.length };
        const tokens = semanticTokens(captures, lines, span, input.classes.wordsOfRows(a, b)).filter((t) => t.line >= a && t.line <= b);
        return { first: a, last: b, tokens };
      }
      a = na;
      b = nb;
    }
  }

  /** The row of token `t` (binary search over the row index). */
  private lineOfToken(t: number): number {
    let lo = 0;
    let hi = this.lines.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rowFirst[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The character of token `t` (walking back to the first token of its row). */
  private absoluteCharacter(t: number): number {
    const data = this.data;
    let character = 0;
    let k = t;
    for (;;) {
      character += data[k * 5 + 1]!;
      if (k === 0 || data[k * 5]! !== 0) return character;
      k--;
    }
  }
}

/**
 * Bytes of `values` as varints: each value (as an unsigned 32-bit integer, so any int32 round-trips) in
 * 7-bit groups, low first, the high bit set on all but the last: one byte below 128 (almost every token
 * field), five at most. `deltas`: the differences between neighbours instead (the first from 0; for a
 * row index, which only grows).
 */
export function varintBytes(values: Int32Array, deltas = false): number {
  let bytes = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const u = (deltas ? v - prev : v) >>> 0;
    prev = v;
    bytes += u < 0x80 ? 1 : u < 0x4000 ? 2 : u < 0x200000 ? 3 : u < 0x10000000 ? 4 : 5;
  }
  return bytes;
}

/** Writes `values` as varints (see `varintBytes`) into `out` from byte `at`; returns the byte after them. */
export function packVarints(values: Int32Array, at: number, out: Uint8Array, deltas: boolean): number {
  let p = at;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let u = (deltas ? v - prev : v) >>> 0;
    prev = v;
    while (u >= 0x80) {
      out[p++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
    out[p++] = u;
  }
  return p;
}

/** Reads `into.length` varints written by `packVarints` from byte `at` of `bytes`; returns the byte after them. */
export function unpackVarints(bytes: Uint8Array, at: number, into: Int32Array, deltas: boolean): number {
  let p = at;
  let prev = 0;
  const n = into.length;
  for (let i = 0; i < n; i++) {
    let b = bytes[p++]!;
    let u = b;
    if (b >= 0x80) {
      // the rare value of several bytes
      u = b & 0x7f;
      let scale = 0x80;
      do {
        b = bytes[p++]!;
        u += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b >= 0x80);
    }
    const v = deltas ? (prev + u) | 0 : u | 0;
    into[i] = v;
    prev = v;
  }
  return p;
}

/** Writes `tokens` (sorted) at token index `at`, relative to the token `prev`; returns the last position. */
function encodeInto(data: Int32Array, at: number, tokens: readonly SemanticToken[], prev: { line: number; character: number }): { line: number; character: number } {
  let line = prev.line;
  let character = prev.character;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const d = (at + i) * 5;
    const deltaLine = t.line - line;
    data[d] = deltaLine;
    data[d + 1] = deltaLine === 0 ? t.character - character : t.character;
    data[d + 2] = t.length;
    data[d + 3] = t.typeIndex;
    data[d + 4] = t.modifierBits;
    line = t.line;
    character = t.character;
  }
  return { line, character };
}

/** A piece of the data's JSON text: elements `[start, end)`, separated by commas; without text when the
 *  elements changed since it was encoded (encoded again when asked, from the data then). */
interface JsonPiece {
  readonly start: number;
  readonly end: number;
  readonly text: Buffer | undefined;
}

/** Elements per JSON piece: 192 KB of text or more (at least a digit and a comma each), so that glibc maps
 *  each piece on its own (blocks of 128 KB or more, lsp/process-heap.ts) and gives its pages back when it
 *  is let go; pieces of 4,096 elements (~10 KB) came from the malloc heap and, let go while idle, stayed
 *  resident there between later small blocks (at 100,000 set lines ~8 MB). A full answer after an edit
 *  encodes the pieces the edit touched again: ~2 ms for one of these. */
let PIECE_ELEMENTS = 98_304;

/** Tests: smaller pieces, so that small documents have many (returns the size before). */
export function setJsonPieceElements(elements: number): number {
  const before = PIECE_ELEMENTS;
  PIECE_ELEMENTS = Math.max(1, Math.floor(elements));
  return before;
}

/** The JSON pieces of `data[start, end)`, of at most PIECE_ELEMENTS elements each. */
function encodePieces(data: Int32Array, start: number, end: number): JsonPiece[] {
  const out: JsonPiece[] = [];
  const scratch = Buffer.allocUnsafe(PIECE_ELEMENTS * 12);
  for (let from = start; from < end; from += PIECE_ELEMENTS) {
    const to = Math.min(end, from + PIECE_ELEMENTS);
    let p = 0;
    for (let i = from; i < to; i++) {
      if (i > from) scratch[p++] = 44; // ,
      let v = data[i]!;
      if (v < 0) {
        scratch[p++] = 45; // -
        v = -v;
      }
      const first = p;
      do {
        scratch[p++] = 48 + (v % 10);
        v = Math.floor(v / 10);
      } while (v > 0);
      for (let a = first, b = p - 1; a < b; a++, b--) {
        const digit = scratch[a]!;
        scratch[a] = scratch[b]!;
        scratch[b] = digit;
      }
    }
    out.push({ start: from, end: to, text: Buffer.from(scratch.subarray(0, p)) });
  }
  return out;
}

/**
 * The pieces of the data an update made, from the pieces before it: those wholly before the window kept,
 * those wholly after it kept and moved by its growth, the ones it touched replaced by one without text
 * over their range in the new data (of `length` elements; encoded when asked: the data outside the window
 * is the same element for element, so a piece without text left from an earlier update stays right).
 * Undefined when the pieces got too many (made again when asked).
 */
function movedPieces(before: readonly JsonPiece[], window: DataWindow, length: number): JsonPiece[] | undefined {
  const growth = window.newEnd - window.oldEnd;
  const out: JsonPiece[] = [];
  let i = 0;
  while (i < before.length && before[i]!.end <= window.start) out.push(before[i++]!);
  let j = i;
  while (j < before.length && before[j]!.start < window.oldEnd) j++;
  const from = j > i ? Math.min(before[i]!.start, window.start) : window.start;
  const oldTo = j > i ? Math.max(before[j - 1]!.end, window.oldEnd) : window.oldEnd;
  if (oldTo + growth > from) out.push({ start: from, end: oldTo + growth, text: undefined });
  for (let k = j; k < before.length; k++) {
    const p = before[k]!;
    out.push({ start: p.start + growth, end: p.end + growth, text: p.text });
  }
  if (out.length > 2 * Math.ceil(length / PIECE_ELEMENTS) + 16) return undefined;
  return out;
}
