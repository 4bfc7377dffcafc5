/**
 * ide/tree-mirror.ts: a plain JavaScript copy of a parse tree, made in one cursor walk.
 * Owns: copying kind, offsets, MISSING/ERROR status and field names of every node into ordinary objects
 *   (leaves packed into numbers in their parent, see Memory below).
 *   web-tree-sitter makes a new wrapper (and several calls into wasm) for every `children` or
 *   `childForFieldName` access; the features walk the tree many times per edit, so they walk this copy
 *   (about 3x faster on a 100,000-line config, measured) and the copy is made once per document version.
 * Must not know: LSP types, the schema, web-tree-sitter's classes (it reads cursor- and node-shaped interfaces).
 *   After an edit, `remirrorTree` copies only the nodes on the path to the edit (and what the edit made)
 *   and reuses the copies of every untouched subtree (moved by the edit's growth in place: the previous
 *   copy is given up to the new one, as a document snapshot's tree is valid until the next change).
 *   Moving a reused subtree costs O(1): its own offsets move at once, its descendants' when its `children`
 *   are first read (a pending shift, pushed down one level per read). Given the ranges where the text or
 *   the tree's structure changed (`dirty`, see `SyntaxDocument.takeChangedRanges`), a node on the path to
 *   an edit with many children visits only its children inside those ranges and takes the others over as
 *   two blocks (found by binary search, each moved as one), after checking the tree agrees (child count, the
 *   children at both edges of the visited part); otherwise every child is matched as before. A set-form
 *   root has one child per command. (Without the tree's changed ranges, edits alone are not enough: an
 *   unclosed quote or brace changes the structure beyond them; randomized tests found such cases.)
 * Invariants: the copy has the same nodes in the same order as the tree, anonymous ones included;
 *   `hasError` is true exactly when the node or a descendant is ERROR or MISSING; never throws; iterative
 *   except for the recursion along the path to an edit. A reused copy has the new node's type, length,
 *   child count and error flag, and its text was not edited (the caller's offset map says so); every node
 *   read through `children` from the current root has the current offsets (a node kept from an older
 *   version and read without going through its parent may not: nothing keeps them). Nodes with children are
 *   the same objects on every read (caches key on them); leaves of a node with fewer than 64 children are
 *   new objects on every read (compare them by type and offsets, not identity). A run's words are never
 *   overwritten (an older copy's branches keep reading theirs; compaction moves only the branches the new
 *   copy holds to a new run).
 *   Memory: a leaf (no children: most nodes) is kept by its parent, made a `MirrorNode` only when `children`
 *   is read. A node whose children are all leaves, fewer than 64 (a set command, a curly leaf statement), is a
 *   `RunBranch` (offsets, bits, its run and where its words start: 64 B) and keeps its leaves as 32-bit words
 *   in its document's `LeafRun`, one typed array shared by the copies of that document (gap from the sibling
 *   before, length, type and field numbers, the two flags; a later copy appends the branches it makes, and
 *   compacts the run into a new one once more than 4,096 words and a quarter of the live ones were appended
 *   since). Any other node with children is a `MirrorBranch` (offsets, one small integer for flags, field
 *   and type, entries, object children, pending shift: 72 B) keeping each leaf as one number in its `entries`
 *   (8 B in a double array: start relative to the parent's start, length, type's and field name's numbers,
 *   the two flags; a leaf that fits neither form, e.g. 4,096 characters long, stays an object), and nodes
 *   with 64 or more children (the top level) keep every child as an object (48 B per leaf). At 100,000 lines
 *   the copy holds 11 MB in the set form and 15 MB in the curly one (was 19 / 17 MB with a `MirrorBranch`
 *   and an entries array per node, 57 / 23 MB with every leaf an object), gc()'d heap plus array buffers
 *   measured by scripts/bench/mirror-bench.js.
 * Tests: test/src/lsp/features.test.ts (the copy is compared node by node with the raw tree; the feature
 *   tests run on copies), test/src/lsp/incremental-copy.test.ts (after random edits, with and without the
 *   dirty ranges, the copy equals a fresh one node by node; also on long tokens and nodes with many children),
 *   test/src/ide/tree-mirror-run.test.ts (after random edits, with the run compacted at every copy and as by
 *   default, the copy equals web-tree-sitter's tree; leaves at a run word's limits; an older copy's branches
 *   read the same after later copies appended to and compacted their run)
 */
import type { SyntaxNodeLike } from '../model/source';
import { firstEndingFrom } from '../syntax/text-ranges';

/** The parts of web-tree-sitter's `TreeCursor` the copy reads. */
export interface TreeCursorLike {
  readonly nodeType: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly nodeIsMissing: boolean;
  readonly currentFieldName: string | null | undefined;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete?(): void;
}

/** Shared by every leaf. */
const NO_CHILDREN: readonly MirrorNode[] = Object.freeze([]);

const HAS_ERROR = 1;
const IS_MISSING = 2;
/** some child has a field name */
const HAS_FIELDS = 4;
/** the field name's number (0: none) sits above the flags in the same small integer */
const FIELD_SHIFT = 3;
/** the field name's number, in place */
const FIELD_BITS = 0x1fff << FIELD_SHIFT;
/** the node type's number sits above the field name's (a grammar has a few hundred kinds; the integer stays
 *  below 2^31, a small integer to V8) */
const TYPE_SHIFT = 16;

