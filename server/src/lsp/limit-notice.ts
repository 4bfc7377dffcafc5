/**
 * lsp/limit-notice.ts: tells the user, once per document and feature, that `junos.maxItemsComputed` cut an
 *   answer (outline or folding ranges).
 * Owns: the limit a feature applies (the setting, and for folding also the client's `rangeLimit`) and the
 *   one-time notice: an info line in the Junos output channel (`window/logMessage`), not a pop-up: the
 *   outline simply stops at the outer levels, as in VS Code's JSON files, and a pop-up on every large file
 *   opened would be annoying.
 * Must not know: which items are kept (ide/result-limit.ts).
 * Invariants: never throws; remembers at most `REMEMBERED` documents (then starts again).
 * Tests: test/src/lsp/result-limit.test.ts
 */
import type { ServerContext } from './context';

const told = new Set<string>();
const REMEMBERED = 1000;

/** The most items `feature` answers with (0: no limit). */
export function itemLimit(ctx: ServerContext, feature: 'symbols' | 'folding'): number {
  const setting = ctx.settings.current.maxItemsComputed;
  const client = feature === 'folding' ? ctx.flags.foldingRangeLimit : undefined;
  if (client === undefined) return setting;
  return setting > 0 ? Math.min(setting, client) : client;
}

/** Notes that `feature`'s answer for `uri` was cut at `limit` items (logged once per document and feature). */
export function noteLimited(ctx: ServerContext, uri: string, feature: 'symbols' | 'folding', limit: number): void {
  const key = `${feature} ${uri}`;
  if (told.has(key)) return;
  if (told.size >= REMEMBERED) told.clear();
  told.add(key);
  const what = feature === 'symbols' ? 'outline (document symbols)' : 'folding ranges';
  ctx.tracer.info(`${uri}: ${what} cut to the first ${limit} items, outer ones first (setting junos.maxItemsComputed)`);
}

/** Forgets which documents were told (the limit changed: they are told again when it cuts). */
export function forgetLimitNotices(): void {
  told.clear();
}
