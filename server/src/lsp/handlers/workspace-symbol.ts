/**
 * lsp/handlers/workspace-symbol.ts: `workspace/symbol` over every known configuration (open documents
 *   and the workspace index's files).
 * Owns: reading the query, converting symbols with each document's line index; waiting for a workspace
 *   scan still running (cancellable).
 * Must not know: which definitions are symbols or how they rank (ide/workspace-symbols.ts).
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { CancellationToken, SymbolInformation } from 'vscode-languageserver/node';
import { workspaceSymbols } from '../../ide/workspace-symbols';
import type { ServerContext } from '../context';
import { toWorkspaceSymbol } from '../convert-features';
import { InvalidParams, objectParam } from '../params';
import { knownConfigurations } from '../workspace-analyses';
import { workspaceIndexSettled } from '../workspace-sync';

export async function workspaceSymbol(ctx: ServerContext, params: unknown, token?: CancellationToken): Promise<SymbolInformation[]> {
  const raw = objectParam(params)['query'];
  if (raw !== undefined && raw !== null && typeof raw !== 'string') throw new InvalidParams('params.query must be a string');
  const query = typeof raw === 'string' ? raw : '';
  await workspaceIndexSettled(ctx, token, 'workspace/symbol');
  const known = knownConfigurations(ctx);
  const linesOf = new Map(known.map((k) => [k.docId, k.lines] as const));
  const out: SymbolInformation[] = [];
  for (const symbol of workspaceSymbols(known, query)) {
    const lines = linesOf.get(symbol.docId);
    if (lines) out.push(toWorkspaceSymbol(lines, symbol));
  }
  return out;
}