/**
 * A leaf kept in its parent as one number (an "entry", >= 0): its start relative to the parent's start
 * times 2^31, plus a 31-bit integer of its length, type number, field number and the two flags. A leaf
 * whose facts do not fit (a long token, a start far from its parent's, a type or field number past the
 * limits) is kept as an object instead. A negative entry -(1 + i) stands for the parent's i-th object child.
 */
const ENTRY_FIELD_SHIFT = 2;
const ENTRY_FIELD_LIMIT = 1 << 7;
const ENTRY_TYPE_SHIFT = 9;
const ENTRY_TYPE_LIMIT = 1 << 10;
const ENTRY_LENGTH_SHIFT = 19;
const ENTRY_LENGTH_LIMIT = 1 << 12;
const ENTRY_START_UNIT = 2 ** 31;
const ENTRY_START_LIMIT = 2 ** 22;

/** Nodes with at least this many children keep every child as an object (the top level of a document: the
 *  caches match its items by identity, and its children are read and windowed on every edit). */
const PACKED_BELOW = 64;

/** Names numbered in the order first seen, and back: a node keeps a small number, not a reference. */
class NameNumbers {
  private readonly names: string[];
  private readonly numbers = new Map<string, number>();

  constructor(reserved: readonly string[] = []) {
    this.names = [...reserved];
  }

  /** the number of `name`, given one when first seen */
  numberOf(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.numbers.set(name, n);
    }
    return n;
  }

  /** the number `name` has, if it has one (never gives one) */
  known(name: string): number | undefined {
    return this.numbers.get(name);
  }

  nameOf(n: number): string {
    return this.names[n]!;
  }
}

/** Field names (0: none), shared by every copy; the grammar has a handful. */
const FIELDS = new NameNumbers(['']);

/** Node types, shared by every copy (a node keeps its type's number, not a reference: one slot less on a
 *  million nodes). */
const TYPES = new NameNumbers();

/** A node's own bits (flags and type's number; no field yet). */
function ownBits(type: string, isMissing: boolean): number {
  return (isMissing ? IS_MISSING | HAS_ERROR : type === 'ERROR' ? HAS_ERROR : 0) | (TYPES.numberOf(type) << TYPE_SHIFT);
}

/** The entry of a leaf with these bits (`MirrorNode` layout) and offsets, `relativeTo` its parent's start;
 *  -1 when its facts do not fit one. */
function entryOf(bits: number, start: number, end: number, relativeTo: number): number {
  const type = bits >>> TYPE_SHIFT;
  const field = (bits & FIELD_BITS) >>> FIELD_SHIFT;
  const length = end - start;
  const offset = start - relativeTo;
  if (type >= ENTRY_TYPE_LIMIT || field >= ENTRY_FIELD_LIMIT || length < 0 || length >= ENTRY_LENGTH_LIMIT || offset < 0 || offset >= ENTRY_START_LIMIT) return -1;
  return offset * ENTRY_START_UNIT + ((length << ENTRY_LENGTH_SHIFT) | (type << ENTRY_TYPE_SHIFT) | (field << ENTRY_FIELD_SHIFT) | (bits & (HAS_ERROR | IS_MISSING)));
}

/** The low 31 bits of a leaf entry (float arithmetic: the entry is past 2^31; `%` would call out). */
function lowOf(entry: number): number {
  return entry - Math.floor(entry / ENTRY_START_UNIT) * ENTRY_START_UNIT;
}

/** The `MirrorNode` bits of a leaf entry (the one decoding of an entry's facts but its offsets). */
function entryBits(entry: number): number {
  return lowBits(lowOf(entry));
}

/** The `MirrorNode` bits of an entry's low 31 bits. */
function lowBits(low: number): number {
  return (low & (HAS_ERROR | IS_MISSING)) | (((low >>> ENTRY_FIELD_SHIFT) & (ENTRY_FIELD_LIMIT - 1)) << FIELD_SHIFT) | (((low >>> ENTRY_TYPE_SHIFT) & (ENTRY_TYPE_LIMIT - 1)) << TYPE_SHIFT);
}

/** The field number of a leaf entry. */
function entryField(entry: number): number {
  return (entryBits(entry) & FIELD_BITS) >>> FIELD_SHIFT;
}

/** A leaf entry's start relative to its parent's start, and its length. */
function entryOffset(entry: number): number {
  return Math.floor(entry / ENTRY_START_UNIT);
}
function entryLength(entry: number): number {
  return lowOf(entry) >>> ENTRY_LENGTH_SHIFT;
}

/** The leaf object of `entry` in a parent starting at `parentStart` (a new object on every call). */
function leafOf(entry: number, parentStart: number): MirrorNode {
  const high = entryOffset(entry);
  const low = entry - high * ENTRY_START_UNIT;
  const start = parentStart + high;
  return new MirrorNode(lowBits(low), start, start + (low >>> ENTRY_LENGTH_SHIFT));
}

/** What a leaf's bits tell its parent: has an error, has a field name. */
function marksOf(bits: number): number {
  return (bits & HAS_ERROR) | ((bits & FIELD_BITS) !== 0 ? HAS_FIELDS : 0);
}

/**
 * A node of the copy. Leaves (two thirds of a curly tree's nodes, nine tenths of a set file's) are kept by
 * their parent as numbers (see `entryOf`), and this class is made for them when the parent's `children` are
 * read; a few (too long, far from their parent's start, children of a node with many children) are kept as
 * objects: three slots (offsets, one small integer for the two flags, the field presence, the field name's
 * number and the type's number). A node with children is a `MirrorBranch`.
 */
