/**
 * schema/lookup.ts: walks a statement path of words through the schema the Junos way, and finds
 *   where else a statement name exists.
 * Owns: the word-consumption rules of a path: which statement a word names (statementFor: written
 *   keywords, nokeyword lists and leaves whose keyword is not written, misspelt keywords), which
 *   words a list entry's keys take (matchListKeys: bare, `name value` and optional keys), leaf
 *   values, continuing beside a leaf after its value, stopping inside opaque statements, `<...>`
 *   wildcard entry names inside `groups`; the failure reasons with did-you-mean candidates; and the
 *   bounded breadth-first search of findStatementElsewhere.
 * Must not know: config trees, source positions, `[ ]` value lists and `{ }` blocks (callers pass
 *   plain words), LSP.
 * Invariants: the one reading of words against the schema: model/walk.ts reads statements through
 *   the same statementFor and matchListKeys; pure; never throws; a node's path is what the caller
 *   walked (nodes are shared); findStatementElsewhere returns shortest paths first, at most `limit`,
 *   and skips `groups` (whose contents repeat the whole configuration).
 * Tests: test/src/schema/lookup.test.ts, test/src/model/walk.test.ts (the model's use)
 */
import { didYouMean } from './did-you-mean';
import type { Schema, SchemaKey, SchemaNode } from './types';
import { validateValue, type ValueProblem } from './value-types';

export type LookupRole =
  /** the word is a statement keyword */
  | 'keyword'
  /** the word is (part of) a list entry's key */
  | 'key'
  /** the word is a leaf or leaf-list value */
  | 'value';

export interface LookupStep {
  /** index into the words */
  readonly word: number;
  readonly role: LookupRole;
  /** the statement the word belongs to */
  readonly node: SchemaNode;
  /** true when the keyword was not written (nokeyword list/leaf: this word is its key/value) */
  readonly implicit: boolean;
}

export type LookupEnd =
  /** inside a container or list entry: its children may follow */
  | 'inside'
  /** after a complete leaf / leaf-list statement */
  | 'leaf'
  /** inside an opaque statement: anything may follow, nothing is known */
  | 'opaque'
  /** the words ended after a list name: key word(s) expected */
  | 'needs-key'
  /** the words ended after a leaf keyword: a value expected */
  | 'needs-value';

export type LookupFailureReason = 'unknown-statement' | 'bad-value';

export interface LookupFailure {
  readonly reason: LookupFailureReason;
  /** index of the offending word */
  readonly word: number;
  /** 'unknown-statement': did-you-mean over the allowed children */
  readonly suggestions: readonly string[];
  /** 'bad-value': what is wrong with the value */
  readonly valueProblem?: ValueProblem;
}

export interface LookupResult {
  /** no failure (the words may still end early: see `end`) */
  readonly ok: boolean;
  /** the last statement reached (the root when none) */
  readonly node: SchemaNode;
  /** the container or list entry whose children come next (for a leaf: the node holding it) */
  readonly context: SchemaNode;
  readonly end: LookupEnd;
  readonly steps: readonly LookupStep[];
  /** statement names walked, keys and values left out: ['services', 'ipsec-vpn', 'rule', 'term'] */
  readonly schemaPath: readonly string[];
  readonly failure?: LookupFailure;
}

export interface LookupOptions {
  /** check key and leaf values against their types (default true) */
  readonly validateValues?: boolean;
  /** start below this node instead of the schema root */
  readonly from?: SchemaNode;
  /** accept `<...>` wildcard entry names (as inside `groups NAME`); default: the words start with `groups` */
  readonly inGroups?: boolean;
}

function firstKeyType(node: SchemaNode) {
  return node.kind === 'list' ? node.keys[0]?.type : node.type;
}

/** The nokeyword child that should take `word`: one whose type accepts it, else the first. */
function implicitChild(context: SchemaNode, word: string): SchemaNode | undefined {
  let first: SchemaNode | undefined;
  for (const c of context.children()) {
    if (!c.nokeyword || c.kind === 'container') continue;
    if (!validateValue(firstKeyType(c), word)) return c;
    first ??= c;
  }
  return first;
}

function keywordSuggestions(context: SchemaNode, word: string): string[] {
  return didYouMean(
    word,
    context.children().filter((c) => !c.nokeyword).map((c) => c.name),
  );
}

/** How one word reads in `context`: a written keyword, the key/value of a nokeyword statement whose
 *  keyword is not written, or nothing (`suggestions`: did-you-mean over the written keywords).
 *  A word that no nokeyword statement accepts but that is close to a keyword is a misspelt keyword.
 *  Shared by lookupPath and the model's walk (model/walk.ts), so both read words alike. */
