/**
 * model/incremental.ts: updates a built configuration tree after one text edit by re-reading only the
 *   statement (curly form) or command (set form) the edit fell in, instead of the whole document.
 * Owns: the unit an edit can affect and the proof that replacing it alone gives the tree a full build
 *   would: the innermost statement/command that strictly contains the edit, whose words (in the tree
 *   before the edit) hold one subtree `X` alone (every word, note and annotation of `X` and below lies in
 *   the unit) and otherwise only `mentions` of the nodes on the way to `X` (which existed before it). The
 *   unit is re-read in the walk context recorded for its block; its new words must again form one chain
 *   through the same nodes and one subtree `X'` nobody else wrote into, which takes `X`'s place (the
 *   position a full build gives it: children are created in document order). Everything after the edit
 *   moves by the edit's growth without visiting it word by word: words are relative to their scope
 *   record, records and notes between statements to chunks (model/anchors.ts), so a chunk's worth of
 *   records and notes move one by one and the later chunks move whole; the records around the unit grow;
 *   problems are copied moved. The whole text's form is not read again: only the edited top-level unit's
 *   (see `sameForm`). A plain configuration's effective tree is the written tree itself (groups.ts
 *   `plainTree`), updated with it; that of a configuration without groups but with inactive statements is
 *   updated the same way (one subtree). `unit` tells the query indexes (model/query.ts) what to replace.
 * Must not know: LSP, line/column positions, the analysis rules.
 * Invariants: never throws; returns undefined (the caller builds from scratch) whenever a condition is
 *   not met: a parse error before or after, a document that mixes forms or uses set-form commands other
 *   than `set` (they delete, move, copy and re-key nodes), notes next to the unit (they attach across
 *   statements), a unit that merges into or overrides what other statements wrote, an edit touching a
 *   unit's first or last character. Once it has started changing the tree, a failed check leaves the tree
 *   unusable: the caller must drop it (`updateTree` says so by returning undefined).
 * Tests: test/src/model/incremental.test.ts (random edits of realistic configs against a fresh build),
 *   test/src/lsp/incremental-diagnostics.test.ts
 */
import type { SchemaNode } from '../schema/types';
import { Chunk, Scope } from './anchors';
import { docBuilder, type ScopeRecord } from './build';
import { effectiveSubtree, effectiveVisible, groupFree, hasInactive, plainTree, touchesGroups, undefinedGroupProblems } from './groups';
import type { ModelProblem } from './problems';
import { AnchoredSource, type SourceDoc, type SyntaxNodeLike, type Word, type WordSource } from './source';
import { appendChild, compactTree, firstIndexAtOrAfter, getChild, removeChild, type ConfigNode } from './tree';
import { replacedRun } from './query';
import type { WalkContext } from './walk';

/** One edit: `[start, oldEnd)` of the text before it became `[start, newEnd)` of the text after it. */
export interface ModelEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** What an incremental update needs of a tree built from one document. */
export interface IncrementalState {
  readonly docId: string;
  readonly text: string;
  readonly form: 'curly' | 'set';
  readonly root: ConfigNode;
  readonly rootSchema: SchemaNode | undefined;
  /** the builder's problems, in the order it reported them */
  readonly buildProblems: readonly ModelProblem[];
  /** `undefined-group` problems (computed from the whole tree after building) */
  readonly groupProblems: readonly ModelProblem[];
  readonly scopes: readonly ScopeRecord[];
  /** the notes' sources no scope record anchors (notes between statements), in document order */
  readonly loose: readonly WordSource[];
  /** the chunks `scopes` and `loose` are relative to (model/anchors.ts), in document order */
  readonly chunks: readonly Chunk[];
  /** true when the configuration names no group (see groups.ts `groupFree`) */
  readonly groupFree: boolean;
  /** the effective tree, when computed and `groupFree` (kept up to date) */
  readonly effective: ConfigNode | undefined;
  /** what the last update changed (absent on a state made by a full build) */
  readonly change?: ModelChange;
  /** the last update's unit, for the query indexes (absent on a state made by a full build) */
  readonly unit?: UnitChange;
}

