/**
 * device/read.ts: small readers over the effective configuration tree for the device compiler.
 * Owns: finding statements by keyword, list entries with their names, leaf values and presence flags, and
 *   the span of a statement, whatever role the model gave the node (schema-matched, nokeyword, opaque).
 * Must not know: what any statement means (compile*.ts decide), syntax trees, LSP.
 * Invariants: never throws; a missing statement reads as undefined/empty; spans are the exact words written.
 * Tests: test/src/engine/device.test.ts (through compileDevice)
 */
import type { ConfigNode, Word } from '../../../server/src/model/index';
import type { Span } from './types';

/** Children of `parent` whose keyword is `keyword`. */
export function childrenNamed(parent: ConfigNode | undefined, keyword: string): ConfigNode[] {
  if (!parent) return [];
  return parent.children.filter((c) => c.keyword === keyword);
}

/** The first child of `parent` named `keyword`. */
export function child(parent: ConfigNode | undefined, keyword: string): ConfigNode | undefined {
  return parent?.children.find((c) => c.keyword === keyword);
}

/** Follows a path of keywords (no keys) from `parent`. */
export function descend(parent: ConfigNode | undefined, ...keywords: string[]): ConfigNode | undefined {
  let node = parent;
  for (const k of keywords) node = child(node, k);
  return node;
}

export interface Entry {
  /** the entry's name word (`demo-service-set`, `ge-0/0/0`) */
  readonly name: Word;
  /** the node holding the entry's statements */
  readonly node: ConfigNode;
}

/**
 * The entries of list `keyword` under `parent`, in configuration order: schema list entries (`rule NAME`),
 * and, when the schema did not know the statement, the opaque form (`rule` -> `NAME` -> ...).
 */
export function entries(parent: ConfigNode | undefined, keyword: string): Entry[] {
  const out: Entry[] = [];
  for (const c of childrenNamed(parent, keyword)) {
    if (c.keys.length > 0) out.push({ name: c.keys[0]!, node: c });
    else if (c.role === 'opaque' || c.role === 'unknown') {
      for (const g of c.children) if (g.keywordWord) out.push({ name: g.keywordWord, node: g });
    }
  }
  return out;
}

/** The entries of `parent` itself when it is a nokeyword list (`interfaces ge-0/0/0`): every keyed child. */
export function keyedChildren(parent: ConfigNode | undefined): Entry[] {
  const out: Entry[] = [];
  for (const c of parent?.children ?? []) {
    if (c.keys.length > 0) out.push({ name: c.keys[0]!, node: c });
    else if ((c.role === 'opaque' || c.role === 'unknown') && c.keywordWord) out.push({ name: c.keywordWord, node: c });
  }
  return out;
}

/** The value words of a leaf or leaf-list node (also a nokeyword leaf below it, or opaque word children). */
export function valueWords(node: ConfigNode | undefined): Word[] {
  if (!node) return [];
  if (node.values.length > 0) return node.values;
  const hidden = node.children.find((c) => c.keywordHidden && c.values.length > 0);
  if (hidden) return hidden.values;
  if (node.role === 'opaque' || node.role === 'unknown') {
    // without a schema each word is a node: `remote-gateway` -> `10.1.15.2`
    const first = node.children[0]?.keywordWord;
    return first ? [first] : [];
  }
  return [];
}

/** The single value word of leaf `keyword` under `parent`. */
export function leafWord(parent: ConfigNode | undefined, keyword: string): Word | undefined {
  return valueWords(child(parent, keyword))[0];
}

/** The text of leaf `keyword` under `parent`. */
export function leafText(parent: ConfigNode | undefined, keyword: string): string | undefined {
  return leafWord(parent, keyword)?.text;
}

/** True when the statement `keyword` is present under `parent` (empty leaves, presence containers). */
export function has(parent: ConfigNode | undefined, keyword: string): boolean {
  return child(parent, keyword) !== undefined;
}

/** The span of the word that names a statement: its keyword, else its first key, else its first mention. */
export function spanOf(node: ConfigNode | undefined): Span | undefined {
  if (!node) return undefined;
  const word = node.keywordWord ?? node.keys[0] ?? node.mentions[0];
  return word && word.kind !== 'synthetic' ? word.source : undefined;
}

/** The span of a word (undefined for synthetic words). */
export function spanOfWord(word: Word | undefined): Span | undefined {
  return word && word.kind !== 'synthetic' ? word.source : undefined;
}

/** A leaf's value parsed as a non-negative integer, with its span; undefined when absent or not a number. */
export function leafInteger(parent: ConfigNode | undefined, keyword: string): { value: number; at: Span | undefined; word: Word } | undefined {
  const word = leafWord(parent, keyword);
  if (!word || !/^\d+$/.test(word.text)) return undefined;
  return { value: Number(word.text), at: spanOfWord(word), word };
}
