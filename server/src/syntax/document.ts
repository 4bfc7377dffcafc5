/**
 * syntax/document.ts: one document's text and its tree, kept in sync under edits.
 * Owns: turning an offset edit into a tree-sitter `Edit` (points in UTF-16 columns) and the incremental reparse.
 * Must not know: LSP (callers convert ranges to offsets), the schema.
 * Invariants: after every `applyEdit` the tree is the tree a fresh parse of `text` gives (same kinds,
 *   same ranges); edit offsets are clamped into the text and an inverted range is treated as empty, so
 *   no edit throws.
 * Tests: test/src/syntax/incremental.test.ts
 */
import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { parseText } from './language';

/** Row and UTF-16 column of a JS string offset. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point `inserted` reaches when it is written starting at `start`. */
function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

export class SyntaxDocument {
  private currentText: string;
  private currentTree: Tree;

  constructor(text: string) {
    this.currentText = text;
    this.currentTree = parseText(text);
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  /** Replaces `text[startOffset, endOffset)` with `newText` and reparses incrementally. */
  applyEdit(startOffset: number, endOffset: number, newText: string): void {
    const old = this.currentText;
    const start = Math.max(0, Math.min(Math.trunc(startOffset) || 0, old.length));
    const end = Math.max(start, Math.min(Math.trunc(endOffset) || 0, old.length));
    const startPosition = pointAt(old, start);
    const edit = new Edit({
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + newText.length,
      startPosition,
      oldEndPosition: pointAfter(startPosition, old.slice(start, end)),
      newEndPosition: pointAfter(startPosition, newText),
    });
    const text = old.slice(0, start) + newText + old.slice(end);
    const oldTree = this.currentTree;
    oldTree.edit(edit);
    this.currentTree = parseText(text, oldTree);
    this.currentText = text;
    oldTree.delete();
  }

  /** Replaces the whole text with a fresh parse (for resynchronisation). */
  replaceText(text: string): void {
    const oldTree = this.currentTree;
    this.currentTree = parseText(text);
    this.currentText = text;
    oldTree.delete();
  }

  /** Frees the tree; the document must not be used afterwards. */
  dispose(): void {
    this.currentTree.delete();
  }
}