export class MirrorNode implements SyntaxNodeLike {
  constructor(
    /** HAS_ERROR | IS_MISSING | HAS_FIELDS, the field this node fills in its parent (set by the parent's
     *  copy) and the type's number (TYPE_SHIFT) */
    protected bits: number,
    public startIndex: number,
    public endIndex: number,
  ) {}

  get type(): string {
    return TYPES.nameOf(this.bits >>> TYPE_SHIFT);
  }

  get children(): readonly MirrorNode[] {
    return NO_CHILDREN;
  }

  /** the number of children (reads none) */
  get childCount(): number {
    return 0;
  }

  get hasError(): boolean {
    return (this.bits & HAS_ERROR) !== 0;
  }

  get isMissing(): boolean {
    return (this.bits & IS_MISSING) !== 0;
  }

  childForFieldName(_fieldName: string): MirrorNode | null {
    return null;
  }

  /** @internal moves this node and (lazily, on the next `children` read) its subtree by `delta` characters */
  moveBy(delta: number): void {
    this.startIndex += delta;
    this.endIndex += delta;
  }

  /** @internal used while copying */
  setField(name: string | null | undefined): void {
    this.bits = (this.bits & ~FIELD_BITS) | ((name ? FIELDS.numberOf(name) : 0) << FIELD_SHIFT);
  }

  /** @internal the flags `adoptReading` may skip */
  get errorOrFieldsBelow(): boolean {
    return (this.bits & (HAS_ERROR | HAS_FIELDS)) !== 0;
  }

  /** @internal what a child tells its parent: has an error, has a field name */
  get marksParent(): number {
    return marksOf(this.bits);
  }

  /** @internal this node's own bits with its field number (what a parent packs) */
  get ownBits(): number {
    return this.bits;
  }
}

/** A node with at least one child. */
export class MirrorBranch extends MirrorNode {
  /** the children kept as objects: all of them when `entries` is undefined, else those the entries point to */
  private kids: readonly MirrorNode[] = NO_CHILDREN;
  /** one number per child (see `entryOf`), or undefined when every child is an object in `kids` */
  private entries: readonly number[] | undefined = undefined;
  /** added to every object child's offsets (and pending shift) when `children` is next read (leaf entries
   *  are relative to this node's start: they move with it) */
  private pending = 0;

  /** A new array on every read when the leaves are packed (leaf objects are made anew: compare leaves by
   *  type and offsets, not identity; nodes with children are the same objects). */
  override get children(): readonly MirrorNode[] {
    if (this.pending !== 0) this.pushShift();
    if (this.entries === undefined) return this.kids;
    const out = new Array<MirrorNode>(this.entries.length);
    this.readEntries(-1, out);
    return out;
  }

  override get childCount(): number {
    return this.entries === undefined ? this.kids.length : this.entries.length;
  }

  override childForFieldName(fieldName: string): MirrorNode | null {
    if ((this.bits & HAS_FIELDS) === 0) return null;
    const wanted = FIELDS.known(fieldName);
    if (wanted === undefined) return null;
    if (this.pending !== 0) this.pushShift();
    if (this.entries === undefined) {
      for (const child of this.kids) if ((child.ownBits & FIELD_BITS) >>> FIELD_SHIFT === wanted) return child;
      return null;
    }
    return this.readEntries(wanted, undefined);
  }

  /** The one decoding of this node's entries (defined): every child into `out` (`field` -1), or the first
   *  child whose field number is `field` (null when none). */
  private readEntries(field: number, out: MirrorNode[] | undefined): MirrorNode | null {
    const entries = this.entries!;
    const kids = this.kids;
    const start = this.startIndex;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry < 0) {
        const child = kids[-1 - entry]!;
        if (out) out[i] = child;
        else if ((child.ownBits & FIELD_BITS) >>> FIELD_SHIFT === field) return child;
      } else if (out) out[i] = leafOf(entry, start);
      else if (entryField(entry) === field) return leafOf(entry, start);
    }
    return null;
  }

  override moveBy(delta: number): void {
    if (delta === 0) return;
    this.startIndex += delta;
    this.endIndex += delta;
    this.pending += delta;
  }

  /** @internal pushes the children kept as objects (those with children among them) onto `stack`, without
   *  reading the others (offsets may be pending) */
  pushObjectKids(stack: MirrorNode[]): void {
    for (const kid of this.kids) stack.push(kid);
  }

  private pushShift(): void {
    const delta = this.pending;
    this.pending = 0;
    for (const child of this.kids) child.moveBy(delta);
  }

  /** @internal used while copying: the node's children (exactly, at least one, at their current offsets),
   *  and what they say about it */
  adopt(children: readonly MirrorNode[]): void {
    this.adoptReading(children, 0, children.length);
  }

  /** @internal used while copying: like `adopt`, when only `children[readFrom, readTo)` may have an error or
   *  a field name (the others come from an older parent that had neither below it) */
  adoptReading(children: readonly MirrorNode[], readFrom: number, readTo: number): void {
    this.pending = 0;
    if (children.length >= PACKED_BELOW) {
      this.kids = children;
      this.entries = undefined;
      for (let i = readFrom; i < readTo; i++) this.bits |= children[i]!.marksParent;
      return;
    }
    const entries = scratchEntries;
    const objects = scratchObjects;
    entries.length = 0;
    objects.length = 0;
    for (const child of children) {
      this.bits |= child.marksParent;
      const entry = child.childCount === 0 ? entryOf(child.ownBits, child.startIndex, child.endIndex, this.startIndex) : -1;
      if (entry >= 0) entries.push(entry);
      else entries.push(-objects.push(child));
    }
    this.entries = entries.slice();
    this.kids = objects.length > 0 ? objects.slice() : NO_CHILDREN;
    objects.length = 0;
  }

  /** @internal used while copying (`mirrorAtCursor`): the children as collected, `entries` (one per child,
   *  relative to this node's start) pointing into `objects` (neither kept: copied out at their length) */
  adoptCollected(entries: readonly number[], objects: readonly MirrorNode[]): void {
    this.pending = 0;
    let marks = 0;
    for (const entry of entries) marks |= entry < 0 ? objects[-1 - entry]!.marksParent : marksOf(entryBits(entry));
    this.bits |= marks;
    if (entries.length < PACKED_BELOW) {
      this.entries = entries.slice();
      this.kids = objects.length > 0 ? objects.slice() : NO_CHILDREN;
      return;
    }
    const start = this.startIndex;
    this.entries = undefined;
    this.kids = entries.map((entry) => (entry < 0 ? objects[-1 - entry]! : leafOf(entry, start)));
  }
}

