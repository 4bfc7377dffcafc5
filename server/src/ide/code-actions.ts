/**
 * ide/code-actions.ts: quick fixes for the diagnostics at a range, and refactors converting the document
 *   or the selected statements between curly and set form.
 *   Quick fixes: did-you-mean replacements (`replace` data, and the closest configured names for an
 *   undefined reference), creating a missing definition as a stub (code-actions-stub.ts), removing an
 *   unused definition (with the blocks that would be left empty, or all its set lines), a duplicate, or
 *   the words a diagnostic names (`remove` data), and moving a statement one level down where `move` data
 *   says it belongs and the target entry is unambiguous (set form: insert the entry's words; curly form:
 *   wrap it in a block of that entry). Selection conversions work on whole top-level items only.
 * Owns: which actions a diagnostic gets, their titles and order; the conversion refactors.
 * Must not know: LSP types, line/column positions; how diagnostics are found (their `data` says what to do).
 * Cost: quick fixes and selection conversions carry their edits; whole-document conversions come back
 *   with `resolve` set and no edits (printing a 100k-line file on every lightbulb request is too slow):
 *   `resolveCodeAction` computes them when the user picks one (LSP `codeAction/resolve`).
 * Invariants: never throws; edits of one action never overlap and are sorted; no refactor is offered
 *   on a document with syntax errors (nothing may be lost); applying an action's edits leaves a document
 *   that parses with no new syntax errors.
 * Tests: test/src/ide/code-actions.test.ts
 */
import type { Diagnostic, DocumentAnalysis } from '../analysis/index';
import { buildConfig, quoteWord, toCurly, toSetCommands, type ConfigNode } from '../model/index';
import { didYouMean } from '../schema/index';
import type { Schema } from '../schema/types';
import { parseText, type Node, type Tree } from '../syntax/parser';
import { indentAt, statementAround, statementStartingAt, topLevelIn, topLevelKinds, wholeLines } from './code-actions-spans';
import { createStubEdit } from './code-actions-stub';
import type { TextEdit } from './rename';

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite' | 'source';
  readonly diagnostics?: readonly Diagnostic[];
  /** empty for an action still to resolve (see `resolve`) */
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
  /** set on whole-document conversions, whose edits cost a full print: `resolveCodeAction` computes them */
  readonly resolve?: { readonly convertDocumentTo: 'set' | 'curly' };
}

/** Actions for `range` of document `docId` (whose text is `text`), given the diagnostics the editor sent. */
export function codeActions(
  analysis: DocumentAnalysis,
  docId: string,
  range: { readonly start: number; readonly end: number },
  diagnostics: readonly Diagnostic[],
  schema: Schema,
  text: string,
  /** the document's current syntax tree, when the caller keeps one (else the text is parsed here) */
  tree?: Tree,
): CodeAction[] {
  const own = tree ? undefined : parseText(text);
  try {
    const root = (tree ?? own!).rootNode;
    const out: CodeAction[] = [];
    for (const d of diagnostics) {
      if (d.docId !== docId || d.end < range.start || d.start > range.end) continue;
      out.push(...quickFixes(analysis, d, schema, text, root));
    }
    if (!root.hasError) out.push(...conversions(analysis, docId, range, schema, text, root));
    return out;
  } finally {
    (own as { delete?: () => void } | undefined)?.delete?.();
  }
}

/** Fills in the edits of an action returned with `resolve` (a whole-document conversion); others are returned as they are. */
export function resolveCodeAction(
  docId: string,
  action: CodeAction,
  schema: Schema,
  text: string,
  /** the tree of `text`, when the caller keeps one (else the text is parsed here) */
  tree?: Tree,
): CodeAction {
  const to = action.resolve?.convertDocumentTo;
  if (!to) return action;
  const own = tree ? undefined : parseText(text);
  const used = tree ?? own!;
  try {
    if (used.rootNode.hasError) return { ...action, edits: [] };
    const model = buildConfig({ id: docId, text, tree: used }, schema);
    const newText = to === 'set' ? toSetCommands(model.root) : toCurly(model.root);
    const { resolve: _done, ...resolved } = action;
    return { ...resolved, edits: [{ docId, start: 0, end: text.length, newText }] };
  } finally {
    (own as { delete?: () => void } | undefined)?.delete?.();
  }
}

