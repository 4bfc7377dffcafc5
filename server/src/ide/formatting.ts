/**
 * ide/formatting.ts: document and range formatting in Junos's canonical layout.
 * Owns: the spacing between tokens: one item (statement, command, banner, comment, annotation) a line,
 *   4 spaces per block level as `show` prints, single spaces between the words of an item, `;` attached,
 *   a space before `{`, trailing comments kept on their line, at most one blank line kept between items,
 *   one final newline. Set lines come out unindented with single spaces.
 * Must not know: LSP types, the schema, how the text is parsed (the caller passes `reparse`).
 * Invariants: only whitespace between tokens changes, never a token; the result is re-parsed and its token
 *   sequence compared with the original, and formatting is refused (no edits, a reason) when they differ or
 *   when the document has syntax errors; formatting formatted text gives no edits (idempotent); never throws.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts
 */
import type { SyntaxNodeLike } from '../model/source';
import { childrenOf, hasSyntaxErrors, isWord, ITEM_KINDS, leafTokens } from './syntax-shape';

export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type FormatOutcome =
  | { readonly ok: true; readonly edits: TextReplacement[] }
  | { readonly ok: false; readonly reason: string };

export interface FormatRequest {
  /** parses a text to the root of its tree (the verification step re-parses the formatted text) */
  readonly reparse: (text: string) => SyntaxNodeLike;
  /** only the whitespace in front of tokens starting inside this span changes */
  readonly range?: { readonly start: number; readonly end: number };
}

const INDENT = '    ';

interface Token {
  readonly node: SyntaxNodeLike;
  /** number of enclosing blocks */
  readonly depth: number;
  /** first token of a statement/command/banner/comment/annotation directly in a block or the document */
  readonly startsItem: boolean;
  readonly inCommand: boolean;
  readonly inBanner: boolean;
}

export function formatJunos(text: string, root: SyntaxNodeLike, request: FormatRequest): FormatOutcome {
  if (hasSyntaxErrors(root)) return { ok: false, reason: 'the document has syntax errors; fix them before formatting' };
  const tokens = layoutTokens(root);
  const newline = /\r\n/.test(text.slice(0, 65536)) ? '\r\n' : '\n';
  const edits: TextReplacement[] = [];
  const inRange = (offset: number): boolean => !request.range || (offset >= request.range.start && offset <= request.range.end);

  let previous: Token | undefined;
  for (const token of tokens) {
    const gapStart = previous ? previous.node.endIndex : 0;
    const gap = text.slice(gapStart, token.node.startIndex);
    if (/\S/.test(gap)) return { ok: false, reason: 'the document holds text outside the syntax tree; left unchanged' };
    const wanted = previous ? separator(text, previous, token, gap, newline) : '';
    if (wanted !== gap && inRange(token.node.startIndex)) edits.push({ start: gapStart, end: token.node.startIndex, newText: wanted });
    previous = token;
  }
  if (previous) {
    const tail = text.slice(previous.node.endIndex);
    if (/\S/.test(tail)) return { ok: false, reason: 'the document holds text outside the syntax tree; left unchanged' };
    if (tail !== newline && (!request.range || request.range.end >= previous.node.endIndex)) {
      edits.push({ start: previous.node.endIndex, end: text.length, newText: newline });
    }
  }
  if (edits.length === 0) return { ok: true, edits };

  const formatted = applyReplacements(text, edits);
  const after = request.reparse(formatted);
  if (hasSyntaxErrors(after) || !sameTokens(text, root, formatted, after)) {
    return { ok: false, reason: 'formatting would change the words of the configuration; left unchanged' };
  }
  return { ok: true, edits };
}

/** The whitespace the canonical layout puts between two tokens. */
function separator(text: string, a: Token, b: Token, gap: string, newline: string): string {
  const lineBreaks = (gap.match(/\r\n|\r|\n/g) ?? []).length;
  const aText = text.slice(a.node.startIndex, a.node.endIndex);
  const bType = b.node.type;
  if (bType === 'comment' && lineBreaks === 0 && !b.inCommand) return ' ';
  const closesBlock = bType === '}' && !b.inBanner;
  if (b.startsItem || closesBlock) {
    const depth = closesBlock ? Math.max(0, b.depth - 1) : b.depth;
    const blank = lineBreaks >= 2 && !closesBlock && aText !== '{' ? newline : '';
    return newline + blank + INDENT.repeat(depth);
  }
  // inside one item
  if (lineBreaks > 0 && (b.inCommand || a.node.type === 'comment')) return gap; // a line break there is meaningful
  if (bType === ';') return '';
  if (b.inBanner && (aText === '[' || bType === ']')) return '';
  return ' ';
}

function layoutTokens(root: SyntaxNodeLike): Token[] {
  const out: Token[] = [];
  interface Frame {
    node: SyntaxNodeLike;
    depth: number;
    startsItem: boolean;
    inCommand: boolean;
    inBanner: boolean;
  }
  const stack: Frame[] = [{ node: root, depth: 0, startsItem: false, inCommand: false, inBanner: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    const kids = childrenOf(node);
    if (isWord(node) || node.type === 'comment' || node.type === 'annotation' || kids.length === 0) {
      if (node.endIndex > node.startIndex) out.push(frame);
      continue;
    }
    const container = node.type === 'block' || node.type === 'configuration';
    const childDepth = node.type === 'block' ? frame.depth + 1 : frame.depth;
    const inCommand = frame.inCommand || node.type === 'command';
    const inBanner = frame.inBanner || node.type === 'banner';
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i]!;
      const startsItem = (container && ITEM_KINDS.has(kid.type)) || (i === 0 && frame.startsItem);
      stack.push({ node: kid, depth: childDepth, startsItem, inCommand, inBanner });
    }
  }
  return out;
}

function applyReplacements(text: string, edits: readonly TextReplacement[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function sameTokens(beforeText: string, before: SyntaxNodeLike, afterText: string, after: SyntaxNodeLike): boolean {
  const a = leafTokens(before);
  const b = leafTokens(after);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.type !== y.type) return false;
    if (beforeText.slice(x.startIndex, x.endIndex) !== afterText.slice(y.startIndex, y.endIndex)) return false;
  }
  return true;
}
