/**
 * lsp/stores/analyses.ts: the latest analysis (config model, reference index, diagnostics) of each open
 *   document, keyed by version and platform, so hover, completion, inlay hints and code actions reuse what
 *   the diagnostics run computed instead of analysing again.
 * Owns: the cache entries and their validity rule.
 * Must not know: how an analysis is made, LSP types.
 * Invariants: `get` returns an entry only for the exact (version, platform) it was made for (and state,
 *   `seq`, when given: a multi-change `didChange` passes through states that share its version, see
 *   far-edits.ts; outside its handler the stored entry is always of a
 *   whole version); `latest` returns the last one whatever its version, with the text it was made from
 *   (the stale-but-consistent snapshot completion and hover use while a newer analysis is pending) and the
 *   document state it was made for (`seq`, documents.ts); closing a document drops its entry.
 * Tests: test/src/lsp/protocol.test.ts (through diagnostics)
 */
import type { DocumentAnalysis, Platform } from '../../analysis/index';

export interface AnalysisEntry {
  readonly version: number;
  /** the document's state analysed (documents.ts `seq`: the edits since are `editsAfter(uri, seq)`) */
  readonly seq: number;
  readonly platform: Platform;
  readonly analysis: DocumentAnalysis;
  /** the text analysed (undefined when the caller did not give it) */
  readonly text: string | undefined;
}

export class AnalysisStore {
  private readonly byUri = new Map<string, AnalysisEntry>();

  get(uri: string, version: number, platform: Platform, seq?: number): DocumentAnalysis | undefined {
    const entry = this.byUri.get(uri);
    return entry && entry.version === version && entry.platform === platform && (seq === undefined || entry.seq === seq) ? entry.analysis : undefined;
  }

  set(uri: string, state: { readonly version: number; readonly seq: number }, platform: Platform, analysis: DocumentAnalysis, text?: string): void {
    this.byUri.set(uri, { version: state.version, seq: state.seq, platform, analysis, text });
  }

  /** The last analysis stored for the document, of any version. */
  latest(uri: string): AnalysisEntry | undefined {
    return this.byUri.get(uri);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
