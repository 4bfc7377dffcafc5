/**
 * lsp/workspace-sync.ts: connects the workspace index to the client: folder URIs to paths, the file
 *   watcher registration, re-scans with a log line.
 * Owns: which watcher globs are registered (the `junos.files` globs, under every folder; registered again
 *   when they change); knowing whether a scan or a file-watch update of the index is still pending, so
 *   that requests which read the index (`junos/simulate`, workspace symbols and diagnostics) wait for it
 *   instead of answering from a partial one.
 * Must not know: feature logic.
 * Invariants: never throws; non-`file:` folders are ignored (with a log line); a wait for the index ends
 *   when the client cancels the request (as a RequestCancelled error) and never hangs on a failed scan.
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/stores.test.ts, test/src/lsp/custom-requests.test.ts (waiting,
 *   cancellation), test/src/lsp/settings-and-errors.test.ts (globs)
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type CancellationToken, DidChangeWatchedFilesNotification, type Disposable, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
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

/** Index work still running, per workspace index (settled promises only: a failure is logged where it happens). */
const pendingIndexing = new WeakMap<object, Promise<void>>();

/**
 * Records `work` (a scan, or applying file events) as pending index work until it settles, and returns it
 * unchanged (its failure still reaches the caller).
 */
export function trackIndexing<T>(ctx: ServerContext, work: Promise<T>): Promise<T> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  const before = pendingIndexing.get(ctx.workspace);
  const all = before ? Promise.all([before, settled]).then(() => undefined) : settled;
  pendingIndexing.set(ctx.workspace, all);
  void all.then(() => {
    if (pendingIndexing.get(ctx.workspace) === all) pendingIndexing.delete(ctx.workspace);
  });
  return work;
}

/**
 * Resolves once no index work is pending (including work that starts while waiting: the initial scan may
 * be followed by a re-scan for changed globs). Rejects with a RequestCancelled `ResponseError` as soon as
 * `token` is cancelled.
 */
export async function workspaceIndexSettled(ctx: ServerContext, token?: CancellationToken, method = 'request'): Promise<void> {
  for (let pending = pendingIndexing.get(ctx.workspace); pending; pending = pendingIndexing.get(ctx.workspace)) {
    if (token?.isCancellationRequested) throw cancelledWhileWaiting(method);
    if (!token) {
      await pending;
      continue;
    }
    let listener: { dispose(): void } | undefined;
    const cancelled = new Promise<'cancelled'>((resolve) => (listener = token.onCancellationRequested(() => resolve('cancelled'))));
    try {
      if ((await Promise.race([pending.then(() => 'done' as const), cancelled])) === 'cancelled') throw cancelledWhileWaiting(method);
    } finally {
      listener?.dispose();
    }
  }
}

function cancelledWhileWaiting(method: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled while the workspace index was being built`);
}

export function rebuildWorkspaceIndex(ctx: ServerContext): Promise<void> {
  return trackIndexing(ctx, scanWorkspace(ctx));
}

async function scanWorkspace(ctx: ServerContext): Promise<void> {
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

/** The file-watcher registration in force, per workspace index (replaced when the globs change). */
const watcherRegistrations = new WeakMap<object, { readonly globs: string; readonly registration: Disposable }>();

/**
 * Asks the client to watch the configured globs (only when it supports dynamic registration); when the
 * globs changed since the last registration, the new watchers replace the old ones.
 */
export function registerFileWatchers(ctx: ServerContext): Promise<void> {
  // one registration at a time, so a change of globs during the first one replaces it instead of racing it
  const next = (watcherQueue.get(ctx.workspace) ?? Promise.resolve()).then(() => registerNow(ctx));
  watcherQueue.set(ctx.workspace, next);
  return next;
}

const watcherQueue = new WeakMap<object, Promise<void>>();

async function registerNow(ctx: ServerContext): Promise<void> {
  if (!ctx.flags.watchedFilesRegistration) return;
  const globs = ctx.settings.current.files.join('\n');
  const previous = watcherRegistrations.get(ctx.workspace);
  if (previous?.globs === globs) return;
  try {
    const registration = await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: ctx.settings.current.files.map((globPattern) => ({ globPattern })),
    });
    watcherRegistrations.set(ctx.workspace, { globs, registration });
    previous?.registration.dispose();
  } catch (err) {
    ctx.tracer.info(`could not register file watchers: ${describeError(err)}`);
  }
}