/**
 * A run word: one leaf of a small branch packed into 32 bits of a document's shared `LeafRun`, relative to
 * the end of the sibling before it (or the parent's start): the two flags (bits 0-1), the field number
 * (2-4), the type number (5-11), the gap from that end (12-17) and the length (18-31). A branch whose leaves
 * do not all fit (or that has a child with children) is a `MirrorBranch` instead.
 */
const RUN_FIELD_SHIFT = 2;
const RUN_FIELD_LIMIT = 1 << 3;
const RUN_TYPE_SHIFT = 5;
const RUN_TYPE_LIMIT = 1 << 7;
const RUN_GAP_SHIFT = 12;
const RUN_GAP_LIMIT = 1 << 6;
const RUN_LENGTH_SHIFT = 18;
const RUN_LENGTH_LIMIT = 1 << 14;

/** The run word of a leaf with these bits (`MirrorNode` layout) and offsets after a sibling ending at
 *  `prevEnd`; -1 when its facts do not fit one. */
function runWordOf(bits: number, start: number, end: number, prevEnd: number): number {
  const type = bits >>> TYPE_SHIFT;
  const field = (bits & FIELD_BITS) >>> FIELD_SHIFT;
  const gap = start - prevEnd;
  const length = end - start;
  if (type >= RUN_TYPE_LIMIT || field >= RUN_FIELD_LIMIT || gap < 0 || gap >= RUN_GAP_LIMIT || length < 0 || length >= RUN_LENGTH_LIMIT) return -1;
  return ((length << RUN_LENGTH_SHIFT) | (gap << RUN_GAP_SHIFT) | (type << RUN_TYPE_SHIFT) | (field << RUN_FIELD_SHIFT) | (bits & (HAS_ERROR | IS_MISSING))) >>> 0;
}

/** The `MirrorNode` bits of a run word. */
function runWordBits(word: number): number {
  return (word & (HAS_ERROR | IS_MISSING)) | (((word >>> RUN_FIELD_SHIFT) & (RUN_FIELD_LIMIT - 1)) << FIELD_SHIFT) | (((word >>> RUN_TYPE_SHIFT) & (RUN_TYPE_LIMIT - 1)) << TYPE_SHIFT);
}

/** Words appended to a run since it was made or compacted, past which (and past a quarter of its live words,
 *  unless `compactOnWords`) the next copy compacts it. */
let compactFrom = 4096;
let compactOnWords = false;

/** @internal for tests: compact a run once more than `words` words were appended since it was made or
 *  compacted, however many are live (no argument: the default, 4,096 words and a quarter of the live ones) */
export function setRunCompactionForTests(words?: number): void {
  compactFrom = words ?? 4096;
  compactOnWords = words !== undefined;
}

/** @internal for tests: the run a copy's small branches were packed into (words used, words live when it
 *  was made or compacted) and, reachable from `root`, how many branches are packed, how many of their words
 *  lie in another run, and the words they take (child counts and leaves). */
export function runFactsForTests(root: MirrorNode): { used: number; live: number; packed: number; elsewhere: number; words: number } | undefined {
  const run = runOf.get(root);
  if (!run) return undefined;
  let packed = 0;
  let elsewhere = 0;
  let words = 0;
  const stack: MirrorNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof RunBranch) {
      packed++;
      if (node.run !== run) elsewhere++;
      words += 1 + node.childCount;
    } else if (node instanceof MirrorBranch) node.pushObjectKids(stack);
  }
  return { used: run.used, live: run.live, packed, elsewhere, words };
}

/**
 * The leaves of one document's small branches (every node with children but fewer than 64, all of them
 * leaves: a set command, a curly leaf statement), packed in one shared typed array: per branch its child
 * count, then one run word per child (see `runWordOf`). Copies of later versions append the branches they
 * make to the run of the copy they reuse (an older copy's words are never overwritten: the reused branches
 * are shared by both), and a copy whose run holds too many words no branch of it uses any more starts a
 * compacted run (`compactRun`).
 */
