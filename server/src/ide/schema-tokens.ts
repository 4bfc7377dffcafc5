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
 *   What the index says of each word is read once into `ReferenceMarks` (sorted arrays), which after an
 *   edit are derived from the previous ones when only the part read again changed (from the words the
 *   reference index's update touched, `ReferenceIndex.lastBatch`, when it was logged); `classifyNodeWords`
 *   classes the words of a part of the text from the nodes that hold them (lsp/class-update.ts).
 * Must not know: LSP types, the legend's indexes (token-legend.ts maps classes), how captures are made.
 * Invariants: words of opaque and unknown statements get no class (the grammar's class stays); words of
 *   other documents are ignored; the result is sorted by start and never overlaps; never throws.
 * Tests: test/src/ide/semantic-tokens.test.ts, test/src/lsp/semantic-tokens.test.ts (over stdio),
 *   test/src/lsp/class-update.test.ts (parts and marks against a full classification)
 */
import { DOCUMENTED_REFERENCES } from '../analysis/references';
import type { Definition, ReferenceIndex, WordBatch } from '../analysis/references';
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

/**
 * What the reference index says of the words of one document, by start offset: bits 0-1 the class of a
 * definition's name word (0 none, 1 `definition`, 2 `interface-definition`; a unit number naming an
 * interface unit is none: it keeps its type), bits 2-3 a use (0 none, 1 `reference`, 2
 * `interface-reference`); where several definitions (uses) name the same start, the last one decides.
 * Held as two arrays sorted by start (no map of a hundred thousand entries), so that two versions'
 * marks compare in one pass.
 */
export class ReferenceMarks {
  private constructor(
    /** the starts of the words marked, ascending, each once */
    readonly starts: Int32Array,
    /** the mark of each */
    readonly codes: Uint8Array,
    /** the revision of the index these are the marks of (`ReferenceIndex.revision`) */
    readonly revision: number,
  ) {}

  static of(references: ReferenceIndex, docId: string): ReferenceMarks {
    const revision = references.revision;
    // one sort key per entry: start, then definitions before uses, then the index's order; the last
    // entry of a start and family decides (as the maps of a full classification did)
    let count = references.uses.length;
    for (const d of references.definitions) count += d.nameWords.length;
    if (count >= SEQ_LIMIT) return ReferenceMarks.byMap(references, docId);
    const keys = new Float64Array(count);
    let n = 0;
    for (const d of references.definitions) {
      if (d.kind === 'interfaces' && d.node.keyword === 'unit') continue;
      const code = d.kind === 'interfaces' ? 2 : 1;
      for (const w of d.nameWords) {
        const s = w.source;
        if (s.docId !== docId) continue;
        if (s.start >= START_LIMIT) return ReferenceMarks.byMap(references, docId);
        keys[n] = s.start * START_UNIT + n * 4 + code;
        n++;
      }
    }
    for (const u of references.uses) {
      const s = u.word.source;
      if (s.docId !== docId) continue;
      if (s.start >= START_LIMIT) return ReferenceMarks.byMap(references, docId);
      keys[n] = s.start * START_UNIT + USE_FAMILY + n * 4 + (u.kind === 'interfaces' ? 2 : 1);
      n++;
    }
    const sorted = keys.subarray(0, n).sort();
    const starts = new Int32Array(n);
    const codes = new Uint8Array(n);
    let m = -1;
    for (let i = 0; i < n; i++) {
      const key = sorted[i]!;
      const start = Math.floor(key / START_UNIT);
      const rest = key - start * START_UNIT;
      const code = rest % 4;
      if (m < 0 || starts[m] !== start) {
        m++;
        starts[m] = start;
        codes[m] = 0;
      }
      codes[m] = rest >= USE_FAMILY ? (codes[m]! & 3) | (code << 2) : (codes[m]! & ~3) | code;
    }
    return new ReferenceMarks(starts.slice(0, m + 1), codes.slice(0, m + 1), revision);
  }

  /**
   * The marks of `references` (the index after an edit that replaced [`start`, `oldEnd`) of the text of
   * `previous` by [`start`, `newEnd`)), from `previous`: undefined when any word outside that part is
   * marked otherwise than before (offsets after it moved). When the index's last update was logged
   * (`ReferenceIndex.lastBatch`) right from the revision `previous` is of, only the words it touched are
   * read (`fromBatch`); otherwise one pass over the index, no sort but of the few marks inside the part.
   */
  static updated(previous: ReferenceMarks, references: ReferenceIndex, docId: string, start: number, oldEnd: number, newEnd: number): ReferenceMarks | undefined {
    const batch = references.lastBatch;
    if (batch && !batch.unclear && batch.from === previous.revision && batch.to === references.revision) {
      const marks = ReferenceMarks.fromBatch(previous, references, batch, docId, start, oldEnd, newEnd);
      if (marks === 'outside') return undefined;
      if (marks) return marks;
    }
    return ReferenceMarks.byScan(previous, references, docId, start, oldEnd, newEnd);
  }

  /**
   * `updated` from the words the index's last update touched (`batch`, the only ones whose marks can
   * have changed): the marks inside the part are theirs, those outside are moved and, where a touched
   * word starts, read again. Every word starting inside the part after the edit is one the model read
   * again (a new word: what the index says of it was set in the batch). 'outside' when a word outside
   * the part is marked otherwise than before; undefined when a touched word cannot be placed (it left
   * the index and its offset may be of either text) or two touched words share a start and a family.
   */
  static fromBatch(previous: ReferenceMarks, references: ReferenceIndex, batch: WordBatch, docId: string, start: number, oldEnd: number, newEnd: number): ReferenceMarks | 'outside' | undefined {
    const inside = new Map<number, number>();
    const outside = new Map<number, number>();
    for (const source of batch.words) {
      if (source.docId !== docId) continue;
      const at = source.start;
      const { definition, use } = references.entryAt(source);
      const code = definitionCode(definition) | (use ? (use.kind === 'interfaces' ? 2 : 1) << 2 : 0);
      const into = at >= start && at < newEnd ? inside : outside;
      // a word that left the index with an offset inside the old part: of the text before (left the tree)
      // or after (a word after the part, moved): cannot tell
      if (!definition && !use && into === outside && at >= start && at < oldEnd) return undefined;
      const before = into.get(at);
      if (before !== undefined && (before & code) !== 0) return undefined;
      into.set(at, (before ?? 0) | code);
    }
    const delta = newEnd - oldEnd;
    const old = previous.starts;
    const oldCodes = previous.codes;
    const from = lowerBound(old, start);
    const to = lowerBound(old, oldEnd);
    const changes = [...outside.keys()].sort((a, b) => a - b);
    const middle = [...inside.keys()].sort((a, b) => a - b);
    const starts = new Int32Array(old.length - (to - from) + middle.length + changes.length);
    const codes = new Uint8Array(starts.length);
    let n = 0;
    let c = 0;
    // old marks [i, end) moved by `shift`, the changes before `limit` merged in
    // (false: a change marks a word otherwise than before)
    const merge = (i: number, end: number, shift: number, limit: number): boolean => {
      while (i < end || (c < changes.length && changes[c]! < limit)) {
        const here = i < end ? old[i]! + shift : Infinity;
        const change = c < changes.length && changes[c]! < limit ? changes[c]! : Infinity;
        if (change <= here) {
          const code = outside.get(change)!;
          if (code !== (change === here ? oldCodes[i]! : 0)) return false;
          if (code !== 0) {
            starts[n] = change;
            codes[n++] = code;
          }
          c++;
          if (change === here) i++;
          continue;
        }
        starts[n] = here;
        codes[n++] = oldCodes[i++]!;
      }
      return true;
    };
    if (changes.length === 0) {
      // (the words touched all inside the part: the marks around it copied as blocks)
      starts.set(old.subarray(0, from), 0);
      codes.set(oldCodes.subarray(0, from), 0);
      n = from;
    } else if (!merge(0, from, 0, start)) return 'outside';
    for (const at of middle) {
      const code = inside.get(at)!;
      if (code === 0) continue;
      starts[n] = at;
      codes[n++] = code;
    }
    if (changes.length === 0) {
      starts.set(old.subarray(to), n);
      codes.set(oldCodes.subarray(to), n);
      if (delta !== 0) for (let i = n; i < n + old.length - to; i++) starts[i] += delta;
      n += old.length - to;
    } else if (!merge(to, old.length, delta, Infinity)) return 'outside';
    if (c !== changes.length) return undefined;
    return new ReferenceMarks(n === starts.length ? starts : starts.slice(0, n), n === codes.length ? codes : codes.slice(0, n), references.revision);
  }

  /** `updated` by one pass over the whole index (each word outside the part found among the old marks). */
  static byScan(previous: ReferenceMarks, references: ReferenceIndex, docId: string, start: number, oldEnd: number, newEnd: number): ReferenceMarks | undefined {
    const delta = newEnd - oldEnd;
    const old = previous.starts;
    const oldCodes = previous.codes;
    // per old mark, the families (bit 0: definition, 1: use) an entry of the index named again
    const seen = new Uint8Array(old.length);
    const inside: number[] = [];
    let order = 0;
    let finger = 0;
    const visit = (at: number, use: boolean, code: number): boolean => {
      order++;
      if (at >= start && at < newEnd) {
        if (at >= START_LIMIT || order >= SEQ_LIMIT) return false;
        inside.push(at * START_UNIT + (use ? USE_FAMILY : 0) + order * 4 + code);
        return true;
      }
      const was = at < start ? at : at - delta;
      // the index lists its words nearly in document order: searched from the last one found
      const i = (finger = lowerBoundFrom(old, was, finger));
      if (i === old.length || old[i] !== was) return false;
      // every entry of a start and family has the old mark's code: the last one has it
      if ((use ? oldCodes[i]! >> 2 : oldCodes[i]! & 3) !== code) return false;
      seen[i]! |= use ? 2 : 1;
      return true;
    };
    for (const d of references.definitions) {
      if (d.kind === 'interfaces' && d.node.keyword === 'unit') continue;
      const code = d.kind === 'interfaces' ? 2 : 1;
      for (const w of d.nameWords) {
        const s = w.source;
        if (s.docId === docId && !visit(s.start, false, code)) return undefined;
      }
    }
    for (const u of references.uses) {
      const s = u.word.source;
      if (s.docId === docId && !visit(s.start, true, u.kind === 'interfaces' ? 2 : 1)) return undefined;
    }
    // every old mark outside the part was named again, in each of its families
    const from = lowerBound(old, start);
    const to = lowerBound(old, oldEnd);
    for (let i = 0; i < old.length; i = i === from - 1 ? to : i + 1) {
      if (i >= from && i < to) continue;
      const want = ((oldCodes[i]! & 3) !== 0 ? 1 : 0) | ((oldCodes[i]! >> 2) !== 0 ? 2 : 0);
      if (seen[i] !== want) return undefined;
    }
    inside.sort((a, b) => a - b);
    const middle: number[] = [];
    const middleCodes: number[] = [];
    for (const key of inside) {
      const at = Math.floor(key / START_UNIT);
      const rest = key - at * START_UNIT;
      const code = rest % 4;
      if (middle.length === 0 || middle[middle.length - 1] !== at) {
        middle.push(at);
        middleCodes.push(0);
      }
      const k = middleCodes.length - 1;
      middleCodes[k] = rest >= USE_FAMILY ? (middleCodes[k]! & 3) | (code << 2) : (middleCodes[k]! & ~3) | code;
    }
    const n = from + middle.length + (old.length - to);
    const starts = new Int32Array(n);
    const codes = new Uint8Array(n);
    starts.set(old.subarray(0, from), 0);
    codes.set(oldCodes.subarray(0, from), 0);
    starts.set(middle, from);
    codes.set(middleCodes, from);
    for (let i = to, k = from + middle.length; i < old.length; i++, k++) starts[k] = old[i]! + delta;
    codes.set(oldCodes.subarray(to), from + middle.length);
    return new ReferenceMarks(starts, codes, references.revision);
  }

  /** The same from maps (a text or an index too large for the sort keys). */
  static byMap(references: ReferenceIndex, docId: string): ReferenceMarks {
    const marks = new Map<number, number>();
    for (const d of references.definitions) {
      if (d.kind === 'interfaces' && d.node.keyword === 'unit') continue;
      const code = d.kind === 'interfaces' ? 2 : 1;
      for (const w of d.nameWords) {
        const s = w.source;
        if (s.docId === docId) marks.set(s.start, ((marks.get(s.start) ?? 0) & ~3) | code);
      }
    }
    for (const u of references.uses) {
      const s = u.word.source;
      if (s.docId === docId) marks.set(s.start, ((marks.get(s.start) ?? 0) & 3) | ((u.kind === 'interfaces' ? 2 : 1) << 2));
    }
    const starts = Int32Array.from(marks.keys()).sort();
    return new ReferenceMarks(starts, Uint8Array.from(starts, (s) => marks.get(s)!), references.revision);
  }

  get size(): number {
    return this.starts.length;
  }

  /** The mark of the word starting at `start` (0: none). */
  get(start: number): number {
    const i = lowerBound(this.starts, start);
    return i < this.starts.length && this.starts[i] === start ? this.codes[i]! : 0;
  }
}

/** `lowerBound`, searched outward from index `from` (steps doubling, then halving): a few steps when
 *  the value is near. */
function lowerBoundFrom(sorted: Int32Array, value: number, from: number): number {
  const n = sorted.length;
  let lo: number;
  let hi: number;
  if (from < n && sorted[from]! < value) {
    // after `from`
    let step = 1;
    lo = from + 1;
    while (lo + step - 1 < n && sorted[lo + step - 1]! < value) {
      lo += step;
      step *= 2;
    }
    hi = Math.min(n, lo + step - 1);
  } else {
    // at or before `from`
    let step = 1;
    hi = Math.min(from, n);
    while (hi - step >= 0 && sorted[hi - step]! >= value) {
      hi -= step;
      step *= 2;
    }
    lo = Math.max(0, hi - step + 1);
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first of `sorted` at or above `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sort keys of `ReferenceMarks.of`: start * START_UNIT + family (USE_FAMILY for uses) + order * 4 + code. */
const SEQ_LIMIT = 2 ** 21;
const USE_FAMILY = 2 ** 23;
const START_UNIT = 2 ** 24;
const START_LIMIT = 2 ** 29;

/** The definition bits of a mark (an interface unit's number keeps its type: none). */
function definitionCode(d: Definition | undefined): number {
  if (!d || (d.kind === 'interfaces' && d.node.keyword === 'unit')) return 0;
  return d.kind === 'interfaces' ? 2 : 1;
}

const DEFINITION_CLASSES: readonly (WordClass | undefined)[] = [undefined, 'definition', 'interface-definition'];
const USE_CLASSES: readonly (WordClass | undefined)[] = [undefined, 'reference', 'interface-reference'];

/** Every word of `docId` the schema layer can class, sorted by start. `marks`: `ReferenceMarks.of` the
 *  input's index (computed when not given). */
export function classifyWords(input: SchemaTokenInput, marks?: ReferenceMarks): ClassifiedWord[] {
  return new WordWalk(input, marks).result();
}

/** The most mentions of one node classed in one step of a `WordWalk` (a set file's top statements
 *  mention a word of every command under them). */
const MENTIONS_PER_STEP = 2048;

/**
 * The walk of `classifyWords`, in steps a caller can run a few at a time (lsp/class-update.ts: a full
 * classification off the request path yields between slices). The model must not change between steps.
 */
export class WordWalk {
  private readonly classifier: NodeClassifier | undefined;
  private readonly nodes: ConfigNode[] = [];
  private readonly steps: PathStep[] = [];
  /** the node being classed a run of mentions at a time, and the next mention */
  private current: { node: ConfigNode; step: PathStep; next: number } | undefined;
  private failed = false;

  constructor(
    private readonly input: SchemaTokenInput,
    marks?: ReferenceMarks,
  ) {
    try {
      this.classifier = new NodeClassifier(input, marks ?? ReferenceMarks.of(input.references, input.docId), -Infinity, Infinity);
      const root = input.model.root;
      for (let i = root.children.length - 1; i >= 0; i--) {
        this.nodes.push(root.children[i]!);
        this.steps.push(this.classifier.top.child(root.children[i]!.keyword));
      }
    } catch {
      this.failed = true;
    }
  }

  get done(): boolean {
    return this.failed || (this.nodes.length === 0 && !this.current);
  }

  /** Classes the words of about `count` more nodes (a node with many mentions counts a run of them as
   *  one); true when the walk is done. */
  step(count: number): boolean {
    const classifier = this.classifier;
    if (this.done || !classifier) return true;
    try {
      // the walk carries each node's statement path (`groups` dropped inside a group) as a node of a trie
      // of paths: each path is joined and looked up once, however many nodes share it
      const top = classifier.top;
      const root = this.input.model.root;
      for (let k = 0; k < count && !this.done; k++) {
        if (this.current) {
          const { node, step, next } = this.current;
          const end = Math.min(node.mentions.length, next + MENTIONS_PER_STEP);
          classifier.classify(node, step, next, end, end === node.mentions.length);
          this.current = end === node.mentions.length ? undefined : { node, step, next: end };
          continue;
        }
        const node = this.nodes.pop()!;
        const step = this.steps.pop()!;
        // a `groups NAME` entry holds a whole configuration: its statements' paths start again
        const inGroup = node.parent === root && node.keyword === 'groups';
        for (let i = node.children.length - 1; i >= 0; i--) {
          const c = node.children[i]!;
          this.nodes.push(c);
          this.steps.push((inGroup ? top : step).child(c.keyword));
        }
        if (node.mentions.length > MENTIONS_PER_STEP) this.current = { node, step, next: 0 };
        else classifier.classify(node, step);
      }
    } catch {
      this.failed = true;
    }
    return this.done;
  }

  /** Every word classified, sorted by start (the rest of the walk run first). */
  result(): ClassifiedWord[] {
    while (!this.step(Infinity));
    if (this.failed || !this.classifier) return [];
    try {
      return this.classifier.result();
    } catch {
      return [];
    }
  }
}

/**
 * The classes `classifyWords` gives the words starting in [`from`, `to`), reading only `nodes` (in the
 * walk's order: pre-order), which must hold every node with a word starting there; undefined when the
 * walk failed (where `classifyWords` would give no class at all).
 */
export function classifyNodeWords(input: SchemaTokenInput, marks: ReferenceMarks, nodes: readonly ConfigNode[], from: number, to: number): ClassifiedWord[] | undefined {
  try {
    const classifier = new NodeClassifier(input, marks, from, to);
    const root = input.model.root;
    const stepOf = new Map<ConfigNode, PathStep>();
    const step = (node: ConfigNode): PathStep => {
      let s = stepOf.get(node);
      if (s) return s;
      const chain: ConfigNode[] = [];
      for (let n: ConfigNode | undefined = node; n && n !== root && !stepOf.has(n); n = n.parent) chain.push(n);
      for (let i = chain.length - 1; i >= 0; i--) {
        const n = chain[i]!;
        const p = n.parent;
        const base = !p || p === root || (p.parent === root && p.keyword === 'groups') ? classifier.top : stepOf.get(p)!;
        stepOf.set(n, (s = base.child(n.keyword)));
      }
      return stepOf.get(node)!;
    };
    for (const n of nodes) if (n !== root) classifier.classify(n, step(n));
    return classifier.result();
  } catch {
    return undefined;
  }
}

/** The class rules applied to one node's words at a time. */
class NodeClassifier {
  readonly top = new PathStep(undefined, '');
  private readonly out: ClassifiedWord[] = [];
  private readonly docId: string;
  private readonly lists: ReferencableLists;

  constructor(
    input: SchemaTokenInput,
    private readonly marks: ReferenceMarks,
    /** only words starting in [from, to) are classed */
    private readonly from: number,
    private readonly to: number,
  ) {
    this.docId = input.docId;
    this.lists = referencableLists(input.schema);
  }

  private push(w: Word, cls: WordClass | undefined): void {
    if (!cls || w.kind === 'synthetic') return;
    const s = w.source;
    if (s.docId === this.docId && s.end > s.start && s.start >= this.from && s.start < this.to) this.out.push({ start: s.start, end: s.end, cls });
  }

  /** Classes the words of `node`, whose statement path is `step`: its mentions `from` to `to` (by
   *  index; all by default), and its values when `values`. */
  classify(node: ConfigNode, step: PathStep, from?: number, to?: number, values = true): void {
    if (node.role === 'opaque' || node.role === 'unknown' || !node.schema) return;
    const { docId, marks } = this;
    const s = node.schema;
    let referencable: boolean | undefined;
    const mentions = node.mentions;
    // a part of the text: only its run of the mentions (in document order; a set file's path nodes
    // mention every command under them)
    const whole = this.from === -Infinity && this.to === Infinity;
    const first = from ?? (whole ? 0 : this.mentionAtOrAfter(mentions, this.from));
    const last = to ?? (whole ? mentions.length : this.mentionAtOrAfter(mentions, this.to));
    for (let i = first; i < last; i++) {
      const m = mentions[i]!;
      if (m.source.docId !== docId) continue;
      const keyIndex = m.text === node.keyword ? -1 : node.keys.findIndex((k) => k.text === m.text);
      if (keyIndex < 0) {
        this.push(m, 'keyword');
        continue;
      }
      const mark = marks.get(spanKey(m));
      if ((mark & 3) !== 0) {
        this.push(m, DEFINITION_CLASSES[mark & 3]);
        continue;
      }
      if (mark !== 0) {
        this.push(m, USE_CLASSES[mark >> 2]);
        continue;
      }
      if (keyIndex === 0 && node.role === 'list-entry' && (referencable ??= step.referencable(this.lists))) {
        this.push(m, step.path === 'interfaces interface' ? 'interface-definition' : 'definition');
        continue;
      }
      this.push(m, keyClass(s, keyIndex, m));
    }
    if (!values || (node.role !== 'leaf' && node.role !== 'leaf-list')) return;
    for (const list of [node.values, ...node.overridden]) {
      for (const v of list) {
        if (v.source.docId !== docId) continue;
        const use = marks.get(spanKey(v)) >> 2;
        if (isSecretValue(node, v)) this.push(v, 'secret');
        else if (use !== 0) this.push(v, USE_CLASSES[use]);
        else this.push(v, valueClass(s.type, v));
      }
    }
  }

  /** The index of the first of `mentions` (of one document, in document order) starting at or after `offset`. */
  private mentionAtOrAfter(mentions: readonly Word[], offset: number): number {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mentions[mid]!.source.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The classes pushed, sorted by start; a word mentioned twice in the tree (a set line naming an
   *  entry again) keeps the first. */
  result(): ClassifiedWord[] {
    const out = this.out;
    out.sort((a, b) => a.start - b.start);
    const unique: ClassifiedWord[] = [];
    for (const w of out) {
      const last = unique[unique.length - 1];
      if (last && w.start < last.end) continue;
      unique.push(w);
    }
    return unique;
  }
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
