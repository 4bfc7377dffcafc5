/**
 * model/query.ts: questions asked of a configuration tree: by path, by pattern, by source offset.
 * Owns: `find` (exact path of words), `all` (path pattern with `*`), `nodeAt` (deepest node and word at
 *   an offset), `contextAt` (the statement path the cursor is in, for completion, even in half-typed text),
 *   and the offset indexes behind the last two (`WordIndex`, `ScopeIndex`: built once per model, then a
 *   binary search and a walk up the nesting instead of a pass over the whole model per request; after an
 *   incremental update derived from the previous model's: `derive` replaces the unit's entries, the word
 *   index keeps runs of older tables with a lazy shift, merged into one table when they get many; an entry
 *   keeps its node, range (start and length), depth and part, and the word is found in its node again when
 *   asked; lengths and depths in 16 and 8 bits unless a table holds one that does not fit).
 * Must not know: LSP, line/column positions, how the tree was built.
 * Invariants: pure reads; never throws; unknown paths give undefined / empty results.
 * Tests: test/src/model/query.test.ts, test/src/model/scope-index.test.ts, test/src/model/incremental.test.ts
 *   (derived indexes answer as fresh ones after random edits)
 */
import type { SchemaNode } from '../schema/types';
import type { ScopeRecord } from './build';
import type { Word } from './source';
import { firstIndexAtOrAfter, nodePath, type ConfigNode } from './tree';
import { contextOf, walkItems, type WalkContext } from './walk';

/** Children of `node` selected by the words at `path[i..]`, with how many words each consumed. */
function step(node: ConfigNode, path: readonly string[], i: number): { node: ConfigNode; used: number }[] {
  const out: { node: ConfigNode; used: number }[] = [];
  const word = path[i];
  if (word === undefined) return out;
  for (const c of node.children) {
    const skip = c.keywordHidden && c.role === 'list-entry' ? 0 : 1;
    if (skip === 1 && word !== '*' && c.keyword !== word) continue;
    const need = skip + c.keys.length;
    if (need === 0 || i + need > path.length) continue;
    let ok = true;
    for (let k = 0; k < c.keys.length; k++) {
      const want = path[i + skip + k]!;
      if (want !== '*' && want !== c.keys[k]!.text) ok = false;
    }
    if (ok) out.push({ node: c, used: need });
  }
  return out;
}

/** The node at an exact path of words, e.g. ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet']. */
export function find(root: ConfigNode, path: readonly string[]): ConfigNode | undefined {
  let node = root;
  let i = 0;
  while (i < path.length) {
    const next = step(node, path, i).find((s) => !path.slice(i, i + s.used).includes('*'));
    if (!next) return undefined;
    node = next.node;
    i += next.used;
  }
  return node;
}

/** Every node matching a pattern where `*` stands for any one word (keyword or key),
 *  e.g. ['services', 'ipsec-vpn', 'rule', '*'] gives each rule entry. */
export function all(root: ConfigNode, pattern: readonly string[]): ConfigNode[] {
  const out: ConfigNode[] = [];
  const visit = (node: ConfigNode, i: number): void => {
    if (i === pattern.length) {
      out.push(node);
      return;
    }
    for (const s of step(node, pattern, i)) visit(s.node, i + s.used);
  };
  visit(root, 0);
  return out;
}

export interface NodeAtOffset {
  readonly node: ConfigNode;
  readonly word: Word;
  /** which part of the statement the word is */
  readonly part: 'keyword' | 'key' | 'value';
}

const PARTS: readonly NodeAtOffset['part'][] = ['keyword', 'key', 'value'];

/** The words of one document with their owners, sorted by start, then depth descending, then the order
 *  the tree walk met them (parallel arrays: about a million entries for a large set-form file). An entry
 *  keeps its word's owner, range and part, not the word: `wordAt` finds it in its node again (which costs
 *  a lookup per answer instead of a pointer per entry). A range is its start and its length: lengths in 16
 *  bits and depths in 8 (5 bytes an entry less than 32 bits each: 3.6 MB at 100,000 set lines), or 32 bits
 *  for a table holding a longer word or a deeper node (`narrowLengths`, `narrowDepths`). */
interface DocWords {
  readonly nodes: ConfigNode[];
  readonly starts: Int32Array;
  readonly lengths: Uint16Array | Int32Array;
  readonly depths: Uint8Array | Int32Array;
  readonly parts: Uint8Array;
}

/** Room for `n` word lengths from `min` to `max`: 16 bits each when they fit, else 32. */
function narrowLengths(n: number, min: number, max: number): Uint16Array | Int32Array {
  return min >= 0 && max <= 0xffff ? new Uint16Array(n) : new Int32Array(n);
}

/** Room for `n` depths up to `max`: 8 bits each when they fit, else 32. */
function narrowDepths(n: number, max: number): Uint8Array | Int32Array {
  return max <= 0xff ? new Uint8Array(n) : new Int32Array(n);
}

