/**
 * lsp/analysis-lineage.ts: which analysis each stored analysis was updated from, so that what is derived
 *   from an analysis (the semantic classes, lsp/class-update.ts) can be updated from what was derived from
 *   the one before it instead of computed again.
 * Owns: the link (`linkAnalysis`, made by diagnostics-source.ts when it updates the document's latest
 *   analysis) and a number naming each analysis, by which the link is kept (no analysis keeps another alive).
 * Must not know: how analyses are made or what is derived from them.
 * Invariants: `predecessorId(a)` is the id of the analysis `a`'s model was updated from (`a.model.change`
 *   set), or undefined; a full build is never linked.
 * Tests: test/src/lsp/class-update.test.ts
 */
import type { DocumentAnalysis } from '../analysis/index';

const ids = new WeakMap<DocumentAnalysis, number>();
const predecessors = new WeakMap<DocumentAnalysis, number>();
let nextId = 1;

/** A number naming `analysis` (the same each time asked). */
export function analysisId(analysis: DocumentAnalysis): number {
  let id = ids.get(analysis);
  if (id === undefined) ids.set(analysis, (id = nextId++));
  return id;
}

/** The id of the analysis `analysis` was updated from, when it was (recorded by `linkAnalysis`). */
export function predecessorId(analysis: DocumentAnalysis): number | undefined {
  return predecessors.get(analysis);
}

/** Records that `analysis` was updated from the analysis `from` (diagnostics-source.ts `currentAnalysis`, which
 *  makes every analysis of an open document). A full build is never linked. */
export function linkAnalysis(analysis: DocumentAnalysis, from: DocumentAnalysis): void {
  if (analysis.model.change) predecessors.set(analysis, analysisId(from));
}
