/**
 * ide/code-actions-stub.ts: the "create the missing definition" quick fix: writes a stub entry for a
 *   name that is referenced but not configured, in the document's own form. In curly form the entry goes
 *   inside the deepest block of its path that the document already has (missing parents are created
 *   around it); in set form it becomes `set` lines at the end (after `top` when the file moves the edit
 *   level). Known definition kinds get placeholder statements, each checked against the schema first.
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

/** Statements a new entry of these lists starts with (kept only when the schema accepts them). */
const PLACEHOLDERS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'services ipsec-vpn ike proposal': [
    ['authentication-method', 'pre-shared-keys'],
    ['dh-group', 'group14'],
    ['authentication-algorithm', 'sha-256'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
  'services ipsec-vpn ipsec proposal': [
    ['protocol', 'esp'],
    ['authentication-algorithm', 'hmac-sha-256-128'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
  'security ike proposal': [
    ['authentication-method', 'pre-shared-keys'],
    ['dh-group', 'group14'],
    ['authentication-algorithm', 'sha-256'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
  'security ipsec proposal': [
    ['protocol', 'esp'],
    ['authentication-algorithm', 'hmac-sha-256-128'],
    ['encryption-algorithm', 'aes-256-cbc'],
  ],
};

interface StubPlan {
  /** statement heads from the root, one per level (`['services']`, `['proposal', 'demo-proposal']`) */
  readonly heads: readonly (readonly string[])[];
  readonly leaves: readonly (readonly [string, string])[];
}

/** The heads of the entry `name` of the list at `path` (statement names, keys where the path has them). */
export function planStub(schema: Schema, path: readonly string[], name: string): StubPlan | undefined {
  if (path.length === 1 && path[0] === 'interfaces') {
    const dot = name.lastIndexOf('.');
    const heads = dot > 0 ? [['interfaces'], [name.slice(0, dot)], ['unit', name.slice(dot + 1)]] : [['interfaces'], [name]];
    return { heads, leaves: [] };
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
  const leaves = (PLACEHOLDERS[names.join(' ')] ?? []).filter(([k, v]) => {
    const leaf = entry.child(k);
    return leaf !== undefined && (leaf.kind === 'leaf' || leaf.kind === 'leaf-list') && validateValue(leaf.type, v) === undefined;
  });
  return { heads, leaves };
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
    const lines = plan.leaves.length > 0 ? plan.leaves.map(([k, v]) => `${prefix} ${k} ${quoteWord(v)}`) : [prefix];
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
    else if (plan.leaves.length === 0) lines.push(`${ind}${words};`);
    else {
      lines.push(`${ind}${words} {`);
      for (const [k, v] of plan.leaves) lines.push(`${ind}    ${k} ${quoteWord(v)};`);
      lines.push(`${ind}}`);
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
