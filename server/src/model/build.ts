/**
 * model/build.ts: applies the documents' statements and commands, in order, to one configuration tree.
 * Owns: hierarchical statements (modifiers `inactive:`/`protect:`, bodies, comments, annotations), the
 *   set-form verbs (set, delete, activate, deactivate, protect, unprotect, annotate, insert, rename, copy),
 *   navigation (edit, top, up [n], exit, quit) and `[edit ...]` banners, mixed freely in one file.
 * Must not know: LSP, line/column positions, groups expansion (model/groups.ts), printing.
 * Invariants: never throws; every created node and value keeps the source words that made it; a
 *   command that cannot apply leaves the tree unchanged and reports one problem. Every word (and note)
 *   read by a statement, command or banner has a source anchored on that one's scope record (made before
 *   its words are read): moving a record's `start` moves its words (model/incremental.ts); the notes
 *   written between statements have plain sources, listed in `loose` (document order).
 * Tests: test/src/model/build.test.ts, test/src/model/commands.test.ts, test/src/model/property.test.ts
 */
import type { Schema, SchemaNode } from '../schema/types';
import { editBanner, problem, type ModelProblem } from './problems';
import {
  childrenOf,
  commandParts,
  commandVerbNode,
  forgetSharedTexts,
  itemSource,
  itemWords,
  sourceOf,
  statementParts,
  wordsBelow,
  type Item,
  type SourceDoc,
  type SyntaxNodeLike,
  type Word,
  type WordReader,
  type WordSource,
} from './source';
import {
  appendChild,
  addTo,
  cloneNode,
  compactTree,
  getChild,
  moveChild,
  newNode,
  newRoot,
  nodePath,
  rekey,
  removeChild,
  type ConfigNode,
  type NodeNote,
} from './tree';
import { contextOf, walkItems, type WalkContext, type WalkStep } from './walk';
import { BlockScope, Chunk, ChunkList, CommandScope, Scope, setScope, StatementScope, type SetScope, type WordPool } from './anchors';

/** Where a statement or command was, and the context its words were walked in (for completion). */
export interface ScopeRecord {
  /** (records the builder makes are `Scope`s, model/anchors.ts: offsets relative to a movable chunk) */
  readonly docId: string;
  readonly start: number;
  readonly end: number;
  /** `block`: inside `{ }` of a statement; `statement`/`command`: one statement or set-form line */
  readonly kind: 'block' | 'statement' | 'command';
  /** the node the words are relative to */
  readonly node: ConfigNode;
  /** set when the words start with keys of this list (entries grouped under the list's name) */
  readonly pendingList: WalkContext['pendingList'];
  /** the statement's or command's words (after the verb; value lists flattened) */
  readonly words: readonly Word[];
  readonly verb?: string;
  /** commands and banners: the edit level after it ran (what the next top-level line is relative to) */
  readonly levelAfter?: ConfigNode;
  /** blocks: the walk context of the statements inside (what an incremental update re-reads one of them in) */
  readonly context?: WalkContext;
}

export interface BuildResult {
  readonly root: ConfigNode;
  readonly problems: ModelProblem[];
  readonly scopes: ScopeRecord[];
  /** the sources of notes written between statements (anchored on chunks), in document order */
  readonly loose: WordSource[];
  /** the chunks records and loose notes are relative to, in document order */
  readonly chunks: Chunk[];
}

/** Where the builder gets the chunk for its next record or note (model/anchors.ts). */
export interface ChunkSource {
  /** `start`: where the item is (a new chunk's base offset: positions in a chunk are kept relative to it) */
  next(docId: string, start: number): Chunk;
  /** where records keep their words (a full build's records; else each keeps its own array) */
  readonly pool?: WordPool;
}

const VERBS: ReadonlySet<string> = new Set([
  'set', 'delete', 'activate', 'deactivate', 'protect', 'unprotect', 'annotate', 'insert', 'rename', 'copy',
  'edit', 'top', 'up', 'exit', 'quit',
]);

