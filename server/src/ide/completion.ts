/**
 * ide/completion.ts: completion for Junos configurations in both forms: the statements that may come
 *   next (with their kind, a one-line summary from our docs and the schema facts), enumeration values,
 *   the names of existing definitions where a reference is expected, command verbs on `set`-form lines,
 *   and snippets for common IPsec blocks; plus `resolveCompletion` for an item's full documentation.
 * Owns: which candidates a cursor gets, their ranking and order, and their insert text (curly form:
 *   ` { }` blocks as snippets indented from the cursor's line, ` ${1:value};` for leaves, `;` for flags;
 *   set form: the word and a space).
 * Must not know: LSP types (items are plain data in editor terms: offsets, labels, our kind names),
 *   line/column positions.
 * Invariants: one schema walk (the model's `contextAt` and the schema API); nothing the schema rejects
 *   is offered (no children of leaves, no deprecated statements, no keyword of a nokeyword statement);
 *   deterministic order (statements before values, then by label); never throws; secrets never appear
 *   (snippets hold `$9$` placeholders only).
 * Tests: test/src/ide/completion.test.ts
 */
import type { Platform } from '../analysis/platform';
import { quoteWord, type ConfigModel, type ConfigNode } from '../model/index';
import { lookupPath } from '../schema/index';
import type { Schema, SchemaNode } from '../schema/types';
import { cursorAt, type CompletionCursor } from './completion-cursor';
import { existingEntries, placeAt, referenceCandidates, type NameCandidate } from './completion-references';
import {
  enumValues,
  meaningfulChildren,
  statementDetail,
  statementKindOf,
  statementMarkdown,
  statementSummary,
} from './hover-statement';
import { omittedDefault, type OmittedDefault } from './hover-defaults';
import { plainWords, renderSnippet, snippetsAt, SNIPPETS } from './snippets';

export type CompletionKind = 'statement' | 'container' | 'list' | 'leaf' | 'flag' | 'value' | 'enum' | 'reference' | 'snippet' | 'command';

/** What `resolveCompletion` needs to produce the full documentation (plain JSON). */
export interface CompletionData {
  readonly platform: Platform;
  /** statements: names from the root without keys */
  readonly schemaPath?: readonly string[];
  /** statements: the hierarchy level with keys, for the `[edit ...]` line */
  readonly levelWithKeys?: readonly string[];
  /** snippets: the label */
  readonly snippet?: string;
  /** commands: the verb */
  readonly command?: string;
}

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  /** short markdown; the full text comes from resolveCompletion */
  readonly documentation?: string;
  /** multi-line texts already carry the cursor line's indentation on every line after the first:
   *  the LSP layer must send them with `insertTextMode: asIs` (1), not adjustIndentation */
  readonly insertText: string;
  readonly insertTextFormat: 'plain' | 'snippet';
  /** the range the item replaces (the word being typed; empty at a fresh position) */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  readonly sortText: string;
  readonly filterText: string;
  readonly data: CompletionData;
}

export interface CompletionResult {
  readonly items: CompletionItem[];
  /** true when the list was cut to MAX_ITEMS (type more to narrow it) */
  readonly isIncomplete: boolean;
}

export interface CompletionInput {
  readonly model: ConfigModel;
  readonly docId: string;
  readonly text: string;
  readonly offset: number;
  readonly schema: Schema;
  readonly platform: Platform;
}

/** Most items returned at once; more names than this are narrowed by the typed prefix. */
export const MAX_ITEMS = 500;

/** No limit: names are narrowed by the typed prefix afterwards (see `narrow`). */
const ALL = Number.MAX_SAFE_INTEGER;

/** Most choices put in a value placeholder (`${1|a,b|}`); beyond that a plain `${1:value}`. */
const CHOICES = 16;

/** Ranking groups, first shown first. */
const RANK = { statement: '0', given: '1', value: '2', snippet: '3' } as const;

