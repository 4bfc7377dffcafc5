/**
 * model/print.ts: prints a configuration tree in the two canonical Junos layouts.
 * Owns: `show` layout (4-space indent, `inactive:`/`protect:` prefixes, `[ ]` leaf-lists, `/* *\/`
 *   annotations and `#` comments before their statement, `## SECRET-DATA` after secrets) and
 *   `show | display set` layout (one `set` per leaf in configuration order, `deactivate`/`protect` after
 *   the node's lines, annotations as `edit`/`annotate`/`top`), plus quoting.
 * Must not know: syntax trees, the schema beyond what nodes carry, LSP.
 * Invariants: never throws; printing then re-parsing gives an equal tree (same keywords, keys, values,
 *   flags, order, annotations); secrets are printed exactly as written (encrypted), never decoded.
 * Tests: test/src/model/print.test.ts
 */
import { isNineSecret } from './secrets';
import type { Word } from './source';
import type { ConfigNode, NodeNote } from './tree';

const NEEDS_QUOTES = /[\s;{}[\]#"'\\]|^$/;

/** Quotes a word the way Junos prints it (secrets always quoted). */
export function quoteWord(text: string, options: { secret?: boolean; setForm?: boolean } = {}): string {
  const wildcard = text.startsWith('<') && text.endsWith('>');
  if (options.secret || NEEDS_QUOTES.test(text) || (options.setForm && wildcard) || /\/\*|\*\//.test(text)) {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return text;
}

function isSecret(w: Word): boolean {
  return w.kind === 'secret' || isNineSecret(w.text);
}

function valueText(w: Word, setForm: boolean): string {
  return quoteWord(w.text, { secret: isSecret(w), setForm });
}

/** The words that name a node: keyword then keys (an opaque `[ ]` node prints its list). */
function headWords(node: ConfigNode, setForm: boolean): string[] {
  if ((node.role === 'opaque' || node.role === 'unknown') && node.keywordWord?.kind === 'synthetic' && node.values.length > 0) {
    return [`[ ${node.values.map((v) => valueText(v, setForm)).join(' ')} ]`];
  }
  const keys = node.keys.map((k) => valueText(k, setForm));
  return node.keywordHidden ? keys : [quoteWord(node.keyword, { setForm }), ...keys];
}

function isValueNode(node: ConfigNode): boolean {
  return node.role === 'leaf' || node.role === 'leaf-list';
}

function commentLine(c: NodeNote): string {
  return c.raw ?? `# ${c.text}`;
}

function hasNotes(node: ConfigNode): boolean {
  return node.annotation !== undefined || node.comments.length > 0 || node.inactive || node.protect;
}

/**
 * Display hints Juniper's YANG carries as `junos:cli-feature` (`oneliner`, `oneliner-plus`, `homogeneous`),
 * read when the schema node provides them (optional properties beyond schema/types.ts).
 */
function hints(node: ConfigNode): { oneliner: boolean; homogeneous: boolean } {
  const s = node.schema as { readonly oneliner?: boolean; readonly homogeneous?: boolean } | undefined;
  return { oneliner: s?.oneliner === true, homogeneous: s?.homogeneous === true };
}

/** Curly (`show`) layout. */
export function toCurly(root: ConfigNode): string {
  const lines: string[] = [];
  children(root.children, 0, lines);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** Prints siblings; consecutive entries of a homogeneous list are grouped under the list's name. */
function children(nodes: readonly ConfigNode[], depth: number, lines: string[]): void {
  const ind = '    '.repeat(depth);
  for (let i = 0; i < nodes.length; i++) {
    const c = nodes[i]!;
    if (c.role === 'list-entry' && !c.keywordHidden && hints(c).homogeneous) {
      let j = i;
      while (j + 1 < nodes.length && nodes[j + 1]!.role === 'list-entry' && nodes[j + 1]!.keyword === c.keyword) j++;
      lines.push(`${ind}${quoteWord(c.keyword)} {`);
      for (let k = i; k <= j; k++) curly(nodes[k]!, depth + 1, lines, [], true);
      lines.push(`${ind}}`);
      i = j;
    } else curly(c, depth, lines, [], false);
  }
}

function valueParts(node: ConfigNode): string[] {
  if (node.role === 'leaf-list' && node.values.length > 1) return [`[ ${node.values.map((v) => valueText(v, false)).join(' ')} ]`];
  return node.values.map((v) => valueText(v, false));
}

/** The words of all children on one line, when each child is a plain leaf or an empty statement. */
function onelineParts(node: ConfigNode): string[] | undefined {
  const parts: string[] = [];
  for (const c of node.children) {
    if (hasNotes(c)) return undefined;
    if (isValueNode(c)) parts.push(...headWords(c, false), ...valueParts(c));
    else if (c.children.length === 0 && c.role !== 'opaque' && c.role !== 'unknown') parts.push(...headWords(c, false));
    else return undefined;
  }
  return parts;
}

function hasSecret(node: ConfigNode): boolean {
  return node.values.some(isSecret) || node.children.some((c) => isValueNode(c) && c.values.some(isSecret));
}

function curly(node: ConfigNode, depth: number, lines: string[], carried: string[], keysOnly: boolean): void {
  const ind = '    '.repeat(depth);
  if (carried.length === 0) {
    if (node.annotation) lines.push(`${ind}/* ${node.annotation.text.replace(/\*\//g, '* /')} */`);
    for (const c of node.comments) lines.push(`${ind}${commentLine(c)}`);
  }
  const prefix = (node.inactive ? 'inactive: ' : '') + (node.protect ? 'protect: ' : '');
  const own = keysOnly ? node.keys.map((k) => valueText(k, false)) : headWords(node, false);
  const head = [...carried, ...own].join(' ');
  if (isValueNode(node)) {
    const secret = hasSecret(node) ? ' ## SECRET-DATA' : '';
    lines.push(`${ind}${prefix}${[...carried, ...own, ...valueParts(node)].join(' ')};${secret}`);
    return;
  }
  const freeForm = node.role === 'opaque' || node.role === 'unknown';
  if (freeForm && !node.terminal && node.children.length === 1 && !hasNotes(node.children[0]!) && prefix === '') {
    curly(node.children[0]!, depth, lines, [...carried, ...own], false);
    return;
  }
  if (node.children.length === 0) {
    lines.push(`${ind}${prefix}${head};`);
    return;
  }
  if (freeForm && node.terminal) lines.push(`${ind}${prefix}${head};`);
  const hint = hints(node);
  if (hint.oneliner) {
    const parts = onelineParts(node);
    if (parts) {
      lines.push(`${ind}${prefix}${[head, ...parts].join(' ')};${hasSecret(node) ? ' ## SECRET-DATA' : ''}`);
      return;
    }
  }
  if (hint.homogeneous && node.role === 'container' && prefix === '') {
    // `family inet { ... }`: each plain child is printed behind the container's keyword
    // (children with flags or notes keep a `family { ... }` block, in order)
    for (let i = 0; i < node.children.length; i++) {
      const c = node.children[i]!;
      if (!hasNotes(c)) {
        curly(c, depth, lines, [...carried, ...own], false);
        continue;
      }
      let j = i;
      while (j + 1 < node.children.length && hasNotes(node.children[j + 1]!)) j++;
      lines.push(`${ind}${head} {`);
      children(node.children.slice(i, j + 1), depth + 1, lines);
      lines.push(`${ind}}`);
      i = j;
    }
    return;
  }
  lines.push(`${ind}${prefix}${head} {`);
  children(node.children, depth + 1, lines);
  lines.push(`${ind}}`);
}

/** Set (`show | display set`) layout. */
export function toSetCommands(root: ConfigNode): string {
  const lines: string[] = [];
  const annotations: string[] = [];
  for (const c of root.children) setLines(c, [], lines, annotations);
  lines.push(...annotations);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function setLines(node: ConfigNode, parentWords: readonly string[], lines: string[], annotations: string[]): void {
  const head = headWords(node, true);
  const words = [...parentWords, ...head];
  for (const c of node.comments) lines.push(commentLine(c));
  if (isValueNode(node)) {
    if (node.values.length === 0) lines.push(`set ${words.join(' ')}`);
    else if (node.role === 'leaf-list') for (const v of node.values) lines.push(`set ${words.join(' ')} ${valueText(v, true)}`);
    else lines.push(`set ${words.join(' ')} ${node.values.map((v) => valueText(v, true)).join(' ')}`);
  } else {
    const freeForm = node.role === 'opaque' || node.role === 'unknown';
    if (node.children.length === 0 || (freeForm && node.terminal)) lines.push(`set ${words.join(' ')}`);
    for (const c of node.children) setLines(c, words, lines, annotations);
  }
  if (node.inactive) lines.push(`deactivate ${words.join(' ')}`);
  if (node.protect) lines.push(`protect ${words.join(' ')}`);
  if (node.annotation) {
    const text = quoteWord(node.annotation.text, { secret: true });
    if (parentWords.length === 0) annotations.push(`annotate ${head.join(' ')} ${text}`);
    else annotations.push(`edit ${parentWords.join(' ')}`, `annotate ${head.join(' ')} ${text}`, 'top');
  }
}