interface Materialized {
  /** where the walk ended (the container/entry the next words would go in) */
  readonly cursor: ConfigNode;
  /** the node of the last step (a leaf when the words ended with one) */
  readonly last: ConfigNode;
  /** the node of the first step: the statement a modifier or annotation written before the words is about */
  readonly first: ConfigNode;
}

function opaqueKeyword(step: Extract<WalkStep, { kind: 'word' }>): string {
  if (step.values.length === 0) return step.keyword.text;
  return `[ ${step.values.map((v) => v.text).join(' ')} ]`;
}

/** Creates (or finds) the nodes the steps name, below `start`. */
export function materialize(start: ConfigNode, steps: readonly WalkStep[]): Materialized {
  let cursor = start;
  let last = start;
  let first: ConfigNode | undefined;
  for (const step of steps) {
    if (last !== start) first ??= last;
    switch (step.kind) {
      case 'enter': {
        const keyTexts = step.keys.map((k) => k.text);
        let child = getChild(cursor, step.schema.name, keyTexts);
        if (!child) {
          child = appendChild(
            cursor,
            newNode({
              keyword: step.schema.name,
              keywordWord: step.keywordHidden ? undefined : step.keyword,
              schema: step.schema,
              role: step.role,
              keys: [...step.keys],
              keywordHidden: step.keywordHidden,
            }),
          );
        }
        if (!step.keywordHidden && (step.keywordWritten || child.mentions.length === 0)) addTo(child, 'mentions', step.keyword);
        addTo(child, 'mentions', ...step.keys);
        cursor = child;
        last = child;
        break;
      }
      case 'leaf': {
        const role = step.schema.kind === 'leaf-list' ? 'leaf-list' : 'leaf';
        let child = getChild(cursor, step.schema.name);
        if (!child) {
          child = appendChild(
            cursor,
            newNode({
              keyword: step.schema.name,
              keywordWord: step.keywordHidden ? undefined : step.keyword,
              schema: step.schema,
              role,
              keywordHidden: step.keywordHidden ?? false,
            }),
          );
          child.values = [...step.values];
        } else if (role === 'leaf') {
          if (step.values.length > 0) {
            if (child.values.length > 0) addTo(child, 'overridden', child.values);
            child.values = [...step.values];
          }
        } else {
          for (const v of step.values) if (!child.values.some((x) => x.text === v.text)) addTo(child, 'values', v);
        }
        if (!step.keywordHidden) addTo(child, 'mentions', step.keyword);
        last = child;
        break;
      }
      case 'word': {
        const keyword = opaqueKeyword(step);
        let child = getChild(cursor, keyword);
        if (!child) {
          child = appendChild(cursor, newNode({ keyword, keywordWord: step.keyword, schema: undefined, role: step.role, values: [...step.values] }));
        }
        addTo(child, 'mentions', step.keyword);
        cursor = child;
        last = child;
        break;
      }
      case 'list-name':
        break;
    }
  }
  return { cursor, last, first: first ?? last };
}

/** What a `locate` walk found. */
type Located =
  | { readonly kind: 'node'; readonly node: ConfigNode; readonly values: readonly Word[] }
  | { readonly kind: 'entries'; readonly parent: ConfigNode; readonly entries: readonly ConfigNode[] };

