/**
 * ide/folding-ranges.ts: the foldable regions of a Junos document in either form.
 * Owns: which regions fold: a statement's `{ ... }` block (the closing brace stays visible), a multi-line
 *   annotation, a run of comment lines, a `[edit ...]` banner with the set lines under it, and a run of
 *   set lines sharing their first path word.
 *   `FoldingMemo` keeps each statement's and command's regions across versions (reused tree-copy nodes
 *   keep theirs, moved by their line shift); the top level's runs are found again from kept item facts.
 *   A top-level command (a set file's line) keeps only its facts, in two 16-bit columns per document (its
 *   line count and its first word's number), not an object per command.
 *   The first words are numbered up to a limit, renumbered over the kept columns when it is reached (the
 *   words of older versions forgotten, text/detached.ts `WordNumbers`).
 *   The memo stays under `junos.maxItemsComputed` (the handler cuts its result, ide/result-limit.ts): which
 *   regions are outermost depends on all of them, and a walk from scratch costs ~80-150 ms (curly) /
 *   ~125-245 ms (set) per version at 100,000 lines against ~7-60 ms with the memo, which holds 9 MB (curly) /
 *   0.5 MB (set; 11 MB with an object per command), gc()'d heap by scripts/bench/mirror-bench.js.
 * Must not know: LSP types, the schema.
 * Invariants: every region spans at least two lines; startLine < endLine; never throws; regions come
 *   out sorted by start line, then end line descending, then comments first (a total order); with a memo,
 *   the same regions as without (randomized test); iterative walks.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts
 */
import type { SyntaxNodeLike } from '../model/source';
import { detached, WordNumbers } from '../text/detached';
import type { LineIndex } from '../text/line-index';
import { alignedColumns } from './aligned-items';
import { bodyOf, childrenOf, headWords, presentChildren } from './syntax-shape';

export type FoldKind = 'region' | 'comment';

export interface FoldRegion {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: FoldKind;
}

/** The region a node folds by itself: a statement's body (the closing brace's line stays visible, as in
 *  every curly-brace language) or an annotation. */
function ownRegion(
  node: SyntaxNodeLike, lineOf: (offset: number) => number, lastLineOf: (node: SyntaxNodeLike) => number,
  add: (startLine: number, endLine: number, kind: FoldKind) => void,
): void {
  if (node.type === 'statement') {
    const body = bodyOf(node);
    if (body) add(lineOf(node.startIndex), lastLineOf(body) - 1, 'region');
  } else if (node.type === 'annotation') {
    add(lineOf(node.startIndex), lastLineOf(node), 'comment');
  }
}

/**
 * The folding regions of `text` (parsed as `root`). With `memo` (kept by the caller from one version of the
 * document to the next), the regions of every subtree seen before are taken from it (see `FoldingMemo`);
 * `doc` names the document for it.
 */
export function foldingRegions(text: string, root: SyntaxNodeLike, lines: LineIndex, memo?: FoldingMemo, doc?: string): FoldRegion[] {
  if (memo && !text.includes('\r')) return memo.regions(text, root, lines, doc);
  const regions: FoldRegion[] = [];
  const add = (startLine: number, endLine: number, kind: FoldKind): void => {
    if (endLine > startLine) regions.push({ startLine, endLine, kind });
  };
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const lastLineOf = (node: SyntaxNodeLike): number => lineOf(Math.max(node.startIndex, node.endIndex - 1));

  const stack: SyntaxNodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = childrenOf(node);
    ownRegion(node, lineOf, lastLineOf, add);
    if (node.type === 'configuration' || node.type === 'block') foldItems(kids, freshFacts(text, lines, kids), add);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return sortRegions(regions);
}

/** Start line ascending, end line descending, comments first: a total order, so any two ways of finding
 *  the same regions list them alike. */
function sortRegions(regions: FoldRegion[]): FoldRegion[] {
  return regions.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine || (a.kind === b.kind ? 0 : a.kind === 'comment' ? -1 : 1));
}

type AddRegion = (startLine: number, endLine: number, kind: FoldKind) => void;

/** What the run rules read of the items of a block (or of the top level), by index. */
interface ItemFacts {
  startLine(index: number): number;
  lastLine(index: number): number;
  /** the first path word of a command ('' when it has none) */
  firstWord(index: number): string;
}

