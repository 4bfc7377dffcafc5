/**
 * model/tree.ts: the configuration tree: one `ConfigNode` per Junos statement instance.
 * Owns: node shape, child identity (keyword + key words), ordered child storage with an index,
 *   structural edits (add, remove, move, re-key, clone), node paths.
 * Must not know: syntax trees, LSP, line/column positions, how words were walked.
 * Invariants: `children` order is the configuration order; `childIndex` is either undefined (small
 *   nodes: lookups scan `children`) or complete and in step with `children`; every word carries the
 *   exact source range it came from (`synthetic` words excepted).
 * Memory: a 100k-line config has ~200k nodes, so per-node cost matters. Nodes are `TreeNode`s: role and
 *   flags in one integer, the schema node standing for the keyword, rarely set fields in an object made
 *   on first use, a list entry's keys or another node's values in one field, a node's only key and only
 *   value (always) or only child or only mention (once compacted) without an array, and no array for
 *   mentions that are its creator's words (keyword word, keys) and at most one more word (once
 *   compacted): 80 bytes a node, each array 56 more. Empty arrays are one shared frozen array (NO_ITEMS)
 *   until something is added; `compactTree` (run once a tree is built) trims grown arrays to their length
 *   and shares the empty ones. Add to a node's arrays only through appendChild / addTo (they replace a
 *   shared empty array and write the array back), never with a bare `push`; `children`, `keys`,
 *   `mentions` and `values` may read as a fresh array: change children in place only through
 *   `ownChildren`; after changing another in place, assign it back (`n.mentions = list`), also to a node
 *   sharing it (an effective copy holds its written node's keys).
 * Tests: test/src/model/build.test.ts (through the builder), test/src/model/query.test.ts,
 *   test/src/model/memory.test.ts, test/src/model/compact-layout.test.ts (flags, rare fields, lone words)
 */
import type { SchemaNode } from '../schema/types';
import type { Word, WordSource } from './source';

/**
 * How a node takes part in the configuration:
 * - `root`: the configuration itself;
 * - `container`, `list-entry`, `leaf`, `leaf-list`: matched against the schema;
 * - `opaque`: a word below an opaque schema node or an unknown statement (no schema, one word per node);
 * - `unknown`: a word the schema does not allow where it was written (a problem was reported).
 */
export type NodeRole = 'root' | 'container' | 'list-entry' | 'leaf' | 'leaf-list' | 'opaque' | 'unknown';

export interface NodeNote {
  /** the note without its markers (`#`, `/* *\/`, quotes) */
  readonly text: string;
  /** comments: the line as written (`## Last commit ...`), so printers keep the author's markers */
  readonly raw?: string;
  readonly source: WordSource | undefined;
}

/** Where an effective node came from: the node as written, and the group when inherited. */
export interface Provenance {
  /** undefined when the node is the configuration's own statement */
  readonly group: string | undefined;
  /** the written node (inside `groups NAME` when `group` is set) that supplied keyword/keys/values */
  readonly node: ConfigNode;
}

