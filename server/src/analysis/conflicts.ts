/**
 * analysis/conflicts.ts: statements that contradict or duplicate each other, and the schema's
 *   `junos:must` constraints (mutual exclusions, required companions).
 * Owns: list entries written twice in the hierarchical form (R2's printed-twice service set), a leaf given
 *   two different values (diagnostic at the later value, related to the earlier one), a leaf repeated with
 *   the same value (warning with a `remove` fix, folded into a duplicated parent entry), `excludes`,
 *   `requires` and `requires-any` constraints resolved against the effective configuration.
 * Must not know: LSP types, line/column positions, other rule families.
 * Invariants: a constraint path that cannot be resolved is not reported; a constraint on something whose
 *   statement already has a reported unknown word is not reported (the cause is); secrets are never
 *   quoted; never throws.
 *   Each statement reports the constraint findings it sees (a pair excluding each other is reported by
 *   both, `finish` keeps one), so findings can be kept per statement (`ConflictMemo`) and checked again
 *   only where a change can reach them (lookup steps, paths.ts `lookupSteps`).
 * Tests: test/src/analysis/conflicts.test.ts, test/src/analysis/incremental.test.ts
 */
import { sameValues, type ConfigNode, type Word } from '../model/index';
import { isNineSecret } from '../model/secrets';
import type { Constraint, MustPath } from '../schema/types';
import { defaultSeverity } from './codes';
import { hasUnknownBelow, pathText, writtenOf, type AnalysisContext } from './context';
import type { Diagnostic, SourceSpan } from './diagnostic';
import { flatten, moveAll, type ChangeScope } from './change';
import { lookupSteps, resolveMust, stepsTo } from './paths';

function span(w: Word): SourceSpan {
  return { docId: w.source.docId, start: w.source.start, end: w.source.end };
}

/** The text right after a word, whitespace skipped: does a `{` block follow? */
function opensBlock(text: string, w: Word): boolean {
  let i = w.source.end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text[i] === '{';
}

const SECRET_KEYWORDS: ReadonlySet<string> = new Set(['ascii-text', 'hexadecimal', 'secret', 'authentication-key', 'encrypted-password', 'simple-password', 'pre-shared-key']);

function isSecretLeaf(node: ConfigNode): boolean {
  const t = node.schema?.type;
  if (SECRET_KEYWORDS.has(node.keyword) || (t?.kind === 'named' && t.name === 'unreadable')) return true;
  return [node.values, ...node.overridden].some((vs) => vs.some((v) => v.kind === 'secret' || isNineSecret(v.text)));
}

/** The keyword mention written just before `value` (the statement the value belongs to). */
function keywordBefore(node: ConfigNode, value: Word): Word | undefined {
  let best: Word | undefined;
  for (const m of node.mentions) {
    if (m.source.docId === value.source.docId && m.source.start < value.source.start && (!best || m.source.start > best.source.start)) best = m;
  }
  return best;
}

/** A list entry whose block is opened twice (hierarchical form): true and its findings in `out`. */
function duplicateOf(ctx: AnalysisContext, node: ConfigNode, out: Diagnostic[]): boolean {
  if (node.role !== 'list-entry' || node.keys.length === 0) return false;
  if (node.mentions.length < 2) return false;
  const lastKey = node.keys[node.keys.length - 1]!.text;
  const openers = node.mentions.filter((m) => m.source.docId === ctx.docId && m.text === lastKey && m.kind !== 'synthetic' && opensBlock(ctx.text, m));
  if (openers.length < 2) return false;
  const first = openers[0]!;
  for (const again of openers.slice(1)) {
    const keyword = node.keywordHidden ? undefined : keywordBefore(node, again);
    const start = keyword && again.source.start - keyword.source.end < 80 ? keyword.source.start : again.source.start;
    const firstKeyword = node.keywordHidden ? undefined : keywordBefore(node, first);
    const firstStart = firstKeyword && first.source.start - firstKeyword.source.end < 80 ? firstKeyword.source.start : first.source.start;
    out.push({
      docId: again.source.docId,
      start,
      end: again.source.end,
      code: 'duplicate-definition',
      severity: defaultSeverity('duplicate-definition'),
      message: `'${pathText(node)}' is written a second time; Junos merges both blocks into one, so a value given in both keeps only the later one. Keep one block.`,
      related: [{ docId: first.source.docId, start: firstStart, end: first.source.end, message: 'first written here' }],
    });
  }
  return true;
}

/** The name a user writes for a node (a nokeyword leaf is named by the statement holding it). */
function shownName(node: ConfigNode): string {
  return node.keywordHidden && node.parent ? node.parent.keyword : node.keyword;
}

