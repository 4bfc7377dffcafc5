/**
 * model/incremental.ts: updates a built configuration tree after one text edit by re-reading only the
 *   statements (curly form) or commands (set form) the edit touched, inserted or deleted, instead of the
 *   whole document.
 * Owns: the units an edit can affect and the proof that replacing them alone gives the tree a full build
 *   would. First as a run (`updateRun`): the units of one block (or of the top level) between the two
 *   neighbours the edit left unchanged (the same extent, moved, as a record of the text before it) are
 *   taken out and those of the text after it read in their place, in the walk context recorded for the
 *   block; their words must hold whole subtrees of one parent alone (the new ones placed where a full
 *   build creates them: after the children created before the run, before those created after it) and
 *   otherwise only mentions of nodes created before the run (`mentioned` when off the way to that
 *   parent); in a set-form file also mentions of a free-form word's node (an unknown or opaque word, e.g.
 *   several half-typed `set i` lines) that commands outside the run write too, whose `terminal` flag and
 *   creator (keyword word, place among its siblings) are worked out again (`terminalAgain`, `reidentify`).
 *   A node only the new units pass through (a whole `set` line pasted after a line, below a node written
 *   before) may get the new subtrees when its other children were all created outside the run.
 *   Parse errors: the tree's error units (`errorUnitsOf`: the innermost statements, commands or ERROR
 *   nodes holding an ERROR or MISSING node, each with its syntax shape) are kept in the state, also by a
 *   full build; an update may read error units again in its run, and every other one must be where it was,
 *   with the same shape (`errorsKept`). The run is looked for where the edit reads the same moved right past one line break
 *   (`slidEdit`: a line typed after a set-form command, whose line break ends it, then leaves it alone),
 *   then where it was made. Else the innermost statement/command that strictly contains the edit, whose words
 *   hold one subtree `X` alone and mentions of the nodes on the way to `X` (which may be nodes it created:
 *   their identity words are kept), re-read into one subtree `X'` that takes `X`'s place. Everything
 *   after the edit moves by the edit's growth without visiting it word by word: words are relative to
 *   their scope record, records and notes between statements to chunks (model/anchors.ts), so a chunk's
 *   worth of records and notes move one by one and the later chunks move whole (the records an update
 *   reads go into that chunk: one grown past its bound is cut up, `chunksAfter`); the records around the
 *   units grow; problems are copied moved. The whole text's form is not read again: only the re-read
 *   units (see `sameForm`, `readsLocally`). A plain configuration's effective tree is the written tree
 *   itself (groups.ts `plainTree`), updated with it; that of a configuration without groups but with
 *   inactive statements is updated the same way. `unit` tells the query indexes (model/query.ts) what to
 *   replace.
 * Must not know: LSP, line/column positions, the analysis rules.
 * Invariants: never throws; returns undefined (the caller builds from scratch) whenever a condition is
 *   not met: a parse error outside the re-read units that was not there before (same place and shape), an
 *   error unit too large or too many of them (`MAX_ERROR_UNIT_NODES`, `MAX_ERROR_UNITS`), a document that mixes forms or uses set-form
 *   commands other than `set` (they delete, move, copy and re-key nodes), notes in or next to the units
 *   (they attach across statements), units that merge into or override what other statements wrote or
 *   would become the first writer of a node (but a set-form free-form word's node, see above). Once it has started changing the tree, a failed check leaves
 *   the tree unusable: the caller must drop it (`updateTree` says so by returning undefined).
 * Tests: test/src/model/incremental.test.ts (random edits, and random whole-line insertions, deletions
 *   and lines typed character by character, of realistic configs against a fresh build),
 *   test/src/analysis/incremental.test.ts, test/src/lsp/incremental-diagnostics.test.ts,
 *   test/src/model/incremental-errors.test.ts (random edits into texts with syntax errors, both forms),
 *   test/src/model/long-session.test.ts (hundreds of edits at a few places, keys written back to a
 *   separate effective tree, records far from their chunks' starts)
 */
import type { SchemaNode } from '../schema/types';
import { Chunk, MAX_CHUNK_ITEMS, Scope, splitChunk, type ChunkItem } from './anchors';
import { docBuilder, type ScopeRecord } from './build';
import { effectiveSubtree, effectiveVisible, groupFree, hasInactive, plainTree, touchesGroups, undefinedGroupProblems } from './groups';
import type { ModelProblem } from './problems';
import { AnchoredSource, type SourceDoc, type SyntaxNodeLike, type Word, type WordSource } from './source';
import { appendChild, compactTree, firstIndexAtOrAfter, getChild, ownChildren, removeChild, shareMentions, type ConfigNode } from './tree';
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
  /** the units of the syntax tree holding parse errors (`errorUnitsOf`), in document order (offsets of
   *  `text`); empty when the tree is free of them */
  readonly errorUnits: readonly ErrorUnit[];
}

/** A unit holding a parse error: the innermost child of the document root or of a block whose two braces
 *  are written that holds an ERROR or MISSING node (a statement whose error lies inside its block is not
 *  one: the block's children are looked at), with its whole syntax shape (`shape`: each node's type,
 *  MISSING flag and range relative to the unit's start), so that an update can tell that the parser read
 *  it the same way again (error recovery may read the same text differently). */
export interface ErrorUnit {
  readonly start: number;
  readonly end: number;
  readonly shape: string;
}

/** At most this many error units, of at most this many syntax nodes each, are kept (else no state). */
const MAX_ERROR_UNITS = 64;
const MAX_ERROR_UNIT_NODES = 400;

const flagged = (n: SyntaxNodeLike): boolean => n.type === 'ERROR' || n.isMissing || (n as NodeWithErrorFlag).hasError !== false;

