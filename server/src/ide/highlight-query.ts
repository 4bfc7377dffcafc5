/**
 * ide/highlight-query.ts: runs the grammar's `queries/highlights.scm` over a tree and returns plain captures.
 * Owns: finding and compiling the query file once per language, capture extraction for a whole tree or a span.
 * Must not know: LSP types, the token legend (semantic-tokens.ts maps captures), how trees are parsed.
 * Invariants: the query is compiled once; a missing or invalid query file yields no captures plus a problem
 *   message (never a throw from `captures`).
 * Tests: test/src/lsp/protocol.test.ts (semantic tokens through the real grammar)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Language, type Node, Query } from 'web-tree-sitter';
import type { HighlightCapture } from './semantic-tokens';

/** Where `queries/highlights.scm` may be: beside the compiled tree (out/server/src/ide) or a bundle. */
function queryCandidates(): string[] {
  return [
    path.resolve(__dirname, '..', '..', '..', '..', 'tree-sitter-junos', 'queries', 'highlights.scm'),
    path.resolve(__dirname, '..', 'tree-sitter-junos', 'queries', 'highlights.scm'),
    path.resolve(__dirname, 'queries', 'highlights.scm'),
  ];
}

export class Highlighter {
  private constructor(
    private readonly query: Query | undefined,
    /** why there are no highlights, when the query could not be loaded */
    readonly problem: string | undefined,
  ) {}

  static load(language: Language, source?: string): Highlighter {
    let text = source;
    if (text === undefined) {
      const file = queryCandidates().find((f) => fs.existsSync(f));
      if (!file) return new Highlighter(undefined, 'highlights.scm was not found; no semantic tokens');
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        return new Highlighter(undefined, `highlights.scm could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    try {
      return new Highlighter(new Query(language, text), undefined);
    } catch (err) {
      return new Highlighter(undefined, `highlights.scm does not compile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Captures of the whole tree, or of the nodes on rows `startRow` up to `endRow` (exclusive). Rows, not
   * offsets, bound the search: web-tree-sitter reads the query's index options as byte offsets of its UTF-16
   * input, not as the string offsets its nodes report, while rows mean the same in both.
   */
  captures(root: Node, rows?: { readonly startRow: number; readonly endRow: number }): HighlightCapture[] {
    if (!this.query) return [];
    try {
      const options = rows ? { startPosition: { row: rows.startRow, column: 0 }, endPosition: { row: rows.endRow, column: 0 } } : undefined;
      const out: HighlightCapture[] = [];
      for (const c of this.query.captures(root, options)) out.push({ name: c.name, start: c.node.startIndex, end: c.node.endIndex });
      return out;
    } catch {
      return [];
    }
  }
}
