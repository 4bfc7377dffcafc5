/**
 * schema/generator/yang-resolve.ts: turns parsed YANG modules into interned schema nodes.
 * Owns: module/prefix/grouping/typedef scopes, `uses` (memoised per grouping, so a grouping used in
 *   200 places is resolved once; a `uses` with `refine`/`augment` gets a tailored copy), `augment` of
 *   the configuration root and of `groups`, `choice`/`case`
 *   flattening, list keys (key leaves become `keys`, not children), leaf facts (type, default, units,
 *   mandatory, ordered-by, presence, status), Junos extensions (`junos:must` via must-classify.ts,
 *   `junos:cli-feature` (`nokeyword` and the display hints `oneliner`, `oneliner-plus`,
 *   `homogeneous`), `junos:posix-pattern` via yang-types.ts), and opaque stand-ins
 *   for statements whose module or grouping we do not have.
 * Must not know: file IO, the file's byte layout beyond InternTable, consumers.
 * Invariants: never throws on bad YANG (unknown groupings make their parent opaque, unknown types
 *   become strings); `description` and `must-message` text is never read into the output; output
 *   order follows YANG order and the sorted module list, so it is reproducible.
 * Tests: test/src/schema/generator.test.ts
 */
import type { Constraint, ReferenceTarget, StatementKind, ValueType } from '../types';
import { InternTable, type GenNode } from './intern-table';
import { classifyMust, distinctReferences } from './must-classify';
import type { YangStatement } from './yang-syntax';
import { resolveType, type TypedefLookup } from './yang-types';

export interface YangModule {
  readonly name: string;
  readonly file: string;
  readonly statement: YangStatement;
  /** prefix -> module name (own prefix included) */
  readonly prefixes: ReadonlyMap<string, string>;
  readonly groupings: ReadonlyMap<string, YangStatement>;
  readonly typedefs: ReadonlyMap<string, YangStatement>;
}

export interface MustCounts {
  total: number;
  references: number;
  excludes: number;
  requires: number;
  requiresAny: number;
  other: number;
}

interface Body {
  readonly children: number[];
  readonly opaque: boolean;
}

/** Builds the module index from parsed `module` statements. */
export function indexModule(statement: YangStatement, file: string): YangModule {
  const prefixes = new Map<string, string>();
  const groupings = new Map<string, YangStatement>();
  const typedefs = new Map<string, YangStatement>();
  const own = statement.children.find((c) => c.keyword === 'prefix')?.arg;
  if (own) prefixes.set(own, statement.arg ?? '');
  const visit = (s: YangStatement): void => {
    for (const c of s.children) {
      if (c.keyword === 'import' && s === statement) {
        const p = c.children.find((x) => x.keyword === 'prefix')?.arg;
        if (p && c.arg) prefixes.set(p, c.arg);
      } else if (c.keyword === 'grouping' && c.arg) {
        if (!groupings.has(c.arg)) groupings.set(c.arg, c);
        visit(c);
      } else if (c.keyword === 'typedef' && c.arg) {
        if (!typedefs.has(c.arg)) typedefs.set(c.arg, c);
      } else if (c.keyword === 'container' || c.keyword === 'list' || c.keyword === 'augment' || c.keyword === 'choice' || c.keyword === 'case') {
        visit(c);
      }
    }
  };
  visit(statement);
  return { name: statement.arg ?? '', file, statement, prefixes, groupings, typedefs };
}

/** Where Juniper's YANG names a statement by its XML element instead of its CLI keyword, we emit
 *  the CLI keyword. YANG identifiers cannot start with a digit (`ieee-802.3ad` is `802.3ad` in the
 *  CLI and in the YANG's own `junos:must` paths); SRX NAT rules call their `match` block by
 *  per-kind XML names. */
const YANG_TO_CLI_NAMES: Readonly<Record<string, string>> = {
  'ieee-802.3ad': '802.3ad',
  'src-nat-rule-match': 'match',
  'dest-nat-rule-match': 'match',
  'static-nat-rule-match': 'match',
};

/** Lists whose CLI form differs from the XML names in the YANG, by list name and key names:
 *  SRX `security policies from-zone A to-zone B` is XML `<policy><from-zone-name>A</..><to-zone-name>`. */
