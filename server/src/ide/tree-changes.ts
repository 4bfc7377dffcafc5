/**
 * ide/tree-changes.ts: which rows of a document's current parse tree differ in structure from the tree of
 *   an earlier version, so that a feature computed per row (semantic tokens) recomputes only those.
 * Owns: keeping a copy of a version's tree (`TreeSnapshot`: web-tree-sitter shares the subtrees, so a copy
 *   costs little; the document's own tree is edited and freed by syntax/document.ts, the copy is not),
 *   editing that copy by the replacements later edits made (lsp/edit-span.ts) and asking tree-sitter for
 *   the changed ranges (`Tree.getChangedRanges`), as rows of the current text.
 * Must not know: LSP types, what the rows are used for.
 * Invariants: outside the returned rows (and the edited span's rows, which callers add), every node has
 *   the same ancestors in both trees (tree-sitter's contract); a snapshot is used for one comparison at
 *   most and must be disposed (wasm memory); never throws (undefined: compare everything).
 * Tests: test/src/lsp/semantic-token-rows.test.ts
 */
import { Edit, type Tree } from 'web-tree-sitter';

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
   * made: for disjoint replacements, from the last to the first). The snapshot is used up.
   */
  changedRows(current: Tree, edits: readonly TreeEdit[]): RowRange[] | undefined {
    const old = this.tree;
    if (!old) return undefined;
    try {
      for (const e of edits) old.edit(new Edit(e));
      return old.getChangedRanges(current).map((r) => ({ startRow: r.startPosition.row, endRow: r.endPosition.row }));
    } catch {
      return undefined;
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    try {
      this.tree?.delete();
    } catch {
      // already freed
    }
    this.tree = undefined;
  }
}
