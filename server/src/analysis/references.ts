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
 *   Incremental: the index is updated in place (`ReferenceMemo`, `updateReferenceFindings`): uses leave and
 *   enter with the replaced subtree, and undefined/unused are decided again only for the names touched;
 *   the index keys words by their source object (the model moves offsets in place); the words an update
 *   touched are logged with the index's revision before and after (`lastBatch`, what the semantic classes'
 *   reference marks are updated from: ide/schema-tokens.ts).
 *   Memory: a word's entry is the definition or use itself (a pair only for a word that is both), a
 *   statement's single use is stored without an array, the position lookup is typed arrays per document,
 *   the uses' list paths one frozen array per distinct path, name words in exact-size arrays.
 * Tests: test/src/analysis/references.test.ts, test/src/analysis/reference-positions.test.ts, test/src/lsp/documented-references.test.ts (over stdio),
 *   test/src/analysis/incremental.test.ts
 */
import type { ConfigNode, Word, WordSource } from '../model/index';
import { getChild, newNode } from '../model/tree';
import { editDistance, didYouMean } from '../schema/index';
import type { ReferenceTarget, SchemaNode, ValueType } from '../schema/types';
import { defaultSeverity } from './codes';
import { schemaPathOf, writtenOf, type AnalysisContext } from './context';
import type { Diagnostic, SourceSpan } from './diagnostic';
import { comparePreOrder, moveDiagnostic, type ChangeScope } from './change';
import { lookupSteps, referenceHolder, resolveInterface, stepsTo } from './paths';

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

/** What a word names: the definition it is a name word of, the use it is, or (rarely) both; stored as
 *  the definition or use itself (no wrapper per word: a large configuration has a hundred thousand). */
type WordEntry = Definition | Use | { readonly definition: Definition; readonly use: Use };

function definitionIn(e: WordEntry | undefined): Definition | undefined {
  if (e === undefined) return undefined;
  if ('nameWords' in e) return e;
  return 'definition' in e ? e.definition : undefined;
}

function useIn(e: WordEntry | undefined): Use | undefined {
  if (e === undefined) return undefined;
  if ('word' in e) return e;
  return 'use' in e ? e.use : undefined;
}

function entryOf(definition: Definition | undefined, use: Use | undefined): WordEntry | undefined {
  return definition && use ? { definition, use } : definition ?? use;
}

/** A definition's name words: the mentions of its written entry that spell its name, in an array exactly
 *  as long as they are (a filtered array reserves 17 slots; a large file has ten thousand definitions). */
function nameWordsOf(written: ConfigNode, name: string | undefined): Word[] {
  const mentions = written.mentions;
  let count = 0;
  for (const m of mentions) if (m.text === name && m.kind !== 'synthetic') count++;
  const out = new Array<Word>(count);
  let i = 0;
  for (const m of mentions) if (m.text === name && m.kind !== 'synthetic') out[i++] = m;
  return out;
}

/** The words of one document the index knows, sorted by start (ties in index order), for `wordAt`. */
interface SortedWords {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly sources: readonly WordSource[];
}

/** Numbers naming index states: one counter for every index, so that states of two indexes never compare equal. */
let nextRevision = 1;

/** What one logged batch of changes (`updateReferenceFindings`) did to an index's words (`ReferenceIndex.lastBatch`). */
export interface WordBatch {
  /** the index's revision before the batch and after it */
  readonly from: number;
  readonly to: number;
  /** every word whose definition or use may have changed (their offsets are the text's after the batch,
   *  but for words that left the tree: the text's before it) */
  readonly words: ReadonlySet<WordSource>;
  /** some word named by the batch is a name word of more than one definition, or some definition's entry
   *  left the tree but is kept (e.g. offered as a closest name): what its words mean cannot be read from
   *  `entryAt` alone */
  readonly unclear: boolean;
}

export class ReferenceIndex {
  /** the state's number: a change outside a logged batch gives a new one (`lastBatch` then no longer
   *  leads to it) */
  revision = nextRevision++;
  /** the last logged batch of changes (its `to` is `revision` while no other change followed) */
  lastBatch: WordBatch | undefined;
  private logged: Set<WordSource> | undefined;
  /** name words of more than one definition (rare: a group's entry applied in several places); weak, so the
   *  words of replaced entries go with them */
  private readonly sharedNameWords = new WeakSet<WordSource>();
  private anySharedNameWord = false;
  /** definitions whose entry left the tree but which were kept (their words keep old offsets) */
  private readonly detached = new Set<Definition>();
  readonly definitions: Definition[] = [];
  readonly uses: Use[] = [];
  private readonly defByNode = new Map<ConfigNode, Definition>();
  private readonly usesByDef = new Map<Definition, Use[]>();
  /** by source object: a word copied into several places (a group applied many times) is one word, and
   *  the model moves a kept word's offsets in place on incremental updates */
  private readonly byWord = new Map<WordSource, WordEntry>();
  /** a statement's one use, or its uses when it has several (most statements hold one) */
  private readonly usesByNode = new Map<ConfigNode, Use | Use[]>();
  /** the uses' list paths, one array per distinct path (`sharedPath`) */
  private readonly paths = new Map<string, readonly string[]>();