/** Follows the steps without creating anything. */
export function locate(start: ConfigNode, steps: readonly WalkStep[]): Located | undefined {
  let cursor = start;
  let found: Located = { kind: 'node', node: start, values: [] };
  for (const step of steps) {
    let child: ConfigNode | undefined;
    switch (step.kind) {
      case 'enter':
        child = getChild(cursor, step.schema.name, step.keys.map((k) => k.text));
        if (!child) return undefined;
        cursor = child;
        found = { kind: 'node', node: child, values: [] };
        break;
      case 'leaf':
        child = getChild(cursor, step.schema.name);
        if (!child) return undefined;
        found = { kind: 'node', node: child, values: step.values };
        break;
      case 'word':
        child = getChild(cursor, opaqueKeyword(step));
        if (!child) return undefined;
        cursor = child;
        found = { kind: 'node', node: child, values: [] };
        break;
      case 'list-name': {
        const entries = cursor.children.filter((c) => c.role === 'list-entry' && c.keyword === step.schema.name);
        if (entries.length === 0) return undefined;
        found = { kind: 'entries', parent: cursor, entries };
        break;
      }
    }
  }
  return found;
}

function spanOf(items: readonly Item[], fallback: WordSource): WordSource {
  if (items.length === 0) return fallback;
  const a = itemSource(items[0]!);
  const b = itemSource(items[items.length - 1]!);
  return { docId: a.docId, start: a.start, end: b.end };
}

/** Removes empty non-presence containers left behind by a delete (never `keep` or its ancestors). */
function pruneEmpty(node: ConfigNode | undefined, keep: ConfigNode): void {
  const protectedNodes = new Set<ConfigNode>();
  for (let n: ConfigNode | undefined = keep; n; n = n.parent) protectedNodes.add(n);
  while (node && node.role === 'container' && node.children.length === 0 && !node.schema?.presence && !protectedNodes.has(node)) {
    const parent = node.parent;
    if (!parent) return;
    removeChild(parent, node);
    node = parent;
  }
}

