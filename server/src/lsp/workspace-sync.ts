/**
 * lsp/workspace-sync.ts: connects the workspace index to the client: folder URIs to paths, the file
 *   watcher registration, re-scans with a log line.
 * Owns: which watcher globs are registered (the `junos.files` globs, under every folder).
 * Must not know: feature logic.
 * Invariants: never throws; non-`file:` folders are ignored (with a log line).
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/stores.test.ts
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { describeError } from './trace';

/** File-system paths of `WorkspaceFolder`-like values (`{ uri }`) or plain URI strings. */
export function workspaceFolderPaths(folders: readonly unknown[]): string[] {
  const paths: string[] = [];
  for (const folder of folders) {
    const uri = typeof folder === 'string' ? folder : typeof folder === 'object' && folder !== null ? (folder as { uri?: unknown }).uri : undefined;
    if (typeof uri !== 'string' || !uri.startsWith('file:')) continue;
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      // a malformed file URI names no folder we can read
    }
  }
  return paths;
}

export async function rebuildWorkspaceIndex(ctx: ServerContext): Promise<void> {
  const started = performance.now();
  try {
    const summary = await ctx.workspace.rebuild();
    ctx.tracer.info(
      `workspace index: ${summary.files} Junos file(s) among ${summary.visited} visited in ${(performance.now() - started).toFixed(0)} ms` +
        (summary.unreadable > 0 ? `, ${summary.unreadable} unreadable` : '') +
        (summary.truncated ? ' (stopped at the file limit)' : ''),
    );
  } catch (err) {
    ctx.tracer.error(`workspace index failed: ${describeError(err)}`);
  }
}

/** Asks the client to watch the configured globs (only when it supports dynamic registration). */
export async function registerFileWatchers(ctx: ServerContext): Promise<void> {
  if (!ctx.flags.watchedFilesRegistration) return;
  try {
    await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: ctx.settings.current.files.map((globPattern) => ({ globPattern })),
    });
  } catch (err) {
    ctx.tracer.info(`could not register file watchers: ${describeError(err)}`);
  }
}
