/**
 * analysis/references.ts: the reference index (which words define a named thing, which words use it)
 *   and the diagnostics it gives: undefined references, unused definitions, IPsec rules no service set
 *   applies, interfaces named elsewhere but not configured.
 * Owns: building the index generically from the schema's `references` (every value or key whose
 *   statement declares a reference target) and from `DOCUMENTED_REFERENCES` (references Juniper documents
 *   but the YANG declares no `junos:must` for: prefix lists, policy statements, filters, communities,
 *   AS paths, policers), on the effective configuration so groups count; the
 *   queries the ide layer needs (definitionAt, referencesOf, usesOf, renameSpans); the policy of which
 *   kinds of definitions "unused" means something for.
 * Must not know: LSP types, line/column positions, other rule families.
 * Invariants: one use per source word (a group applied in many places is one use); a reference that
 *   cannot be resolved for structural reasons is never reported; names that appear in opaque statements
 *   (e.g. `system`, which the YANG does not describe) count as used; never throws.
 * Tests: test/src/analysis/references.test.ts, test/src/lsp/documented-references.test.ts (over stdio)
 */
import type { ConfigNode, Word } from '../model/index';
import { getChild } from '../model/tree';
import { editDistance, didYouMean } from '../schema/index';
import type { ReferenceTarget, SchemaNode, ValueType } from '../schema/types';
import { defaultSeverity } from './codes';
import { schemaPathOf, writtenOf, type AnalysisContext } from './context';
import type { Diagnostic, SourceSpan } from './diagnostic';
import { referenceHolder, resolveInterface } from './paths';

/** A named list entry something can refer to. */
export interface Definition {
  /** statement names of the list, e.g. 'services ipsec-vpn ike proposal' */
  readonly kind: string;
  readonly name: string;
  /** the (effective) entry */
  readonly node: ConfigNode;
  /** the key word(s) that name it in the source: every mention of the name */
  readonly nameWords: readonly Word[];
}

/** A word that names a definition. */
export interface Use {
  readonly kind: string;
  readonly name: string;
  readonly word: Word;
  /** the statement holding the word (effective node) */
  readonly node: ConfigNode;
  readonly target: Definition | undefined;
  /** the list it names an entry of: statement names for a defined use; for an undefined one the words
   *  (keys included) a create-definition fix writes */
  readonly listPath: readonly string[];
  readonly interfaceForm?: 'ifl' | 'ifd';
}

function spanKey(w: Word): string {
  return `${w.source.docId}\u0000${w.source.start}`;
}

export class ReferenceIndex {
  readonly definitions: Definition[] = [];
  readonly uses: Use[] = [];
  private readonly defByNode = new Map<ConfigNode, Definition>();
  private readonly usesByDef = new Map<Definition, Use[]>();
  private readonly byWord = new Map<string, { definition?: Definition; use?: Use }>();
  private readonly usesByNode = new Map<ConfigNode, Use[]>();

  definitionOf(node: ConfigNode, kind: string): Definition {
    let def = this.defByNode.get(node);
    if (!def) {
      const written = writtenOf(node);
      const nameWords = written.mentions.filter((m) => m.text === node.keys[0]?.text && m.kind !== 'synthetic');
      def = { kind, name: node.keys[0]?.text ?? '', node, nameWords };
      this.defByNode.set(node, def);
      this.definitions.push(def);
      this.sorted = undefined;
      for (const w of nameWords) this.entry(w).definition = def;
    }
    return def;
  }

  addUse(use: Use): void {
    const at = this.entry(use.word);
    if (at.use) return; // the same word seen again through another group application
    at.use = use;
    this.uses.push(use);
    let here = this.usesByNode.get(use.node);
    if (!here) this.usesByNode.set(use.node, (here = []));
    here.push(use);
    this.sorted = undefined;
    if (use.target) {
      let list = this.usesByDef.get(use.target);
      if (!list) this.usesByDef.set(use.target, (list = []));
      list.push(use);
    }
  }

  private entry(w: Word): { definition?: Definition; use?: Use } {
    const key = spanKey(w);
    let e = this.byWord.get(key);
    if (!e) this.byWord.set(key, (e = {}));
    return e;
  }

  private sorted: Map<string, { start: number; end: number; key: string }[]> | undefined;

