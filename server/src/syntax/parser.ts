/**
 * syntax/parser.ts: the syntax layer's public API (the one module other layers import).
 * Owns: nothing of its own; re-exports loading/parsing (language.ts), incremental documents
 *   (document.ts), the changed windows of a flat tree (changed-windows.ts), syntax problems (problems.ts) and
 *   node helpers (nodes.ts).
 * Must not know: the schema, LSP.
 * Invariants: `initSyntax()` once (async), then everything is synchronous and never throws on any text.
 * Tests: test/src/syntax/*.test.ts
 */
export { findGrammarWasm, initSyntax, loadedWasmPath, parseText, syntaxLanguage, type SyntaxOptions } from './language';
export { SyntaxDocument, pointAt, type TextRange } from './document';
export { changedWindows } from './changed-windows';
export { syntaxProblems, type SyntaxProblem } from './problems';
export {
  WORD_NODE_KINDS,
  childStatements,
  commandVerb,
  isQuoted,
  isWordNode,
  statementModifier,
  unquoteWord,
  wordNodes,
  wordText,
  type Edit,
  type Language,
  type Node,
  type Point,
  type Tree,
  type WordNodeKind,
  type WordNodeLike,
} from './nodes';
