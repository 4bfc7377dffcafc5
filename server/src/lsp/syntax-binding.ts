/**
 * lsp/syntax-binding.ts: the one place the language server touches the syntax layer's API.
 * Owns: loading the grammar once (`initSyntax`), making incremental syntax documents, one-shot parses
 *   for the formatter's verification, the plain tree copies features walk, highlight captures, and syntax
 *   problems as `syntax-error` diagnostics (the fallback when the analysis cannot run).
 * Must not know: features, LSP types.
 * Invariants: `loadSyntaxBinding` is the only async step (wasm load); afterwards every method is synchronous
 *   and total; parse trees made for one-shot use are released before returning.
 * Tests: test/src/lsp/protocol.test.ts
 */
import { defaultSeverity } from '../analysis/codes';
import type { Diagnostic } from '../analysis/diagnostic';
import { Highlighter } from '../ide/highlight-query';
import type { HighlightCapture } from '../ide/semantic-tokens';
import { MirrorNode, mirrorTree, remirrorTree } from '../ide/tree-mirror';
import type { SyntaxNodeLike } from '../model/source';
import { initSyntax, parseText, SyntaxDocument, syntaxLanguage, syntaxProblems } from '../syntax/parser';

/** The tree copy of an earlier version and how its offsets moved since (edit-map.ts). */
export interface PreviousCopy {
  readonly root: SyntaxNodeLike;
  readonly movedStart: (start: number, end: number) => number | undefined;
  readonly toNew: (offset: number) => number | undefined;
}

/** The syntax document type the document store keeps. */
export type LiveSyntax = SyntaxDocument;

export interface SyntaxBinding {
  open(text: string): LiveSyntax;
  /** the plain copy of a document's current tree that features and the analysis walk; given the copy of an
   *  earlier version and how its offsets moved (edit-map.ts), unedited subtrees are reused instead of
   *  copied from the parse tree again. `previous` must be the last copy made of `syntax` (what changed since
   *  then is taken from it at each call). */
  rootOf(syntax: LiveSyntax, previous?: PreviousCopy): SyntaxNodeLike;
  /** parses a whole text into a plain tree (for the formatter's before/after comparison) */
  parseRoot(text: string): SyntaxNodeLike;
  /** captures of the whole tree, or of the nodes on rows `startRow` up to (not including) `endRow` */
  highlights(syntax: LiveSyntax, rows?: { readonly startRow: number; readonly endRow: number }): HighlightCapture[];
  problems(syntax: LiveSyntax, docId: string): Diagnostic[];
  /** why highlighting is off, if it is */
  readonly highlightProblem: string | undefined;
}

export async function loadSyntaxBinding(): Promise<SyntaxBinding> {
  await initSyntax();
  const highlighter = Highlighter.load(syntaxLanguage());
  return {
    open: (text) => new SyntaxDocument(text),
    rootOf: (syntax, previous) => {
      // taken at every copy: what changed since the last one (which `previous` is, when given)
      const changed = syntax.takeChangedRanges();
      return previous && previous.root instanceof MirrorNode
        ? remirrorTree(syntax.tree, previous.root, previous.movedStart, previous.toNew, changed)
        : mirrorTree(syntax.tree);
    },
    parseRoot: (text) => {
      const tree = parseText(text);
      try {
        return mirrorTree(tree);
      } finally {
        tree.delete();
      }
    },
    highlights: (syntax, rows) => highlighter.captures(syntax.tree.rootNode, rows),
    problems: (syntax, docId) =>
      syntaxProblems(syntax.tree).map((p) => ({
        docId,
        start: p.start,
        end: p.end,
        code: 'syntax-error',
        severity: defaultSeverity('syntax-error'),
        message: p.message,
        related: [],
      })),
    highlightProblem: highlighter.problem,
  };
}