export interface ConfigNode {
  /** the statement keyword ('' for the root) */
  readonly keyword: string;
  /** nokeyword list entries (`interfaces ge-0/0/0`) and leaves (`autonomous-system 64500`): the keyword is
   *  never written, only keys or the value */
  keywordHidden: boolean;
  /** the word that first named this node; undefined for the root and synthetic nodes */
  keywordWord: Word | undefined;
  readonly schema: SchemaNode | undefined;
  readonly role: NodeRole;
  /** list entry key words (e.g. `ge-0/0/0`, or `0` for `unit 0`) */
  keys: Word[];
  /** leaf value (one word, none for type empty) or leaf-list values, in order */
  values: Word[];
  /** earlier values of this leaf replaced by a later statement (duplicate or `set`), oldest first */
  overridden: Word[][];
  children: ConfigNode[];
  /** identity -> child (see `childIdentity`); built once a node has more than INDEX_FROM children,
   *  undefined below that. Use getChild, not this. */
  childIndex: Map<string, ConfigNode> | undefined;
  parent: ConfigNode | undefined;
  inactive: boolean;
  protect: boolean;
  /** opaque/unknown word nodes: a statement ended at this word (it was written as `... word;`) */
  terminal: boolean;
  /** opaque/unknown word nodes, from curly statements: true when a `{ }` block was opened right after
   *  this word (`syslog {`), false when the word was followed by more words of its statement
   *  (`user` in `user ops {`); absent when not known (set commands). The curly printer follows it. */
  opensBlock?: boolean;
  /** `/* ... *\/` annotation or `annotate` text */
  annotation: NodeNote | undefined;
  /** `# ...` comment lines written before the statement */
  comments: NodeNote[];
  /** every source word that named this node: each occurrence of its keyword and of its key words */
  mentions: Word[];
  /** set only on nodes of an effective configuration that is a copy (model/groups.ts: a plain
   *  configuration is its own effective tree, without origins) */
  origin?: Provenance;
}

/** The shared empty array of nodes without keys, values, children, comments or mentions: frozen, so
 *  a stray `push` fails loudly instead of adding to every node. */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/** An empty array for a node field until something is added (see addTo). */
function none<T>(): T[] {
  return NO_ITEMS as unknown as T[];
}

/** Children below this count are found by scanning; from it on, through `childIndex`. */
export const INDEX_FROM = 8;

/** Identity of a child among its siblings: keyword, plus key words for list entries. */
export function childIdentity(keyword: string, keys: readonly string[]): string {
  return keys.length === 0 ? keyword : keyword + '\u0000' + keys.join('\u0000');
}

export function identityOf(node: ConfigNode): string {
  if (node instanceof TreeNode) {
    const count = node.keyCount;
    if (count === 0) return node.keyword;
    if (count === 1) return node.keyword + '\u0000' + node.keyText(0)!;
  }
  return childIdentity(
    node.keyword,
    node.keys.map((k) => k.text),
  );
}

/** Appends items to one of a node's arrays, replacing the shared empty array by a fresh one (and a
 *  node's one mention kept alone by an array). */
export function addTo<K extends 'keys' | 'values' | 'overridden' | 'comments' | 'mentions'>(
  node: ConfigNode,
  field: K,
  ...items: ConfigNode[K]
): void {
  if (items.length === 0) return;
  const arr = node[field] as unknown[];
  if (Object.isFrozen(arr)) (node[field] as unknown[]) = [...items];
  else {
    arr.push(...items);
    (node[field] as unknown[]) = arr;
  }
}

/** Gives `to` the mentions of `from` (shared, as an effective node shares its written node's words). */
export function shareMentions(to: ConfigNode, from: ConfigNode): void {
  if (to instanceof TreeNode && from instanceof TreeNode) to.shareSaid(from);
  else to.mentions = from.mentions;
}

/** Keeps a node's only mention alone instead of in a one-word array, and its creator's words (keyword
 *  word and keys) out of it when they begin it (see `TreeNode.mentions`). */
function compactMentions(node: ConfigNode): void {
  if (!(node instanceof TreeNode)) {
    node.mentions = trimmed(node.mentions);
    return;
  }
  node.compactSaid();
}

/** The fields most nodes leave empty, kept off the node until one of them is set. */
interface RareFields {
  /** the node's flags, once it has rare fields (see `TreeNode.state`) */
  flags: number;
  /** the keyword when the node has a schema node of another name (the root) */
  keyword: string;
  overridden: Word[][];
  childIndex: Map<string, ConfigNode> | undefined;
  annotation: NodeNote | undefined;
  comments: NodeNote[];
  /** a list entry's values, another node's keys (see `TreeNode.worded`) */
  unworded: Word | Word[];
}