  /** The entry whose word covers `offset` (binary search over words sorted by start, built on first use). */
  private wordAt(docId: string, offset: number): { definition?: Definition; use?: Use } | undefined {
    if (!this.sorted) {
      this.sorted = new Map();
      const add = (w: Word): void => {
        let list = this.sorted!.get(w.source.docId);
        if (!list) this.sorted!.set(w.source.docId, (list = []));
        list.push({ start: w.source.start, end: w.source.end, key: spanKey(w) });
      };
      for (const d of this.definitions) for (const w of d.nameWords) add(w);
      for (const u of this.uses) add(u.word);
      for (const list of this.sorted.values()) list.sort((a, b) => a.start - b.start);
    }
    const list = this.sorted.get(docId);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const hit = found >= 0 ? list[found]! : undefined;
    return hit && offset <= hit.end ? this.byWord.get(hit.key) : undefined;
  }

  /** The definition named by the word at `offset` (a definition's own name, or a use of it). */
  definitionAt(docId: string, offset: number): Definition | undefined {
    const at = this.wordAt(docId, offset);
    return at?.definition ?? at?.use?.target;
  }

  /** The use at `offset`, if the word there refers to something. */
  useAt(docId: string, offset: number): Use | undefined {
    return this.wordAt(docId, offset)?.use;
  }

  /** The uses written in one statement (e.g. each name of a `proposals [ a b ]`). */
  usesIn(node: ConfigNode): readonly Use[] {
    return this.usesByNode.get(node) ?? [];
  }

  /** The definition an entry is, if anything can refer to it. */
  definitionFor(node: ConfigNode): Definition | undefined {
    return this.defByNode.get(node);
  }

  /** Every use of a definition. */
  referencesOf(def: Definition): readonly Use[] {
    return this.usesByDef.get(def) ?? [];
  }

  /** Every use naming `name` in lists of `kind`, defined or not. */
  usesOf(kind: string, name: string): Use[] {
    return this.uses.filter((u) => u.kind === kind && u.name === name);
  }

  /** Spans to rewrite when renaming a definition: its name words and every use. Empty for interfaces, whose
   *  uses (`ms-1/2/0.1`) do not spell the name the way the definition does (`ms-1/2/0` ... `unit 1`). */
  renameSpans(def: Definition): SourceSpan[] {
    const out: SourceSpan[] = [];
    if (def.kind === 'interfaces') return out;
    for (const w of def.nameWords) out.push({ docId: w.source.docId, start: w.source.start, end: w.source.end });
    for (const u of this.referencesOf(def)) out.push({ docId: u.word.source.docId, start: u.word.source.start, end: u.word.source.end });
    return out;
  }
}

/**
 * References the YANG leaves undeclared (no `junos:must` names the list), as Juniper documents them: the
 * value (leaf / leaf-list) or key (list entry) of the statement at `at` names an entry of one of `targets`.
 * `at` patterns are statement names from the configuration root (no keys); a segment `*` is any one
 * statement name and `{a|b}` one of several; each of them captures, and `$1`, `$2`... in a target stand for
 * what it matched. Juniper reserves names starting with `__` for its own (the YANG name patterns of
 * filters and policers reject them: `!^((__.*)|...)`), so such names are never looked up.
 * A target whose top-level statement (`policy-options`, `firewall`) is absent from the configuration is a
 * partial file, where nothing can be said: no use is recorded then.
 */
interface DocumentedReference {
  readonly at: readonly string[];
  /** list entries: the key holding the name (`then community add NAME`: the last); default the first */
  readonly key?: 'last';
  /** statement names of the lists the name may be an entry of, in the order tried */
  readonly targets: readonly string[];
  /** where Juniper documents the statement */
  readonly source: string;
}

/** Families whose firewall filters live under `firewall family <family> filter` (`inet` also `firewall filter`). */
const FILTER_FAMILIES = 'inet6|mpls|vpls|bridge|ccc|any|evpn|ethernet-switching';
const PREFIX_LIST_MATCHES = 'prefix-list|source-prefix-list|destination-prefix-list|ipv6-prefix-list|ipv6-source-prefix-list|ipv6-destination-prefix-list';

