/**
 * lsp/handlers/did-change-workspace-folders.ts: `workspace/didChangeWorkspaceFolders`: re-scans the index.
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { ServerContext } from '../context';
import { InvalidParams, objectParam } from '../params';
import { rebuildWorkspaceIndex, workspaceFolderPaths } from '../workspace-sync';

export async function didChangeWorkspaceFolders(ctx: ServerContext, params: unknown): Promise<void> {
  const event = objectParam(objectParam(params)['event'], 'params.event');
  const added = event['added'];
  const removed = event['removed'];
  if (!Array.isArray(added) || !Array.isArray(removed)) throw new InvalidParams('params.event needs added and removed arrays');
  const gone = new Set(workspaceFolderPaths(removed));
  const folders = [...ctx.workspace.folderPaths().filter((f) => !gone.has(f)), ...workspaceFolderPaths(added)];
  ctx.workspace.setFolders(folders);
  await rebuildWorkspaceIndex(ctx);
}