function unquoteNote(raw: string, kind: 'comment' | 'annotation'): string {
  if (kind === 'annotation') return raw.replace(/^\/\*\s?/, '').replace(/\s?\*\/$/, '');
  return raw.replace(/^#+\s*/, '');
}

/** Applies one document after another to a fresh tree. */
/** What applies one document's statements and commands to a tree: the whole document (`top` for each of
 *  its root's children), or, for incremental updates (model/incremental.ts), one statement at a known place. */
export interface DocBuilder {
  top(c: SyntaxNodeLike): void;
  /** one hierarchical statement below `at`, its words read in `context` */
  statement(n: SyntaxNodeLike, at: ConfigNode, context: WalkContext): void;
  /** one child of a block (statement, note, ERROR, block) below `at`, read as a block reads it */
  child(c: SyntaxNodeLike, at: ConfigNode, context: WalkContext): void;
  /** the walk context of a node of the tree (as a block below it would get it) */
  contextOf(node: ConfigNode): WalkContext;
}

export function docBuilder(
  doc: SourceDoc,
  root: ConfigNode,
  rootSchema: SchemaNode | undefined,
  problems: ModelProblem[],
  scopes: ScopeRecord[],
  loose: WordSource[],
  chunks: ChunkSource,
): DocBuilder {
  const anchoredOn = (anchor: Scope | Chunk): WordReader => ({ id: doc.id, text: doc.text, anchor });
  const newCommand = (n: SyntaxNodeLike, node: ConfigNode): CommandScope => new CommandScope(chunks.next(doc.id, n.startIndex), n.startIndex, n.endIndex, node);
  // a `set` command leaves the level it ran at (runCommand): its record keeps neither verb nor level
  const newCommandOf = (n: SyntaxNodeLike, node: ConfigNode): CommandScope | SetScope => {
    const verb = commandVerbNode(n);
    return verb && doc.text.slice(verb.startIndex, verb.endIndex) === 'set' ? setScope(chunks.next(doc.id, n.startIndex), n.startIndex, n.endIndex, node) : newCommand(n, node);
  };
  let level: ConfigNode = root;
  let history: ConfigNode[] = [];
  let pendingComments: NodeNote[] = [];
  let pendingAnnotation: NodeNote | undefined;
  let lastNode: ConfigNode | undefined;
  let lastEnd = -1;

  // one context object per level node, shared by the scope records made there
  let ctxNode: ConfigNode | undefined;
  let ctxCached: WalkContext | undefined;
  const ctxOf = (node: ConfigNode): WalkContext => {
    if (node !== ctxNode || !ctxCached) {
      ctxNode = node;
      ctxCached = contextOf(node, rootSchema, nodePath(node));
    }
    return ctxCached;
  };

  const attachNotes = (node: ConfigNode): void => {
    if (node.role === 'root') return;
    if (pendingComments.length > 0) addTo(node, 'comments', ...pendingComments);
    if (pendingAnnotation) node.annotation = pendingAnnotation;
    pendingComments = [];
    pendingAnnotation = undefined;
  };

  /** `reader` undefined: a note between statements (anchored on a chunk, listed in `loose`) */
  const noteOf = (n: SyntaxNodeLike, kind: 'comment' | 'annotation', reader: WordReader | undefined): NodeNote => {
    const raw = doc.text.slice(n.startIndex, n.endIndex).trim();
    const source = sourceOf(reader ?? anchoredOn(chunks.next(doc.id, n.startIndex)), n.startIndex, n.endIndex);
    if (!reader) loose.push(source);
    return {
      text: unquoteNote(raw, kind),
      ...(kind === 'comment' ? { raw } : {}),
      source,
    };
  };

  const note = (n: SyntaxNodeLike, kind: 'comment' | 'annotation', reader: WordReader | undefined): void => {
    const raw = doc.text.slice(n.startIndex, n.endIndex);
    if (kind === 'comment' && /^##\s*SECRET-DATA\s*$/.test(raw.trim())) return;
    const entry = noteOf(n, kind, reader);
    const sameLine = lastEnd >= 0 && !/[\r\n]/.test(doc.text.slice(lastEnd, n.startIndex));
    if (kind === 'comment' && sameLine && lastNode) addTo(lastNode, 'comments', entry);
    else if (kind === 'comment') pendingComments.push(entry);
    else pendingAnnotation = entry;
  };

  const statement = (n: SyntaxNodeLike, at: ConfigNode, context: WalkContext): void => {
    const record = new StatementScope(chunks.next(doc.id, n.startIndex), n.startIndex, n.endIndex, at, context.pendingList);
    const reader = anchoredOn(record);
    const parts = statementParts(n, reader);
    const firstWord = parts.items.length > 0 ? itemSource(parts.items[0]!).start : n.endIndex;
    for (const x of parts.notes) if (x.startIndex < firstWord) note(x, x.type === 'comment' ? 'comment' : 'annotation', reader);
    record.keepWords(itemWords(parts.items), chunks.pool);
    scopes.push(record);
    if (parts.items.length === 0) return;
    const walked = walkItems(context, parts.items, 'define');
    problems.push(...walked.problems);
    const { cursor, last, first } = materialize(at, walked.steps);
    // free-form words followed by more words of this statement were written inline
    for (let n = last.parent; n && n !== at; n = n.parent) if ((n.role === 'opaque' || n.role === 'unknown') && n.opensBlock === undefined) n.opensBlock = false;
    if (first === at) {
      // a list name whose entries follow in the block: nothing to hang a note on
      pendingComments = [];
      pendingAnnotation = undefined;
    } else {
      attachNotes(first);
      for (const m of parts.modifiers) {
        if (m === 'inactive') first.inactive = true;
        else if (m === 'protect') first.protect = true;
      }
    }
    lastNode = last;
    lastEnd = parts.body ? parts.body.startIndex + 1 : n.endIndex;
    for (const x of parts.notes) {
      if (x.startIndex < firstWord || /^##\s*SECRET-DATA\s*$/.test(doc.text.slice(x.startIndex, x.endIndex).trim())) continue;
      // a note between the words: about this statement
      if (x.type === 'comment') addTo(last, 'comments', noteOf(x, 'comment', reader));
      else first.annotation ??= noteOf(x, 'annotation', reader);
    }
    if (parts.body && (last.role === 'leaf' || last.role === 'leaf-list') && !walked.end.pendingList) {
      problems.push(
        problem('unexpected-value', { docId: doc.id, start: parts.body.startIndex, end: parts.body.startIndex + 1 },
          `'${last.keyword}' takes a value, not a { } block.`, nodePath(last), last.keyword),
      );
    }
    if (parts.body) {
      if (last.role === 'opaque' || last.role === 'unknown') last.opensBlock = true;
      const bodyNode = walked.end.pendingList ? cursor : last;
      const bodyContext = walked.end.pendingList ? walked.end : last === cursor ? walked.end : ctxOf(last);
      block(parts.body, bodyNode, bodyContext);
      lastNode = last;
      lastEnd = n.endIndex;
    } else if (last.role === 'opaque' || last.role === 'unknown') {
      last.terminal = true;
    }
  };

  const block = (b: SyntaxNodeLike, at: ConfigNode, context: WalkContext): void => {
    scopes.push(new BlockScope(chunks.next(doc.id, b.startIndex), b.startIndex, b.endIndex, at, context.pendingList, context));
    for (const c of childrenOf(b)) child(c, at, context);
    pendingComments = [];
    pendingAnnotation = undefined;
  };

  const child = (c: SyntaxNodeLike, at: ConfigNode, context: WalkContext): void => {
    switch (c.type) {
      case 'statement':
        statement(c, at, context);
        break;
      case 'comment':
        note(c, 'comment', undefined);
        break;
      case 'annotation':
        note(c, 'annotation', undefined);
        break;
      case 'ERROR':
        for (const inner of childrenOf(c)) if (inner.type === 'statement' || inner.type === 'block') child(inner, at, context);
        break;
      case 'block':
        block(c, at, context);
        break;
      default:
        break;
    }
  };

  const command = (n: SyntaxNodeLike): void => {
    const record = newCommandOf(n, level);
    const reader = anchoredOn(record);
    const parts = commandParts(n, reader);
    if (!parts) return;
    lastNode = undefined;
    runCommand(parts.verb, parts.verbSource, parts.items);
    lastEnd = parts.items.length > 0 ? itemSource(parts.items[parts.items.length - 1]!).end : parts.verbSource.end;
    for (const x of parts.notes) note(x, x.type === 'comment' ? 'comment' : 'annotation', reader);
    record.keepWords(itemWords(parts.items), chunks.pool);
    if (record instanceof CommandScope) {
      record.verb = parts.verb;
      record.levelAfter = level;
    }
    scopes.push(record);
    lastEnd = n.endIndex;
  };

  const runCommand = (verb: string, verbSource: WordSource, items: readonly Item[]): void => {
    const here = ctxOf(level);
    const span = spanOf(items, verbSource);
    const path = nodePath(level);
    const need = (what: string): void => {
      problems.push(problem('invalid-command', span, `'${verb}' needs ${what}.`, path));
    };
    const find = (words: readonly Item[], from: ConfigNode = level): Located | undefined => {
      const walked = walkItems(ctxOf(from), words, 'locate');
      problems.push(...walked.problems.filter((p) => p.code !== 'missing-value'));
      return locate(from, walked.steps);
    };
    const missing = (what: string): void => {
      problems.push(
        problem('delete-nonexistent', span, `Nothing to ${verb}: '${what}' is not configured at ${editBanner(path)}.`, path),
      );
    };
    const text = (words: readonly Item[]): string => itemWords(words).map((w) => w.text).join(' ');

    switch (verb) {
      case 'set': {
        if (items.length === 0) return need('a statement');
        const walked = walkItems(here, items, 'define');
        problems.push(...walked.problems);
        const lastStep = walked.steps[walked.steps.length - 1];
        if (lastStep?.kind === 'list-name') {
          problems.push(problem('missing-value', lastStep.keyword.source, `'${lastStep.schema.name}' needs a name.`, path, lastStep.schema.name));
        }
        const { last } = materialize(level, walked.steps);
        if (last.role === 'opaque' || last.role === 'unknown') last.terminal = true;
        attachNotes(last);
        lastNode = last;
        return;
      }
      case 'delete': {
        if (items.length === 0) {
          for (const c of [...level.children]) removeChild(level, c);
          return;
        }
        const found = find(items);
        if (!found) return missing(text(items));
        if (found.kind === 'entries') {
          for (const e of found.entries) removeChild(found.parent, e);
          pruneEmpty(found.parent, level);
          return;
        }
        const target = found.node;
        if (target === level) return need('a statement below the current level');
        if (target.role === 'leaf-list' && found.values.length > 0) {
          for (const v of found.values) {
            const at = target.values.findIndex((x) => x.text === v.text);
            if (at < 0) {
              problems.push(problem('delete-nonexistent', v.source, `'${v.text}' is not a value of '${target.keyword}'.`, path));
            } else {
              const values = target.values;
              values.splice(at, 1);
              target.values = values;
            }
          }
          if (target.values.length > 0) return;
        }
        const parent = target.parent;
        if (parent) {
          removeChild(parent, target);
          pruneEmpty(parent, level);
        }
        return;
      }
      case 'activate':
      case 'deactivate':
      case 'protect':
      case 'unprotect': {
        if (items.length === 0) return need('a statement');
        const found = find(items);
        if (!found) return missing(text(items));
        const nodes = found.kind === 'entries' ? found.entries : [found.node];
        for (const node of nodes) {
          if (node === level && node.role === 'root') return need('a statement');
          if (verb === 'activate') node.inactive = false;
          else if (verb === 'deactivate') node.inactive = true;
          else if (verb === 'protect') node.protect = true;
          else node.protect = false;
        }
        return;
      }
      case 'annotate': {
        if (items.length < 2) return need('a statement and a comment');
        const commentItem = items[items.length - 1]!;
        const found = find(items.slice(0, -1));
        if (!found || found.kind !== 'node') return missing(text(items.slice(0, -1)));
        const words = itemWords([commentItem]);
        found.node.annotation = { text: words.map((w) => w.text).join(' '), source: itemSource(commentItem) };
        return;
      }
      case 'insert': {
        const k = findKeyword(items, ['before', 'after']);
        if (k <= 0 || k === items.length - 1) return need("a statement, 'before' or 'after', and a sibling");
        const found = find(items.slice(0, k));
        if (!found || found.kind !== 'node' || !found.node.parent) return missing(text(items.slice(0, k)));
        const target = found.node;
        const parent = target.parent!;
        const ref = find(items.slice(k + 1), parent);
        if (!ref || ref.kind !== 'node' || ref.node.parent !== parent) return missing(text(items.slice(k + 1)));
        moveChild(parent, target, ref.node, itemWords([items[k]!])[0]!.text as 'before' | 'after');
        return;
      }
      case 'rename':
      case 'copy': {
        const k = findKeyword(items, ['to']);
        if (k <= 0 || k === items.length - 1) return need("a statement, 'to', and a new name");
        const found = find(items.slice(0, k));
        if (!found || found.kind !== 'node' || !found.node.parent) return missing(text(items.slice(0, k)));
        const target = found.node;
        let newKeys = itemWords(items.slice(k + 1));
        if (newKeys.length === target.keys.length + 1 && newKeys[0]!.text === target.keyword) newKeys = newKeys.slice(1);
        if (target.role !== 'list-entry' || newKeys.length !== target.keys.length) {
          return need(`'${target.keyword}' followed by ${Math.max(1, target.keys.length)} new name word(s) after 'to'`);
        }
        const parent = target.parent!;
        if (getChild(parent, target.keyword, newKeys.map((w) => w.text))) {
          problems.push(problem('invalid-command', span, `'${target.keyword} ${newKeys.map((w) => w.text).join(' ')}' already exists.`, path));
          return;
        }
        if (verb === 'rename') {
          rekey(target, newKeys);
          addTo(target, 'mentions', ...newKeys);
        } else {
          const copy = cloneNode(target);
          copy.keys = newKeys;
          copy.mentions = [...newKeys];
          appendChild(parent, copy);
        }
        return;
      }
      case 'edit': {
        if (items.length === 0) return need('a statement path');
        const walked = walkItems(here, items, 'define');
        const lastStep = walked.steps[walked.steps.length - 1];
        if (lastStep?.kind === 'leaf') return need('a container or list entry, not a leaf');
        problems.push(...walked.problems);
        const { cursor } = materialize(level, walked.steps);
        history.push(level);
        level = cursor;
        return;
      }
      case 'top':
      case 'up': {
        let rest = items;
        let target: ConfigNode = root;
        if (verb === 'up') {
          let n = 1;
          const first = rest[0];
          if (first?.kind === 'word' && /^\d+$/.test(first.word.text)) {
            n = Number(first.word.text);
            rest = rest.slice(1);
          }
          target = level;
          for (let i = 0; i < n && target.parent; i++) target = target.parent;
        }
        const first = rest[0];
        if (first?.kind === 'word' && VERBS.has(first.word.text) && first.word.text !== verb) {
          const saved = level;
          level = target;
          runCommand(first.word.text, first.word.source, rest.slice(1));
          if (first.word.text !== 'edit') level = saved;
          else history.push(saved);
          return;
        }
        if (rest.length > 0) return need('nothing after it, or a command to run there');
        history.push(level);
        level = target;
        return;
      }
      case 'exit':
      case 'quit':
        level = history.pop() ?? root;
        return;
      default:
        problems.push(problem('invalid-command', verbSource, `'${verb}' is not a configuration command the model applies.`, path));
    }
  };

  const banner = (n: SyntaxNodeLike): void => {
    const record = newCommand(n, root);
    record.verb = 'edit';
    let words = wordsBelow(n, anchoredOn(record));
    if (words[0]?.text === 'edit') words = words.slice(1);
    const items: Item[] = words.map((word) => ({ kind: 'word', word }));
    const walked = walkItems(ctxOf(root), items, 'define');
    problems.push(...walked.problems);
    level = materialize(root, walked.steps).cursor;
    history = [];
    record.keepWords(words, chunks.pool);
    record.levelAfter = level;
    scopes.push(record);
  };

  const top = (c: SyntaxNodeLike): void => {
    switch (c.type) {
      case 'command':
        command(c);
        break;
      case 'banner':
        banner(c);
        break;
      case 'ERROR':
        for (const inner of childrenOf(c)) top(inner);
        break;
      default:
        child(c, level, ctxOf(level));
    }
  };

  return { top, statement, child, contextOf: ctxOf };
}

export function buildTree(docs: readonly SourceDoc[], schema: Schema | undefined): BuildResult {
  const rootSchema = schema?.root;
  const root = newRoot(rootSchema);
  const problems: ModelProblem[] = [];
  const scopes: ScopeRecord[] = [];
  const loose: WordSource[] = [];
  const chunks = new ChunkList();

  for (const doc of docs) {
    const builder = docBuilder(doc, root, rootSchema, problems, scopes, loose, chunks);
    for (const c of childrenOf(doc.tree.rootNode)) builder.top(c);
  }
  compactTree(root);
  chunks.pool.trim(chunks.chunks);
  forgetSharedTexts();
  return { root, problems, scopes, loose, chunks: chunks.chunks };
}

function findKeyword(items: readonly Item[], words: readonly string[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.kind === 'word' && words.includes(it.word.text)) return i;
  }
  return -1;
}
