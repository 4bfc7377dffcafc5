/**
 * lsp/class-rows.ts: the schema layer's word classes (ide/schema-tokens.ts) of one version of a document,
 *   stored per row, and moved to a later version through the edits made since.
 * Owns: the compact per-row storage (per word: start and end relative to the start of the word's first row,
 *   16-bit unless a value of the document needs more (a row longer than 65,535 characters: then 32-bit for
 *   that document), and the class, 8-bit: 5 bytes a word where three 32-bit integers took 12, at 100,000 set
 *   lines 3.4 MB instead of 8.2), the move rule of edit-map.ts (a word no edit touched moves with its row, one
 *   an edit touched or came next to is dropped) done row-wise (rows between the edited ones are copied as
 *   blocks, only the edited rows' words are mapped one by one, lsp/edit-span.ts `RowMap`), comparing one
 *   row of two versions, and a later version's classes made by replacing a run of rows (`spliced`: the
 *   classes of an analysis updated from the last one's, lsp/class-update.ts).
 * Must not know: how classes are computed, LSP types, the token encoding.
 * Invariants: words are kept sorted by start and never overlap; `moved` gives exactly what mapping every
 *   word with `EditMap.movedStart` gives (randomized test, with rows past the 16-bit range); the line index given is the one of the text the classes belong
 *   to (kept: the next move reads its rows).
 * Tests: test/src/lsp/semantic-token-rows.test.ts, test/src/lsp/class-update.test.ts (`spliced`)
 */
import type { ClassifiedWord, WordClass } from '../ide/schema-tokens';
import type { LineIndex } from '../text/line-index';
import { EditMap } from './edit-map';
import { replacementsOf, RowMap } from './edit-span';
import type { EditStep } from './stores/documents';

/** Every class, in a fixed order: a word stores the index. */
export const WORD_CLASSES: readonly WordClass[] = [
  'keyword',
  'enum',
  'number',
  'address',
  'string',
  'interface',
  'definition',
  'interface-definition',
  'reference',
  'interface-reference',
  'secret',
];
const CLASS_INDEX = new Map<WordClass, number>(WORD_CLASSES.map((c, i) => [c, i]));

/** The start offset of `row` (the text's length past the last row). */
export function rowStartOffset(lines: LineIndex, row: number): number {
  return lines.offsetAt({ line: row, character: 0 });
}

const emptyOf = new WeakMap<LineIndex, ClassRows>();

/** Starts and ends relative to their row: 16-bit when every one fits, else 32-bit. */
type Offsets = Uint16Array | Uint32Array;

/** The largest value a 16-bit offset array holds. */
const MAX_16 = 0xffff;

/** `values` as the narrowest offset array holding them all (`max`: their largest, when known). */
function offsetArray(values: ArrayLike<number>, max?: number): Offsets {
  let top = max ?? 0;
  if (max === undefined) for (let i = 0; i < values.length; i++) if (values[i]! > top) top = values[i]!;
  const out = top <= MAX_16 ? new Uint16Array(values.length) : new Uint32Array(values.length);
  out.set(values);
  return out;
}

export class ClassRows {
  private constructor(
    /** the line index of the text these classes are of */
    readonly lines: LineIndex,
    /** `rowFirst[r]` = index (in words) of the first word of row `r`; `lineCount + 1` entries */
    private readonly rowFirst: Int32Array,
    /** two per word: start, end (offsets from the start of its row) */
    private readonly offsets: Offsets,
    /** one per word: the class index */
    private readonly kinds: Uint8Array,
    /** the classes of an analysis these were moved from (themselves when they are an analysis's) */
    origin?: ClassRows,
    /** the most rows a word reaches past its first (0: no word has a line break) */
    readonly maxSpan = 0,
  ) {
    this.origin = origin ?? this;
  }

  readonly origin: ClassRows;

  /** No classes (one object per line index, so that asking twice gives the same). */
  static empty(lines: LineIndex): ClassRows {
    let empty = emptyOf.get(lines);
    if (!empty) emptyOf.set(lines, (empty = new ClassRows(lines, new Int32Array(lines.lineCount + 1), new Uint16Array(0), new Uint8Array(0), undefined, 0)));
    return empty;
  }

  /** From classes sorted by start (as `classifyWords` gives them), of the text of `lines`. */
  static fromWords(words: readonly ClassifiedWord[], lines: LineIndex): ClassRows {
    const count = lines.lineCount;
    const rowFirst = new Int32Array(count + 1);
    const offsets = new Uint32Array(words.length * 2);
    const kinds = new Uint8Array(words.length);
    let top = 0;
    let row = 0;
    let rowStart = 0;
    let nextStart = count > 1 ? rowStartOffset(lines, 1) : Infinity;
    let n = 0;
    let maxSpan = 0;
    for (const w of words) {
      while (row + 1 < count && nextStart <= w.start) {
        row++;
        rowFirst[row] = n;
        rowStart = nextStart;
        nextStart = row + 1 < count ? rowStartOffset(lines, row + 1) : Infinity;
      }
      if (w.end >= nextStart) maxSpan = Math.max(maxSpan, lines.positionAt(w.end).line - row);
      offsets[n * 2] = w.start - rowStart;
      offsets[n * 2 + 1] = w.end - rowStart;
      if (w.end - rowStart > top) top = w.end - rowStart;
      kinds[n] = CLASS_INDEX.get(w.cls) ?? 0;
      n++;
    }
    for (let r = row + 1; r <= count; r++) rowFirst[r] = n;
    return new ClassRows(lines, rowFirst, offsetArray(offsets, top), kinds, undefined, maxSpan);
  }

