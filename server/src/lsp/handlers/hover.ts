/**
 * lsp/handlers/hover.ts: `textDocument/hover`.
 * Owns: calling `ide/hover` on the document's analysis (the last one while a newer is pending, see
 *   position-request.ts) and converting its markdown and range (mapped to the current text).
 * Must not know: what a hover says (ide decides, secrets masked there).
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { Hover } from 'vscode-languageserver/node';
import { hover as hoverAt } from '../../ide/hover';
import type { ServerContext } from '../context';
import { toHover } from '../convert-features';
import { positionRequestAllowingStale } from '../position-request';

export function hover(ctx: ServerContext, params: unknown): Hover | null {
  const request = positionRequestAllowingStale(ctx, params);
  if (!request) return null;
  const { doc, analysis, schema, platform, offset, toCurrent } = request;
  const found = hoverAt({ model: analysis.model, docId: doc.uri, offset, schema, platform });
  if (!found) return null;
  const start = toCurrent(found.start);
  const end = toCurrent(found.end);
  return start === undefined || end === undefined ? null : toHover(doc.lines, { ...found, start, end });
}