/** The facts of `items` read from the text and the line index. */
function freshFacts(text: string, lines: LineIndex, items: readonly SyntaxNodeLike[]): ItemFacts {
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  return {
    startLine: (i) => lineOf(items[i]!.startIndex),
    lastLine: (i) => lineOf(Math.max(items[i]!.startIndex, items[i]!.endIndex - 1)),
    firstWord: (i) => firstWordOf(text, items[i]!),
  };
}

function firstWordOf(text: string, command: SyntaxNodeLike): string {
  const first = headWords(command)[0];
  return first ? text.slice(first.startIndex, first.endIndex) : '';
}

/** The regions a block's (or the top level's) items make together: comment runs and set sections. */
function foldItems(items: readonly SyntaxNodeLike[], facts: ItemFacts, add: AddRegion): void {
  foldCommentRuns(items, facts, add);
  foldSetSections(items, facts, add);
}

function foldCommentRuns(items: readonly SyntaxNodeLike[], facts: ItemFacts, add: AddRegion): void {
  let runStart = -1;
  let runEnd = -1;
  for (let i = 0; i < items.length; i++) {
    const startLine = facts.startLine(i);
    const ownLine = items[i]!.type === 'comment' && startLine > runEnd;
    if (ownLine && runStart >= 0 && startLine === runEnd + 1) {
      runEnd = facts.lastLine(i);
      continue;
    }
    if (runStart >= 0) add(runStart, runEnd, 'comment');
    runStart = -1;
    runEnd = facts.lastLine(i);
    if (ownLine) runStart = startLine;
  }
  if (runStart >= 0) add(runStart, runEnd, 'comment');
}

function foldSetSections(items: readonly SyntaxNodeLike[], facts: ItemFacts, add: AddRegion): void {
  let bannerLine = -1;
  let sectionEnd = -1;
  // the run of commands sharing their first word: first and last index, -1 when none
  let runFirst = -1;
  let runLast = -1;
  let runWord = '';
  const closeRun = (): void => {
    if (runFirst >= 0 && runLast > runFirst) add(facts.startLine(runFirst), facts.lastLine(runLast), 'region');
    runFirst = -1;
    runLast = -1;
    runWord = '';
  };
  const closeSection = (): void => {
    if (bannerLine >= 0) add(bannerLine, sectionEnd, 'region');
    bannerLine = -1;
  };
  for (let i = 0; i < items.length; i++) {
    const type = items[i]!.type;
    if (type === 'banner') {
      closeRun();
      closeSection();
      bannerLine = facts.startLine(i);
      sectionEnd = facts.lastLine(i);
      continue;
    }
    if (type === 'command') {
      const word = facts.firstWord(i);
      if (word === '' || word !== runWord) closeRun();
      if (runFirst < 0) runFirst = i;
      runLast = i;
      runWord = word;
    } else if (type !== 'comment') {
      closeRun();
    }
    if (bannerLine >= 0) sectionEnd = Math.max(sectionEnd, facts.lastLine(i));
  }
  closeRun();
  closeSection();
}

/** What the memo holds for one node: its subtree's regions when it started on `line`, and the facts the
 *  run rules read of it as an item (its line count and first word do not change while it is reused). */
interface Memoized {
  line: number;
  regions: readonly FoldRegion[];
  readonly lastLineOffset: number;
  readonly firstWord: string;
}

const NO_REGIONS: readonly FoldRegion[] = Object.freeze([]);

/** The nodes the memo keeps (the items that hold most of a document; a weak map of every word would cost
 *  more to keep than walking the words again). */
const KEPT_KINDS: ReadonlySet<string> = new Set(['statement', 'command']);

/** A column entry for an item the columns do not keep. */
const NOT_KEPT = 0xffff;

/** Per document: the top level's items at the last call and, per top-level command without regions, its
 *  facts in two columns: its last line minus its start line and its first word's number (NOT_KEPT for any
 *  other item, which `byNode` keeps if anything does). 4 bytes a command, not an object and a weak-map entry. */
interface TopItems {
  readonly kids: readonly SyntaxNodeLike[];
  readonly lastLineOffsets: Uint16Array;
  readonly firstWords: Uint16Array;
}

