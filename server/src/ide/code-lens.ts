/**
 * ide/code-lens.ts: lenses above definitions: "Simulate tunnel" on each `services ipsec-vpn rule` with a
 *   term whose `then` sets up a `dynamic` or `manual` SA, and on each service set applying such a rule
 *   (directly or through a rule-set); "N references" on the named definitions of named-entries.ts
 *   (IKE/IPsec proposals and policies, rules, rule-sets, service sets, prefix lists, policy statements
 *   and firewall filters): the places references.ts `referringPlaces` gives, the same find references
 *   lists for that definition (linked uses, plus words spelling the name where the schema declares no
 *   reference, in the same configuration and not naming another kind).
 * Owns: which statements get a lens, the titles, and the command arguments (plain data); the list (cheap)
 *   apart from the "N references" counts and places (resolved per lens, `resolveReferenceLens`).
 * Must not know: LSP types, line/column positions, how the simulator runs; which words refer to a
 *   definition (references.ts does).
 * Cost: per analysis and document (cached): the list is a walk along the counted kinds' paths; the first
 *   resolve adds the mentions of every definition's name (name-mentions.ts `knownNameMentions`: one walk of
 *   the whole configuration per analysis, shared with find references, highlight and rename), each
 *   resolve the definition's references.
 * Invariants: never throws; lenses only on words of `docId`, sorted by offset ("Simulate tunnel" first at
 *   one offset); a lens's places are `referencesAt` without the declaration on its name word (one per
 *   source word); `codeLenses` is the list with every lens resolved.
 * Tests: test/src/ide/code-lens.test.ts
 */
import type { Definition, DocumentAnalysis, SourceSpan } from '../analysis/index';
import type { ConfigNode, Word } from '../model/index';
import { indexedNamedDefinitions, namedDefinition, writtenNamedEntries } from './named-entries';
import { referringPlaces } from './references';

export type CodeLensCommand =
  | { readonly name: 'junos.simulateTunnel'; readonly args: { readonly docId: string; readonly rule?: string; readonly serviceSet?: string } }
  | { readonly name: 'junos.showReferences'; readonly args: { readonly docId: string; readonly offset: number; readonly locations: readonly SourceSpan[] } };

export interface CodeLens {
  readonly start: number;
  readonly end: number;
  readonly title: string;
  readonly command: CodeLensCommand;
}

/** A lens of the list: complete ("Simulate tunnel"), or an "N references" lens named by its definition's
 *  name word, resolved with `resolveReferenceLens` (the count and the places cost a walk of the whole
 *  configuration, once per analysis, paid only when a lens is shown). */
export type ListedCodeLens =
  | { readonly kind: 'complete'; readonly lens: CodeLens }
  | { readonly kind: 'references'; readonly start: number; readonly end: number; readonly nameStart: number };

/** A counted definition: the index's, or a stand-in (named-entries.ts), and where its lens is. */
interface Counted {
  readonly def: Definition;
  readonly at: { readonly start: number; readonly end: number; readonly nameStart: number };
}

/** What one analysis gives for one document: the list and the counted definitions by name start. */
interface LensState {
  readonly list: readonly ListedCodeLens[];
  readonly countedAt: ReadonlyMap<number, Counted>;
}

/** Per analysis and document (an analysis is immutable; a new one comes with every edit). */
const lensCache = new WeakMap<DocumentAnalysis, Map<string, LensState>>();

function stateOf(analysis: DocumentAnalysis, docId: string): LensState {
  let byDoc = lensCache.get(analysis);
  if (!byDoc) lensCache.set(analysis, (byDoc = new Map()));
  let state = byDoc.get(docId);
  if (!state) byDoc.set(docId, (state = computeState(analysis, docId)));
  return state;
}

/** The lenses of `docId`, sorted by offset, "N references" lenses left to resolve. */
export function codeLensList(analysis: DocumentAnalysis, docId: string): ListedCodeLens[] {
  return [...stateOf(analysis, docId).list];
}

/** The "N references" lens of the counted definition whose name word starts at `nameStart` in `docId`;
 *  undefined when no lens of the list is there. */