class LeafRun {
  words: Uint32Array;
  used = 0;
  /** words in use when the run was made or compacted (the rest may be dead) */
  live = 0;

  constructor(capacity = 1024) {
    this.words = new Uint32Array(capacity);
  }

  /** Room for `n` more words (the array grows by an eighth at least: each growth copies it). */
  reserve(n: number): void {
    if (this.used + n <= this.words.length) return;
    const grown = new Uint32Array(Math.max(this.used + n, this.words.length + (this.words.length >> 3) + 1024, this.words.length * (this.live === 0 ? 2 : 1)));
    grown.set(this.words.subarray(0, this.used));
    this.words = grown;
  }

  /** Gives back the room past what is used, but for a little to append to. */
  trim(): void {
    const keep = this.used + (this.used >> 5) + 256;
    if (this.words.length > keep + (keep >> 3)) this.words = this.words.slice(0, keep);
  }
}

/** The run each copy's branches were packed into (by copy root), so a copy of the next version appends to it. */
const runOf = new WeakMap<MirrorNode, LeafRun>();

/** The run the copy being made packs its small branches into (set by `mirrorTree` / `remirrorTree` for the
 *  duration of one synchronous copy; none: every branch is a `MirrorBranch`). */
let activeRun: LeafRun | undefined;

/** A node with fewer than 64 children, all leaves, kept as a run word each in its document's `LeafRun`
 *  (five slots: offsets, bits, the run and where its words start). Its children are made when read. */
class RunBranch extends MirrorNode {
  constructor(
    bits: number,
    startIndex: number,
    endIndex: number,
    /** @internal */ public run: LeafRun,
    /** @internal where this node's child count is, its run words after it */ public at: number,
  ) {
    super(bits, startIndex, endIndex);
  }

  override get children(): readonly MirrorNode[] {
    const out = new Array<MirrorNode>(this.childCount);
    this.readLeaves(-1, out);
    return out;
  }

  override get childCount(): number {
    return this.run.words[this.at]!;
  }

  override childForFieldName(fieldName: string): MirrorNode | null {
    if ((this.bits & HAS_FIELDS) === 0) return null;
    const wanted = FIELDS.known(fieldName);
    return wanted === undefined ? null : this.readLeaves(wanted, undefined);
  }

  /** The one decoding of this node's run words: every leaf into `out` (`field` -1), or the first leaf whose
   *  field number is `field` (null when none). */
  private readLeaves(field: number, out: MirrorNode[] | undefined): MirrorNode | null {
    const words = this.run.words;
    const at = this.at;
    const count = words[at]!;
    let end = this.startIndex;
    for (let i = 0; i < count; i++) {
      const word = words[at + 1 + i]!;
      const start = end + ((word >>> RUN_GAP_SHIFT) & (RUN_GAP_LIMIT - 1));
      end = start + (word >>> RUN_LENGTH_SHIFT);
      if (out) out[i] = new MirrorNode(runWordBits(word), start, end);
      else if (((word >>> RUN_FIELD_SHIFT) & (RUN_FIELD_LIMIT - 1)) === field) return new MirrorNode(runWordBits(word), start, end);
    }
    return null;
  }
}

/** A branch of these bits and offsets over `leaves` (leaf objects or their facts, read through `bitsAt`,
 *  `startAt`, `endAt`) packed into the active run; undefined (nothing written) when there is no active run,
 *  too many children, or a leaf that does not fit a run word. */
function runBranchOf(bits: number, start: number, end: number, count: number, bitsAt: (i: number) => number, startAt: (i: number) => number, endAt: (i: number) => number): RunBranch | undefined {
  const run = activeRun;
  if (!run || count >= PACKED_BELOW || count === 0) return undefined;
  run.reserve(count + 1);
  const words = run.words;
  const at = run.used;
  words[at] = count;
  let prevEnd = start;
  let marks = 0;
  for (let i = 0; i < count; i++) {
    const leafBits = bitsAt(i);
    const leafStart = startAt(i);
    const leafEnd = endAt(i);
    const word = runWordOf(leafBits, leafStart, leafEnd, prevEnd);
    if (word < 0) return undefined;
    words[at + 1 + i] = word;
    marks |= marksOf(leafBits);
    prevEnd = leafEnd;
  }
  run.used = at + 1 + count;
  return new RunBranch(bits | marks, start, end, run, at);
}

/** A run branch over leaf objects (all of `children` childless), or undefined as `runBranchOf`. */
function runBranchOver(bits: number, start: number, end: number, children: readonly MirrorNode[]): RunBranch | undefined {
  if (children.length >= PACKED_BELOW) return undefined;
  for (const child of children) if (child.childCount !== 0) return undefined;
  return runBranchOf(bits, start, end, children.length, (i) => children[i]!.ownBits, (i) => children[i]!.startIndex, (i) => children[i]!.endIndex);
}

/** A run branch over the entries `mirrorAtCursor` collected (none may point to an object), or undefined. */
function runBranchOfEntries(bits: number, start: number, end: number, entries: readonly number[]): RunBranch | undefined {
  return runBranchOf(
    bits,
    start,
    end,
    entries.length,
    (i) => entryBits(entries[i]!),
    (i) => start + entryOffset(entries[i]!),
    (i) => start + entryOffset(entries[i]!) + entryLength(entries[i]!),
  );
}

/** The run a copy of `root` packed into, compacted when it holds too many dead words: the words of every run
 *  branch reachable from `root` are copied into a new run (in tree order) and the branches point there (an
 *  older copy's branches that `root` no longer holds keep the old run, unchanged). */
