/**
 * model/walk.ts: walks the words of one statement or command against the schema, the way Junos does.
 * Owns: containers by name, list names + key words, leaves with one value (type `empty`: none),
 *   leaf-lists with `[ ]` or one value, several statements on one line, list entries grouped under the
 *   list's name (`source-address { 10.0.0.0/8; }`), nokeyword lists, opaque subtrees, unknown words.
 * Must not know: syntax trees (it gets words), the config tree's storage, LSP.
 * Invariants: pure (reads the schema, returns steps + problems, changes nothing); never throws; an
 *   unknown word yields one `unknown-statement` problem and the rest of the statement becomes free-form.
 *   Which statement a word names and which words a list's keys take are decided by schema/lookup.ts
 *   (statementFor, matchListKeys), the same rules lookupPath uses: one reading of words. A list
 *   entry's `keys` hold every word its keys took, the names of `name value` keys included
 *   (`from-zone trust to-zone untrust` has keys [trust, to-zone, untrust]), so printing them back
 *   gives the words as written.
 * Tests: test/src/model/walk.test.ts
 */
// lookup.ts directly (not schema/index): the model needs the reading rules, not the file loader
import { matchListKeys, statementFor } from '../schema/lookup';
import type { SchemaNode } from '../schema/types';
import { editBanner, problem, type ModelProblem } from './problems';
import type { Item, Word } from './source';
import type { ConfigNode } from './tree';

/** Where a walk starts: the schema node whose children are allowed next. */
export interface WalkContext {
  /** schema node whose children may follow; undefined: nothing is known (free-form) */
  readonly schema: SchemaNode | undefined;
  /** true below an opaque schema node or an unknown word: every word is accepted as-is */
  readonly free: boolean;
  /** the words before must be followed by keys of this list (grouped list entries) */
  readonly pendingList?: { readonly schema: SchemaNode; readonly keyword: Word } | undefined;
  /** the configuration root's schema, for `groups NAME` whose contents are a whole configuration */
  readonly rootSchema: SchemaNode | undefined;
  /** the path words of the context, for messages */
  readonly path: readonly string[];
}

export type WalkStep =
  /** a container or list entry; the walk continues inside it */
  | {
      readonly kind: 'enter';
      readonly role: 'container' | 'list-entry';
      readonly keyword: Word;
      /** false for nokeyword lists and grouped entries, whose keyword was not written here */
      readonly keywordWritten: boolean;
      /** a nokeyword list entry: Junos never writes the list's name */
      readonly keywordHidden: boolean;
      readonly schema: SchemaNode;
      readonly keys: readonly Word[];
    }
  /** a leaf or leaf-list with its value word(s); the walk continues beside it */
  | {
      readonly kind: 'leaf';
      readonly keyword: Word;
      readonly schema: SchemaNode;
      readonly values: readonly Word[];
      /** a nokeyword leaf (`autonomous-system 64500`): only the value is written */
      readonly keywordHidden?: boolean;
    }
  /** one free-form word (opaque or unknown); `values` holds the words of a `[ ]` list written there */
  | { readonly kind: 'word'; readonly role: 'opaque' | 'unknown'; readonly keyword: Word; readonly values: readonly Word[] }
  /** a list name written without keys, at the end of the words: keys follow in a block */
  | { readonly kind: 'list-name'; readonly keyword: Word; readonly schema: SchemaNode };

export interface WalkResult {
  readonly steps: WalkStep[];
  readonly problems: ModelProblem[];
  /** the context after the last word: where a `{ ... }` body continues */
  readonly end: WalkContext;
}

/** `define`: set/hierarchical statements (values required); `locate`: delete and friends (values optional). */
export type WalkMode = 'define' | 'locate';

/** A list or leaf whose keyword is never written (YANG `junos:cli-feature "nokeyword"`), if the schema marks it. */
export function isNoKeyword(node: SchemaNode): boolean {
  return node.nokeyword === true;
}

/** Schema whose children are allowed inside `node` (a `groups NAME` entry holds a whole configuration). */
export function contentSchema(
  node: SchemaNode | undefined,
  keyword: string,
  atRoot: boolean,
  rootSchema: SchemaNode | undefined,
): SchemaNode | undefined {
  if (atRoot && keyword === 'groups' && node && node.kind === 'list' && rootSchema) {
    const looksLikeRoot = node.child('interfaces') !== undefined || node.child('system') !== undefined;
    return looksLikeRoot ? node : rootSchema;
  }
  return node;
}

/** The walk context for statements inside an existing config node. */
export function contextOf(node: ConfigNode, rootSchema: SchemaNode | undefined, path: readonly string[]): WalkContext {
  if (node.role === 'root') return { schema: node.schema, free: node.schema === undefined, rootSchema, path };
  if (node.role === 'opaque' || node.role === 'unknown' || node.role === 'leaf' || node.role === 'leaf-list') {
    return { schema: undefined, free: true, rootSchema, path };
  }
  const atRoot = node.parent?.role === 'root';
  const schema = contentSchema(node.schema, node.keyword, atRoot, rootSchema);
  return { schema, free: schema === undefined || schema.opaque, rootSchema, path };
}

function wordRange(w: Word): { docId: string; start: number; end: number } {
  return w.source;
}

