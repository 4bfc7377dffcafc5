/**
 * model/groups.ts: expands `groups` + `apply-groups` into the effective configuration.
 * Owns: which groups apply where (apply-groups at any level, inherited downward, `apply-groups-except`),
 *   Junos wildcard matching (`<*>`, `<ge-*>`, `"<*-0/0/*>"`: a glob over the name at that level),
 *   inheritance order (local statements win; an earlier group wins over a later one; groups named at a
 *   deeper level come before inherited ones), dropping inactive statements, provenance of every value.
 * Must not know: syntax trees, LSP, printing.
 * Invariants: never throws; the written tree is not modified. A configuration with nothing to expand or
 *   drop (`plainTree`: no group, no group plumbing, no inactive statement) is its own effective tree (the
 *   written root itself, no copy: readers must not mutate effective nodes, and find a node's written node
 *   with `origin?.node ?? node`); otherwise the effective tree is new nodes, each with `origin` naming the
 *   written node (and group) whose words it carries.
 * Tests: test/src/model/groups.test.ts
 */
import { problem, type ModelProblem } from './problems';
import { appendChild, compactTree, forEachDescendant, getChild, identityOf, newNode, nodePath, shareMentions, type ConfigNode } from './tree';

/** Groups Junos defines itself; naming them is never an error. */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(['junos-defaults']);

/** True when a key word is a Junos wildcard pattern (`<...>`). */
export function isWildcard(text: string): boolean {
  return text.length >= 2 && text.startsWith('<') && text.endsWith('>');
}

const globCache = new Map<string, RegExp>();

/** Matches a name against a wildcard key (`<ge-*>`): `*` any run, `?` one character, `[...]` a class. */
export function wildcardMatches(pattern: string, name: string): boolean {
  if (!isWildcard(pattern)) return pattern === name;
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.slice(1, -1);
    let src = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      if (ch === '*') src += '.*';
      else if (ch === '?') src += '.';
      else if (ch === '[') {
        const close = body.indexOf(']', i + 1);
        if (close < 0) src += '\\[';
        else {
          const cls = body.slice(i + 1, close).replace(/\\/g, '\\\\');
          src += `[${cls.startsWith('!') ? '^' + cls.slice(1) : cls}]`;
          i = close;
        }
      } else src += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
    try {
      re = new RegExp(`^${src}$`);
    } catch {
      re = /^\b$/;
    }
    globCache.set(pattern, re);
  }
  return re.test(name);
}

/** Does a group's node apply to the written node `local` (same keyword, keys equal or matching)? */
function matches(groupNode: ConfigNode, keyword: string, keys: readonly string[]): boolean {
  if (groupNode.keyword !== keyword && !(isWildcard(groupNode.keyword) && wildcardMatches(groupNode.keyword, keyword))) return false;
  if (groupNode.keys.length !== keys.length) return false;
  return groupNode.keys.every((k, i) => wildcardMatches(k.text, keys[i]!));
}

function hasWildcard(node: ConfigNode): boolean {
  return isWildcard(node.keyword) || node.keys.some((k) => isWildcard(k.text));
}

interface GroupCursor {
  readonly group: string;
  readonly nodes: readonly ConfigNode[];
}

const GROUP_CONTROL = new Set(['apply-groups', 'apply-groups-except']);

/** The defined groups, by name (inactive groups are not defined for inheritance). */
export function groupsOf(root: ConfigNode): Map<string, ConfigNode> {
  const out = new Map<string, ConfigNode>();
  for (const c of root.children) {
    if (c.keyword === 'groups' && c.role === 'list-entry' && c.keys[0] && !c.inactive) out.set(c.keys[0].text, c);
  }
  return out;
}

function appliedAt(node: ConfigNode, keyword: 'apply-groups' | 'apply-groups-except'): string[] {
  const leaf = getChild(node, keyword);
  if (!leaf || leaf.inactive) return [];
  return leaf.values.map((v) => v.text);
}

