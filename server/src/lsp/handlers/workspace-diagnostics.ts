/**
 * lsp/handlers/workspace-diagnostics.ts: the custom `junos/workspaceDiagnostics` request (see
 *   protocol-extensions.ts for why it is not the LSP pull model).
 * Owns: the diagnostics of every known configuration, converted with each one's line index.
 * Must not know: rules.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { ServerContext } from '../context';
import { toLspDiagnostic } from '../convert';
import type { WorkspaceDiagnosticsResult } from '../protocol-extensions';
import { knownConfigurations } from '../workspace-analyses';

export function workspaceDiagnostics(ctx: ServerContext): WorkspaceDiagnosticsResult {
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