const INACTIVE = 1;
const PROTECT = 2;
const TERMINAL = 4;
/** `opensBlock` known (then OPENS_BLOCK says which) */
const BLOCK_KNOWN = 8;
const OPENS_BLOCK = 16;
/** the role's place in ROLES, times this */
const ROLE_UNIT = 32;
/** the keyword is not the schema node's name: it is in the rare fields */
const OWN_KEYWORD = 1024;
const KEYWORD_HIDDEN = 2048;
/** the mentions are the keyword word, the keys, then what `said` holds (nothing or one word) */
const SAID_BY_CREATOR = 4096;
const ROLES: readonly NodeRole[] = ['root', 'container', 'list-entry', 'leaf', 'leaf-list', 'opaque', 'unknown'];
const ENTRY_ROLE = ROLES.indexOf('list-entry');

/**
 * The node as the builder makes it: its flags in one small integer and the fields most nodes leave empty
 * (`overridden`, `childIndex`, `annotation`, `comments`) in one object made when one is first set, read
 * and written through accessors, that object then also holding the flags (80 bytes a node on a 64-bit heap instead of 160; `keywordHidden` is one of the flags). `origin` is added
 * only to the nodes of an effective copy. A spread (`{ ...node }`) copies the fields, not the accessors.
 */
class TreeNode implements ConfigNode {
  /** the schema node (whose name is the keyword), or the keyword of a node without one */
  private named: SchemaNode | string;
  /** the keyword word (`keywordWord`) */
  private spoken: Word | undefined;
  /** a list entry's keys, another node's values (a node has one or the other: the other kind, never
   *  seen in practice, is kept in the rare fields): one word alone (most), else an array */
  private worded: Word | Word[];
  /** the children: one child alone (once compacted: a node with one child), else an array */
  private kids: ConfigNode | ConfigNode[];
  parent: ConfigNode | undefined;
  /** the mentions: one word alone (most nodes: read once), else an array; with SAID_BY_CREATOR, only
   *  those after the keyword word and keys (none, or one word alone: a node mentioned once or twice) */
  private said: Word | Word[];
  /** the flags (one small integer), or, once one of the rare fields is set, the object holding them and
   *  the flags (one field for both: 8 bytes a node) */
  private state: number | RareFields;
  declare origin?: Provenance;

  constructor(keyword: string, keywordHidden: boolean, keywordWord: Word | undefined, schema: SchemaNode | undefined, role: NodeRole, keys: Word[], values: Word[]) {
    this.named = schema ?? keyword;
    this.spoken = keywordWord;
    const entry = role === 'list-entry';
    const worded = entry ? keys : values;
    this.worded = worded.length === 1 ? worded[0]! : worded;
    this.kids = none();
    this.parent = undefined;
    this.said = none();
    this.state = Math.max(0, ROLES.indexOf(role)) * ROLE_UNIT + (keywordHidden ? KEYWORD_HIDDEN : 0);
    const other = entry ? values : keys;
    if (other.length > 0) this.rareFields().unworded = other.length === 1 ? other[0]! : other;
    if (schema && schema.name !== keyword) {
      this.rareFields().keyword = keyword;
      this.flags |= OWN_KEYWORD;
    }
  }

  get keywordWord(): Word | undefined {
    return this.spoken;
  }
  set keywordWord(word: Word | undefined) {
    if (word !== this.spoken) this.saidInFull();
    this.spoken = word;
  }

  get keyword(): string {
    const named = this.named;
    if (typeof named === 'string') return named;
    return (this.flags & OWN_KEYWORD) === 0 ? named.name : this.rare!.keyword;
  }

  get schema(): SchemaNode | undefined {
    const named = this.named;
    return typeof named === 'string' ? undefined : named;
  }

  get role(): NodeRole {
    return ROLES[(this.flags >>> 5) & 7]!;
  }

  private get isEntry(): boolean {
    return ((this.flags >>> 5) & 7) === ENTRY_ROLE;
  }

  /** the keys as kept (one word alone, or an array) */
  private get keyed(): Word | Word[] {
    return this.isEntry ? this.worded : this.rare?.unworded ?? none();
  }
  private set keyed(keyed: Word | Word[]) {
    if (this.isEntry) this.worded = keyed;
    else if (this.rare || !Array.isArray(keyed) || keyed.length > 0) this.rareFields().unworded = keyed;
  }

