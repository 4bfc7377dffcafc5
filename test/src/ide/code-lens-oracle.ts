/**
 * test/src/ide/code-lens-oracle.ts: what should refer to a named definition, computed plainly from the
 *   written tree and the reference index's use list (not from ide/references.ts or its helpers): the
 *   uses the index links to the entry, and the words spelling its name that the index links to nothing,
 *   written in the same configuration (the device's own; `logical-systems NAME` / `tenants NAME` are
 *   others) and not naming another kind (a key counts only under a list of the definition's statement
 *   name; a value or opaque word not after another named kind's statement name).
 * Owns: nothing the server uses.
 */
import type { DocumentAnalysis, SourceSpan } from '../../../server/src/analysis/index';
import type { ConfigNode, Word } from '../../../server/src/model/index';
import { NAMED_KINDS } from '../../../server/src/ide/named-entries';

/** The kinds that get a lens: the feature's own list (the oracle is independent in how it finds places, not in
 *  which kinds count). */
const KINDS: readonly string[] = [...NAMED_KINDS];
const LAST_WORDS = new Set(KINDS.map((k) => k.split(' ').pop()!));

/** A written node with where it stands: statement names from the top of its configuration (null for a
 *  logical system's name written without the schema), its configuration, and whether it is in a group. */
interface Located {
  readonly node: ConfigNode;
  readonly path: readonly string[] | null;
  readonly scope: string;
  readonly inGroup: boolean;
}

function locateAll(root: ConfigNode): Located[] {
  const out: Located[] = [];
  const todo: Located[] = root.children.map((c) => ({ node: c, path: [c.keyword], scope: '', inGroup: false }));
  while (todo.length > 0) {
    const at = todo.pop()!;
    out.push(at);
    const { node, path } = at;
    for (const c of node.children) {
      let next: Located;
      if (path === null) next = { node: c, path: [c.keyword], scope: at.scope, inGroup: at.inGroup };
      else if (path.length === 1 && node.keyword === 'groups' && node.role === 'list-entry') next = { node: c, path: [c.keyword], scope: at.scope, inGroup: true };
      else if (path.length === 1 && (node.keyword === 'logical-systems' || node.keyword === 'tenants')) {
        next =
          node.role === 'list-entry'
            ? { node: c, path: [c.keyword], scope: `${node.keyword} ${node.keys[0]?.text}`, inGroup: at.inGroup }
            : { node: c, path: null, scope: `${node.keyword} ${c.keys[0]?.text ?? c.keyword}`, inGroup: at.inGroup };
      } else next = { node: c, path: [...path, c.keyword], scope: at.scope, inGroup: at.inGroup };
      todo.push(next);
    }
  }
  return out;
}

const kindOf = (at: Located): string | undefined => (at.node.role === 'list-entry' && at.path && KINDS.includes(at.path.join(' ')) ? at.path.join(' ') : undefined);
const span = (w: Word): SourceSpan => ({ docId: w.source.docId, start: w.source.start, end: w.source.end });
const placeKey = (w: Word): string => `${w.source.docId}:${w.source.start}`;

/** The named entries of the device's own configuration written in `docId`, with their first name word. */
export function writtenNamedEntries(analysis: DocumentAnalysis, docId: string): { kind: string; name: string; nameStart: number }[] {
  const out: { kind: string; name: string; nameStart: number }[] = [];
  for (const at of locateAll(analysis.model.root)) {
    const kind = kindOf(at);
    if (!kind || at.scope !== '' || at.inGroup) continue;
    const name = at.node.keys[0]!.text;
    const starts = at.node.mentions.filter((m) => m.source.docId === docId && m.text === name && m.kind !== 'synthetic' && (m.text !== at.node.keyword || at.node.keywordHidden)).map((m) => m.source.start);
    if (starts.length > 0) out.push({ kind, name, nameStart: Math.min(...starts) });
  }
  return out;
}

export interface OracleAnswer {
  readonly nameWords: readonly SourceSpan[];
  readonly uses: readonly SourceSpan[];
  readonly mentions: readonly SourceSpan[];
}

/** The places referring to the named entry whose name word starts at `offset` of `docId`. */
export function oracleReferringPlaces(analysis: DocumentAnalysis, docId: string, offset: number): OracleAnswer | undefined {
  const all = locateAll(analysis.model.root);
  const entry = all.find((at) => kindOf(at) && at.node.mentions.some((m) => m.source.docId === docId && m.source.start === offset && m.text === at.node.keys[0]!.text));
  if (!entry) return undefined;
  const written = entry.node;
  const name = written.keys[0]!.text;
  const keyword = written.keyword;
  const nameWords = written.mentions.filter((m) => m.text === name && m.kind !== 'synthetic').map(span);
  const index = analysis.references;
  const uses = index.uses.filter((u) => u.target && (u.target.node.origin?.node ?? u.target.node) === written).map((u) => span(u.word));
  const linked = new Set<string>();
  for (const d of index.definitions) for (const w of d.nameWords) linked.add(placeKey(w));
  for (const u of index.uses) linked.add(placeKey(u.word));
  const mentions = new Map<string, SourceSpan>();
  const consider = (w: Word, at: Located, statement: string, isKey: boolean): void => {
    if (w.text !== name || w.kind === 'synthetic' || linked.has(placeKey(w)) || at.scope !== entry.scope) return;
    if (isKey ? statement !== keyword : LAST_WORDS.has(statement) && statement !== keyword) return;
    mentions.set(placeKey(w), span(w));
  };
  for (const at of all) {
    const n = at.node;
    if (n.role === 'opaque' || n.role === 'unknown') for (const m of n.mentions) consider(m, at, n.parent?.keyword ?? '', false);
    else if (n.role === 'list-entry' && !kindOf(at)) for (const m of n.mentions) if (n.keywordHidden || m.text !== n.keyword) consider(m, at, n.keyword, true);
    for (const v of n.values) consider(v, at, n.keyword, false);
  }
  return { nameWords, uses, mentions: [...mentions.values()] };
}