/** The unit an update read again: `[start, oldEnd)` of the text before the edit, `[start, newEnd)` after
 *  it; its scope records before (`removedScopes`, offsets of the text before) and after. */
export interface UnitChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  readonly removedScopes: readonly ScopeRecord[];
  readonly addedScopes: readonly ScopeRecord[];
}

/**
 * What one incremental update changed in the tree: the subtree `removed` (detached; its words keep the
 * offsets of the text before the edit) was replaced by `added` (a child of `parent`); `path` lists the
 * nodes from the root down to `parent` (root first), whose own words did not change but whose children
 * (or mentions) did. In the effective tree (group-free configurations only), `effectiveRemoved` /
 * `effectiveAdded` are the counterparts, under `effectiveParent`. `effectiveKept` false: the effective
 * tree was not kept (it is computed again from the whole tree on demand, new node objects); true with
 * `effectiveParent` undefined: the change is inside an inactive statement and the effective tree did not
 * change.
 */
export interface ModelChange {
  readonly edit: ModelEdit;
  readonly removed: ConfigNode;
  readonly added: ConfigNode;
  readonly parent: ConfigNode;
  readonly path: readonly ConfigNode[];
  readonly effectiveRemoved: ConfigNode | undefined;
  readonly effectiveAdded: ConfigNode | undefined;
  readonly effectiveParent: ConfigNode | undefined;
  readonly effectiveKept: boolean;
}

type NodeWithErrorFlag = SyntaxNodeLike & { readonly hasError?: boolean };

/** `curly` (statements and notes only) or `set` (`set` commands and notes only) when the tree is free of
 *  parse errors; undefined otherwise (no incremental update). */
export function documentForm(rootNode: SyntaxNodeLike, text: string): 'curly' | 'set' | undefined {
  if ((rootNode as NodeWithErrorFlag).hasError !== false) return undefined;
  let curly = false;
  let set = false;
  for (const c of rootNode.children) {
    if (!c) continue;
    if (c.type === 'statement') curly = true;
    else if (c.type === 'command') {
      // the grammar's command starts with its verb, a whole word: `set` and a blank at the command's
      // start is the verb `set` (read from the text alone: this runs once per line of a set file)
      const blank = text.charCodeAt(c.startIndex + 3);
      if (!(text.startsWith('set', c.startIndex) && (blank === 32 || blank === 9))) {
        const verb = c.childForFieldName('verb');
        if (!verb || text.slice(verb.startIndex, verb.endIndex) !== 'set') return undefined;
      }
      set = true;
    } else if (c.type !== 'comment' && c.type !== 'annotation') return undefined;
  }
  if (curly && set) return undefined;
  return set ? 'set' : 'curly';
}

/**
 * `documentForm` of the text after an edit whose outermost unit (the top-level statement or command
 * strictly containing it) is `top`, given the form before it, without looking at every line: the text
 * before `top` and after it is the text before the edit (moved), and a parse free of errors reads the
 * same text the same way (the parser is deterministic: what it makes of the text before `top` depends on
 * that text and on `top`'s first word, a verb or a word in both; after `top` it starts again at the top
 * level). So only `top` itself is checked (the update also requires the same unit before the edit). The
 * randomized tests compare it with `documentForm` after every edit.
 */
function sameForm(form: 'curly' | 'set', rootNode: SyntaxNodeLike, top: SyntaxNodeLike | undefined, text: string): boolean {
  if ((rootNode as NodeWithErrorFlag).hasError !== false || !top) return false;
  if (form === 'curly') return top.type === 'statement';
  if (top.type !== 'command') return false;
  const verb = top.childForFieldName('verb');
  return verb !== null && text.slice(verb.startIndex, verb.endIndex) === 'set';
}

