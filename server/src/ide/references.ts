/**
 * ide/references.ts: find references. Every word that names the same definition as the word at the
 *   cursor (a use or the definition's own name), optionally with the definition's name words.
 * Owns: collecting and ordering the spans.
 * Must not know: LSP types, line/column positions; how the reference index is built.
 * Invariants: never throws; spans are unique and sorted by document then offset; empty when the word at
 *   the offset names nothing.
 * Tests: test/src/ide/references.test.ts
 */
import type { DocumentAnalysis, SourceSpan } from '../analysis/index';
import { definitionUnder, nameWordsOf } from './definition';

export interface ReferenceSpan extends SourceSpan {
  /** true for a word of the definition itself, false for a use */
  readonly isDefinition: boolean;
}

/** The uses (and, with `includeDeclaration`, the definition's name words) of what the word at `offset` names. */
export function referencesAt(analysis: DocumentAnalysis, docId: string, offset: number, includeDeclaration: boolean): ReferenceSpan[] {
  const found = definitionUnder(analysis, docId, offset);
  if (!found) return [];
  const out: ReferenceSpan[] = [];
  if (includeDeclaration) for (const w of nameWordsOf(found.definition)) out.push({ docId: w.source.docId, start: w.source.start, end: w.source.end, isDefinition: true });
  for (const u of analysis.references.referencesOf(found.definition)) out.push({ docId: u.word.source.docId, start: u.word.source.start, end: u.word.source.end, isDefinition: false });
  return uniqueSorted(out);
}

export function uniqueSorted<T extends SourceSpan>(spans: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const s of spans) {
    const key = `${s.docId}\u0000${s.start}\u0000${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
}