function quickFixes(analysis: DocumentAnalysis, d: Diagnostic, schema: Schema, text: string, root: Node): CodeAction[] {
  const out: CodeAction[] = [];
  const docId = d.docId;
  const fix = (title: string, edits: TextEdit[], isPreferred = false): void => {
    if (edits.length > 0) out.push({ title, kind: 'quickfix', diagnostics: [d], edits: sortEdits(edits), ...(isPreferred ? { isPreferred } : {}) });
  };
  const data = d.data;
  if (data?.kind === 'replace') {
    data.replacements.forEach((r, i) => fix(`Change to '${r}'`, [{ docId, start: d.start, end: d.end, newText: quoteWord(r) }], i === 0));
  }
  if (data?.kind === 'create-definition') {
    if (d.code === 'undefined-reference') {
      suggestedNames(analysis, d, data.path, data.name).forEach((name, i) => fix(`Change to '${name}'`, [{ docId, start: d.start, end: d.end, newText: quoteWord(name) }], i === 0));
    }
    const stub = createStubEdit(analysis.model, docId, text, root, schema, data.path, data.name);
    if (stub) fix(stub.title, [stub.edit], out.length === 0);
  }
  if (data?.kind === 'remove') {
    const edits = data.spans.filter((s) => s.docId === docId).map((s) => removal(docId, text, s.start, s.end));
    fix(`Remove '${data.spans.map((s) => text.slice(s.start, s.end)).join(' ')}'`, edits, true);
  }
  if (d.code === 'unused-definition') {
    const def = analysis.references.definitionAt(docId, d.start);
    if (def) fix(`Remove unused '${def.node.keyword} ${def.name}'`, statementRemovals(def.node.origin?.node ?? def.node, docId, text, root));
  }
  if (d.code === 'duplicate-definition' || d.code === 'duplicate-statement') {
    const statement = statementAround(root, d.start);
    if (statement) fix(`Remove the duplicate '${text.slice(d.start, d.end)}'`, [removal(docId, text, statement.startIndex, statement.endIndex)], true);
  }
  if (data?.kind === 'move') {
    const moved = moveEdit(analysis, d, data.toPath, text, root);
    if (moved) fix(moved.title, [moved.edit], true);
  }
  return out;
}

/** Configured names close to an undefined one: the one the diagnostic points at first, then names that
 *  contain it (or it them), then near spellings. */
function suggestedNames(analysis: DocumentAnalysis, d: Diagnostic, path: readonly string[], name: string): string[] {
  const names: string[] = [];
  for (const r of d.related) {
    const def = analysis.references.definitionAt(r.docId, r.start);
    if (def && def.kind === path.join(' ')) names.push(def.name);
  }
  const existing = analysis.model.all([...path, '*']).map((n) => n.keys[0]?.text ?? '');
  names.push(...existing.filter((e) => e.length > 0 && (e.includes(name) || name.includes(e))));
  names.push(...didYouMean(name, existing));
  return [...new Set(names)].filter((n) => n !== '' && n !== name);
}

/** Removes `[start, end)`, whole lines when it stands alone on them, else with one neighbouring blank. */
function removal(docId: string, text: string, start: number, end0: number): TextEdit {
  const end = end0 > start && text[end0 - 1] === '\n' ? end0 - 1 : end0;
  const lines = wholeLines(text, start, end);
  const startsLine = lines.start === text.lastIndexOf('\n', start - 1) + 1;
  const endsLine = lines.end === text.length || text[lines.end - 1] === '\n';
  if (startsLine && endsLine) return { docId, start: lines.start, end: lines.end, newText: '' };
  // other words share the line: remove these words and one blank next to them
  const e = text[end] === ' ' ? end + 1 : end;
  const s = e === end && text[start - 1] === ' ' ? start - 1 : start;
  return { docId, start: s, end: e, newText: '' };
}

/** Every statement of this document that writes the node: its curly statements, or its set lines. */
function statementRemovals(node: ConfigNode, docId: string, text: string, root: Node): TextEdit[] {
  const spans = new Map<number, Node>();
  // preorder with an explicit stack: free-form words nest one node per word, deeper than recursion goes
  const visit = (top: ConfigNode): void => {
    const stack: ConfigNode[] = [top];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const w of [...n.mentions, ...n.values]) {
        if (w.source.docId !== docId || w.kind === 'synthetic') continue;
        const around = statementAround(root, w.source.start);
        if (around?.type === 'command') spans.set(around.startIndex, around);
      }
      for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]!);
    }
  };
  for (const w of node.mentions) {
    if (w.source.docId !== docId) continue;
    const statement = statementStartingAt(root, w.source.start);
    if (statement?.type === 'statement') {
      const whole = outermostAlone(statement);
      spans.set(whole.startIndex, whole);
    }
  }
  visit(node);
  return dropNested([...spans.values()].map((s) => removal(docId, text, s.startIndex, s.endIndex)));
}

/** The statement, or the enclosing statement it is the only statement of (repeatedly), so that removing
 *  it leaves no empty `ike { }` behind. */
function outermostAlone(statement: Node): Node {
  let current = statement;
  for (;;) {
    const block = current.parent;
    const holder = block?.type === 'block' ? block.parent : null;
    if (!block || !holder || holder.type !== 'statement') return current;
    if (block.namedChildren.some((c) => c && c.type === 'statement' && c.id !== current.id)) return current;
    current = holder;
  }
}