interface Range {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

function inRange(s: WordSource | undefined, r: Range): boolean {
  return s !== undefined && s.docId === r.docId && s.start >= r.start && s.start < r.end;
}

/** The index of the first mention starting at or after `offset` (a node's mentions are in document
 *  order: the builder adds them as it reads, an update puts a unit's mentions back in their place). */
function firstMentionFrom(mentions: readonly Word[], offset: number): number {
  return firstIndexAtOrAfter(mentions, offset, (m) => m.source.start);
}

function anyIn(words: readonly Word[], r: Range): boolean {
  for (let i = 0; i < words.length; i++) if (inRange(words[i]!.source, r)) return true;
  return false;
}

/** True when one of the node's own words or notes (other than mentions) lies in `r`. */
function ownNonMentionIn(n: ConfigNode, r: Range): boolean {
  if (n.keywordWord && inRange(n.keywordWord.source, r)) return true;
  if (anyIn(n.keys, r) || anyIn(n.values, r)) return true;
  for (const vs of n.overridden) if (anyIn(vs, r)) return true;
  for (const c of n.comments) if (inRange(c.source, r)) return true;
  return n.annotation !== undefined && inRange(n.annotation.source, r);
}

/** True when the node holds a word or note in `r`. Its mentions are in document order, except right after
 *  a unit was read again: then the unit's are the last ones. */
function holdsIn(n: ConfigNode, r: Range): boolean {
  const mentions = n.mentions;
  if (mentions.length > 0 && inRange(mentions[mentions.length - 1]!.source, r)) return true;
  const i = firstMentionFrom(mentions, r.start);
  if (i < mentions.length && inRange(mentions[i]!.source, r)) return true;
  return ownNonMentionIn(n, r);
}

function allIn(words: readonly Word[], r: Range): boolean {
  for (let i = 0; i < words.length; i++) if (!inRange(words[i]!.source, r)) return false;
  return true;
}

/** True when every word and note of the subtree lies in `r` (and each node has one). */
function ownedBy(node: ConfigNode, r: Range): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const any =
      n.keywordWord !== undefined || n.mentions.length > 0 || n.keys.length > 0 || n.values.length > 0 ||
      n.overridden.some((vs) => vs.length > 0) || n.comments.some((c) => c.source !== undefined) || n.annotation?.source !== undefined;
    if (!any) return false;
    if (n.keywordWord && !inRange(n.keywordWord.source, r)) return false;
    if (!allIn(n.mentions, r) || !allIn(n.keys, r) || !allIn(n.values, r)) return false;
    for (const vs of n.overridden) if (!allIn(vs, r)) return false;
    for (const c of n.comments) if (c.source && !inRange(c.source, r)) return false;
    if (n.annotation?.source && !inRange(n.annotation.source, r)) return false;
    for (const c of n.children) stack.push(c);
  }
  return true;
}

/**
 * A node the unit passes through without owning it (other statements wrote into it too): it may hold the
 * unit's words as mentions, and, when the unit created it, as its keyword and keys, provided the edit does
 * not touch those (`edited`): its identity, and so its place, stay.
 */
function passable(n: ConfigNode, r: Range, edited: (s: WordSource) => boolean): boolean {
  if (n.role === 'opaque' || n.role === 'unknown') return false;
  if (n.keywordWord && inRange(n.keywordWord.source, r) && edited(n.keywordWord.source)) return false;
  for (const k of n.keys) if (inRange(k.source, r) && edited(k.source)) return false;
  if (anyIn(n.values, r)) return false;
  for (const vs of n.overridden) if (anyIn(vs, r)) return false;
  for (const c of n.comments) if (inRange(c.source, r)) return false;
  return !(n.annotation !== undefined && inRange(n.annotation.source, r));
}

/** The nodes below `at` holding the unit's words: shared nodes, then the subtree the unit owns. */
function chainOf(at: ConfigNode, r: Range, edited: (s: WordSource) => boolean): { shared: ConfigNode[]; owned: ConfigNode } | undefined {
  const shared: ConfigNode[] = [];
  let cur = at;
  for (;;) {
    let next: ConfigNode | undefined;
    for (const c of cur.children) {
      if (!holdsIn(c, r)) continue;
      if (next) return undefined; // the unit's words in two places
      next = c;
    }
    if (!next) return undefined;
    if (ownedBy(next, r)) return { shared, owned: next };
    if (!passable(next, r, edited)) return undefined;
    shared.push(next);
    cur = next;
  }
}