/** The shape of an error unit (see `ErrorUnit`); undefined when it has too many nodes. */
function shapeOf(unit: SyntaxNodeLike): string | undefined {
  const parts: string[] = [];
  const stack = [unit];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (parts.length >= MAX_ERROR_UNIT_NODES) return undefined;
    parts.push(`${n.type}${n.isMissing ? '!' : ''}${n.startIndex - unit.startIndex}+${n.endIndex - n.startIndex}`);
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (c) stack.push(c);
    }
  }
  return parts.join(' ');
}

/** A statement whose parse errors all lie among its block's children (both braces written): its block. */
function blockHoldingErrors(n: SyntaxNodeLike): SyntaxNodeLike | undefined {
  if (n.type !== 'statement' || n.isMissing) return undefined;
  let block: SyntaxNodeLike | undefined;
  for (const c of n.children) {
    if (!c) continue;
    if (c.type === 'block' && !block) block = c;
    else if (flagged(c)) return undefined;
  }
  if (!block || block.isMissing) return undefined;
  const kids = block.children;
  const open = kids[0];
  const close = kids[kids.length - 1];
  if (!open || open.type !== '{' || open.isMissing || !close || close.type !== '}' || close.isMissing || kids.length < 2) return undefined;
  return block;
}

/**
 * The units of a syntax tree holding parse errors (see `ErrorUnit`), in document order, found by going
 * down the children flagged with errors only; undefined when there are too many or one is too large.
 */
export function errorUnitsOf(rootNode: SyntaxNodeLike): ErrorUnit[] | undefined {
  const out: ErrorUnit[] = [];
  if ((rootNode as NodeWithErrorFlag).hasError === false) return out;
  // the holders being looked into (the root, then blocks): their children (read once: a parser's node
  // may make the list at each read), each with the index of the next one
  const rootKids = rootNode.children;
  const frames: { kids: readonly (SyntaxNodeLike | null)[]; next: number; last: number }[] = [{ kids: rootKids, next: 0, last: rootKids.length - 1 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next > frame.last) {
      frames.pop();
      continue;
    }
    const c = frame.kids[frame.next++];
    if (!c || !flagged(c)) continue;
    const block = blockHoldingErrors(c);
    if (block) {
      // (its braces are written: its units are the children between them)
      const kids = block.children;
      frames.push({ kids, next: 1, last: kids.length - 2 });
      continue;
    }
    const shape = shapeOf(c);
    if (shape === undefined || out.length >= MAX_ERROR_UNITS) return undefined;
    out.push({ start: c.startIndex, end: c.endIndex, shape });
  }
  return out;
}

/**
 * True when the error units of the text after an edit (`now`) are those of the text before it (`old`)
 * outside the stretch `[start, oldEnd)` (moved by the growth when after it), the same shape at the same
 * place, plus, when `inside`, any units within the stretch's new extent `[start, newEnd)`; no unit may
 * overlap the stretch partly. The parser then read every unit outside the stretch that holds an error
 * as before; the rest of the text outside it is free of errors (read as before, see `sameForm`).
 */
