/**
 * lsp/semantic-token-cache.ts: the semantic tokens held per document between requests, and what was sent.
 * Owns: the current token rows of each document (lsp/semantic-token-rows.ts) with the parse tree snapshot
 *   they were made from (ide/tree-changes.ts: freed when replaced), result ids, the window of the data
 *   that changed since each recently sent result (for `full/delta`: windows compose as the tokens move on),
 *   the documents answered before their analysis was ready (to be refreshed when it is); letting the held
 *   rows catch up with their document's version (through the caller's update) and drop their JSON pieces
 *   and spare buffers and pack their data before an idle collection
 *   (lsp/idle-collector.ts `releaseBeforeIdleCollection`: at 100,000 set lines 8.7 + 16.4 MB of array
 *   buffers dropped and 17.8 MB of data packed into 4.2; the first full answer or update after it
 *   unpacks the data and makes the rest again).
 * Must not know: how tokens are computed.
 * Invariants: a delta is only given against a result id this cache handed out for that document and still
 *   holds a window for; applying it to the data of that result yields the current data; an unknown id
 *   means the caller must send a full result; a replaced or forgotten snapshot is disposed.
 * Tests: test/src/lsp/protocol.test.ts (semantic tokens delta), test/src/lsp/semantic-token-rows.test.ts
 */
import type { TreeSnapshot } from '../ide/tree-changes';
import { composeSteps } from './edit-span';
import { type IdleReleasable, releaseBeforeIdleCollection } from './idle-collector';
import type { DataWindow, TokenRows } from './semantic-token-rows';

export interface TokenDataEdit {
  readonly start: number;
  readonly deleteCount: number;
  readonly data: number[];
}

/** Results remembered per document for deltas (the client names the last one it applied). */
const SENT_LIMIT = 8;

interface HeldTokens {
  rows: TokenRows;
  snapshot: TreeSnapshot | undefined;
  /** result id -> the window changed since that result (null: nothing changed), oldest first */
  sent: Map<string, DataWindow | null>;
}

export class SemanticTokenCache implements IdleReleasable {
  private readonly held = new Map<string, HeldTokens>();
  private readonly waiting = new Set<string>();
  private counter = 0;

  /**
   * `catchUp`: brings the held rows of a document up to its current version when that is cheap (an update,
   * lsp/handlers/semantic-tokens.ts `catchUpSemanticTokens`), called while idle before the release: rows of
   * an older version hold that version's text, line index, classes and tree snapshot (at 100,000 set lines
   * 7 MB of text and 3.8 MB of classes when the client asked no tokens since its last edits).
   */
  constructor(private readonly catchUp?: (uri: string) => void) {
    releaseBeforeIdleCollection(this);
  }

  /** Before an idle collection: the held rows are brought up to date (`catchUp`), let go of their JSON
   *  pieces and spare buffers and pack their data (at 100,000 set lines 8.7 + 16.4 MB dropped, 17.8 MB
   *  packed into 4.2; made again when a full answer or an update needs them); returns about the bytes let go. */
  releaseWhileIdle(): number {
    let released = 0;
    for (const [uri, held] of [...this.held]) {
      if (this.catchUp) {
        try {
          this.catchUp(uri);
        } catch {
          // the rows stay as they were
        }
      }
      const now = this.held.get(uri);
      if (now && now.rows !== held.rows) released += held.rows.heldBytes() + held.rows.cachedBytes() + held.rows.text.length;
      if (now) released += now.rows.releaseCaches();
    }
    return released;
  }

  /** The token rows held for `uri` and the tree snapshot they were made from. */
  current(uri: string): { readonly rows: TokenRows; readonly snapshot: TreeSnapshot | undefined } | undefined {
    return this.held.get(uri);
  }

  /**
   * Holds `rows` for `uri` from now on. `window`: the data window that changed from the rows held before
   * (undefined: unknown, every earlier result is forgotten; 'none': nothing changed).
   */
  advance(uri: string, rows: TokenRows, snapshot: TreeSnapshot | undefined, window: DataWindow | 'none' | undefined): void {
    const before = this.held.get(uri);
    if (before && before.snapshot !== snapshot) before.snapshot?.dispose();
    const sent = new Map<string, DataWindow | null>();
    if (before && window !== undefined) {
      for (const [id, w] of before.sent) sent.set(id, window === 'none' ? w : w === null ? window : composeWindows(w, window));
    }
    this.held.set(uri, { rows, snapshot, sent });
  }

  /** True when the client asked for tokens of `uri` (since it was opened). */
  asked(uri: string): boolean {
    return this.held.has(uri);
  }

  /** Notes that tokens of `uri` were answered without the analysis of its current version. */
  awaitAnalysis(uri: string): void {
    this.waiting.add(uri);
  }

  /** True (once) when `uri` was answered without its analysis since the last call: the client should refresh. */
  takeRefresh(uri: string): boolean {
    return this.waiting.delete(uri);
  }

  /** Records that the current rows of `uri` were sent and returns the result id. */
  remember(uri: string): string {
    const resultId = String(++this.counter);
    const held = this.held.get(uri);
    if (held) {
      held.sent.set(resultId, null);
      while (held.sent.size > SENT_LIMIT) held.sent.delete(held.sent.keys().next().value!);
    }
    return resultId;
  }

  /** The edits from the named earlier result to the current data, or undefined when that result is not known. */
  delta(uri: string, previousResultId: string): TokenDataEdit[] | undefined {
    const held = this.held.get(uri);
    const window = held?.sent.get(previousResultId);
    if (!held || window === undefined) return undefined;
    if (window === null) return [];
    return [{ start: window.start, deleteCount: window.oldEnd - window.start, data: held.rows.slice(window.start, window.newEnd) }];
  }

  forget(uri: string): void {
    this.held.get(uri)?.snapshot?.dispose();
    this.held.delete(uri);
    this.waiting.delete(uri);
  }
}

/** One window equivalent to `first` then `second` (each in the data its predecessor made). */
export function composeWindows(first: DataWindow, second: DataWindow): DataWindow {
  const span = composeSteps([
    { start: first.start, end: first.oldEnd, newLength: first.newEnd - first.start },
    { start: second.start, end: second.oldEnd, newLength: second.newEnd - second.start },
  ])!;
  return { start: span.start, oldEnd: span.oldEnd, newEnd: span.newEnd };
}

/** The single replacement turning `before` into `after` (common prefix and suffix kept). */
export function diffTokenData(before: readonly number[], after: readonly number[]): TokenDataEdit[] {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (prefix === before.length && prefix === after.length) return [];
  return [{ start: prefix, deleteCount: before.length - prefix - suffix, data: after.slice(prefix, after.length - suffix) }];
}