const COMMANDS: readonly { verb: string; doc: string }[] = [
  { verb: 'set', doc: 'Adds a statement, or replaces the value of one.' },
  { verb: 'delete', doc: 'Removes a statement and everything below it.' },
  { verb: 'edit', doc: 'Moves to a hierarchy level; later commands are relative to it.' },
  { verb: 'up', doc: 'Moves one hierarchy level up (or N levels with a number).' },
  { verb: 'top', doc: 'Moves to the top of the configuration.' },
  { verb: 'activate', doc: 'Makes an inactive statement take effect again.' },
  { verb: 'deactivate', doc: 'Keeps a statement in the configuration but makes it ignored (`inactive:`).' },
  { verb: 'annotate', doc: 'Attaches a comment to a statement.' },
  { verb: 'insert', doc: 'Moves an entry of an ordered list before or after another.' },
  { verb: 'rename', doc: 'Gives a list entry a new name.' },
  { verb: 'copy', doc: 'Duplicates a list entry under a new name.' },
  { verb: 'protect', doc: 'Prevents a statement from being changed.' },
  { verb: 'unprotect', doc: 'Allows a protected statement to be changed again.' },
];

/** Completion items at `offset`. */
export function complete(input: CompletionInput): CompletionResult {
  const empty: CompletionResult = { items: [], isIncomplete: false };
  try {
    const cursor = cursorAt(input.model, input.docId, input.text, input.offset);
    if (!cursor) return empty;
    const collected = collect(input, cursor);
    return finish(collected.items, collected.truncated);
  } catch {
    return empty; // bad input never breaks the editor
  }
}

interface Collected {
  items: CompletionItem[];
  truncated: boolean;
}

function collect(input: CompletionInput, cursor: CompletionCursor): Collected {
  switch (cursor.mode) {
    case 'command':
      return { items: [...commandItems(input, cursor), ...snippetItems(input, cursor, cursor.level)], truncated: false };
    case 'statement':
      return statementItems(input, cursor);
    case 'key':
    case 'value':
      return valueItems(input, cursor);
  }
}

function base(cursor: CompletionCursor, label: string, rank: string): Pick<CompletionItem, 'label' | 'replaceStart' | 'replaceEnd' | 'sortText' | 'filterText'> {
  return { label, replaceStart: cursor.replaceStart, replaceEnd: cursor.replaceEnd, sortText: `${rank}:${label}`, filterText: label };
}

function commandItems(input: CompletionInput, cursor: CompletionCursor): CompletionItem[] {
  return COMMANDS.map(({ verb, doc }) => ({
    ...base(cursor, verb, RANK.statement),
    kind: 'command' as const,
    detail: 'command',
    documentation: doc,
    insertText: verb === 'top' || verb === 'up' ? verb : `${verb} `,
    insertTextFormat: 'plain' as const,
    data: { platform: input.platform, command: verb },
  }));
}

/** True when nothing but blanks or closing braces follow the word on its line. */
function lineEndsHere(cursor: CompletionCursor): boolean {
  return cursor.restOfLine === '' || cursor.restOfLine.startsWith('}');
}

/** Snippet choice text: `,`, `|` and `\` are escaped as LSP snippet syntax requires. */
function choice(values: readonly string[]): string {
  return `\${1|${values.map((v) => v.replace(/[,|\\]/g, (c) => `\\${c}`)).join(',')}|}`;
}

/** `names`: for a reference leaf, the existing definitions it may name (offered as the placeholder's choices). */
function statementInsert(child: SchemaNode, cursor: CompletionCursor, names: readonly string[] = []): { text: string; format: 'plain' | 'snippet' } {
  const name = child.name;
  const kind = statementKindOf(child);
  if (cursor.form === 'set' || !lineEndsHere(cursor)) {
    return { text: cursor.form === 'set' && kind !== 'flag' && lineEndsHere(cursor) ? `${name} ` : name, format: 'plain' };
  }
  const inner = cursor.indent + '    ';
  const block = ` {\n${inner}$0\n${cursor.indent}}`;
  switch (kind) {
    case 'flag':
      return { text: `${name};`, format: 'plain' };
    case 'container':
      return { text: `${name}${block}`, format: 'snippet' };
    case 'list': {
      const key = `\${1:${child.keys[0]?.name ?? 'name'}}`;
      return meaningfulChildren(child).length === 0
        ? { text: `${name} ${key};`, format: 'snippet' }
        : { text: `${name} ${key}${block}`, format: 'snippet' };
    }
    case 'leaf': {
      const values = enumValues(child.type).concat(names);
      const placeholder = values.length > 0 && values.length <= CHOICES ? choice(values) : '${1:value}';
      return { text: `${name} ${placeholder};`, format: 'snippet' };
    }
  }
}

