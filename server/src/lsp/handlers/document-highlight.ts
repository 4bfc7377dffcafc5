/**
 * lsp/handlers/document-highlight.ts: `textDocument/documentHighlight`.
 * Owns: converting `ide/document-highlight` spans (definition words = write, uses = read).
 * Must not know: how the spans are found.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { DocumentHighlight } from 'vscode-languageserver/node';
import { highlightsAt } from '../../ide/document-highlight';
import type { ServerContext } from '../context';
import { toDocumentHighlight } from '../convert-features';
import { positionRequest } from '../position-request';

export function documentHighlight(ctx: ServerContext, params: unknown): DocumentHighlight[] | null {
  const request = positionRequest(ctx, params);
  if (!request) return null;
  const { doc, analysis, offset } = request;
  return highlightsAt(analysis, doc.uri, offset).map((h) => toDocumentHighlight(doc.lines, h));
}
