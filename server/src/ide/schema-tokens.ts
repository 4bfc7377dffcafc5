/**
 * ide/schema-tokens.ts: the schema layer of semantic tokens: what each word of a document is, according
 *   to the configuration model, the schema and the reference index (statement keyword, enum value, typed
 *   value, definition name, reference, secret).
 * Owns: the word classes and the rules that give them: statement keywords are the keyword mentions of
 *   nodes the schema matched; a list entry's first key is a definition when the reference index has it
 *   as a definition or when its list is one something can refer to (schema `junos:must` targets, the
 *   documented references, `groups`); a word the index records as a use is a reference; secrets are the
 *   values of secret statements (`unreadable` type, `ascii-text`, ...) and `$9$` words; other values and
 *   keys are classed by their schema type (enumeration, number, address, interface, string).
 * Must not know: LSP types, the legend's indexes (token-legend.ts maps classes), how captures are made.
 * Invariants: words of opaque and unknown statements get no class (the grammar's class stays); words of
 *   other documents are ignored; the result is sorted by start and never overlaps; never throws.
 * Tests: test/src/ide/semantic-tokens.test.ts, test/src/lsp/semantic-tokens.test.ts (over stdio)
 */
import { DOCUMENTED_REFERENCES } from '../analysis/references';
import type { ReferenceIndex } from '../analysis/references';
import type { ConfigModel, ConfigNode, Word } from '../model/index';
import { validateValue } from '../schema/index';
import type { Schema, SchemaNode, ValueType } from '../schema/types';

export type WordClass =
  /** a statement name the schema knows (container, list, leaf) */
  | 'keyword'
  /** a value of an enumeration (or boolean) type: `3des-cbc`, `group2`, `esp` */
  | 'enum'
  /** an integer or decimal value */
  | 'number'
  /** an IPv4/IPv6 address or prefix value */
  | 'address'
  /** a free string value (`description "..."`, `host-name R2`) */
  | 'string'
  /** an interface name that is a value but no reference (`interface-name` typed, not resolvable) */
  | 'interface'
  /** the name of a list entry something can refer to: `ike proposal NAME`, `prefix-list NAME` */
  | 'definition'
  /** an interface configured under [edit interfaces] (`ge-0/0/0`, `unit 0`'s device) */
  | 'interface-definition'
  /** a word naming a definition: `ike-policy NAME`, `proposals [ A B ]`, `apply-groups G` */
  | 'reference'
  /** a word naming an interface: `interface ge-0/0/0.0` */
  | 'interface-reference'
  /** a secret value (`pre-shared-key ascii-text "..."`, `$9$...`) */
  | 'secret';

export interface ClassifiedWord {
  readonly start: number;
  readonly end: number;
  readonly cls: WordClass;
}

/** Statement names whose value is a secret even where the YANG type does not say `unreadable`. */
const SECRET_KEYWORDS: ReadonlySet<string> = new Set(['ascii-text', 'hexadecimal', 'secret', 'authentication-key', 'encrypted-password', 'simple-password', 'pre-shared-key']);

/** Named value types that are addresses or prefixes (`ipv4address`, `ipv6prefix-mandatory`, `ipaddr-or-prefix`, ...). */
const ADDRESS_TYPE = /^ip(v[46])?(addr|address|prefix)/;
const INTERFACE_TYPE = /^interface-/;

/** Lists something can refer to, by schema path (`*` is any one statement name), per schema. */
const referencableBySchema = new WeakMap<Schema, ReferencableLists>();

class ReferencableLists {
  private readonly exact = new Set<string>();
  private readonly patterns: (readonly string[])[] = [];

  add(path: readonly string[]): void {
    if (path.includes('*')) this.patterns.push(path);
    else this.exact.add(path.join(' '));
  }

  /** `path`: statement names joined by blanks */
  has(path: string): boolean {
    if (this.exact.has(path)) return true;
    if (this.patterns.length === 0) return false;
    const words = path.split(' ');
    return this.patterns.some((p) => p.length === words.length && p.every((s, i) => s === '*' || s === words[i]));
  }
}

/** Every absolute `junos:must` list target of the schema (each shared schema node visited once), the
 *  documented references' targets, and `groups`. Built once per schema. */