const LIST_CLI_FORMS: readonly { list: string; keys: readonly string[]; cliName: string; cliKeys: readonly string[] }[] = [
  { list: 'policy', keys: ['from-zone-name', 'to-zone-name'], cliName: 'from-zone', cliKeys: ['from-zone-name', 'to-zone'] },
];

/** Junos's pseudo-leaves for a choice inside a key (`route-filter 10/8 upto /24`): written as bare
 *  values; the value part only follows some choices. */
const CHOICE_IDENT = 'choice-ident';
const CHOICE_VALUE = 'choice-value';

const DATA_KEYWORDS = new Set(['container', 'list', 'leaf', 'leaf-list']);

export class SchemaResolver {
  readonly table = new InternTable();
  readonly musts: MustCounts = { total: 0, references: 0, excludes: 0, requires: 0, requiresAny: 0, other: 0 };
  readonly problems: string[] = [];
  private readonly groupingMemo = new Map<string, Body>();
  private readonly inProgress = new Set<string>();
  private readonly typedefLookups = new Map<string, TypedefLookup>();

  constructor(private readonly modules: ReadonlyMap<string, YangModule>) {}

  /** Children that `augment <target>` statements of `mod` add, for targets ending in `lastSegment`. */
  augmentChildren(mod: YangModule, lastSegment: string): Body {
    const children: number[] = [];
    let opaque = false;
    for (const aug of mod.statement.children) {
      if (aug.keyword !== 'augment' || !aug.arg) continue;
      const segs = aug.arg.split('/').filter((s) => s.length > 0);
      const last = segs[segs.length - 1] ?? '';
      if (last.slice(last.indexOf(':') + 1) !== lastSegment) continue;
      const body = this.body(aug.children, mod);
      children.push(...body.children);
      opaque ||= body.opaque;
    }
    return { children, opaque };
  }

  nodeName(id: number): string {
    return this.table.info[id]!.name;
  }

  /** Resolves the data statements among `stmts` (with `uses`/`choice`/`case` flattened). */
  body(stmts: readonly YangStatement[], mod: YangModule): Body {
    const children: number[] = [];
    const seen = new Set<string>();
    let opaque = false;
    const add = (id: number): void => {
      const name = this.nodeName(id);
      if (seen.has(name)) return;
      seen.add(name);
      children.push(id);
    };
    const walk = (list: readonly YangStatement[]): void => {
      for (const s of list) {
        if (DATA_KEYWORDS.has(s.keyword)) add(this.node(s, mod));
        else if (s.keyword === 'uses') {
          const g = this.grouping(s.arg ?? '', mod);
          if (!g) {
            this.problems.push(`${mod.file}:${s.line}: grouping '${s.arg}' not found; parent made opaque`);
            opaque = true;
          } else {
            const tailored = this.tailor(g.children, s, mod);
            tailored.forEach(add);
            opaque ||= g.opaque;
          }
        } else if (s.keyword === 'choice') {
          for (const c of s.children) {
            if (c.keyword === 'case') walk(c.children);
            else if (DATA_KEYWORDS.has(c.keyword) || c.keyword === 'uses' || c.keyword === 'choice') walk([c]);
          }
        }
      }
    };
    walk(stmts);
    return { children, opaque };
  }

  /** Applies a `uses`'s own `refine` and `augment` statements to a copy of the grouping's children
   *  (the memoised grouping stays as it is). Paths may name choices/cases, which we flattened:
   *  a segment that is not a child name is skipped. */
  private tailor(children: readonly number[], uses: YangStatement, mod: YangModule): number[] {
    let out = [...children];
    for (const r of uses.children) {
      if ((r.keyword !== 'refine' && r.keyword !== 'augment') || !r.arg) continue;
      const segments = r.arg.split('/').filter((x) => x.length > 0).map((x) => x.slice(x.indexOf(':') + 1));
      const edit =
        r.keyword === 'refine'
          ? (n: GenNode): GenNode => this.refined(n, r)
          : (n: GenNode): GenNode => {
              const extra = this.body(r.children, mod);
              const names = new Set(n.children.map((id) => this.nodeName(id)));
              return { ...n, children: [...n.children, ...extra.children.filter((id) => !names.has(this.nodeName(id)))], opaque: n.opaque || extra.opaque };
            };
      const next = this.modifyAt(out, segments, edit);
      if (next) out = next;
      else this.problems.push(`${mod.file}:${r.line}: ${r.keyword} target '${r.arg}' not found`);
    }
    return out;
  }