  definitionOf(node: ConfigNode, kind: string): Definition {
    let def = this.defByNode.get(node);
    if (!def) {
      const written = writtenOf(node);
      const nameWords = nameWordsOf(written, node.keys[0]?.text);
      def = { kind, name: node.keys[0]?.text ?? '', node, nameWords };
      this.defByNode.set(node, def);
      this.definitions.push(def);
      this.sorted = undefined;
      for (const w of nameWords) this.setNameWord(w.source, def);
    }
    return def;
  }

  addUse(use: Use): void {
    const source = use.word.source;
    const at = this.byWord.get(source);
    if (useIn(at)) return; // the same word seen again through another group application
    (use as { listPath: readonly string[] }).listPath = this.sharedPath(use.listPath);
    this.setEntry(source, definitionIn(at), use);
    this.uses.push(use);
    const here = this.usesByNode.get(use.node);
    if (here === undefined) this.usesByNode.set(use.node, use);
    else if (Array.isArray(here)) here.push(use);
    else this.usesByNode.set(use.node, [here, use]);
    this.sorted = undefined;
    if (use.target) {
      let list = this.usesByDef.get(use.target);
      if (!list) this.usesByDef.set(use.target, (list = []));
      list.push(use);
    }
  }

  /** One frozen array per distinct list path: a large configuration has tens of thousands of uses naming
   *  a few lists (an array of its own each was 3 MB at 100k lines). */
  private sharedPath(path: readonly string[]): readonly string[] {
    if (Object.isFrozen(path)) return path;
    const key = path.join('\u0000');
    let shared = this.paths.get(key);
    if (!shared) this.paths.set(key, (shared = Object.freeze(path.slice())));
    return shared;
  }

  /** Starts logging the words changes touch (`endBatch` ends it). */
  beginBatch(): void {
    this.logged = new Set();
  }

  /** Ends a logged batch: `lastBatch` says what it touched; `removed`: the entries taken out of the tree
   *  (a definition of one kept makes the batch unclear, as long as it stays). */
  endBatch(removed: readonly ConfigNode[]): void {
    const words = this.logged;
    if (!words) return;
    this.logged = undefined;
    for (const n of removed) {
      const def = this.defByNode.get(n);
      if (def) this.detached.add(def);
    }
    let unclear = this.detached.size > 0;
    if (!unclear && this.anySharedNameWord) for (const w of words) if (this.sharedNameWords.has(w)) unclear = true;
    const from = this.revision;
    this.revision = nextRevision++;
    this.lastBatch = { from, to: this.revision, words, unclear };
  }

  /** Records that what `source` names may have changed. */
  private touched(source: WordSource): void {
    if (this.logged) this.logged.add(source);
    else this.revision = nextRevision++;
  }

  /** What the index says of a word: the definition it is a name word of, the use it is (either may be missing). */
  entryAt(source: WordSource): { readonly definition: Definition | undefined; readonly use: Use | undefined } {
    const e = this.byWord.get(source);
    return { definition: definitionIn(e), use: useIn(e) };
  }

  /** Sets (or, with neither, removes) what a word names; a word already known keeps its place. */
  private setEntry(source: WordSource, definition: Definition | undefined, use: Use | undefined): void {
    this.touched(source);
    const e = entryOf(definition, use);
    if (e) this.byWord.set(source, e);
    else this.byWord.delete(source);
  }

  /** Makes a word a name word of `def` (noting a word another definition names too). */
  private setNameWord(source: WordSource, def: Definition): void {
    const e = this.byWord.get(source);
    const other = definitionIn(e);
    if (other && other !== def) {
      this.sharedNameWords.add(source);
      this.anySharedNameWord = true;
    }
    this.setEntry(source, def, useIn(e));
  }

  /** Forgets that a word is a name word of `def` (if it is). */
  private dropNameWord(source: WordSource, def: Definition): void {
    this.touched(source);
    const e = this.byWord.get(source);
    if (definitionIn(e) === def) this.setEntry(source, undefined, useIn(e));
  }

