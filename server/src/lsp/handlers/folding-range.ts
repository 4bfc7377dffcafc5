/**
 * lsp/handlers/folding-range.ts: `textDocument/foldingRange`.
 * Owns: looking up the document and converting `ide/folding-ranges` regions, found with the regions kept
 *   per syntax node across versions (`FoldingMemo`: an edit costs what it touches), cut to the smaller of
 *   `junos.maxItemsComputed` and the client's `rangeLimit`, outer regions first (ide/result-limit.ts; the
 *   conversion's own `rangeLimit` cut then keeps them all), told once per document (lsp/limit-notice.ts).
 * Must not know: which regions fold (ide decides).
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts, test/src/lsp/result-limit.test.ts
 */
import type { FoldingRange } from 'vscode-languageserver/node';
import { FoldingMemo, foldingRegions } from '../../ide/folding-ranges';
import { outerRegions } from '../../ide/result-limit';
import type { ServerContext } from '../context';
import { toFoldingRanges } from '../convert';
import { itemLimit, noteLimited } from '../limit-notice';
import { textDocumentUri } from '../params';

/** Keyed weakly by the nodes of the documents' tree copies: shared by every document, freed with them. */
const kept = new FoldingMemo();

export function foldingRange(ctx: ServerContext, params: unknown): FoldingRange[] | null {
  const doc = ctx.documents.snapshot(textDocumentUri(params));
  if (!doc) return null;
  const limit = itemLimit(ctx, 'folding');
  const limited = outerRegions(foldingRegions(doc.text, doc.root, doc.lines, kept, doc.uri), limit);
  if (limited.cut) noteLimited(ctx, doc.uri, 'folding', limit);
  return toFoldingRanges(limited.items, ctx.flags);
}
