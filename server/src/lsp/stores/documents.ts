/**
 * lsp/stores/documents.ts: the open documents: text (incremental sync), syntax tree (incremental reparse),
 *   version, and a line index per version.
 * Owns: applying `didChange` content changes in order to both the text and the syntax document (LSP ranges
 *   -> offsets through the line index, with `TextDocument`'s rules: ends put in order, positions clamped;
 *   -> `applyEdit`), one at a time (a caller may look at the document between two of them: `beforeEach`),
 *   snapshots for handlers, a short log of the edits (as offsets) so a result computed for an older
 *   version (or an older step, `seq`) can be mapped to the current text (edit-map.ts), and when the text a
 *   change made is read whole (`flattenText`).
 * Must not know: features, diagnostics, the connection.
 * Invariants: after every change the syntax document's text equals the store's text (checked; on a mismatch
 *   the syntax document is rebuilt from the text; the syntax document is handed the store's text as pieces
 *   (syntax/piece-text.ts), so the check is a comparison of one string with itself unless something went
 *   wrong); applying a change reads no more of the text than the change's own span (the new text is a
 *   concatenation V8 copies whole at its first read: `flattenText`, or the first reader); the line index of
 *   each version is made from the one before and the changes (no scan of a text without `\r`; a text
 *   holding one is scanned again); versions only grow;
 *   `seq` numbers the document's states (0 at open, one more per content change, so it tells apart the
 *   states a multi-change `didChange` passes through, which share its version; never reused while open); a snapshot is a consistent
 *   (text, tree, version, seq) tuple valid until the next change of that document (handlers read it synchronously;
 *   its `root` is computed on first use and shared by every later snapshot of the same state).
 * Tests: test/src/lsp/stores.test.ts (incl. random changes against vscode-languageserver-textdocument),
 *   test/src/lsp/protocol.test.ts (incremental edits)
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { SyntaxNodeLike } from '../../model/source';
import { PieceText } from '../../syntax/piece-text';
import { LineIndex, type Position } from '../../text/line-index';
import { EditMap } from '../edit-map';

/** What the store needs from the syntax layer's document; `SyntaxDocument` satisfies it. */
export interface IncrementalSyntax {
  readonly text: string;
  readonly tree: { readonly rootNode: SyntaxNodeLike };
  /** `result`: the text after the edit, as the store has it (pieces whose `text` the syntax document may
   *  keep, and read through without reading the whole string) */
  applyEdit(start: number, end: number, newText: string, result?: PieceText): void;
  /** frees the tree (wasm memory); the document is not used afterwards */
  dispose?(): void;
}

export interface DocumentSnapshot<S extends IncrementalSyntax> {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  /** the document's state: 0 right after open, one more after each content change applied (and after
   *  an open of an open document) */
  readonly seq: number;
  readonly text: string;
  readonly syntax: S;
  /** the plain tree features walk (see `rootOf`) */
  readonly root: SyntaxNodeLike;
  readonly lines: LineIndex;
}

/** One applied change: the text between `start` and `end` of the text before it became `newLength` characters. */
export interface EditStep {
  /** the version the change produced */
  readonly version: number;
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/** Edits kept per document; older versions cannot be mapped (their results are recomputed instead). */
const EDIT_LOG_LIMIT = 256;

/** Where a content change falls in the text before it: `[start, end)` becomes `newLength` characters. */
export interface PendingStep {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

interface StoredDocument<S> {
  readonly languageId: string;
  version: number;
  /** the text, as pieces of the last text read whole and the changes' texts (see syntax/piece-text.ts) */
  source: PieceText;
  /** the current state's number (see `DocumentSnapshot.seq`) */
  seq: number;
  /** the latest changes, oldest first; `loggedFrom` is the oldest version they start from,
   *  `loggedFromSeq` the state (`seq`) the first one starts from (`edits[i]` made state `loggedFromSeq + i + 1`) */
  edits: EditStep[];
  loggedFrom: number;
  loggedFromSeq: number;
  syntax: S;
  /** the line index of the current text (made from the one before at each change: no scan of the text) */
  lines: LineIndex;
  root: SyntaxNodeLike | undefined;
  /** the last tree copy made and the state (`seq`) it is of: the next copy reuses its unedited parts */
  lastRoot: { readonly seq: number; readonly root: SyntaxNodeLike } | undefined;
}

export class DocumentStore<S extends IncrementalSyntax> {
  private readonly byUri = new Map<string, StoredDocument<S>>();

  /**
   * `openSyntax` parses a full text; `rootOf` gives the tree features walk (made at most once per version,
   * on first use); `onResync` hears about (should-not-happen) text mismatches.
   */
  constructor(
    private readonly openSyntax: (text: string) => S,
    private readonly rootOf: (
      syntax: S,
      previous?: {
        readonly root: SyntaxNodeLike;
        readonly movedStart: (start: number, end: number) => number | undefined;
        readonly toNew: (offset: number) => number | undefined;
      },
    ) => SyntaxNodeLike,
    private readonly onResync: (uri: string) => void = () => undefined,
  ) {}

  open(uri: string, languageId: string, version: number, text: string): DocumentSnapshot<S> {
    const previous = this.byUri.get(uri);
    previous?.syntax.dispose?.();
    // the line index made now, with the open, not by the first edit's `offsetAt` (tens of ms at 100,000 lines)
    const lines = new LineIndex(text);
    // (opened again without a close: `seq` goes on from the old text's, whose edits are not logged)
    const seq = previous ? previous.seq + 1 : 0;
    const source = PieceText.of(text);
    this.byUri.set(uri, { languageId, version, source, seq, edits: [], loggedFrom: version, loggedFromSeq: seq, syntax: this.openSyntax(text), lines, root: undefined, lastRoot: undefined });
    return this.snapshot(uri)!;
  }

