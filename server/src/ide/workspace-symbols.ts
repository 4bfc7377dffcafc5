/**
 * ide/workspace-symbols.ts: workspace symbols: the named definitions of every analysed configuration
 *   (IKE/IPsec proposals, policies and gateways, rules, rule-sets, service sets, interfaces and units,
 *   policy statements, prefix lists, filters, groups, zones), fuzzy-matched against a query.
 * Owns: which list entries are symbols and their kind names; the matching and ranking.
 * Must not know: LSP types, line/column positions.
 * Cost: the symbols of an analysis are collected once (cached per analysis object), then each query
 *   only scores names.
 * Invariants: never throws; a query matches a name when its characters appear in order (case-insensitive);
 *   results are ranked exact, prefix, substring, then by how tight the subsequence is, and capped.
 * Tests: test/src/ide/workspace-symbols.test.ts
 */
import type { DocumentAnalysis } from '../analysis/index';
import type { ConfigNode } from '../model/index';

export type SymbolKind =
  | 'ike-proposal'
  | 'ike-policy'
  | 'ike-gateway'
  | 'ipsec-proposal'
  | 'ipsec-policy'
  | 'ipsec-vpn'
  | 'rule'
  | 'rule-set'
  | 'service-set'
  | 'interface'
  | 'policy-statement'
  | 'prefix-list'
  | 'community'
  | 'filter'
  | 'group'
  | 'security-zone';

export interface WorkspaceSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** the Junos path of the statement holding it, e.g. `services ipsec-vpn ike` */
  readonly containerName: string;
  readonly docId: string;
  /** the name word (first written occurrence in `docId`) */
  readonly start: number;
  readonly end: number;
}

/** Statement names of a list (below `groups NAME` the group's part is left out) -> symbol kind. */
const KINDS: Readonly<Record<string, SymbolKind>> = {
  'services ipsec-vpn ike proposal': 'ike-proposal',
  'services ipsec-vpn ike policy': 'ike-policy',
  'services ipsec-vpn ipsec proposal': 'ipsec-proposal',
  'services ipsec-vpn ipsec policy': 'ipsec-policy',
  'services ipsec-vpn rule': 'rule',
  'services ipsec-vpn rule-set': 'rule-set',
  'services service-set': 'service-set',
  'security ike proposal': 'ike-proposal',
  'security ike policy': 'ike-policy',
  'security ike gateway': 'ike-gateway',
  'security ipsec proposal': 'ipsec-proposal',
  'security ipsec policy': 'ipsec-policy',
  'security ipsec vpn': 'ipsec-vpn',
  'security zones security-zone': 'security-zone',
  'interfaces interface': 'interface',
  'interfaces interface unit': 'interface',
  'policy-options policy-statement': 'policy-statement',
  'policy-options prefix-list': 'prefix-list',
  'policy-options community': 'community',
  'firewall filter': 'filter',
  'firewall family inet filter': 'filter',
  'firewall family inet6 filter': 'filter',
  groups: 'group',
};

export const DEFAULT_SYMBOL_LIMIT = 256;

export function workspaceSymbols(
  analyses: Iterable<{ readonly docId: string; readonly analysis: DocumentAnalysis }>,
  query: string,
  limit = DEFAULT_SYMBOL_LIMIT,
): WorkspaceSymbol[] {
  const scored: { symbol: WorkspaceSymbol; score: number }[] = [];
  const q = query.trim().toLowerCase();
  for (const { docId, analysis } of analyses) {
    for (const symbol of cachedSymbols(analysis, docId)) {
      const score = matchScore(q, symbol.name.toLowerCase());
      if (score !== undefined) scored.push({ symbol, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || cmp(a.symbol.name, b.symbol.name) || cmp(a.symbol.docId, b.symbol.docId) || a.symbol.start - b.symbol.start);
  return scored.slice(0, Math.max(0, limit)).map((s) => s.symbol);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Higher is better; undefined when `query` is not a subsequence of `name`. */
export function matchScore(query: string, name: string): number | undefined {
  if (query === '') return 0;
  if (name === query) return 3000;
  if (name.startsWith(query)) return 2000 - name.length;
  const at = name.indexOf(query);
  if (at >= 0) return 1000 - at - name.length / 100;
  let i = 0;
  let gaps = 0;
  let last = -1;
  for (let j = 0; j < name.length && i < query.length; j++) {
    if (name[j] !== query[i]) continue;
    if (last >= 0 && j > last + 1) gaps += 1;
    last = j;
    i++;
  }
  return i === query.length ? 500 - gaps * 10 - name.length / 100 : undefined;
}

/** Symbols per analysis (an analysis is immutable; a new one comes with every edit). */
const symbolCache = new WeakMap<DocumentAnalysis, Map<string, readonly WorkspaceSymbol[]>>();

function cachedSymbols(analysis: DocumentAnalysis, docId: string): readonly WorkspaceSymbol[] {
  let byDoc = symbolCache.get(analysis);
  if (!byDoc) symbolCache.set(analysis, (byDoc = new Map()));
  let list = byDoc.get(docId);
  if (!list) byDoc.set(docId, (list = symbolsOf(analysis.model.root, docId)));
  return list;
}

function symbolsOf(root: ConfigNode, docId: string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const visit = (n: ConfigNode, statementPath: string, container: string[]): void => {
    for (const c of n.children) {
      const inGroup = n.role === 'root' && c.keyword === 'groups';
      const p = inGroup ? '' : statementPath ? `${statementPath} ${c.keyword}` : c.keyword;
      const head = c.keywordHidden ? c.keys.map((k) => k.text) : [c.keyword, ...c.keys.map((k) => k.text)];
      if (c.role === 'list-entry') {
        const kind = KINDS[inGroup ? 'groups' : p];
        const symbol = kind ? symbolFor(c, kind, docId, container.join(' ')) : undefined;
        if (symbol) out.push(symbol);
      }
      if (c.role !== 'leaf' && c.role !== 'leaf-list' && c.role !== 'opaque' && c.role !== 'unknown') visit(c, p, [...container, ...head]);
    }
  };
  visit(root, '', []);
  return out;
}

function symbolFor(node: ConfigNode, kind: SymbolKind, docId: string, containerName: string): WorkspaceSymbol | undefined {
  const key = node.keys[0]?.text;
  if (key === undefined) return undefined;
  const word = node.mentions
    .filter((m) => m.source.docId === docId && m.kind !== 'synthetic' && m.text === key)
    .sort((a, b) => a.source.start - b.source.start)[0];
  if (!word) return undefined;
  const unitOf = kind === 'interface' && node.keyword === 'unit' ? node.parent?.keys[0]?.text : undefined;
  const name = unitOf !== undefined ? `${unitOf}.${key}` : key;
  return { name, kind, containerName, docId, start: word.source.start, end: word.source.end };
}
