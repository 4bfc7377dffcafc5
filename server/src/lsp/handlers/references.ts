/**
 * lsp/handlers/references.ts: `textDocument/references`.
 * Owns: reading `context.includeDeclaration` and converting the spans to locations.
 * Must not know: how references are found (ide/references.ts, the analysis's reference index).
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { Location } from 'vscode-languageserver/node';
import { referencesAt } from '../../ide/references';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { objectParam } from '../params';
import { positionRequest } from '../position-request';

export function references(ctx: ServerContext, params: unknown): Location[] | null {
  const request = positionRequest(ctx, params);
  if (!request) return null;
  const context = objectParam(params)['context'];
  const includeDeclaration = typeof context === 'object' && context !== null && (context as { includeDeclaration?: unknown }).includeDeclaration === true;
  const { doc, analysis, offset } = request;
  const out: Location[] = [];
  for (const span of referencesAt(analysis, doc.uri, offset, includeDeclaration)) {
    const lines = span.docId === doc.uri ? doc.lines : ctx.documents.snapshot(span.docId)?.lines;
    if (lines) out.push({ uri: span.docId, range: toRange(lines, span.start, span.end) });
  }
  return out;
}