export const DOCUMENTED_REFERENCES: readonly DocumentedReference[] = [
  {
    at: [
      `firewall filter term from {${PREFIX_LIST_MATCHES}}`,
      `firewall family * {filter|service-filter|dialer-filter} term from {${PREFIX_LIST_MATCHES}}`,
      `firewall family * filter term from {ip-version|gtp-header} * {prefix-list|source-prefix-list|destination-prefix-list}`,
      'services {stateful-firewall|nat|cos} rule term from {source-prefix-list|destination-prefix-list}',
    ],
    targets: ['policy-options prefix-list'],
    source: 'Juniper, "prefix-list (Policy Options)": "a list of IPv4 or IPv6 address prefixes for use in a routing policy statement or firewall filter statement"; firewall filter match conditions prefix-list, source-prefix-list, destination-prefix-list; "source-prefix-list (Services Stateful Firewall)"',
  },
  {
    at: ['policy-options policy-statement {from|to} {prefix-list|prefix-list-filter}', 'policy-options policy-statement term {from|to} {prefix-list|prefix-list-filter}'],
    targets: ['policy-options prefix-list'],
    source: 'Juniper, "prefix-list (Policy Options)"; "prefix-list-filter": `from { prefix-list name; prefix-list-filter list-name match-type; }`',
  },
  {
    at: [
      'interfaces * unit family inet filter {input|output} filter-name',
      'interfaces * unit family inet filter {input-list|output-list}',
      'forwarding-options family inet filter {input|output}',
      '{firewall filter|firewall family inet filter} term filter',
    ],
    targets: ['firewall family inet filter', 'firewall filter'],
    source: 'Juniper, "filter (Applying to an Interface)": `filter { input filter-name; output filter-name; }`; "input-list", "output-list" (Guidelines for Applying Multiple Firewall Filters as a List); `firewall filter` is the family inet filter',
  },
  {
    at: [`interfaces * unit family {${FILTER_FAMILIES}} filter {input|output} filter-name`, `interfaces * unit family {${FILTER_FAMILIES}} filter {input-list|output-list}`],
    targets: ['firewall family $2 filter'],
    source: 'Juniper, "filter (Applying to an Interface)": filters under family ethernet-switching, inet, inet6, mpls or vpls',
  },
  {
    at: ['forwarding-options family inet6 filter {input|output}'],
    targets: ['firewall family inet6 filter'],
    source: 'Juniper, "filter (Forwarding Options)": a forwarding-table filter of the family',
  },
  {
    at: [
      'firewall filter term then policer',
      'firewall family * {filter|service-filter} term then policer',
      'interfaces * unit family * policer {input|output}',
    ],
    targets: ['firewall policer'],
    source: 'Juniper, "policer (Firewall Filter Action)" and "policer (Applying to an Interface)": the name of a policer configured at [edit firewall]',
  },
  {
    at: ['policy-options policy-statement {from|to} community', 'policy-options policy-statement term {from|to} community'],
    targets: ['policy-options community'],
    source: 'Juniper, "community (Policy Options)": `from community [ names ]` names communities defined with `community name members`',
  },
  {
    at: ['policy-options policy-statement then community', 'policy-options policy-statement term then community'],
    key: 'last',
    targets: ['policy-options community'],
    source: 'Juniper, "community (Routing Policy Actions)": `then community (add | delete | set) community-name`',
  },
  {
    at: ['policy-options policy-statement {from|to} as-path', 'policy-options policy-statement term {from|to} as-path'],
    targets: ['policy-options as-path'],
    source: 'Juniper, "as-path (Policy Options)": `from as-path [ names ]` names AS path regular expressions defined with `as-path name regex`',
  },
  {
    at: ['policy-options policy-statement {from|to} as-path-group', 'policy-options policy-statement term {from|to} as-path-group'],
    targets: ['policy-options as-path-group'],
    source: 'Juniper, "as-path-group (Policy Options)"',
  },
  {
    at: ['policy-options policy-statement from route-filter-list', 'policy-options policy-statement term from route-filter-list'],
    targets: ['policy-options route-filter-list'],
    source: 'Juniper, "route-filter-list (Policy Options)": `from route-filter-list name`',
  },
  {
    at: ['policy-options policy-statement from condition', 'policy-options policy-statement term from condition'],
    targets: ['policy-options condition'],
    source: 'Juniper, "condition (Policy Options)": `from condition condition-name`',
  },
];

/**
 * Policy names: a statement whose value type is the YANG's `jt:policy-algebra` and whose name says policy
 * (`import`, `export`, `vrf-import`, `import-policy`, `policy` subroutines, ...) names policy statements;
 * the same type is also used for plain number lists (`dscp`, `packet-length` under dynamic profiles),
 * which the name test leaves out. A policy expression (`"(a && b)"`) is not split into names.
 */