/** Reports apply-groups / apply-groups-except names that no `groups NAME` defines. */
export function undefinedGroupProblems(root: ConfigNode): ModelProblem[] {
  const defined = new Set<string>();
  for (const c of root.children) if (c.keyword === 'groups' && c.keys[0]) defined.add(c.keys[0].text);
  const problems: ModelProblem[] = [];
  forEachDescendant(root, (c, parent) => {
    if (!GROUP_CONTROL.has(c.keyword) || (c.role !== 'leaf-list' && c.role !== 'leaf')) return true;
    for (const v of c.values) {
      if (!defined.has(v.text) && !BUILT_IN_GROUPS.has(v.text)) {
        problems.push(
          problem('undefined-group', v.source, `Group '${v.text}' is not defined; add 'groups ${v.text} { ... }' or remove it from ${c.keyword}.`, nodePath(parent), v.text),
        );
      }
    }
    return false;
  });
  return problems;
}

/** Builds the effective configuration: groups applied, inactive statements and group plumbing removed.
 *  A plain configuration (see `plainTree`) is returned as it is: its effective tree would be a copy of
 *  every node with the same words, flags and order (`copy`: make that copy anyway, for tests). */
export function effectiveTree(root: ConfigNode, options?: { readonly copy?: boolean }): ConfigNode {
  if (!options?.copy && plainTree(root)) return root;
  const groups = groupsOf(root);
  const out = newNode({ keyword: '', schema: root.schema, role: 'root' });
  out.origin = { group: undefined, node: root };
  runExpansion({ kind: 'expand', target: out, local: root, sources: [], inherited: [] }, groups);
  compactTree(out, true);
  return out;
}

/** One pending fill of an effective node: `expand` (groups may apply) or `copy` (active statements as
 *  written). Each fills only its own target's children, so the order they run in does not matter. */
type ExpansionTask =
  | { readonly kind: 'expand'; readonly target: ConfigNode; readonly local: ConfigNode | undefined; readonly sources: readonly GroupCursor[]; readonly inherited: readonly string[] }
  | { readonly kind: 'copy'; readonly target: ConfigNode; readonly local: ConfigNode };

/** Runs the fills with an explicit stack: free-form words nest one node per word, as deep as a file is
 *  long, deeper than recursion goes. */
function runExpansion(first: ExpansionTask, groups: ReadonlyMap<string, ConfigNode>): void {
  const work: ExpansionTask[] = [first];
  while (work.length > 0) {
    const t = work.pop()!;
    if (t.kind === 'expand') expand(t.target, t.local, t.sources, t.inherited, groups, work);
    else copyActive(t.target, t.local, work);
  }
}

/**
 * Fills `target` with the children of `local` merged with the matching nodes of each applicable group.
 * `cursors`: for each group applying here (in priority order), the group nodes at this path.
 */