  private refined(n: GenNode, refine: YangStatement): GenNode {
    let m: GenNode = n;
    for (const c of refine.children) {
      if (c.keyword === 'default' && c.arg !== undefined) m = { ...m, default: c.arg };
      else if (c.keyword === 'units' && c.arg !== undefined) m = { ...m, units: c.arg };
      else if (c.keyword === 'mandatory') m = { ...m, mandatory: c.arg === 'true' };
      else if (c.keyword === 'presence') m = { ...m, presence: true };
      else if (c.keyword === 'junos:must' && c.arg !== undefined) {
        const k = classifyMust(c.arg);
        m = { ...m, references: distinctReferences([...m.references, ...k.references]), constraints: [...m.constraints, ...k.constraints] };
      }
    }
    return m;
  }

  /** Re-interns the path of nodes down to `segments` with `edit` applied at the end; undefined if not found. */
  private modifyAt(ids: readonly number[], segments: readonly string[], edit: (n: GenNode) => GenNode): number[] | undefined {
    for (let k = 0; k < segments.length; k++) {
      const idx = ids.findIndex((id) => this.nodeName(id) === segments[k]);
      if (idx < 0) continue; // a choice or case name
      const info = this.table.info[ids[idx]!]!;
      const rest = segments.slice(k + 1);
      let replacement: GenNode | undefined;
      if (rest.length === 0) replacement = edit(info);
      else {
        const children = this.modifyAt(info.children, rest, edit);
        if (children) replacement = { ...info, children };
      }
      if (!replacement) return undefined;
      const out = [...ids];
      out[idx] = this.table.node(replacement);
      return out;
    }
    return undefined;
  }

  private grouping(ref: string, mod: YangModule): Body | undefined {
    const colon = ref.indexOf(':');
    const target = colon >= 0 ? this.modules.get(mod.prefixes.get(ref.slice(0, colon)) ?? '') : mod;
    const name = colon >= 0 ? ref.slice(colon + 1) : ref;
    const stmt = target?.groupings.get(name);
    if (!target || !stmt) return undefined;
    const key = `${target.name}/${name}`;
    const memo = this.groupingMemo.get(key);
    if (memo) return memo;
    if (this.inProgress.has(key)) {
      this.problems.push(`${target.file}:${stmt.line}: grouping '${name}' uses itself; made opaque`);
      return { children: [], opaque: true };
    }
    this.inProgress.add(key);
    const body = this.body(stmt.children, target);
    this.inProgress.delete(key);
    this.groupingMemo.set(key, body);
    return body;
  }

  private typedefLookup(mod: YangModule): TypedefLookup {
    let lookup = this.typedefLookups.get(mod.name);
    if (!lookup) {
      lookup = (name: string) => {
        const colon = name.indexOf(':');
        const target = colon >= 0 ? this.modules.get(mod.prefixes.get(name.slice(0, colon)) ?? '') : mod;
        const stmt = target?.typedefs.get(colon >= 0 ? name.slice(colon + 1) : name);
        return target && stmt ? { statement: stmt, lookup: this.typedefLookup(target) } : undefined;
      };
      this.typedefLookups.set(mod.name, lookup);
    }
    return lookup;
  }

  private recount(from: 'references' | 'excludes' | 'requires' | 'requiresAny'): void {
    this.musts[from]--;
    this.musts.other++;
  }

  /** An opaque stand-in for a statement whose YANG we do not have. */
  opaqueContainer(name: string): number {
    return this.table.node({
      name,
      kind: 'container',
      presence: true,
      mandatory: false,
      orderedByUser: false,
      opaque: true,
      nokeyword: false,
      deprecated: false,
      keys: [],
      references: [],
      constraints: [],
      children: [],
    });
  }