  get wordCount(): number {
    return this.kinds.length;
  }

  /** Bytes of the per-word storage and the row index. */
  get byteLength(): number {
    return this.offsets.byteLength + this.kinds.byteLength + this.rowFirst.byteLength;
  }

  /** The classes of the words starting on rows `first` to `last` (inclusive), as offsets of the text. */
  wordsOfRows(first: number, last: number): ClassifiedWord[] {
    const out: ClassifiedWord[] = [];
    const to = Math.min(last, this.lines.lineCount - 1);
    for (let r = Math.max(0, first); r <= to; r++) {
      const base = rowStartOffset(this.lines, r);
      for (let i = this.rowFirst[r]!; i < this.rowFirst[r + 1]!; i++) {
        out.push({ start: base + this.offsets[i * 2]!, end: base + this.offsets[i * 2 + 1]!, cls: WORD_CLASSES[this.kinds[i]!]! });
      }
    }
    return out;
  }

  /** Every class, as offsets of the text (for a from-scratch computation). */
  allWords(): ClassifiedWord[] {
    return this.wordsOfRows(0, this.lines.lineCount - 1);
  }

  /** True when row `row` holds the same words with the same classes as `other`'s row `otherRow`. */
  sameRow(row: number, other: ClassRows, otherRow: number): boolean {
    const a = this.rowFirst[row]!;
    const n = this.rowFirst[row + 1]! - a;
    const b = other.rowFirst[otherRow]!;
    if (other.rowFirst[otherRow + 1]! - b !== n) return false;
    for (let k = 0; k < n * 2; k++) if (this.offsets[a * 2 + k] !== other.offsets[b * 2 + k]) return false;
    for (let k = 0; k < n; k++) if (this.kinds[a + k] !== other.kinds[b + k]) return false;
    return true;
  }

  /** The first row holding a word that reaches into row `row` (`row` itself when none does). */
  firstReaching(row: number): number {
    let first = row;
    if (this.maxSpan === 0 || row <= 0) return first;
    const rowStart = rowStartOffset(this.lines, row);
    for (let r = Math.max(0, row - this.maxSpan); r < row; r++) {
      const base = rowStartOffset(this.lines, r);
      for (let i = this.rowFirst[r]!; i < this.rowFirst[r + 1]!; i++) if (base + this.offsets[i * 2 + 1]! >= rowStart) first = Math.min(first, r);
    }
    return first;
  }

  /**
   * The classes moved to the text of `lines`, made from this one by `steps` (the document store's log
   * since this version): words no step touched move, the others are dropped (edit-map.ts `movedStart`).
   */
  moved(steps: readonly EditStep[], lines: LineIndex): ClassRows {
    if (steps.length === 0) return lines === this.lines ? this : new ClassRows(lines, this.rowFirst, this.offsets, this.kinds, this.origin, this.maxSpan);
    const map = RowMap.of(replacementsOf(steps), this.lines, lines, (row) => this.firstReaching(row));
    if (!map) return this.movedWordByWord(steps, lines);
    const edits = new EditMap(steps);
    const offsetParts: (Offsets | number[])[] = [];
    const kindParts: (Uint8Array | number[])[] = [];
    // the largest offset of the parts (a copied part of 16-bit offsets needs no look)
    let top = 0;
    const rowFirst = new Int32Array(lines.lineCount + 1);
    let n = 0;
    let oldRow = 0;
    let newRow = 0;
    const oldCount = this.lines.lineCount;
    const blocks = [...map.blocks, { oldFirst: oldCount, oldLast: oldCount - 1, newFirst: lines.lineCount, newLast: lines.lineCount - 1 }];
    for (const b of blocks) {
      // rows between blocks: copied as they are
      const w0 = this.rowFirst[oldRow]!;
      const w1 = this.rowFirst[b.oldFirst]!;
      const copied = this.offsets.subarray(w0 * 2, w1 * 2);
      offsetParts.push(copied);
      kindParts.push(this.kinds.subarray(w0, w1));
      if (copied instanceof Uint32Array) for (let i = 0; i < copied.length; i++) if (copied[i]! > top) top = copied[i]!;
      for (let r = newRow; r < b.newFirst; r++) rowFirst[r] = n + this.rowFirst[oldRow + (r - newRow)]! - w0;
      n += w1 - w0;
      // the block's words one by one
      const offsets: number[] = [];
      const kinds: number[] = [];
      const rows: number[] = [];
      for (let r = b.oldFirst; r <= b.oldLast; r++) {
        const base = rowStartOffset(this.lines, r);
        for (let i = this.rowFirst[r]!; i < this.rowFirst[r + 1]!; i++) {
          const start = base + this.offsets[i * 2]!;
          const end = base + this.offsets[i * 2 + 1]!;
          const at = edits.movedStart(start, end);
          if (at === undefined) continue;
          const row = lines.positionAt(at).line;
          if (row < b.newFirst || row > b.newLast) return this.movedWordByWord(steps, lines);
          const rowBase = rowStartOffset(lines, row);
          offsets.push(at - rowBase, at + (end - start) - rowBase);
          kinds.push(this.kinds[i]!);
          if (at + (end - start) - rowBase > top) top = at + (end - start) - rowBase;
          rows.push(row);
        }
      }
      let k = 0;
      for (let r = b.newFirst; r <= b.newLast; r++) {
        rowFirst[r] = n + k;
        while (k < rows.length && rows[k] === r) k++;
      }
      offsetParts.push(offsets);
      kindParts.push(kinds);
      n += rows.length;
      oldRow = b.oldLast + 1;
      newRow = b.newLast + 1;
    }
    rowFirst[lines.lineCount] = n;
    const allOffsets = top <= MAX_16 ? new Uint16Array(n * 2) : new Uint32Array(n * 2);
    const allKinds = new Uint8Array(n);
    let at = 0;
    for (const p of offsetParts) {
      allOffsets.set(p, at);
      at += p.length;
    }
    at = 0;
    for (const p of kindParts) {
      allKinds.set(p, at);
      at += p.length;
    }
    return new ClassRows(lines, rowFirst, allOffsets, allKinds, this.origin, this.maxSpan);
  }

