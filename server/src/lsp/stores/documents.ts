/**
 * lsp/stores/documents.ts: the open documents: text (incremental sync), syntax tree (incremental reparse),
 *   version, and a line index per version.
 * Owns: applying `didChange` content changes in order to both the `TextDocument` and the syntax document
 *   (LSP ranges -> offsets -> `applyEdit`), snapshots for handlers.
 * Must not know: features, diagnostics, the connection.
 * Invariants: after every change the syntax document's text equals the TextDocument's text (checked; on a
 *   mismatch the syntax document is rebuilt from the text); versions only grow; a snapshot is a consistent
 *   (text, tree, version) triple valid until the next change of that document (handlers read it synchronously;
 *   its `root` is computed on first use and shared by every later snapshot of the same version).
 * Tests: test/src/lsp/stores.test.ts, test/src/lsp/protocol.test.ts (incremental edits)
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { SyntaxNodeLike } from '../../model/source';
import { LineIndex } from '../../text/line-index';

/** What the store needs from the syntax layer's document; `SyntaxDocument` satisfies it. */
export interface IncrementalSyntax {
  readonly text: string;
  readonly tree: { readonly rootNode: SyntaxNodeLike };
  applyEdit(start: number, end: number, newText: string): void;
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

interface StoredDocument<S> {
  document: TextDocument;
  syntax: S;
  lines: LineIndex | undefined;
  root: SyntaxNodeLike | undefined;
}

export class DocumentStore<S extends IncrementalSyntax> {
  private readonly byUri = new Map<string, StoredDocument<S>>();

  /**
   * `openSyntax` parses a full text; `rootOf` gives the tree features walk (made at most once per version,
   * on first use); `onResync` hears about (should-not-happen) text mismatches.
   */
  constructor(
    private readonly openSyntax: (text: string) => S,
    private readonly rootOf: (syntax: S) => SyntaxNodeLike,
    private readonly onResync: (uri: string) => void = () => undefined,
  ) {}

  open(uri: string, languageId: string, version: number, text: string): DocumentSnapshot<S> {
    this.byUri.get(uri)?.syntax.dispose?.();
    const document = TextDocument.create(uri, languageId, version, text);
    this.byUri.set(uri, { document, syntax: this.openSyntax(text), lines: undefined, root: undefined });
    return this.snapshot(uri)!;
  }

  /** Applies changes in order. Returns the new snapshot, or undefined when the document is not open. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): DocumentSnapshot<S> | undefined {
    const stored = this.byUri.get(uri);
    if (!stored) return undefined;
    let failed = false;
    for (const change of changes) {
      const before = stored.document;
      if (!failed) {
        try {
          if ('range' in change && change.range) {
            const start = before.offsetAt(change.range.start);
            const end = before.offsetAt(change.range.end);
            stored.syntax.applyEdit(start, Math.max(start, end), change.text);
          } else {
            stored.syntax.applyEdit(0, before.getText().length, change.text);
          }
        } catch {
          failed = true; // the text stays authoritative; the tree is rebuilt below
        }
      }
      stored.document = TextDocument.update(before, [change], version);
    }
    stored.lines = undefined;
    stored.root = undefined;
    if (failed || stored.syntax.text !== stored.document.getText()) {
      stored.syntax.dispose?.();
      stored.syntax = this.openSyntax(stored.document.getText());
      this.onResync(uri);
    }
    return this.snapshot(uri);
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
    const rootOf = this.rootOf;
    return {
      uri,
      languageId: stored.document.languageId,
      version: stored.document.version,
      text,
      syntax: stored.syntax,
      get root(): SyntaxNodeLike {
        return (stored.root ??= rootOf(stored.syntax));
      },
      lines: stored.lines,
    };
  }
}