/** A problem after the edit, moved by `delta` (a new object: problems are plain values). */
function movedProblem(p: ModelProblem, docId: string, from: number, delta: number): ModelProblem {
  if (p.docId !== docId || p.start < from) return p;
  return { ...p, start: p.start + delta, end: p.end + delta };
}

/** Puts a source (anchored or plain) at `start`, its length kept. */
function moveTo(s: WordSource, start: number): void {
  if (s instanceof AnchoredSource) s.shift(start - s.start);
  else movePlain(s, start - s.start);
}

function chunkOf(x: ScopeRecord | WordSource | undefined): Chunk | undefined {
  if (x instanceof Scope) return x.chunk;
  return x instanceof AnchoredSource && x.anchor instanceof Chunk ? x.anchor : undefined;
}

function laterChunk(a: Chunk | undefined, b: Chunk | undefined): Chunk | undefined {
  if (!a || !b) return a ?? b;
  return a.index >= b.index ? a : b;
}

/** Moves a plain (unanchored) source in place. */
function movePlain(s: WordSource, delta: number): void {
  const m = s as { start: number; end: number };
  m.start += delta;
  m.end += delta;
}

/** The index of the last child of `holder` starting before `offset` (children are in document order
 *  and do not overlap), -1 when none. */
function lastChildBefore(holder: SyntaxNodeLike, offset: number): number {
  const kids = holder.children;
  let lo = 0;
  let hi = kids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = kids[mid];
    // (a null child is never expected; it counts as starting before, so the search goes on right of it)
    if (!c || c.startIndex < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Syntax siblings of `n` (in its parent `holder`): the one before and the one after. */
function neighbours(holder: SyntaxNodeLike, n: SyntaxNodeLike): { before: SyntaxNodeLike | undefined; after: SyntaxNodeLike | undefined } {
  const kids = holder.children;
  const i = lastChildBefore(holder, n.startIndex + 1);
  const c = i >= 0 ? kids[i] : undefined;
  if (!c || c.startIndex !== n.startIndex || c.type !== n.type || c.endIndex !== n.endIndex) return { before: undefined, after: undefined };
  let before: SyntaxNodeLike | undefined;
  for (let j = i - 1; j >= 0 && !before; j--) before = kids[j] ?? undefined;
  let after: SyntaxNodeLike | undefined;
  for (let j = i + 1; j < kids.length && !after; j++) after = kids[j] ?? undefined;
  return { before, after };
}

const isNote = (n: SyntaxNodeLike | undefined): boolean => n !== undefined && (n.type === 'comment' || n.type === 'annotation');

/** A statement or command with words consumes the notes written before it; one without passes them on. */
function hasWords(n: SyntaxNodeLike): boolean {
  if (n.type !== 'statement' && n.type !== 'command') return true;
  for (const c of n.children) if (c && c.type !== 'verb' && c.type !== 'modifier' && !isNote(c) && c.type !== 'block' && c.type !== ';' && c !== n.childForFieldName('verb')) return true;
  return false;
}

interface Candidate {
  readonly unit: SyntaxNodeLike;
  /** the syntax node holding the unit (the document root or a block) */
  readonly holder: SyntaxNodeLike;
}

/** Statements/commands strictly containing the edit, outermost first. */
function candidates(rootNode: SyntaxNodeLike, edit: ModelEdit): Candidate[] {
  const out: Candidate[] = [];
  let holder = rootNode;
  for (;;) {
    // the one child that can strictly contain the edit: the last one starting before it
    const k = lastChildBefore(holder, edit.start);
    const c = k >= 0 ? holder.children[k] : undefined;
    const unit = c && c.startIndex < edit.start && edit.newEnd < c.endIndex ? c : undefined;
    if (!unit || (unit.type !== 'statement' && unit.type !== 'command')) return out;
    out.push({ unit, holder });
    let block: SyntaxNodeLike | undefined;
    for (const c of unit.children) if (c && c.type === 'block' && c.startIndex < edit.start && edit.newEnd < c.endIndex) block = c;
    if (!block) return out;
    holder = block;
  }
}

function scopeAt(scopes: readonly ScopeRecord[], start: number, end: number, kinds: readonly ScopeRecord['kind'][]): ScopeRecord | undefined {
  for (let i = firstIndexAtOrAfter(scopes, start, (s) => s.start); i < scopes.length && scopes[i]!.start === start; i++) {
    const s = scopes[i]!;
    if (s.end === end && kinds.includes(s.kind)) return s;
  }
  return undefined;
}

const MODIFIER = /^\s*(inactive|protect)\s*:/;

/**
 * The state after `edit`, the tree updated in place; undefined when the edit cannot be applied to one
 * unit (the caller builds from scratch; if the tree was already changed, `state.root` must be dropped).
 */
export function updateTree(state: IncrementalState, doc: SourceDoc, edit: ModelEdit): IncrementalState | undefined {
  try {
    return update(state, doc, edit);
  } catch {
    return undefined;
  }
}

function update(state: IncrementalState, doc: SourceDoc, edit: ModelEdit): IncrementalState | undefined {
  if (doc.id !== state.docId || edit.start > edit.oldEnd || edit.start > edit.newEnd) return undefined;
  const rootNode = doc.tree.rootNode;
  const found = candidates(rootNode, edit);
  if (!sameForm(state.form, rootNode, found[0]?.unit, doc.text)) return undefined;
  // innermost first: the smallest unit that owns what it wrote
  for (let i = found.length - 1; i >= 0; i--) {
    const plan = planFor(state, doc, found[i]!, edit);
    if (!plan) continue;
    const around = enclosing(state, found.slice(0, i + 1), edit);
    return around ? apply(state, doc, plan, edit, around) : undefined;
  }
  return undefined;
}

/** The records of the statements and blocks around the unit `found[found.length - 1]` (they end after
 *  it: their ends move); undefined when one is missing. */
function enclosing(state: IncrementalState, found: readonly Candidate[], edit: ModelEdit): Scope[] | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  const out: Scope[] = [];
  const add = (n: SyntaxNodeLike, kind: ScopeRecord['kind']): boolean => {
    const r = scopeAt(state.scopes, n.startIndex, n.endIndex - delta, [kind]);
    if (!(r instanceof Scope)) return false;
    out.push(r);
    return true;
  };
  for (let j = 0; j < found.length - 1; j++) if (!add(found[j]!.unit, 'statement')) return undefined;
  for (let j = 1; j < found.length; j++) if (!add(found[j]!.holder, 'block')) return undefined;
  return out;
}

interface Plan {
  readonly unit: SyntaxNodeLike;
  /** the unit's range in the text before the edit, and in the text after it */
  readonly old: Range;
  readonly now: Range;
  readonly at: ConfigNode;
  readonly context: WalkContext | undefined;
  readonly shared: readonly ConfigNode[];
  readonly owned: ConfigNode;
}

function planFor(state: IncrementalState, doc: SourceDoc, cand: Candidate, edit: ModelEdit): Plan | undefined {
  const { unit, holder } = cand;
  const old: Range = { docId: doc.id, start: unit.startIndex, end: unit.endIndex - (edit.newEnd - edit.oldEnd) };
  const now: Range = { docId: doc.id, start: unit.startIndex, end: unit.endIndex };
  if (old.end <= old.start) return undefined;
  // the same unit before the edit: a statement/command record with the same (moved) extent
  const record = scopeAt(state.scopes, old.start, old.end, state.form === 'set' ? ['command'] : ['statement']);
  if (!record) return undefined;
  let at: ConfigNode;
  let context: WalkContext | undefined;
  if (holder.type === 'block') {
    const block = scopeAt(state.scopes, holder.startIndex, holder.endIndex - (edit.newEnd - edit.oldEnd), ['block']);
    // in a block of grouped list entries (`source-address { ... }`) the list's keyword, outside the
    // unit, is written into the entries
    if (!block || !block.context || block.node !== record.node || block.context.pendingList) return undefined;
    at = block.node;
    context = block.context;
  } else {
    if (record.node !== state.root) return undefined;
    at = state.root;
  }
  // notes attach across statements (comments before a statement, after it on its line)
  const { before, after } = neighbours(holder, unit);
  if (isNote(before) || isNote(after) || (before && !hasWords(before))) return undefined;
  if (state.form === 'set') {
    for (const c of unit.children) if (isNote(c ?? undefined)) return undefined;
  } else {
    let sawWord = false;
    for (const c of unit.children) {
      if (!c) continue;
      if (isNote(c) && !sawWord) return undefined;
      if (!isNote(c) && c.type !== 'modifier') sawWord = true;
    }
  }
  const chain = chainOf(at, old, (s) => s.start <= edit.oldEnd && s.end >= edit.start);
  if (!chain) return undefined;
  // a modifier (`inactive:`) marks the first node of the statement: it must be the owned one
  const modifiers = MODIFIER.test(state.text.slice(old.start, old.end)) || MODIFIER.test(doc.text.slice(now.start, now.end));
  if (modifiers && chain.shared.length > 0) return undefined;
  return { unit, old, now, at, context, shared: chain.shared, owned: chain.owned };
}

function apply(state: IncrementalState, doc: SourceDoc, plan: Plan, edit: ModelEdit, around: readonly Scope[]): IncrementalState | undefined {
  const { old, now, at, shared, owned } = plan;
  const delta = edit.newEnd - edit.oldEnd;
  const parent = shared.length > 0 ? shared[shared.length - 1]! : at;
  const index = parent.children.indexOf(owned);
  if (index < 0) return undefined;
  const groupsBefore = touchesGroups(owned);

  // 1. take the unit's part out: its subtree, its mentions on the way, its problems and scope records
  // a plain configuration is its own effective tree (groups.ts `plainTree`): updating the written tree updated it
  const sharedEffective = state.effective !== undefined && state.effective === state.root;
  const counterpart = sharedEffective ? parent : state.effective && state.groupFree && !groupsBefore ? effectiveCounterpart(state.effective, parent) : 'lost';
  const effectiveParent = typeof counterpart === 'string' ? undefined : counterpart;
  let effective = counterpart === 'lost' ? undefined : state.effective;
  let effectiveRemoved: ConfigNode | undefined;
  if (sharedEffective) effectiveRemoved = owned;
  else if (effectiveParent) {
    const gone = getChild(effectiveParent, owned.keyword, owned.keys.map((k) => k.text));
    if (gone && gone.origin?.node === owned) {
      removeChild(effectiveParent, gone);
      effectiveRemoved = gone;
    }
  }
  removeChild(parent, owned);
  const mentionAt: number[] = [];
  for (const n of shared) {
    // mentions are in document order: the unit's are one run
    const first = firstMentionFrom(n.mentions, old.start);
    let count = 0;
    while (first + count < n.mentions.length && inRange(n.mentions[first + count]!.source, old)) count++;
    if (count === 0) return undefined;
    n.mentions.splice(first, count);
    mentionAt.push(first);
  }
  const problems = state.buildProblems.filter((p) => !inRange(p, old));
  const problemAt = firstIndexAtOrAfter(problems, old.end, (p) => (p.docId === doc.id ? p.start : -1));
  const scopes = state.scopes as ScopeRecord[];
  const scopeFrom = firstIndexAtOrAfter(scopes, old.start, (s) => s.start);
  let scopeTo = scopeFrom;
  while (scopeTo < scopes.length && scopes[scopeTo]!.start < old.end) scopeTo++;
  for (let i = scopeFrom; i < scopeTo; i++) if (scopes[i]!.end > old.end) return undefined;
  const looseFrom = firstIndexAtOrAfter(state.loose, old.start, (s) => s.start);
  let looseTo = looseFrom;
  while (looseTo < state.loose.length && state.loose[looseTo]!.start < old.end) looseTo++;
  // the keyword and keys of nodes the unit created (the edit does not touch them): where they are after
  // the edit (they stay, the words the unit reads again take their place below)
  const identity = new Map<WordSource, number>();
  for (const n of shared) {
    for (const w of [n.keywordWord, ...n.keys]) {
      if (!w || !inRange(w.source, old) || identity.has(w.source)) continue;
      identity.set(w.source, w.source.start >= edit.oldEnd ? w.source.start + delta : w.source.start);
    }
  }

  // 2. move everything after the unit. Every word of the tree was read by one statement, command or
  // banner, whose scope record anchors its source (model/build.ts); records and the notes between
  // statements are relative to chunks (model/anchors.ts), whose order is the document's. The chunk of
  // the last record or note before the unit's end (`boundary`) holds things on both sides: those after
  // the unit move one by one; the chunks after it move whole. The records around the unit grow.
  const loose = state.loose;
  const boundary = laterChunk(chunkOf(scopeTo > 0 ? scopes[scopeTo - 1] : undefined), chunkOf(looseTo > 0 ? loose[looseTo - 1] : undefined)) ?? state.chunks[0];
  if (!boundary) return undefined;
  if (delta !== 0) {
    for (const r of around) r.grow(delta);
    for (let i = scopeTo; i < scopes.length; i++) {
      const r = scopes[i]!;
      if (!(r instanceof Scope)) return undefined;
      if (r.chunk !== boundary) break;
      r.move(delta);
    }
    for (let i = looseTo; i < loose.length; i++) {
      const n = loose[i]!;
      if (!(n instanceof AnchoredSource)) return undefined;
      if (n.anchor !== boundary) break;
      n.shift(delta);
    }
    for (let i = boundary.index + 1; i < state.chunks.length; i++) state.chunks[i]!.start += delta;
  }
  const movedProblems = delta === 0 ? problems : problems.map((p) => movedProblem(p, doc.id, old.end, delta));

  // 3. read the unit again, in the context its block gave it
  const newProblems: ModelProblem[] = [];
  const newScopes: ScopeRecord[] = [];
  const newLoose: WordSource[] = [];
  const childrenBefore = shared.map((n) => n.children.length);
  const atChildrenBefore = at.children.length;
  const builder = docBuilder(doc, state.root, state.rootSchema, newProblems, newScopes, newLoose, { next: () => boundary });
  if (state.form === 'set') builder.top(plan.unit);
  else builder.statement(plan.unit, at, plan.context ?? builder.contextOf(at));

  // 4. check it wrote the same way: through the same nodes, into one new subtree of `parent`
  const kept = (): boolean => false;
  const chain = chainOf(at, now, kept);
  if (!chain || chain.shared.length !== shared.length || chain.shared.some((n, i) => n !== shared[i])) return undefined;
  const added = chain.owned;
  if (added.parent !== parent || parent.children[parent.children.length - 1] !== added) return undefined;
  if ((parent === at ? atChildrenBefore : childrenBefore[childrenBefore.length - 1]!) + 1 !== parent.children.length) return undefined;
  for (let i = 0; i < shared.length - 1; i++) if (shared[i]!.children.length !== childrenBefore[i]) return undefined;
  if (parent !== at && at.children.length !== atChildrenBefore) return undefined;
  for (const n of shared) if (!passable(n, now, kept)) return undefined;
  // its place among its siblings: where the old subtree was (children are created in document order)
  parent.children.splice(parent.children.length - 1, 1);
  parent.children.splice(index, 0, added);
  compactTree(added);
  // the unit's mentions back where its old ones were (mentions are in document order)
  for (let k = 0; k < shared.length; k++) {
    const n = shared[k]!;
    // the unit's new mentions are the last ones (the old ones were taken out)
    let from = n.mentions.length;
    while (from > 0 && inRange(n.mentions[from - 1]!.source, now)) from--;
    if (from === n.mentions.length) return undefined;
    const moved = n.mentions.splice(from);
    n.mentions.splice(mentionAt[k]!, 0, ...moved);
    // the keys a created node kept are the words the unit now mentions (the same text, at the same place)
    for (let i = 0; i < n.keys.length; i++) {
      const key = n.keys[i]!;
      const at = identity.get(key.source);
      if (at === undefined) continue;
      const again = moved.find((m) => m.source.start === at && m.text === key.text && m.kind === key.kind);
      if (!again) return undefined;
      n.keys[i] = again;
    }
    // and so is its keyword word (the effective node has its own reference to it)
    const kw = n.keywordWord;
    const kwAt = kw ? identity.get(kw.source) : undefined;
    if (kw && kwAt !== undefined) {
      const again = moved.find((m) => m.source.start === kwAt && m.text === kw.text && m.kind === kw.kind);
      if (!again) return undefined;
      n.keywordWord = again;
      if (effective && !sharedEffective) {
        const counterpart = effectiveCounterpart(effective, n);
        if (counterpart === 'lost') effective = undefined;
        else if (counterpart !== 'hidden') counterpart.keywordWord = again;
      }
    }
  }

  const groupsAfter = touchesGroups(added);
  const free = groupsBefore || groupsAfter ? groupFree(state.root) : state.groupFree;
  if (groupsAfter || !free) effective = undefined;
  let effectiveAdded: ConfigNode | undefined;
  if (sharedEffective) {
    // still plain unless the unit brought an inactive statement (then a fresh effective tree is a copy)
    if (hasInactive(added)) effective = undefined;
    effectiveAdded = added;
  } else if (effective && effectiveParent) {
    const copy = effectiveSubtree(added);
    effectiveAdded = copy;
    if (copy) {
      let position = 0;
      for (const c of parent.children) {
        if (c === added) break;
        if (effectiveVisible(c)) position++;
      }
      appendChild(effectiveParent, copy);
      effectiveParent.children.splice(effectiveParent.children.length - 1, 1);
      effectiveParent.children.splice(position, 0, copy);
    }
  }

  // a copied effective tree whose last inactive statement went away is dropped: a fresh one is the written tree
  if (effective && !sharedEffective && hasInactive(owned) && plainTree(state.root)) effective = undefined;

  const buildProblems = [...movedProblems.slice(0, problemAt), ...newProblems, ...movedProblems.slice(problemAt)];
  const groupProblems =
    groupsBefore || groupsAfter ? undefinedGroupProblems(state.root)
    : delta === 0 ? state.groupProblems
    : state.groupProblems.map((p) => movedProblem(p, doc.id, old.end, delta));
  const nextScopes = replacedRun(scopes, scopeFrom, scopeTo - scopeFrom, newScopes);
  const nextLoose = replacedRun(loose, looseFrom, looseTo - looseFrom, newLoose);
  // words of the old unit that other readers may still hold (the shared nodes' identity words, replaced
  // above) keep their place in the text after the edit, as every word after the unit does
  for (const [source, start] of identity) moveTo(source, start);
  return {
    docId: state.docId,
    text: doc.text,
    form: state.form,
    root: state.root,
    rootSchema: state.rootSchema,
    buildProblems,
    groupProblems,
    scopes: nextScopes,
    loose: nextLoose,
    chunks: state.chunks,
    groupFree: free,
    effective,
    change: {
      edit,
      removed: owned,
      added,
      parent,
      path: pathTo(parent),
      effectiveRemoved: effective ? effectiveRemoved : undefined,
      effectiveAdded: effective ? effectiveAdded : undefined,
      effectiveParent: effective ? effectiveParent : undefined,
      effectiveKept: effective !== undefined,
    },
    unit: { start: old.start, oldEnd: old.end, newEnd: now.end, removedScopes: scopes.slice(scopeFrom, scopeTo), addedScopes: newScopes },
  };
}

/** `node` and its ancestors, root first. */
function pathTo(node: ConfigNode): ConfigNode[] {
  const out: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = node; n; n = n.parent) out.push(n);
  return out.reverse();
}

/** The effective node of a written node of a group-free configuration (same identities on the way);
 *  `hidden` when the node or an ancestor is inactive (no effective node, before or after); `lost` when the
 *  effective tree does not match (the caller recomputes it). */
function effectiveCounterpart(effectiveRoot: ConfigNode, written: ConfigNode): ConfigNode | 'hidden' | 'lost' {
  const path: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = written; n && n.role !== 'root'; n = n.parent) path.push(n);
  let cur = effectiveRoot;
  for (let i = path.length - 1; i >= 0; i--) {
    const w = path[i]!;
    if (!effectiveVisible(w)) return 'hidden';
    const next = getChild(cur, w.keyword, w.keys.map((k) => k.text));
    if (!next || next.origin?.node !== w) return 'lost';
    cur = next;
  }
  return cur;
}
