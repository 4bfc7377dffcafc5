/**
 * ide/name-mentions.ts: words of the configuration that spell a name but that the reference index does
 *   not link (to anything). The index links what the YANG declares and the references Juniper documents
 *   (analysis/references.ts `DOCUMENTED_REFERENCES`), but names inside opaque statements (the YANG does
 *   not describe e.g. a logical system's configuration), free-form data (`apply-macro`) and unknown
 *   statements are never resolved. Each word comes with
 *   where it stands, so `ide/references.ts` can tell which definition it may refer to.
 * Owns: finding such words (values, keys of list entries that are not named definitions themselves,
 *   words of opaque/unknown statements) in the written tree, with their scope and statement name.
 * Must not know: LSP types, line/column positions, what each statement means.
 * Cost: one walk of the written tree per call (100k set lines: about 130 ms, most of it reading the
 *   nodes' words); `knownNameMentions` makes one per analysis for every definition's name and keeps it;
 *   words are told apart by their place (document, start offset) kept as numbers per document.
 * Invariants: never throws; never returns a word the index knows (a definition's name word or a use),
 *   a synthetic word, or a key of an entry at a NAMED_KINDS path (a definition's own name); one mention
 *   per source word, each name's list sorted by document then offset.
 * Tests: test/src/ide/code-lens.test.ts (cross-feature, with an oracle), test/src/ide/rename.test.ts
 */
import type { DocumentAnalysis, SourceSpan } from '../analysis/index';
import type { ConfigNode, Word } from '../model/index';
import { childPlace, placeOf, writtenNamedEntries, type Place } from './named-entries';

/** A word spelling a name that the index does not link. */
export interface NameMention extends SourceSpan {
  /** the configuration it is written in: '' the device's own, else `logical-systems NAME` / `tenants NAME` */
  readonly scope: string;
  /** the statement name it is written after: a value's or a key's statement, an opaque word's parent word */
  readonly statement: string;
  /** a key of a list entry (it names that entry, unless the list is named like the definition) */
  readonly key: boolean;
}

/** The mentions of some names (those asked for; `covers` says which). */
export interface NameMentions {
  covers(name: string): boolean;
  of(name: string): readonly NameMention[];
}

/** A set of source places (document, start offset): the identity of a written word. */
class WordPlaces {
  private readonly byDoc = new Map<string, Set<number>>();

  has(w: Word): boolean {
    return this.byDoc.get(w.source.docId)?.has(w.source.start) === true;
  }

  add(w: Word): void {
    let starts = this.byDoc.get(w.source.docId);
    if (!starts) this.byDoc.set(w.source.docId, (starts = new Set()));
    starts.add(w.source.start);
  }
}

const NONE: readonly NameMention[] = [];

/** For each of `names`, the written words spelling it that the index does not link. */
export function nameMentions(analysis: DocumentAnalysis, names: ReadonlySet<string>): NameMentions {
  const byName = new Map<string, NameMention[]>();
  const result: NameMentions = { covers: (name) => names.has(name), of: (name) => byName.get(name) ?? NONE };
  if (names.size === 0) return result;
  // a linked word is excluded by its place, whatever text it carries (a word made from another keeps its source)
  const linked = new WordPlaces();
  for (const d of analysis.references.definitions) for (const w of d.nameWords) linked.add(w);
  for (const u of analysis.references.uses) linked.add(u.word);
  const seen = new WordPlaces();
  const note = (w: Word, scope: string, statement: string, key: boolean): void => {
    if (!names.has(w.text) || w.kind === 'synthetic' || linked.has(w) || seen.has(w)) return;
    seen.add(w);
    let list = byName.get(w.text);
    if (!list) byName.set(w.text, (list = []));
    list.push({ docId: w.source.docId, start: w.source.start, end: w.source.end, scope, statement, key });
  };
  // two parallel stacks (node, its place): no object per node
  const nodes: ConfigNode[] = [];
  const places: Place[] = [];
  const pushChildren = (n: ConfigNode, at: Place): void => {
    for (const c of n.children) {
      nodes.push(c);
      places.push(childPlace(n, at, c));
    }
  };
  const root = analysis.model.root;
  pushChildren(root, placeOf(root));
  while (nodes.length > 0) {
    const n = nodes.pop()!;
    const at = places.pop()!;
    if (n.role === 'opaque' || n.role === 'unknown') {
      const statement = n.parent?.keyword ?? '';
      for (const m of n.mentions) note(m, at.scope, statement, false);
    } else if (n.role === 'list-entry' && at.step?.kind === undefined) {
      // the entry's key words, wherever they are written (each set line repeats them)
      for (const m of n.mentions) if (m.text !== n.keyword || n.keywordHidden) note(m, at.scope, n.keyword, true);
    }
    for (const v of n.values) note(v, at.scope, n.keyword, false);
    pushChildren(n, at);
  }
  for (const list of byName.values()) list.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
  return result;
}

const known = new WeakMap<DocumentAnalysis, NameMentions>();

/** The mentions of every name a definition has (the index's, interfaces aside, and the written named
 *  entries'): one walk per analysis (an analysis is immutable; a new one comes with every edit), kept. */
export function knownNameMentions(analysis: DocumentAnalysis): NameMentions {
  let table = known.get(analysis);
  if (!table) {
    const names = new Set<string>();
    for (const d of analysis.references.definitions) if (d.kind !== 'interfaces') names.add(d.name);
    for (const n of writtenNamedEntries(analysis)) names.add(n.keys[0]!.text);
    known.set(analysis, (table = nameMentions(analysis, names)));
  }
  return table;
}