  /** the values as kept (one word alone, or an array) */
  private get valued(): Word | Word[] {
    return this.isEntry ? this.rare?.unworded ?? none() : this.worded;
  }
  private set valued(valued: Word | Word[]) {
    if (!this.isEntry) this.worded = valued;
    else if (this.rare || !Array.isArray(valued) || valued.length > 0) this.rareFields().unworded = valued;
  }

  /** a fresh one-word array when the node keeps its one key alone (write a changed array back) */
  get keys(): Word[] {
    const keyed = this.keyed;
    return Array.isArray(keyed) ? keyed : [keyed];
  }
  set keys(list: Word[]) {
    this.saidInFull();
    this.keyed = list.length === 1 ? list[0]! : list;
  }

  /** how many keys (without making an array) */
  get keyCount(): number {
    const keyed = this.keyed;
    return Array.isArray(keyed) ? keyed.length : 1;
  }

  /** the `i`th key's text (without making an array) */
  keyText(i: number): string | undefined {
    const keyed = this.keyed;
    return Array.isArray(keyed) ? keyed[i]?.text : i === 0 ? keyed.text : undefined;
  }

  /** a fresh one-word array when the node keeps its one value alone (write a changed array back) */
  get values(): Word[] {
    const valued = this.valued;
    return Array.isArray(valued) ? valued : [valued];
  }
  set values(list: Word[]) {
    this.valued = list.length === 1 ? list[0]! : list;
  }

  /** a fresh one-child array when the node keeps its one child alone (write a changed array back, or
   *  change it through `ownChildren`) */
  get children(): ConfigNode[] {
    const kids = this.kids;
    return Array.isArray(kids) ? kids : [kids];
  }
  set children(list: ConfigNode[]) {
    this.kids = list;
  }

  /** The children in the array the node holds (a lone child put in one first), to change in place. */
  heldChildren(): ConfigNode[] {
    const kids = this.kids;
    return Array.isArray(kids) ? kids : (this.kids = [kids]);
  }

  /** Keeps one child alone, more in an array trimmed to their count. */
  compactChildren(): void {
    const kids = this.kids;
    if (Array.isArray(kids)) this.kids = kids.length === 1 ? kids[0]! : trimmed(kids);
  }

  /** a fresh array when the node keeps its one mention alone or its creator's words out of its array
   *  (write a changed array back) */
  get mentions(): Word[] {
    const said = this.said;
    if ((this.flags & SAID_BY_CREATOR) === 0) return Array.isArray(said) ? said : [said];
    const keyed = this.keyed;
    const out = [this.spoken!];
    if (Array.isArray(keyed)) for (const k of keyed) out.push(k);
    else out.push(keyed);
    if (!Array.isArray(said)) out.push(said);
    return out;
  }
  set mentions(list: Word[]) {
    this.flags &= ~SAID_BY_CREATOR;
    this.said = list;
  }

  /** Holds the mentions in full again (before the keyword word or keys they begin with change). */
  private saidInFull(): void {
    if ((this.flags & SAID_BY_CREATOR) !== 0) this.mentions = this.mentions;
  }

  /** Keeps one mention alone, and leaves the creator's words (keyword word, then keys) out when the
   *  mentions begin with them and at most one word follows (a node its creator alone, or one more
   *  statement, mentioned: 39,000 arrays at 100k set lines, 24,000 curly). */
  compactSaid(): void {
    const said = this.said;
    if (!Array.isArray(said)) return;
    const keywordWord = this.spoken;
    const keyCount = this.keyCount;
    const rest = said.length - 1 - keyCount;
    if (keywordWord !== undefined && said.length >= 2 && rest >= 0 && rest <= 1 && said[0] === keywordWord) {
      const keyed = this.keyed;
      let begins = true;
      if (Array.isArray(keyed)) for (let i = 0; i < keyCount && begins; i++) begins = said[1 + i] === keyed[i];
      else begins = said[1] === keyed;
      if (begins) {
        this.said = rest === 0 ? none() : said[said.length - 1]!;
        this.flags |= SAID_BY_CREATOR;
        return;
      }
    }
    this.said = said.length === 1 ? said[0]! : trimmed(said);
  }

