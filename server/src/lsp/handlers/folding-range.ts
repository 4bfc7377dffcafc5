/**
 * lsp/handlers/folding-range.ts: `textDocument/foldingRange`.
 * Owns: looking up the document and converting `ide/folding-ranges` regions.
 * Must not know: which regions fold (ide decides).
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { FoldingRange } from 'vscode-languageserver/node';
import { foldingRegions } from '../../ide/folding-ranges';
import type { ServerContext } from '../context';
import { toFoldingRanges } from '../convert';
import { textDocumentUri } from '../params';

export function foldingRange(ctx: ServerContext, params: unknown): FoldingRange[] | null {
  const doc = ctx.documents.snapshot(textDocumentUri(params));
  if (!doc) return null;
  return toFoldingRanges(foldingRegions(doc.text, doc.root, doc.lines), ctx.flags);
}