export function walkItems(start: WalkContext, items: readonly Item[], mode: WalkMode): WalkResult {
  const steps: WalkStep[] = [];
  const problems: ModelProblem[] = [];
  let schema = start.schema;
  let free = start.free;
  let pending = start.pendingList;
  const path = [...start.path];
  let atRoot = path.length === 0;
  let i = 0;

  const enterList = (list: SchemaNode, keyword: Word, written: boolean, parent: SchemaNode | undefined): boolean => {
    const texts = items.map((it) => (it.kind === 'word' ? it.word.text : undefined));
    const match = matchListKeys(list, texts, i, parent);
    const keys: Word[] = match.words.map((k) => (items[k.index] as Extract<Item, { kind: 'word' }>).word);
    i = match.next;
    if (match.incomplete) {
      const it = items[i];
      if (it?.kind === 'list') {
        problems.push(problem('unexpected-value', it.source, `'${list.name}' needs a name here, not a [ ] list.`, path));
        i++;
        return false;
      }
      if (mode === 'define' || match.incomplete.reason === 'expected-keyword') {
        const at = keys[keys.length - 1] ?? keyword;
        const need = match.incomplete.key;
        const what =
          match.incomplete.reason === 'expected-keyword'
            ? `'${need.name}' and its value`
            : keys.length === 0 && list.keys.length <= 1
              ? 'a name'
              : `a value for '${need.name}'`;
        problems.push(problem('missing-value', wordRange(at), `'${list.name}' needs ${what} at ${editBanner(path)}.`, path, list.name));
      }
      return false;
    }
    const hidden = isNoKeyword(list);
    steps.push({ kind: 'enter', role: 'list-entry', keyword, keywordWritten: written, keywordHidden: hidden, schema: list, keys });
    path.push(...(hidden ? [] : [list.name]), ...keys.map((k) => k.text));
    schema = contentSchema(list, list.name, atRoot, start.rootSchema);
    free = schema === undefined || schema.opaque;
    atRoot = false;
    return true;
  };

  if (pending && items.length === 0) return { steps, problems, end: start };
  if (pending) {
    const list = pending;
    pending = undefined;
    if (!enterList(list.schema, list.keyword, false, start.schema)) {
      return { steps, problems, end: { schema: undefined, free: true, rootSchema: start.rootSchema, path } };
    }
  }

  while (i < items.length) {
    const it = items[i]!;
    if (free || schema === undefined) {
      i++;
      if (it.kind === 'word') steps.push({ kind: 'word', role: 'opaque', keyword: it.word, values: [] });
      else {
        const keyword: Word = { text: '[ ]', kind: 'synthetic', source: it.source };
        steps.push({ kind: 'word', role: 'opaque', keyword, values: it.words });
      }
      free = true;
      continue;
    }
    if (it.kind === 'list') {
      problems.push(problem('unexpected-value', it.source, `A [ ] list cannot start a statement at ${editBanner(path)}.`, path));
      i++;
      steps.push({ kind: 'word', role: 'unknown', keyword: { text: '[ ]', kind: 'synthetic', source: it.source }, values: it.words });
      free = true;
      continue;
    }
    const w = it.word;
    const found = statementFor(schema, w.text);
    const child = found.node;
    if (child && found.implicit) {
      const implicitKeyword: Word = { text: child.name, kind: 'synthetic', source: w.source };
      if (child.kind === 'list') {
        if (!enterList(child, implicitKeyword, false, schema)) break;
        continue;
      }
      i++;
      steps.push({ kind: 'leaf', keyword: implicitKeyword, schema: child, values: [w], keywordHidden: true });
      continue;
    }
    if (!child) {
      problems.push(
        problem('unknown-statement', wordRange(w), `'${w.text}' is not a statement allowed at ${editBanner(path)}.`, path, w.text),
      );
      i++;
      steps.push({ kind: 'word', role: 'unknown', keyword: w, values: [] });
      free = true;
      continue;
    }
    i++;
    switch (child.kind) {
      case 'container':
        steps.push({ kind: 'enter', role: 'container', keyword: w, keywordWritten: true, keywordHidden: false, schema: child, keys: [] });
        path.push(child.name);
        schema = child;
        free = child.opaque;
        atRoot = false;
        break;
      case 'list':
        if (i >= items.length) {
          steps.push({ kind: 'list-name', keyword: w, schema: child });
          return {
            steps,
            problems,
            end: { schema, free: false, pendingList: { schema: child, keyword: w }, rootSchema: start.rootSchema, path },
          };
        }
        if (!enterList(child, w, true, schema)) {
          return { steps, problems, end: { schema: undefined, free: true, rootSchema: start.rootSchema, path } };
        }
        break;
      case 'leaf':
      case 'leaf-list': {
        if (child.kind === 'leaf' && child.type?.kind === 'empty') {
          steps.push({ kind: 'leaf', keyword: w, schema: child, values: [] });
          break;
        }
        const next = items[i];
        if (!next) {
          if (mode === 'define') {
            problems.push(problem('missing-value', wordRange(w), `'${child.name}' needs a value.`, path, child.name));
          }
          steps.push({ kind: 'leaf', keyword: w, schema: child, values: [] });
          break;
        }
        i++;
        if (next.kind === 'word') {
          steps.push({ kind: 'leaf', keyword: w, schema: child, values: [next.word] });
        } else {
          if (child.kind === 'leaf' && next.words.length !== 1) {
            problems.push(problem('unexpected-value', next.source, `'${child.name}' takes one value, not a [ ] list.`, path, child.name));
          }
          steps.push({ kind: 'leaf', keyword: w, schema: child, values: next.words });
        }
        break;
      }
    }
  }
  const last = steps[steps.length - 1];
  const endFree = free || (last !== undefined && last.kind === 'leaf');
  return { steps, problems, end: { schema: endFree ? undefined : schema, free: endFree, rootSchema: start.rootSchema, path } };
}