  /** Takes the mentions of `from` (its array itself when it holds one). */
  shareSaid(from: TreeNode): void {
    if ((from.flags & SAID_BY_CREATOR) !== 0 && (this.spoken !== from.spoken || this.keyed !== from.keyed)) {
      this.mentions = from.mentions;
      return;
    }
    this.said = from.said;
    this.flags = (this.flags & ~SAID_BY_CREATOR) | (from.flags & SAID_BY_CREATOR);
  }

  private flag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  private get flags(): number {
    const state = this.state;
    return typeof state === 'number' ? state : state.flags;
  }
  private set flags(flags: number) {
    const state = this.state;
    if (typeof state === 'number') this.state = flags;
    else state.flags = flags;
  }

  private get rare(): RareFields | undefined {
    const state = this.state;
    return typeof state === 'number' ? undefined : state;
  }

  private rareFields(): RareFields {
    const state = this.state;
    if (typeof state !== 'number') return state;
    const rare: RareFields = { flags: state, keyword: '', overridden: none(), childIndex: undefined, annotation: undefined, comments: none(), unworded: none() };
    this.state = rare;
    return rare;
  }

  get keywordHidden(): boolean {
    return (this.flags & KEYWORD_HIDDEN) !== 0;
  }
  set keywordHidden(on: boolean) {
    this.flag(KEYWORD_HIDDEN, on);
  }

  get inactive(): boolean {
    return (this.flags & INACTIVE) !== 0;
  }
  set inactive(on: boolean) {
    this.flag(INACTIVE, on);
  }

  get protect(): boolean {
    return (this.flags & PROTECT) !== 0;
  }
  set protect(on: boolean) {
    this.flag(PROTECT, on);
  }

  get terminal(): boolean {
    return (this.flags & TERMINAL) !== 0;
  }
  set terminal(on: boolean) {
    this.flag(TERMINAL, on);
  }

  get opensBlock(): boolean | undefined {
    return (this.flags & BLOCK_KNOWN) === 0 ? undefined : (this.flags & OPENS_BLOCK) !== 0;
  }
  set opensBlock(opens: boolean | undefined) {
    this.flag(BLOCK_KNOWN, opens !== undefined);
    this.flag(OPENS_BLOCK, opens === true);
  }

  get overridden(): Word[][] {
    return this.rare ? this.rare.overridden : none();
  }
  set overridden(list: Word[][]) {
    if (this.rare || list.length > 0) this.rareFields().overridden = list;
  }

  get childIndex(): Map<string, ConfigNode> | undefined {
    return this.rare?.childIndex;
  }
  set childIndex(index: Map<string, ConfigNode> | undefined) {
    if (this.rare || index) this.rareFields().childIndex = index;
  }

  get annotation(): NodeNote | undefined {
    return this.rare?.annotation;
  }
  set annotation(note: NodeNote | undefined) {
    if (this.rare || note) this.rareFields().annotation = note;
  }

  get comments(): NodeNote[] {
    return this.rare ? this.rare.comments : none();
  }
  set comments(list: NodeNote[]) {
    if (this.rare || list.length > 0) this.rareFields().comments = list;
  }
}

export function newNode(init: {
  keyword: string;
  keywordWord?: Word | undefined;
  schema: SchemaNode | undefined;
  role: NodeRole;
  keys?: Word[];
  values?: Word[];
  keywordHidden?: boolean;
}): ConfigNode {
  return new TreeNode(
    init.keyword,
    init.keywordHidden ?? false,
    init.keywordWord,
    init.schema,
    init.role,
    init.keys && init.keys.length > 0 ? init.keys : none(),
    init.values && init.values.length > 0 ? init.values : none(),
  );
}

