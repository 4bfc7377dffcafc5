/**
 * ide/rename-mentions.ts: words of the configuration that spell a definition's name but that the reference
 *   index does not link to it. The index links what the YANG declares and the references Juniper documents
 *   (analysis/references.ts `DOCUMENTED_REFERENCES`: prefix lists, policy statements in `import`/`export`,
 *   filters on interfaces, ...), but names inside opaque statements (e.g. `logical-systems`), policy
 *   expressions and statements neither knows are never resolved; rename must not leave those behind
 *   silently, and a reference count should not say 0 when the name is plainly used.
 * Owns: finding such words (list keys, values, words of opaque/unknown statements) in the written tree.
 * Must not know: LSP types, line/column positions, what each statement means.
 * Cost: one walk of the written tree; words are told apart by their place (document, start offset) kept
 *   as numbers per document, no string per word.
 * Invariants: never throws; never returns a definition's own name words (of the entries passed) or a linked use; one span per
 *   source word, sorted.
 * Tests: test/src/ide/rename.test.ts, test/src/ide/code-lens.test.ts
 */
import type { Definition, DocumentAnalysis, SourceSpan } from '../analysis/index';
import type { ConfigNode, Word } from '../model/index';

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

/** For each of `names`, the written words spelling it that no definition or linked use accounts for. */
export function unlinkedMentions(
  analysis: DocumentAnalysis,
  names: ReadonlySet<string>,
  /** the written definition entries themselves (their key words name them, they do not refer to them) */
  definitions: ReadonlySet<ConfigNode>,
): Map<string, SourceSpan[]> {
  const out = new Map<string, SourceSpan[]>();
  if (names.size === 0) return out;
  // a linked word is excluded by its place, whatever text it carries (a word made from another keeps its source)
  const linked = new WordPlaces();
  for (const d of analysis.references.definitions) for (const w of d.nameWords) linked.add(w);
  for (const u of analysis.references.uses) linked.add(u.word);
  const seen = new WordPlaces();
  const note = (w: Word): void => {
    if (!names.has(w.text) || w.kind === 'synthetic' || linked.has(w) || seen.has(w)) return;
    seen.add(w);
    let list = out.get(w.text);
    if (!list) out.set(w.text, (list = []));
    list.push({ docId: w.source.docId, start: w.source.start, end: w.source.end });
  };
  const stack: ConfigNode[] = [analysis.model.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.role === 'opaque' || n.role === 'unknown') for (const m of n.mentions) note(m);
    else if (n.role === 'list-entry' && !definitions.has(n)) {
      // the entry's key words, wherever they are written (each set line repeats them)
      for (const m of n.mentions) if (m.text !== n.keyword || n.keywordHidden) note(m);
    }
    for (const v of n.values) note(v);
    for (const c of n.children) stack.push(c);
  }
  for (const list of out.values()) list.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
  return out;
}

/** The unlinked mentions of one definition's name. */
export function unlinkedMentionsOf(analysis: DocumentAnalysis, definition: Definition): SourceSpan[] {
  return unlinkedMentions(analysis, new Set([definition.name]), new Set([definition.node.origin?.node ?? definition.node])).get(definition.name) ?? [];
}
