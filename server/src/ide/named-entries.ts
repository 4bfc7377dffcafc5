/**
 * ide/named-entries.ts: the named definitions the editor features show and navigate even when nothing
 *   refers to them (IKE/IPsec proposals and policies, rules, rule-sets, service sets, prefix lists,
 *   policy statements, firewall filters), and where a written statement stands: on which of their paths,
 *   and in which configuration scope (the device's own, or a logical system's or tenant's, which has its
 *   own policy options, firewall and services: a name there never refers to a definition outside).
 * Owns: the kinds (`NAMED_KINDS`), the path and scope of a written node (`placeOf`, `childPlace`), and
 *   a stand-in `Definition` for a named entry the reference index does not hold (the index makes
 *   definitions only for what something links to, candidates for "unused" and closest names: a service
 *   set nothing links to has none), one object per entry and analysis.
 * Must not know: LSP types, line/column positions; how the reference index is built.
 * Invariants: never throws; a stand-in is made only for a written list entry at a `NAMED_KINDS` path of
 *   the device's own configuration (not in `groups`, not in a logical system), and only when the index
 *   has no definition for it; its name words are every non-synthetic mention of its name, as the index's.
 * Tests: test/src/ide/code-lens.test.ts (cross-feature, fixtures), test/src/ide/rename.test.ts
 */
import type { Definition, DocumentAnalysis } from '../analysis/index';
import type { ConfigNode } from '../model/index';