  /**
   * The classes of the text of `lines`, which differs from this one's only in rows `firstRow` to
   * `oldLastRow` (rows `firstRow` to `newLastRow` there; the rows before and after hold the same text):
   * those rows' classes are `words` (sorted offsets of that text), the others are copied.
   */
  spliced(firstRow: number, oldLastRow: number, newLastRow: number, words: readonly ClassifiedWord[], lines: LineIndex): ClassRows {
    const count = lines.lineCount;
    const w0 = this.rowFirst[firstRow]!;
    const t0 = this.rowFirst[oldLastRow + 1]!;
    const total = w0 + words.length + this.wordCount - t0;
    // the spliced rows' offsets first (their largest decides, with the kept parts', the width)
    const middle = new Array<number>(words.length * 2);
    const rowFirst = new Int32Array(count + 1);
    rowFirst.set(this.rowFirst.subarray(0, firstRow), 0);
    let maxSpan = this.maxSpan;
    let top = 0;
    let row = firstRow;
    let n = w0;
    rowFirst[row] = n;
    const kinds = new Uint8Array(total);
    kinds.set(this.kinds.subarray(0, w0), 0);
    kinds.set(this.kinds.subarray(t0), w0 + words.length);
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      const at = lines.positionAt(w.start).line;
      while (row < at) rowFirst[++row] = n;
      const base = rowStartOffset(lines, row);
      const span = lines.positionAt(w.end).line - row;
      if (span > maxSpan) maxSpan = span;
      middle[k * 2] = w.start - base;
      middle[k * 2 + 1] = w.end - base;
      if (w.end - base > top) top = w.end - base;
      kinds[n] = CLASS_INDEX.get(w.cls) ?? 0;
      n++;
    }
    while (row < newLastRow) rowFirst[++row] = n;
    // the rows after: copied, moved by the words the spliced rows gained (typing in a word: none)
    rowFirst.set(this.rowFirst.subarray(oldLastRow + 1), newLastRow + 1);
    const shift = n - t0;
    if (shift !== 0) for (let r = newLastRow + 1; r <= count; r++) rowFirst[r] += shift;
    const before = this.offsets.subarray(0, w0 * 2);
    const after = this.offsets.subarray(t0 * 2);
    if (this.offsets instanceof Uint32Array) {
      for (let i = 0; i < before.length; i++) if (before[i]! > top) top = before[i]!;
      for (let i = 0; i < after.length; i++) if (after[i]! > top) top = after[i]!;
    }
    const offsets = top <= MAX_16 ? new Uint16Array(total * 2) : new Uint32Array(total * 2);
    offsets.set(before, 0);
    offsets.set(middle, w0 * 2);
    offsets.set(after, (w0 + words.length) * 2);
    return new ClassRows(lines, rowFirst, offsets, kinds, undefined, maxSpan);
  }

  /** `moved` for every word through the edit map (when the rows do not add up: should not happen). */
  private movedWordByWord(steps: readonly EditStep[], lines: LineIndex): ClassRows {
    const edits = new EditMap(steps);
    const words: ClassifiedWord[] = [];
    for (const w of this.allWords()) {
      const start = edits.movedStart(w.start, w.end);
      if (start !== undefined) words.push({ start, end: start + (w.end - w.start), cls: w.cls });
    }
    const moved = ClassRows.fromWords(words, lines);
    return new ClassRows(lines, moved.rowFirst, moved.offsets, moved.kinds, this.origin, Math.max(this.maxSpan, moved.maxSpan));
  }
}