function statementItems(input: CompletionInput, cursor: CompletionCursor): Collected {
  const parent = cursor.parent;
  if (!parent || parent.opaque) return { items: [], truncated: false };
  const walked = lookupPath(input.schema, cursor.words, { validateValues: false });
  const schemaPath = walked.schemaPath;
  const present = configuredKeywords(input, cursor.words);
  const items: CompletionItem[] = [];
  let truncated = false;
  for (const child of parent.children()) {
    if (child.deprecated) continue;
    if (child.nokeyword) {
      // the keyword is never written: offer the entries that exist (`interfaces ge-0/0/0`), or for a
      // keyword-less leaf the names it references (`filter input EDGE-IN`: the configured filters)
      if (child.kind === 'leaf') {
        const names = referenceCandidates(input.model, input.schema, cursor.words, child, ALL);
        if (names.length > MAX_ITEMS) truncated = true;
        for (const n of narrow(names, cursor)) items.push(nameItem(input, cursor, n, child, RANK.statement, 'reference', valueInserter(child, cursor)));
        continue;
      }
      if (child.kind !== 'list') continue;
      const names = existingEntries(input.model, input.schema, cursor.words, child, ALL);
      if (names.length > MAX_ITEMS) truncated = true;
      for (const n of narrow(names, cursor)) items.push(nameItem(input, cursor, n, child, RANK.statement, 'list', quoteWord));
      continue;
    }
    // `edit` only enters blocks. (`delete` is not narrowed to what is configured: the model has already
    // applied the half-typed delete line, so "configured" cannot be told from it.)
    if (cursor.verb === 'edit' && child.kind !== 'container' && child.kind !== 'list') continue;
    const path = [...schemaPath, child.name];
    const given = (child.kind === 'leaf' || (child.kind === 'container' && child.presence && meaningfulChildren(child).length === 0)) && present.has(child.name);
    const names = child.kind === 'leaf' && child.references.length > 0 && cursor.form === 'curly'
      ? referenceCandidates(input.model, input.schema, cursor.words, child, CHOICES + 1).map((n) => n.name)
      : [];
    const insert = statementInsert(child, cursor, names);
    const summary = statementSummary(path);
    items.push({
      // the `apply-*` statements Junos allows everywhere, and leaves already set, come after the rest
      ...base(cursor, child.name, given || child.name.startsWith('apply-') ? RANK.given : RANK.statement),
      kind: statementKindOf(child),
      detail: withDefault(statementDetail(child), omittedDefault(path, child, input.platform)),
      ...(summary ? { documentation: summary } : {}),
      insertText: insert.text,
      insertTextFormat: insert.format,
      data: { platform: input.platform, schemaPath: path, levelWithKeys: [...cursor.words] },
    });
  }
  if (cursor.words.length === cursor.level.length && cursor.form === 'curly') items.push(...snippetItems(input, cursor, cursor.words));
  return { items, truncated };
}

function withDefault(detail: string, d: OmittedDefault | undefined): string {
  return d ? `${detail} · default ${d.value}` : detail;
}

/** Statement names already configured at a place (effective view), for ranking. */
function configuredKeywords(input: CompletionInput, words: readonly string[]): Set<string> {
  const node: ConfigNode = placeAt(input.model, input.schema, words);
  return new Set(node.children.map((c) => c.keyword));
}

/** When there are more names than MAX_ITEMS, keep those starting with the typed text. */
function narrow(names: NameCandidate[], cursor: CompletionCursor): NameCandidate[] {
  if (names.length <= MAX_ITEMS) return names;
  return names.filter((n) => n.name.startsWith(cursor.typed)).slice(0, MAX_ITEMS);
}

/** How a value of `carrier` is inserted at the cursor: the word, with `;` when it ends a curly statement.
 *  Decided once per list of values (the schema's children are not walked again for every value). */
function valueInserter(carrier: SchemaNode, cursor: CompletionCursor): (text: string) => string {
  const bare = cursor.form === 'set' || !lineEndsHere(cursor) || (carrier.kind === 'list' && meaningfulChildren(carrier).length > 0);
  return bare ? (text) => quoteWord(text) : (text) => `${quoteWord(text)};`;
}

