/**
 * lsp/handlers/document-symbol.ts: `textDocument/documentSymbol`.
 * Owns: choosing the hierarchical or flat answer from the client's flags.
 * Must not know: how symbols are named (ide decides).
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { documentOutline } from '../../ide/document-symbols';
import type { ServerContext } from '../context';
import { toDocumentSymbols, toSymbolInformation } from '../convert';
import { textDocumentUri } from '../params';

export function documentSymbol(ctx: ServerContext, params: unknown): DocumentSymbol[] | SymbolInformation[] | null {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  const outline = documentOutline(doc.text, doc.root);
  return ctx.flags.hierarchicalSymbols ? toDocumentSymbols(doc.lines, outline) : toSymbolInformation(uri, doc.lines, outline);
}