function errorsKept(old: readonly ErrorUnit[], now: readonly ErrorUnit[], start: number, oldEnd: number, newEnd: number, inside: boolean): boolean {
  const delta = newEnd - oldEnd;
  let j = 0;
  for (const u of old) {
    if (u.start >= start && u.end <= oldEnd && u.end > u.start) {
      if (!inside) return false;
      continue;
    }
    if (u.end > start && u.start < oldEnd) return false;
    const at = u.start >= oldEnd ? u.start + delta : u.start;
    const end = u.start >= oldEnd ? u.end + delta : u.end;
    // units of the new stretch come first where they are before this one
    while (j < now.length && now[j]!.start < at && now[j]!.start >= start && now[j]!.end <= newEnd) {
      if (!inside) return false;
      j++;
    }
    const n = now[j];
    if (!n || n.start !== at || n.end !== end || n.shape !== u.shape) return false;
    j++;
  }
  for (; j < now.length; j++) {
    const n = now[j]!;
    if (!(inside && n.start >= start && n.end <= newEnd)) return false;
  }
  return true;
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
 * What one incremental update changed in the tree: the subtrees `removed` (detached; their words keep the
 * offsets of the text before the edit) were replaced by `added` (children of `parent`, next to each other,
 * in document order); either list may be empty (units inserted or deleted; both empty: only the mentions
 * of the nodes on the way changed, or nothing). `path` lists the nodes from the root down to `parent` (root
 * first), whose own words did not change but whose children (or mentions) may have; `mentioned`, other
 * nodes whose mentions changed (off that way: e.g. a typed word made the unit's node one another unit
 * wrote, so it now only mentions it), with `effectiveMentioned` their effective counterparts. In the effective tree
 * (group-free configurations only), `effectiveRemoved` / `effectiveAdded` are the counterparts, under
 * `effectiveParent`. `effectiveKept` false: the effective tree was not kept (it is computed again from the
 * whole tree on demand, new node objects); true with `effectiveParent` undefined: the change is inside an
 * inactive statement and the effective tree did not change.
 */
export interface ModelChange {
  /** the edit given, or the same one moved right (`slidEdit`: the same texts before and after it) when
   *  the update read it there: offsets at or after its `oldEnd` moved by its growth, those before it not */
  readonly edit: ModelEdit;
  readonly removed: readonly ConfigNode[];
  readonly added: readonly ConfigNode[];
  readonly parent: ConfigNode;
  readonly path: readonly ConfigNode[];
  readonly mentioned: readonly ConfigNode[];
  readonly effectiveRemoved: readonly ConfigNode[];
  readonly effectiveAdded: readonly ConfigNode[];
  readonly effectiveMentioned: readonly ConfigNode[];
  readonly effectiveParent: ConfigNode | undefined;
  readonly effectiveKept: boolean;
}

type NodeWithErrorFlag = SyntaxNodeLike & { readonly hasError?: boolean };

/** `curly` (statements and notes only) or `set` (`set` commands and notes only) when the tree is free of
 *  parse errors; undefined otherwise (no incremental update). `allowErrors`: top-level units holding
 *  parse errors count for neither form, provided a full build reads them locally (`readsLocally`: no
 *  command other than `set`, which would move the edit level for the units after them). */
export function documentForm(rootNode: SyntaxNodeLike, text: string, allowErrors = false): 'curly' | 'set' | undefined {
  if (!allowErrors && (rootNode as NodeWithErrorFlag).hasError !== false) return undefined;
  let curly = false;
  let set = false;
  for (const c of rootNode.children) {
    if (!c) continue;
    if (allowErrors && flagged(c)) {
      if (!readsLocally(c, text)) return undefined;
      continue;
    }
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
function sameForm(form: 'curly' | 'set', top: SyntaxNodeLike | undefined, text: string): boolean {
  if (!top) return false;
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
function passable(n: ConfigNode, r: Range, edited: (s: WordSource) => boolean, freeForm = false): boolean {
  if (n.role === 'opaque' || n.role === 'unknown') {
    // (set form, runs only: a free-form word's node whose `terminal` flag `terminalAgain` works out again)
    if (!freeForm || n.keywordWord === undefined || n.keywordWord.kind === 'synthetic' || n.values.length > 0 || n.opensBlock !== undefined) return false;
    if (n.mentions.length > MAX_FREE_FORM_WRITERS) return false;
  } else if (n.keywordWord && inRange(n.keywordWord.source, r) && edited(n.keywordWord.source)) return false;
  // (a free-form node's keyword word is its first writer's: `reidentify` sets it again)
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

/** The `undefined-group` problems after an update: found again when the update touched groups, else the
 *  previous ones moved by the edit's growth. */
function groupProblemsAfter(state: IncrementalState, groupsTouched: boolean, docId: string, oldEnd: number, delta: number): readonly ModelProblem[] {
  if (groupsTouched) return undefinedGroupProblems(state.root);
  return delta === 0 ? state.groupProblems : state.groupProblems.map((p) => movedProblem(p, docId, oldEnd, delta));
}

/** Moves what follows a re-read stretch by `delta` without visiting it word by word: the records around
 *  the stretch grow; in the boundary chunk (that of the last record or note before the stretch's end,
 *  which holds things on both sides) the records from `scopeTo` and the notes from `looseTo` move one by
 *  one; the later chunks move whole. Returns the boundary chunk (new records are anchored to it), or
 *  undefined when a record or note to move is not anchored (the tree must then be dropped). */
function moveAfter(
  chunks: readonly Chunk[], around: readonly Scope[], scopes: readonly ScopeRecord[], scopeTo: number,
  loose: readonly WordSource[], looseTo: number, delta: number,
): Chunk | undefined {
  const boundary = laterChunk(chunkOf(scopeTo > 0 ? scopes[scopeTo - 1] : undefined), chunkOf(looseTo > 0 ? loose[looseTo - 1] : undefined)) ?? chunks[0];
  if (!boundary || delta === 0) return boundary;
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
  for (let i = boundary.index + 1; i < chunks.length; i++) chunks[i]!.start += delta;
  return boundary;
}

/** The records `scopes[scopeFrom, scopeTo)` and notes `loose[looseFrom, looseTo)` an update takes out,
 *  no longer counted in their chunks' `items`. */
function recount(scopes: readonly ScopeRecord[], scopeFrom: number, scopeTo: number, loose: readonly WordSource[], looseFrom: number, looseTo: number): void {
  for (let i = scopeFrom; i < scopeTo; i++) {
    const c = chunkOf(scopes[i]);
    if (c) c.items--;
  }
  for (let i = looseFrom; i < looseTo; i++) {
    const c = chunkOf(loose[i]);
    if (c) c.items--;
  }
}

/** The run of `list` (records or notes, in document order) anchored on `chunk`, found by its chunk index
 *  (chunk indexes never decrease along the list); undefined when an item met on the way has no chunk. */
function runOn<T extends ScopeRecord | WordSource>(list: readonly T[], chunk: Chunk): T[] | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = chunkOf(list[mid]);
    if (!c) return undefined;
    if (c.index < chunk.index) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < list.length; i++) {
    const c = chunkOf(list[i]);
    if (c === chunk) out.push(list[i]!);
    else if (c) break;
  }
  return out;
}

/**
 * The chunks after an update that put its records into `boundary`: the same list, unless `boundary` has
 * grown past MAX_CHUNK_ITEMS (records typed at one place all go into it): then it is cut into chunks of
 * normal size (model/anchors.ts `splitChunk`), so an edit there moves a few hundred records one by one,
 * not all those typed since the last full build. Offsets stay as they are.
 */
function chunksAfter(chunks: readonly Chunk[], boundary: Chunk, scopes: readonly ScopeRecord[], loose: readonly WordSource[]): readonly Chunk[] {
  if (boundary.items <= MAX_CHUNK_ITEMS) return chunks;
  const records = runOn(scopes, boundary);
  const notes = runOn(loose, boundary);
  if (!records || !notes) return chunks;
  // its records and notes in document order (the chunk's items lie in one stretch of each list)
  const items: ChunkItem[] = [];
  let i = 0;
  let j = 0;
  while (i < records.length || j < notes.length) {
    if (j >= notes.length || (i < records.length && records[i]!.start <= notes[j]!.start)) items.push(records[i++] as Scope);
    else items.push(notes[j++] as AnchoredSource);
  }
  boundary.items = items.length;
  return splitChunk(chunks, boundary, items);
}

/** The records an update replaced, their words dropped (a full build's pool would keep them alive). */
function withoutWords(removed: ScopeRecord[]): ScopeRecord[] {
  for (const r of removed) if (r instanceof Scope) r.dropWords();
  return removed;
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
  // a run of whole units first (it covers units touched at their ends, inserted, deleted, or turned
  // from owning a node into mentioning one); then the one unit strictly around the edit (it also keeps
  // the nodes the unit created that other units write into)
  // where the tree holds parse errors now: outside the units read again, where it held them before
  const errorUnits = errorUnitsOf(rootNode);
  if (!errorUnits) return undefined;
  const slid = slidEdit(state.text, doc.text, edit);
  let run = updateRun(state, doc, edit, slid, errorUnits);
  if (run === DECLINED && slid !== edit) run = updateRun(state, doc, edit, edit, errorUnits);
  if (run !== DECLINED) return run;
  const found = candidates(rootNode, edit);
  if (sameForm(state.form, found[0]?.unit, doc.text)) {
    // innermost first: the smallest unit that owns what it wrote (and holds no parse error)
    for (let i = found.length - 1; i >= 0; i--) {
      const plan = planFor(state, doc, found[i]!, edit);
      if (!plan || !errorsKept(state.errorUnits, errorUnits, plan.old.start, plan.old.end, plan.now.end, false)) continue;
      const around = enclosing(state, found.slice(0, i + 1), edit);
      return around ? apply(state, doc, plan, edit, around, errorUnits) : undefined;
    }
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

function apply(state: IncrementalState, doc: SourceDoc, plan: Plan, edit: ModelEdit, around: readonly Scope[], errorUnits: readonly ErrorUnit[]): IncrementalState | undefined {
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
    const mentions = n.mentions;
    mentions.splice(first, count);
    n.mentions = mentions;
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
  const boundary = moveAfter(state.chunks, around, scopes, scopeTo, loose, looseTo, delta);
  if (!boundary) return undefined;
  const movedProblems = delta === 0 ? problems : problems.map((p) => movedProblem(p, doc.id, old.end, delta));
  recount(scopes, scopeFrom, scopeTo, loose, looseFrom, looseTo);

  // 3. read the unit again, in the context its block gave it
  const newProblems: ModelProblem[] = [];
  const newScopes: ScopeRecord[] = [];
  const newLoose: WordSource[] = [];
  const childrenBefore = shared.map((n) => n.children.length);
  const atChildrenBefore = at.children.length;
  const builder = docBuilder(doc, state.root, state.rootSchema, newProblems, newScopes, newLoose, { next: () => boundary });
  if (state.form === 'set') builder.top(plan.unit);
  else builder.statement(plan.unit, at, plan.context ?? builder.contextOf(at));
  boundary.items += newScopes.length + newLoose.length;

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
  ownChildren(parent).splice(parent.children.length - 1, 1);
  ownChildren(parent).splice(index, 0, added);
  compactTree(added);
  // the unit's mentions back where its old ones were (mentions are in document order)
  for (let k = 0; k < shared.length; k++) {
    const n = shared[k]!;
    // the unit's new mentions are the last ones (the old ones were taken out)
    const mentions = n.mentions; // (read once: with the compact layout each read makes an array)
    let from = mentions.length;
    while (from > 0 && inRange(mentions[from - 1]!.source, now)) from--;
    if (from === mentions.length) return undefined;
    const moved = mentions.splice(from);
    mentions.splice(mentionAt[k]!, 0, ...moved);
    n.mentions = mentions;
    // the keys a created node kept are the words the unit now mentions (the same text, at the same place);
    // a lone key is kept without an array (model/tree.ts): the keys are written back, also to the
    // effective node (which holds the written node's keys, not a copy)
    const keys = [...n.keys]; // a new array: the compact mention layout reads the kept keys until it is assigned
    let rekeyed = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const at = identity.get(key.source);
      if (at === undefined) continue;
      const again = moved.find((m) => m.source.start === at && m.text === key.text && m.kind === key.kind);
      if (!again) return undefined;
      keys[i] = again;
      rekeyed = true;
    }
    if (rekeyed) {
      n.keys = keys;
      if (effective && !sharedEffective) {
        const counterpart = effectiveCounterpart(effective, n);
        if (counterpart === 'lost') effective = undefined;
        else if (counterpart !== 'hidden') counterpart.keys = keys;
      }
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
    // the effective node shares the written node's mentions, but a written node keeping them without an
    // array (model/tree.ts) read them as a fresh one above: the effective node is given them again
    if (effective && !sharedEffective) {
      const counterpart = effectiveCounterpart(effective, n);
      if (counterpart === 'lost') effective = undefined;
      else if (counterpart !== 'hidden') shareMentions(counterpart, n);
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
      ownChildren(effectiveParent).splice(effectiveParent.children.length - 1, 1);
      ownChildren(effectiveParent).splice(position, 0, copy);
    }
  }

  // a copied effective tree whose last inactive statement went away is dropped: a fresh one is the written tree
  if (effective && !sharedEffective && hasInactive(owned) && plainTree(state.root)) effective = undefined;

  const buildProblems = [...movedProblems.slice(0, problemAt), ...newProblems, ...movedProblems.slice(problemAt)];
  const groupProblems = groupProblemsAfter(state, groupsBefore || groupsAfter, doc.id, old.end, delta);
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
    chunks: chunksAfter(state.chunks, boundary, nextScopes, nextLoose),
    groupFree: free,
    effective,
    change: {
      edit,
      removed: [owned],
      added: [added],
      parent,
      path: pathTo(parent),
      mentioned: [],
      effectiveRemoved: effective && effectiveRemoved ? [effectiveRemoved] : [],
      effectiveAdded: effective && effectiveAdded ? [effectiveAdded] : [],
      effectiveMentioned: [],
      effectiveParent: effective ? effectiveParent : undefined,
      effectiveKept: effective !== undefined,
    },
    unit: { start: old.start, oldEnd: old.end, newEnd: now.end, removedScopes: withoutWords(scopes.slice(scopeFrom, scopeTo)), addedScopes: newScopes },
    errorUnits,
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

const DECLINED = 'declined';

// ---- runs of whole units: units inserted, deleted, or touched at their first or last character ----

/** True when a full build reads every part of `n` locally: no notes (they attach across statements), no
 *  banner, no command other than `set` (they move the edit level, delete, copy, re-key). */
function readsLocally(n: SyntaxNodeLike, text: string): boolean {
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (isNote(x) || x.type === 'banner') return false;
    if (x.type === 'command') {
      const verb = x.childForFieldName('verb');
      if (!verb || text.slice(verb.startIndex, verb.endIndex) !== 'set') return false;
    }
    for (const c of x.children) if (c) stack.push(c);
  }
  return true;
}

const hasErrorIn = (n: SyntaxNodeLike): boolean => n.type === 'ERROR' || n.isMissing || (n as NodeWithErrorFlag).hasError !== false;

/** The unit (statement or command) of the text before the edit with the same extent as `n` (moved by
 *  `shift`), when `n` has words and no parse error: the same unit, read the same way. */
function sameUnit(state: IncrementalState, n: SyntaxNodeLike, shift: number): boolean {
  if ((n.type !== 'statement' && n.type !== 'command') || hasErrorIn(n) || !hasWords(n)) return false;
  return scopeAt(state.scopes, n.startIndex - shift, n.endIndex - shift, ['statement', 'command']) !== undefined;
}

/** A free-form node is written by at most this many commands when the run shares it (`terminalAgain`). */
const MAX_FREE_FORM_WRITERS = 64;

/**
 * The `terminal` flag a full build gives a free-form node of a set-form file: true when one of the
 * commands that wrote it (one mention each) ends with its word, as `set` marks the last node it
 * materialized. Undefined when that cannot be told from the command's records and text (a word of the
 * node outside a command record, or something other than blanks and words after it, e.g. `[ ]`).
 */
function terminalAgain(n: ConfigNode, scopes: readonly ScopeRecord[], text: string): boolean | undefined {
  let terminal = false;
  for (const m of n.mentions) {
    const i = firstIndexAtOrAfter(scopes, m.source.start + 1, (s) => s.start) - 1;
    const record = i >= 0 ? scopes[i] : undefined;
    if (!record || record.kind !== 'command' || record.verb !== 'set' || record.end <= m.source.start) return undefined;
    const words = record.words;
    const k = firstIndexAtOrAfter(words, m.source.start, (w) => w.source.start);
    if (words[k]?.source.start !== m.source.start) return undefined;
    if (k + 1 < words.length) continue; // more words after it: a deeper node was the last one
    if (text.slice(m.source.end, record.end).trim() !== '') return undefined;
    terminal = true;
  }
  return terminal;
}

/**
 * A free-form node's keyword word made its first writer's (its first mention: mentions are in document
 * order) and the node put where a full build creates it among its siblings (in creation order: by the
 * offset of the first word each got). True when it changed; undefined when its place cannot be told.
 */
function reidentify(n: ConfigNode): boolean | undefined {
  const creator = n.mentions[0];
  const parent = n.parent;
  if (!creator || !parent) return undefined;
  if (n.keywordWord === creator) return false;
  n.keywordWord = creator;
  const siblings = ownChildren(parent);
  const from = siblings.indexOf(n);
  if (from < 0) return undefined;
  siblings.splice(from, 1);
  let lo = 0;
  let hi = siblings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const o = creationOffset(siblings[mid]!);
    if (o === undefined) return undefined;
    if (o < creator.source.start) lo = mid + 1;
    else hi = mid;
  }
  siblings.splice(lo, 0, n);
  return true;
}

/** The offset of the first word a node got (its creator's: children are created in document order);
 *  undefined when it holds none. */
function creationOffset(n: ConfigNode): number | undefined {
  let min = Infinity;
  const see = (w: Word | undefined): void => {
    if (w && w.source.start < min) min = w.source.start;
  };
  see(n.keywordWord);
  see(n.keys[0]);
  see(n.mentions[0]);
  see(n.values[0]);
  see(n.overridden[0]?.[0]);
  return min === Infinity ? undefined : min;
}

/** The nodes below `at` holding words of `r`: the subtrees they own alone, and the nodes they pass
 *  through (holding only mentions in `r`; their keyword and keys, which say who created them, outside it).
 *  `createdBefore`: a node passed through must have been created before it (else the unit would be its
 *  creator in a full build). Undefined when the words lie otherwise. */
function touchedBy(at: ConfigNode, r: Range, createdBefore: number | undefined, freeForm: boolean): { shared: ConfigNode[]; owned: ConfigNode[] } | undefined {
  if (holdsIn(at, r)) return undefined;
  const shared: ConfigNode[] = [];
  const owned: ConfigNode[] = [];
  const never = (): boolean => true;
  const stack = [at];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of n.children) {
      if (!holdsIn(c, r)) continue;
      if (ownedBy(c, r)) {
        owned.push(c);
        continue;
      }
      if (!passable(c, r, never, freeForm)) return undefined;
      const freeWord = c.role === 'opaque' || c.role === 'unknown';
      if (!freeWord && createdBefore !== undefined && !((creationOffset(c) ?? Infinity) < createdBefore)) return undefined;
      shared.push(c);
      stack.push(c);
    }
  }
  return { shared, owned };
}

/** The one parent of `owned` (all must share it), else the deepest of `shared` (they must lie on one
 *  chain), else `at`. Undefined when they do not fit one parent. */
function oneParent(at: ConfigNode, shared: readonly ConfigNode[], owned: readonly ConfigNode[]): ConfigNode | undefined {
  let parent: ConfigNode | undefined = owned[0]?.parent;
  for (const o of owned) if (o.parent !== parent) return undefined;
  if (!parent) {
    parent = at;
    for (const s of shared) if (depthBelow(s, at) > depthBelow(parent, at)) parent = s;
  }
  return parent;
}

function depthBelow(n: ConfigNode, at: ConfigNode): number {
  let d = 0;
  for (let x: ConfigNode | undefined = n; x && x !== at; x = x.parent) d++;
  return d;
}

function isAncestorOrSelf(a: ConfigNode, n: ConfigNode): boolean {
  for (let x: ConfigNode | undefined = n; x; x = x.parent) if (x === a) return true;
  return false;
}

/**
 * The same edit moved as far right as it reads the same: an insertion whose first character is the one
 * after it is that character followed by the rest of the insertion and the first character again, one
 * further (T[..s) + I + T[s..) = T[..s+1) + I[1..] + I[0] + T[s+1..) when I[0] = T[s]); a deletion of
 * [s, e) with T[s] = T[e] deletes [s+1, e+1) (T[..s) + T[e..) = T[..s+1) + T[e+1..)). A line typed after
 * another one starts with its line break: moved past it (and the indent), it no longer touches the line
 * before, whose set-form command ends with that line break (moved over one line break at most: not into
 * the next line's words). Replacements are not moved. The texts before and after are the same either
 * way; a run read there reports the moved edit (`ModelChange.edit`): a word kept right before it (ending
 * where the edit starts) does not move.
 */
function slidEdit(before: string, after: string, edit: ModelEdit): ModelEdit {
  const inserted = edit.newEnd - edit.start;
  const deleted = edit.oldEnd - edit.start;
  if ((inserted === 0) === (deleted === 0)) return edit;
  // (in the text after an insertion, I[k] = after[s + k] and T[s + k] = after[newEnd + k])
  const text = inserted > 0 ? after : before;
  const end = inserted > 0 ? edit.newEnd : edit.oldEnd;
  // moved over one line break at most (past the line the edit starts on, not into the next one's words)
  let by = 0;
  while (end + by < text.length && text.charCodeAt(edit.start + by) === text.charCodeAt(end + by)) {
    by++;
    if (text.charCodeAt(end + by - 1) === 10) break;
  }
  return by === 0 ? edit : { start: edit.start + by, oldEnd: edit.oldEnd + by, newEnd: edit.newEnd + by };
}

/**
 * The update for an edit whose units (the statements or commands of one block, or of the top level, it
 * touches, overlaps, inserts or deletes) are read again as a run: the units of the text before the edit
 * between the two unchanged neighbours are taken out, those of the text after it read in their place.
 * `where`: the edit or the same one moved (`slidEdit`), where the run is looked for.
 * The run's parse errors are allowed when they lie in it alone (`errors`). `DECLINED` when a condition
 * fails before the tree was changed (another way may still apply); undefined when one fails after.
 */
function updateRun(state: IncrementalState, doc: SourceDoc, edit: ModelEdit, where: ModelEdit, errorUnits: readonly ErrorUnit[]): IncrementalState | typeof DECLINED | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  const rootNode = doc.tree.rootNode;
  // the holder: the innermost block strictly around the edit (of statements strictly around it)
  const statements: SyntaxNodeLike[] = [];
  const blocks: SyntaxNodeLike[] = [];
  let holder = rootNode;
  for (;;) {
    const k = lastChildBefore(holder, where.start);
    const c = k >= 0 ? holder.children[k] : undefined;
    if (!c || c.type !== 'statement' || !(c.startIndex < where.start && where.newEnd < c.endIndex)) break;
    let block: SyntaxNodeLike | undefined;
    for (const b of c.children) if (b && b.type === 'block' && b.startIndex < where.start && where.newEnd < b.endIndex) block = b;
    if (!block) break;
    statements.push(c);
    blocks.push(block);
    holder = block;
  }
  const kids = holder.children;
  let first = 0;
  let last = kids.length - 1;
  if (holder !== rootNode) {
    const open = kids[0];
    const close = kids[last];
    if (!open || open.type !== '{' || !close || close.type !== '}' || close.isMissing) return DECLINED;
    first = 1;
    last--;
  }
  // the run: the children overlapping the edit's new range (holding its point when it is empty)
  let hi = Math.max(Math.min(lastChildBefore(holder, where.newEnd), last), first - 1);
  let lo = hi + 1;
  while (lo - 1 >= first && kids[lo - 1] && kids[lo - 1]!.endIndex > where.start) lo--;
  if (lo > hi) hi = lo - 1;
  // widened until the neighbours are units of the text before the edit, unchanged
  for (let tries = 0; ; tries++) {
    if (tries > 8) return DECLINED;
    const prev = lo - 1 >= first ? kids[lo - 1] : undefined;
    const next = hi + 1 <= last ? kids[hi + 1] : undefined;
    let widened = false;
    if (lo - 1 >= first && (!prev || !sameUnit(state, prev, 0))) {
      lo--;
      widened = true;
    }
    if (hi + 1 <= last && (!next || !sameUnit(state, next, delta))) {
      hi++;
      widened = true;
    }
    if (!widened) break;
  }
  const prev = lo - 1 >= first ? kids[lo - 1]! : undefined;
  const next = hi + 1 <= last ? kids[hi + 1]! : undefined;
  const start = prev ? prev.endIndex : holder === rootNode ? 0 : kids[0]!.endIndex;
  const newEnd = next ? next.startIndex : holder === rootNode ? doc.text.length : kids[kids.length - 1]!.startIndex;
  const oldEnd = newEnd - delta;
  if (start > where.start || newEnd < where.newEnd || oldEnd < start || oldEnd > state.text.length) return DECLINED;
  const old: Range = { docId: doc.id, start, end: oldEnd };
  const now: Range = { docId: doc.id, start, end: newEnd };
  // parse errors: in the run, or where they were before it (moved), read the same way
  if (!errorsKept(state.errorUnits, errorUnits, start, oldEnd, newEnd, true)) return DECLINED;
  const units: SyntaxNodeLike[] = [];
  for (let i = lo; i <= hi; i++) {
    const u = kids[i];
    if (!u || !readsLocally(u, doc.text)) return DECLINED;
    units.push(u);
  }

  // the records around the run (they grow), and the node and walk context its units are read in
  const around: Scope[] = [];
  let innermost: ScopeRecord | undefined;
  for (let j = 0; j < statements.length; j++) {
    const st = scopeAt(state.scopes, statements[j]!.startIndex, statements[j]!.endIndex - delta, ['statement']);
    const bl = scopeAt(state.scopes, blocks[j]!.startIndex, blocks[j]!.endIndex - delta, ['block']);
    if (!(st instanceof Scope) || !(bl instanceof Scope)) return DECLINED;
    around.push(st, bl);
    innermost = bl;
  }
  let at = state.root;
  let context: WalkContext | undefined;
  if (holder !== rootNode) {
    const block = innermost;
    if (!block || !block.context || block.context.pendingList) return DECLINED;
    at = block.node;
    context = block.context;
  }
  const scopes = state.scopes as ScopeRecord[];
  const scopeFrom = firstIndexAtOrAfter(scopes, start, (s) => s.start);
  let scopeTo = scopeFrom;
  while (scopeTo < scopes.length && scopes[scopeTo]!.start < oldEnd) scopeTo++;
  for (let i = scopeFrom; i < scopeTo; i++) if (scopes[i]!.end > oldEnd) return DECLINED;
  const loose = state.loose;
  const looseFrom = firstIndexAtOrAfter(loose, start, (s) => s.start);
  if (looseFrom < loose.length && loose[looseFrom]!.start < oldEnd) return DECLINED;

  // what the old units wrote: subtrees they own, mentions of nodes created before them
  // (set form: several commands may write one free-form word's node, e.g. half-typed `set i` lines)
  const freeForm = state.form === 'set' && holder === rootNode;
  const before = touchedBy(at, old, undefined, freeForm);
  if (!before) return DECLINED;
  const oldParent = before.owned.length > 0 ? oneParent(at, before.shared, before.owned) : undefined;
  if (before.owned.length > 0 && !oldParent) return DECLINED;
  const modifiers = /(inactive|protect)\s*:/;
  const modified = modifiers.test(state.text.slice(start, oldEnd)) || modifiers.test(doc.text.slice(start, newEnd));
  if (modified && before.shared.length > 0) return DECLINED;
  const groupsBefore = before.owned.some(touchesGroups);
  const childCounts = new Map<ConfigNode, number>();
  for (const n of [at, ...before.shared]) childCounts.set(n, n.children.length);

  // 1. take the old units' part out
  const oldIndex = oldParent && before.owned.length > 0 ? oldParent.children.indexOf(before.owned[0]!) : -1;
  for (const o of before.owned) removeChild(oldParent!, o);
  for (const n of before.shared) {
    const from = firstMentionFrom(n.mentions, start);
    let count = 0;
    while (from + count < n.mentions.length && inRange(n.mentions[from + count]!.source, old)) count++;
    if (count > 0) {
      const mentions = n.mentions;
      mentions.splice(from, count);
      n.mentions = mentions;
    }
  }
  const problems = state.buildProblems.filter((p) => !inRange(p, old));
  const problemAt = firstIndexAtOrAfter(problems, oldEnd, (p) => (p.docId === doc.id ? p.start : -1));

  // 2. move everything after the run (as `apply` does)
  const boundary = moveAfter(state.chunks, around, scopes, scopeTo, loose, looseFrom, delta);
  if (!boundary) return undefined;
  const movedProblems = delta === 0 ? problems : problems.map((p) => movedProblem(p, doc.id, oldEnd, delta));
  recount(scopes, scopeFrom, scopeTo, loose, looseFrom, looseFrom);

  // 3. read the new units, in the context their block gave them
  const newProblems: ModelProblem[] = [];
  const newScopes: ScopeRecord[] = [];
  const newLoose: WordSource[] = [];
  const builder = docBuilder(doc, state.root, state.rootSchema, newProblems, newScopes, newLoose, { next: () => boundary });
  const walkContext = context ?? builder.contextOf(at);
  for (const u of units) {
    if (holder === rootNode) builder.top(u);
    else builder.child(u, at, walkContext);
  }
  if (newLoose.length > 0) return undefined;
  boundary.items += newScopes.length;

  // 4. check what they wrote: new subtrees of one parent, mentions of nodes created before the run
  const after = touchedBy(at, now, start, freeForm);
  if (!after) return undefined;
  if (modified && after.shared.length > 0) return undefined;
  const newParent = after.owned.length > 0 ? oneParent(at, after.shared, after.owned) : undefined;
  if (after.owned.length > 0 && !newParent) return undefined;
  if (oldParent && newParent && oldParent !== newParent) return undefined;
  const sharedAll = [...before.shared, ...after.shared];
  let parent = newParent ?? oldParent;
  if (!parent) {
    parent = at;
    for (const s of sharedAll) if (depthBelow(s, at) > depthBelow(parent, at)) parent = s;
  }
  // nodes passed through off the way to `parent` (their mentions changed): a word typed into a name
  // turned the unit's own node into one written elsewhere, or back
  const mentioned: ConfigNode[] = [];
  for (const s of sharedAll) if (!isAncestorOrSelf(s, parent) && !mentioned.includes(s)) mentioned.push(s);
  // nothing else grew: the new subtrees are the last children of `parent`, no other node got children
  for (const [n, count] of childCounts) {
    const removedHere = n === oldParent ? before.owned.length : 0;
    const addedHere = n === parent ? after.owned.length : 0;
    if (n.children.length !== count - removedHere + addedHere) return undefined;
  }
  const added = after.owned;
  // a node only the new units pass through (a whole line inserted under a node written before): its
  // children are those it had, each created outside the run (by its first word), and the added ones
  for (const n of after.shared) {
    if (childCounts.has(n)) continue;
    for (const c of n.children) {
      if (n === parent && added.includes(c)) continue;
      const o = creationOffset(c);
      if (o === undefined || (o >= start && o < newEnd)) return undefined;
    }
  }
  if (added.length > 0 && !childCounts.has(parent) && !after.shared.includes(parent)) return undefined;
  for (let i = 0; i < added.length; i++) if (parent.children[parent.children.length - added.length + i] !== added[i]) return undefined;
  // their place: after the children created before the run, before those created after it
  if (added.length > 0) {
    ownChildren(parent).splice(parent.children.length - added.length, added.length);
    let position: number;
    if (oldIndex >= 0) position = oldIndex;
    else {
      let lo2 = 0;
      let hi2 = parent.children.length;
      while (lo2 < hi2) {
        const mid = (lo2 + hi2) >> 1;
        const o = creationOffset(parent.children[mid]!);
        if (o === undefined) return undefined;
        if (o < start) lo2 = mid + 1;
        else hi2 = mid;
      }
      position = lo2;
    }
    ownChildren(parent).splice(position, 0, ...added);
    for (const a of added) compactTree(a);
  }
  // the new mentions of the nodes passed through, in document order
  for (const n of after.shared) {
    let from = n.mentions.length;
    while (from > 0 && inRange(n.mentions[from - 1]!.source, now)) from--;
    if (from === n.mentions.length) continue;
    const mentions = n.mentions;
    const moved = mentions.splice(from);
    mentions.splice(firstMentionFrom(mentions, start), 0, ...moved);
    n.mentions = mentions;
  }

  // a free-form node written by commands outside the run too: its `terminal` flag, which any of its
  // writers may have set, worked out again from all of them; its creator (the first writer: the run may
  // have become it, or have held it) and so its keyword word and its place among its siblings
  const nextScopes = replacedRun(scopes, scopeFrom, scopeTo - scopeFrom, newScopes);
  let reidentified = false;
  for (const s of new Set(sharedAll)) {
    if (s.role !== 'opaque' && s.role !== 'unknown') continue;
    const terminal = terminalAgain(s, nextScopes, doc.text);
    if (terminal === undefined) return undefined;
    s.terminal = terminal;
    const changed = reidentify(s);
    if (changed === undefined) return undefined;
    reidentified ||= changed;
  }

  // 5. the effective tree (group-free configurations): the counterparts replaced, at the same place
  const groupsAfter = added.some(touchesGroups);
  const inGroups = pathTo(parent)[1]?.keyword === 'groups';
  const groupsTouched = groupsBefore || groupsAfter || inGroups;
  const free = groupsTouched ? groupFree(state.root) : state.groupFree;
  let effective = state.effective && state.groupFree && free && !groupsTouched ? state.effective : undefined;
  // (a copied effective tree keeps its nodes' places: dropped when a free-form node moved)
  if (reidentified && effective !== state.root) effective = undefined;
  // a plain configuration is its own effective tree (groups.ts `plainTree`): updating the written tree
  // updated it, unless the run brought an inactive statement (a fresh effective tree is then a copy)
  const sharedEffective = effective !== undefined && effective === state.root;
  if (sharedEffective && added.some(hasInactive)) effective = undefined;
  const effectiveRemoved: ConfigNode[] = sharedEffective ? [...before.owned] : [];
  const effectiveAdded: ConfigNode[] = sharedEffective ? [...added] : [];
  let effectiveParent: ConfigNode | undefined = sharedEffective ? parent : undefined;
  if (effective && !sharedEffective) {
    const counterpart = effectiveCounterpart(effective, parent);
    if (counterpart === 'lost') effective = undefined;
    else if (counterpart !== 'hidden') effectiveParent = counterpart;
  }
  const effectiveMentioned: ConfigNode[] = sharedEffective ? [...mentioned] : [];
  if (effective && !sharedEffective) {
    for (const s of sharedAll) {
      const c = effectiveCounterpart(effective, s);
      if (c === 'lost') effective = undefined;
      else if (c !== 'hidden') {
        shareMentions(c, s);
        if (mentioned.includes(s) && !effectiveMentioned.includes(c)) effectiveMentioned.push(c);
      }
      if (!effective) break;
    }
  }
  if (effective && !sharedEffective && effectiveParent) {
    for (const o of before.owned) {
      const gone = getChild(effectiveParent, o.keyword, o.keys.map((k) => k.text));
      if (gone && gone.origin?.node === o) {
        removeChild(effectiveParent, gone);
        effectiveRemoved.push(gone);
      } else if (effectiveVisible(o)) effective = undefined;
    }
  }
  if (effective && !sharedEffective && effectiveParent && added.length > 0) {
    let position = 0;
    for (const c of parent.children) {
      if (c === added[0]) break;
      if (effectiveVisible(c)) position++;
    }
    for (const a of added) {
      const copy = effectiveSubtree(a);
      if (!copy) continue;
      appendChild(effectiveParent, copy);
      ownChildren(effectiveParent).splice(effectiveParent.children.length - 1, 1);
      ownChildren(effectiveParent).splice(position++, 0, copy);
      effectiveAdded.push(copy);
    }
  }

  // a copied effective tree whose last inactive statement went away is dropped: a fresh one is the written tree
  if (effective && !sharedEffective && before.owned.some(hasInactive) && plainTree(state.root)) effective = undefined;

  const buildProblems = [...movedProblems.slice(0, problemAt), ...newProblems, ...movedProblems.slice(problemAt)];
  const groupProblems = groupProblemsAfter(state, groupsTouched, doc.id, oldEnd, delta);
  return {
    docId: state.docId,
    text: doc.text,
    form: state.form,
    root: state.root,
    rootSchema: state.rootSchema,
    buildProblems,
    groupProblems,
    scopes: nextScopes,
    loose,
    chunks: chunksAfter(state.chunks, boundary, nextScopes, loose),
    groupFree: free,
    effective,
    change: {
      edit: where,
      removed: before.owned,
      added,
      parent,
      path: pathTo(parent),
      mentioned,
      effectiveRemoved: effective ? effectiveRemoved : [],
      effectiveAdded: effective ? effectiveAdded : [],
      effectiveMentioned: effective ? effectiveMentioned : [],
      effectiveParent: effective ? effectiveParent : undefined,
      effectiveKept: effective !== undefined,
    },
    unit: { start, oldEnd, newEnd, removedScopes: withoutWords(scopes.slice(scopeFrom, scopeTo)), addedScopes: newScopes },
    errorUnits,
  };
}
