/**
 * ide/references.ts: the places that refer to a definition, and find references. One function
 *   (`referringPlaces`) answers "what refers to this definition" for find references, document
 *   highlight, rename and the "N references" code lens: the uses the reference index links to it, and the
 *   words spelling its name that the index links to nothing (name-mentions.ts) but that may refer to it:
 *   written in the same configuration (a logical system's or tenant's words never refer to the device's
 *   own definitions, nor the other way round), and not naming something of another kind: a key of a
 *   list entry counts only when the list has the definition's statement name (`service-set SS-0` in an
 *   `apply-macro` may name the service set; `term SS-0` names a term), and a value or an
 *   opaque word counts unless the statement it follows is another named kind's (`prefix-list SS-0` is a
 *   prefix list, not the service set SS-0). Interfaces have uses only (their uses do not spell their name).
 * Owns: that rule, collecting and ordering the spans.
 * Must not know: LSP types, line/column positions; how the reference index is built.
 * Invariants: never throws; spans are unique and sorted by document then offset; empty when the word at
 *   the offset names nothing; `referencesAt(.., false)` on a definition's name word is exactly its
 *   `referringPlaces(..).all`.
 * Tests: test/src/ide/references.test.ts, test/src/ide/code-lens.test.ts (cross-feature)
 */
import type { Definition, DocumentAnalysis, SourceSpan } from '../analysis/index';
import { definitionUnder, nameWordsOf } from './definition';
import { knownNameMentions, nameMentions } from './name-mentions';
import { NAMED_KEYWORDS, listKeyword, scopeOf } from './named-entries';

export interface ReferenceSpan extends SourceSpan {
  /** true for a word of the definition itself, false for a use */
  readonly isDefinition: boolean;
}

/** What refers to one definition. */
export interface ReferringPlaces {
  /** the uses the index links to it */
  readonly uses: readonly SourceSpan[];
  /** words spelling its name that the index does not link but that may refer to it (sorted) */
  readonly mentions: readonly SourceSpan[];
  /** both, unique and sorted */
  readonly all: readonly SourceSpan[];
}

/** The places that refer to `definition` (the mentions from the analysis's table of every definition's
 *  name: the first call of an analysis walks the whole configuration). */
export function referringPlaces(analysis: DocumentAnalysis, definition: Definition): ReferringPlaces {
  const uses = analysis.references.referencesOf(definition).map((u) => ({ docId: u.word.source.docId, start: u.word.source.start, end: u.word.source.end }));
  const mentions: SourceSpan[] = [];
  if (definition.kind !== 'interfaces') {
    const known = knownNameMentions(analysis);
    // (every definition's name is known; a walk for this name alone should a caller make up a definition)
    const table = known.covers(definition.name) ? known : nameMentions(analysis, new Set([definition.name]));
    const written = definition.node.origin?.node ?? definition.node;
    const scope = scopeOf(analysis, written);
    const keyword = listKeyword(definition.kind);
    for (const m of table.of(definition.name)) {
      if (m.scope !== scope) continue;
      if (m.key ? m.statement !== keyword : NAMED_KEYWORDS.has(m.statement) && m.statement !== keyword) continue;
      mentions.push({ docId: m.docId, start: m.start, end: m.end });
    }
  }
  // a use is one per source word, and a mention is a word the index does not link: no place is in both
  return { uses, mentions, all: [...uses, ...mentions].sort(bySpan) };
}

/** The places referring to what the word at `offset` names (and, with `includeDeclaration`, the
 *  definition's name words). */
export function referencesAt(analysis: DocumentAnalysis, docId: string, offset: number, includeDeclaration: boolean): ReferenceSpan[] {
  const found = definitionUnder(analysis, docId, offset);
  if (!found) return [];
  const out: ReferenceSpan[] = [];
  if (includeDeclaration) for (const w of nameWordsOf(found.definition)) out.push({ docId: w.source.docId, start: w.source.start, end: w.source.end, isDefinition: true });
  for (const s of referringPlaces(analysis, found.definition).all) out.push({ ...s, isDefinition: false });
  return uniqueSorted(out);
}

function bySpan(a: SourceSpan, b: SourceSpan): number {
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start || a.end - b.end;
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
