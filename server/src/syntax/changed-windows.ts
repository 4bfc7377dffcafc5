/**
 * syntax/changed-windows.ts: where the structure of a flat tree changed under edits, found from the written
 *   ranges outward instead of by comparing the whole trees.
 * Owns: for a tree whose root has many children (a set-form file: one `command` per line, and
 *   `Tree.getChangedRanges` steps through every top-level node, 30-55 ms at 100,000 lines), the windows
 *   around the written ranges outside which every top-level node is the earlier tree's node.
 * Must not know: LSP, the schema, what the node kinds mean.
 * Invariants: `before` is the tree the ranges were last taken at, edited along with every edit since (so
 *   its offsets are the current text's), `after` the tree the reparses made from it (they share the
 *   subtrees the parses reused); a top-level node of `after` is "the same" when `before` has a top-level
 *   node of the same type and span there, made of the very same subtree or the very same children (by
 *   id: reused subtrees keep theirs), and it touches no written range; each window runs from the end of
 *   the last same node before a written range to the start of the first same node after it (a text end
 *   where there is none), and lies between those two nodes' ends, so it holds every range where
 *   `before.getChangedRanges(after)` reports a change: that comparison walks both trees in step and
 *   matches two same nodes without looking in, and, with neither tree holding an error (a precondition
 *   here), the parse goes on after a same node as it went before (the same state, the same text up to
 *   the next written range) and parsed the nodes before one from the same text as before. Undefined
 *   (compare the whole trees) when a tree has an error, the root has few children (the comparison is
 *   short there) or a walk passes its limit; never throws on a tree it was given.
 * Tests: test/src/syntax/changed-ranges.test.ts
 */
import type { Node, Tree } from 'web-tree-sitter';
import { touchesAny, type TextRange } from './text-ranges';

/** Below this many top-level nodes the whole comparison is cheap: no windows are looked for. */
export const FLAT_ROOT_CHILDREN = 1000;
/** Top-level nodes one call may visit before it gives up (the caller then compares the whole trees). */
const WALK_LIMIT = 2000;

/**
 * Windows of the current text (closed ranges, one per written range, in its order; they may overlap)
 * outside which the top-level nodes of `after` are those of `before`; `written`: the ranges edits wrote
 * since `before` (sorted, merged); `textLength`: the current text's length. Undefined when not known
 * this way (see the header).
 */
export function changedWindows(before: Tree, after: Tree, written: readonly TextRange[], textLength: number): TextRange[] | undefined {
  const root = after.rootNode;
  const oldRoot = before.rootNode;
  if (root.hasError || oldRoot.hasError || root.childCount < FLAT_ROOT_CHILDREN) return undefined;
  let budget = WALK_LIMIT;
  const isSame = (node: Node): boolean => {
    const start = node.startIndex;
    const end = node.endIndex;
    if (touchesAny(written, start, end)) return false;
    const was = oldRoot.firstChildForIndex(start);
    if (!was || was.startIndex !== start || was.endIndex !== end || was.typeId !== node.typeId) return false;
    if (was.id === node.id) return true;
    // a reparse may build a new node from the very same children (the node's id is where its parent holds it)
    const kidsBefore = was.children;
    const kidsNow = node.children;
    return kidsBefore.length === kidsNow.length && kidsBefore.every((kid, i) => kid !== null && kid.id === kidsNow[i]?.id);
  };
  const windows: TextRange[] = [];
  for (const w of written) {
    // the first node ending after the range's start: the ones before it end at or before that start
    const first = root.firstChildForIndex(w.start);
    let start = 0;
    for (let node = first ? first.previousSibling : root.lastChild; node; node = node.previousSibling) {
      if (--budget < 0) return undefined;
      if (isSame(node)) {
        start = node.endIndex;
        break;
      }
    }
    let end = textLength;
    for (let node = first; node; node = node.nextSibling) {
      if (--budget < 0) return undefined;
      if (isSame(node)) {
        end = node.startIndex;
        break;
      }
    }
    windows.push({ start, end });
  }
  return windows;
}
