/**
 * lsp/analysis-lineage.ts: which analysis each stored analysis was updated from, so that what is derived
 *   from an analysis (the semantic classes, lsp/class-update.ts) can be updated from what was derived from
 *   the one before it instead of computed again.
 * Owns: the analysis store that records the link (`LineageAnalysisStore`: an analysis made by updating
 *   the document's latest one, which diagnostics-source.ts takes out of the store first, is linked to it)
 *   and a number naming each analysis, by which the link is kept (no analysis keeps another alive).
 * Must not know: how analyses are made or what is derived from them.
 * Invariants: `predecessorId(a)` is the id of the analysis `a`'s model was updated from (`a.model.change`
 *   set), or undefined; a full build is never linked.
 * Tests: test/src/lsp/class-update.test.ts
 */
import type { DocumentAnalysis, Platform } from '../analysis/index';
import { AnalysisStore } from './stores/analyses';

const ids = new WeakMap<DocumentAnalysis, number>();
const predecessors = new WeakMap<DocumentAnalysis, number>();
let nextId = 1;

/** A number naming `analysis` (the same each time asked). */
export function analysisId(analysis: DocumentAnalysis): number {
  let id = ids.get(analysis);
  if (id === undefined) ids.set(analysis, (id = nextId++));
  return id;
}

/** The id of the analysis `analysis` was updated from, when it was (recorded by `LineageAnalysisStore`). */
export function predecessorId(analysis: DocumentAnalysis): number | undefined {
  return predecessors.get(analysis);
}

/** Records that `analysis` was updated from the analysis `from` (tests; the store does it in the server). */
export function linkAnalysis(analysis: DocumentAnalysis, from: DocumentAnalysis): void {
  if (analysis.model.change) predecessors.set(analysis, analysisId(from));
}

/**
 * The analysis store of the server. An update takes the latest analysis out of the store (`forget`)
 * before updating its model, then stores the result (`set`): that result is linked to what was taken.
 */
export class LineageAnalysisStore extends AnalysisStore {
  /** per document: the id of the analysis last taken out */
  private readonly taken = new Map<string, number>();

  override forget(uri: string): void {
    const entry = this.latest(uri);
    if (entry) this.taken.set(uri, analysisId(entry.analysis));
    else this.taken.delete(uri);
    super.forget(uri);
  }

  override set(uri: string, state: { readonly version: number; readonly seq: number }, platform: Platform, analysis: DocumentAnalysis, text?: string): void {
    const from = this.taken.get(uri);
    this.taken.delete(uri);
    if (from !== undefined && analysis.model.change) predecessors.set(analysis, from);
    super.set(uri, state, platform, analysis, text);
  }
}
