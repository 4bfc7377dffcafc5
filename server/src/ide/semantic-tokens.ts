/**
 * ide/semantic-tokens.ts: turns highlight captures, refined by the schema layer's word classes
 *   (ide/schema-tokens.ts), into positioned semantic tokens.
 * Owns: overlap resolution (for one span the later capture wins; a capture overlapping an earlier,
 *   different span is dropped), the refinement (a captured span that is exactly a classified word takes
 *   the class's style; other spans keep the grammar's), splitting multi-line tokens into one token per
 *   line, the range filter.
 * Must not know: LSP types or their relative encoding (the lsp layer encodes), how captures or classes
 *   are produced.
 * Invariants: tokens come out sorted, non-overlapping, non-empty and within one line; never throws.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts
 */
import type { LineIndex } from '../text/line-index';
import type { ClassifiedWord } from './schema-tokens';
import { styleForCapture, styleForClass } from './token-legend';

export interface HighlightCapture {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface SemanticToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly typeIndex: number;
  readonly modifierBits: number;
}

interface Styled {
  start: number;
  end: number;
  typeIndex: number;
  modifierBits: number;
}

export function semanticTokens(
  captures: readonly HighlightCapture[],
  lines: LineIndex,
  range?: { readonly start: number; readonly end: number },
  /** the schema layer's classes, sorted by start (ide/schema-tokens.ts); words not listed keep the grammar's style */
  words: readonly ClassifiedWord[] = [],
): SemanticToken[] {
  const ordered = captures
    .map((capture, order) => ({ capture, order }))
    .filter(({ capture }) => capture.end > capture.start && (!range || (capture.end > range.start && capture.start < range.end)))
    .sort((a, b) => a.capture.start - b.capture.start || b.capture.end - a.capture.end || a.order - b.order);
  const kept: Styled[] = [];
  for (const { capture } of ordered) {
    const style = styleForCapture(capture.name);
    const last = kept[kept.length - 1];
    if (last && last.start === capture.start && last.end === capture.end) {
      if (style) Object.assign(last, style);
      else kept.pop();
      continue;
    }
    if (!style) continue;
    if (last && capture.start < last.end) continue;
    kept.push({ start: capture.start, end: capture.end, ...style });
  }
  // both lists are sorted by start: one pass
  let w = 0;
  for (const token of kept) {
    while (w < words.length && words[w]!.start < token.start) w++;
    const word = words[w];
    if (word && word.start === token.start && word.end === token.end) Object.assign(token, styleForClass(word.cls));
  }
  const tokens: SemanticToken[] = [];
  for (const token of kept) {
    const from = lines.positionAt(token.start);
    const to = lines.positionAt(token.end);
    for (let line = from.line; line <= to.line; line++) {
      const character = line === from.line ? from.character : 0;
      const endCharacter = line === to.line ? to.character : lines.lineEnd(line) - lines.offsetAt({ line, character: 0 });
      if (endCharacter > character) {
        tokens.push({ line, character, length: endCharacter - character, typeIndex: token.typeIndex, modifierBits: token.modifierBits });
      }
    }
  }
  return tokens;
}