export function resolveReferenceLens(analysis: DocumentAnalysis, docId: string, nameStart: number): CodeLens | undefined {
  const state = stateOf(analysis, docId);
  const counted = state.countedAt.get(nameStart);
  if (!counted) return undefined;
  const { def, at } = counted;
  const locations = referringPlaces(analysis, def).all;
  return {
    start: at.start,
    end: at.end,
    title: `${locations.length} reference${locations.length === 1 ? '' : 's'}`,
    command: { name: 'junos.showReferences', args: { docId, offset: at.nameStart, locations } },
  };
}

/** Every lens of `docId`, resolved. */
export function codeLenses(analysis: DocumentAnalysis, docId: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const listed of codeLensList(analysis, docId)) {
    const lens = listed.kind === 'complete' ? listed.lens : resolveReferenceLens(analysis, docId, listed.nameStart);
    if (lens) out.push(lens);
  }
  return out;
}

function computeState(analysis: DocumentAnalysis, docId: string): LensState {
  const list: ListedCodeLens[] = [];
  const effective = analysis.model.effective();
  const services = child(effective, 'services');
  const ipsecVpn = services && child(services, 'ipsec-vpn');
  const tunnelRules = new Set<string>();
  for (const rule of entries(ipsecVpn, 'rule')) {
    if (!setsUpSa(rule)) continue;
    const name = rule.keys[0]!.text;
    tunnelRules.add(name);
    const at = headIn(rule, docId);
    if (at) list.push({ kind: 'complete', lens: { start: at.start, end: at.end, title: 'Simulate tunnel', command: { name: 'junos.simulateTunnel', args: { docId, rule: name } } } });
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
    if (at) list.push({ kind: 'complete', lens: { start: at.start, end: at.end, title: 'Simulate tunnel', command: { name: 'junos.simulateTunnel', args: { docId, serviceSet: serviceSet.keys[0]!.text } } } });
  }
  // counted definitions: those of the index (groups included), and written entries it does not hold
  const counted: Definition[] = [];
  const seen = new Set<ConfigNode>();
  for (const [written, def] of indexedNamedDefinitions(analysis)) {
    seen.add(written);
    counted.push(def);
  }
  for (const written of writtenNamedEntries(analysis)) {
    if (seen.has(written)) continue;
    seen.add(written);
    const def = namedDefinition(analysis, written);
    if (def) counted.push(def);
  }
  const countedAt = new Map<number, Counted>();
  for (const def of counted) {
    const at = headIn(def.node, docId);
    if (!at || countedAt.has(at.nameStart)) continue;
    countedAt.set(at.nameStart, { def, at });
    list.push({ kind: 'references', start: at.start, end: at.end, nameStart: at.nameStart });
  }
  // by offset; at one offset "Simulate tunnel" before "N references" (the titles' order)
  list.sort((a, b) => startOf(a) - startOf(b) || (a.kind === b.kind ? 0 : a.kind === 'complete' ? -1 : 1));
  return { list, countedAt };
}

function startOf(lens: ListedCodeLens): number {
  return lens.kind === 'complete' ? lens.lens.start : lens.start;
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
  const inDoc = (m: Word): boolean => m.source.docId === docId && m.kind !== 'synthetic';
  // the first name word in the text, and the last keyword word ending before it (two passes, no sort)
  let nameWord: Word | undefined;
  for (const m of written.mentions) {
    if (inDoc(m) && m.text === name && (m.text !== written.keyword || written.keywordHidden) && (!nameWord || m.source.start < nameWord.source.start)) nameWord = m;
  }
  if (!nameWord) return undefined;
  const nameStart = nameWord.source.start;
  let keyword: Word | undefined;
  for (const m of written.mentions) {
    if (inDoc(m) && m.text === written.keyword && m.source.end <= nameStart && (!keyword || m.source.start >= keyword.source.start)) keyword = m;
  }
  const start = keyword && nameStart - keyword.source.end <= 8 ? keyword.source.start : nameStart;
  return { start, end: nameWord.source.end, nameStart };
}