const POLICY_STATEMENT_NAMES = /^(import|export|policy|[a-z0-9-]+-(import|export|policy))$/;
const POLICY_REFERENCE: DocumentedReference = {
  at: [],
  targets: ['policy-options policy-statement'],
  source: 'Juniper, "import (Protocols BGP)", "export (Protocols BGP)", "vrf-import", "vrf-export", "from policy (subroutine)": `import [ policy-names ]` names policies defined with `policy-statement` at [edit policy-options]',
};

interface CompiledReference {
  readonly pattern: RegExp;
  /** the `at` pattern it was compiled from */
  readonly at: string;
  readonly row: DocumentedReference;
}

/** `at` patterns by their last statement name ('' for a pattern ending in `*`). */
const documentedByLast: Map<string, CompiledReference[]> = (() => {
  const out = new Map<string, CompiledReference[]>();
  for (const row of DOCUMENTED_REFERENCES) {
    for (const at of row.at) {
      const segments = at.split(' ');
      // `{firewall filter|...}` alternatives may hold blanks: re-join what a split cut apart
      const joined: string[] = [];
      for (const seg of segments) {
        const open = joined.length > 0 && joined[joined.length - 1]!.includes('{') && !joined[joined.length - 1]!.includes('}');
        if (open) joined[joined.length - 1] += ` ${seg}`;
        else joined.push(seg);
      }
      const source = joined
        .map((seg) => (seg === '*' ? '([^ ]+)' : seg.startsWith('{') ? `(${seg.slice(1, -1).split('|').map(escapeRegExp).join('|')})` : escapeRegExp(seg)))
        .join(' ');
      const last = joined[joined.length - 1]!;
      const lasts = last === '*' ? [''] : last.startsWith('{') ? last.slice(1, -1).split('|').map((a) => a.split(' ').pop()!) : [last];
      for (const name of lasts) {
        let list = out.get(name);
        if (!list) out.set(name, (list = []));
        list.push({ pattern: new RegExp(`^${source}$`), at, row });
      }
    }
  }
  return out;
})();

/** Every compiled `at` pattern with its row (for checking the table against the schema). */
export function documentedReferencePatterns(): readonly CompiledReference[] {
  return [...new Set([...documentedByLast.values()].flat())];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The documented reference a statement is (with `$n` already replaced in its targets), if any. */
export function documentedReference(node: ConfigNode): { readonly targets: readonly ReferenceTarget[]; readonly key?: 'last'; readonly source: string } | undefined {
  const schema = node.schema;
  if (!schema || schema.references.length > 0) return undefined;
  const candidates = documentedByLast.get(node.keyword);
  const wildcard = documentedByLast.get('');
  if (candidates || wildcard) {
    const path = schemaPathOf(node).join(' ');
    for (const c of [...(candidates ?? []), ...(wildcard ?? [])]) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      const targets = c.row.targets.map((t) => ({ path: t.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '').split(' '), relative: false, up: 0 }));
      return { targets, ...(c.row.key ? { key: c.row.key } : {}), source: c.row.source };
    }
  }
  const type = schema.type;
  if (type?.kind === 'named' && type.name === 'policy-algebra' && POLICY_STATEMENT_NAMES.test(node.keyword) && schemaPathOf(node)[0] !== 'dynamic-profiles') {
    return { targets: POLICY_REFERENCE.targets.map((t) => ({ path: t.split(' '), relative: false, up: 0 })), source: POLICY_REFERENCE.source };
  }
  return undefined;
}

/** A word that can name a definition (not a policy expression, a variable, or a name Junos reserves). */
function plainName(text: string): boolean {
  return text.length > 0 && !text.startsWith('__') && !/[\s()!&|]/.test(text);
}

/** Definition kinds where "nothing uses it" means a mistake or dead configuration. */
const UNUSED_MATTERS: ReadonlySet<string> = new Set([
  'services ipsec-vpn ike proposal',
  'services ipsec-vpn ike policy',
  'services ipsec-vpn ipsec proposal',
  'services ipsec-vpn ipsec policy',
  'services ipsec-vpn rule',
  'services ipsec-vpn rule-set',
  'security ike proposal',
  'security ike policy',
  'security ike gateway',
  'security ipsec proposal',
  'security ipsec policy',
  'policy-options prefix-list',
  'policy-options policy-statement',
  'firewall filter',
  'firewall family inet filter',
  'firewall family inet6 filter',
]);
const UNUSED_KEYWORDS: ReadonlySet<string> = new Set([...UNUSED_MATTERS].map((k) => k.split(' ').pop()!));

