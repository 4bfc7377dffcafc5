/**
 * ide/code-actions-stub.ts: the "create the missing definition" quick fix: writes a stub entry for a
 *   name that is referenced but not configured, in the document's own form. In curly form the entry goes
 *   inside the deepest block of its path that the document already has (missing parents are created
 *   around it); in set form it becomes `set` lines at the end (after `top` when the file moves the edit
 *   level). Known definition kinds get placeholder statements, each checked against the schema first.
 *   A stub must be safe to commit as it is, or fail to commit; it must never change what the router does
 *   in a harmful way once applied: a firewall filter without terms discards every packet (the implicit
 *   `discard` at the end of every filter), so a filter stub gets one term that accepts everything; a
 *   policy statement gets one term whose only action is `next policy` (the route goes on to the next
 *   policy and the protocol's default, exactly as if the policy were not applied: neither `accept`,
 *   which would export or import everything, nor `reject`); a prefix list may stay empty (it matches
 *   nothing); a policer, a community and an AS path have no harmless value, so they stay empty and do
 *   not commit until completed. Each of these carries a comment saying it is a placeholder (an
 *   annotation in curly form, a `#` line in set form).
 * Owns: the statement words of a path (`interfaces ms-1/2/0.3` -> `interfaces ms-1/2/0 unit 3`), the
 *   placeholder table, the stub text and where it is inserted.
 * Must not know: LSP types, line/column positions, diagnostics beyond their fix data.
 * Invariants: never throws; undefined when the path is not in the schema or the entry already exists;
 *   inserting the text keeps the document's syntax as it was (no new syntax errors).
 * Tests: test/src/ide/code-actions.test.ts
 */
import { quoteWord, type ConfigModel, type ConfigNode } from '../model/index';
import { validateValue } from '../schema/index';
import type { Schema, SchemaNode } from '../schema/types';
import type { Node } from '../syntax/parser';
import { closingBrace, indentAt, statementAround, topLevelKinds } from './code-actions-spans';
import type { TextEdit } from './rename';

/** A statement a new entry starts with, as words below the entry (`term`, `placeholder`, `then`, `accept`). */
type PlaceholderLine = readonly string[];

interface Placeholder {
  readonly lines: readonly PlaceholderLine[];
  /** written as a comment on the entry: why it is there and what to complete */
  readonly note?: string;
}

