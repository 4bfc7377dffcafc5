/**
 * analysis/paths.ts: resolves the schema's reference targets and `junos:must` paths against a
 *   configuration tree (the effective one, in practice).
 * Owns: the Junos level arithmetic of `..` (a container or leaf is one level, a list entry two: the entry,
 *   then the list keyword), descending statement names and list keys, inserting the statement's own value
 *   (`$$`) at `valueIndex`, and `$$-IFL`/`$$-IFD` interface values.
 * Must not know: LSP types, line/column positions, diagnostics.
 * Invariants: pure reads; a path it cannot follow for structural reasons (a list named without a key in
 *   the middle) is `unresolvable`, never "absent", so callers do not report what they cannot know.
 *   `lookupSteps` lists the child lookups a resolution may make (incremental analysis bounds what an edit
 *   can reach with it).
 * Tests: test/src/analysis/references.test.ts, test/src/analysis/conflicts.test.ts, test/src/analysis/incremental.test.ts
 */
import { getChild, type ConfigNode } from '../model/tree';
import type { MustPath, ReferenceTarget } from '../schema/types';

export type Resolved =
  | { readonly kind: 'found'; readonly node: ConfigNode; readonly nodes: readonly ConfigNode[] }
  | { readonly kind: 'absent'; readonly holder: ConfigNode | undefined }
  | { readonly kind: 'unresolvable' };

interface Position {
  readonly node: ConfigNode;
  /** at the list keyword level of a list entry (its siblings with the same keyword are reachable) */
  readonly atKeyword: boolean;
}

function rootOf(node: ConfigNode): ConfigNode {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}

/** Climbs `up` Junos levels from the statement carrying the path. */
function climb(start: ConfigNode, up: number): Position | undefined {
  let pos: Position = { node: start, atKeyword: start.role === 'list-entry' };
  for (let i = 0; i < up; i++) {
    if (pos.node.role === 'list-entry' && !pos.atKeyword) {
      pos = { node: pos.node, atKeyword: true };
      continue;
    }
    const parent = pos.node.parent;
    if (!parent) return undefined;
    pos = { node: parent, atKeyword: false };
  }
  return pos;
}

/** Children of `node` that a statement name selects (containers/leaves, or every entry of a list). */
function childrenNamed(node: ConfigNode, name: string): ConfigNode[] {
  const plain = getChild(node, name);
  if (plain) return [plain];
  const out: ConfigNode[] = [];
  for (const c of node.children) if (c.keyword === name && c.role === 'list-entry') out.push(c);
  return out;
}

function isListName(node: ConfigNode, name: string): boolean {
  const s = node.schema?.child(name);
  return s?.kind === 'list';
}

/** Follows statement names (and list keys where the schema says a list) from a position. */
function descend(from: Position, words: readonly string[]): Resolved {
  let node = from.node;
  let i = 0;
  if (from.atKeyword) {
    const first = words[0];
    if (first === undefined) return { kind: 'found', node, nodes: [node] };
    const sibling = node.parent ? getChild(node.parent, node.keyword, [first]) : undefined;
    if (!sibling) return { kind: 'absent', holder: node.parent };
    node = sibling;
    i = 1;
  }
  while (i < words.length) {
    const w = words[i]!;
    const last = i === words.length - 1;
    if (isListName(node, w)) {
      if (last) {
        const entries = childrenNamed(node, w);
        return entries.length > 0 ? { kind: 'found', node: entries[0]!, nodes: entries } : { kind: 'absent', holder: node };
      }
      const entry = getChild(node, w, [words[i + 1]!]);
      if (!entry) return { kind: 'absent', holder: node };
      node = entry;
      i += 2;
      continue;
    }
    if (node.schema && !node.schema.child(w) && !node.schema.opaque) return { kind: 'unresolvable' };
    const next = getChild(node, w);
    if (!next) return { kind: 'absent', holder: node };
    node = next;
    i++;
  }
  return { kind: 'found', node, nodes: [node] };
}

/** The words of a must path with the statement's value inserted. */
function wordsOf(path: MustPath, value: string | undefined): string[] | undefined {
  if (path.valueIndex === undefined) return [...path.path];
  if (value === undefined) return undefined;
  const words = [...path.path];
  words.splice(path.valueIndex, 0, value);
  return words;
}

/** Resolves a `junos:must` path (constraint) from the statement carrying it. */
export function resolveMust(carrier: ConfigNode, path: MustPath, value?: string): Resolved {
  if (path.valueForm) {
    if (value === undefined) return { kind: 'unresolvable' };
    const unit = resolveInterface(carrier, value, path.valueForm);
    // `interfaces $$-IFL encapsulation ...`: what follows the interface is looked for inside it
    const rest = path.path.slice(path.valueIndex ?? 1);
    if (unit.kind !== 'found' || rest.length === 0) return unit;
    if (path.path[0] !== 'interfaces' || path.relative) return { kind: 'unresolvable' };
    return descend({ node: unit.node, atKeyword: false }, rest);
  }
  const words = wordsOf(path, value);
  if (!words) return { kind: 'unresolvable' };
  const start = path.relative ? climb(carrier, path.up) : { node: rootOf(carrier), atKeyword: false };
  if (!start) return { kind: 'unresolvable' };
  return descend(start, words);
}

