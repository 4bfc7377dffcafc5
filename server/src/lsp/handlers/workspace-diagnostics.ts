/**
 * lsp/handlers/workspace-diagnostics.ts: the custom `junos/workspaceDiagnostics` request (see
 *   protocol-extensions.ts for why it is not the LSP pull model).
 * Owns: the diagnostics of every known configuration, converted with each one's line index, once a
 *   workspace scan still running has finished (cancellable).
 * Must not know: rules.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toLspDiagnostic } from '../convert';
import { objectParam } from '../params';
import { WORKSPACE_DIAGNOSTICS_METHOD, type WorkspaceDiagnosticsResult } from '../protocol-extensions';
import { knownConfigurations } from '../workspace-analyses';
import { workspaceIndexSettled } from '../workspace-sync';

export async function workspaceDiagnostics(ctx: ServerContext, params: unknown, token?: CancellationToken): Promise<WorkspaceDiagnosticsResult> {
  if (params !== undefined && params !== null) objectParam(params); // `{}` (or nothing); anything else is malformed
  await workspaceIndexSettled(ctx, token, WORKSPACE_DIAGNOSTICS_METHOD);
  const known = knownConfigurations(ctx);
  const linesOf = new Map(known.map((k) => [k.docId, k.lines] as const));
  return {
    items: known.map((k) => {
      const version = k.open ? ctx.documents.version(k.docId) : undefined;
      const diagnostics = k.analysis.diagnostics.map((d) => toLspDiagnostic(d, k.lines, ctx.flags, (id) => linesOf.get(id)));
      return { uri: k.docId, ...(version !== undefined ? { version } : {}), diagnostics };
    }),
  };
}