/** Entries as the tree walk meets them, before sorting. */
class WordCollector {
  readonly nodes: ConfigNode[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly depths: number[] = [];
  readonly parts: number[] = [];

  add(node: ConfigNode, word: Word, part: number, depth: number): void {
    this.nodes.push(node);
    this.starts.push(word.source.start);
    this.ends.push(word.source.end);
    this.depths.push(depth);
    this.parts.push(part);
  }

  /** Sorted by start ascending, depth descending, and otherwise in the order added (stable). */
  sorted(): DocWords {
    const order = stableOrder(this.starts, this.depths);
    const n = order.length;
    let minLength = 0;
    let maxLength = 0;
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      const length = this.ends[i]! - this.starts[i]!;
      if (length < minLength) minLength = length;
      if (length > maxLength) maxLength = length;
      if (this.depths[i]! > maxDepth) maxDepth = this.depths[i]!;
    }
    const starts = new Int32Array(n);
    const lengths = narrowLengths(n, minLength, maxLength);
    const depths = narrowDepths(n, maxDepth);
    const parts = new Uint8Array(n);
    const nodes = new Array<ConfigNode>(n);
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      starts[i] = this.starts[j]!;
      lengths[i] = this.ends[j]! - this.starts[j]!;
      depths[i] = this.depths[j]!;
      parts[i] = this.parts[j]!;
      nodes[i] = this.nodes[j]!;
    }
    return { nodes, starts, lengths, depths, parts };
  }
}

/** The permutation sorting entries by start ascending then depth descending, ties in their order: a
 *  two-pass radix sort of 32-bit keys (start, inverted depth) when they fit, else a stable comparison sort. */
function stableOrder(starts: readonly number[], depths: readonly number[]): Uint32Array {
  const n = starts.length;
  let maxStart = 0;
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    if (starts[i]! > maxStart) maxStart = starts[i]!;
    if (depths[i]! > maxDepth) maxDepth = depths[i]!;
  }
  const depthRange = 2 ** Math.ceil(Math.log2(maxDepth + 1));
  const order = new Uint32Array(n);
  if ((maxStart + 1) * depthRange > 2 ** 32 || n < 1024) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => starts[a]! - starts[b]! || depths[b]! - depths[a]! || a - b);
  }
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = starts[i]! * depthRange + (depthRange - 1 - depths[i]!);
  const from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[from[i]!]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 1; b <= 65536; b++) count[b]! += count[b - 1]!;
    for (let i = 0; i < n; i++) {
      const e = from[i]!;
      order[count[(keys[e]! >>> shift) & 0xffff]!++] = e;
    }
    if (shift === 0) from.set(order);
  }
  return order;
}

/** A run `[from, to)` of a table's entries, whose offsets are `shift` more now. */
interface Segment {
  readonly table: DocWords;
  readonly from: number;
  readonly to: number;
  readonly shift: number;
}

/** One document's entries: runs of tables, in order (one run after a full build; an incremental
 *  update cuts the unit's entries out and puts its new ones in, without copying the rest). */
class DocRuns {
  /** global position of each segment's first entry */
  private readonly begins: Int32Array;

  constructor(readonly segments: readonly Segment[]) {
    this.begins = new Int32Array(segments.length);
    let total = 0;
    for (let k = 0; k < segments.length; k++) {
      this.begins[k] = total;
      total += segments[k]!.to - segments[k]!.from;
    }
  }

  /** The last segment whose first entry starts at or before `offset` (-1 when none). */
  private segmentAt(offset: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const g = segs[mid]!;
      if (g.table.starts[g.from]! + g.shift <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Same as WordIndex.at on one table holding every entry in order. */
  at(docId: string, offset: number): NodeAtOffset | undefined {
    let k = this.segmentAt(offset);
    if (k < 0) return undefined;
    // the entries starting at or before the offset end in segment k, at index `lo - 1`
    let g = this.segments[k]!;
    let lo = g.from;
    let hi = g.to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g.table.starts[mid]! + g.shift <= offset) lo = mid + 1;
      else hi = mid;
    }
    let best: { g: Segment; i: number; depth: number } | undefined;
    let i = lo - 1;
    for (let seen = 0; seen < 64; seen++) {
      while (i < g.from) {
        if (--k < 0) break;
        g = this.segments[k]!;
        i = g.to - 1;
      }
      if (k < 0) break;
      const t = g.table;
      if (t.starts[i]! + g.shift <= offset && offset <= t.starts[i]! + t.lengths[i]! + g.shift) {
        if (!best || t.depths[i]! > best.depth) best = { g, i, depth: t.depths[i]! };
      }
      i--;
    }
    if (!best) return undefined;
    const t = best.g.table;
    const node = t.nodes[best.i]!;
    const part = t.parts[best.i]!;
    const start = t.starts[best.i]! + best.g.shift;
    const word = wordAt(node, part, docId, start, start + t.lengths[best.i]!);
    return word && { node, word, part: PARTS[part]! };
  }

