/**
 * lsp/handlers/folding-range.ts: `textDocument/foldingRange`.
 * Owns: looking up the document and converting `ide/folding-ranges` regions, found with the regions kept
 *   per syntax node across versions (`FoldingMemo`: an edit costs what it touches).
 * Must not know: which regions fold (ide decides).
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts
 */
import type { FoldingRange } from 'vscode-languageserver/node';
import { FoldingMemo, foldingRegions } from '../../ide/folding-ranges';
import type { ServerContext } from '../context';
import { toFoldingRanges } from '../convert';
import { textDocumentUri } from '../params';

/** Keyed weakly by the nodes of the documents' tree copies: shared by every document, freed with them. */
const kept = new FoldingMemo();

export function foldingRange(ctx: ServerContext, params: unknown): FoldingRange[] | null {
  const doc = ctx.documents.snapshot(textDocumentUri(params));
  if (!doc) return null;
  return toFoldingRanges(foldingRegions(doc.text, doc.root, doc.lines, kept, doc.uri), ctx.flags);
}
