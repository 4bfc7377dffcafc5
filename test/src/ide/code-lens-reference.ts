/**
 * test/src/ide/code-lens-reference.ts: the code lens computation as it was before the lens list and
 *   `resolveReferenceLens` were split (every lens resolved at once, unlinked mentions keyed by a string per
 *   word): the reference the randomized equivalence test compares `codeLenses` with.
 * Owns: nothing the server uses.
 */
import type { Definition, DocumentAnalysis, SourceSpan } from '../../../server/src/analysis/index';
import type { CodeLens } from '../../../server/src/ide/code-lens';
import type { ConfigNode, Word } from '../../../server/src/model/index';

function key(w: Word): string {
  return `${w.source.docId}\u0000${w.source.start}`;
}

/** For each of `names`, the written words spelling it that no definition or linked use accounts for. */
function unlinkedMentions(
  analysis: DocumentAnalysis,
  names: ReadonlySet<string>,
  /** the written definition entries themselves (their key words name them, they do not refer to them) */
  definitions: ReadonlySet<ConfigNode>,
): Map<string, SourceSpan[]> {
  const linked = new Set<string>();
  for (const d of analysis.references.definitions) for (const w of d.nameWords) linked.add(key(w));
  for (const u of analysis.references.uses) linked.add(key(u.word));
  const out = new Map<string, SourceSpan[]>();
  const seen = new Set<string>();
  const note = (w: Word): void => {
    if (!names.has(w.text) || w.kind === 'synthetic' || linked.has(key(w)) || seen.has(key(w))) return;
    seen.add(key(w));
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

/** Definition kinds (statement names of the list) that get an "N references" lens. */
const COUNTED: ReadonlySet<string> = new Set([
  'services ipsec-vpn ike proposal',
  'services ipsec-vpn ike policy',
  'services ipsec-vpn ipsec proposal',
  'services ipsec-vpn ipsec policy',
  'services ipsec-vpn rule',
  'services ipsec-vpn rule-set',
  'services service-set',
  'security ike proposal',
  'security ike policy',
  'security ipsec proposal',
  'security ipsec policy',
  'policy-options prefix-list',
  'policy-options policy-statement',
  'firewall filter',
  'firewall family inet filter',
  'firewall family inet6 filter',
]);

/** Every path a COUNTED path starts with: the walk for written entries descends only along these. */
const COUNTED_PREFIXES: ReadonlySet<string> = new Set(
  [...COUNTED].flatMap((kind) => kind.split(' ').map((_, i, words) => words.slice(0, i + 1).join(' '))),
);

/** The lenses as computed before `codeLens/resolve`: every lens resolved, in one pass. */
export function computeLenses(analysis: DocumentAnalysis, docId: string): CodeLens[] {
  const out: CodeLens[] = [];
  const effective = analysis.model.effective();
  const services = child(effective, 'services');
  const ipsecVpn = services && child(services, 'ipsec-vpn');
  const tunnelRules = new Set<string>();
  for (const rule of entries(ipsecVpn, 'rule')) {
    if (!setsUpSa(rule)) continue;
    const name = rule.keys[0]!.text;
    tunnelRules.add(name);
    const at = headIn(rule, docId);
    if (at) out.push({ ...at, title: 'Simulate tunnel', command: { name: 'junos.simulateTunnel', args: { docId, rule: name } } });
  }
  const ruleSets = new Map<string, string[]>();
  for (const set of entries(ipsecVpn, 'rule-set')) ruleSets.set(set.keys[0]!.text, entries(set, 'rule').map((r) => r.keys[0]?.text ?? ''));
  for (const serviceSet of entries(services, 'service-set')) {
    // `ipsec-vpn-rules` / `ipsec-vpn-rule-sets` name rules as values or as list keys, by schema
    const named = (keyword: string): string[] => serviceSet.children.filter((c) => c.keyword === keyword).flatMap((c) => [...c.keys, ...c.values].map((w) => w.text));
    const rules = named('ipsec-vpn-rules');
    for (const set of named('ipsec-vpn-rule-sets')) rules.push(...(ruleSets.get(set) ?? []));
    if (!rules.some((r) => tunnelRules.has(r))) continue;
    const at = headIn(serviceSet, docId);
    if (at) out.push({ ...at, title: 'Simulate tunnel', command: { name: 'junos.simulateTunnel', args: { docId, serviceSet: serviceSet.keys[0]!.text } } });
  }
  // counted definitions: those of the index, and written entries it does not hold (nothing links to them)
  const counted: { written: ConfigNode; def: Definition | undefined }[] = [];
  const seen = new Set<ConfigNode>();
  for (const def of analysis.references.definitions) {
    if (!COUNTED.has(def.kind)) continue;
    const written = def.node.origin?.node ?? def.node;
    if (!seen.has(written)) counted.push({ written, def });
    seen.add(written);
  }
  // in document order, with an explicit stack: free-form words nest one node per word, deeper than recursion
  // goes; only along paths a counted kind starts with (no entry below any other node can be counted)
  const stack: { n: ConfigNode; path: string; next: number }[] = [{ n: analysis.model.root, path: '', next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const c = frame.n.children[frame.next++];
    if (!c) {
      stack.pop();
      continue;
    }
    const p = frame.path ? `${frame.path} ${c.keyword}` : c.keyword;
    if (c.role === 'list-entry' && COUNTED.has(p) && !seen.has(c)) {
      seen.add(c);
      counted.push({ written: c, def: undefined });
    }
    if (c.role !== 'leaf' && c.role !== 'leaf-list' && c.keyword !== 'groups' && c.children.length > 0 && COUNTED_PREFIXES.has(p)) stack.push({ n: c, path: p, next: 0 });
  }
  // names the schema declares no reference for (a prefix list in `from prefix-list`) still count where written
  const unlinked = unlinkedMentions(analysis, new Set(counted.map((c) => c.written.keys[0]?.text ?? '')), seen);
  for (const { written, def } of counted) {
    const at = headIn(written, docId);
    if (!at) continue;
    const uses = def ? analysis.references.referencesOf(def).map((u) => ({ docId: u.word.source.docId, start: u.word.source.start, end: u.word.source.end })) : [];
    const locations = [...uses, ...(unlinked.get(written.keys[0]?.text ?? '') ?? [])];
    out.push({ ...at, title: `${locations.length} reference${locations.length === 1 ? '' : 's'}`, command: { name: 'junos.showReferences', args: { docId, offset: at.nameStart, locations } } });
  }
  return out
    .map(({ start, end, title, command }) => ({ start, end, title, command }))
    .sort((a, b) => a.start - b.start || (a.title < b.title ? 1 : -1));
}

/** A term whose `then` holds `dynamic` or `manual`. */
function setsUpSa(rule: ConfigNode): boolean {
  return entries(rule, 'term').some((term) => {
    const then = child(term, 'then');
    return !!then && then.children.some((c) => c.keyword === 'dynamic' || c.keyword === 'manual');
  });
}

function child(node: ConfigNode | undefined, keyword: string): ConfigNode | undefined {
  return node?.children.find((c) => c.keyword === keyword && c.keys.length === 0);
}

function entries(node: ConfigNode | undefined, keyword: string): ConfigNode[] {
  return node ? node.children.filter((c) => c.keyword === keyword && c.role === 'list-entry' && c.keys.length > 0) : [];
}

/** The first `keyword name` of a (written or effective) entry in `docId`. */
function headIn(node: ConfigNode, docId: string): { start: number; end: number; nameStart: number } | undefined {
  const written = node.origin?.node ?? node;
  const name = written.keys[0]?.text;
  const inDoc = written.mentions.filter((m) => m.source.docId === docId && m.kind !== 'synthetic').sort((a, b) => a.source.start - b.source.start);
  const nameWord = inDoc.find((m) => m.text === name && (m.text !== written.keyword || written.keywordHidden));
  if (!nameWord) return undefined;
  const keyword = inDoc.filter((m) => m.text === written.keyword && m.source.end <= nameWord.source.start).pop();
  const start = keyword && nameWord.source.start - keyword.source.end <= 8 ? keyword.source.start : nameWord.source.start;
  return { start, end: nameWord.source.end, nameStart: nameWord.source.start };
}
