/**
 * lsp/engine-link.ts: the language server's only way to the IPsec engine's simulator.
 * Owns: loading `engine/src/simulate` at run time (the engine's project depends on the server's, so the
 *   server cannot import it at compile time without a cycle), the structural type of what it calls, and the
 *   reason when it cannot be loaded (engine not built).
 * Must not know: the engine's internals or result fields (they pass through as plain JSON).
 * Invariants: loaded once, on first use; a failure to load is an answer (`{ reason }`), never a throw.
 * Tests: test/src/lsp/language-features.test.ts (`junos/simulate`)
 */

export interface EngineInput {
  readonly id: string;
  readonly text: string;
}

export interface EngineOptions {
  readonly platform?: string;
  readonly seed?: number | string;
  readonly target?: { readonly device?: string; readonly serviceSet?: string; readonly rule?: string };
  readonly ping?: readonly { readonly from: string; readonly to: string; readonly count?: number; readonly size?: number }[];
  readonly traceroute?: readonly { readonly from: string; readonly to: string; readonly maxHops?: number }[];
}

/** The engine's `SimulationResult`: plain JSON, read by the client as the engine wrote it. */
export type EngineResult = Readonly<Record<string, unknown>>;

export type SimulateFunction = (inputs: readonly EngineInput[], options: EngineOptions) => Promise<EngineResult>;

let loaded: { simulate: SimulateFunction } | { reason: string } | undefined;

export function simulator(): { simulate: SimulateFunction } | { reason: string } {
  if (loaded) return loaded;
  try {
    // same relative path from server/src/lsp/ in the sources and from out/server/src/lsp/ when compiled
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require('../../../engine/src/simulate/index') as { simulate?: unknown };
    loaded = typeof engine.simulate === 'function' ? { simulate: engine.simulate as SimulateFunction } : { reason: 'the IPsec engine has no simulate entry point' };
  } catch (err) {
    loaded = { reason: `the IPsec engine is not part of this build (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  return loaded;
}
