/**
 * lsp/handlers/did-change-configuration.ts: `workspace/didChangeConfiguration`: re-reads the `junos`
 *   settings (pulled when the client supports it, else from the notification) and re-diagnoses.
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { ServerContext } from '../context';
import { refreshSettings } from '../settings-sync';

export async function didChangeConfiguration(ctx: ServerContext, params: unknown): Promise<void> {
  const pushed = typeof params === 'object' && params !== null ? (params as { settings?: unknown }).settings : undefined;
  await refreshSettings(ctx, pushed);
}
