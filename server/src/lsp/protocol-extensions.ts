/**
 * lsp/protocol-extensions.ts: the project's own JSON-RPC methods, typed once for the server, the VS Code
 *   client and (later) the IPsec engine.
 * Owns: method names and the request/response shapes of `junos/simulate`.
 * Must not know: how the engine simulates; handler code.
 * Invariants: plain JSON (no classes, no functions); fields are only ever added, never renamed.
 * Tests: test/src/lsp/protocol.test.ts
 */

export const SIMULATE_METHOD = 'junos/simulate';

/** What to simulate: the tunnel(s) of one document, optionally narrowed to one rule or service set. */
export interface SimulateParams {
  /** the document whose device configuration starts the simulation */
  readonly uri: string;
  readonly target?: {
    /** a `services ipsec-vpn rule` name */
    readonly ruleName?: string;
    /** a `services service-set` name */
    readonly serviceSetName?: string;
  };
}

/** Returned while the build has no IPsec engine (or it cannot run for this document). */
export interface SimulateUnavailable {
  readonly available: false;
  /** a sentence for a person */
  readonly reason: string;
}

/**
 * The engine's structured result. The engine issue defines its fields; the server passes it through
 * unchanged, so the client reads it as the engine wrote it.
 */
export interface SimulateReport {
  readonly available: true;
  readonly report: Readonly<Record<string, unknown>>;
}

export type SimulateResult = SimulateUnavailable | SimulateReport;
