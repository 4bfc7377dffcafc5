/**
 * ide/code-actions-spans.ts: where statements are in the text, read from the syntax tree: the whole
 *   statement (with its block) or set-form command around a word, stretched to whole lines when it stands
 *   alone on them, and where a block's closing brace is.
 * Owns: turning a word offset into the text span a quick fix removes or inserts into.
 * Must not know: the schema, diagnostics, LSP types, line/column positions.
 * Invariants: never throws; spans lie inside the text; undefined when the tree has no statement there.
 * Tests: test/src/ide/code-actions.test.ts
 */
import type { Node } from '../syntax/parser';

/** The innermost `statement` or `command` node holding the character at `offset`. */
export function statementAround(root: Node, offset: number): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(offset, offset); n; n = n.parent) {
    if (n.type === 'statement' || n.type === 'command') return n;
  }
  return undefined;
}

/** The statement/command whose first word starts at `offset` (the statement a keyword opens). */
export function statementStartingAt(root: Node, offset: number): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(offset, offset); n; n = n.parent) {
    if (n.type === 'command') return n;
    if (n.type === 'statement') {
      const modifier = n.childForFieldName('modifier');
      const firstWord = n.children.find((c) => c && c !== modifier && c.type !== 'comment');
      return firstWord && firstWord.startIndex === offset ? n : undefined;
    }
  }
  return undefined;
}

/** `[start, end)` stretched to whole lines when only blanks (and a trailing `#` comment) share them. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const s = /^[ \t]*$/.test(text.slice(lineStart, start)) ? lineStart : start;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const rest = text.slice(end, lineEnd);
  const e = /^[ \t]*(#.*)?\r?$/.test(rest) ? (nl < 0 ? text.length : nl + 1) : end;
  return { start: s, end: e };
}

/** The leading blanks of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The closing `}` of a statement's block (undefined for `name;` statements and missing braces). */
export function closingBrace(statement: Node): Node | undefined {
  const body = statement.childForFieldName('body');
  const last = body?.lastChild;
  return last && last.type === '}' && !last.isMissing ? last : undefined;
}

/** Which forms the document is written in, read from its first and last top-level items and the one at
 *  `offset` (comments skipped): constant time on a 100k-line file. A file mixing both forms in the
 *  middle only (curly, then set, then curly again) reads as its ends say. */
export function topLevelKinds(root: Node, offset?: number): { statements: boolean; commands: boolean } {
  const found = { statements: false, commands: false };
  const note = (n: Node | null, step: (n: Node) => Node | null): void => {
    for (let i = 0; n && i < 64; n = step(n), i++) {
      if (n.type === 'statement') return void (found.statements = true);
      if (n.type === 'command' || n.type === 'banner') return void (found.commands = true);
    }
  };
  note(root.firstChild, (n) => n.nextSibling);
  note(root.lastChild, (n) => n.previousSibling);
  if (offset !== undefined) note(root.firstChildForIndex(offset), (n) => n.nextSibling);
  return found;
}

/** The top-level statements/commands/banners overlapping `[start, end)`, in order. */
export function topLevelIn(root: Node, start: number, end: number): Node[] {
  const first = root.firstChildForIndex(start);
  const out: Node[] = [];
  for (let n: Node | null = first; n && n.startIndex < end; n = n.nextSibling) {
    if (n.endIndex > start && (n.type === 'statement' || n.type === 'command' || n.type === 'banner')) out.push(n);
  }
  return out;
}