function nameItem(
  input: CompletionInput,
  cursor: CompletionCursor,
  n: NameCandidate,
  carrier: SchemaNode,
  rank: string,
  kind: CompletionKind,
  insertValue: (text: string) => string,
  sortText = `${rank}:${n.name}`,
): CompletionItem {
  return {
    label: n.name,
    replaceStart: cursor.replaceStart,
    replaceEnd: cursor.replaceEnd,
    sortText,
    filterText: n.name,
    kind,
    detail: kind === 'list' ? `${carrier.name} (configured)` : `${n.listPath} (configured)`,
    insertText: kind === 'list' ? (cursor.form === 'set' ? `${quoteWord(n.name)} ` : quoteWord(n.name)) : insertValue(n.name),
    insertTextFormat: 'plain',
    data: { platform: input.platform },
  };
}

function valueItems(input: CompletionInput, cursor: CompletionCursor): Collected {
  const carrier = cursor.carrier;
  if (!carrier) return { items: [], truncated: false };
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const insertValue = valueInserter(carrier, cursor);
  const type = carrier.kind === 'list' ? carrier.keys[0]?.type : carrier.type;
  for (const v of enumValues(type)) {
    if (seen.has(v)) continue;
    seen.add(v);
    items.push({
      ...base(cursor, v, RANK.value),
      // enumerations keep the schema's order (group1, group2, group5, group14, ...)
      sortText: `${RANK.value}:0:${String(seen.size).padStart(4, '0')}`,
      kind: 'enum',
      detail: `${carrier.name} value`,
      insertText: insertValue(v),
      insertTextFormat: 'plain',
      data: { platform: input.platform },
    });
  }
  const names = referenceCandidates(input.model, input.schema, cursor.words, carrier, ALL);
  if (carrier.kind === 'list') {
    for (const e of existingEntries(input.model, input.schema, cursor.words, carrier, ALL)) names.push(e);
  }
  if (names.length > MAX_ITEMS) truncated = true;
  for (const n of narrow(names, cursor)) {
    if (seen.has(n.name)) continue;
    seen.add(n.name);
    items.push(nameItem(input, cursor, n, carrier, RANK.value, 'reference', insertValue, `${RANK.value}:1:${n.name}`));
  }
  return { items, truncated };
}

function snippetItems(input: CompletionInput, cursor: CompletionCursor, level: readonly string[]): CompletionItem[] {
  return snippetsAt(level, cursor.form).map((s) => ({
    ...base(cursor, s.label, RANK.snippet),
    filterText: s.label,
    kind: 'snippet' as const,
    detail: 'snippet',
    documentation: s.description,
    insertText: renderSnippet(s, level, cursor.form, cursor.indent),
    insertTextFormat: 'snippet' as const,
    data: { platform: input.platform, snippet: s.label, levelWithKeys: [...level] },
  }));
}

function finish(items: CompletionItem[], truncated: boolean): CompletionResult {
  items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { items, isIncomplete: truncated };
}

/** The schema node at a path of statement names (no keys), if every name exists. */
function nodeAtPath(schema: Schema, path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema.root;
  for (const name of path) node = node?.child(name);
  return node;
}

/** The full documentation (markdown) of an item, from its `data`. */
export function resolveCompletion(data: CompletionData, schema: Schema): string | undefined {
  try {
    if (data.schemaPath) {
      const node = nodeAtPath(schema, data.schemaPath);
      if (!node) return undefined;
      return statementMarkdown({ node, schemaPath: data.schemaPath, platform: data.platform, ...(data.levelWithKeys ? { levelWithKeys: data.levelWithKeys } : {}) });
    }
    if (data.snippet) {
      const s = SNIPPETS.find((x) => x.label === data.snippet);
      if (!s) return undefined;
      const lines = s.paths.map((p) => `set ${plainWords([...s.anchor, ...p]).join(' ')}`);
      return `${s.description}\n\n\`\`\`junos\n${lines.join('\n')}\n\`\`\``;
    }
    if (data.command) return COMMANDS.find((c) => c.verb === data.command)?.doc;
    return undefined;
  } catch {
    return undefined;
  }
}
