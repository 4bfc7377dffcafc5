/**
 * ide/completion-cursor.ts: what completion needs to know about a cursor, in one value: the form
 *   (curly or set), what is expected (a command verb, a statement, a list key, a value), the statement
 *   path before it, the word being typed and the range it replaces, the line's indentation and what
 *   follows on the line.
 * Owns: turning the model's `contextAt` into that value; staying quiet inside `#` comments and
 *   annotations (a look at the characters around the cursor); and two corrections the model does not make
 *   yet: a fresh line right after a `set`/`edit` command is a new command (not the command's
 *   continuation), and a half-typed word the model did not attach to a statement is still the word
 *   being typed (found by scanning word characters left and right of the cursor, never by parsing).
 * Must not know: LSP, completion item layout, the schema beyond the nodes the model hands over.
 * Invariants: never throws; replaceStart <= offset <= replaceEnd, all within the text.
 * Tests: test/src/ide/completion.test.ts
 */
import type { ConfigModel } from '../model/index';
import type { SchemaNode } from '../schema/types';

export type CursorMode = 'command' | 'statement' | 'key' | 'value';

export interface CompletionCursor {
  readonly form: 'curly' | 'set';
  readonly mode: CursorMode;
  /** the verb of the command being typed (set form) */
  readonly verb: string | undefined;
  /** statement path words with keys from the root up to the cursor; in key/value mode the statement's
   *  own keyword (the carrier) is not included */
  readonly words: readonly string[];
  /** statement mode: the node whose children may come next */
  readonly parent: SchemaNode | undefined;
  /** key/value mode: the list or leaf whose key or value comes next */
  readonly carrier: SchemaNode | undefined;
  /** set form: the edit level commands on this line are relative to (words with keys) */
  readonly level: readonly string[];
  /** the part of the current word before the cursor */
  readonly typed: string;
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** leading blanks of the cursor's line */
  readonly indent: string;
  /** what follows the replaced word on the same line, trimmed */
  readonly restOfLine: string;
}

const WORD_CHAR = /[^\s{};[\]"#]/;

function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
  return { start, end };
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, end };
}

/** The edit level after a navigation command, from its level and words. */
function levelAfter(verb: string | undefined, level: readonly string[], words: readonly string[]): string[] {
  if (verb === 'edit') return [...level, ...words];
  if (verb === 'top') return [];
  return [...level];
}

/** Reads the cursor at `offset` of document `docId` (whose text is `text`). */
export function cursorAt(model: ConfigModel, docId: string, text: string, offset: number): CompletionCursor | undefined {
  const at = Math.max(0, Math.min(offset, text.length));
  const line = lineBounds(text, at);
  if (inCommentOrAnnotation(text, line.start, at)) return undefined;
  const ctx = model.contextAt(docId, at);
  if (!ctx) return undefined;
  const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
  const around = ctx.partial
    ? { start: ctx.partial.source.start, end: Math.max(ctx.partial.source.end, at) }
    : wordAround(text, at);
  const typed = text.slice(around.start, at);
  const restOfLine = text.slice(around.end, line.end).trim();
  const base = { typed, replaceStart: around.start, replaceEnd: around.end, indent, restOfLine };

  const beforeOnLine = ctx.before.filter((w) => w.source.start >= line.start);
  const firstOnLine = text.slice(line.start, around.start).trim() === '';
  if (ctx.form === 'set' || ctx.verb !== undefined) {
    const commandOnEarlierLine = ctx.verb !== undefined && beforeOnLine.length === 0 && !lineHasVerb(text, line.start, around.start);
    if (commandOnEarlierLine) {
      // the model still sees the previous command; this line starts a new one at the level it left
      const level = levelAfter(ctx.verb, ctx.path, ctx.before.map((w) => w.text));
      return { ...base, form: 'set', mode: 'command', verb: undefined, words: level, parent: undefined, carrier: undefined, level };
    }
    if (ctx.verb === undefined || firstOnLine) {
      return { ...base, form: 'set', mode: 'command', verb: undefined, words: ctx.path, parent: undefined, carrier: undefined, level: ctx.path };
    }
  }
  const words = [...ctx.path, ...ctx.before.map((w) => w.text)];
  const form = ctx.form;
  const level = ctx.path;
  if (ctx.expecting.kind === 'statement') {
    return { ...base, form, mode: 'statement', verb: ctx.verb, words, parent: ctx.schema, carrier: undefined, level };
  }
  const carrier = ctx.expecting.schema;
  const last = words[words.length - 1];
  const holderWords = last === carrier.name && !carrier.nokeyword ? words.slice(0, -1) : words;
  return { ...base, form, mode: ctx.expecting.kind, verb: ctx.verb, words: holderWords, parent: undefined, carrier, level };
}

/** True when the text between the line start and `end` already holds a command verb. */
function lineHasVerb(text: string, lineStart: number, end: number): boolean {
  return /^\s*[a-z]+\s/.test(text.slice(lineStart, end));
}

/** Annotations longer than this are not looked for (they are one-liners in practice). */
const ANNOTATION_REACH = 2000;

/** True when the cursor is after a `#` that starts a comment on its line, or inside an annotation. */
function inCommentOrAnnotation(text: string, lineStart: number, offset: number): boolean {
  let quoted = false;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (ch === '#' && !quoted && (i === lineStart || /\s/.test(text[i - 1]!))) return true;
  }
  const from = Math.max(0, offset - ANNOTATION_REACH);
  const window = text.slice(from, offset);
  const open = window.lastIndexOf('/*');
  return open >= 0 && window.indexOf('*/', open + 2) < 0;
}
