/**
 * lsp/handlers/document-symbol.ts: `textDocument/documentSymbol`.
 * Owns: choosing the hierarchical or flat answer from the client's flags; the hierarchical one is made
 *   breadth-first up to the limit, with the set commands' grouping facts kept across versions
 *   (lsp/outline-cache.ts), the flat one is computed from scratch and cut alike; both cut to `junos.maxItemsComputed` symbols breadth-first
 *   (ide/result-limit.ts), told once per document (lsp/limit-notice.ts).
 * Must not know: how symbols are named (ide decides).
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts, test/src/lsp/result-limit.test.ts
 */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { documentOutline } from '../../ide/document-symbols';
import { firstSymbolsBreadthFirst, type Limited } from '../../ide/result-limit';
import type { ServerContext } from '../context';
import { toSymbolInformation } from '../convert';
import { itemLimit, noteLimited } from '../limit-notice';
import { OutlineCache } from '../outline-cache';
import { textDocumentUri } from '../params';

/** Keyed weakly by the nodes of the documents' tree copies: shared by every document, freed with them. */
const kept = new OutlineCache();

export function documentSymbol(ctx: ServerContext, params: unknown): DocumentSymbol[] | SymbolInformation[] | null {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  const limit = itemLimit(ctx, 'symbols');
  const told = <T>(limited: Limited<T>): T[] => {
    if (limited.cut) noteLimited(ctx, uri, 'symbols', limit);
    return limited.items;
  };
  if (ctx.flags.hierarchicalSymbols) return told(kept.documentSymbols(doc.text, doc.root, doc.lines, uri, limit));
  return toSymbolInformation(uri, doc.lines, told(firstSymbolsBreadthFirst(documentOutline(doc.text, doc.root), limit)));
}
