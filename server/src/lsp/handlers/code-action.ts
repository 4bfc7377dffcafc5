/**
 * lsp/handlers/code-action.ts: `textDocument/codeAction`.
 * Owns: finding the analysis diagnostics the client sent back (same code and range: the client's copies
 *   lost our `data`), filtering by `context.only`, converting actions to LSP `CodeAction`s with a
 *   `WorkspaceEdit` and the client's own diagnostic objects; whole-document conversions are sent without
 *   edits and with `data` when the client can resolve them (`codeAction/resolve` prints then), else resolved
 *   at once.
 * Must not know: which fixes a diagnostic gets (ide/code-actions.ts).
 * Tests: test/src/lsp/language-features.test.ts
 */
import { type CodeAction as LspCodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../../analysis/index';
import { type CodeAction, codeActions, resolveCodeAction } from '../../ide/code-actions';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { toWorkspaceEdit } from '../convert-features';
import { InvalidParams, objectParam, rangeParam, stringField } from '../params';
import { documentRequest } from '../position-request';
import type { DocumentSnapshot } from '../stores/documents';
import type { LiveSyntax } from '../syntax-binding';
import type { Tree } from '../../syntax/parser';

export function codeAction(ctx: ServerContext, params: unknown): LspCodeAction[] | null {
  const object = objectParam(params);
  const range = rangeParam(object['range']);
  const context = objectParam(object['context'] ?? {}, 'params.context');
  const sent = Array.isArray(context['diagnostics']) ? (context['diagnostics'] as LspDiagnostic[]) : [];
  const only = Array.isArray(context['only']) ? context['only'].filter((k): k is string => typeof k === 'string') : undefined;
  const request = documentRequest(ctx, params);
  if (!request) return null;
  const { doc, analysis, schema } = request;
  const span = { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };

  const matched = new Map<Diagnostic, LspDiagnostic>();
  for (const ours of analysis.diagnostics) {
    if (ours.docId !== doc.uri || ours.end < span.start || ours.start > span.end) continue;
    const ourRange = toRange(doc.lines, ours.start, ours.end);
    const theirs = sent.find((s) => typeof s === 'object' && s !== null && s.code === ours.code && sameRange(s.range, ourRange));
    if (theirs) matched.set(ours, theirs);
  }
  const linesFor = (docId: string) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  const out: LspCodeAction[] = [];
  const tree = liveTree(doc);
  for (const found of codeActions(analysis, doc.uri, span, [...matched.keys()], schema, doc.text, tree)) {
    if (only && !only.some((k) => found.kind === k || found.kind.startsWith(`${k}.`))) continue;
    const deferred = found.resolve !== undefined && ctx.flags.codeActionResolve;
    const action = found.resolve !== undefined && !deferred ? resolveCodeAction(doc.uri, found, schema, doc.text, tree) : found;
    const converted: LspCodeAction = { title: action.title, kind: action.kind };
    if (deferred) converted.data = { uri: doc.uri, resolve: found.resolve } satisfies ResolveData;
    else converted.edit = toWorkspaceEdit(action.edits, linesFor);
    if (action.diagnostics) converted.diagnostics = action.diagnostics.map((d) => matched.get(d)).filter((d): d is LspDiagnostic => d !== undefined);
    if (action.isPreferred) converted.isPreferred = true;
    out.push(converted);
  }
  return out;
}

/** The document's own, incrementally kept tree (the ide layer would otherwise parse the whole text again);
 *  undefined in the moment it does not describe the snapshot's text. */
function liveTree(doc: DocumentSnapshot<LiveSyntax>): Tree | undefined {
  return doc.syntax.text === doc.text ? doc.syntax.tree : undefined;
}

interface ResolveData {
  readonly uri: string;
  readonly resolve: NonNullable<CodeAction['resolve']>;
}

/** `codeAction/resolve`: the edits of a whole-document conversion, printed from the document's current text. */
export function codeActionResolve(ctx: ServerContext, params: unknown): LspCodeAction {
  const action = objectParam(params) as unknown as LspCodeAction;
  if (typeof action.title !== 'string') throw new InvalidParams('params.title must be a string');
  const data = objectParam(action.data, 'params.data');
  const uri = stringField(data, 'uri', 'params.data');
  const resolve = objectParam(data['resolve'], 'params.data.resolve');
  const target = resolve['convertDocumentTo'];
  if (target !== 'set' && target !== 'curly') throw new InvalidParams('params.data.resolve.convertDocumentTo must be "set" or "curly"');
  const request = documentRequest(ctx, { textDocument: { uri } });
  if (!request) return action;
  const { doc, schema } = request;
  const resolved = resolveCodeAction(uri, { title: action.title, kind: 'source', edits: [], resolve: { convertDocumentTo: target } }, schema, doc.text, liveTree(doc));
  return { ...action, edit: toWorkspaceEdit(resolved.edits, (docId) => (docId === uri ? doc.lines : undefined)) };
}

function sameRange(a: unknown, b: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  const r = a as typeof b | undefined;
  return (
    r !== undefined &&
    r !== null &&
    r.start?.line === b.start.line &&
    r.start?.character === b.start.character &&
    r.end?.line === b.end.line &&
    r.end?.character === b.end.character
  );
}
