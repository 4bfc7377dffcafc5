/**
 * syntax/nodes.ts: small, schema-free questions about tree-sitter-junos nodes that every layer asks.
 * Owns: the list of word node kinds, reading a word's value (quotes removed, escapes resolved),
 *   walking the words of a statement, command or banner in source order.
 * Must not know: the schema, LSP, what any Junos statement means.
 * Invariants: never throws on any tree (ERROR nodes are walked over, MISSING nodes are never words);
 *   word values of `secret` nodes are returned as written (callers mask them before display).
 * Tests: test/src/syntax/nodes.test.ts
 */
import type { Node } from 'web-tree-sitter';

export type { Edit, Language, Node, Point, Tree } from 'web-tree-sitter';

/** Node kinds of a single Junos word (see tree-sitter-junos/grammar.js). */
export const WORD_NODE_KINDS = [
  'identifier',
  'number',
  'ipv4_address',
  'ipv4_prefix',
  'ipv6_address',
  'ipv6_prefix',
  'interface_name',
  'string',
  'secret',
  'wildcard',
] as const;

export type WordNodeKind = (typeof WORD_NODE_KINDS)[number];

const WORD_KIND_SET: ReadonlySet<string> = new Set(WORD_NODE_KINDS);

/** The part of a node these helpers read (web-tree-sitter's `Node` has it). */
export interface WordNodeLike {
  readonly type: string;
  readonly text: string;
  readonly isMissing: boolean;
}

/** True for a real (not MISSING) word node. */
export function isWordNode(node: { readonly type: string; readonly isMissing: boolean } | null | undefined): boolean {
  return !!node && WORD_KIND_SET.has(node.type) && !node.isMissing;
}

/**
 * The value Junos sees for a word: for a double-quoted `string`, `secret` or `wildcard` the text
 * between the quotes with each backslash escape `\X` replaced by `X`; any other word as written.
 */
export function wordText(node: WordNodeLike): string {
  return unquoteWord(node.text);
}

/** `wordText` on raw word text (for callers that hold only the source slice). */
export function unquoteWord(raw: string): string {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return raw;
  return raw.slice(1, -1).replace(/\\([\s\S])/g, '$1');
}

/** True when the word was written in double quotes. */
export function isQuoted(node: WordNodeLike): boolean {
  return node.text.length >= 2 && node.text.startsWith('"') && node.text.endsWith('"');
}

/**
 * The word nodes of a statement, command, banner or value_list in source order, including the
 * words inside its value lists (not those of a statement's `body` block, nor the verb or modifier).
 */
export function wordNodes(node: Node): Node[] {
  const out: Node[] = [];
  for (const child of node.children) {
    if (!child) continue;
    if (isWordNode(child)) out.push(child);
    else if (child.type === 'value_list' || child.type === 'ERROR') out.push(...wordNodes(child));
  }
  return out;
}

/** The text of a command's verb (`set`, `delete`, ...), or undefined when it has none. */
export function commandVerb(command: Node): string | undefined {
  const verb = command.childForFieldName('verb');
  return verb && !verb.isMissing ? verb.text : undefined;
}

/** A statement's modifier without its colon (`inactive`, `protect`, ...), or undefined. */
export function statementModifier(statement: Node): string | undefined {
  const modifier = statement.childForFieldName('modifier');
  return modifier && !modifier.isMissing ? modifier.text.replace(/:$/, '') : undefined;
}

/** The statements directly inside a statement's `{ }` body (empty for a leaf statement). */
export function childStatements(statement: Node): Node[] {
  const body = statement.childForFieldName('body');
  if (!body) return [];
  return body.children.filter((c): c is Node => !!c && c.type === 'statement');
}