  /**
   * Applies changes in order. Returns the new snapshot, or undefined when the document is not open.
   * `beforeEach(step, index)` runs before each change is applied, with the store holding the state the
   * changes before it made (`snapshot` gives it: the new version, the `seq` of that state); it must not
   * change the document (what it throws is ignored).
   */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
    beforeEach?: (step: PendingStep, index: number) => void,
  ): DocumentSnapshot<S> | undefined {
    const stored = this.byUri.get(uri);
    if (!stored) return undefined;
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const range = 'range' in change && change.range ? wellFormed(change.range) : undefined;
      // (the line index reads no text for a text without `\r`: the new text is not read as a whole here)
      const start = range ? stored.lines.offsetAt(range.start) : 0;
      const end = range ? Math.max(start, stored.lines.offsetAt(range.end)) : stored.source.length;
      if (beforeEach) {
        try {
          beforeEach({ start, end, newLength: change.text.length }, i);
        } catch {
          // the caller's business: the change is applied all the same
        }
      }
      this.applyStep(uri, stored, version, change, start, end);
    }
    if (stored.edits.length > EDIT_LOG_LIMIT) {
      const dropped = stored.edits.splice(0, stored.edits.length - EDIT_LOG_LIMIT);
      stored.loggedFrom = dropped[dropped.length - 1]!.version;
      stored.loggedFromSeq += dropped.length;
    }
    return this.snapshot(uri);
  }

  /** One change, `[start, end)` of the current text -> `change.text` (the whole text when the change has no
   *  range), applied to the text, the tree, the line index and the log; the tree is rebuilt from the text
   *  when they disagree afterwards. */
  private applyStep(uri: string, stored: StoredDocument<S>, version: number, change: TextDocumentContentChangeEvent, start: number, end: number): void {
    stored.seq++;
    stored.version = version;
    stored.edits.push({ version, start, end, newLength: change.text.length });
    const whole = !('range' in change && change.range);
    stored.source = whole ? PieceText.of(change.text) : stored.source.edited(start, end, change.text);
    const text = stored.source.text;
    let failed = false;
    try {
      // the syntax document takes this text when it is what the edit gives (else it builds its own,
      // and the check below finds the difference)
      stored.syntax.applyEdit(start, end, change.text, stored.source);
    } catch {
      failed = true; // the text stays authoritative; the tree is rebuilt below
    }
    stored.lines = whole ? new LineIndex(text) : LineIndex.afterEdit(stored.lines, start, end, change.text, text);
    stored.root = undefined;
    if (failed || stored.syntax.text !== text) {
      stored.syntax.dispose?.();
      stored.syntax = this.openSyntax(text);
      stored.lastRoot = undefined;
      this.onResync(uri);
    }
  }

  /** The changes applied since `version` (oldest first), or undefined when the log no longer reaches back to it. */
  editsSince(uri: string, version: number): readonly EditStep[] | undefined {
    const stored = this.byUri.get(uri);
    if (!stored || version < stored.loggedFrom) return undefined;
    return stored.edits.filter((e) => e.version > version);
  }

  /** The changes applied after the state `seq` (oldest first), or undefined when the log no longer reaches back to it. */
  editsAfter(uri: string, seq: number): readonly EditStep[] | undefined {
    const stored = this.byUri.get(uri);
    if (!stored || seq < stored.loggedFromSeq || seq > stored.seq) return undefined;
    return stored.edits.slice(seq - stored.loggedFromSeq);
  }

  close(uri: string): boolean {
    const stored = this.byUri.get(uri);
    stored?.syntax.dispose?.();
    return this.byUri.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.byUri.has(uri);
  }

  version(uri: string): number | undefined {
    return this.byUri.get(uri)?.version;
  }

  /**
   * Reads the document's text as a whole once (V8 copies the concatenation the changes made into one flat
   * string: 3-20 ms at 100,000 set lines), so the next change and every reader after it read a flat text.
   * For a quiet moment after a change (did-change.ts); returns whether there was anything to do.
   */
  flattenText(uri: string): boolean {
    const stored = this.byUri.get(uri);
    if (!stored || stored.source.pieceCount <= 1) return false;
    // (in place: the syntax document holds the same pieces, which then no longer keep the older text)
    stored.source.flatten();
    return true;
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  snapshot(uri: string): DocumentSnapshot<S> | undefined {
    const stored = this.byUri.get(uri);
    if (!stored) return undefined;
    const text = stored.source.text;
    const rootOf = (): SyntaxNodeLike => {
      const last = stored.lastRoot;
      const steps = last && last.seq !== stored.seq ? this.editsAfter(uri, last.seq) : undefined;
      const map = steps && steps.length > 0 ? new EditMap(steps) : undefined;
      const root = map && last ? this.rootOf(stored.syntax, { root: last.root, movedStart: (start, end) => map.movedStart(start, end), toNew: (offset) => map.toNew(offset) }) : this.rootOf(stored.syntax);
      stored.lastRoot = { seq: stored.seq, root };
      return root;
    };
    return {
      uri,
      languageId: stored.languageId,
      version: stored.version,
      seq: stored.seq,
      text,
      syntax: stored.syntax,
      get root(): SyntaxNodeLike {
        return (stored.root ??= rootOf());
      },
      lines: stored.lines,
    };
  }
}

/** `range` with its ends in order (as `TextDocument.update` takes a change's range). */
function wellFormed(range: { readonly start: Position; readonly end: Position }): { readonly start: Position; readonly end: Position } {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
