/**
 * ide/document-highlight.ts: document highlight. In the document at hand, every word naming the same
 *   definition as the word under the cursor: the definition's name words as `write`, the places
 *   referring to it (references.ts `referringPlaces`, as find references lists them) as `read`.
 * Owns: the read/write classification.
 * Must not know: LSP types, line/column positions.
 * Invariants: never throws; only spans of `docId`, sorted, unique.
 * Tests: test/src/ide/document-highlight.test.ts
 */
import type { DocumentAnalysis } from '../analysis/index';
import { referencesAt } from './references';

export interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly kind: 'read' | 'write';
}

export function highlightsAt(analysis: DocumentAnalysis, docId: string, offset: number): Highlight[] {
  return referencesAt(analysis, docId, offset, true)
    .filter((s) => s.docId === docId)
    .map((s) => ({ start: s.start, end: s.end, kind: s.isDefinition ? ('write' as const) : ('read' as const) }));
}
