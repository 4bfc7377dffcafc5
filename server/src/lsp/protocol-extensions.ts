/**
 * lsp/protocol-extensions.ts: the project's own JSON-RPC methods, typed once for the server, the VS Code
 *   client and (later) the IPsec engine.
 * Owns: method names and the request/response shapes of `junos/simulate` and `junos/workspaceDiagnostics`.
 * Must not know: how the engine simulates; handler code.
 * Invariants: plain JSON (no classes, no functions); fields are only ever added, never renamed.
 * Tests: test/src/lsp/protocol.test.ts
 */

import type { EngineResult } from './engine-link';
import type { Diagnostic } from 'vscode-languageserver/node';

export const SIMULATE_METHOD = 'junos/simulate';

/**
 * Diagnostics of every Junos configuration the server knows, on request: open documents at their current
 * version, the workspace index's other files as saved. A custom request rather than LSP 3.17's pull model
 * (`workspace/diagnostic`): open documents keep getting pushed diagnostics, and a client asks for the rest
 * when it wants them (a "check workspace" command). Params: `{}`.
 */
export const WORKSPACE_DIAGNOSTICS_METHOD = 'junos/workspaceDiagnostics';

export interface WorkspaceDiagnosticsResult {
  readonly items: readonly {
    readonly uri: string;
    /** the open document's version; absent for files read from disk */
    readonly version?: number;
    readonly diagnostics: readonly Diagnostic[];
  }[];
}

/** What to simulate: the tunnel(s) of one document, optionally narrowed to one rule or service set. */
export interface SimulateParams {
  /** the document whose device configuration starts the simulation */
  readonly uri: string;
  /** makes cookies, SPIs and nonces reproducible */
  readonly seed?: string | number;
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
 * The engine's structured result (`engine/src/simulate/result.ts`), passed through unchanged, so the client
 * reads it as the engine wrote it. The simulated network is the document plus every known configuration in
 * the same folder.
 */
export interface SimulateReport {
  readonly available: true;
  readonly result: EngineResult;
}

export type SimulateResult = SimulateUnavailable | SimulateReport;
