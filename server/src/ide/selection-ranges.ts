/**
 * ide/selection-ranges.ts: expand-selection chains: word -> value list -> statement or command -> block ->
 *   enclosing statement -> ... -> whole document.
 * Owns: which node kinds are steps of a chain.
 * Must not know: LSP types, the schema.
 * Invariants: each chain runs from the innermost span outwards, every span contains the previous one and
 *   is strictly larger; offsets outside the text are clamped; never throws.
 * Tests: test/src/lsp/features.test.ts
 */
import type { SyntaxNodeLike } from '../model/source';
import { childrenOf, isWord } from './syntax-shape';

export interface Span {
  readonly start: number;
  readonly end: number;
}

const STEP_KINDS: ReadonlySet<string> = new Set([
  'value_list',
  'statement',
  'command',
  'banner',
  'comment',
  'annotation',
  'block',
  'configuration',
]);

/** The chain for one offset, innermost first. */
export function selectionChain(root: SyntaxNodeLike, offset: number): Span[] {
  const at = Math.max(root.startIndex, Math.min(offset, root.endIndex));
  const path: SyntaxNodeLike[] = [root];
  let node = root;
  for (;;) {
    const kids = childrenOf(node);
    const inside = kids.find((k) => k.startIndex <= at && at < k.endIndex) ?? kids.find((k) => k.endIndex === at && k.endIndex > k.startIndex);
    if (!inside) break;
    path.push(inside);
    node = inside;
  }
  const chain: Span[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    if (!(isWord(step) || STEP_KINDS.has(step.type))) continue;
    const last = chain[chain.length - 1];
    if (last && step.startIndex >= last.start && step.endIndex <= last.end) continue;
    chain.push({ start: step.startIndex, end: step.endIndex });
  }
  if (chain.length === 0) chain.push({ start: at, end: at });
  return chain;
}
