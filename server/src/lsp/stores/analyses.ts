/**
 * lsp/stores/analyses.ts: the latest analysis (config model, reference index, diagnostics) of each open
 *   document, keyed by version and platform, so hover, completion, inlay hints and code actions reuse what
 *   the diagnostics run computed instead of analysing again.
 * Owns: the cache entries and their validity rule.
 * Must not know: how an analysis is made, LSP types.
 * Invariants: an entry is returned only for the exact (version, platform) it was made for; closing a
 *   document drops its entry.
 * Tests: test/src/lsp/protocol.test.ts (through diagnostics)
 */
import type { DocumentAnalysis, Platform } from '../../analysis/index';

interface Entry {
  readonly version: number;
  readonly platform: Platform;
  readonly analysis: DocumentAnalysis;
}

export class AnalysisStore {
  private readonly byUri = new Map<string, Entry>();

  get(uri: string, version: number, platform: Platform): DocumentAnalysis | undefined {
    const entry = this.byUri.get(uri);
    return entry && entry.version === version && entry.platform === platform ? entry.analysis : undefined;
  }

  set(uri: string, version: number, platform: Platform, analysis: DocumentAnalysis): void {
    this.byUri.set(uri, { version, platform, analysis });
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
