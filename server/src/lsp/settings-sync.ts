/**
 * lsp/settings-sync.ts: brings the settings store up to date with the client and applies what changed.
 * Owns: pulling `workspace/configuration` (section `junos`) when the client supports it, falling back to
 *   pushed values; applying a changed trace level, file globs (re-scan, file watchers registered again)
 *   and platform (re-diagnose); a changed `maxItemsComputed` is logged and the documents are told about
 *   the new limit again (lsp/limit-notice.ts; the next outline and folding requests read it).
 * Must not know: feature logic.
 * Invariants: never throws (a failed pull keeps the pushed or previous values and is logged).
 * Tests: test/src/lsp/protocol.test.ts (configuration)
 */
import type { ServerContext } from './context';
import { SETTINGS_SECTION } from './stores/settings';
import { forgetLimitNotices } from './limit-notice';
import { describeError } from './trace';
import { rebuildWorkspaceIndex, registerFileWatchers } from './workspace-sync';

/** Returns true when it re-scanned the workspace (the file globs changed). */
export async function refreshSettings(ctx: ServerContext, pushed: unknown): Promise<boolean> {
  let raw = pushed;
  if (ctx.flags.configurationPull) {
    try {
      raw = await ctx.connection.workspace.getConfiguration(SETTINGS_SECTION);
    } catch (err) {
      ctx.tracer.info(`could not pull the ${SETTINGS_SECTION} settings (${describeError(err)}); using what the client sent`);
    }
  }
  if (raw === undefined || raw === null) return false;
  const before = ctx.settings.current;
  for (const problem of ctx.settings.update(raw)) ctx.tracer.error(`settings: ${problem}`);
  const after = ctx.settings.current;
  if (after.trace !== before.trace) ctx.tracer.info(`trace level is now ${after.trace}`); // logged at the old level
  ctx.tracer.level = after.trace;
  if (after.platform !== before.platform) {
    ctx.tracer.info(`platform is now ${after.platform}`);
    for (const uri of ctx.documents.uris()) ctx.scheduler.schedule(uri, 0);
  }
  if (after.maxItemsComputed !== before.maxItemsComputed) {
    ctx.tracer.info(`junos.maxItemsComputed is now ${after.maxItemsComputed}`);
    forgetLimitNotices();
  }
  if (after.files.join('\n') !== before.files.join('\n')) {
    ctx.tracer.info(`file globs are now ${after.files.join(', ')}`);
    ctx.workspace.setGlobs(after.files);
    void registerFileWatchers(ctx); // never rejects; the re-scan does not wait for the client's answer
    await rebuildWorkspaceIndex(ctx);
    return true;
  }
  return false;
}
