/**
 * test/model/support/describe.ts: a model and its scope records as lines of plain text, for the tests that
 *   compare an incrementally updated analysis with a fresh one (every fact of every node, in pre-order).
 * Owns: `word`, `describeTree`, `describeScopes`.
 * Must not know: how the model is updated.
 * Tests: used by test/src/model/incremental.test.ts and incremental-errors.test.ts
 */
import type { DocumentAnalysis } from '../../../../server/src/analysis/index';
import type { ScopeRecord } from '../../../../server/src/model/build';
import type { ConfigNode, Word } from '../../../../server/src/model/index';

export const word = (w: Word | undefined): string => (w ? `${w.text}@${w.source.start}-${w.source.end}:${w.kind}` : '-');

/** Every fact of a tree, one line per node in pre-order. */
export function describeTree(root: ConfigNode): string[] {
  const out: string[] = [];
  const stack: [ConfigNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    out.push(
      [
        depth, n.keyword, n.role, n.keywordHidden, word(n.keywordWord), n.keys.map(word).join(','), n.values.map(word).join(','),
        n.overridden.map((vs) => vs.map(word).join(',')).join(';'), n.mentions.map(word).join(','),
        n.comments.map((c) => `${c.text}@${c.source?.start}`).join(','), n.annotation ? `${n.annotation.text}@${n.annotation.source?.start}` : '',
        n.inactive, n.protect, n.terminal, n.opensBlock, n.origin ? `${n.origin.group}:${n.origin.node.keyword}` : '', n.schema?.name ?? '',
      ].join('|'),
    );
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i]!, depth + 1]);
  }
  return out;
}

/** The model's statement/command/block records (what completion reads), through the incremental state. */
export function describeScopes(analysis: DocumentAnalysis): string[] {
  const scopes = (analysis.model as unknown as { scopes: readonly ScopeRecord[] }).scopes;
  return scopes.map((s) => `${s.kind} ${s.start}-${s.end} ${s.verb ?? ''} ${s.words.map(word).join(',')} ${s.node.keyword}`);
}

/** `nodeAt` and `contextAt` answers at `count` offsets spread over the text (and around `near`). */