function referencableLists(schema: Schema): ReferencableLists {
  let lists = referencableBySchema.get(schema);
  if (lists) return lists;
  lists = new ReferencableLists();
  const seen = new Set<SchemaNode>();
  const stack: SchemaNode[] = [schema.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const r of node.references) if (!r.relative && !r.valueForm && r.path.length > 0) lists.add(r.path);
    for (const c of node.children()) stack.push(c);
  }
  for (const row of DOCUMENTED_REFERENCES) for (const t of row.targets) lists.add(t.split(' ').map((s) => (s.startsWith('$') ? '*' : s)));
  lists.add(['policy-options', 'policy-statement']);
  lists.add(['groups']);
  lists.add(['interfaces', 'interface']);
  referencableBySchema.set(schema, lists);
  return lists;
}

/** A statement path in the walk's trie of paths: its words joined by blanks, made on first use. */
class PathStep {
  private readonly children = new Map<string, PathStep>();
  private joined: string | undefined;
  private listed: boolean | undefined;

  constructor(
    private readonly parent: PathStep | undefined,
    private readonly word: string,
  ) {}

  child(word: string): PathStep {
    let c = this.children.get(word);
    if (!c) this.children.set(word, (c = new PathStep(this, word)));
    return c;
  }

  get path(): string {
    if (this.joined === undefined) this.joined = this.parent && this.parent.parent ? `${this.parent.path} ${this.word}` : this.word;
    return this.joined;
  }

  referencable(lists: ReferencableLists): boolean {
    return (this.listed ??= lists.has(this.path));
  }
}

function spanKey(w: Word): number {
  return w.source.start;
}

const unionMemo = new WeakMap<ValueType, Map<string, WordClass | undefined>>();
const MEMO_LIMIT = 10_000;

/** The class of a value of `type`, by the member of a union the text is valid for. */
export function valueClass(type: ValueType | undefined, word: Word): WordClass | undefined {
  if (!type) return undefined;
  switch (type.kind) {
    case 'enumeration':
      return type.values.includes(word.text) ? 'enum' : undefined;
    case 'boolean':
      return 'enum';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'string':
      return 'string';
    case 'named':
      if (type.name === 'unreadable') return 'secret';
      // `ipv4addr-or-interface`, `ipaddr-or-interface`: what the word is decides
      if (type.name.endsWith('-or-interface')) return byWordKind(word) ?? 'interface';
      if (ADDRESS_TYPE.test(type.name)) return 'address';
      if (INTERFACE_TYPE.test(type.name)) return 'interface';
      return byWordKind(word);
    case 'union': {
      // the first member the text is valid for, enumerations first (`any` before a string member);
      // remembered per type and (word kind, text): values repeat across a configuration
      let memo = unionMemo.get(type);
      if (!memo) unionMemo.set(type, (memo = new Map()));
      const key = `${word.kind}\u0000${word.text}`;
      if (memo.has(key)) return memo.get(key);
      let cls: WordClass | undefined = byWordKind(word);
      const members = [...type.members].sort((a, b) => Number(b.kind === 'enumeration') - Number(a.kind === 'enumeration'));
      for (const m of members) {
        if (validateValue(m, word.text) === undefined) {
          cls = valueClass(m, word);
          break;
        }
      }
      if (memo.size < MEMO_LIMIT) memo.set(key, cls);
      return cls;
    }
    default:
      return undefined;
  }
}

/** A value of a type the schema does not spell out (a `jt:` typedef without syntax): what the word looks like. */
function byWordKind(word: Word): WordClass | undefined {
  switch (word.kind) {
    case 'number':
      return 'number';
    case 'ipv4_address':
    case 'ipv4_prefix':
    case 'ipv6_address':
    case 'ipv6_prefix':
      return 'address';
    case 'interface_name':
      return 'interface';
    case 'string':
      return 'string';
    case 'secret':
      return 'secret';
    default:
      return undefined;
  }
}

function isSecretValue(node: ConfigNode, word: Word): boolean {
  const t = node.schema?.type;
  if (t?.kind === 'named' && t.name === 'unreadable') return true;
  return SECRET_KEYWORDS.has(node.keyword) || word.kind === 'secret' || word.text.startsWith('$9$');
}

export interface SchemaTokenInput {
  readonly model: ConfigModel;
  readonly references: ReferenceIndex;
  readonly schema: Schema;
  readonly docId: string;
}