export function statementFor(
  context: SchemaNode,
  word: string,
  validate = true,
): { readonly node: SchemaNode; readonly implicit: boolean } | { readonly node: undefined; readonly suggestions: readonly string[] } {
  const named = context.child(word);
  if (named && !named.nokeyword) return { node: named, implicit: false };
  const implicit = implicitChild(context, word);
  if (implicit && !(validate && validateValue(firstKeyType(implicit), word) && keywordSuggestions(context, word).length)) {
    return { node: implicit, implicit: true };
  }
  return { node: undefined, suggestions: keywordSuggestions(context, word) };
}

/** A list's keys; a list without declared keys takes one bare name. */
export function keysOfList(list: SchemaNode): readonly SchemaKey[] {
  return list.keys.length ? list.keys : DEFAULT_KEYS;
}
const DEFAULT_KEYS: readonly SchemaKey[] = [{ name: 'name', type: { kind: 'string' } }];

/** One word taken by a list entry's keys. */
export interface KeyWord {
  /** index into the words */
  readonly index: number;
  readonly key: SchemaKey;
  /** true for the written name of a `name value` key (`to-zone` in `from-zone A to-zone B`) */
  readonly keyword: boolean;
}

export interface KeyMatch {
  /** the words the keys took, in order (values and the names of `name value` keys) */
  readonly words: readonly KeyWord[];
  /** index of the first word after the keys */
  readonly next: number;
  /** the keys are incomplete: the words ran out ('needs-key'), or a required `name value` key's name
   *  is not the next word ('expected-keyword', at `next`) */
  readonly incomplete?: { readonly reason: 'needs-key' | 'expected-keyword'; readonly key: SchemaKey };
}

/** True when `word` is a written statement keyword of `node`. */
function isKeywordOf(node: SchemaNode | undefined, word: string): boolean {
  const c = node?.child(word);
  return c !== undefined && !c.nokeyword;
}

/**
 * The words the keys of `list` take, from `start`: bare keys take one word each; a key whose
 * `nokeyword` is false takes its name then a value (`virtual-link neighbor-id A transit-area B`); an
 * `optional` key is taken only when enough key-like words follow for it and every required key
 * after it (`route-filter 10.0.0.0/8 upto /24` vs `route-filter 10.0.0.0/8 exact accept` and
 * `community add NAME`). A word is key-like unless it is a keyword of the list entry or of `parent`
 * (the statement holding the list) or is `undefined` (a `[ ]` list in the model's items).
 */
export function matchListKeys(
  list: SchemaNode,
  words: readonly (string | undefined)[],
  start: number,
  parent?: SchemaNode,
): KeyMatch {
  const keys = keysOfList(list);
  const taken: KeyWord[] = [];
  let i = start;
  const keyLike = (from: number): number => {
    let n = 0;
    for (let j = from; j < words.length; j++) {
      const w = words[j];
      if (w === undefined || isKeywordOf(list, w) || isKeywordOf(parent, w)) break;
      n++;
    }
    return n;
  };
  const wordsNeeded = (from: number): number => {
    let n = 0;
    for (let k = from; k < keys.length; k++) if (!keys[k]!.optional) n += keys[k]!.nokeyword === false ? 2 : 1;
    return n;
  };
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const named = key.nokeyword === false;
    if (key.optional) {
      if (i >= words.length) continue;
      if (named ? words[i] !== key.name : keyLike(i) < 1 + wordsNeeded(k + 1)) continue;
    }
    if (i >= words.length || words[i] === undefined) return { words: taken, next: i, incomplete: { reason: 'needs-key', key } };
    if (named) {
      if (words[i] !== key.name) return { words: taken, next: i, incomplete: { reason: 'expected-keyword', key } };
      taken.push({ index: i, key, keyword: true });
      i++;
      if (i >= words.length || words[i] === undefined) return { words: taken, next: i, incomplete: { reason: 'needs-key', key } };
    }
    taken.push({ index: i, key, keyword: false });
    i++;
  }
  return { words: taken, next: i };
}