function compactRun(root: MirrorNode, run: LeafRun): LeafRun {
  if (run.used - run.live <= (compactOnWords ? compactFrom : Math.max(compactFrom, run.live >> 2))) return run;
  const branches: RunBranch[] = [];
  let total = 0;
  const stack: MirrorNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof RunBranch) {
      branches.push(node);
      total += 1 + node.childCount;
    } else if (node instanceof MirrorBranch) node.pushObjectKids(stack);
  }
  const fresh = new LeafRun(total + (total >> 5) + 256);
  const words = fresh.words;
  let used = 0;
  for (const branch of branches) {
    const from = branch.run.words;
    const n = 1 + from[branch.at]!;
    words.set(from.subarray(branch.at, branch.at + n), used);
    branch.run = fresh;
    branch.at = used;
    used += n;
  }
  fresh.used = used;
  fresh.live = used;
  return fresh;
}

/** Runs `copy` with `run` as the active run, and files the copy it returns under it (compacted if due). */
function packingInto(run: LeafRun, copy: () => MirrorNode): MirrorNode {
  const outer = activeRun;
  activeRun = run;
  let root: MirrorNode;
  try {
    root = copy();
  } finally {
    activeRun = outer;
  }
  let kept = run;
  if (run.live === 0) {
    // a new run: every word in it is live
    run.live = run.used;
    run.trim();
  } else kept = compactRun(root, run);
  runOf.set(root, kept);
  return root;
}

/** Scratch lists of `adoptReading` (reused: a list pushed to reserves room it never gives back). */
const scratchEntries: number[] = [];
const scratchObjects: MirrorNode[] = [];

/** The copy of a node with these facts and children (a leaf when there are none). */
function nodeWith(type: string, start: number, end: number, isMissing: boolean, children: readonly MirrorNode[], readFrom = 0, readTo = children.length): MirrorNode {
  if (children.length === 0) return new MirrorNode(ownBits(type, isMissing), start, end);
  const packed = runBranchOver(ownBits(type, isMissing), start, end, children);
  if (packed) return packed;
  const node = new MirrorBranch(ownBits(type, isMissing), start, end);
  node.adoptReading(children, readFrom, readTo);
  return node;
}

export function mirrorTree(tree: { walk(): TreeCursorLike }): MirrorNode {
  const cursor = tree.walk();
  try {
    return packingInto(new LeafRun(), () => mirrorAtCursor(cursor));
  } finally {
    cursor.delete?.();
  }
}

/** Copies the node under the cursor and its descendants; the cursor ends back on that node. The copy's own
 *  field name is left to the caller. */
function mirrorAtCursor(cursor: TreeCursorLike): MirrorNode {
  const type = cursor.nodeType;
  const startIndex = cursor.startIndex;
  const endIndex = cursor.endIndex;
  const isMissing = cursor.nodeIsMissing;
  if (!cursor.gotoFirstChild()) return new MirrorNode(ownBits(type, isMissing), startIndex, endIndex);
  // the open nodes' facts (bits with the field name, offsets; the node is made when it closes, once its
  // children are known) and, level by level, the children collected so far: leaves as entries, other
  // children as objects the entries point to (scratch lists reused per depth, copied out at their length)
  const openBits: number[] = [ownBits(type, isMissing)];
  const openStarts: number[] = [startIndex];
  const openEnds: number[] = [endIndex];
  const entries: number[][] = [[]];
  const objects: MirrorNode[][] = [[]];
  for (;;) {
    const nodeType = cursor.nodeType;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const missing = cursor.nodeIsMissing;
    const field = cursor.currentFieldName;
    const depth = openBits.length - 1;
    const bits = ownBits(nodeType, missing) | ((field ? FIELDS.numberOf(field) : 0) << FIELD_SHIFT);
    if (cursor.gotoFirstChild()) {
      openBits.push(bits);
      openStarts.push(start);
      openEnds.push(end);
      if (entries.length < openBits.length) {
        entries.push([]);
        objects.push([]);
      }
      continue;
    }
    const entry = entryOf(bits, start, end, openStarts[depth]!);
    if (entry >= 0) entries[depth]!.push(entry);
    else entries[depth]!.push(-objects[depth]!.push(new MirrorNode(bits, start, end)));
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const closing = openBits.length - 1;
      const closingEntries = entries[closing]!;
      const closingObjects = objects[closing]!;
      const closingBits = openBits.pop()!;
      const closingStart = openStarts.pop()!;
      const closingEnd = openEnds.pop()!;
      let done: MirrorNode | undefined = closingObjects.length === 0 ? runBranchOfEntries(closingBits, closingStart, closingEnd, closingEntries) : undefined;
      if (!done) {
        const branch = new MirrorBranch(closingBits, closingStart, closingEnd);
        branch.adoptCollected(closingEntries, closingObjects);
        done = branch;
      }
      closingEntries.length = 0;
      closingObjects.length = 0;
      if (closing === 0) return done;
      entries[closing - 1]!.push(-objects[closing - 1]!.push(done));
    }
  }
}

/** The parts of a web-tree-sitter node `remirrorTree` reads where it leaves the cursor (web-tree-sitter's
 *  cursor cannot jump to a child: its `gotoFirstChildForIndex` ignores the index in 0.26): to find the
 *  children of a large node around an edit by index. */