export function newRoot(schema: SchemaNode | undefined): ConfigNode {
  return newNode({ keyword: '', schema, role: 'root' });
}

function sameIdentity(node: ConfigNode, keyword: string, keys: readonly string[]): boolean {
  if (node instanceof TreeNode) {
    if (node.keyword !== keyword || node.keyCount !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (node.keyText(i) !== keys[i]) return false;
    return true;
  }
  const own = node.keys;
  if (node.keyword !== keyword || own.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (own[i]!.text !== keys[i]) return false;
  return true;
}

function buildIndex(parent: ConfigNode): Map<string, ConfigNode> {
  const index = new Map<string, ConfigNode>();
  for (const c of parent.children) {
    const id = identityOf(c);
    if (!index.has(id)) index.set(id, c);
  }
  parent.childIndex = index;
  return index;
}

export function getChild(parent: ConfigNode, keyword: string, keys: readonly string[] = []): ConfigNode | undefined {
  if (parent.childIndex) return parent.childIndex.get(childIdentity(keyword, keys));
  for (const c of parent.children) if (sameIdentity(c, keyword, keys)) return c;
  return undefined;
}

/** A node's children in the array it holds, to change in place (`children` may read as a fresh array:
 *  a node keeps a lone child without one). */
export function ownChildren(node: ConfigNode): ConfigNode[] {
  return node instanceof TreeNode ? node.heldChildren() : node.children;
}

export function appendChild(parent: ConfigNode, child: ConfigNode): ConfigNode {
  child.parent = parent;
  if (Object.isFrozen(parent.children)) parent.children = [child];
  else ownChildren(parent).push(child);
  if (parent.childIndex) {
    const id = identityOf(child);
    if (!parent.childIndex.has(id)) parent.childIndex.set(id, child);
  } else if (parent.children.length >= INDEX_FROM) buildIndex(parent);
  return child;
}

export function removeChild(parent: ConfigNode, child: ConfigNode): void {
  const i = parent.children.indexOf(child);
  if (i >= 0) ownChildren(parent).splice(i, 1);
  if (parent.childIndex?.get(identityOf(child)) === child) {
    parent.childIndex.delete(identityOf(child));
    // another child with the same identity (there should be none) takes the slot
    const twin = parent.children.find((c) => sameIdentity(c, child.keyword, child.keys.map((k) => k.text)));
    if (twin) parent.childIndex.set(identityOf(twin), twin);
  }
  child.parent = undefined;
}

/** Moves `child` right before or after `reference` (both children of `parent`). */
export function moveChild(parent: ConfigNode, child: ConfigNode, reference: ConfigNode, where: 'before' | 'after'): void {
  const from = parent.children.indexOf(child);
  if (from < 0 || child === reference) return;
  const kids = ownChildren(parent);
  kids.splice(from, 1);
  const at = kids.indexOf(reference);
  if (at < 0) {
    kids.splice(from, 0, child);
    return;
  }
  kids.splice(where === 'before' ? at : at + 1, 0, child);
}

/** Gives a list entry new key words, keeping the index in step. Returns false if the new identity is taken. */
export function rekey(node: ConfigNode, keys: Word[]): boolean {
  const parent = node.parent;
  if (parent) {
    const taken = getChild(
      parent,
      node.keyword,
      keys.map((k) => k.text),
    );
    if (taken && taken !== node) return false;
    if (parent.childIndex) {
      parent.childIndex.delete(identityOf(node));
      parent.childIndex.set(
        childIdentity(
          node.keyword,
          keys.map((k) => k.text),
        ),
        node,
      );
    }
  }
  node.keys = keys.length > 0 ? keys : none();
  return true;
}

/** Trims every array of a built tree to its length and shares the empty ones (see the header);
 *  keeps `childIndex` only on nodes with INDEX_FROM children or more. `childrenOnly`: for trees whose
 *  other arrays are shared with another tree (the effective view shares the written tree's words). */
export function compactTree(root: ConfigNode, childrenOnly = false): void {
  const stack: ConfigNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!childrenOnly) {
      n.keys = trimmed(n.keys);
      n.values = trimmed(n.values);
      n.overridden = trimmed(n.overridden);
      n.comments = trimmed(n.comments);
      compactMentions(n);
    }
    if (n instanceof TreeNode) n.compactChildren();
    else n.children = trimmed(n.children);
    const children = n.children;
    if (children.length < INDEX_FROM) n.childIndex = undefined;
    for (const c of children) stack.push(c);
  }
}