/** Definition kinds (statement names of the list) that get an "N references" lens. */
export const NAMED_KINDS: ReadonlySet<string> = new Set([
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

/** The statement names the entries of `NAMED_KINDS` are written with (`proposal`, `service-set`, ...). */
export const NAMED_KEYWORDS: ReadonlySet<string> = new Set([...NAMED_KINDS].map(listKeyword));

/** The last statement name of a kind: what its entries are written with. */
export function listKeyword(kind: string): string {
  return kind.slice(kind.lastIndexOf(' ') + 1);
}

/** The NAMED_KINDS paths as a trie of statement names (no path string made per node). */
export interface PathStep {
  /** the path to here, when it is a NAMED_KINDS kind */
  kind: string | undefined;
  readonly next: Map<string, PathStep>;
}

export const NAMED_PATHS: PathStep = { kind: undefined, next: new Map() };
for (const kind of NAMED_KINDS) {
  let step = NAMED_PATHS;
  for (const word of kind.split(' ')) {
    let next = step.next.get(word);
    if (!next) step.next.set(word, (next = { kind: undefined, next: new Map() }));
    step = next;
  }
  step.kind = kind;
}

/** Statements that open a configuration of their own: `logical-systems NAME`, `tenants NAME`. */
const SCOPE_STATEMENTS: ReadonlySet<string> = new Set(['logical-systems', 'tenants']);

/** Where a written node stands. */
export interface Place {
  /** its step along the NAMED_KINDS paths from the top of its configuration, or undefined off them */
  readonly step: PathStep | undefined;
  /** '' for the device's own configuration, else `logical-systems NAME` / `tenants NAME` */
  readonly scope: string;
  /** a top-level statement of its configuration (of the device, a group, a logical system) */
  readonly top: boolean;
  /** the name of a logical system written without the schema (`logical-systems { LS1 { ... } }`):
   *  its children are the top of that configuration */
  readonly scopeName: boolean;
  /** inside `groups` */
  readonly inGroup: boolean;
}

const ROOT_PLACE: Place = { step: undefined, scope: '', top: false, scopeName: false, inGroup: false };

/** The place of `child`, a child of `parent` standing at `at` (the root's place for top-level statements). */
export function childPlace(parent: ConfigNode, at: Place, child: ConfigNode): Place {
  // off the named paths, below the top: the child stands where its parent does (no object per node)
  if (at.step === undefined && !at.top && !at.scopeName && parent.role !== 'root') return at;
  const topOf = (scope: string, inGroup: boolean): Place => ({ step: NAMED_PATHS.next.get(child.keyword), scope, top: true, scopeName: false, inGroup });
  if (parent.role === 'root') return topOf('', false);
  if (at.scopeName) return topOf(at.scope, at.inGroup);
  if (at.top && parent.role === 'list-entry' && parent.keyword === 'groups') return topOf(at.scope, true);
  if (at.top && SCOPE_STATEMENTS.has(parent.keyword)) {
    if (parent.role === 'list-entry') return topOf(`${parent.keyword} ${parent.keys[0]?.text ?? ''}`, at.inGroup);
    // the container: each child is a logical system (or tenant) by name
    return { step: undefined, scope: `${parent.keyword} ${child.keys[0]?.text ?? child.keyword}`, top: false, scopeName: true, inGroup: at.inGroup };
  }
  return { step: at.step?.next.get(child.keyword), scope: at.scope, top: false, scopeName: false, inGroup: at.inGroup };
}

/** The place of a written node (its ancestors walked from the root). */
export function placeOf(node: ConfigNode): Place {
  const chain: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = node; n; n = n.parent) chain.push(n);
  let place = ROOT_PLACE;
  for (let i = chain.length - 1; i > 0; i--) place = childPlace(chain[i]!, place, chain[i - 1]!);
  return place;
}

/** The NAMED_KINDS kind of a written list entry of the device's own configuration, if it is one. */
export function namedKindOf(written: ConfigNode): string | undefined {
  if (written.role !== 'list-entry' || written.keys.length === 0 || !NAMED_KEYWORDS.has(written.keyword)) return undefined;
  const place = placeOf(written);
  return place.scope === '' && !place.inGroup ? place.step?.kind : undefined;
}

/** Per analysis (immutable; a new one comes with every edit): the index's definition of each written
 *  named entry (the first, in index order, when a group makes several), and the stand-ins made. */
interface NamedDefinitions {
  readonly indexed: Map<ConfigNode, Definition>;
  readonly standIns: Map<ConfigNode, Definition>;
  /** the written named entries of the device's own configuration, in document order, with their kinds
   *  (built on first use) */
  written: ReadonlyMap<ConfigNode, string> | undefined;
}

const byAnalysis = new WeakMap<DocumentAnalysis, NamedDefinitions>();

function namedDefinitions(analysis: DocumentAnalysis): NamedDefinitions {
  let known = byAnalysis.get(analysis);
  if (!known) {
    const indexed = new Map<ConfigNode, Definition>();
    for (const def of analysis.references.definitions) {
      if (!NAMED_KINDS.has(def.kind)) continue;
      const written = def.node.origin?.node ?? def.node;
      if (!indexed.has(written)) indexed.set(written, def);
    }
    byAnalysis.set(analysis, (known = { indexed, standIns: new Map(), written: undefined }));
  }
  return known;
}

/** The index's definitions of NAMED_KINDS, one per written entry (the one `namedDefinition` gives). */
export function indexedNamedDefinitions(analysis: DocumentAnalysis): ReadonlyMap<ConfigNode, Definition> {
  return namedDefinitions(analysis).indexed;
}

/** The definition of a written named entry: the index's when it holds one for it, else a stand-in
 *  (same shape, not in the index: nothing links to it). Undefined for entries not of `NAMED_KINDS`. */
export function namedDefinition(analysis: DocumentAnalysis, written: ConfigNode): Definition | undefined {
  const known = namedDefinitions(analysis);
  const indexed = known.indexed.get(written);
  if (indexed) return indexed;
  let def = known.standIns.get(written);
  if (def) return def;
  const kind = known.written?.get(written) ?? namedKindOf(written);
  if (kind === undefined) return undefined;
  const name = written.keys[0]!.text;
  def = { kind, name, node: written, nameWords: written.mentions.filter((m) => m.text === name && m.kind !== 'synthetic') };
  known.standIns.set(written, def);
  return def;
}

/** The written list entries at NAMED_KINDS paths of the device's own configuration (not in `groups`, not
 *  in a logical system), in document order; one walk along those paths per analysis, kept. */
export function writtenNamedEntries(analysis: DocumentAnalysis): Iterable<ConfigNode> {
  const known = namedDefinitions(analysis);
  if (known.written) return known.written.keys();
  const out = new Map<ConfigNode, string>();
  // an explicit stack: free-form words nest one node per word, deeper than recursion goes; only along
  // paths a named kind starts with (no entry below any other node can be one)
  const stack: { n: ConfigNode; step: PathStep; next: number }[] = [{ n: analysis.model.root, step: NAMED_PATHS, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const c = frame.n.children[frame.next++];
    if (!c) {
      stack.pop();
      continue;
    }
    const step = frame.step.next.get(c.keyword);
    if (!step) continue;
    if (step.kind !== undefined && c.role === 'list-entry' && c.keys.length > 0) out.set(c, step.kind);
    if (c.role !== 'leaf' && c.role !== 'leaf-list' && c.children.length > 0) stack.push({ n: c, step, next: 0 });
  }
  return (known.written = out).keys();
}

/** The configuration scope of a written node (`Place.scope`); '' without a walk for the written named entries. */
export function scopeOf(analysis: DocumentAnalysis, written: ConfigNode): string {
  return namedDefinitions(analysis).written?.has(written) ? '' : placeOf(written).scope;
}
