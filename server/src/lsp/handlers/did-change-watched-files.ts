/**
 * lsp/handlers/did-change-watched-files.ts: `workspace/didChangeWatchedFiles`: keeps the workspace index
 *   current.
 * Owns: file URI -> path, LSP change types -> index changes (tracked as pending index work, see workspace-sync.ts).
 * Tests: test/src/lsp/protocol.test.ts
 */
import { fileURLToPath } from 'node:url';
import { FileChangeType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { InvalidParams, objectParam, stringField } from '../params';
import type { FileChange } from '../stores/workspace-index';
import { trackIndexing } from '../workspace-sync';

const CHANGES: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export function didChangeWatchedFiles(ctx: ServerContext, params: unknown): Promise<void> {
  return trackIndexing(ctx, applyFileEvents(ctx, params));
}

async function applyFileEvents(ctx: ServerContext, params: unknown): Promise<void> {
  const events = objectParam(params)['changes'];
  if (!Array.isArray(events)) throw new InvalidParams('params.changes must be an array');
  for (const [i, raw] of events.entries()) {
    const event = objectParam(raw, `params.changes[${i}]`);
    const uri = stringField(event, 'uri', `params.changes[${i}]`);
    const change = CHANGES[event['type'] as number];
    if (!change || !uri.startsWith('file:')) continue;
    const changed = await ctx.workspace.fileChanged(fileURLToPath(uri), change);
    if (changed) ctx.tracer.verbose(`workspace index: ${change} ${uri}`);
  }
}