const STRONG_IKE: Placeholder = {
  lines: [
    ['authentication-method', 'pre-shared-keys'],
    ['dh-group', 'group14'],
    ['authentication-algorithm', 'sha-256'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
};
const STRONG_IPSEC: Placeholder = {
  lines: [
    ['protocol', 'esp'],
    ['authentication-algorithm', 'hmac-sha-256-128'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
};
/** Juniper: "Each firewall filter in Junos OS has an implicit discard action at the end of the filter"; a
 *  term without `from` matches every packet. */
const FILTER: Placeholder = {
  lines: [['term', 'placeholder', 'then', 'accept']],
  note: 'placeholder filter: accepts all traffic; replace with the real terms (an empty filter would discard everything)',
};
/** A term without `from` matches every route; `next policy` leaves the decision to the next policy in the
 *  chain and then the protocol's default policy, as if this one were not there. */
const POLICY_STATEMENT: Placeholder = {
  lines: [['term', 'placeholder', 'then', 'next', 'policy']],
  note: 'placeholder policy: passes every route on to the next policy; replace with the real terms',
};

/** Placeholders by list (statement names from the root); `*` is any one statement name. */
const PLACEHOLDERS: readonly (readonly [string, Placeholder])[] = [
  ['services ipsec-vpn ike proposal', STRONG_IKE],
  ['services ipsec-vpn ipsec proposal', STRONG_IPSEC],
  ['security ike proposal', STRONG_IKE],
  ['security ipsec proposal', STRONG_IPSEC],
  ['firewall filter', FILTER],
  ['firewall family * filter', FILTER],
  ['policy-options policy-statement', POLICY_STATEMENT],
  ['firewall policer', { lines: [], note: 'placeholder policer: add if-exceeding and then before committing (it does not commit empty)' }],
  ['policy-options community', { lines: [], note: 'placeholder community: add members before committing (it does not commit empty)' }],
  ['policy-options as-path', { lines: [], note: 'placeholder AS path: add its regular expression before committing (it does not commit empty)' }],
];

function placeholderFor(names: readonly string[]): Placeholder | undefined {
  for (const [pattern, placeholder] of PLACEHOLDERS) {
    const parts = pattern.split(' ');
    if (parts.length === names.length && parts.every((p, i) => p === '*' || p === names[i])) return placeholder;
  }
  return undefined;
}

/** True when `words` below the entry `s` read as one complete statement of the schema. */
function validBelow(s: SchemaNode, words: PlaceholderLine): boolean {
  let node = s;
  for (let i = 0; i < words.length; ) {
    const c = node.child(words[i]!);
    if (!c) return false;
    if (c.kind === 'list') {
      const key = words[i + 1];
      if (key === undefined || validateValue(c.keys[0]?.type, key) !== undefined) return false;
      node = c;
      i += 2;
    } else if (c.kind === 'container') {
      node = c;
      i++;
      if (i === words.length) return c.presence;
    } else if (c.type?.kind === 'empty') {
      return i === words.length - 1;
    } else {
      return i === words.length - 2 && validateValue(c.type, words[i + 1]!) === undefined;
    }
  }
  return false;
}

/** Curly lines of one placeholder statement: list entries open blocks, the rest is one line (`then accept;`). */
function curlyLines(s: SchemaNode, words: PlaceholderLine, indent: string): string[] {
  let node = s;
  let i = 0;
  const open: string[] = [];
  while (i < words.length) {
    const c = node.child(words[i]!);
    if (!c || c.kind !== 'list' || i + 2 >= words.length) break;
    open.push(`${words[i]!} ${quoteWord(words[i + 1]!)}`);
    node = c;
    i += 2;
  }
  const out = open.map((head, k) => `${indent}${'    '.repeat(k)}${head} {`);
  out.push(`${indent}${'    '.repeat(open.length)}${words.slice(i).map((w) => quoteWord(w)).join(' ')};`);
  for (let k = open.length - 1; k >= 0; k--) out.push(`${indent}${'    '.repeat(k)}}`);
  return out;
}

interface StubPlan {
  /** statement heads from the root, one per level (`['services']`, `['proposal', 'demo-proposal']`) */
  readonly heads: readonly (readonly string[])[];
  /** placeholder statements below the entry, each valid in the schema */
  readonly lines: readonly PlaceholderLine[];
  /** the entry's placeholder comment */
  readonly note?: string;
  /** the entry's schema node (for writing the lines) */
  readonly entry?: SchemaNode;
}

/** The heads of the entry `name` of the list at `path` (statement names, keys where the path has them). */
export function planStub(schema: Schema, path: readonly string[], name: string): StubPlan | undefined {
  if (path.length === 1 && path[0] === 'interfaces') {
    const dot = name.lastIndexOf('.');
    const heads = dot > 0 ? [['interfaces'], [name.slice(0, dot)], ['unit', name.slice(dot + 1)]] : [['interfaces'], [name]];
    return { heads, lines: [] };
  }
  const heads: string[][] = [];
  const names: string[] = [];
  let s: SchemaNode = schema.root;
  let i = 0;
  while (i < path.length) {
    const w = path[i]!;
    const isLast = i === path.length - 1;
    const child = s.child(w);
    if (child?.kind === 'list') {
      const key = isLast ? name : path[i + 1];
      if (key === undefined) return undefined;
      heads.push(child.nokeyword ? [key] : [w, key]);
      names.push(w);
      s = child;
      i += isLast ? 1 : 2;
    } else if (child?.kind === 'container' && !isLast) {
      heads.push([w]);
      names.push(w);
      s = child;
      i++;
    } else if (!child && !isLast) {
      const hidden = s.children().find((c) => c.kind === 'list' && c.nokeyword);
      if (!hidden) return undefined;
      heads.push([w]);
      names.push(hidden.name);
      s = hidden;
      i++;
    } else return undefined;
  }
  const entry = s;
  const placeholder = placeholderFor(names);
  const lines = (placeholder?.lines ?? []).filter((words) => validBelow(entry, words));
  return { heads, lines, entry, ...(placeholder?.note ? { note: placeholder.note } : {}) };
}

function matches(node: ConfigNode, head: readonly string[]): boolean {
  if (head.length === 2) return node.keyword === head[0] && node.keys[0]?.text === head[1];
  return (node.keyword === head[0] && node.keys.length === 0) || (node.keywordHidden && node.keys[0]?.text === head[0]);
}

function firstMentionIn(node: ConfigNode, docId: string): number | undefined {
  const starts = node.mentions.filter((m) => m.source.docId === docId && m.kind !== 'synthetic').map((m) => m.source.start);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

/** The edit that creates the stub, and a title naming what it creates. */
export function createStubEdit(
  model: ConfigModel,
  docId: string,
  text: string,
  root: Node,
  schema: Schema,
  path: readonly string[],
  name: string,
): { title: string; edit: TextEdit } | undefined {
  const plan = planStub(schema, path, name);
  if (!plan) return undefined;
  // the deepest level of the path this document already writes
  let node = model.root;
  let depth = 0;
  let statement: Node | undefined;
  for (; depth < plan.heads.length; depth++) {
    const next = node.children.find((c) => matches(c, plan.heads[depth]!));
    const at = next ? firstMentionIn(next, docId) : undefined;
    if (!next || at === undefined) break;
    node = next;
    statement = statementAround(root, at);
  }
  if (depth === plan.heads.length) return undefined; // already configured
  const allWords = plan.heads.flat().map((w) => quoteWord(w));
  const title = `Create '${allWords.join(' ')}'`;
  const setForm = statement ? statement.type === 'command' : topLevelKinds(root).commands;
  if (setForm) {
    const prefix = `set ${allWords.join(' ')}`;
    const lines = plan.lines.length > 0 ? plan.lines.map((words) => `${prefix} ${words.map((w) => quoteWord(w)).join(' ')}`) : [prefix];
    if (plan.note) lines.unshift(`# ${plan.note}`);
    // commands before the end may have left an edit level: go back to the top first
    if (model.contextAt(docId, text.length)?.node.role !== 'root') lines.unshift('top');
    const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return { title, edit: { docId, start: text.length, end: text.length, newText: lead + lines.join('\n') + '\n' } };
  }
  const brace = statement && statement.type === 'statement' ? closingBrace(statement) : undefined;
  if (statement && !brace) return undefined; // a `name;` statement or an unclosed block: nowhere safe to write
  const baseIndent = statement ? indentAt(text, statement.startIndex) + '    ' : '';
  const lines: string[] = [];
  const remaining = plan.heads.slice(depth);
  remaining.forEach((head, i) => {
    const ind = baseIndent + '    '.repeat(i);
    const words = head.map((w) => quoteWord(w)).join(' ');
    if (i < remaining.length - 1) lines.push(`${ind}${words} {`);
    else {
      if (plan.note) lines.push(`${ind}/* ${plan.note} */`);
      if (plan.lines.length === 0 || !plan.entry) lines.push(`${ind}${words};`);
      else {
        lines.push(`${ind}${words} {`);
        for (const p of plan.lines) lines.push(...curlyLines(plan.entry, p, `${ind}    `));
        lines.push(`${ind}}`);
      }
    }
  });
  for (let i = remaining.length - 2; i >= 0; i--) lines.push(`${baseIndent}${'    '.repeat(i)}}`);
  const stub = lines.join('\n');
  if (!brace) {
    const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return { title, edit: { docId, start: text.length, end: text.length, newText: lead + stub + '\n' } };
  }
  const lineStart = text.lastIndexOf('\n', brace.startIndex - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, brace.startIndex))) return { title, edit: { docId, start: lineStart, end: lineStart, newText: stub + '\n' } };
  return { title, edit: { docId, start: brace.startIndex, end: brace.startIndex, newText: `\n${stub}\n${indentAt(text, statement!.startIndex)}` } };
}