  /** Resolves one container/list/leaf/leaf-list; `extra` children are appended (augments). */
  node(s: YangStatement, mod: YangModule, extra?: Body): number {
    const kind = s.keyword as StatementKind;
    const sub = (k: string): YangStatement | undefined => s.children.find((c) => c.keyword === k);
    const features = s.children.filter((c) => c.keyword === 'junos:cli-feature').map((c) => c.arg);
    const references: ReferenceTarget[] = [];
    const constraints: Constraint[] = [];
    for (const m of s.children) {
      if (m.keyword !== 'junos:must' || m.arg === undefined) continue;
      const c = classifyMust(m.arg);
      this.musts.total++;
      this.musts.references += c.references.length;
      for (const k of c.constraints) {
        if (k.kind === 'excludes') this.musts.excludes++;
        else if (k.kind === 'requires') this.musts.requires++;
        else this.musts.requiresAny++;
      }
      this.musts.other += c.other;
      references.push(...c.references);
      constraints.push(...c.constraints);
    }
    let children: number[] = [];
    let opaque = false;
    if (kind === 'container' || kind === 'list') {
      const body = this.body(s.children, mod);
      children = body.children;
      opaque = body.opaque;
      if (extra) {
        const names = new Set(children.map((id) => this.nodeName(id)));
        for (const id of extra.children) if (!names.has(this.nodeName(id))) children.push(id);
        opaque ||= extra.opaque;
      }
    }
    const keys: { name: string; type: ValueType; nokeyword: boolean; optional: boolean }[] = [];
    if (kind === 'list') {
      const keyNames = (sub('key')?.arg ?? '').split(/\s+/).filter((k) => k.length > 0);
      for (const keyName of keyNames) {
        const idx = children.findIndex((id) => this.nodeName(id) === keyName);
        const keyLeaf = idx >= 0 ? this.table.info[children[idx]!] : undefined;
        if (idx >= 0) children = children.filter((_, i) => i !== idx);
        const pseudo = keyName === CHOICE_IDENT || keyName === CHOICE_VALUE;
        keys.push({
          name: keyName,
          type: keyLeaf?.type ?? { kind: 'string' },
          // a single key is always written bare after the list name
          nokeyword: keyNames.length === 1 || pseudo || (keyLeaf?.nokeyword ?? true),
          optional: keyName === CHOICE_VALUE,
        });
        if (keyLeaf) {
          // the key leaf sits inside the entry: two levels below the list's own level (see MustPath)
          const lift = <T extends { readonly relative: boolean; readonly up: number }>(p: T): T | undefined =>
            !p.relative ? p : p.up >= 2 ? { ...p, up: p.up - 2, relative: p.up - 2 > 0 } : undefined;
          // (the key leaf's musts were counted when it was resolved; one that cannot be re-expressed
          // moves from its class to `other`)
          for (const r of keyLeaf.references) {
            const l = lift(r);
            if (l) references.push(l);
            else this.recount('references');
          }
          for (const c of keyLeaf.constraints) {
            const l =
              c.kind === 'requires-any'
                ? c.alternatives.every((a) => lift(a)) ? { ...c, alternatives: c.alternatives.map((a) => lift(a)!) } : undefined
                : lift(c);
            if (l) constraints.push(l);
            else this.recount(c.kind === 'requires-any' ? 'requiresAny' : c.kind === 'excludes' ? 'excludes' : 'requires');
          }
        }
      }
    }
    const typeStmt = sub('type');
    const type = (kind === 'leaf' || kind === 'leaf-list') && typeStmt ? resolveType(typeStmt, this.typedefLookup(mod)) : undefined;
    const status = sub('status')?.arg;
    const dflt = sub('default')?.arg;
    const units = sub('units')?.arg;
    let name = YANG_TO_CLI_NAMES[s.arg ?? ''] ?? s.arg ?? '';
    const cliForm = LIST_CLI_FORMS.find((f) => kind === 'list' && f.list === name && f.keys.join(' ') === keys.map((k) => k.name).join(' '));
    if (cliForm) {
      name = cliForm.cliName;
      cliForm.cliKeys.forEach((k, i) => (keys[i]!.name = k));
    }
    const n: GenNode = {
      name,
      kind,
      presence: kind === 'container' && sub('presence') !== undefined,
      mandatory: sub('mandatory')?.arg === 'true',
      orderedByUser: sub('ordered-by')?.arg === 'user',
      opaque,
      nokeyword: features.includes('nokeyword'),
      deprecated: status === 'deprecated' || status === 'obsolete',
      ...(features.includes('oneliner') ? { oneliner: true } : {}),
      ...(features.includes('oneliner-plus') ? { onelinerPlus: true } : {}),
      ...(features.includes('homogeneous') ? { homogeneous: true } : {}),
      ...(type ? { type } : {}),
      keys,
      ...(dflt !== undefined ? { default: dflt } : {}),
      ...(units !== undefined ? { units } : {}),
      references: distinctReferences(references),
      constraints,
      children,
    };
    return this.table.node(n);
  }
}