function expand(
  target: ConfigNode,
  local: ConfigNode | undefined,
  groupSources: readonly GroupCursor[],
  inherited: readonly string[],
  groups: ReadonlyMap<string, ConfigNode>,
  work: ExpansionTask[],
): void {
  if (groupSources.length === 0 && local && !getChild(local, 'apply-groups')) {
    // fast path: a group with no match at the parent cannot match here or below, so only groups named
    // further down can apply (copyActive hands those back to expand)
    copyActive(target, local, work);
    return;
  }
  // groups named here come first, then those inherited from above; a group that itself says
  // apply-groups (nested groups) brings those right after it; apply-groups-except removes
  const own = local ? appliedAt(local, 'apply-groups') : [];
  const except = new Set(local ? appliedAt(local, 'apply-groups-except') : []);
  const queue = [...own, ...inherited];
  const findHere = new Set(own);
  const active: string[] = [];
  const cursors: GroupCursor[] = [];
  let path: { keyword: string; keys: string[] }[] | undefined;
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    if (except.has(name) || active.includes(name)) continue;
    active.push(name);
    let cursor = groupSources.find((s) => s.group === name);
    // a group inherited from above with no match there cannot match here or deeper
    if (!cursor && findHere.has(name)) {
      const groupRoot = groups.get(name);
      if (groupRoot) {
        path ??= localPath(target);
        const nodes = descend([groupRoot], path);
        if (nodes.length > 0) cursor = { group: name, nodes };
      }
    }
    if (!cursor) continue;
    cursors.push(cursor);
    const nested: string[] = [];
    for (const n of cursor.nodes) nested.push(...appliedAt(n, 'apply-groups'));
    for (const n of nested) findHere.add(n);
    queue.splice(i + 1, 0, ...nested);
  }

  const isRoot = target.role === 'root';
  if (cursors.length === 0) {
    // no group applies here: the active local statements, as written
    for (const c of local ? local.children : []) {
      if (c.inactive || GROUP_CONTROL.has(c.keyword) || (isRoot && c.keyword === 'groups')) continue;
      const node = effectiveCopy(c, c, undefined, c.keys, false);
      appendChild(target, node);
      if (node.role !== 'leaf' && node.role !== 'leaf-list') work.push({ kind: 'expand', target: node, local: c, sources: [], inherited: active });
    }
    return;
  }
  const seen = new Map<string, ConfigNode>();
  const localChildren = local ? local.children.filter((c) => !c.inactive) : [];
  const order: { identity: string; local: ConfigNode | undefined; keyword: string; keys: string[] }[] = [];
  for (const c of localChildren) {
    if (GROUP_CONTROL.has(c.keyword) || (isRoot && c.keyword === 'groups')) continue;
    order.push({ identity: identityOf(c), local: c, keyword: c.keyword, keys: c.keys.map((k) => k.text) });
  }
  const known = new Set(order.map((o) => o.identity));
  for (const cur of cursors) {
    for (const gNode of cur.nodes) {
      for (const g of gNode.children) {
        if (g.inactive || GROUP_CONTROL.has(g.keyword) || hasWildcard(g)) continue;
        const id = identityOf(g);
        if (known.has(id)) continue;
        known.add(id);
        order.push({ identity: id, local: undefined, keyword: g.keyword, keys: g.keys.map((k) => k.text) });
      }
    }
  }

  for (const entry of order) {
    const childSources: GroupCursor[] = [];
    for (const cur of cursors) {
      const nodes: ConfigNode[] = [];
      for (const gNode of cur.nodes) {
        for (const g of gNode.children) if (!g.inactive && matches(g, entry.keyword, entry.keys)) nodes.push(g);
      }
      if (nodes.length > 0) childSources.push({ group: cur.group, nodes });
    }
    const base = entry.local ?? childSources[0]?.nodes[0];
    if (!base) continue;
    const baseGroup = entry.local ? undefined : childSources[0]!.group;
    const terminal = childSources.some((s) => s.nodes.some((n) => n.terminal));
    const node = effectiveCopy(base, entry.local, baseGroup, entry.local ? entry.local.keys : keysFor(base, entry.keys), terminal);
    if (seen.has(entry.identity)) continue;
    seen.set(entry.identity, node);
    appendChild(target, node);
    if (node.role !== 'leaf' && node.role !== 'leaf-list') work.push({ kind: 'expand', target: node, local: entry.local, sources: childSources, inherited: active });
  }
}

/** True when the written tree names no group anywhere: no `groups` entry and no `apply-groups` /
 *  `apply-groups-except` statement. Its effective tree is then the active statements as written, and
 *  one subtree of it can be replaced alone (model/incremental.ts). */
export function groupFree(root: ConfigNode): boolean {
  const stack: ConfigNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of n.children) {
      if (GROUP_CONTROL.has(c.keyword) || (n.role === 'root' && c.keyword === 'groups')) return false;
      if (c.children.length > 0) stack.push(c);
    }
  }
  return true;
}

/** True when the written tree has nothing an effective view would expand or drop: `groupFree` and no
 *  inactive statement anywhere. Its effective tree is then the written tree itself (`effectiveTree`). */
export function plainTree(root: ConfigNode): boolean {
  return groupFree(root) && !hasInactive(root);
}