function dropNested(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextEdit[] = [];
  for (const e of sorted) if (!out.some((o) => e.start >= o.start && e.end <= o.end)) out.push(e);
  return out;
}

function sortEdits(edits: TextEdit[]): TextEdit[] {
  return dropNested(edits).sort((a, b) => a.start - b.start);
}

/** A statement written one level too high (`move` data): put it inside the single entry of the list it
 *  belongs to. Set form: the entry's words go before the statement's words (the command's earlier words
 *  must end the path above the list, so edit levels are respected). Curly form: the statement is wrapped
 *  in a block of that entry, which Junos merges into the existing one. Ambiguous targets get no action. */
function moveEdit(analysis: DocumentAnalysis, d: Diagnostic, toPath: readonly string[], text: string, root: Node): { title: string; edit: TextEdit } | undefined {
  const statement = statementAround(root, d.start);
  if (!statement || toPath.length === 0) return undefined;
  const entries = analysis.model.all([...toPath, '*']);
  if (entries.length !== 1) return undefined;
  const list = toPath[toPath.length - 1]!;
  const key = entries[0]!.keys[0]?.text;
  if (key === undefined) return undefined;
  const entryWords = `${quoteWord(list)} ${quoteWord(key)}`;
  const title = `Move '${text.slice(d.start, d.end).split(/\s/)[0]}' into '${list} ${key}'`;
  if (statement.type === 'command') {
    const before = text.slice(statement.startIndex, d.start).trim().split(/\s+/).slice(1);
    const above = toPath.slice(0, -1);
    const suffix = above.slice(above.length - before.length);
    if (before.length > above.length || before.some((w, i) => w !== suffix[i])) return undefined;
    return { title, edit: { docId: d.docId, start: d.start, end: d.start, newText: `${entryWords} ` } };
  }
  if (statement.startIndex !== d.start) return undefined;
  const indent = indentAt(text, statement.startIndex);
  const body = text.slice(statement.startIndex, statement.endIndex).replace(/\n/g, '\n    ');
  return { title, edit: { docId: d.docId, start: statement.startIndex, end: statement.endIndex, newText: `${entryWords} {\n${indent}    ${body}\n${indent}}` } };
}

/** `[start, end)` widened to the start of its first line and the end of its last line. */
function lineBounds(text: string, start: number, end: number): { start: number; end: number } {
  const first = text.lastIndexOf('\n', start - 1) + 1;
  const nl = end > start && text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  return { start: first, end: nl < 0 ? text.length : nl + 1 };
}

/** Whole-document and selection conversions (only on text without syntax errors). */
function conversions(analysis: DocumentAnalysis, docId: string, range: { start: number; end: number }, schema: Schema, text: string, root: Node): CodeAction[] {
  const out: CodeAction[] = [];
  const kinds = topLevelKinds(root, range.start);
  if (kinds.statements) out.push({ title: 'Convert the document to set form', kind: 'source', edits: [], resolve: { convertDocumentTo: 'set' } });
  if (kinds.commands) out.push({ title: 'Convert the document to curly form', kind: 'source', edits: [], resolve: { convertDocumentTo: 'curly' } });
  if (range.end <= range.start) return out;
  const lines = lineBounds(text, range.start, range.end);
  const touched = topLevelIn(root, range.start, range.end);
  if (touched.length === 0 || touched.some((t) => t.startIndex < lines.start || t.endIndex > lines.end)) return out;
  const first = touched[0]!;
  const last = touched[touched.length - 1]!;
  const slice = text.slice(first.startIndex, last.endIndex);
  const sliceTree = parseText(slice + (touched.every((t) => t.type === 'command') && !slice.endsWith('\n') ? '\n' : ''));
  try {
    const model = buildConfig({ id: docId, text: slice, tree: sliceTree }, schema);
    const span = { docId, start: first.startIndex, end: last.endIndex };
    const fit = (printed: string): string => (slice.endsWith('\n') ? printed : printed.replace(/\n$/, ''));
    if (touched.every((t) => t.type === 'statement')) {
      out.push({ title: 'Convert the selected statements to set form', kind: 'refactor.rewrite', edits: [{ ...span, newText: fit(toSetCommands(model.root)) }] });
    } else if (touched.every((t) => t.type === 'command' && t.childForFieldName('verb')?.text === 'set') && analysis.model.contextAt(docId, first.startIndex)?.node.role === 'root') {
      out.push({ title: 'Convert the selected commands to curly form', kind: 'refactor.rewrite', edits: [{ ...span, newText: fit(toCurly(model.root)) }] });
    }
  } finally {
    (sliceTree as { delete?: () => void }).delete?.();
  }
  return out;
}