function trimmed<T>(arr: T[]): T[] {
  if (arr.length === 0) return none();
  return Object.isFrozen(arr) ? arr : arr.slice();
}

/** Deep copy (without parent); words are shared, they are immutable. */
export function cloneNode(node: ConfigNode): ConfigNode {
  const copy = cloneOne(node);
  // below: node by node with an explicit stack (free-form words nest one node per word, deeper than recursion goes)
  const stack: { from: ConfigNode; to: ConfigNode }[] = [{ from: node, to: copy }];
  while (stack.length > 0) {
    const { from, to } = stack.pop()!;
    for (const c of from.children) {
      const child = appendChild(to, cloneOne(c));
      if (c.children.length > 0) stack.push({ from: c, to: child });
    }
  }
  return copy;
}

/** One node's own fields, copied (no children, no parent). */
function cloneOne(node: ConfigNode): ConfigNode {
  const copy = newNode({
    keyword: node.keyword,
    keywordWord: node.keywordWord,
    schema: node.schema,
    role: node.role,
    keys: [...node.keys],
    values: [...node.values],
    keywordHidden: node.keywordHidden,
  });
  addTo(copy, 'overridden', ...node.overridden.map((v) => [...v]));
  copy.inactive = node.inactive;
  copy.protect = node.protect;
  copy.terminal = node.terminal;
  if (node.opensBlock !== undefined) copy.opensBlock = node.opensBlock;
  copy.annotation = node.annotation;
  addTo(copy, 'comments', ...node.comments);
  addTo(copy, 'mentions', ...node.mentions);
  if (node.origin) copy.origin = node.origin;
  return copy;
}

/** The words that select this node from the root, e.g. ['interfaces', 'ge-0/0/0', 'unit', '0']. */
/**
 * Visits every node below `root` in document (pre-)order, each with its parent, without recursion: free-form
 * words nest one node per word, as deep as a file is long. `visit` returning false skips the node's children.
 */
export function forEachDescendant(root: ConfigNode, visit: (node: ConfigNode, parent: ConfigNode) => boolean | void): void {
  const stack: { node: ConfigNode; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const c = frame.node.children[frame.next++];
    if (!c) {
      stack.pop();
      continue;
    }
    if (visit(c, frame.node) !== false && c.children.length > 0) stack.push({ node: c, next: 0 });
  }
}

export function nodePath(node: ConfigNode): string[] {
  const parts: string[][] = [];
  for (let n: ConfigNode | undefined = node; n && n.role !== 'root'; n = n.parent) {
    if (n.keywordHidden && n.role !== 'list-entry') continue;
    parts.push(n.keywordHidden ? n.keys.map((k) => k.text) : [n.keyword, ...n.keys.map((k) => k.text)]);
  }
  return parts.reverse().flat();
}

/** True when the node is inactive itself or below an inactive ancestor. */
export function isInactive(node: ConfigNode): boolean {
  for (let n: ConfigNode | undefined = node; n; n = n.parent) if (n.inactive) return true;
  return false;
}

/** Every word that belongs to this node (mentions, keys, values), for diagnostics and rename. */
export function wordsOf(node: ConfigNode): Word[] {
  const out = [...node.mentions];
  for (const v of node.values) out.push(v);
  return out;
}

/** The index of the first item of `list` (sorted by `startOf`) whose start is at or after `offset`. */
export function firstIndexAtOrAfter<T>(list: readonly T[], offset: number, startOf: (t: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
