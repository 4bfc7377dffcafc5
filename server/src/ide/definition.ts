/**
 * ide/definition.ts: go to definition. On a word that names a definition (an IKE policy after
 *   `ike-policy`, a proposal in `proposals [ a b ]`, an interface unit after `interface`, a group after
 *   `apply-groups`) it answers where that definition is written; on a definition's own name, itself.
 *   A named entry nothing refers to yet (a service set no interface applies) is a definition too
 *   (named-entries.ts), so find references, rename and highlight work on its name.
 * Owns: choosing the target span of a definition (its name word, or `unit N` / the device name for an
 *   interface) and the origin span (the word under the cursor).
 * Must not know: LSP types, line/column positions; how the reference index is built.
 * Invariants: never throws; every span lies in the document it names; an empty list when the word at
 *   the offset refers to nothing.
 * Tests: test/src/ide/definition.test.ts, test/src/ide/code-lens.test.ts (a named entry nothing refers to)
 */
import type { Definition, DocumentAnalysis } from '../analysis/index';
import type { Word } from '../model/index';
import { NAMED_KINDS, namedDefinition } from './named-entries';

export interface DefinitionLocation {
  /** the document holding the definition */
  readonly docId: string;
  /** the word under the cursor (in the queried document) that was resolved */
  readonly originStart: number;
  readonly originEnd: number;
  /** the definition's whole statement head in `docId` (e.g. `unit 1`, `policy ike-demo-policy`) */
  readonly start: number;
  readonly end: number;
  /** the definition's name word in `docId`: what an editor selects after the jump */
  readonly targetStart: number;
  readonly targetEnd: number;
}

/** The definition named by the word at `offset` and that word, if any: the index's (for a named entry,
 *  the one `namedDefinition` gives for its written entry), or the stand-in of a named entry nothing
 *  links to (named-entries.ts). */
export function definitionUnder(analysis: DocumentAnalysis, docId: string, offset: number): { definition: Definition; word: Word } | undefined {
  const index = analysis.references;
  const use = index.useAt(docId, offset);
  if (use) return use.target ? { definition: canonical(analysis, use.target), word: use.word } : undefined;
  const indexed = index.definitionAt(docId, offset);
  const definition = indexed ? canonical(analysis, indexed) : standInAt(analysis, docId, offset);
  if (!definition) return undefined;
  const word = definition.nameWords.find((w) => w.source.docId === docId && w.source.start <= offset && offset <= w.source.end);
  return word ? { definition, word } : undefined;
}

/** One definition per written named entry (a group applied in several places makes several). */
function canonical(analysis: DocumentAnalysis, def: Definition): Definition {
  return NAMED_KINDS.has(def.kind) ? namedDefinition(analysis, def.node.origin?.node ?? def.node) ?? def : def;
}

/** The stand-in definition whose name word is at `offset` (a named entry the index holds no definition for). */
function standInAt(analysis: DocumentAnalysis, docId: string, offset: number): Definition | undefined {
  const at = analysis.model.nodeAt(docId, offset);
  if (!at || at.part !== 'key' || at.node.keys[0]?.text !== at.word.text) return undefined;
  return namedDefinition(analysis, at.node);
}

/** The written name words of a definition, in document order (several in set form: one per line). */
export function nameWordsOf(definition: Definition): readonly Word[] {
  return [...definition.nameWords].sort((a, b) => (a.source.docId < b.source.docId ? -1 : a.source.docId > b.source.docId ? 1 : a.source.start - b.source.start));
}

/** Where to jump from the word at `offset`: one location per document the definition is written in. */
export function definitionAt(analysis: DocumentAnalysis, docId: string, offset: number): DefinitionLocation[] {
  const found = definitionUnder(analysis, docId, offset);
  if (!found) return [];
  const { definition, word } = found;
  const out: DefinitionLocation[] = [];
  const seenDocs = new Set<string>();
  for (const name of nameWordsOf(definition)) {
    const target = name.source;
    if (seenDocs.has(target.docId)) continue;
    seenDocs.add(target.docId);
    const head = headSpan(definition, name);
    out.push({
      docId: target.docId,
      originStart: word.source.start,
      originEnd: word.source.end,
      start: head.start,
      end: head.end,
      targetStart: target.start,
      targetEnd: target.end,
    });
  }
  return out;
}

/** The keyword word before a name word on the same statement (e.g. `unit` before `1`), joined with it. */
function headSpan(definition: Definition, name: Word): { start: number; end: number } {
  const written = definition.node.origin?.node ?? definition.node;
  const keyword = written.mentions
    .filter((m) => m.source.docId === name.source.docId && m.text === written.keyword && m.source.end <= name.source.start)
    .sort((a, b) => b.source.start - a.source.start)[0];
  // the keyword belongs to this statement when nothing but blanks separates it from the name
  if (keyword && name.source.start - keyword.source.end <= 8 && !written.keywordHidden) return { start: keyword.source.start, end: name.source.end };
  return { start: name.source.start, end: name.source.end };
}
