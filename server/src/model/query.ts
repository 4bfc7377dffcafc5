/**
 * model/query.ts: questions asked of a configuration tree: by path, by pattern, by source offset.
 * Owns: `find` (exact path of words), `all` (path pattern with `*`), `nodeAt` (deepest node and word at
 *   an offset), `contextAt` (the statement path the cursor is in, for completion, even in half-typed text).
 * Must not know: LSP, line/column positions, how the tree was built.
 * Invariants: pure reads; never throws; unknown paths give undefined / empty results.
 * Tests: test/src/model/query.test.ts
 */
import type { SchemaNode } from '../schema/types';
import type { ScopeRecord } from './build';
import type { Word } from './source';
import { nodePath, type ConfigNode } from './tree';
import { contextOf, walkItems, type WalkContext } from './walk';

/** Children of `node` selected by the words at `path[i..]`, with how many words each consumed. */
function step(node: ConfigNode, path: readonly string[], i: number): { node: ConfigNode; used: number }[] {
  const out: { node: ConfigNode; used: number }[] = [];
  const word = path[i];
  if (word === undefined) return out;
  for (const c of node.children) {
    const skip = c.keywordHidden && c.role === 'list-entry' ? 0 : 1;
    if (skip === 1 && word !== '*' && c.keyword !== word) continue;
    const need = skip + c.keys.length;
    if (need === 0 || i + need > path.length) continue;
    let ok = true;
    for (let k = 0; k < c.keys.length; k++) {
      const want = path[i + skip + k]!;
      if (want !== '*' && want !== c.keys[k]!.text) ok = false;
    }
    if (ok) out.push({ node: c, used: need });
  }
  return out;
}

/** The node at an exact path of words, e.g. ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet']. */
export function find(root: ConfigNode, path: readonly string[]): ConfigNode | undefined {
  let node = root;
  let i = 0;
  while (i < path.length) {
    const next = step(node, path, i).find((s) => !path.slice(i, i + s.used).includes('*'));
    if (!next) return undefined;
    node = next.node;
    i += next.used;
  }
  return node;
}

/** Every node matching a pattern where `*` stands for any one word (keyword or key),
 *  e.g. ['services', 'ipsec-vpn', 'rule', '*'] gives each rule entry. */
export function all(root: ConfigNode, pattern: readonly string[]): ConfigNode[] {
  const out: ConfigNode[] = [];
  const visit = (node: ConfigNode, i: number): void => {
    if (i === pattern.length) {
      out.push(node);
      return;
    }
    for (const s of step(node, pattern, i)) visit(s.node, i + s.used);
  };
  visit(root, 0);
  return out;
}

export interface NodeAtOffset {
  readonly node: ConfigNode;
  readonly word: Word;
  /** which part of the statement the word is */
  readonly part: 'keyword' | 'key' | 'value';
}

interface WordEntry extends NodeAtOffset {
  readonly depth: number;
}

/** Sorted (by start) index of every word in the tree, per document. */
export class WordIndex {
  private readonly byDoc = new Map<string, WordEntry[]>();

  constructor(root: ConfigNode) {
    const visit = (node: ConfigNode, depth: number): void => {
      for (const w of node.mentions) {
        const isKey = w.text !== node.keyword && node.keys.some((k) => k.text === w.text);
        this.add({ node, word: w, part: isKey ? 'key' : 'keyword', depth });
      }
      for (const w of node.values) this.add({ node, word: w, part: 'value', depth });
      for (const c of node.children) visit(c, depth + 1);
    };
    visit(root, 0);
    for (const list of this.byDoc.values()) list.sort((a, b) => a.word.source.start - b.word.source.start || b.depth - a.depth);
  }

  private add(e: WordEntry): void {
    if (e.word.kind === 'synthetic' && e.part !== 'value') return;
    let list = this.byDoc.get(e.word.source.docId);
    if (!list) this.byDoc.set(e.word.source.docId, (list = []));
    list.push(e);
  }

  /** The deepest node owning a word that contains `offset` (end inclusive, so a cursor after a word finds it). */
  at(docId: string, offset: number): NodeAtOffset | undefined {
    const list = this.byDoc.get(docId);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.word.source.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    let best: WordEntry | undefined;
    for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
      const e = list[i]!;
      if (e.word.source.start <= offset && offset <= e.word.source.end) {
        if (!best || e.depth > best.depth) best = e;
      }
    }
    return best ? { node: best.node, word: best.word, part: best.part } : undefined;
  }
}