/**
 * The folding regions of each subtree of a document's plain tree copy (ide/tree-mirror.ts), kept from one
 * version to the next: the copy reuses the object of every subtree an edit did not touch (text unchanged,
 * only moved), so such a node's regions are taken as they are (moved by its line shift); only new nodes are
 * walked, and the top level's (and each new block's) runs are found again from each item's kept facts.
 * Statements (and the rare command with regions) are kept weakly by node; the top level's commands (a set
 * file's lines) in columns aligned with the document's top-level items of its last call (the items before
 * and after the edited ones are the same objects). Equals `foldingRegions` without a memo on the same text
 * and tree (randomized test).
 */
export class FoldingMemo {
  private readonly byNode = new WeakMap<SyntaxNodeLike, Memoized>();
  /** the distinct first words of the commands kept, numbered (they repeat on most commands), copies of their
   *  own: a slice of the text would keep that version of the text alive (text/detached.ts) */
  private readonly words: WordNumbers;
  /** per document (most recent last) */
  private readonly tops = new Map<string, TopItems>();

  /** `wordLimit`: distinct first words numbered at most (commands with others are not kept) */
  constructor(wordLimit = SHARED_WORDS) {
    this.words = new WordNumbers(Math.min(wordLimit, NOT_KEPT));
  }