/** Every word of `docId` the schema layer can class, sorted by start. */
export function classifyWords(input: SchemaTokenInput): ClassifiedWord[] {
  const { model, references, schema, docId } = input;
  const out: ClassifiedWord[] = [];
  try {
    // start -> the class of a definition's name word (a unit number naming an interface unit keeps its type)
    const definitions = new Map<number, WordClass>();
    for (const d of references.definitions) {
      if (d.kind === 'interfaces' && d.node.keyword === 'unit') continue;
      for (const w of d.nameWords) if (w.source.docId === docId) definitions.set(spanKey(w), d.kind === 'interfaces' ? 'interface-definition' : 'definition');
    }
    const uses = new Map<number, boolean>();
    for (const u of references.uses) if (u.word.source.docId === docId) uses.set(spanKey(u.word), u.kind === 'interfaces');
    const lists = referencableLists(schema);
    const push = (w: Word, cls: WordClass | undefined): void => {
      if (cls && w.source.docId === docId && w.kind !== 'synthetic' && w.source.end > w.source.start) out.push({ start: w.source.start, end: w.source.end, cls });
    };
    // the walk carries each node's statement path (`groups` dropped inside a group) as a node of a trie
    // of paths: each path is joined and looked up once, however many nodes share it
    const top = new PathStep(undefined, '');
    const nodes: ConfigNode[] = [];
    const steps: PathStep[] = [];
    for (let i = model.root.children.length - 1; i >= 0; i--) {
      nodes.push(model.root.children[i]!);
      steps.push(top.child(model.root.children[i]!.keyword));
    }
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const step = steps.pop()!;
      // a `groups NAME` entry holds a whole configuration: its statements' paths start again
      const inGroup = node.parent === model.root && node.keyword === 'groups';
      for (let i = node.children.length - 1; i >= 0; i--) {
        const c = node.children[i]!;
        nodes.push(c);
        steps.push((inGroup ? top : step).child(c.keyword));
      }
      if (node.role === 'opaque' || node.role === 'unknown' || !node.schema) continue;
      const s = node.schema;
      let referencable: boolean | undefined;
      for (const m of node.mentions) {
        if (m.source.docId !== docId) continue;
        const keyIndex = m.text === node.keyword ? -1 : node.keys.findIndex((k) => k.text === m.text);
        if (keyIndex < 0) {
          push(m, 'keyword');
          continue;
        }
        const def = definitions.get(spanKey(m));
        if (def !== undefined) {
          push(m, def);
          continue;
        }
        const use = uses.get(spanKey(m));
        if (use !== undefined) {
          push(m, use ? 'interface-reference' : 'reference');
          continue;
        }
        if (keyIndex === 0 && node.role === 'list-entry' && (referencable ??= step.referencable(lists))) {
          push(m, step.path === 'interfaces interface' ? 'interface-definition' : 'definition');
          continue;
        }
        push(m, keyClass(s, keyIndex, m));
      }
      if (node.role !== 'leaf' && node.role !== 'leaf-list') continue;
      for (const values of [node.values, ...node.overridden]) {
        for (const v of values) {
          if (v.source.docId !== docId) continue;
          if (isSecretValue(node, v)) push(v, 'secret');
          else if (uses.has(spanKey(v))) push(v, uses.get(spanKey(v)) ? 'interface-reference' : 'reference');
          else push(v, valueClass(s.type, v));
        }
      }
    }
  } catch {
    return [];
  }
  out.sort((a, b) => a.start - b.start);
  // one class per span: a word mentioned twice in the tree (a set line naming an entry again) keeps the first
  const unique: ClassifiedWord[] = [];
  for (const w of out) {
    const last = unique[unique.length - 1];
    if (last && w.start < last.end) continue;
    unique.push(w);
  }
  return unique;
}

/** The class of the `index`th key word of a list entry: a `name value` key's name is a keyword. */
function keyClass(s: SchemaNode, index: number, word: Word): WordClass | undefined {
  if (s.keys.length === 0) return undefined;
  if (index > 0 && s.keys.some((k) => k.name === word.text && k.nokeyword === false)) return 'keyword';
  const key = s.keys[Math.min(index, s.keys.length - 1)]!;
  const cls = valueClass(key.type, word) ?? byWordKind(word);
  // a name nothing refers to (`term t1`, `unit 0`): a number stays a number, an identifier keeps the grammar's style
  return cls === 'string' ? byWordKind(word) : cls;
}