/** Kinds whose unused entries make a tunnel impossible (warning, not hint). */
const MUST_BE_APPLIED = 'services ipsec-vpn rule';

const INTERFACE_TYPES: ReadonlySet<string> = new Set(['interface-name', 'interface-unit', 'ipv4addr-or-interface', 'ipaddr-or-interface']);

function typeTakesInterface(type: ValueType | undefined): boolean {
  if (!type) return false;
  if (type.kind === 'named') return INTERFACE_TYPES.has(type.name);
  if (type.kind === 'union') return type.members.some(typeTakesInterface);
  return false;
}

const interfaceValued = new WeakMap<SchemaNode, boolean>();

/** Whether a statement's value (leaf) or key (list) may name an interface; cached per shared schema node. */
function takesInterface(schema: SchemaNode): boolean {
  let known = interfaceValued.get(schema);
  if (known === undefined) {
    known = typeTakesInterface(schema.kind === 'list' ? schema.keys[0]?.type : schema.type);
    interfaceValued.set(schema, known);
  }
  return known;
}

const INTERFACE_LIKE = /^[a-z][a-z0-9-]*?-?\d+(\/\d+)*(\.\d+)?$|^(lo0|irb|vlan|ae\d+|reth\d+|st0|fxp0|em\d|me0)(\.\d+)?$/;

function looksLikeInterface(text: string): boolean {
  return INTERFACE_LIKE.test(text) && !/^\d+(\.\d+){0,3}$/.test(text);
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const near = didYouMean(name, candidates, 1);
  if (near.length > 0) return near[0];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const contains = c.includes(name) || name.includes(c);
    const d = editDistance(name, c) - (contains ? 100 : 0);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best;
}

/** 'services ipsec-vpn ike proposal' -> 'IKE proposal' (the last two statement names, protocol names upper-cased). */
function noun(kind: string): string {
  const words = kind.split(' ');
  const last = words[words.length - 1] ?? kind;
  const before = words[words.length - 2];
  const qualifier = before === 'ike' ? 'IKE' : before === 'ipsec' ? 'IPsec' : before === 'ipsec-vpn' || before === 'inet' || before === 'inet6' ? before : undefined;
  return qualifier ? `${qualifier} ${last}` : last;
}

