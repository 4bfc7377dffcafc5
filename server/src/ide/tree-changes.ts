/**
 * ide/tree-changes.ts: which rows of a document's current parse tree differ in structure from the tree of
 *   an earlier version, so that a feature computed per row (semantic tokens) recomputes only those.
 * Owns: keeping a copy of a version's tree (`TreeSnapshot`: web-tree-sitter shares the subtrees, so a copy
 *   costs little; the document's own tree is edited and freed by syntax/document.ts, the copy is not),
 *   editing that copy by the replacements later edits made (lsp/edit-span.ts) and asking tree-sitter for
 *   the changed ranges (`Tree.getChangedRanges`), as rows of the current text; for a flat tree (a `set`
 *   file: 100,000 top-level commands, which tree-sitter's comparison visits one by one), a walk over the
 *   top-level nodes around the edits comparing them with the snapshot's by identity.
 * Must not know: LSP types, what the rows are used for.
 * Invariants: outside the returned rows (and the edited rows, which callers add), every node has the same
 *   ancestors in both trees (tree-sitter's contract; the walk: the same top-level subtree); a snapshot is used for one comparison at
 *   most (it is freed then, right after the current task) or disposed (wasm memory); never throws
 *   (undefined: compare everything).
 * Tests: test/src/lsp/semantic-token-rows.test.ts
 */
import { Edit, type Node, type Tree } from 'web-tree-sitter';

/** A point as tree-sitter counts it (rows split at `\n`, columns in UTF-16 code units). */
export interface RowColumn {
  readonly row: number;
  readonly column: number;
}

/** One edit as tree-sitter takes it: offsets, and rows and columns of them (`newEndPosition`: after the edit). */
export interface TreeEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: RowColumn;
  readonly oldEndPosition: RowColumn;
  readonly newEndPosition: RowColumn;
}

/** Offsets of a text: `[start, end)`. */
export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
}

export interface RowRange {
  readonly startRow: number;
  /** inclusive */
  readonly endRow: number;
}

export class TreeSnapshot {
  private tree: Tree | undefined;

  private constructor(tree: Tree) {
    this.tree = tree;
  }

  /** A copy of `tree` as it is now (undefined if the copy fails). */
  static of(tree: Tree): TreeSnapshot | undefined {
    try {
      return new TreeSnapshot(tree.copy());
    } catch {
      return undefined;
    }
  }

  /**
   * The rows of `current` whose structure changed since this snapshot, the text between having been
   * changed by `edits`, applied to the snapshot in the order given (each in the text the ones before it
   * made: for disjoint replacements, from the last to the first); `edited`: the spans of the current text
   * the replacements wrote. The snapshot is used up. `how`: tree-sitter's changed ranges, or the
   * walk over top-level nodes (see `topLevelChanges`); by default the walk when the root has many
   * children (a `set` file: tree-sitter's comparison visits every one of them).
   */
  changedRows(current: Tree, edits: readonly TreeEdit[], edited: readonly OffsetSpan[], how: 'auto' | 'ranges' | 'top-level' = 'auto'): RowRange[] | undefined {
    const old = this.tree;
    if (!old) return undefined;
    try {
      for (const e of edits) old.edit(new Edit(e));
      const walk = how === 'top-level' || (how === 'auto' && current.rootNode.childCount > FLAT_ROOT_CHILDREN && !current.rootNode.hasError && !old.rootNode.hasError);
      if (walk) return topLevelChanges(old, current, edited);
      return old.getChangedRanges(current).map((r) => ({ startRow: r.startPosition.row, endRow: r.endPosition.row }));
    } catch {
      return undefined;
    } finally {
      // freeing a tree whose nodes the current one no longer shares is long (a set file: every top-level
      // command, ~40 ms at 100,000 lines): done after the answer
      this.tree = undefined;
      setImmediate(() => deleteTree(old));
    }
  }

  dispose(): void {
    if (this.tree) deleteTree(this.tree);
    this.tree = undefined;
  }
}

/** Above this many top-level nodes, changes are found by the top-level walk. */
const FLAT_ROOT_CHILDREN = 1000;
/** A walk visiting more top-level nodes than this gives up (the caller computes everything). */
const WALK_LIMIT = 2000;

/**
 * The rows of the top-level nodes of `current` around each edited span that are not the old node (the
 * same type and span made of the very same child subtrees, by id) the edited snapshot `old` has there:
 * from the node at the span's start forwards and backwards until a node outside the span is the old one.
 * Such a node has the old structure, and no highlight pattern looks at a top-level node's siblings; in a
 * tree without errors, once the parse has rebuilt a top-level node as it was after an edit, it goes on as
 * the old parse did (the same state, the same text), and the nodes before the first unchanged one were
 * parsed from the same text as before (the default uses the walk only when neither tree has an error).
 * (web-tree-sitter's cursor `gotoFirstChildFor*` is not used: its answer is wrong.)
 */
function topLevelChanges(old: Tree, current: Tree, edited: readonly OffsetSpan[]): RowRange[] | undefined {
  const out: RowRange[] = [];
  const oldRoot = old.rootNode;
  const root = current.rootNode;
  let visited = 0;
  const sameAsOld = (node: Node): boolean => {
    const was = oldRoot.firstChildForIndex(node.startIndex);
    if (!was || was.startIndex !== node.startIndex || was.endIndex !== node.endIndex || was.typeId !== node.typeId) return false;
    if (was.id === node.id) return true;
    // the parse makes a new top-level node even when it reuses all of its children
    const before = was.children;
    const now = node.children;
    return before.length === now.length && before.every((c, i) => c !== null && c.id === now[i]?.id);
  };
  const mark = (node: Node): void => {
    out.push({ startRow: node.startPosition.row, endRow: node.endPosition.row });
  };
  for (const span of edited) {
    const first = root.firstChildForIndex(span.start);
    // forwards: every node reaching into the span, then until one is the old one
    for (let node = first; node; node = node.nextSibling) {
      if (++visited > WALK_LIMIT) return undefined;
      if (node.startIndex >= span.end && sameAsOld(node)) break;
      mark(node);
    }
    // backwards: the nodes before it that the reparse did not reuse
    for (let node = first ? first.previousSibling : root.lastChild; node; node = node.previousSibling) {
      if (++visited > WALK_LIMIT) return undefined;
      if (sameAsOld(node)) break;
      mark(node);
    }
  }
  return out;
}

function deleteTree(tree: Tree): void {
  try {
    tree.delete();
  } catch {
    // already freed
  }
}