/** Where the definitions a reference names live: the node holding the list, and the list's name. */
export function referenceHolder(carrier: ConfigNode, target: ReferenceTarget): { holder: ConfigNode | undefined; list: string; path: string[] } | undefined {
  if (target.path.length === 0) return undefined;
  const start = target.relative ? climb(carrier, target.up) : { node: rootOf(carrier), atKeyword: false };
  if (!start || start.atKeyword) return undefined;
  const list = target.path[target.path.length - 1]!;
  const above = target.path.slice(0, -1);
  const r = descend(start, above);
  if (r.kind === 'unresolvable') return undefined;
  const holder = r.kind === 'found' ? r.node : undefined;
  const holderPath: string[] = [];
  for (let n = start.node; n.role !== 'root' && n.parent; n = n.parent) holderPath.unshift(n.keyword);
  return { holder, list, path: [...holderPath, ...above, list] };
}

/** `ge-0/0/0.1` -> interfaces ge-0/0/0 unit 1 ('ifl', no unit = unit 0) or ge-0/0/0 ('ifd'). */
export function resolveInterface(anyNode: ConfigNode, value: string, form: 'ifl' | 'ifd'): Resolved {
  const root = rootOf(anyNode);
  const interfaces = getChild(root, 'interfaces');
  const dot = value.lastIndexOf('.');
  const device = dot > 0 ? value.slice(0, dot) : value;
  const unit = dot > 0 ? value.slice(dot + 1) : '0';
  if (!interfaces) return { kind: 'absent', holder: undefined };
  if (interfaces.children.some((c) => c.keyword === 'interface-range')) return { kind: 'unresolvable' };
  const ifd = getChild(interfaces, 'interface', [device]);
  if (!ifd) return { kind: 'absent', holder: interfaces };
  if (form === 'ifd') return { kind: 'found', node: ifd, nodes: [ifd] };
  const ifl = getChild(ifd, 'unit', [unit]);
  return ifl ? { kind: 'found', node: ifl, nodes: [ifl] } : { kind: 'absent', holder: ifd };
}

/**
 * The child lookups resolving `path` from `carrier` may make, as steps: `parent>name` (any child named
 * `name` of a node named `parent`; '' is the root) or `parent>name#key` (only the entry with that key):
 * a superset, so that a change replacing a child that matches none of them cannot change what the
 * resolution finds (incremental analysis). It follows `descend`: a list name not last takes the next
 * word as its key.
 */
export function lookupSteps(carrier: ConfigNode, path: MustPath, value: string | undefined, into: Set<string>): void {
  if (path.valueForm) {
    if (value === undefined) return;
    const dot = value.lastIndexOf('.');
    into.add('>interfaces');
    into.add('interfaces>interface-range');
    into.add(`interfaces>interface#${dot > 0 ? value.slice(0, dot) : value}`);
    if (path.valueForm === 'ifl') into.add(`interface>unit#${dot > 0 ? value.slice(dot + 1) : '0'}`);
    // what follows the interface is looked for inside its unit
    for (const w of path.path) into.add(`*>${w}`);
    return;
  }
  const words = wordsOf(path, value);
  if (!words) return;
  const start = path.relative ? climb(carrier, path.up) : { node: rootOf(carrier), atKeyword: false };
  if (!start) return;
  let parent = start.node.role === 'root' ? '' : start.node.keyword;
  let schema = start.node.schema;
  let i = 0;
  if (start.atKeyword) {
    const first = words[0];
    if (first === undefined) return;
    into.add(`${start.node.parent?.role === 'root' ? '' : start.node.parent?.keyword ?? ''}>${start.node.keyword}#${first}`);
    i = 1;
  }
  while (i < words.length) {
    const w = words[i]!;
    const child = schema?.child(w);
    if (child?.kind === 'list' && i < words.length - 1) {
      into.add(`${parent}>${w}#${words[i + 1]}`);
      i += 2;
    } else {
      into.add(`${parent}>${w}`);
      i++;
    }
    parent = w;
    schema = child;
  }
}

/** The steps that reach a child (`parent>keyword`, and `parent>keyword#key` when it has a key), for
 *  matching against `lookupSteps`. */
export function stepsTo(parent: ConfigNode | undefined, child: ConfigNode): string[] {
  const from = !parent || parent.role === 'root' ? '' : parent.keyword;
  const key = child.keys[0]?.text;
  return key === undefined ? [`${from}>${child.keyword}`] : [`${from}>${child.keyword}`, `${from}>${child.keyword}#${key}`];
}