  /** The runs with the entries starting in `[start, oldEnd)` replaced by `fresh` (offsets of the text after
   *  the edit) and those from `oldEnd` on moved by `delta`. */
  replaced(start: number, oldEnd: number, delta: number, fresh: DocWords): DocRuns {
    const out: Segment[] = [];
    const bound = (g: Segment, offset: number): number => {
      let lo = g.from;
      let hi = g.to;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (g.table.starts[mid]! + g.shift < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const g of this.segments) {
      const cut = bound(g, start);
      if (cut > g.from) out.push({ table: g.table, from: g.from, to: cut, shift: g.shift });
    }
    if (fresh.starts.length > 0) out.push({ table: fresh, from: 0, to: fresh.starts.length, shift: 0 });
    for (const g of this.segments) {
      const cut = bound(g, oldEnd);
      if (cut < g.to) out.push({ table: g.table, from: cut, to: g.to, shift: g.shift + delta });
    }
    return new DocRuns(out.length > MAX_SEGMENTS ? [merged(out)] : out);
  }
}

/** Runs kept before they are copied into one table again (each update adds two). */
const MAX_SEGMENTS = 400;

function merged(segments: readonly Segment[]): Segment {
  let n = 0;
  let minLength = 0;
  let maxLength = 0;
  let maxDepth = 0;
  for (const g of segments) {
    n += g.to - g.from;
    const t = g.table;
    for (let i = g.from; i < g.to; i++) {
      if (t.lengths[i]! < minLength) minLength = t.lengths[i]!;
      if (t.lengths[i]! > maxLength) maxLength = t.lengths[i]!;
      if (t.depths[i]! > maxDepth) maxDepth = t.depths[i]!;
    }
  }
  const table: DocWords = {
    nodes: new Array<ConfigNode>(n), starts: new Int32Array(n), lengths: narrowLengths(n, minLength, maxLength),
    depths: narrowDepths(n, maxDepth), parts: new Uint8Array(n),
  };
  let at = 0;
  for (const g of segments) {
    const t = g.table;
    for (let i = g.from; i < g.to; i++, at++) {
      table.nodes[at] = t.nodes[i]!;
      table.starts[at] = t.starts[i]! + g.shift;
      table.lengths[at] = t.lengths[i]!;
      table.depths[at] = t.depths[i]!;
      table.parts[at] = t.parts[i]!;
    }
  }
  return { table, from: 0, to: n, shift: 0 };
}

/** What one incremental update changed in the written tree, for the word index: the unit's words were
 *  in `[start, oldEnd)` of the text before the edit, they are in `[start, newEnd)` now, held by `path`
 *  (root first: the nodes down to the new subtree's parent) and the subtree `added`. */
export interface WordChange {
  readonly docId: string;
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  readonly path: readonly ConfigNode[];
  /** nodes off `path` whose mentions in the range changed */
  readonly mentioned?: readonly ConfigNode[];
  readonly added: readonly ConfigNode[];
}

/** The part (0 keyword, 1 key) a mention of `node` is indexed as. */
function mentionPart(node: ConfigNode, w: Word): number {
  return w.text !== node.keyword && node.keys.some((k) => k.text === w.text) ? 1 : 0;
}

/** Whether `w` is the word of an entry: indexed (see `add` in WordIndex) and in `[start, end)` of `docId`. */
function isEntry(w: Word, docId: string, start: number, end: number): boolean {
  const s = w.source;
  return s.start === start && s.end === end && s.docId === docId;
}

/**
 * The word an entry of the index stands for: the last of `node`'s words indexed with `part` at that range
 * (the one a table holding words would give: of entries alike, `at` takes the later). Mentions are in
 * document order (but right after an update, see model/incremental.ts): a binary search, else a scan.
 */
function wordAt(node: ConfigNode, part: number, docId: string, start: number, end: number): Word | undefined {
  if (part === 2) {
    const values = node.values;
    for (let i = values.length - 1; i >= 0; i--) if (isEntry(values[i]!, docId, start, end)) return values[i];
    return undefined;
  }
  const mentions = node.mentions;
  const fits = (w: Word): boolean => isEntry(w, docId, start, end) && w.kind !== 'synthetic' && mentionPart(node, w) === part;
  let found: Word | undefined;
  for (let i = firstIndexAtOrAfter(mentions, start, (m) => m.source.start); i < mentions.length && mentions[i]!.source.start === start; i++) {
    if (fits(mentions[i]!)) found = mentions[i];
  }
  if (found) return found;
  for (let i = mentions.length - 1; i >= 0; i--) if (fits(mentions[i]!)) return mentions[i];
  return undefined;
}

/** Adds a node's words as the full walk does: mentions (as keyword or key) `[from, to)`, then values. */
function addWords(add: (node: ConfigNode, w: Word, part: number, depth: number) => void, node: ConfigNode, depth: number, from = 0, to = node.mentions.length): void {
  const mentions = node.mentions;
  for (let i = from; i < to; i++) {
    const w = mentions[i]!;
    add(node, w, mentionPart(node, w), depth);
  }
  for (const w of node.values) add(node, w, 2, depth);
}

/** The mentions of `node` starting in `[start, end)`: one run (mentions are in document order). */
function mentionsIn(node: ConfigNode, start: number, end: number): { from: number; to: number } {
  const first = (offset: number): number => firstIndexAtOrAfter(node.mentions, offset, (m) => m.source.start);
  return { from: first(start), to: first(end) };
}

/** Sorted (by start) index of every word in the tree, per document. */
export class WordIndex {
  private readonly byDoc = new Map<string, DocRuns>();

