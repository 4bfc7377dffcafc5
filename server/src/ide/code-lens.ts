/**
 * ide/code-lens.ts: lenses above definitions: "Simulate tunnel" on each `services ipsec-vpn rule` with a
 *   term whose `then` sets up a `dynamic` or `manual` SA, and on each service set applying such a rule
 *   (directly or through a rule-set); "N references" on IKE/IPsec proposals and policies, rules,
 *   rule-sets, service sets, prefix lists, policy statements and firewall filters (linked uses, plus
 *   words spelling the name where the schema declares no reference: rename-mentions.ts).
 * Owns: which statements get a lens, the titles, and the command arguments (plain data).
 * Must not know: LSP types, line/column positions, how the simulator runs.
 * Cost: per analysis (cached): a walk along the counted kinds' paths, and `unlinkedMentions` (a walk of the
 *   whole configuration: most of the 0.2-0.6 s a 100k-line file takes).
 * Invariants: never throws; lenses only on words of `docId`, sorted by offset; counts are the reference
 *   index's (groups included, one per source word).
 * Tests: test/src/ide/code-lens.test.ts
 */
import type { Definition, DocumentAnalysis, SourceSpan } from '../analysis/index';
import type { ConfigNode } from '../model/index';
import { unlinkedMentions } from './rename-mentions';

export type CodeLensCommand =
  | { readonly name: 'junos.simulateTunnel'; readonly args: { readonly docId: string; readonly rule?: string; readonly serviceSet?: string } }
  | { readonly name: 'junos.showReferences'; readonly args: { readonly docId: string; readonly offset: number; readonly locations: readonly SourceSpan[] } };

export interface CodeLens {
  readonly start: number;
  readonly end: number;
  readonly title: string;
  readonly command: CodeLensCommand;
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

/** Lenses per analysis and document (an analysis is immutable; a new one comes with every edit). */
const lensCache = new WeakMap<DocumentAnalysis, Map<string, readonly CodeLens[]>>();

export function codeLenses(analysis: DocumentAnalysis, docId: string): CodeLens[] {
  let byDoc = lensCache.get(analysis);
  if (!byDoc) lensCache.set(analysis, (byDoc = new Map()));
  let lenses = byDoc.get(docId);
  if (!lenses) byDoc.set(docId, (lenses = computeLenses(analysis, docId)));
  return [...lenses];
}

function computeLenses(analysis: DocumentAnalysis, docId: string): CodeLens[] {
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
