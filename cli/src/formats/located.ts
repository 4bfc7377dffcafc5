/**
 * cli/formats/located.ts: diagnostics placed in files with 1-based lines and columns, as the CLI prints them.
 * Owns: the offset -> line/column conversion for output, ordering.
 * Must not know: how diagnostics are found.
 * Tests: test/src/cli/check.test.ts
 */
import type { Diagnostic, Severity } from '../../../server/src/analysis/diagnostic';
import { maskSecretsKeepingColumns } from '../../../server/src/model/secrets';
import { LineIndex } from '../../../server/src/text/line-index';

export interface LocatedPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface LocatedDiagnostic extends LocatedPlace {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related: readonly (LocatedPlace & { readonly message: string })[];
  /** the source line the diagnostic starts on, for text output, secrets masked (same length) */
  readonly sourceLine: string;
}

export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  texts: ReadonlyMap<string, string>,
): LocatedDiagnostic[] {
  const indexes = new Map<string, LineIndex>();
  const indexFor = (docId: string): LineIndex => {
    let index = indexes.get(docId);
    if (!index) {
      index = new LineIndex(texts.get(docId) ?? '');
      indexes.set(docId, index);
    }
    return index;
  };
  const place = (docId: string, start: number, end: number): LocatedPlace => {
    const index = indexFor(docId);
    const s = index.positionAt(start);
    const e = index.positionAt(end);
    return { file: docId, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const located = diagnostics.map((d) => {
    const where = place(d.docId, d.start, d.end);
    return {
      ...where,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ ...place(r.docId, r.start, r.end), message: r.message })),
      sourceLine: maskSecretsKeepingColumns(indexFor(d.docId).lineText(where.line - 1)),
    };
  });
  return located.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
