/**
 * analysis/change.ts: what one incremental model update changed, seen from the analysis rules (the
 *   written and effective nodes removed, added and on the way to them, and the keywords through which
 *   a rule reading elsewhere in the tree could reach them), and moving kept diagnostics by the edit.
 * Owns: the change scope (from model/incremental.ts `ModelChange`), the offset rule for kept findings
 *   (offsets at or after the edit's old end move by its growth), the pre-order comparison of two nodes
 *   of one tree (to insert new findings where a full walk would have put them).
 * Must not know: LSP types, line/column positions, rule logic.
 * Invariants: pure reads of the model; never throws.
 * Tests: test/src/analysis/incremental.test.ts (random edits against a fresh analysis)
 */
import type { ConfigNode, ModelChange, ModelEdit } from '../model/index';
import type { Diagnostic } from './diagnostic';

export interface ChangeScope {
  readonly edit: ModelEdit;
  readonly delta: number;
  /** written subtrees taken out (pre-order, one after the other; detached: their words keep the old offsets) */
  readonly removed: readonly ConfigNode[];
  /** written subtrees put in their place (pre-order, one after the other; siblings next to each other) */
  readonly added: readonly ConfigNode[];
  /** the tops of the removed and of the added subtrees (children of the path's last node) */
  readonly removedTops: readonly ConfigNode[];
  readonly addedTops: readonly ConfigNode[];
  readonly addedSet: ReadonlySet<ConfigNode>;
  /** written nodes from the top-level statement down to the parent of `added` (root excluded), then the
   *  nodes (with their ancestors) whose mentions changed off that way (model `ModelChange.mentioned`) */
  readonly path: readonly ConfigNode[];
  /** the parent of the removed and added subtrees (undefined: the root) */
  readonly parent: ConfigNode | undefined;
  /** `path` holds more than the way to `parent` */
  readonly offPath: boolean;
  readonly pathSet: ReadonlySet<ConfigNode>;
  /** `added` lies inside `groups` (checked for values only) */
  readonly addedInGroups: boolean;
  /** effective counterparts (empty when the change is inside an inactive statement); `effectivePath` is
   *  the way to the effective parent, then the counterparts of the nodes mentioned off it (ancestors too) */
  readonly effectiveRemoved: readonly ConfigNode[];
  readonly effectiveAdded: readonly ConfigNode[];
  readonly effectiveAddedSet: ReadonlySet<ConfigNode>;
  readonly effectivePath: readonly ConfigNode[];
  /** keywords naming the replaced subtrees' tops (before and after): rules that look children up by
   *  keyword can only reach the change through one of these */
  readonly keywords: ReadonlySet<string>;
  /** some line changed whether it is "tainted" (holds a reported unknown statement); it holds only
   *  words of the added subtree and mentions of nodes on the path (analysis/incremental.ts checks it) */
  readonly taintChanged?: boolean;
  /** an unknown statement is in the removed or the added subtree */
  readonly unknownTouched: boolean;
}