  /** Takes out every use written in one of `nodes` (incremental updates); returns them. */
  removeUsesIn(nodes: readonly ConfigNode[]): Use[] {
    const gone: Use[] = [];
    for (const n of nodes) {
      const here = this.usesByNode.get(n);
      if (here === undefined) continue;
      this.usesByNode.delete(n);
      if (Array.isArray(here)) gone.push(...here);
      else gone.push(here);
    }
    if (gone.length === 0) return gone;
    const set = new Set(gone);
    removeFrom(this.uses, set);
    for (const u of gone) {
      this.touched(u.word.source);
      const e = this.byWord.get(u.word.source);
      if (useIn(e) === u) this.setEntry(u.word.source, definitionIn(e), undefined);
      if (!u.target) continue;
      const list = this.usesByDef.get(u.target);
      if (!list) continue;
      removeFrom(list, set);
      if (list.length === 0) this.usesByDef.delete(u.target);
    }
    this.sorted = undefined;
    return gone;
  }

  /** Moves the uses added since `from` (in `uses`, all of one subtree) to where a pre-order walk would
   *  have added them (incremental updates). */
  placeUsesFrom(from: number): void {
    const fresh = this.uses.splice(from);
    if (fresh.length === 0) return;
    this.uses.splice(preOrderPosition(this.uses, fresh[0]!.node), 0, ...fresh);
    const byDef = new Map<Definition, Use[]>();
    for (const u of fresh) {
      if (!u.target) continue;
      let list = byDef.get(u.target);
      if (!list) byDef.set(u.target, (list = []));
      list.push(u);
    }
    for (const [def, mine] of byDef) {
      const list = this.usesByDef.get(def)!;
      const set = new Set(mine);
      removeFrom(list, set);
      list.splice(preOrderPosition(list, mine[0]!.node), 0, ...mine);
    }
  }

  /** Forgets a definition nothing needs any more (incremental updates: a fresh build would not make it). */
  dropDefinition(def: Definition): void {
    if (this.defByNode.get(def.node) !== def || (this.usesByDef.get(def)?.length ?? 0) > 0) return;
    this.defByNode.delete(def.node);
    this.usesByDef.delete(def);
    this.detached.delete(def);
    const i = this.definitions.indexOf(def);
    if (i >= 0) this.definitions.splice(i, 1);
    for (const w of def.nameWords) this.dropNameWord(w.source, def);
    this.sorted = undefined;
  }

  /** A definition's name words after its entry's mentions changed (incremental updates, set form). */
  setNameWords(def: Definition, words: readonly Word[]): void {
    for (const w of def.nameWords) this.dropNameWord(w.source, def);
    (def as { nameWords: readonly Word[] }).nameWords = words;
    for (const w of words) this.setNameWord(w.source, def);
    this.sorted = undefined;
  }

  /** Offsets moved (incremental updates): the position lookup is built again on next use. */
  invalidatePositions(): void {
    this.sorted = undefined;
  }

  private sorted: Map<string, SortedWords> | undefined;

  /** The entry whose word covers `offset` (binary search over words sorted by start, built on first use). */
  private wordAt(docId: string, offset: number): WordEntry | undefined {
    this.sorted ??= sortedWords(this.byWord.keys());
    const list = this.sorted.get(docId);
    if (!list) return undefined;
    const { starts, ends } = list;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && offset <= ends[found]! ? this.byWord.get(list.sources[found]!) : undefined;
  }

  /** The definition named by the word at `offset` (a definition's own name, or a use of it). */
  definitionAt(docId: string, offset: number): Definition | undefined {
    const at = this.wordAt(docId, offset);
    return definitionIn(at) ?? useIn(at)?.target;
  }

  /** The use at `offset`, if the word there refers to something. */
  useAt(docId: string, offset: number): Use | undefined {
    return useIn(this.wordAt(docId, offset));
  }