/** True when `node` or a node below it is inactive. */
export function hasInactive(node: ConfigNode): boolean {
  const stack: ConfigNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.inactive) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/** True when a written subtree holds group plumbing (`apply-groups`, `apply-groups-except`), or is a
 *  top-level `groups` entry. */
export function touchesGroups(node: ConfigNode): boolean {
  if (node.keyword === 'groups' && node.parent?.role === 'root') return true;
  const stack: ConfigNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (GROUP_CONTROL.has(n.keyword)) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/** Whether a written child shows in the effective tree of a group-free configuration. */
export function effectiveVisible(child: ConfigNode): boolean {
  return !child.inactive && !GROUP_CONTROL.has(child.keyword) && !(child.parent?.role === 'root' && child.keyword === 'groups');
}

/** The effective node of one written node of a group-free configuration (see `groupFree`), with its
 *  active subtree; exactly what `effectiveTree` makes for it. Undefined when it does not show. */
export function effectiveSubtree(written: ConfigNode): ConfigNode | undefined {
  if (!effectiveVisible(written)) return undefined;
  const node = effectiveCopy(written, written, undefined, written.keys, false);
  if (node.role !== 'leaf' && node.role !== 'leaf-list') runExpansion({ kind: 'copy', target: node, local: written }, new Map());
  compactTree(node, true);
  return node;
}

/** Copies the active statements below `local` as written (no group applies here). */
function copyActive(target: ConfigNode, local: ConfigNode, work: ExpansionTask[]): void {
  const isRoot = target.role === 'root';
  for (const c of local.children) {
    if (c.inactive || GROUP_CONTROL.has(c.keyword) || (isRoot && c.keyword === 'groups')) continue;
    const node = effectiveCopy(c, c, undefined, c.keys, false);
    appendChild(target, node);
    if (node.role === 'leaf' || node.role === 'leaf-list') continue;
    if (getChild(c, 'apply-groups')) work.push({ kind: 'expand', target: node, local: c, sources: [], inherited: [] });
    else work.push({ kind: 'copy', target: node, local: c });
  }
}

/** The effective node for `base` (the written node supplying words and values). */
function effectiveCopy(
  base: ConfigNode,
  local: ConfigNode | undefined,
  group: string | undefined,
  keys: ConfigNode['keys'],
  inheritedTerminal: boolean,
): ConfigNode {
  const node = newNode({
    keyword: base.keyword,
    keywordWord: base.keywordWord,
    schema: base.schema,
    role: base.role,
    keys,
    values: base.values,
    keywordHidden: base.keywordHidden,
  });
  shareMentions(node, base);
  node.terminal = base.terminal || inheritedTerminal;
  if (base.opensBlock !== undefined) node.opensBlock = base.opensBlock;
  node.annotation = base.annotation;
  node.comments = base.comments;
  node.protect = base.protect;
  node.origin = { group: local ? undefined : group, node: base };
  return node;
}

/** A group node supplies an entry under its own (non-wildcard) keys. */
function keysFor(base: ConfigNode, keys: readonly string[]): ConfigNode['keys'] {
  return base.keys.map((k, i) => (k.text === keys[i] ? k : { text: keys[i] ?? k.text, kind: k.kind, source: k.source }));
}

/** The (keyword, keys) steps from the root to a written node. */
function localPath(node: ConfigNode): { keyword: string; keys: string[] }[] {
  const out: { keyword: string; keys: string[] }[] = [];
  for (let n: ConfigNode | undefined = node; n && n.role !== 'root'; n = n.parent) {
    out.push({ keyword: n.keyword, keys: n.keys.map((k) => k.text) });
  }
  return out.reverse();
}

function descend(start: readonly ConfigNode[], path: readonly { keyword: string; keys: string[] }[]): ConfigNode[] {
  let level: ConfigNode[] = [...start];
  for (const step of path) {
    const next: ConfigNode[] = [];
    for (const n of level) for (const c of n.children) if (!c.inactive && matches(c, step.keyword, step.keys)) next.push(c);
    level = next;
    if (level.length === 0) break;
  }
  return level;
}