  constructor(root: ConfigNode | undefined) {
    if (!root) return;
    const collected = new Map<string, WordCollector>();
    const add = (node: ConfigNode, w: Word, part: number, depth: number): void => {
      if (w.kind === 'synthetic' && part !== 2) return;
      let c = collected.get(w.source.docId);
      if (!c) collected.set(w.source.docId, (c = new WordCollector()));
      c.add(node, w, part, depth);
    };
    // preorder with an explicit stack: free-form words nest one node per word, deeper than recursion goes
    const stack: { node: ConfigNode; depth: number }[] = [{ node: root, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      addWords(add, node, depth);
      for (let k = node.children.length - 1; k >= 0; k--) stack.push({ node: node.children[k]!, depth: depth + 1 });
    }
    for (const [docId, c] of collected) {
      const table = c.sorted();
      this.byDoc.set(docId, new DocRuns([{ table, from: 0, to: table.starts.length, shift: 0 }]));
    }
  }

  /**
   * The index after an incremental update, from the index before it: the entries of the unit replaced
   * by the words `change.path` and `change.added` hold in its new range (collected and ordered as the
   * full walk does: the path's nodes come before the subtree in pre-order, each deeper than the one
   * before), the entries after it moved (lazily: runs with a shift). Answers as a fresh index would.
   */
  static derive(previous: WordIndex, change: WordChange): WordIndex | undefined {
    const runs = previous.byDoc.get(change.docId);
    if (!runs || previous.byDoc.size !== 1) return undefined;
    const c = new WordCollector();
    const add = (node: ConfigNode, w: Word, part: number, depth: number): void => {
      if (w.kind === 'synthetic' && part !== 2) return;
      const s = w.source;
      if (s.docId === change.docId && s.start >= change.start && s.start < change.newEnd) c.add(node, w, part, depth);
    };
    // (the path's nodes hold the whole file's mentions in a set file: only the unit's run is read)
    change.path.forEach((node, depth) => {
      const { from, to } = mentionsIn(node, change.start, change.newEnd);
      addWords(add, node, depth, from, to);
    });
    for (const node of change.mentioned ?? []) {
      let depth = 0;
      for (let n = node.parent; n; n = n.parent) depth++;
      const { from, to } = mentionsIn(node, change.start, change.newEnd);
      addWords(add, node, depth, from, to);
    }
    const stack: { node: ConfigNode; depth: number }[] = [];
    for (let k = change.added.length - 1; k >= 0; k--) stack.push({ node: change.added[k]!, depth: change.path.length });
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      addWords(add, node, depth);
      for (let k = node.children.length - 1; k >= 0; k--) stack.push({ node: node.children[k]!, depth: depth + 1 });
    }
    const next = new WordIndex(undefined);
    next.byDoc.set(change.docId, runs.replaced(change.start, change.oldEnd, change.newEnd - change.oldEnd, c.sorted()));
    return next;
  }

