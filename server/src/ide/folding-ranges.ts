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

export function foldingRegions(text: string, root: SyntaxNodeLike, lines: LineIndex): FoldRegion[] {
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
    if (node.type === 'statement') {
      const body = bodyOf(node);
      // the closing brace's line stays visible, as in every curly-brace language
      if (body) add(lineOf(node.startIndex), lastLineOf(body) - 1, 'region');
    } else if (node.type === 'annotation') {
      add(lineOf(node.startIndex), lastLineOf(node), 'comment');
    }
    if (node.type === 'configuration' || node.type === 'block') {
      foldCommentRuns(kids, lineOf, lastLineOf, add);
      foldSetSections(text, kids, lineOf, lastLineOf, add);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  regions.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return regions;
}

type LineOf = (offset: number) => number;
type LastLineOf = (node: SyntaxNodeLike) => number;
type AddRegion = (startLine: number, endLine: number, kind: FoldKind) => void;

function foldCommentRuns(items: SyntaxNodeLike[], lineOf: LineOf, lastLineOf: LastLineOf, add: AddRegion): void {
  let runStart = -1;
  let runEnd = -1;
  for (const item of items) {
    const startLine = lineOf(item.startIndex);
    const ownLine = item.type === 'comment' && startLine > runEnd;
    if (ownLine && runStart >= 0 && startLine === runEnd + 1) {
      runEnd = lastLineOf(item);
      continue;
    }
    if (runStart >= 0) add(runStart, runEnd, 'comment');
    runStart = -1;
    runEnd = lastLineOf(item);
    if (ownLine) runStart = startLine;
  }
  if (runStart >= 0) add(runStart, runEnd, 'comment');
}

function foldSetSections(text: string, items: SyntaxNodeLike[], lineOf: LineOf, lastLineOf: LastLineOf, add: AddRegion): void {
  let bannerLine = -1;
  let sectionEnd = -1;
  let run: SyntaxNodeLike[] = [];
  let runWord = '';
  const closeRun = (): void => {
    if (run.length > 1) add(lineOf(run[0]!.startIndex), lastLineOf(run[run.length - 1]!), 'region');
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
      bannerLine = lineOf(item.startIndex);
      sectionEnd = lastLineOf(item);
      continue;
    }
    if (item.type === 'command') {
      const first = headWords(item)[0];
      const word = first ? text.slice(first.startIndex, first.endIndex) : '';
      if (word === '' || word !== runWord) closeRun();
      run.push(item);
      runWord = word;
    } else if (item.type !== 'comment') {
      closeRun();
    }
    if (bannerLine >= 0) sectionEnd = Math.max(sectionEnd, lastLineOf(item));
  }
  closeRun();
  closeSection();
}
