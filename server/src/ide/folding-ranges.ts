/**
 * ide/folding-ranges.ts: the foldable regions of a Junos document in either form.
 * Owns: which regions fold: a statement's `{ ... }` block (the closing brace stays visible), a multi-line
 *   annotation, a run of comment lines, a `[edit ...]` banner with the set lines under it, and a run of
 *   set lines sharing their first path word.
 * Must not know: LSP types, the schema.
 * Invariants: every region spans at least two lines; startLine < endLine; never throws; regions come
 *   out sorted by start line.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts
 */
import type { SyntaxNodeLike } from '../model/source';
import type { LineIndex } from '../text/line-index';
import { bodyOf, childrenOf, headWords } from './syntax-shape';

export type FoldKind = 'region' | 'comment';

export interface FoldRegion {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: FoldKind;
}

/**
 * The folding regions of `text` (parsed as `root`). With `memo` (kept by the caller from one version of the
 * document to the next), the regions of every subtree seen before are taken from it (see `FoldingMemo`).
 */
export function foldingRegions(text: string, root: SyntaxNodeLike, lines: LineIndex, memo?: FoldingMemo): FoldRegion[] {
  if (memo && !text.includes('\r')) return memo.regions(text, root, lines);
  const regions: FoldRegion[] = [];
  const add = (startLine: number, endLine: number, kind: FoldKind): void => {
    if (endLine > startLine) regions.push({ startLine, endLine, kind });
  };
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const lastLineOf = (node: SyntaxNodeLike): number => lineOf(Math.max(node.startIndex, node.endIndex - 1));
  const facts = freshFacts(text, lines);

  const stack: SyntaxNodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = childrenOf(node);
    if (node.type === 'statement') {
      const body = bodyOf(node);
      // the closing brace's line stays visible, as in every curly-brace language
      if (body) add(lineOf(node.startIndex), lastLineOf(body) - 1, 'region');
    } else if (node.type === 'annotation') {
      add(lineOf(node.startIndex), lastLineOf(node), 'comment');
    }
    if (node.type === 'configuration' || node.type === 'block') foldItems(kids, facts, add);
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

/** What the run rules read of the items of a block (or of the top level). */
interface ItemFacts {
  startLine(item: SyntaxNodeLike): number;
  lastLine(item: SyntaxNodeLike): number;
  /** the first path word of a command ('' when it has none) */
  firstWord(item: SyntaxNodeLike): string;
}

/** The facts read from the text and the line index. */
function freshFacts(text: string, lines: LineIndex): ItemFacts {
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  return {
    startLine: (item) => lineOf(item.startIndex),
    lastLine: (item) => lineOf(Math.max(item.startIndex, item.endIndex - 1)),
    firstWord: (item) => firstWordOf(text, item),
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
  for (const item of items) {
    const startLine = facts.startLine(item);
    const ownLine = item.type === 'comment' && startLine > runEnd;
    if (ownLine && runStart >= 0 && startLine === runEnd + 1) {
      runEnd = facts.lastLine(item);
      continue;
    }
    if (runStart >= 0) add(runStart, runEnd, 'comment');
    runStart = -1;
    runEnd = facts.lastLine(item);
    if (ownLine) runStart = startLine;
  }
  if (runStart >= 0) add(runStart, runEnd, 'comment');
}

function foldSetSections(items: readonly SyntaxNodeLike[], facts: ItemFacts, add: AddRegion): void {
  let bannerLine = -1;
  let sectionEnd = -1;
  let run: SyntaxNodeLike[] = [];
  let runWord = '';
  const closeRun = (): void => {
    if (run.length > 1) add(facts.startLine(run[0]!), facts.lastLine(run[run.length - 1]!), 'region');
    run = [];
    runWord = '';
  };
  const closeSection = (): void => {
    if (bannerLine >= 0) add(bannerLine, sectionEnd, 'region');
    bannerLine = -1;
  };
  for (const item of items) {
    if (item.type === 'banner') {
      closeRun();
      closeSection();
      bannerLine = facts.startLine(item);
      sectionEnd = facts.lastLine(item);
      continue;
    }
    if (item.type === 'command') {
      const word = facts.firstWord(item);
      if (word === '' || word !== runWord) closeRun();
      run.push(item);
      runWord = word;
    } else if (item.type !== 'comment') {
      closeRun();
    }
    if (bannerLine >= 0) sectionEnd = Math.max(sectionEnd, facts.lastLine(item));
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

/**
 * The folding regions of each subtree of a document's plain tree copy (ide/tree-mirror.ts), kept from one
 * version to the next: the copy reuses the object of every subtree an edit did not touch (text unchanged,
 * only moved), so such a node's regions are taken as they are (moved by its line shift); only new nodes are
 * walked, and the top level's (and each new block's) runs are found again from each item's kept facts.
 * Equals `foldingRegions` without a memo on the same text and tree (randomized test). Keyed weakly by node.
 */
export class FoldingMemo {
  private readonly byNode = new WeakMap<SyntaxNodeLike, Memoized>();

  regions(text: string, root: SyntaxNodeLike, lines: LineIndex): FoldRegion[] {
    const lineOf = (offset: number): number => lines.positionAt(offset).line;
    const out: FoldRegion[] = [];
    const startLine = (node: SyntaxNodeLike): number => lineOf(node.startIndex);
    const facts: ItemFacts = {
      startLine,
      lastLine: (item) => {
        const held = this.byNode.get(item);
        return held ? startLine(item) + held.lastLineOffset : lineOf(Math.max(item.startIndex, item.endIndex - 1));
      },
      firstWord: (item) => this.byNode.get(item)?.firstWord ?? firstWordOf(text, item),
    };
    // post-order over the nodes not seen before; a node seen before gives its kept regions
    interface Frame {
      readonly node: SyntaxNodeLike;
      readonly kids: readonly SyntaxNodeLike[];
      next: number;
      readonly regions: FoldRegion[];
    }
    const open = (node: SyntaxNodeLike): Frame => {
      const regions: FoldRegion[] = [];
      const add = (start: number, end: number, kind: FoldKind): void => {
        if (end > start) regions.push({ startLine: start, endLine: end, kind });
      };
      const kids = childrenOf(node);
      if (node.type === 'statement') {
        const body = bodyOf(node);
        if (body) add(startLine(node), facts.lastLine(body) - 1, 'region');
      } else if (node.type === 'annotation') {
        add(startLine(node), facts.lastLine(node), 'comment');
      }
      if (node.type === 'configuration' || node.type === 'block') {
        // the items' facts first: kept ones are read from the memo, the others found below
        foldItems(kids, facts, add);
      }
      return { node, kids, next: 0, regions };
    };
    const stack: Frame[] = [open(root)];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.kids.length) {
        const kid = frame.kids[frame.next++]!;
        const held = this.byNode.get(kid);
        if (held) {
          pushKept(frame.regions, held, startLine(kid));
          continue;
        }
        stack.push(open(kid));
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
      const line = startLine(node);
      const kept: Memoized = {
        line,
        regions: frame.regions.length > 0 ? frame.regions : NO_REGIONS,
        lastLineOffset: lineOf(Math.max(node.startIndex, node.endIndex - 1)) - line,
        firstWord: node.type === 'command' ? firstWordOf(text, node) : '',
      };
      this.byNode.set(node, kept);
    }
    return sortRegions(out);
  }
}

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
