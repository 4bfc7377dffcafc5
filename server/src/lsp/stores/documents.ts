/**
 * lsp/stores/documents.ts: the open documents: text (incremental sync), syntax tree (incremental reparse),
 *   version, and a line index per version.
 * Owns: applying `didChange` content changes in order to both the `TextDocument` and the syntax document
 *   (LSP ranges -> offsets -> `applyEdit`), snapshots for handlers, and a short log of the edits (as
 *   offsets) so a result computed for an older version can be mapped to the current text (edit-map.ts).
 * Must not know: features, diagnostics, the connection.
 * Invariants: after every change the syntax document's text equals the TextDocument's text (checked; on a
 *   mismatch the syntax document is rebuilt from the text; the syntax document is handed the TextDocument's
 *   string, so the check is a comparison of one string with itself unless something went wrong); the line
 *   index of each version is made from the one before and the changes (no scan of the text); versions only grow; a snapshot is a consistent
 *   (text, tree, version) triple valid until the next change of that document (handlers read it synchronously;
 *   its `root` is computed on first use and shared by every later snapshot of the same version).
 * Tests: test/src/lsp/stores.test.ts, test/src/lsp/protocol.test.ts (incremental edits)
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { SyntaxNodeLike } from '../../model/source';
import { LineIndex } from '../../text/line-index';
import { EditMap } from '../edit-map';

/** What the store needs from the syntax layer's document; `SyntaxDocument` satisfies it. */
export interface IncrementalSyntax {
  readonly text: string;
  readonly tree: { readonly rootNode: SyntaxNodeLike };
  /** `resultText`: the text after the edit, as the store has it (the syntax document may keep that string) */
  applyEdit(start: number, end: number, newText: string, resultText?: string): void;
  /** frees the tree (wasm memory); the document is not used afterwards */
  dispose?(): void;
}

export interface DocumentSnapshot<S extends IncrementalSyntax> {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
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

interface StoredDocument<S> {
  document: TextDocument;
  /** the latest changes, oldest first; `loggedFrom` is the oldest version they start from */
  edits: EditStep[];
  loggedFrom: number;
  syntax: S;
  lines: LineIndex | undefined;
  root: SyntaxNodeLike | undefined;
  /** the last tree copy made and its version: the next copy reuses its unedited parts */
  lastRoot: { readonly version: number; readonly root: SyntaxNodeLike } | undefined;
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
    this.byUri.get(uri)?.syntax.dispose?.();
    const document = TextDocument.create(uri, languageId, version, text);
    this.byUri.set(uri, { document, edits: [], loggedFrom: version, syntax: this.openSyntax(text), lines: undefined, root: undefined, lastRoot: undefined });
    return this.snapshot(uri)!;
  }

  /** Applies changes in order. Returns the new snapshot, or undefined when the document is not open. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): DocumentSnapshot<S> | undefined {
    const stored = this.byUri.get(uri);
    if (!stored) return undefined;
    let failed = false;
    let lines = stored.lines;
    for (const change of changes) {
      const before = stored.document;
      const range = 'range' in change && change.range ? change.range : undefined;
      const stepStart = range ? before.offsetAt(range.start) : 0;
      const stepEnd = range ? Math.max(stepStart, before.offsetAt(range.end)) : before.getText().length;
      stored.edits.push({ version, start: stepStart, end: stepEnd, newLength: change.text.length });
      stored.document = TextDocument.update(before, [change], version);
      const text = stored.document.getText();
      if (!failed) {
        try {
          // the syntax document takes this text when it is what the edit gives (else it builds its own,
          // and the check below finds the difference)
          stored.syntax.applyEdit(stepStart, stepEnd, change.text, text);
        } catch {
          failed = true; // the text stays authoritative; the tree is rebuilt below
        }
      }
      lines = lines && LineIndex.afterEdit(lines, stepStart, stepEnd, change.text, text);
    }
    if (stored.edits.length > EDIT_LOG_LIMIT) {
      const dropped = stored.edits.splice(0, stored.edits.length - EDIT_LOG_LIMIT);
      stored.loggedFrom = dropped[dropped.length - 1]!.version;
    }
    stored.lines = lines;
    stored.root = undefined;
    if (failed || stored.syntax.text !== stored.document.getText()) {
      stored.syntax.dispose?.();
      stored.syntax = this.openSyntax(stored.document.getText());
      stored.lastRoot = undefined;
      this.onResync(uri);
    }
    return this.snapshot(uri);
  }

  /** The changes applied since `version` (oldest first), or undefined when the log no longer reaches back to it. */
  editsSince(uri: string, version: number): readonly EditStep[] | undefined {
    const stored = this.byUri.get(uri);
    if (!stored || version < stored.loggedFrom) return undefined;
    return stored.edits.filter((e) => e.version > version);
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
    return this.byUri.get(uri)?.document.version;
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  snapshot(uri: string): DocumentSnapshot<S> | undefined {
    const stored = this.byUri.get(uri);
    if (!stored) return undefined;
    const text = stored.document.getText();
    stored.lines ??= new LineIndex(text);
    const rootOf = (): SyntaxNodeLike => {
      const last = stored.lastRoot;
      const steps = last && last.version !== stored.document.version ? this.editsSince(uri, last.version) : undefined;
      const map = steps && steps.length > 0 ? new EditMap(steps) : undefined;
      const root = map && last ? this.rootOf(stored.syntax, { root: last.root, movedStart: (start, end) => map.movedStart(start, end), toNew: (offset) => map.toNew(offset) }) : this.rootOf(stored.syntax);
      stored.lastRoot = { version: stored.document.version, root };
      return root;
    };
    return {
      uri,
      languageId: stored.document.languageId,
      version: stored.document.version,
      text,
      syntax: stored.syntax,
      get root(): SyntaxNodeLike {
        return (stored.root ??= rootOf());
      },
      lines: stored.lines,
    };
  }
}
