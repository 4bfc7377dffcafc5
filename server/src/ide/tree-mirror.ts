/**
 * ide/tree-mirror.ts: a plain JavaScript copy of a parse tree, made in one cursor walk.
 * Owns: copying kind, offsets, MISSING/ERROR status and field names of every node into ordinary objects.
 *   web-tree-sitter makes a new wrapper (and several calls into wasm) for every `children` or
 *   `childForFieldName` access; the features walk the tree many times per edit, so they walk this copy
 *   (about 3x faster on a 100,000-line config, measured) and the copy is made once per document version.
 * Must not know: LSP types, the schema, web-tree-sitter's classes (it reads a cursor-shaped interface).
 *   After an edit, `remirrorTree` copies only the nodes on the path to the edit (and what the edit made)
 *   and reuses the copies of every untouched subtree (moved by the edit's growth in place: the previous
 *   copy is given up to the new one, as a document snapshot's tree is valid until the next change).
 * Invariants: the copy has the same nodes in the same order as the tree, anonymous ones included;
 *   `hasError` is true exactly when the node or a descendant is ERROR or MISSING; never throws; iterative.
 *   A reused copy has the new node's type, length, child count and error flag, and its text was not
 *   edited (the caller's offset map says so).
 * Tests: test/src/lsp/features.test.ts (the copy is compared node by node with the raw tree; the feature
 *   tests run on copies)
 */
import type { SyntaxNodeLike } from '../model/source';

/** The parts of web-tree-sitter's `TreeCursor` the copy reads. */
export interface TreeCursorLike {
  readonly nodeType: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly nodeIsMissing: boolean;
  readonly currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete?(): void;
}

/** Shared by every leaf: most nodes are leaves, and an empty array each would cost ~10% of the copy. */
const NO_CHILDREN: readonly MirrorNode[] = Object.freeze([]);

export class MirrorNode implements SyntaxNodeLike {
  children: readonly MirrorNode[] = NO_CHILDREN;
  hasError: boolean;
  private fields: [string, MirrorNode][] | undefined;

  constructor(
    readonly type: string,
    public startIndex: number,
    public endIndex: number,
    readonly isMissing: boolean,
  ) {
    this.hasError = isMissing || type === 'ERROR';
  }

  childForFieldName(fieldName: string): MirrorNode | null {
    if (!this.fields) return null;
    for (const [name, node] of this.fields) if (name === fieldName) return node;
    return null;
  }

  /** @internal used while copying */
  setChildren(children: MirrorNode[]): void {
    this.children = children.length === 0 ? NO_CHILDREN : children;
  }

  /** @internal used while copying */
  fieldEntries(): readonly [string, MirrorNode][] | undefined {
    return this.fields;
  }

  /** @internal used while copying */
  setFields(fields: [string, MirrorNode][] | undefined): void {
    this.fields = fields;
  }

  /** @internal used while copying */
  addChild(child: MirrorNode, fieldName: string | null): void {
    if (this.children === NO_CHILDREN) this.children = [child];
    else (this.children as MirrorNode[]).push(child);
    if (fieldName) (this.fields ??= []).push([fieldName, child]);
  }
}

export function mirrorTree(tree: { walk(): TreeCursorLike }): MirrorNode {
  const cursor = tree.walk();
  try {
    return mirrorAtCursor(cursor);
  } finally {
    cursor.delete?.();
  }
}

/** Copies the node under the cursor and its descendants; the cursor ends back on that node. */
function mirrorAtCursor(cursor: TreeCursorLike): MirrorNode {
  const top = new MirrorNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.nodeIsMissing);
  const parents: MirrorNode[] = [top];
  if (!cursor.gotoFirstChild()) return top;
  for (;;) {
    const parent = parents[parents.length - 1]!;
    const node = new MirrorNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.nodeIsMissing);
    parent.addChild(node, cursor.currentFieldName);
    if (node.hasError) parent.hasError = true;
    if (cursor.gotoFirstChild()) {
      parents.push(node);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const done = parents.pop()!;
      if (parents.length === 0) return top;
      if (done.hasError) parents[parents.length - 1]!.hasError = true;
    }
  }
}

/** The parts of a web-tree-sitter cursor `remirrorTree` also reads: the current node's own facts. */
export interface RemirrorCursorLike extends TreeCursorLike {
  readonly currentNode: { readonly hasError: boolean; readonly childCount: number };
}

/**
 * The copy of `tree` (the parse after an edit), reusing the copies of `previous` (the copy before it) for
 * every subtree whose text the edit did not touch, at any depth: an edited node is copied itself and its
 * children are matched again. The map from the previous text to the current text: `movedStart(start, end)`
 * is where an older span starts now when no edit fell inside or next to it, `toNew(offset)` where an older
 * offset is now (undefined inside or next to an edit); see lsp/edit-map.ts.
 */
export function remirrorTree(
  tree: { walk(): RemirrorCursorLike },
  previous: MirrorNode,
  movedStart: (start: number, end: number) => number | undefined,
  toNew: (offset: number) => number | undefined,
): MirrorNode {
  const cursor = tree.walk();
  try {
    return remirrorAt(cursor, previous, movedStart, toNew);
  } finally {
    cursor.delete?.();
  }
}

/** The node under the cursor, whose older copy is `old` (same type, same start); the cursor ends back on it. */
function remirrorAt(
  cursor: RemirrorCursorLike,
  old: MirrorNode,
  movedStart: (start: number, end: number) => number | undefined,
  toNew: (offset: number) => number | undefined,
): MirrorNode {
  const node = new MirrorNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.nodeIsMissing);
  const unmoved = new Map<number, MirrorNode>();
  const edited = new Map<number, MirrorNode>();
  for (const child of old.children) {
    const start = movedStart(child.startIndex, child.endIndex);
    if (start !== undefined) unmoved.set(start, child);
    else {
      const at = toNew(child.startIndex);
      if (at !== undefined) edited.set(at, child);
    }
  }
  if (!cursor.gotoFirstChild()) return node;
  do {
    const reusable = unmoved.get(cursor.startIndex);
    let child: MirrorNode;
    if (reusable && sameShape(reusable, cursor)) {
      child = shifted(reusable, cursor.startIndex - reusable.startIndex);
    } else {
      const before = edited.get(cursor.startIndex);
      child = before && before.type === cursor.nodeType && !cursor.nodeIsMissing ? remirrorAt(cursor, before, movedStart, toNew) : mirrorAtCursor(cursor);
    }
    node.addChild(child, cursor.currentFieldName);
    if (child.hasError) node.hasError = true;
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return node;
}

function sameShape(old: MirrorNode, cursor: RemirrorCursorLike): boolean {
  if (old.type !== cursor.nodeType || old.endIndex - old.startIndex !== cursor.endIndex - cursor.startIndex || cursor.nodeIsMissing) return false;
  const now = cursor.currentNode;
  return old.children.length === now.childCount && old.hasError === now.hasError;
}

/** `node` itself, moved by `delta` characters with its subtree, in place (iterative). The copy of the
 *  previous version is given up to the new one (a snapshot's tree is valid until the next change), so
 *  moving it costs no allocation. */
function shifted(node: MirrorNode, delta: number): MirrorNode {
  if (delta === 0) return node;
  const stack: MirrorNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.startIndex += delta;
    n.endIndex += delta;
    const children = n.children;
    for (let i = 0; i < children.length; i++) stack.push(children[i]!);
  }
  return node;
}
