/**
 * ide/tree-mirror.ts: a plain JavaScript copy of a parse tree, made in one cursor walk.
 * Owns: copying kind, offsets, MISSING/ERROR status and field names of every node into ordinary objects.
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
 *   version and read without going through its parent may not: nothing keeps them).
 *   Memory: a leaf (no children: most nodes) is a `MirrorNode` of three slots (offsets, and one small
 *   integer for the two flags, the field presence, the field name's number and the type's number: no
 *   reference per node, no table per parent), a node with children a `MirrorBranch` (two more: children,
 *   pending shift); children arrays are exactly as long as the child count. 48 B per leaf, 64 B per
 *   branch on a 64-bit V8 without pointer compression (Node's) (was 80 B for every node, then 56 / 72 B
 *   with the type as a reference).
 * Tests: test/src/lsp/features.test.ts (the copy is compared node by node with the raw tree; the feature
 *   tests run on copies), test/src/lsp/incremental-copy.test.ts (after random edits, with and without the
 *   dirty ranges, the copy equals a fresh one node by node)
 */
import type { SyntaxNodeLike } from '../model/source';

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

/**
 * A node of the copy. Leaves (two thirds of a curly tree's nodes, nine tenths of a set file's) are this
 * class: three slots (offsets, one small integer for the two flags, the field presence, the field name's
 * number and the type's number); a node with children is a `MirrorBranch`, which adds its children and
 * their pending shift.
 */
export class MirrorNode implements SyntaxNodeLike {
  /** HAS_ERROR | IS_MISSING | HAS_FIELDS, the field this node fills in its parent (set by the parent's copy)
   *  and the type's number (TYPE_SHIFT) */
  protected bits: number;

  constructor(
    type: string,
    public startIndex: number,
    public endIndex: number,
    isMissing: boolean,
  ) {
    this.bits = (isMissing ? IS_MISSING | HAS_ERROR : type === 'ERROR' ? HAS_ERROR : 0) | (TYPES.numberOf(type) << TYPE_SHIFT);
  }

  get type(): string {
    return TYPES.nameOf(this.bits >>> TYPE_SHIFT);
  }

  get children(): readonly MirrorNode[] {
    return NO_CHILDREN;
  }

  get hasError(): boolean {
    return (this.bits & HAS_ERROR) !== 0;
  }

  get isMissing(): boolean {
    return (this.bits & IS_MISSING) !== 0;
  }

  childForFieldName(fieldName: string): MirrorNode | null {
    if ((this.bits & HAS_FIELDS) === 0) return null;
    const wanted = FIELDS.known(fieldName);
    if (wanted === undefined) return null;
    for (const child of this.children) if ((child.bits & FIELD_BITS) >>> FIELD_SHIFT === wanted) return child;
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
    return (this.bits & HAS_ERROR) | ((this.bits & FIELD_BITS) !== 0 ? HAS_FIELDS : 0);
  }
}

/** A node with at least one child. */
export class MirrorBranch extends MirrorNode {
  private kids: readonly MirrorNode[] = NO_CHILDREN;
  /** added to every child's offsets (and pending shift) when `children` is next read */
  private pending = 0;

  override get children(): readonly MirrorNode[] {
    if (this.pending !== 0) this.pushShift();
    return this.kids;
  }

  override moveBy(delta: number): void {
    if (delta === 0) return;
    this.startIndex += delta;
    this.endIndex += delta;
    this.pending += delta;
  }

  private pushShift(): void {
    const delta = this.pending;
    this.pending = 0;
    for (const child of this.kids) child.moveBy(delta);
  }

  /** @internal used while copying: the node's children (exactly, at least one), and what they say about it */
  adopt(children: readonly MirrorNode[]): void {
    this.adoptReading(children, 0, children.length);
  }

  /** @internal used while copying: like `adopt`, when only `children[readFrom, readTo)` may have an error or
   *  a field name (the others come from an older parent that had neither below it) */
  adoptReading(children: readonly MirrorNode[], readFrom: number, readTo: number): void {
    this.kids = children;
    this.pending = 0;
    for (let i = readFrom; i < readTo; i++) this.bits |= children[i]!.marksParent;
  }
}

/** The copy of a node with these facts and children (a leaf when there are none). */
function nodeWith(type: string, start: number, end: number, isMissing: boolean, children: readonly MirrorNode[], readFrom = 0, readTo = children.length): MirrorNode {
  if (children.length === 0) return new MirrorNode(type, start, end, isMissing);
  const node = new MirrorBranch(type, start, end, isMissing);
  node.adoptReading(children, readFrom, readTo);
  return node;
}

export function mirrorTree(tree: { walk(): TreeCursorLike }): MirrorNode {
  const cursor = tree.walk();
  try {
    return mirrorAtCursor(cursor);
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
  if (!cursor.gotoFirstChild()) return new MirrorNode(type, startIndex, endIndex, isMissing);
  const top = new MirrorBranch(type, startIndex, endIndex, isMissing);
  // the open nodes and, level by level, the children collected so far (scratch arrays reused per depth,
  // copied out at their exact length)
  const open: MirrorBranch[] = [top];
  const collected: MirrorNode[][] = [[]];
  for (;;) {
    const nodeType = cursor.nodeType;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const missing = cursor.nodeIsMissing;
    const field = cursor.currentFieldName;
    if (cursor.gotoFirstChild()) {
      const branch = new MirrorBranch(nodeType, start, end, missing);
      branch.setField(field);
      collected[open.length - 1]!.push(branch);
      open.push(branch);
      if (collected.length < open.length) collected.push([]);
      continue;
    }
    const leaf = new MirrorNode(nodeType, start, end, missing);
    leaf.setField(field);
    collected[open.length - 1]!.push(leaf);
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const depth = open.length - 1;
      const done = open.pop()!;
      const scratch = collected[depth]!;
      done.adopt(scratch.slice());
      scratch.length = 0;
      if (open.length === 0) return top;
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
    return remirrorAt({ cursor, movedStart, toNew, dirty }, previous);
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
  if (r.dirty && old.children.length >= WINDOWED_FROM) {
    const window = dirtyWindow(r.dirty, startIndex, endIndex);
    const children = window ? windowedChildren(r, old, window, cursor.currentNode) : undefined;
    if (children) return nodeWith(type, startIndex, endIndex, isMissing, children.list, children.readFrom, children.readTo);
  }
  return nodeWith(type, startIndex, endIndex, isMissing, matchedChildren(r, old.children));
}

/** The hull of the dirty ranges that meet [start, end], or undefined when none does. */
function dirtyWindow(dirty: readonly DirtyRange[], start: number, end: number): DirtyRange | undefined {
  let low = 0;
  let high = dirty.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (dirty[mid]!.end < start) low = mid + 1;
    else high = mid;
  }
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
    reusable.children.length === n.childCount &&
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
  return old.children.length === now.childCount && old.hasError === now.hasError;
}
