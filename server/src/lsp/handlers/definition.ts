/**
 * lsp/handlers/definition.ts: `textDocument/definition`.
 * Owns: answering `LocationLink`s when the client supports them (origin = the word under the cursor,
 *   selection = the definition's name word), plain `Location`s otherwise.
 * Must not know: how definitions are resolved (ide/definition.ts).
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { Location, LocationLink } from 'vscode-languageserver/node';
import { definitionAt } from '../../ide/definition';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { positionRequest } from '../position-request';

export function definition(ctx: ServerContext, params: unknown): Location[] | LocationLink[] | null {
  const request = positionRequest(ctx, params);
  if (!request) return null;
  const { doc, analysis, offset } = request;
  const linesFor = (docId: string) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  const links: LocationLink[] = [];
  for (const target of definitionAt(analysis, doc.uri, offset)) {
    const lines = linesFor(target.docId);
    if (!lines) continue;
    links.push({
      originSelectionRange: toRange(doc.lines, target.originStart, target.originEnd),
      targetUri: target.docId,
      targetRange: toRange(lines, target.start, target.end),
      targetSelectionRange: toRange(lines, target.targetStart, target.targetEnd),
    });
  }
  if (ctx.flags.definitionLinks) return links;
  return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
}
