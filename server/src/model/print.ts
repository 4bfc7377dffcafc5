/**
 * model/print.ts: prints a configuration tree in the two canonical Junos layouts.
 * Owns: `show` layout (4-space indent, `inactive:`/`protect:` prefixes, `[ ]` leaf-lists, `/* *\/`
 *   annotations and `#` comments before their statement, `## SECRET-DATA` after secrets) and
 *   `show | display set` layout (one `set` per leaf in configuration order, `deactivate`/`protect` after
 *   the node's lines, annotations as `edit`/`annotate`/`top`, no `## Last commit` header), plus quoting.
 *   Layout hints (`oneliner`, `oneliner-plus`, `homogeneous`) come from the schema node.
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
  if (node.keywordHidden) return keys;
  // a word without a schema keeps the quotes it was written with (`deny-commands "(a|b)"`), and a
  // secret (`encrypted-password "$6$..."`) is always quoted
  const keyword = quotedFreeWord(node) ? quoteWord(node.keyword, { secret: true }) : quoteWord(node.keyword, { setForm });
  return [keyword, ...keys];
}

function isFreeForm(node: ConfigNode): boolean {
  return node.role === 'opaque' || node.role === 'unknown';
}

function quotedFreeWord(node: ConfigNode): boolean {
  const w = node.keywordWord;
  return isFreeForm(node) && w !== undefined && (w.kind === 'string' || (w.kind !== 'synthetic' && isSecret(w)));
}

/** A word without a schema that is a secret ends its `show` line with `## SECRET-DATA`. */
function freeFormSecret(node: ConfigNode): boolean {
  return isFreeForm(node) && node.keywordWord !== undefined && node.keywordWord.kind !== 'synthetic' && isSecret(node.keywordWord);
}

function isValueNode(node: ConfigNode): boolean {
  return node.role === 'leaf' || node.role === 'leaf-list';
}

function commentLine(c: NodeNote): string {
  return c.raw ?? `# ${c.text}`;
}

/** `## Last commit: ...` / `## Last changed: ...`: the header `show` puts above a configuration;
 *  `show | display set` never prints it, so the set layout leaves it out. */
function isShowHeader(c: NodeNote): boolean {
  return c.raw !== undefined && /^## Last (commit|changed):/.test(c.raw);
}

function hasNotes(node: ConfigNode): boolean {
  return node.annotation !== undefined || node.comments.length > 0 || node.inactive || node.protect;
}

/**
 * Display hints Juniper's YANG carries as `junos:cli-feature` (SchemaNode.oneliner / onelinerPlus /
 * homogeneous). `oneliner`: the statement and its whole subtree on one line. `oneliner-plus` only when
 * the statement holds a single leaf or flag (`then accept;`, `from protocol static;`); with several
 * children, a list entry or a container it keeps its block (`then { count c; accept; }`,
 * `from { route-filter 0.0.0.0/0 exact; }`, `then { next-hop self; }`).
 */