  /** The uses written in one statement (e.g. each name of a `proposals [ a b ]`). */
  usesIn(node: ConfigNode): readonly Use[] {
    const here = this.usesByNode.get(node);
    return here === undefined ? [] : Array.isArray(here) ? here : [here];
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

/** The sources by document, each sorted by start (a stable order: ties keep the order given). */
function sortedWords(sources: Iterable<WordSource>): Map<string, SortedWords> {
  const byDoc = new Map<string, WordSource[]>();
  for (const source of sources) {
    let list = byDoc.get(source.docId);
    if (!list) byDoc.set(source.docId, (list = []));
    list.push(source);
  }
  const out = new Map<string, SortedWords>();
  for (const [docId, list] of byDoc) {
    const starts = list.map((s) => s.start);
    const order = list.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
    out.set(docId, {
      starts: Int32Array.from(order, (i) => starts[i]!),
      ends: Int32Array.from(order, (i) => list[i]!.end),
      sources: order.map((i) => list[i]!),
    });
  }
  return out;
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
  {
    // the input side's key carries a `junos:must` into the entry (a schema reference); the output side has none
    at: ['interfaces * unit family {inet|inet6} service output service-set'],
    targets: ['services service-set'],
    source: 'Juniper, "service-set (Interfaces Service)": `service { input { service-set service-set-name; } output { service-set service-set-name; } }` names a service set configured at [edit services]',
  },
  {
    at: [
      'interfaces * unit family inet service {input|output} service-set service-filter',
      'interfaces * unit family inet service {input|output} post-service-filter',
    ],
    targets: ['firewall family inet service-filter'],
    source: 'Juniper, "service-filter (Interfaces)" and "post-service-filter (Interfaces)": the name of a service filter configured at [edit firewall family inet service-filter]',
  },
  {
    at: [
      'interfaces * unit family inet6 service {input|output} service-set service-filter',
      'interfaces * unit family inet6 service {input|output} post-service-filter',
    ],
    targets: ['firewall family inet6 service-filter'],
    source: 'Juniper, "service-filter (Interfaces)" and "post-service-filter (Interfaces)": under family inet6, a service filter configured at [edit firewall family inet6 service-filter]',
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
  const { index, diagnostics } = referenceFindings(ctx, extraUses);
  return { index, diagnostics };
}

/** What an incremental run keeps (findings at the offsets of the text they were made for). */
export interface ReferenceMemo {
  readonly index: ReferenceIndex;
  /** each undefined use's finding, and the definition its message names as the closest */
  readonly undefinedByUse: Map<Use, Diagnostic>;
  readonly nearOf: Map<Use, Definition>;
  /** how many undefined uses name each definition as the closest */
  readonly nearCount: Map<Definition, number>;
  /** definitions whose "unused" means something (effective entries, pre-order), by node and by name */
  readonly candidates: Map<ConfigNode, string>;
  readonly candidatesByName: Map<string, ConfigNode[]>;
  readonly unused: Map<ConfigNode, Diagnostic>;
  readonly opaqueWords: Map<string, number>;
  /** how often each candidate name is written anywhere */
  readonly written: Map<string, number>;
  readonly inactive: Map<string, Set<string>>;
  /** statement names a reference resolution looks children up by (grow only): `lists` the lists whose
   *  entries it looks up by name (and `interface`, `unit` for interface names), `paths` the others */
  readonly refWords: RefWords;
  /** repaired statements were checked too (the next run is a full one) */
  readonly repaired: boolean;
}


interface RefWords {
  readonly lists: Set<string>;
  readonly paths: Set<string>;
}

/** `lists` gets the last word, `paths` the lookups on the way (`paths.ts` lookupSteps). */
function addPath(words: readonly string[], into: RefWords, carrier: ConfigNode, target?: ReferenceTarget): void {
  if (words.length === 0) return;
  into.lists.add(words[words.length - 1]!);
  const above = { path: words.slice(0, -1), relative: target?.relative ?? false, up: target?.up ?? 0 };
  if (above.path.length > 0 || above.relative) lookupSteps(carrier, above, undefined, into.paths);
}

function addInterfaceWords(into: RefWords): void {
  into.lists.add('interface');
  into.lists.add('unit');
  into.paths.add('>interfaces');
  into.paths.add('interfaces>interface-range');
}



interface NodeScan {
  /** words of opaque and unknown statements (names they may use), with how often they occur */
  readonly opaqueWords: Map<string, number>;
  readonly candidates: { node: ConfigNode; kind: string }[];
  readonly refWords: RefWords;
}

/** One effective node's part of the index: its uses, its words if opaque, itself if a candidate. */
function scanNode(index: ReferenceIndex, node: ConfigNode, effectiveRoot: ConfigNode, into: NodeScan): void {
  if (node.role === 'opaque' || node.role === 'unknown') {
    opaqueNames(node, (t) => into.opaqueWords.set(t, (into.opaqueWords.get(t) ?? 0) + 1));
    return;
  }
  const schema = node.schema;
  if (!schema) return;
  if (node.role === 'list-entry' && UNUSED_KEYWORDS.has(node.keyword)) {
    const kind = schemaPathOf(node).join(' ');
    if (UNUSED_MATTERS.has(kind)) into.candidates.push({ node, kind });
  }
  const words = node.role === 'list-entry' ? node.keys.slice(0, 1) : node.role === 'leaf' || node.role === 'leaf-list' ? node.values : [];
  if (words.length === 0) return;
  const documented = schema.references.length > 0 ? undefined : documentedReference(node);
  if (schema.references.length > 0) {
    for (const t of schema.references) {
      if (t.valueForm) addInterfaceWords(into.refWords);
      else addPath(t.path, into.refWords, node, t);
    }
    for (const w of words) addReference(index, node, w);
  } else if (documented) {
    for (const t of documented.targets) addPath(t.path, into.refWords, node);
    const named = node.role === 'list-entry' && documented.key === 'last' ? node.keys.slice(-1) : words;
    if (documented.targets.some((t) => getChild(effectiveRoot, t.path[0]!) !== undefined)) {
      for (const w of named) if (plainName(w.text)) addReference(index, node, w, documented.targets, true);
    }
  } else if (takesInterface(schema)) {
    addInterfaceWords(into.refWords);
    for (const w of words) addInterfaceUse(index, node, w);
  }
}

/** The finding for a use that names nothing (and the definition it names as the closest), if reported. */
function undefinedFinding(
  ctx: AnalysisContext,
  index: ReferenceIndex,
  inactive: Map<string, Set<string>>,
  use: Use,
  repaired: boolean,
  refWords: RefWords,
): { diagnostic: Diagnostic; near: Definition | undefined } | undefined {
  if (!use.target && definedButInactive(ctx, inactive, use)) return undefined;
  if (use.target || (ctx.isTainted(use.word.source.docId, use.word.source.start) && !repaired)) return undefined;
  if (use.interfaceForm) {
    const underServices = schemaPathOf(use.node)[0] === 'services';
    const code = underServices ? 'undefined-reference' : 'undefined-interface';
    return {
      near: undefined,
      diagnostic: {
        docId: use.word.source.docId,
        start: use.word.source.start,
        end: use.word.source.end,
        code,
        severity: defaultSeverity(code),
        message: `Interface '${use.name}' is not configured: add '${interfaceStatement(use.name)}' under [edit interfaces], or correct the name.`,
        related: [],
        data: { kind: 'create-definition', path: ['interfaces'], name: use.name },
      },
    };
  }
  addPath(use.listPath, refWords, use.node);
  const siblings = use.listPath.length > 0 ? existingNames(use) : [];
  const near = closest(use.name, siblings);
  const nearNode = near !== undefined ? existingEntry(use, near) : undefined;
  const nearDef = nearNode ? index.definitionOf(nearNode, use.kind) : undefined;
  return {
    near: nearDef,
    diagnostic: {
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
    },
  };
}

/** The words of an opaque or unknown statement that may name a definition. */
function opaqueNames(node: ConfigNode, visit: (name: string) => void): void {
  visit(node.keyword);
  for (const v of node.values) visit(v.text);
}

/** The names a written node counts once each for "written anywhere" (see `referenceFindings`). */
function countedNames(n: ConfigNode, visit: (name: string) => void): void {
  if (n.role === 'list-entry') for (const k of n.keys) visit(k.text);
  else if (n.role === 'opaque' || n.role === 'unknown') visit(n.keyword);
  // a policy expression (`export "(a && b)"`) writes several names in one word
  for (const v of n.values) for (const part of /[\s()!&|]/.test(v.text) ? v.text.split(/[\s()!&|]+/) : [v.text]) visit(part);
}

/** The unused finding of a candidate definition, if reported. */
function unusedFinding(ctx: AnalysisContext, memo: ReferenceMemo, node: ConfigNode, kind: string): Diagnostic | undefined {
  const index = memo.index;
  const def = index.definitionOf(node, kind);
  if (index.referencesOf(def).length > 0) return undefined;
  if ((memo.opaqueWords.get(def.name) ?? 0) > 0 || (memo.written.get(def.name) ?? 0) > 1) return undefined;
  const w = def.nameWords[0] ?? node.keys[0];
  if (!w) return undefined;
  // names a failed reference was probably meant for are folded into that diagnostic
  if (def.nameWords[0] && (memo.nearCount.get(def) ?? 0) > 0) return undefined;
  if (ctx.isTainted(w.source.docId, w.source.start)) return undefined;
  // a rule counts as applied when anything names it (a service set, or a rule-set)
  if (kind === MUST_BE_APPLIED) {
    return {
      docId: w.source.docId,
      start: w.source.start,
      end: w.source.end,
      code: 'unapplied-rule',
      severity: defaultSeverity('unapplied-rule'),
      message: `IPsec rule '${def.name}' is not used by any service set, so no tunnel is built from it: list it in a service set's 'ipsec-vpn-rules' (or in a rule-set that one uses).`,
      related: [],
    };
  }
  return {
    docId: w.source.docId,
    start: w.source.start,
    end: w.source.end,
    code: 'unused-definition',
    severity: defaultSeverity('unused-definition'),
    message: `${noun(kind).replace(/^./, (c) => c.toUpperCase())} '${def.name}' is defined but nothing refers to it; remove it or reference it.`,
    related: [],
    tags: ['unnecessary'],
  };
}

function countNear(memo: ReferenceMemo, def: Definition, by: number): void {
  const n = (memo.nearCount.get(def) ?? 0) + by;
  if (n > 0) memo.nearCount.set(def, n);
  else memo.nearCount.delete(def);
}

function joined(memo: ReferenceMemo, repairedFindings: readonly Diagnostic[] = []): Diagnostic[] {
  return [...memo.undefinedByUse.values(), ...repairedFindings, ...memo.unused.values()];
}

export function referenceFindings(ctx: AnalysisContext, extraUses: readonly { words: readonly Word[] }[] = []): ReferenceFindings & { memo: ReferenceMemo } {
  const index = new ReferenceIndex();
  const effectiveRoot = ctx.model.effective();
  const scan: NodeScan = { opaqueWords: new Map(), candidates: [], refWords: { lists: new Set(), paths: new Set() } };
  for (const node of ctx.effective) scanNode(index, node, effectiveRoot, scan);

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

  const memo: ReferenceMemo = {
    index,
    undefinedByUse: new Map(),
    nearOf: new Map(),
    nearCount: new Map(),
    candidates: new Map(),
    candidatesByName: new Map(),
    unused: new Map(),
    opaqueWords: scan.opaqueWords,
    written: new Map(),
    inactive: inactiveEntries(ctx),
    refWords: scan.refWords,
    repaired: extraUses.length > 0,
  };
  const repairedFindings: Diagnostic[] = [];
  for (const use of index.uses) {
    const found = undefinedFinding(ctx, index, memo.inactive, use, false, memo.refWords);
    if (!found) continue;
    memo.undefinedByUse.set(use, found.diagnostic);
    if (found.near) {
      memo.nearOf.set(use, found.near);
      countNear(memo, found.near, 1);
    }
  }
  for (const use of repairedUses) {
    const found = undefinedFinding(ctx, index, memo.inactive, use, true, memo.refWords);
    if (!found) continue;
    repairedFindings.push(found.diagnostic);
    if (found.near) countNear(memo, found.near, 1);
  }

  // how often each word is written anywhere (inactive statements and groups included): a name written
  // only where it is defined is unused even for references the YANG does not declare
  for (const c of scan.candidates) {
    memo.candidates.set(c.node, c.kind);
    const name = c.node.keys[0]?.text;
    if (name === undefined) continue;
    let list = memo.candidatesByName.get(name);
    if (!list) memo.candidatesByName.set(name, (list = []));
    list.push(c.node);
  }
  const bump = (t: string): void => {
    if (memo.candidatesByName.has(t)) memo.written.set(t, (memo.written.get(t) ?? 0) + 1);
  };
  for (const list of memo.candidatesByName.size > 0 ? [ctx.written, ctx.inGroups] : []) for (const n of list) countedNames(n, bump);

  for (const [node, kind] of memo.candidates) {
    const found = unusedFinding(ctx, memo, node, kind);
    if (found) memo.unused.set(node, found);
  }
  return { index, diagnostics: joined(memo, repairedFindings), memo };
}

/** Forgets a use's finding (and the closest name it offered); the definitions concerned go into `touched`. */
function forgetUse(memo: ReferenceMemo, use: Use, touched: Set<Definition>): void {
  if (use.target) touched.add(use.target);
  memo.undefinedByUse.delete(use);
  const near = memo.nearOf.get(use);
  if (!near) return;
  memo.nearOf.delete(use);
  countNear(memo, near, -1);
  touched.add(near);
}

/** Decides a use's finding again (and the closest name it offers); the definitions concerned go into `touched`. */
function decideUse(ctx: AnalysisContext, memo: ReferenceMemo, use: Use, touched: Set<Definition>): void {
  if (use.target) touched.add(use.target);
  const found = undefinedFinding(ctx, memo.index, memo.inactive, use, false, memo.refWords);
  if (!found) return;
  memo.undefinedByUse.set(use, found.diagnostic);
  if (!found.near) return;
  memo.nearOf.set(use, found.near);
  countNear(memo, found.near, 1);
  touched.add(found.near);
}

function isCandidate(n: ConfigNode): boolean {
  return n.role === 'list-entry' && UNUSED_KEYWORDS.has(n.keyword) && UNUSED_MATTERS.has(schemaPathOf(n).join(' '));
}

function deviceOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The findings after one change, or undefined when the change may reach what this update does not
 * bound (the caller runs the family again): repaired statements (before or now), a replaced statement
 * whose keyword is a name some resolution walks through (not a list it looks entries up in by name), an
 * inactive statement on the way or in the change, a new candidate for "unused" with a name not counted
 * yet, or a definition in the removed subtree named by a use this update does not look at again. A
 * definition on the way whose name words changed (set form) takes the new ones. Otherwise the uses of the removed subtree
 * leave the index and those of the added one enter it (at their pre-order place); when the replaced
 * statement is an entry of a list references name entries of, every use naming its old or new name (for
 * interfaces and units: every interface use on that device) and every undefined use of such a list (the
 * closest names offered) is resolved again; the unused findings of the definitions all these named,
 * offered as closest, or whose name's written count changed are decided again. `changed` says whether
 * any use left or entered.
 */
export function updateReferenceFindings(
  ctx: AnalysisContext,
  memo: ReferenceMemo,
  scope: ChangeScope,
  extraUses: readonly { words: readonly Word[] }[],
): (ReferenceFindings & { memo: ReferenceMemo; changed: boolean }) | undefined {
  if (memo.repaired || extraUses.length > 0) return undefined;
  const parent = scope.parent;
  for (const top of [...scope.removedTops, ...scope.addedTops]) {
    if (top && [...stepsTo(parent, top), `*>${top.keyword}`].some((step) => memo.refWords.paths.has(step))) return undefined;
  }
  const index = memo.index;
  for (const n of [...scope.removed, ...scope.added, ...scope.path]) if (n.inactive) return undefined;
  // a new candidate's name would have to be counted over the whole tree
  for (const n of scope.effectiveAdded) if (isCandidate(n) && !memo.candidatesByName.has(n.keys[0]?.text ?? '\u0000')) return undefined;
  // definitions on the way whose entry's mentions changed (set form: each command mentions its path)
  const renamed: { def: Definition; words: Word[] }[] = [];
  for (const n of scope.effectivePath) {
    const def = index.definitionFor(n);
    if (!def) continue;
    const now = nameWordsOf(writtenOf(n), n.keys[0]?.text);
    if (now.length !== def.nameWords.length || now.some((w, i) => w !== def.nameWords[i])) renamed.push({ def, words: now });
  }

  // the names (and interface devices) whose lookups may now find something else
  const names = new Set<string>();
  const devices = new Set<string>();
  const lists = new Set<string>();
  const parentKey = scope.parent?.keys[0]?.text;
  for (const top of [...scope.removedTops, ...scope.addedTops]) {
    if (!top || !memo.refWords.lists.has(top.keyword)) continue;
    lists.add(top.keyword);
    const key = top.keys[0]?.text;
    if (key !== undefined) names.add(key);
    if (top.keyword === 'interface' && key !== undefined) devices.add(key);
    if (top.keyword === 'unit' && parentKey !== undefined) devices.add(parentKey);
  }
  const removedSet = new Set(scope.effectiveRemoved);
  const again = new Set<ConfigNode>();
  if (lists.size > 0) {
    for (const u of index.uses) {
      if (removedSet.has(u.node)) continue;
      if (u.interfaceForm ? devices.has(deviceOf(u.name)) : names.has(u.name)) again.add(u.node);
    }
    for (const u of memo.undefinedByUse.keys()) if (!removedSet.has(u.node) && lists.has(u.listPath[u.listPath.length - 1] ?? '')) again.add(u.node);
  }
  for (const n of scope.effectiveRemoved) {
    const def = index.definitionFor(n);
    if (def && index.referencesOf(def).some((u) => !removedSet.has(u.node) && !again.has(u.node))) return undefined;
  }

  const { docId, edit } = { docId: ctx.docId, edit: scope.edit };
  if (edit.newEnd !== edit.oldEnd) {
    for (const [use, d] of memo.undefinedByUse) {
      const moved = moveDiagnostic(d, docId, edit);
      if (moved !== d) memo.undefinedByUse.set(use, moved);
    }
    for (const [node, d] of memo.unused) {
      const moved = moveDiagnostic(d, docId, edit);
      if (moved !== d) memo.unused.set(node, moved);
    }
  }
  index.invalidatePositions();
  // what this update does to the index's words is logged (what the semantic classes read: ide/schema-tokens.ts)
  index.beginBatch();

  const touched = new Set<Definition>();
  for (const { def, words } of renamed) {
    index.setNameWords(def, words);
    touched.add(def);
    // undefined uses offering it as the closest name point at its first name word
    for (const [use, near] of [...memo.nearOf]) {
      if (near !== def) continue;
      forgetUse(memo, use, touched);
      decideUse(ctx, memo, use, touched);
    }
  }
  const gone = index.removeUsesIn(scope.effectiveRemoved);
  for (const u of gone) forgetUse(memo, u, touched);
  const recheck = new Set<ConfigNode>();
  for (const n of scope.effectiveRemoved) {
    const def = index.definitionFor(n);
    if (def) touched.add(def);
    if (!memo.candidates.delete(n)) continue;
    memo.unused.delete(n);
    const list = memo.candidatesByName.get(n.keys[0]?.text ?? '');
    if (list) list.splice(list.indexOf(n), 1);
  }

  const counted = new Set<string>();
  // opaque statements' words count as uses of candidate names
  for (const n of scope.effectiveRemoved) {
    if (n.role !== 'opaque' && n.role !== 'unknown') continue;
    opaqueNames(n, (t) => {
      const left = (memo.opaqueWords.get(t) ?? 0) - 1;
      if (left > 0) memo.opaqueWords.set(t, left);
      else memo.opaqueWords.delete(t);
      counted.add(t);
    });
  }
  for (const n of scope.effectiveAdded) if (n.role === 'opaque' || n.role === 'unknown') opaqueNames(n, (t) => counted.add(t));

  // a line that changed whether it is tainted holds only added words and mentions of nodes on the way
  // (analysis/incremental.ts): the uses and candidates on the way are decided again
  if (scope.taintChanged) {
    for (const node of scope.effectivePath) {
      if (memo.candidates.has(node)) recheck.add(node);
      for (const use of index.usesIn(node)) {
        forgetUse(memo, use, touched);
        decideUse(ctx, memo, use, touched);
      }
    }
  }

  const effectiveRoot = ctx.model.effective();
  let fresh = 0;
  const rescan = (nodes: readonly ConfigNode[], scan: NodeScan): void => {
    const from = index.uses.length;
    for (const node of nodes) scanNode(index, node, effectiveRoot, scan);
    const added = index.uses.slice(from);
    fresh += added.length;
    index.placeUsesFrom(from);
    for (const use of added) decideUse(ctx, memo, use, touched);
  };
  const scan: NodeScan = { opaqueWords: memo.opaqueWords, candidates: [], refWords: memo.refWords };
  rescan(scope.effectiveAdded, scan);
  for (const { node, kind } of scan.candidates) {
    memo.candidates.set(node, kind);
    memo.candidatesByName.get(node.keys[0]!.text)!.push(node);
    recheck.add(node);
  }
  // uses elsewhere whose lookups may now find something else: resolved again, one node at a time
  for (const node of again) {
    for (const u of index.removeUsesIn([node])) forgetUse(memo, u, touched);
    rescan([node], { opaqueWords: new Map(), candidates: [], refWords: memo.refWords });
  }

  const bump = (by: number) => (t: string): void => {
    if (!memo.candidatesByName.has(t)) return;
    memo.written.set(t, (memo.written.get(t) ?? 0) + by);
    counted.add(t);
  };
  for (const n of scope.removed) countedNames(n, bump(-1));
  for (const n of scope.added) countedNames(n, bump(1));

  for (const def of touched) if (memo.candidates.has(def.node)) recheck.add(def.node);
  for (const name of counted) for (const node of memo.candidatesByName.get(name) ?? []) recheck.add(node);
  for (const node of recheck) {
    const found = unusedFinding(ctx, memo, node, memo.candidates.get(node)!);
    if (found) memo.unused.set(node, found);
    else memo.unused.delete(node);
  }
  // a fresh build makes definitions only for candidates, targets and closest names
  for (const def of touched) if (!memo.candidates.has(def.node) && !memo.nearCount.has(def)) index.dropDefinition(def);
  index.endBatch(scope.removed.length > 0 ? [...scope.effectiveRemoved, ...scope.removed] : scope.effectiveRemoved);
  return { index, diagnostics: joined(memo), memo, changed: gone.length > 0 || fresh > 0 || again.size > 0 };
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
    // a leaf as the repaired statement would have made it, under `node` (keys as before: the resolvers read
    // the holder's list keys through it)
    const probe = newNode({ keyword: schemaChild.name, schema: schemaChild, role: 'leaf', values: [value], keys: node.keys, keywordHidden: node.keywordHidden });
    probe.parent = node;
    const local = new ReferenceIndex();
    addReference(local, probe, value);
    out.push(...local.uses);
    return out;
  }
  return out;
}

function removeFrom<T>(list: T[], gone: ReadonlySet<T>): void {
  let j = 0;
  for (let i = 0; i < list.length; i++) if (!gone.has(list[i]!)) list[j++] = list[i]!;
  list.length = j;
}

/** Where uses of `node` go in a list of uses in pre-order of their nodes. */
function preOrderPosition(list: readonly Use[], node: ConfigNode): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePreOrder(list[mid]!.node, node) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
