/**
 * lsp/protocol-extensions.ts: the project's own JSON-RPC methods, typed once for the server, the VS Code
 *   client and (later) the IPsec engine.
 * Owns: method names and the request/response shapes of `junos/simulate`, `junos/workspaceDiagnostics` and
 *   `junos/effectiveConfig`; `CUSTOM_REQUESTS`, the list the server announces in `experimental.customRequests`.
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

/**
 * One open document printed again, with its `groups` applied (default) or as written, in curly (default) or
 * `set` form; secrets replaced by a mask when asked. Params: `EffectiveConfigParams`.
 */
export const EFFECTIVE_CONFIG_METHOD = 'junos/effectiveConfig';

export interface EffectiveConfigParams {
  readonly uri: string;
  /** 'curly' (default) or 'set' */
  readonly form?: 'curly' | 'set';
  /** true (default): apply `groups`/`apply-groups`; false: print the statements as written */
  readonly applyGroups?: boolean;
  /** replace secret values by a fixed mask (default false: a conversion keeps them as written, encrypted) */
  readonly maskSecrets?: boolean;
}

export type EffectiveConfigResult = { readonly available: true; readonly text: string } | { readonly available: false; readonly reason: string };

/** Every custom request the server answers, as announced in `ServerCapabilities.experimental.customRequests`. */
export const CUSTOM_REQUESTS: readonly string[] = [SIMULATE_METHOD, WORKSPACE_DIAGNOSTICS_METHOD, EFFECTIVE_CONFIG_METHOD];

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
  /**
   * pings run through the simulated network once the tunnels are negotiated (at most 8): from a router
   * (host-name or file name, any case) to an IPv4 address; `count` 1..100 (default 5), `size` data bytes
   * 0..65467 (default 56). The outputs, packet traces and topology come back in `result.traffic`.
   */
  readonly ping?: readonly SimulateProbe[];
  /** traceroutes run after the pings (at most 8); `maxHops` 1..64 (default 30) */
  readonly traceroute?: readonly SimulateProbe[];
}

/** One ping or traceroute of `SimulateParams`. */
export interface SimulateProbe {
  readonly from: string;
  readonly to: string;
  /** ping only */
  readonly count?: number;
  /** ping only */
  readonly size?: number;
  /** traceroute only */
  readonly maxHops?: number;
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