  /** The deepest node owning a word that contains `offset` (end inclusive, so a cursor after a word finds it). */
  at(docId: string, offset: number): NodeAtOffset | undefined {
    return this.byDoc.get(docId)?.at(docId, offset);
  }
}

/** What completion needs at a cursor. */
export interface CursorContext {
  /** the config node the statement or command is relative to */
  readonly node: ConfigNode;
  /** path words of that node */
  readonly path: readonly string[];
  /** the words written before the cursor in the current statement/command (the partial word excluded) */
  readonly before: readonly Word[];
  /** the word the cursor is in or right after, if any */
  readonly partial: Word | undefined;
  /** schema node whose children may come next after `before`; undefined in free-form or unknown places */
  readonly schema: SchemaNode | undefined;
  /** what the next word is: a statement name, a list key, or a value of `expecting.schema` */
  readonly expecting: { readonly kind: 'statement' } | { readonly kind: 'key' | 'value'; readonly schema: SchemaNode };
  /** the set-form verb when the cursor is on a command line */
  readonly verb: string | undefined;
  readonly form: 'curly' | 'set';
}

/** The scope records that decide the context at an offset (see `locateScopes`). */
export interface LocatedScopes {
  /** the smallest block (`{ }`) strictly around the offset (the later one of equal sizes) */
  readonly innermost: ScopeRecord | undefined;
  /** the smallest statement or command holding the offset (ends included), or an unfinished one the
   *  cursor continues on the same line; the later one of equal sizes */
  readonly line: ScopeRecord | undefined;
  /** the last command or banner ending at or before the offset that leaves an edit level (the first
   *  one of those ending at the same place) */
  readonly level: ScopeRecord | undefined;
}

/** A cursor after an unfinished statement or command, on the same line with only blanks between. */
function continuesLine(text: string | undefined, s: ScopeRecord, offset: number): boolean {
  if (text === undefined || offset < s.end) return false;
  const lastChar = text[s.end - 1];
  if (lastChar === ';' || lastChar === '}') return false;
  return /^[ \t]*$/.test(text.slice(s.end, offset));
}

function holdsBlock(s: ScopeRecord, offset: number): boolean {
  return s.start < offset && offset < s.end;
}

function holdsLine(s: ScopeRecord, offset: number, text: string | undefined): boolean {
  return s.start <= offset && (offset <= s.end || continuesLine(text, s, offset));
}

/** The reference rule: every scope record of the document looked at once (what `ScopeIndex` must equal). */
export function locateScopes(scopes: readonly ScopeRecord[], docId: string, offset: number, text?: string): LocatedScopes {
  let innermost: ScopeRecord | undefined;
  let line: ScopeRecord | undefined;
  let level: ScopeRecord | undefined;
  for (const s of scopes) {
    if (s.docId !== docId) continue;
    if (s.kind === 'block') {
      if (holdsBlock(s, offset) && (!innermost || s.end - s.start <= innermost.end - innermost.start)) innermost = s;
    } else if (holdsLine(s, offset, text)) {
      if (!line || s.end - s.start <= line.end - line.start) line = s;
    }
    if (s.levelAfter && s.end <= offset && (!level || s.end > level.end)) level = s;
  }
  return { innermost, line, level };
}

/**
 * Scope records of one kind in one document, for "which records hold this offset" without looking at all
 * of them. The records come from a syntax tree, so their spans nest or are disjoint (checked while
 * building); ordered by start (outer first, as the builder records them), each record's parent is the
 * smallest earlier record around it, and every record whose span [start, end) holds a point is the last
 * record starting at or before that point or one of its ancestors. When the spans do not nest (never
 * seen) the family is searched linearly instead.
 */
class NestedSpans {
  /** the records by start ascending, end descending, position ascending (`records` itself when it is) */
  private readonly sorted: readonly ScopeRecord[];
  /** position in `records` of each entry of `sorted` (undefined when they are the same array) */
  private readonly positions: Int32Array | undefined;
  /** index into `sorted` of each entry's parent, -1 at the top */
  private readonly parent: Int32Array;
  readonly nested: boolean;

  /**
   * `previous` with its records `[from, to)` (by start) replaced by `inserted`, or undefined when that
   * cannot be done in place of a fresh build (records out of order, spans not nested, not the records
   * expected): the records around keep their parents, the inserted ones get theirs as the constructor
   * would (the parent chain of the record before each is the constructor's stack at that point).
   */
  static spliced(previous: NestedSpans, removed: readonly ScopeRecord[], inserted: readonly ScopeRecord[], removedFrom: number): NestedSpans | undefined {
    if (previous.positions || !previous.nested) return undefined;
    const old = previous.sorted;
    // the records before the change start before it: the first removed one is the first at or after its start
    const from = removed.length > 0 ? firstStartingAt(old, removed[0]!.start) : firstStartingAt(old, removedFrom);
    const to = from + removed.length;
    if (to > old.length) return undefined;
    for (let i = 0; i < removed.length; i++) if (old[from + i] !== removed[i]) return undefined;
    const sorted = replacedRun(old, from, removed.length, inserted);
    const n = sorted.length;
    const end = from + inserted.length;
    for (let k = Math.max(1, from); k <= end && k < n; k++) {
      const a = sorted[k - 1]!;
      const b = sorted[k]!;
      if (a.start > b.start || (a.start === b.start && a.end < b.end)) return undefined;
    }
    const parent = new Int32Array(n);
    parent.set(previous.parent.subarray(0, from), 0);
    for (let k = from; k < end; k++) {
      const r = sorted[k]!;
      let top = k - 1;
      while (top >= 0 && sorted[top]!.end <= r.start) top = parent[top]!;
      if (top >= 0 && r.end > sorted[top]!.end) return undefined;
      parent[k] = top;
    }
    const moved = end - to;
    for (let k = end; k < n; k++) {
      const p = previous.parent[k - moved]!;
      if (p >= from && p < to) return undefined;
      parent[k] = p < from ? p : p + moved;
    }
    return new NestedSpans(sorted, parent);
  }

