/**
 * ide/syntax-shape.ts: the small vocabulary the syntax-only editor features share about tree shapes.
 * Owns: which node kinds are words, items (statement/command/banner/comment/annotation), containers; a node's
 *   children without a copy when none is null (`presentChildren`);
 *   the leaf-token walk; error detection; the words of an item before its body.
 * Must not know: LSP types, the schema, web-tree-sitter's classes (it reads `SyntaxNodeLike`).
 * Invariants: never throws on any tree shape (ERROR nodes are just nodes); iterative walks, so
 *   deep or huge trees cannot overflow the stack.
 * Tests: test/src/lsp/features.test.ts (through the features that use it)
 */
import { WORD_KINDS, type SyntaxNodeLike } from '../model/source';

const WORD_KIND_SET: ReadonlySet<string> = new Set<string>(WORD_KINDS);

/** Kinds that start a line of their own in the canonical layout. */
export const ITEM_KINDS: ReadonlySet<string> = new Set(['statement', 'command', 'banner', 'comment', 'annotation']);

export function isWord(node: SyntaxNodeLike): boolean {
  return WORD_KIND_SET.has(node.type);
}

export function childrenOf(node: SyntaxNodeLike): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  for (const child of node.children) if (child) out.push(child);
  return out;
}

/** The children of `node` as `children` gives them when none is null (no copy: a tree copy's node with many
 *  children gives its own list, which caches kept across versions hold for free), else as `childrenOf`. */
export function presentChildren(node: SyntaxNodeLike): readonly SyntaxNodeLike[] {
  const kids = node.children;
  for (const kid of kids) if (!kid) return childrenOf(node);
  return kids as readonly SyntaxNodeLike[];
}

/**
 * The tokens of a tree in document order: words, comments, annotations and banners count as one token
 * each (their inner structure is never re-spaced); other childless nodes (punctuation, modifiers, verbs) too.
 * Zero-width (MISSING) nodes are skipped.
 */
export function leafTokens(root: SyntaxNodeLike): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  const stack: SyntaxNodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = childrenOf(node);
    if (isAtomic(node) || kids.length === 0) {
      if (node.endIndex > node.startIndex) out.push(node);
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

function isAtomic(node: SyntaxNodeLike): boolean {
  return isWord(node) || node.type === 'comment' || node.type === 'annotation';
}

/** True when the tree holds an ERROR or MISSING node anywhere. */
export function hasSyntaxErrors(root: SyntaxNodeLike): boolean {
  const stack: SyntaxNodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) return true;
    for (const child of node.children) if (child) stack.push(child);
  }
  return false;
}

/** The words of a statement or command in order, value lists flattened; the body and the verb are excluded. */
export function headWords(item: SyntaxNodeLike): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  const verb = item.childForFieldName('verb');
  for (const child of childrenOf(item)) {
    if (child === verb || sameNode(child, verb)) continue;
    if (isWord(child)) out.push(child);
    else if (child.type === 'value_list') for (const inner of childrenOf(child)) if (isWord(inner)) out.push(inner);
  }
  return out;
}

/** The block of a statement (`{ ... }`), if it has one. */
export function bodyOf(statement: SyntaxNodeLike): SyntaxNodeLike | null {
  const body = statement.childForFieldName('body');
  if (body) return body;
  for (const child of childrenOf(statement)) if (child.type === 'block') return child;
  return null;
}

/** Different wrapper objects may stand for one node (web-tree-sitter makes a new object per access). */
export function sameNode(a: SyntaxNodeLike | null, b: SyntaxNodeLike | null): boolean {
  return !!a && !!b && a.type === b.type && a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}