export interface RemirrorNodeLike {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly childCount: number;
  readonly nextSibling: RemirrorNodeLike | null;
  child(index: number): RemirrorNodeLike | null;
  fieldNameForChild(index: number): string | null | undefined;
  walk(): RemirrorCursorLike;
}

/** The parts of a web-tree-sitter cursor `remirrorTree` also reads: the current node's own facts. */
export interface RemirrorCursorLike extends TreeCursorLike {
  readonly currentNode: RemirrorNodeLike;
}

/** A range of the current text (closed: its ends count) where the text was edited or the tree changed. */
export interface DirtyRange {
  readonly start: number;
  readonly end: number;
}

interface Remirror {
  readonly cursor: RemirrorCursorLike;
  readonly movedStart: (start: number, end: number) => number | undefined;
  readonly toNew: (offset: number) => number | undefined;
  /** sorted by start, not overlapping; undefined: visit every child of an edited node */
  readonly dirty: readonly DirtyRange[] | undefined;
}

/** An edited node with at least this many children (older copy) visits only those near the edit. */
const WINDOWED_FROM = 16;

/**
 * The copy of `tree` (the parse after an edit), reusing the copies of `previous` (the copy before it) for
 * every subtree whose text the edit did not touch, at any depth: an edited node is copied itself and its
 * children are matched again. The map from the previous text to the current text: `movedStart(start, end)`
 * is where an older span starts now when no edit fell inside or next to it, `toNew(offset)` where an older
 * offset is now (undefined inside or next to an edit); see lsp/edit-map.ts. `dirty` (optional): every range
 * of the current text that an edit since `previous` wrote or where the tree's structure changed (the tree's
 * changed ranges), sorted; with it, the untouched children of a large edited node are taken over without a
 * visit.
 */
export function remirrorTree(
  tree: { walk(): RemirrorCursorLike },
  previous: MirrorNode,
  movedStart: (start: number, end: number) => number | undefined,
  toNew: (offset: number) => number | undefined,
  dirty?: readonly DirtyRange[],
): MirrorNode {
  const cursor = tree.walk();
  try {
    return packingInto(runOf.get(previous) ?? new LeafRun(), () => remirrorAt({ cursor, movedStart, toNew, dirty }, previous));
  } finally {
    cursor.delete?.();
  }
}

/** The node under the cursor, whose older copy is `old` (same type, same start); the cursor ends back on it. */
function remirrorAt(r: Remirror, old: MirrorNode): MirrorNode {
  const cursor = r.cursor;
  const type = cursor.nodeType;
  const startIndex = cursor.startIndex;
  const endIndex = cursor.endIndex;
  const isMissing = cursor.nodeIsMissing;
  if (r.dirty && old.childCount >= WINDOWED_FROM) {
    const window = dirtyWindow(r.dirty, startIndex, endIndex);
    const children = window ? windowedChildren(r, old, window, cursor.currentNode) : undefined;
    if (children) return nodeWith(type, startIndex, endIndex, isMissing, children.list, children.readFrom, children.readTo);
  }
  return nodeWith(type, startIndex, endIndex, isMissing, matchedChildren(r, old.children));
}

/** The hull of the dirty ranges that meet [start, end], or undefined when none does. */
function dirtyWindow(dirty: readonly DirtyRange[], start: number, end: number): DirtyRange | undefined {
  const low = firstEndingFrom(dirty, start);
  if (low >= dirty.length || dirty[low]!.start > end) return undefined;
  let last = low;
  while (last + 1 < dirty.length && dirty[last + 1]!.start <= end) last++;
  return { start: dirty[low]!.start, end: dirty[last]!.end };
}

/**
 * The children of `now` (the node under the cursor), for its older copy `old` and the dirty hull `window`
 * that meets it: the leading older children that end before the window and the trailing ones that start
 * after it are kept (each block moved as one), and only the new children in between are visited (and matched).
 * Undefined (nothing changed yet) when the tree does not agree: another child count, another child after
 * the window, a child across the window's edge.
 */