/** Nodes of a subtree in pre-order (the node first). */
export function subtree(node: ConfigNode | undefined): ConfigNode[] {
  const out: ConfigNode[] = [];
  if (!node) return out;
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Nodes of subtrees in pre-order, one subtree after the other. */
export function subtrees(nodes: readonly ConfigNode[]): ConfigNode[] {
  if (nodes.length === 1) return subtree(nodes[0]);
  const out: ConfigNode[] = [];
  for (const n of nodes) for (const x of subtree(n)) out.push(x);
  return out;
}

export function changeScope(change: ModelChange): ChangeScope | undefined {
  if (!change.effectiveKept) return undefined;
  const removed = subtrees(change.removed);
  const added = subtrees(change.added);
  const path = withChains(change.path.filter((n) => n.role !== 'root'), change.mentioned);
  const effectiveChain: ConfigNode[] = [];
  for (let n = change.effectiveParent; n && n.role !== 'root'; n = n.parent) effectiveChain.unshift(n);
  const effectivePath = withChains(effectiveChain, change.effectiveMentioned);
  const effectiveAdded = subtrees(change.effectiveAdded);
  const keywords = new Set<string>([...change.removed, ...change.added].map((n) => n.keyword));
  return {
    edit: change.edit,
    delta: change.edit.newEnd - change.edit.oldEnd,
    removed,
    added,
    addedSet: new Set(added),
    path,
    pathSet: new Set(path),
    addedInGroups: change.path[1]?.keyword === 'groups',
    parent: change.path[change.path.length - 1]?.role === 'root' ? undefined : change.path[change.path.length - 1],
    offPath: change.mentioned.length > 0,
    removedTops: change.removed,
    addedTops: change.added,
    effectiveRemoved: subtrees(change.effectiveRemoved),
    effectiveAdded,
    effectiveAddedSet: new Set(effectiveAdded),
    effectivePath,
    keywords,
    unknownTouched: removed.some((n) => n.role === 'unknown') || added.some((n) => n.role === 'unknown'),
  };
}

/** `way` (a chain from the top), then each of `more` with its ancestors not yet listed (root excluded). */
function withChains(way: ConfigNode[], more: readonly ConfigNode[]): ConfigNode[] {
  if (more.length === 0) return way;
  const seen = new Set(way);
  const out = [...way];
  for (const m of more) {
    const chain: ConfigNode[] = [];
    for (let n: ConfigNode | undefined = m; n && n.role !== 'root' && !seen.has(n); n = n.parent) chain.unshift(n);
    for (const n of chain) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}

export function moveOffset(offset: number, edit: ModelEdit): number {
  return offset >= edit.oldEnd ? offset + edit.newEnd - edit.oldEnd : offset;
}

/** A kept diagnostic of the text before `edit`, at its place in the text after it (same object when nothing moves). */
export function moveDiagnostic(d: Diagnostic, docId: string, edit: ModelEdit): Diagnostic {
  const from = edit.oldEnd;
  const delta = edit.newEnd - from;
  if (delta === 0) return d;
  const here = d.docId === docId;
  let related = d.related;
  for (let i = 0; i < related.length; i++) {
    const r = related[i]!;
    if (r.docId !== docId || (r.start < from && r.end < from)) continue;
    related = d.related.map((x) => (x.docId === docId ? { ...x, start: moveOffset(x.start, edit), end: moveOffset(x.end, edit) } : x));
    break;
  }
  let data = d.data;
  if (data?.kind === 'remove' && data.spans.some((x) => x.docId === docId && x.end >= from)) {
    data = { kind: 'remove', spans: data.spans.map((x) => (x.docId === docId ? { ...x, start: moveOffset(x.start, edit), end: moveOffset(x.end, edit) } : x)) };
  }
  const startMoves = here && d.start >= from;
  const endMoves = here && d.end >= from;
  if (!startMoves && !endMoves && related === d.related && data === d.data) return d;
  const out = { ...d } as { -readonly [K in keyof Diagnostic]: Diagnostic[K] };
  if (startMoves) out.start = d.start + delta;
  if (endMoves) out.end = d.end + delta;
  out.related = related;
  if (data) out.data = data;
  return out;
}

/** Moves every kept diagnostic of a per-owner map, in place. */
export function moveAll<K>(map: Map<K, Diagnostic[]>, docId: string, edit: ModelEdit): void {
  if (edit.newEnd === edit.oldEnd) return;
  for (const list of map.values()) for (let i = 0; i < list.length; i++) list[i] = moveDiagnostic(list[i]!, docId, edit);
}

/** The values of a per-owner map, flattened. */
export function flatten<K>(map: ReadonlyMap<K, readonly Diagnostic[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const list of map.values()) for (const d of list) out.push(d);
  return out;
}

function chain(node: ConfigNode): ConfigNode[] {
  const out: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = node; n; n = n.parent) out.push(n);
  return out.reverse();
}

/** Negative when `a` comes before `b` in a pre-order walk of their (common) tree, 0 when the same node. */
export function comparePreOrder(a: ConfigNode, b: ConfigNode): number {
  if (a === b) return 0;
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === ca.length) return -1; // a is an ancestor of b
  if (i === cb.length) return 1;
  const parent = ca[i - 1];
  if (!parent) return 0;
  return parent.children.indexOf(ca[i]!) - parent.children.indexOf(cb[i]!);
}