  constructor(readonly records: readonly ScopeRecord[], parent?: Int32Array) {
    if (parent) {
      // (from `spliced`: in order and nested)
      this.sorted = records;
      this.positions = undefined;
      this.parent = parent;
      this.nested = true;
      return;
    }
    const n = records.length;
    let inOrder = true;
    for (let i = 1; i < n && inOrder; i++) {
      const a = records[i - 1]!;
      const b = records[i]!;
      if (a.start > b.start || (a.start === b.start && a.end < b.end)) inOrder = false;
    }
    if (inOrder) {
      this.sorted = records;
      this.positions = undefined;
    } else {
      const order = Int32Array.from(records.keys()).sort((x, y) => records[x]!.start - records[y]!.start || records[y]!.end - records[x]!.end || x - y);
      this.sorted = Array.from(order, (p) => records[p]!);
      this.positions = order;
    }
    const sorted = this.sorted;
    this.parent = new Int32Array(n);
    const stack = new Int32Array(n);
    let depth = 0;
    let nested = true;
    for (let k = 0; k < n; k++) {
      const r = sorted[k]!;
      while (depth > 0 && sorted[stack[depth - 1]!]!.end <= r.start) depth--;
      const top = depth > 0 ? stack[depth - 1]! : -1;
      if (top >= 0 && r.end > sorted[top]!.end) nested = false;
      this.parent[k] = top;
      stack[depth++] = k;
    }
    this.nested = nested;
  }

  /** The number of records starting at or before `at`. */
  private startingBy(at: number): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private position(k: number): number {
    return this.positions ? this.positions[k]! : k;
  }

  /** Calls `visit` with the position of every record whose span [start, end) holds `point`, and maybe
   *  others (the last record starting at or before it and its ancestors). */
  around(point: number, visit: (position: number) => void): void {
    for (let k = this.startingBy(point) - 1; k >= 0; k = this.parent[k]!) visit(this.position(k));
  }