/** True when the word sits on a `set` command line: a later `set` replacing a value is an ordinary edit. */
function onSetLine(text: string, w: Word): boolean {
  const start = text.lastIndexOf('\n', w.source.start - 1) + 1;
  return /^\s*set\s/.test(text.slice(start, w.source.start));
}

function leafRepeats(ctx: AnalysisContext, node: ConfigNode, duplicated: ReadonlySet<ConfigNode>, out: Diagnostic[]): void {
  if (node.role !== 'leaf' || node.overridden.length === 0) return;
  let insideDuplicate = false;
  for (let p = node.parent; p; p = p.parent) if (duplicated.has(p)) insideDuplicate = true;
  const series = [...node.overridden, node.values];
  const secret = isSecretLeaf(node);
  for (let i = 1; i < series.length; i++) {
    const before = series[i - 1]!;
    const now = series[i]!;
    const at = now[0];
    const was = before[0];
    if (!at || !was) continue;
    if (at.source.docId === ctx.docId && onSetLine(ctx.text, at)) continue;
    if (sameValues(before, now)) {
      if (insideDuplicate) continue;
      const keyword = keywordBefore(node, at);
      const from = keyword ?? at;
      out.push({
        docId: at.source.docId,
        start: from.source.start,
        end: at.source.end,
        code: 'duplicate-statement',
        severity: defaultSeverity('duplicate-statement'),
        message: `'${shownName(node)}' is given the same value again; remove the repeated statement.`,
        related: [{ ...span(was), message: 'first given here' }],
        data: { kind: 'remove', spans: [{ docId: at.source.docId, start: from.source.start, end: at.source.end }] },
      });
      continue;
    }
    const shownNow = secret ? 'a different key' : `'${now.map((w) => w.text).join(' ')}'`;
    const shownWas = secret ? 'another key' : `'${before.map((w) => w.text).join(' ')}'`;
    out.push({
      docId: at.source.docId,
      start: at.source.start,
      end: now[now.length - 1]!.source.end,
      code: 'conflicting-value',
      severity: defaultSeverity('conflicting-value'),
      message: `'${pathText(node)}' is set to ${shownNow} here after ${shownWas} earlier; '${shownName(node)}' holds one value, so the later one silently wins. Keep the value you mean and remove the other.`,
      related: [{ ...span(was), message: `the earlier value of '${shownName(node)}'` }],
    });
  }
}

function carriedValue(node: ConfigNode): string | undefined {
  return node.role === 'list-entry' ? node.keys[0]?.text : node.values[0]?.text;
}

function anchor(node: ConfigNode): Word | undefined {
  const w = writtenOf(node);
  return w.keywordWord ?? w.values[0] ?? w.keys[0] ?? w.mentions[0];
}

function display(path: MustPath, value: string | undefined): string {
  const words = [...path.path];
  if (path.valueIndex !== undefined && value !== undefined) words.splice(path.valueIndex, 0, value);
  return words.join(' ');
}

/** One effective node's constraint findings (each node reports what it finds; `finish` drops the repeat
 *  when two statements exclude each other). */
function constraintsOf(ctx: AnalysisContext, node: ConfigNode, out: Diagnostic[]): void {
  const constraints = node.schema?.constraints;
  if (!constraints || constraints.length === 0) return;
  if (node.role !== 'leaf' && node.role !== 'leaf-list' && node.role !== 'list-entry' && node.role !== 'container') return;
  const at = anchor(node);
  if (!at || ctx.isTainted(at.source.docId, at.source.start)) return;
  // statements inherited from groups are templates: Junos's checks of inherited combinations are not ours to guess
  if (node.origin?.group !== undefined) return;
  const value = carriedValue(node);
  const seen = new Set<string>();
  for (const c of constraints) report(node, at, value, c, seen, out);
}

/** The lookups a node's constraints make (`paths.ts` lookupSteps), and the keywords of entries
 *  `requires` through a value checks for unknown statements. */
function constraintWords(node: ConfigNode, entryLists: Set<string>): string[] {
  const into = new Set<string>();
  const constraints = node.schema?.constraints;
  if (!constraints || constraints.length === 0) return [];
  const value = carriedValue(node);
  const add = (p: MustPath): void => {
    lookupSteps(node, p, value, into);
    if (p.valueIndex === undefined) return;
    if (p.valueForm) for (const w of ['interface', 'unit']) entryLists.add(w);
    else if (p.valueIndex > 0) entryLists.add(p.path[p.valueIndex - 1]!);
  };
  for (const c of constraints) {
    if (c.kind === 'requires-any') c.alternatives.forEach(add);
    else add(c);
  }
  return [...into];
}

