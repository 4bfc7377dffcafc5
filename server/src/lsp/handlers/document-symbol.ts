/**
 * lsp/handlers/document-symbol.ts: `textDocument/documentSymbol`.
 * Owns: choosing the hierarchical or flat answer from the client's flags; the hierarchical one comes from
 *   the symbols kept per syntax node across versions (lsp/outline-cache.ts: an edit costs what it touches),
 *   the flat one is computed from scratch.
 * Must not know: how symbols are named (ide decides).
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts
 */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { documentOutline } from '../../ide/document-symbols';
import type { ServerContext } from '../context';
import { toSymbolInformation } from '../convert';
import { OutlineCache } from '../outline-cache';
import { textDocumentUri } from '../params';

/** Keyed weakly by the nodes of the documents' tree copies: shared by every document, freed with them. */
const kept = new OutlineCache();

export function documentSymbol(ctx: ServerContext, params: unknown): DocumentSymbol[] | SymbolInformation[] | null {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  if (ctx.flags.hierarchicalSymbols) return kept.documentSymbols(doc.text, doc.root, doc.lines, uri);
  return toSymbolInformation(uri, doc.lines, documentOutline(doc.text, doc.root));
}