function hints(node: ConfigNode): { oneliner: boolean; homogeneous: boolean } {
  const s = node.schema;
  const only = node.children.length === 1 ? node.children[0]! : undefined;
  const single = only !== undefined && (isValueNode(only) || (only.role === 'container' && only.children.length === 0));
  const oneliner = s?.oneliner === true || (s?.onelinerPlus === true && single);
  return { oneliner, homogeneous: s?.homogeneous === true };
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

/** The words of all children on one line (and of theirs: `local-identity hostname vpn.example.net;`),
 *  when none carries notes and none is free-form. */
function onelineParts(node: ConfigNode): string[] | undefined {
  const parts: string[] = [];
  for (const c of node.children) {
    if (hasNotes(c) || c.role === 'opaque' || c.role === 'unknown') return undefined;
    parts.push(...headWords(c, false));
    if (isValueNode(c)) parts.push(...valueParts(c));
    else {
      const below = onelineParts(c);
      if (!below) return undefined;
      parts.push(...below);
    }
  }
  return parts;
}

function hasSecret(node: ConfigNode): boolean {
  return node.values.some(isSecret) || node.children.some((c) => (isValueNode(c) ? c.values.some(isSecret) : hasSecret(c)));
}

function curly(start: ConfigNode, depth: number, lines: string[], carriedIn: string[], keysOnly: boolean): void {
  const ind = '    '.repeat(depth);
  // a run of free-form words printed on one line is followed in a loop, its words gathered in one array
  // of its own: free-form words nest one node per word, deeper than recursion goes
  let node = start;
  let carried = carriedIn;
  let own: string[];
  let prefix: string;
  let freeForm: boolean;
  for (;;) {
    if (carried.length === 0) {
      if (node.annotation) lines.push(`${ind}/* ${node.annotation.text.replace(/\*\//g, '* /')} */`);
      for (const c of node.comments) lines.push(`${ind}${commentLine(c)}`);
    }
    prefix = (node.inactive ? 'inactive: ' : '') + (node.protect ? 'protect: ' : '');
    own = keysOnly ? node.keys.map((k) => valueText(k, false)) : headWords(node, false);
    if (isValueNode(node)) {
      const secret = hasSecret(node) ? ' ## SECRET-DATA' : '';
      lines.push(`${ind}${prefix}${[...carried, ...own, ...valueParts(node)].join(' ')};${secret}`);
      return;
    }
    freeForm = node.role === 'opaque' || node.role === 'unknown';
    // words below an opaque statement (no schema to say where blocks go): as the source had them when
    // it was curly (`opensBlock`); from set commands, run together while there is one word below
    const inline = freeForm && !node.terminal && prefix === '' && node.children.every((c) => !hasNotes(c));
    if (inline && node.opensBlock === false && node.children.length !== 1) {
      for (const c of node.children) curly(c, depth, lines, [...carried, ...own], false);
      return;
    }
    if (inline && node.opensBlock !== true && node.children.length === 1) {
      if (carried === carriedIn) carried = [...carried, ...own];
      else carried.push(...own);
      node = node.children[0]!;
      keysOnly = false;
      continue;
    }
    break;
  }
  const head = [...carried, ...own].join(' ');
  const secretMark = freeFormSecret(node) ? ' ## SECRET-DATA' : '';
  if (node.children.length === 0) {
    lines.push(`${ind}${prefix}${head};${secretMark}`);
    return;
  }
  if (freeForm && node.terminal) lines.push(`${ind}${prefix}${head};${secretMark}`);
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
  for (const c of root.children) setLines(c, lines, annotations);
  lines.push(...annotations);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function setLines(top: ConfigNode, lines: string[], annotations: string[]): void {
  // node by node with an explicit stack and one shared word path: free-form words nest one node per
  // word, deeper than recursion goes (and a copied path per level would grow with the square of it)
  const words: string[] = [];
  const stack: { node: ConfigNode; head: string[]; next: number }[] = [];
  const enter = (node: ConfigNode): void => {
    const head = headWords(node, true);
    words.push(...head);
    for (const c of node.comments) if (!isShowHeader(c)) lines.push(commentLine(c));
    if (isValueNode(node)) {
      if (node.values.length === 0) lines.push(`set ${words.join(' ')}`);
      else if (node.role === 'leaf-list') for (const v of node.values) lines.push(`set ${words.join(' ')} ${valueText(v, true)}`);
      else lines.push(`set ${words.join(' ')} ${node.values.map((v) => valueText(v, true)).join(' ')}`);
      stack.push({ node, head, next: Infinity });
      return;
    }
    const freeForm = node.role === 'opaque' || node.role === 'unknown';
    if (node.children.length === 0 || (freeForm && node.terminal)) lines.push(`set ${words.join(' ')}`);
    stack.push({ node, head, next: 0 });
  };
  const leave = (node: ConfigNode, head: readonly string[]): void => {
    if (node.inactive) lines.push(`deactivate ${words.join(' ')}`);
    if (node.protect) lines.push(`protect ${words.join(' ')}`);
    words.length -= head.length;
    if (node.annotation) {
      const text = quoteWord(node.annotation.text, { secret: true });
      if (words.length === 0) annotations.push(`annotate ${head.join(' ')} ${text}`);
      else annotations.push(`edit ${words.join(' ')}`, `annotate ${head.join(' ')} ${text}`, 'top');
    }
  };
  enter(top);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const c = frame.next < frame.node.children.length ? frame.node.children[frame.next++] : undefined;
    if (c) {
      enter(c);
      continue;
    }
    stack.pop();
    leave(frame.node, frame.head);
  }
}
