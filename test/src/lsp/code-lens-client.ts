/**
 * test/src/lsp/code-lens-client.ts: what an editor does with the server's code lenses: ask for the list,
 *   then `codeLens/resolve` each lens that came without a command.
 * Owns: nothing the server uses.
 */
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { LspSession } from './harness';

export async function resolvedCodeLenses(session: LspSession, uri: string): Promise<CodeLens[]> {
  const listed = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  return Promise.all(listed.map((lens) => (lens.command ? lens : session.request<CodeLens>('codeLens/resolve', lens))));
}