function windowedChildren(
  r: Remirror,
  old: MirrorNode,
  window: DirtyRange,
  now: RemirrorNodeLike,
): { list: MirrorNode[]; readFrom: number; readTo: number } | undefined {
  const olds = old.children;
  const count = olds.length;
  const newStart = (c: MirrorNode): number | undefined => r.movedStart(c.startIndex, c.endIndex);
  // leading children: moved as a whole (not touched) and ending before the window; a prefix of the list
  const before = (c: MirrorNode): boolean => {
    const at = newStart(c);
    return at !== undefined && at + (c.endIndex - c.startIndex) < window.start;
  };
  // trailing children: moved as a whole and starting after the window; a suffix of the list
  const after = (c: MirrorNode): boolean => {
    const at = newStart(c);
    return at !== undefined && at > window.end;
  };
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(olds[mid]!)) low = mid + 1;
    else high = mid;
  }
  const prefix = low;
  high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (after(olds[mid]!)) high = mid;
    else low = mid + 1;
  }
  const suffixAt = low;
  const lastBefore = prefix > 0 ? olds[prefix - 1]! : undefined;
  // every edit inside the node is in the window, so each kept block moved as one (checked at its two ends)
  const moved = (c: MirrorNode): number => newStart(c)! - c.startIndex;
  const prefixDelta = lastBefore ? moved(lastBefore) : 0;
  if (lastBefore && moved(olds[0]!) !== prefixDelta) return undefined;
  if (suffixAt < count && moved(olds[suffixAt]!) !== moved(olds[count - 1]!)) return undefined;
  const prefixEnd = lastBefore ? newStart(lastBefore)! + (lastBefore.endIndex - lastBefore.startIndex) : now.startIndex;
  const firstAfter = suffixAt < count ? olds[suffixAt]! : undefined;
  const suffixStart = firstAfter ? newStart(firstAfter)! : undefined;

  // the new children between the kept blocks, and the check that the child after them is the first kept one
  const between: RemirrorNodeLike[] = [];
  if (lastBefore) {
    const last = now.child(prefix - 1);
    if (!last || last.endIndex !== prefixEnd || last.type !== lastBefore.type) return undefined;
  }
  let child = prefix < now.childCount ? now.child(prefix) : null;
  while (child && (suffixStart === undefined || child.startIndex < suffixStart)) {
    between.push(child);
    child = child.nextSibling;
  }
  if (firstAfter) {
    if (!child || child.startIndex !== suffixStart || child.type !== firstAfter.type || child.endIndex - child.startIndex !== firstAfter.endIndex - firstAfter.startIndex) return undefined;
  } else if (child) return undefined;
  if (prefix + between.length + (count - suffixAt) !== now.childCount) return undefined;

  const list: MirrorNode[] = olds.slice(0, prefix);
  if (prefixDelta !== 0) for (const c of list) c.moveBy(prefixDelta);
  if (between.length > 0) {
    const middle = olds.slice(prefix, suffixAt);
    const unmoved = new Map<number, MirrorNode>();
    const edited = new Map<number, MirrorNode>();
    for (const c of middle) indexOld(r, c, unmoved, edited);
    for (let i = 0; i < between.length; i++) {
      const copy = matchedNode(r, between[i]!, unmoved, edited);
      copy.setField(now.fieldNameForChild(prefix + i));
      list.push(copy);
    }
  }
  const middleEnd = list.length;
  const delta = firstAfter ? suffixStart! - firstAfter.startIndex : 0;
  for (let i = suffixAt; i < count; i++) {
    const c = olds[i]!;
    c.moveBy(delta);
    list.push(c);
  }
  // the kept children have neither flag when the old node had neither below it: only the middle is read
  return old.errorOrFieldsBelow ? { list, readFrom: 0, readTo: list.length } : { list, readFrom: prefix, readTo: middleEnd };
}

/** Files an older child under where it starts now: `unmoved` when no edit touched it, `edited` when one did
 *  but its start survived. */
function indexOld(r: Remirror, child: MirrorNode, unmoved: Map<number, MirrorNode>, edited: Map<number, MirrorNode>): void {
  const start = r.movedStart(child.startIndex, child.endIndex);
  if (start !== undefined) unmoved.set(start, child);
  else {
    const at = r.toNew(child.startIndex);
    if (at !== undefined) edited.set(at, child);
  }
}

/** The copy of the new node `n` (a child found without the cursor), as `matchedChildren` makes one. */
function matchedNode(r: Remirror, n: RemirrorNodeLike, unmoved: Map<number, MirrorNode>, edited: Map<number, MirrorNode>): MirrorNode {
  const reusable = unmoved.get(n.startIndex);
  if (
    reusable &&
    reusable.type === n.type &&
    !n.isMissing &&
    reusable.endIndex - reusable.startIndex === n.endIndex - n.startIndex &&
    reusable.childCount === n.childCount &&
    reusable.hasError === n.hasError
  ) {
    reusable.moveBy(n.startIndex - reusable.startIndex);
    return reusable;
  }
  const cursor = n.walk();
  try {
    const before = edited.get(n.startIndex);
    return before && before.type === n.type && !n.isMissing ? remirrorAt({ ...r, cursor }, before) : mirrorAtCursor(cursor);
  } finally {
    cursor.delete?.();
  }
}

/**
 * The copies of the children of the node under the cursor: each untouched older child (in `olds`) whose new
 * node has its shape is reused and moved, an edited one of the same type is matched again below, anything
 * else is copied afresh. The cursor ends back on the node.
 */
function matchedChildren(r: Remirror, olds: readonly MirrorNode[]): MirrorNode[] {
  const cursor = r.cursor;
  const unmoved = new Map<number, MirrorNode>();
  const edited = new Map<number, MirrorNode>();
  for (const child of olds) indexOld(r, child, unmoved, edited);
  const out: MirrorNode[] = [];
  if (!cursor.gotoFirstChild()) return out;
  do {
    const reusable = unmoved.get(cursor.startIndex);
    let child: MirrorNode;
    if (reusable && sameShape(reusable, cursor)) {
      reusable.moveBy(cursor.startIndex - reusable.startIndex);
      child = reusable;
    } else {
      const before = edited.get(cursor.startIndex);
      child = before && before.type === cursor.nodeType && !cursor.nodeIsMissing ? remirrorAt(r, before) : mirrorAtCursor(cursor);
    }
    child.setField(cursor.currentFieldName);
    out.push(child);
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return out;
}

function sameShape(old: MirrorNode, cursor: RemirrorCursorLike): boolean {
  if (old.type !== cursor.nodeType || old.endIndex - old.startIndex !== cursor.endIndex - cursor.startIndex || cursor.nodeIsMissing) return false;
  const now = cursor.currentNode;
  return old.childCount === now.childCount && old.hasError === now.hasError;
}