  /** `doc`: names the document, so its top level is matched with the one of its last call (by identity:
   *  the items before and after the edited ones are the same objects) instead of looked up one by one. */
  regions(text: string, root: SyntaxNodeLike, lines: LineIndex, doc = ''): FoldRegion[] {
    const words = this.words;
    // a word got no number at the last calls: forget the words no kept column holds any more
    if (words.full) words.renumber([...this.tops.values()].map((t) => t.firstWords));
    const last = this.tops.get(doc);
    this.tops.delete(doc);
    const lineOf = (offset: number): number => lines.positionAt(offset).line;
    const lastLineOf = (node: SyntaxNodeLike): number => {
      const held = this.byNode.get(node);
      return held ? lineOf(node.startIndex) + held.lastLineOffset : lineOf(Math.max(node.startIndex, node.endIndex - 1));
    };
    // the top level's columns, aligned with its last call
    const rootKids = presentChildren(root);
    const [lastLineOffsets, firstWords] = alignedColumns(rootKids, last && { kids: last.kids, columns: [last.lastLineOffsets, last.firstWords] }, 2, NOT_KEPT) as [Uint16Array, Uint16Array];
    // post-order over the nodes not seen before; a node seen before gives its kept regions
    interface Frame {
      readonly node: SyntaxNodeLike;
      readonly kids: readonly SyntaxNodeLike[];
      /** per kid: what `byNode` holds (looked up once) and its start line, when known */
      readonly held: readonly (Memoized | undefined)[] | undefined;
      readonly startLines: readonly number[] | undefined;
      /** where the node is among its parent's kids */
      readonly index: number;
      next: number;
      readonly regions: FoldRegion[];
    }
    const open = (node: SyntaxNodeLike, index: number, isRoot: boolean): Frame => {
      const regions: FoldRegion[] = [];
      const add = (start: number, end: number, kind: FoldKind): void => {
        if (end > start) regions.push({ startLine: start, endLine: end, kind });
      };
      const kids = isRoot ? rootKids : childrenOf(node);
      ownRegion(node, lineOf, lastLineOf, add);
      if (node.type !== 'configuration' && node.type !== 'block') return { node, kids, held: undefined, startLines: undefined, index, next: 0, regions };
      // the items' facts: each kid looked up and its start line found once; kept ones give the rest
      const inColumns = (i: number): boolean => isRoot && lastLineOffsets[i] !== NOT_KEPT;
      const held = kids.map((kid, i) => (inColumns(i) ? undefined : this.byNode.get(kid)));
      if (isRoot) for (let i = 0; i < kids.length; i++) this.intoColumns(kids[i]!, held, i, lastLineOffsets, firstWords);
      const startLines = kids.map((kid) => lineOf(kid.startIndex));
      foldItems(
        kids,
        {
          startLine: (i) => startLines[i]!,
          lastLine: (i) => {
            if (inColumns(i)) return startLines[i]! + lastLineOffsets[i]!;
            const h = held[i];
            const kid = kids[i]!;
            return h ? startLines[i]! + h.lastLineOffset : lineOf(Math.max(kid.startIndex, kid.endIndex - 1));
          },
          firstWord: (i) => (inColumns(i) ? words.wordOf(firstWords[i]!) : (held[i]?.firstWord ?? firstWordOf(text, kids[i]!))),
        },
        add,
      );
      return { node, kids, held, startLines, index, next: 0, regions };
    };
    const out: FoldRegion[] = [];
    const top = open(root, 0, true);
    const stack: Frame[] = [top];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.kids.length) {
        const i = frame.next++;
        // a top-level command in the columns has no regions
        if (frame === top && lastLineOffsets[i] !== NOT_KEPT) continue;
        const kid = frame.kids[i]!;
        const held = frame.held ? frame.held[i] : this.byNode.get(kid);
        if (held) {
          pushKept(frame.regions, held, frame.startLines ? frame.startLines[i]! : lineOf(kid.startIndex));
          continue;
        }
        stack.push(open(kid, i, false));
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) {
        for (const r of frame.regions) out.push(r);
        break;
      }
      const node = frame.node;
      for (const r of frame.regions) parent.regions.push(r);
      if (!KEPT_KINDS.has(node.type)) continue;
      const line = lineOf(node.startIndex);
      const lastLineOffset = lineOf(Math.max(node.startIndex, node.endIndex - 1)) - line;
      const firstWord = node.type === 'command' ? firstWordOf(text, node) : '';
      if (parent === top && node.type === 'command' && frame.regions.length === 0 && lastLineOffset < NOT_KEPT) {
        const number = words.numberOf(firstWord);
        if (number >= 0) {
          lastLineOffsets[frame.index] = lastLineOffset;
          firstWords[frame.index] = number;
          continue;
        }
      }
      const kept: Memoized = {
        line,
        // exactly as long as its regions (a pushed array reserves 17 slots)
        regions: frame.regions.length > 0 ? frame.regions.slice() : NO_REGIONS,
        lastLineOffset,
        firstWord: firstWord === '' ? '' : detached(firstWord),
      };
      this.byNode.set(node, kept);
    }
    this.tops.set(doc, { kids: rootKids, lastLineOffsets, firstWords });
    while (this.tops.size > TOPS_KEPT) this.tops.delete(this.tops.keys().next().value!);
    return sortRegions(out);
  }

  /** A top-level command without regions kept by node (its first word got no number then) moves into the
   *  columns once its word gets one. */
  private intoColumns(kid: SyntaxNodeLike, held: (Memoized | undefined)[], i: number, lastLineOffsets: Uint16Array, firstWords: Uint16Array): void {
    const h = held[i];
    if (!h || kid.type !== 'command' || h.regions.length > 0 || h.lastLineOffset >= NOT_KEPT) return;
    const number = this.words.numberOf(h.firstWord);
    if (number < 0) return;
    lastLineOffsets[i] = h.lastLineOffset;
    firstWords[i] = number;
    held[i] = undefined;
    this.byNode.delete(kid);
  }

  /** @internal for tests: how many top-level commands of `doc` the columns kept at its last call (not
   *  read again at the next one) */
  commandsInColumns(doc = ''): number {
    const top = this.tops.get(doc);
    let n = 0;
    if (top) for (const word of top.firstWords) if (word !== NOT_KEPT) n++;
    return n;
  }
}

/** Distinct first words a memo numbers at most (sharing only saves memory; past it commands are not kept). */
const SHARED_WORDS = 10_000;

/** Documents whose top level a memo keeps. */
const TOPS_KEPT = 4;

/** Appends a kept node's regions, moved to its start line now (and keeps the moved ones). */
function pushKept(into: FoldRegion[], held: Memoized, line: number): void {
  if (held.regions.length === 0) return;
  const delta = line - held.line;
  if (delta !== 0) {
    held.regions = held.regions.map((r) => ({ startLine: r.startLine + delta, endLine: r.endLine + delta, kind: r.kind }));
    held.line = line;
  }
  for (const r of held.regions) into.push(r);
}