  /** Calls `visit` with the position of every record starting in [from, to]. */
  startingIn(from: number, to: number, visit: (position: number) => void): void {
    const end = this.startingBy(to);
    for (let k = this.startingBy(from - 1); k < end; k++) visit(this.position(k));
  }
}

/** A copy of `list` with `count` items from `from` replaced by `items` (one copy of the list). */
export function replacedRun<T>(list: readonly T[], from: number, count: number, items: readonly T[]): T[] {
  if (items.length > 4096) return list.slice(0, from).concat(items, list.slice(from + count));
  const out = list.slice();
  out.splice(from, count, ...items);
  return out;
}

/** The index of the first of `sorted` (by start) starting at or after `offset`. */
function firstStartingAt(sorted: readonly ScopeRecord[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `records` ordered by end ascending, equal ends in their order (usually already so: no copy then). */
function byEnd(records: ScopeRecord[]): ScopeRecord[] {
  for (let i = 1; i < records.length; i++) {
    if (records[i - 1]!.end > records[i]!.end) return records.map((s, p) => ({ s, p })).sort((a, b) => a.s.end - b.s.end || a.p - b.p).map((x) => x.s);
  }
  return records;
}

interface DocScopes {
  readonly blocks: NestedSpans;
  readonly lines: NestedSpans;
  /** commands and banners that leave an edit level, by end ascending (then position) */
  readonly levels: readonly ScopeRecord[];
}

/** What one incremental update changed in the records (model/incremental.ts): `removed` (in their
 *  order, offsets of the text before the edit) became `added`; the unit started at `start`. */
export interface ScopeChange {
  readonly docId: string;
  readonly start: number;
  readonly removed: readonly ScopeRecord[];
  readonly added: readonly ScopeRecord[];
}

/**
 * The scope records of a model indexed by position, per document: `locate` answers exactly what
 * `locateScopes` answers, in time proportional to the nesting depth (plus a binary search) instead of
 * the number of records. Built once per model (on first use), read-only afterwards.
 */
export class ScopeIndex {
  private readonly byDoc = new Map<string, DocScopes>();

  constructor(scopes: readonly ScopeRecord[]) {
    const grouped = new Map<string, { blocks: ScopeRecord[]; lines: ScopeRecord[]; levels: ScopeRecord[] }>();
    for (const s of scopes) {
      let g = grouped.get(s.docId);
      if (!g) grouped.set(s.docId, (g = { blocks: [], lines: [], levels: [] }));
      if (s.kind === 'block') g.blocks.push(s);
      else g.lines.push(s);
      if (s.levelAfter) g.levels.push(s);
    }
    for (const [docId, g] of grouped) {
      // equal ends keep their order, so the first of them is found first
      const levels = byEnd(g.levels);
      this.byDoc.set(docId, { blocks: new NestedSpans(g.blocks), lines: new NestedSpans(g.lines), levels });
    }
  }

  /**
   * The index of the records after an incremental update, from the index of the records before it (the
   * records themselves moved in place): only the unit's records are replaced; the same answers as an
   * index built afresh (test/src/model/incremental.test.ts), or undefined when it cannot be derived.
   */
  static derive(previous: ScopeIndex, change: ScopeChange, all: readonly ScopeRecord[]): ScopeIndex | undefined {
    const docs = previous.byDoc;
    const doc = docs.get(change.docId);
    if (!doc || docs.size !== 1) return undefined;
    const of = (list: readonly ScopeRecord[], block: boolean): ScopeRecord[] => list.filter((r) => (r.kind === 'block') === block);
    const blocks = NestedSpans.spliced(doc.blocks, of(change.removed, true), of(change.added, true), change.start);
    const lines = blocks && NestedSpans.spliced(doc.lines, of(change.removed, false), of(change.added, false), change.start);
    const levels = lines && splicedLevels(doc.levels, change);
    if (!blocks || !lines || !levels) return undefined;
    const next = Object.create(ScopeIndex.prototype) as ScopeIndex;
    (next as unknown as { byDoc: Map<string, DocScopes> }).byDoc = new Map([[change.docId, { blocks, lines, levels }]]);
    return all.length === blocks.records.length + lines.records.length ? next : undefined;
  }

  locate(docId: string, offset: number, text?: string): LocatedScopes {
    const doc = this.byDoc.get(docId);
    if (!doc) return { innermost: undefined, line: undefined, level: undefined };
    return { innermost: this.block(doc.blocks, offset), line: this.line(doc.lines, offset, text), level: levelBefore(doc, offset) };
  }

  private block(spans: NestedSpans, offset: number): ScopeRecord | undefined {
    const records = spans.records;
    let best = -1;
    const consider = (p: number): void => {
      const s = records[p]!;
      if (!holdsBlock(s, offset)) return;
      if (best < 0 || smaller(s, p, records[best]!, best)) best = p;
    };
    if (!spans.nested) for (let p = 0; p < records.length; p++) consider(p);
    else spans.around(offset - 1, consider);
    return best < 0 ? undefined : records[best];
  }

  private line(spans: NestedSpans, offset: number, text: string | undefined): ScopeRecord | undefined {
    const records = spans.records;
    let best = -1;
    const consider = (p: number): void => {
      const s = records[p]!;
      if (!holdsLine(s, offset, text)) return;
      if (best < 0 || smaller(s, p, records[best]!, best)) best = p;
    };
    if (!spans.nested) {
      for (let p = 0; p < records.length; p++) consider(p);
      return best < 0 ? undefined : records[best];
    }
    // a record holding the offset ends after it (and holds the point `offset`) or at it; one the cursor
    // continues on its line ends in the blanks right before the cursor. Ending at some e in
    // [blanksFrom, offset]: it starts in [blanksFrom, offset], or before and holds the point blanksFrom - 1.
    let blanksFrom = offset;
    if (text !== undefined) {
      while (blanksFrom > 0) {
        const c = text.charCodeAt(blanksFrom - 1);
        if (c !== 32 && c !== 9) break;
        blanksFrom--;
      }
    }
    spans.around(offset, consider);
    spans.around(blanksFrom - 1, consider);
    spans.startingIn(blanksFrom, offset, consider);
    return best < 0 ? undefined : records[best];
  }
}

/** The linear rule's order: smaller spans win, and of equal ones the later record. */
function smaller(a: ScopeRecord, aPosition: number, b: ScopeRecord, bPosition: number): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  return la < lb || (la === lb && aPosition > bPosition);
}

function levelBefore(doc: DocScopes, offset: number): ScopeRecord | undefined {
  const levels = doc.levels;
  let k = endingBy(levels, offset) - 1;
  if (k < 0) return undefined;
  while (k > 0 && levels[k - 1]!.end === levels[k]!.end) k--;
  return levels[k];
}

/** The number of `levels` (by end ascending) ending at or before `offset`. */
function endingBy(levels: readonly ScopeRecord[], offset: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `levels` with the change's records replaced, still by end ascending; undefined when it is not. */
function splicedLevels(levels: readonly ScopeRecord[], change: ScopeChange): readonly ScopeRecord[] | undefined {
  const removed = change.removed.filter((r) => r.levelAfter);
  const added = change.added.filter((r) => r.levelAfter);
  if (removed.length === 0 && added.length === 0) return levels;
  // the levels before the unit end at or before its start; the removed ones and those after end later
  const from = endingBy(levels, change.start);
  const to = from + removed.length;
  if (to > levels.length) return undefined;
  for (let i = 0; i < removed.length; i++) if (levels[from + i] !== removed[i]) return undefined;
  const out = replacedRun(levels, from, removed.length, added);
  for (let k = Math.max(1, from); k <= from + added.length && k < out.length; k++) if (out[k - 1]!.end > out[k]!.end) return undefined;
  return out;
}

/** Outside every statement and block: the edit level left by the last command or banner before the cursor. */
function topLevel(root: ConfigNode, last: ScopeRecord | undefined, docId: string, offset: number): ScopeRecord {
  const node = last?.levelAfter ?? root;
  // after set-form commands the next line is a command too (form 'set'); no verb is typed yet
  return { docId, start: offset, end: offset, kind: last ? 'command' : 'block', node, pendingList: undefined, words: [] };
}

/** The statement path at an offset, from the scopes the builder recorded (through `index` when given,
 *  which answers the same as looking at every record). */
export function contextAt(
  root: ConfigNode,
  scopes: readonly ScopeRecord[] | ScopeIndex,
  docId: string,
  offset: number,
  text?: string,
): CursorContext | undefined {
  const located = scopes instanceof ScopeIndex ? scopes.locate(docId, offset, text) : locateScopes(scopes, docId, offset, text);
  return contextFromScopes(root, located, docId, offset, text);
}

/** A statement or command line whose words are known without a model built from its text (a line being
 *  typed): its kind, verb and words, with offsets in the text the context is asked in. */
export interface TypedLine {
  readonly kind: 'statement' | 'command';
  readonly start: number;
  readonly end: number;
  readonly verb?: string;
  readonly words: readonly Word[];
}

/**
 * `contextAt` for a cursor on a line being typed, answered from an older model of the same document:
 * the block around the line and the edit level before it are those of that model at `anchor` (an offset
 * of its text where the structure is the one the line is in), the line's own words are `line`. Gives
 * what `contextAt` of a model built from the new text gives when the text before the line holds the same
 * blocks and commands and the line parses as `line` (the caller checks both).
 */
export function contextAtTypedLine(
  root: ConfigNode,
  index: ScopeIndex,
  docId: string,
  anchor: number,
  line: TypedLine,
  offset: number,
  text: string,
): CursorContext | undefined {
  const old = index.locate(docId, anchor);
  if (line.kind === 'statement' ? !old.innermost : old.innermost) return undefined;
  const node = line.kind === 'command' ? old.level?.levelAfter ?? root : old.innermost!.node;
  const record: ScopeRecord = {
    docId,
    start: line.start,
    end: line.end,
    kind: line.kind,
    node,
    pendingList: line.kind === 'command' ? undefined : old.innermost!.pendingList,
    words: line.words,
    ...(line.verb !== undefined ? { verb: line.verb } : {}),
  };
  return contextFromScopes(root, { innermost: line.kind === 'command' ? undefined : old.innermost, line: record, level: old.level }, docId, offset, text);
}

function contextFromScopes(root: ConfigNode, located: LocatedScopes, docId: string, offset: number, text: string | undefined): CursorContext | undefined {
  const innermost = located.innermost;
  let line = located.line;
  // a statement's own block is more specific than the statement holding it
  if (line && innermost && innermost.start >= line.start && innermost.end <= line.end) {
    const afterBlockEnd = offset >= innermost.end;
    if (!afterBlockEnd) line = undefined;
  }
  if (line && text !== undefined && line.kind === 'statement') {
    // a cursor after the terminating ';' is outside the statement
    const written = text.slice(line.start, offset);
    if (/[;}]\s*$/.test(written) && offset >= line.end) line = undefined;
  }
  const scope = line ?? innermost ?? topLevel(root, located.level, docId, offset);
  const words = line ? line.words : [];
  const before = words.filter((w) => w.source.end < offset);
  const partial = words.find((w) => w.source.start <= offset && offset <= w.source.end);
  let top = scope.node;
  while (top.parent) top = top.parent;
  const walkFrom: WalkContext = { ...contextOf(scope.node, top.schema, nodePath(scope.node)), pendingList: scope.pendingList };
  const walked = walkItems(walkFrom, before.map((word) => ({ kind: 'word' as const, word })), 'locate');
  const lastStep = walked.steps[walked.steps.length - 1];
  let expecting: CursorContext['expecting'] = { kind: 'statement' };
  let schema = walked.end.free ? undefined : walked.end.schema;
  if (walked.end.pendingList) expecting = { kind: 'key', schema: walked.end.pendingList.schema };
  else if (lastStep?.kind === 'leaf' && lastStep.values.length === 0 && lastStep.schema.type?.kind !== 'empty') {
    expecting = { kind: 'value', schema: lastStep.schema };
  } else if (lastStep?.kind === 'enter' && lastStep.role === 'list-entry' && lastStep.keys.length < lastStep.schema.keys.length) {
    expecting = { kind: 'key', schema: lastStep.schema };
  }
  if (lastStep?.kind === 'leaf' && lastStep.values.length === 0 && expecting.kind === 'value') schema = undefined;
  const isCommand = scope.kind === 'command';
  return {
    node: scope.node,
    path: walkFrom.path,
    before,
    partial,
    schema,
    expecting,
    verb: isCommand ? scope.verb : undefined,
    form: isCommand ? 'set' : 'curly',
  };
}