/** What completion needs at a cursor. */
export interface CursorContext {
  /** the config node the statement or command is relative to */
  readonly node: ConfigNode;
  /** path words of that node */
  readonly path: readonly string[];
  /** the words written before the cursor in the current statement/command (the partial word excluded) */
  readonly before: readonly Word[];
  /** the word the cursor is in or right after, if any */
  readonly partial: Word | undefined;
  /** schema node whose children may come next after `before`; undefined in free-form or unknown places */
  readonly schema: SchemaNode | undefined;
  /** what the next word is: a statement name, a list key, or a value of `expecting.schema` */
  readonly expecting: { readonly kind: 'statement' } | { readonly kind: 'key' | 'value'; readonly schema: SchemaNode };
  /** the set-form verb when the cursor is on a command line */
  readonly verb: string | undefined;
  readonly form: 'curly' | 'set';
}

/** Outside every statement and block: the edit level left by the last command or banner before the cursor. */
function topLevel(root: ConfigNode, scopes: readonly ScopeRecord[], docId: string, offset: number): ScopeRecord {
  let last: ScopeRecord | undefined;
  for (const s of scopes) {
    if (s.docId === docId && s.levelAfter && s.end <= offset && (!last || s.end > last.end)) last = s;
  }
  const node = last?.levelAfter ?? root;
  // after set-form commands the next line is a command too (form 'set'); no verb is typed yet
  return { docId, start: offset, end: offset, kind: last ? 'command' : 'block', node, pendingList: undefined, words: [] };
}

/** A cursor after an unfinished statement or command, on the same line with only blanks between. */
function continuesLine(text: string | undefined, s: ScopeRecord, offset: number): boolean {
  if (text === undefined || offset < s.end) return false;
  const lastChar = text[s.end - 1];
  if (lastChar === ';' || lastChar === '}') return false;
  return /^[ \t]*$/.test(text.slice(s.end, offset));
}

/** The statement path at an offset, from the scopes the builder recorded. */
export function contextAt(
  root: ConfigNode,
  scopes: readonly ScopeRecord[],
  docId: string,
  offset: number,
  text?: string,
): CursorContext | undefined {
  let innermost: ScopeRecord | undefined;
  let line: ScopeRecord | undefined;
  for (const s of scopes) {
    if (s.docId !== docId) continue;
    if (s.kind === 'block') {
      if (s.start < offset && offset < s.end && (!innermost || s.end - s.start <= innermost.end - innermost.start)) innermost = s;
    } else if (s.start <= offset && (offset <= s.end || continuesLine(text, s, offset))) {
      if (!line || s.end - s.start <= line.end - line.start) line = s;
    }
  }
  // a statement's own block is more specific than the statement holding it
  if (line && innermost && innermost.start >= line.start && innermost.end <= line.end) {
    const afterBlockEnd = offset >= innermost.end;
    if (!afterBlockEnd) line = undefined;
  }
  if (line && text !== undefined && line.kind === 'statement') {
    // a cursor after the terminating ';' is outside the statement
    const written = text.slice(line.start, offset);
    if (/[;}]\s*$/.test(written) && offset >= line.end) line = undefined;
  }
  const scope = line ?? innermost ?? topLevel(root, scopes, docId, offset);
  const words = line ? line.words : [];
  const before = words.filter((w) => w.source.end < offset);
  const partial = words.find((w) => w.source.start <= offset && offset <= w.source.end);
  let top = scope.node;
  while (top.parent) top = top.parent;
  const walkFrom: WalkContext = { ...contextOf(scope.node, top.schema, nodePath(scope.node)), pendingList: scope.pendingList };
  const walked = walkItems(walkFrom, before.map((word) => ({ kind: 'word' as const, word })), 'locate');
  const lastStep = walked.steps[walked.steps.length - 1];
  let expecting: CursorContext['expecting'] = { kind: 'statement' };
  let schema = walked.end.free ? undefined : walked.end.schema;
  if (walked.end.pendingList) expecting = { kind: 'key', schema: walked.end.pendingList.schema };
  else if (lastStep?.kind === 'leaf' && lastStep.values.length === 0 && lastStep.schema.type?.kind !== 'empty') {
    expecting = { kind: 'value', schema: lastStep.schema };
  } else if (lastStep?.kind === 'enter' && lastStep.role === 'list-entry' && lastStep.keys.length < lastStep.schema.keys.length) {
    expecting = { kind: 'key', schema: lastStep.schema };
  }
  if (lastStep?.kind === 'leaf' && lastStep.values.length === 0 && expecting.kind === 'value') schema = undefined;
  const isCommand = scope.kind === 'command';
  return {
    node: scope.node,
    path: walkFrom.path,
    before,
    partial,
    schema,
    expecting,
    verb: isCommand ? scope.verb : undefined,
    form: isCommand ? 'set' : 'curly',
  };
}