function withArticle(phrase: string): string {
  return /^([aeiou]|IKE|IPsec)/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

export interface ReferenceFindings {
  readonly index: ReferenceIndex;
  readonly diagnostics: Diagnostic[];
}

/** Builds the index over the effective configuration and reports undefined and unused names. */
export function referenceDiagnostics(ctx: AnalysisContext, extraUses: readonly { words: readonly Word[] }[] = []): ReferenceFindings {
  const index = new ReferenceIndex();
  const diagnostics: Diagnostic[] = [];
  const opaqueWords = new Set<string>();
  const candidates: { node: ConfigNode; kind: string }[] = [];
  const effectiveRoot = ctx.model.effective();

  for (const node of ctx.effective) {
    if (node.role === 'opaque' || node.role === 'unknown') {
      opaqueWords.add(node.keyword);
      for (const v of node.values) opaqueWords.add(v.text);
      continue;
    }
    const schema = node.schema;
    if (!schema) continue;
    if (node.role === 'list-entry' && UNUSED_KEYWORDS.has(node.keyword)) {
      const kind = schemaPathOf(node).join(' ');
      if (UNUSED_MATTERS.has(kind)) candidates.push({ node, kind });
    }
    const words = node.role === 'list-entry' ? node.keys.slice(0, 1) : node.role === 'leaf' || node.role === 'leaf-list' ? node.values : [];
    if (words.length === 0) continue;
    const documented = schema.references.length > 0 ? undefined : documentedReference(node);
    if (schema.references.length > 0) {
      for (const w of words) addReference(index, node, w);
    } else if (documented) {
      const named = node.role === 'list-entry' && documented.key === 'last' ? node.keys.slice(-1) : words;
      if (documented.targets.some((t) => getChild(effectiveRoot, t.path[0]!) !== undefined)) {
        for (const w of named) if (plainName(w.text)) addReference(index, node, w, documented.targets, true);
      }
    } else if (takesInterface(schema)) {
      for (const w of words) addInterfaceUse(index, node, w);
    }
  }

  // apply-groups names a group (the effective tree has expanded them away, so read the written tree)
  for (const n of [...ctx.written, ...ctx.inGroups]) {
    if (n.keyword !== 'apply-groups' && n.keyword !== 'apply-groups-except') continue;
    for (const w of n.values) {
      const entry = getChild(ctx.model.root, 'groups', [w.text]);
      // an undefined group is the model's `undefined-group` problem; the index only records the link
      if (entry) index.addUse({ kind: 'groups', name: w.text, word: w, node: n, target: index.definitionOf(entry, 'groups'), listPath: ['groups'] });
    }
  }

  // statements reported with a word to remove: their remaining words still refer to things
  const repairedUses: Use[] = [];
  for (const r of extraUses) {
    const found = resolveRepaired(ctx, r.words);
    if (found) repairedUses.push(...found.map((u) => ({ ...u, target: u.target ? index.definitionOf(u.target.node, u.kind) : undefined })));
  }

  const inactive = inactiveEntries(ctx);
  for (const use of [...index.uses, ...repairedUses]) {
    if (!use.target && definedButInactive(ctx, inactive, use)) continue;
    if (use.target || ctx.isTainted(use.word.source.docId, use.word.source.start) && !repairedUses.includes(use)) continue;
    if (use.interfaceForm) {
      const underServices = schemaPathOf(use.node)[0] === 'services';
      const code = underServices ? 'undefined-reference' : 'undefined-interface';
      diagnostics.push({
        docId: use.word.source.docId,
        start: use.word.source.start,
        end: use.word.source.end,
        code,
        severity: defaultSeverity(code),
        message: `Interface '${use.name}' is not configured: add '${interfaceStatement(use.name)}' under [edit interfaces], or correct the name.`,
        related: [],
        data: { kind: 'create-definition', path: ['interfaces'], name: use.name },
      });
      continue;
    }
    const siblings = use.listPath.length > 0 ? existingNames(use) : [];
    const near = closest(use.name, siblings);
    const nearNode = near !== undefined ? existingEntry(use, near) : undefined;
    const nearDef = nearNode ? index.definitionOf(nearNode, use.kind) : undefined;
    diagnostics.push({
      docId: use.word.source.docId,
      start: use.word.source.start,
      end: use.word.source.end,
      code: 'undefined-reference',
      severity: defaultSeverity('undefined-reference'),
      message:
        `'${use.name}' names ${withArticle(noun(use.kind))} that is not configured (no '${use.listPath.join(' ')} ${use.name}'). ` +
        (near !== undefined ? `The closest configured one is '${near}': use that name, or define '${use.name}'.` : `Define it, or correct the name.`),
      related: nearDef?.nameWords[0]
        ? [{ docId: nearDef.nameWords[0].source.docId, start: nearDef.nameWords[0].source.start, end: nearDef.nameWords[0].source.end, message: `the configured ${noun(use.kind)} '${near}'` }]
        : [],
      data: { kind: 'create-definition', path: [...use.listPath], name: use.name },
    });
  }

  // how often each word is written anywhere (inactive statements and groups included): a name written
  // only where it is defined is unused even for references the YANG does not declare
  const names = new Set<string>();
  for (const c of candidates) if (c.node.keys[0]) names.add(c.node.keys[0].text);
  const written = new Map<string, number>();
  const bump = (t: string): void => {
    if (names.has(t)) written.set(t, (written.get(t) ?? 0) + 1);
  };
  for (const list of names.size > 0 ? [ctx.written, ctx.inGroups] : []) {
    for (const n of list) {
      if (n.role === 'list-entry') for (const k of n.keys) bump(k.text);
      else if (n.role === 'opaque' || n.role === 'unknown') bump(n.keyword);
      // a policy expression (`export "(a && b)"`) writes several names in one word
      for (const v of n.values) for (const part of /[\s()!&|]/.test(v.text) ? v.text.split(/[\s()!&|]+/) : [v.text]) bump(part);
    }
  }

  // unused definitions (names a failed reference was probably meant for are folded into that diagnostic)
  const meantFor = new Set<string>();
  for (const d of diagnostics) for (const r of d.related) meantFor.add(`${r.docId}\u0000${r.start}`);
  // a rule counts as applied when anything names it (a service set, or a rule-set)
  for (const { node, kind } of candidates) {
    const def = index.definitionOf(node, kind);
    if (index.referencesOf(def).length > 0) continue;
    if (opaqueWords.has(def.name) || (written.get(def.name) ?? 0) > 1) continue;
    const w = def.nameWords[0] ?? node.keys[0];
    if (!w) continue;
    if (meantFor.has(`${w.source.docId}\u0000${w.source.start}`)) continue;
    if (ctx.isTainted(w.source.docId, w.source.start)) continue;
    if (kind === MUST_BE_APPLIED) {
      diagnostics.push({
        docId: w.source.docId,
        start: w.source.start,
        end: w.source.end,
        code: 'unapplied-rule',
        severity: defaultSeverity('unapplied-rule'),
        message: `IPsec rule '${def.name}' is not used by any service set, so no tunnel is built from it: list it in a service set's 'ipsec-vpn-rules' (or in a rule-set that one uses).`,
        related: [],
      });
      continue;
    }
    diagnostics.push({
      docId: w.source.docId,
      start: w.source.start,
      end: w.source.end,
      code: 'unused-definition',
      severity: defaultSeverity('unused-definition'),
      message: `${noun(kind).replace(/^./, (c) => c.toUpperCase())} '${def.name}' is defined but nothing refers to it; remove it or reference it.`,
      related: [],
      tags: ['unnecessary'],
    });
  }
  return { index, diagnostics };
}

/** Keys of written list entries that are inactive or inside `groups`, by list keyword. */
function inactiveEntries(ctx: AnalysisContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  // an explicit stack: free-form words nest one node per word, deeper than recursion goes
  const stack: { n: ConfigNode; off: boolean }[] = ctx.model.root.children.map((c) => ({ n: c, off: c.keyword === 'groups' }));
  while (stack.length > 0) {
    const { n, off } = stack.pop()!;
    const now = off || n.inactive;
    if (now && n.role === 'list-entry' && n.keys[0]) {
      let set = out.get(n.keyword);
      if (!set) out.set(n.keyword, (set = new Set()));
      set.add(n.keys[0].text);
    }
    for (const c of n.children) stack.push({ n: c, off: now });
  }
  return out;
}

/** A name whose definition exists but is deactivated (or only in a group): not "undefined". */
function definedButInactive(ctx: AnalysisContext, inactive: Map<string, Set<string>>, use: Use): boolean {
  if (use.interfaceForm) return resolveInterface(ctx.model.root, use.name, use.interfaceForm).kind !== 'absent';
  const list = use.listPath[use.listPath.length - 1];
  return list !== undefined && (inactive.get(list)?.has(use.name) ?? false);
}

function interfaceStatement(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} unit ${name.slice(dot + 1)}` : name;
}

function existingEntry(use: Use, name: string): ConfigNode | undefined {
  const holder = referenceHolder(use.node, { path: use.listPath, relative: false, up: 0 });
  return holder?.holder ? findEntry(holder.holder, holder.list, name) : undefined;
}

function existingNames(use: Use): string[] {
  const holder = referenceHolder(use.node, { path: use.listPath, relative: false, up: 0 });
  if (!holder?.holder) return [];
  return holder.holder.children.filter((c) => c.keyword === holder.list && c.role === 'list-entry').map((c) => c.keys[0]?.text ?? '');
}

function addReference(
  index: ReferenceIndex,
  node: ConfigNode,
  w: Word,
  targets: readonly ReferenceTarget[] = node.schema!.references,
  /** an undefined name is recorded against the target holding the closest configured name (documented
   *  references: an inet filter may be a `firewall filter` or a `firewall family inet filter`) */
  nearestMiss = false,
): void {
  if (w.kind === 'wildcard' || w.text.includes('<') || w.text.startsWith('$')) return;
  let firstMiss: Use | undefined;
  let nearest: { use: Use; score: number } | undefined;
  for (const target of targets) {
    if (target.valueForm) {
      const r = resolveInterface(node, w.text, target.valueForm);
      // no [edit interfaces] at all: a partial file, where nothing can be said about interfaces
      if (r.kind === 'unresolvable' || (r.kind === 'absent' && r.holder === undefined)) return;
      const use: Use = { kind: 'interfaces', name: w.text, word: w, node, target: undefined, listPath: ['interfaces'], interfaceForm: target.valueForm };
      if (r.kind === 'found') return index.addUse({ ...use, target: index.definitionOf(r.node, 'interfaces') });
      firstMiss ??= use;
      continue;
    }
    const h = referenceHolder(node, target);
    if (!h) return; // cannot know
    const kind = h.path.join(' ');
    const entry = h.holder ? findEntry(h.holder, h.list, w.text) : undefined;
    if (entry) return index.addUse({ kind, name: w.text, word: w, node, target: index.definitionOf(entry, kind), listPath: h.path });
    const listPath = h.holder ? [...pathWithKeys(h.holder), h.list] : h.path;
    const miss: Use = { kind, name: w.text, word: w, node, target: undefined, listPath };
    firstMiss ??= miss;
    if (nearestMiss && h.holder) {
      const names = h.holder.children.filter((c) => c.keyword === h.list && c.role === 'list-entry').map((c) => c.keys[0]?.text ?? '');
      const near = closest(w.text, names);
      const score = near === undefined ? Infinity : editDistance(w.text, near);
      if (!nearest || score < nearest.score) nearest = { use: miss, score };
    }
  }
  const miss = nearest && nearest.score < Infinity ? nearest.use : firstMiss;
  if (miss) index.addUse(miss);
}

function addInterfaceUse(index: ReferenceIndex, node: ConfigNode, w: Word): void {
  if (!looksLikeInterface(w.text) || w.text.includes('*') || w.text.includes('<')) return;
  const path = schemaPathOf(node);
  if (path[0] === 'interfaces' || path[0] === 'groups') return;
  const r = resolveInterface(node, w.text, 'ifl');
  if (r.kind === 'unresolvable' || (r.kind === 'absent' && r.holder === undefined)) return;
  const use: Use = { kind: 'interfaces', name: w.text, word: w, node, target: undefined, listPath: ['interfaces'], interfaceForm: 'ifl' };
  index.addUse(r.kind === 'found' ? { ...use, target: index.definitionOf(r.node, 'interfaces') } : use);
}

function findEntry(holder: ConfigNode, list: string, name: string): ConfigNode | undefined {
  const direct = getChild(holder, list, [name]);
  if (direct) return direct;
  for (const c of holder.children) if (c.keyword === list && c.keys[0]?.text === name) return c;
  return undefined;
}

function pathWithKeys(node: ConfigNode): string[] {
  const parts: string[] = [];
  for (let n: ConfigNode | undefined = node; n && n.role !== 'root'; n = n.parent) {
    parts.unshift(...(n.keywordHidden ? n.keys.map((k) => k.text) : [n.keyword, ...n.keys.map((k) => k.text)]));
  }
  return parts;
}

/** Uses found in the words of a statement repaired by removing one word (checked against the effective tree). */
function resolveRepaired(ctx: AnalysisContext, words: readonly Word[]): Use[] | undefined {
  // walk the effective tree along the words: statement names and keys that exist, then leaf values
  let node: ConfigNode | undefined = ctx.model.effective();
  const out: Use[] = [];
  let i = 0;
  while (node && i < words.length) {
    const w = words[i]!;
    const schemaChild = node.schema?.child(w.text);
    if (!schemaChild) {
      // a nokeyword list entry (its key is written, the keyword is not)
      const hidden: ConfigNode | undefined = node.children.find((c) => c.keywordHidden && c.keys[0]?.text === w.text);
      if (!hidden) return out;
      node = hidden;
      i++;
      continue;
    }
    if (schemaChild.kind === 'list') {
      const key = words[i + 1];
      if (!key) return out;
      node = findEntry(node, schemaChild.name, key.text);
      i += 2;
      continue;
    }
    if (schemaChild.kind === 'container') {
      const next: ConfigNode | undefined = node.children.find((c) => c.keyword === w.text && c.keys.length === 0);
      if (!next) return out;
      node = next;
      i++;
      continue;
    }
    const value = words[i + 1];
    if (!value || schemaChild.references.length === 0) return out;
    const probe = { ...node, keyword: schemaChild.name, schema: schemaChild, parent: node, role: 'leaf' as const, values: [value] } as ConfigNode;
    const local = new ReferenceIndex();
    addReference(local, probe, value);
    out.push(...local.uses);
    return out;
  }
  return out;
}