/** Walks `words` (a statement path such as a `set` line without `set`) from the root. */
export function lookupPath(schema: Schema, words: readonly string[], options: LookupOptions = {}): LookupResult {
  const validate = options.validateValues ?? true;
  const steps: LookupStep[] = [];
  const schemaPath: string[] = [];
  let context: SchemaNode = options.from ?? schema.root;
  let node: SchemaNode = context;
  let i = 0;
  const inGroups = options.inGroups ?? (context === schema.root && words[0] === 'groups');
  const result = (end: LookupEnd, failure?: LookupFailure): LookupResult => ({
    ok: failure === undefined,
    node,
    context,
    end,
    steps,
    schemaPath,
    ...(failure ? { failure } : {}),
  });
  const badValue = (word: number, p: ValueProblem): LookupResult =>
    result('inside', { reason: 'bad-value', word, suggestions: p.suggestions, valueProblem: p });

  while (i < words.length) {
    if (context.opaque) {
      for (; i < words.length; i++) steps.push({ word: i, role: 'value', node: context, implicit: false });
      return result('opaque');
    }
    const word = words[i]!;
    const found = statementFor(context, word, validate);
    if (!found.node) return result('inside', { reason: 'unknown-statement', word: i, suggestions: found.suggestions });
    const child = found.node;
    const implicit = found.implicit;
    node = child;
    schemaPath.push(child.name);
    if (!implicit) {
      steps.push({ word: i, role: 'keyword', node: child, implicit: false });
      i++;
    }
    switch (child.kind) {
      case 'container':
        context = child;
        if (child.opaque && i >= words.length) return result('opaque');
        break;
      case 'list': {
        // inside `groups NAME`, entry names may be wildcards (`interfaces <ge-*>`)
        const match = matchListKeys(child, words, i, context);
        for (const k of match.words) {
          const w = words[k.index]!;
          const wildcard = inGroups && /^<.*>$/.test(w);
          const p = validate && !k.keyword && !wildcard ? validateValue(k.key.type, w) : undefined;
          steps.push({ word: k.index, role: 'key', node: child, implicit: implicit && !k.keyword });
          if (p) return badValue(k.index, p);
        }
        i = match.next;
        if (match.incomplete?.reason === 'expected-keyword') {
          return result('needs-key', { reason: 'unknown-statement', word: i, suggestions: [match.incomplete.key.name] });
        }
        if (match.incomplete) return result('needs-key');
        context = child;
        if (child.opaque && i >= words.length) return result('opaque');
        break;
      }
      case 'leaf':
      case 'leaf-list': {
        if (child.type?.kind === 'empty') {
          if (i >= words.length) return result('leaf');
          break; // a flag: the next word is a sibling statement
        }
        if (i >= words.length) return result('needs-value');
        const p = validate ? validateValue(child.type, words[i]!) : undefined;
        steps.push({ word: i, role: 'value', node: child, implicit });
        if (p) return badValue(i, p);
        i++;
        if (i >= words.length) return result('leaf');
        break;
      }
    }
  }
  return result(node === context ? 'inside' : node.kind === 'leaf' || node.kind === 'leaf-list' ? 'leaf' : 'inside');
}

export interface StatementLocation {
  /** statement names from the root, e.g. ['services', 'ipsec-vpn', 'ike', 'policy', 'pre-shared-key'] */
  readonly path: readonly string[];
  /** Junos-style text with key placeholders, nokeyword list names left out:
   *  `services ipsec-vpn ike policy <name> pre-shared-key` */
  readonly display: string;
  readonly node: SchemaNode;
}

const elsewhereIndexes = new WeakMap<SchemaNode, Map<string, Trail[]>>();
const PER_NAME = 8;

interface Trail {
  readonly parent: Trail | undefined;
  readonly node: SchemaNode;
}

function trailLocation(t: Trail): StatementLocation {
  const nodes: SchemaNode[] = [];
  for (let x: Trail | undefined = t; x; x = x.parent) nodes.push(x.node);
  nodes.reverse();
  const display: string[] = [];
  for (const c of nodes) {
    if (!c.nokeyword) display.push(c.name);
    if (c === t.node || c.kind !== 'list') continue;
    const keys: readonly { name: string; nokeyword?: boolean }[] = c.keys.length ? c.keys : [{ name: 'name' }];
    for (const k of keys) display.push(k.nokeyword === false ? `${k.name} <${k.name}>` : `<${k.name}>`);
  }
  return { path: nodes.map((n) => n.name), display: display.join(' '), node: t.node };
}

/** Breadth-first over distinct nodes (a shared subtree is entered once, by its shortest path);
 *  keeps, per name, the first PER_NAME trails; paths are spelled out only when asked for. */
function buildIndex(root: SchemaNode): Map<string, Trail[]> {
  const trails = new Map<string, Trail[]>();
  const seen = new Set<SchemaNode>([root]);
  let level: (Trail | undefined)[] = [undefined];
  while (level.length) {
    const next: Trail[] = [];
    for (const item of level) {
      const node = item ? item.node : root;
      if (node.opaque) continue;
      for (const c of node.children()) {
        if (!item && c.name === 'groups') continue;
        const t: Trail = { parent: item, node: c };
        let list = trails.get(c.name);
        if (!list) trails.set(c.name, (list = []));
        if (list.length < PER_NAME) list.push(t);
        if (!seen.has(c)) {
          seen.add(c);
          if (c.kind === 'container' || c.kind === 'list') next.push(t);
        }
      }
    }
    level = next;
  }
  return trails;
}

/** Where else in the tree a statement called `name` exists: shortest paths first, at most `limit`. */
export function findStatementElsewhere(schema: Schema, name: string, limit = 5): StatementLocation[] {
  let index = elsewhereIndexes.get(schema.root);
  if (!index) {
    index = buildIndex(schema.root);
    elsewhereIndexes.set(schema.root, index);
  }
  return (index.get(name) ?? []).slice(0, limit).map(trailLocation);
}