function report(node: ConfigNode, at: Word, value: string | undefined, c: Constraint, seen: Set<string>, out: Diagnostic[]): void {
  const key = `${at.source.docId}\u0000${at.source.start}\u0000${c.kind}`;
  switch (c.kind) {
    case 'excludes': {
      const r = resolveMust(node, c, value);
      if (r.kind !== 'found' || r.node === node || r.node.origin?.group !== undefined) return;
      const other = anchor(r.node);
      if (!other) return;
      const pair = [at.source.start, other.source.start].sort((a, b) => a - b).join('-') + at.source.docId;
      if (seen.has(pair)) return;
      seen.add(pair);
      const [later, earlier, laterNode, earlierNode] =
        other.source.start > at.source.start ? [other, at, r.node, node] : [at, other, node, r.node];
      out.push({
        docId: later.source.docId,
        start: later.source.start,
        end: later.source.end,
        code: 'mutually-exclusive',
        severity: defaultSeverity('mutually-exclusive'),
        message: `'${laterNode.keyword}' cannot be configured together with '${earlierNode.keyword}' (${pathText(earlierNode.parent)}); remove one of them.`,
        related: [{ ...span(earlier), message: `'${earlierNode.keyword}' is configured here` }],
      });
      return;
    }
    case 'requires': {
      const r = resolveMust(node, c, value);
      if (r.kind !== 'absent' || seen.has(key)) return;
      if (c.valueIndex !== undefined && !entryExists(node, c, value)) return;
      seen.add(key);
      out.push({
        docId: at.source.docId,
        start: at.source.start,
        end: at.source.end,
        code: 'missing-companion',
        severity: defaultSeverity('missing-companion'),
        message: `'${node.keyword}' needs '${display(c, value)}' to be configured too; add it.`,
        related: [],
      });
      return;
    }
    case 'requires-any': {
      if (c.alternatives.length === 0 || seen.has(key)) return;
      let unknown = false;
      for (const alt of c.alternatives) {
        const r = resolveMust(node, alt, value);
        if (r.kind === 'found') return;
        if (r.kind === 'unresolvable') unknown = true;
        if (alt.valueIndex !== undefined && !entryExists(node, alt, value)) unknown = true;
      }
      if (unknown) return;
      seen.add(key);
      const word = node.role === 'leaf' ? writtenOf(node).values[0] ?? at : at;
      const names = c.alternatives.map((a) => `'${display(a, value)}'`);
      out.push({
        docId: word.source.docId,
        start: word.source.start,
        end: word.source.end,
        code: 'missing-companion',
        severity: defaultSeverity('missing-companion'),
        message: `'${node.keyword} ${value ?? ''}'`.replace(/ '$/, "'") + ` needs one of ${names.join(' or ')}, and none is configured; add one.`,
        related: [],
      });
      return;
    }
  }
}

/** For paths through the statement's own value (`policy $$ pre-shared-key`): does that entry exist, intact? */
function entryExists(node: ConfigNode, path: MustPath, value: string | undefined): boolean {
  if (path.valueIndex === undefined || value === undefined) return true;
  const entryPath: MustPath = { ...path, path: path.path.slice(0, path.valueIndex) };
  const r = resolveMust(node, entryPath, value);
  return r.kind === 'found' && !hasUnknownBelow(writtenOf(r.node));
}

export function conflictDiagnostics(ctx: AnalysisContext): Diagnostic[] {
  return conflictFindings(ctx).diagnostics;
}

/** What an incremental run keeps (offsets of the text the findings were made for). */
export interface ConflictMemo {
  readonly hasBrace: boolean;
  /** written list entries opened twice, and their findings */
  readonly duplicated: Set<ConfigNode>;
  readonly duplicates: Map<ConfigNode, Diagnostic[]>;
  /** written leaves given again */
  readonly repeats: Map<ConfigNode, Diagnostic[]>;
  /** effective nodes' constraint findings; the statements whose constraints look a child up, by the
   *  step (`parent>name`, paths.ts lookupSteps), and each one's steps */
  readonly constraints: Map<ConfigNode, Diagnostic[]>;
  readonly carriersByStep: Map<string, Set<ConfigNode>>;
  /** per statement, the carrier sets of its steps (the sets themselves, not the step strings: one object
   *  per distinct step however many statements share it) */
  readonly stepsOf: Map<ConfigNode, readonly Set<ConfigNode>[]>;
  /** keywords of the entries `requires` through a value checks for unknown statements below (grows only) */
  readonly entryLists: Set<string>;
}

function collect(map: Map<ConfigNode, Diagnostic[]>, node: ConfigNode, fill: (out: Diagnostic[]) => void): Diagnostic[] {
  const found: Diagnostic[] = [];
  fill(found);
  if (found.length > 0) map.set(node, found);
  else map.delete(node);
  return found;
}

function dropSteps(memo: ConflictMemo, node: ConfigNode): void {
  for (const carriers of memo.stepsOf.get(node) ?? []) carriers.delete(node);
  memo.stepsOf.delete(node);
}

function setSteps(memo: ConflictMemo, node: ConfigNode): void {
  dropSteps(memo, node);
  const steps = constraintWords(node, memo.entryLists);
  if (steps.length === 0) return;
  const sets = new Array<Set<ConfigNode>>(steps.length);
  steps.forEach((step, i) => {
    let set = memo.carriersByStep.get(step);
    if (!set) memo.carriersByStep.set(step, (set = new Set()));
    set.add(node);
    sets[i] = set;
  });
  memo.stepsOf.set(node, sets);
}

function joined(memo: ConflictMemo): Diagnostic[] {
  return [...flatten(memo.duplicates), ...flatten(memo.repeats), ...flatten(memo.constraints)];
}

export function conflictFindings(ctx: AnalysisContext): { diagnostics: Diagnostic[]; memo: ConflictMemo } {
  // only the hierarchical form can write a block twice
  const memo: ConflictMemo = {
    hasBrace: ctx.text.includes('{'),
    duplicated: new Set(),
    duplicates: new Map(),
    repeats: new Map(),
    constraints: new Map(),
    carriersByStep: new Map(),
    stepsOf: new Map(),
    entryLists: new Set(),
  };
  if (memo.hasBrace) for (const node of ctx.written) collect(memo.duplicates, node, (out) => duplicateOf(ctx, node, out) && memo.duplicated.add(node));
  for (const node of ctx.written) collect(memo.repeats, node, (out) => leafRepeats(ctx, node, memo.duplicated, out));
  for (const node of ctx.effective) {
    collect(memo.constraints, node, (out) => constraintsOf(ctx, node, out));
    setSteps(memo, node);
  }
  return { diagnostics: joined(memo), memo };
}

/**
 * The findings after one change, or undefined when the change may reach findings of statements it did
 * not touch in ways not bounded here (the caller runs the family again): a `{` added or removed, a
 * block opened twice on the way to the change changing status, an unknown statement added or removed
 * below a statement some constraint looks up (`requires` through a value checks the entry it finds has
 * none). Constraints are checked again for the added subtree, the statements on the way, and every
 * statement whose constraints may look up the replaced child (by its parent's and its own keyword).
 */
export function updateConflictFindings(ctx: AnalysisContext, memo: ConflictMemo, scope: ChangeScope, braceTouched: boolean): { diagnostics: Diagnostic[]; memo: ConflictMemo } | undefined {
  const hasBrace = braceTouched ? ctx.text.includes('{') : memo.hasBrace;
  if (hasBrace !== memo.hasBrace) return undefined;
  // `requires` through a value looks for unknown statements below the entry it finds: one on the way
  if (scope.unknownTouched) for (const n of scope.path) if (memo.entryLists.has(n.keyword)) return undefined;
  const { docId } = ctx;
  for (const n of scope.removed) {
    memo.duplicates.delete(n);
    memo.duplicated.delete(n);
    memo.repeats.delete(n);
  }
  for (const n of scope.effectiveRemoved) {
    memo.constraints.delete(n);
    dropSteps(memo, n);
  }
  moveAll(memo.duplicates, docId, scope.edit);
  moveAll(memo.repeats, docId, scope.edit);
  moveAll(memo.constraints, docId, scope.edit);
  if (hasBrace) {
    for (const node of [...scope.path, ...scope.added]) {
      const was = memo.duplicated.has(node);
      const now = collect(memo.duplicates, node, (out) => duplicateOf(ctx, node, out)).length > 0;
      if (now) memo.duplicated.add(node);
      else memo.duplicated.delete(node);
      // leaves below a block opened twice report differently: their findings were made elsewhere
      if (was !== now && scope.pathSet.has(node)) return undefined;
    }
  }
  for (const node of [...scope.path, ...scope.added]) collect(memo.repeats, node, (out) => leafRepeats(ctx, node, memo.duplicated, out));
  // statements elsewhere whose constraints may look up the replaced child
  const parent = scope.parent;
  const again = new Set<ConfigNode>([...scope.effectivePath, ...scope.effectiveAdded]);
  for (const top of [...scope.removedTops, ...scope.addedTops]) {
    if (!top) continue;
    for (const step of [...stepsTo(parent, top), `*>${top.keyword}`]) for (const n of memo.carriersByStep.get(step) ?? []) again.add(n);
  }
  for (const node of again) {
    collect(memo.constraints, node, (out) => constraintsOf(ctx, node, out));
    setSteps(memo, node);
  }
  return { diagnostics: joined(memo), memo };
}
