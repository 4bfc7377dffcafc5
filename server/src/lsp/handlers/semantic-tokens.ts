/**
 * lsp/handlers/semantic-tokens.ts: `textDocument/semanticTokens/full`, `.../full/delta` and `.../range`.
 * Owns: encoding tokens, remembering full results and answering deltas against them.
 * Must not know: which capture becomes which token (ide/token-legend.ts), how captures are found.
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver/node';
import { semanticTokens } from '../../ide/semantic-tokens';
import type { ServerContext } from '../context';
import { encodeSemanticTokens } from '../convert';
import { objectParam, rangeParam, stringField, textDocumentUri } from '../params';

export function semanticTokensFull(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const data = encodedTokens(ctx, uri);
  if (!data) return null;
  return { resultId: ctx.semanticTokens.remember(uri, data), data };
}

export function semanticTokensDelta(ctx: ServerContext, params: unknown): SemanticTokens | SemanticTokensDelta | null {
  const uri = textDocumentUri(params);
  const previous = stringField(objectParam(params), 'previousResultId');
  const data = encodedTokens(ctx, uri);
  if (!data) return null;
  const edits = ctx.semanticTokens.delta(uri, previous, data);
  const resultId = ctx.semanticTokens.remember(uri, data);
  return edits ? { resultId, edits } : { resultId, data };
}

export function semanticTokensRange(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const range = rangeParam(objectParam(params)['range']);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  const span = { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };
  const rows = { startRow: range.start.line, endRow: range.end.line + 1 };
  return { data: encodeSemanticTokens(semanticTokens(ctx.syntax.highlights(doc.syntax, rows), doc.lines, span)) };
}

function encodedTokens(ctx: ServerContext, uri: string): number[] | undefined {
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  return ctx.semanticTokens.dataFor(uri, doc.version, () => encodeSemanticTokens(semanticTokens(ctx.syntax.highlights(doc.syntax), doc.lines)));
}
