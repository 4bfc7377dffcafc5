/**
 * cli/formats/json.ts: one JSON object per diagnostic (file, 1-based line/column, end, severity, code, message,
 * related), as a JSON array.
 * Tests: test/src/cli/check.test.ts
 */
import type { LocatedDiagnostic } from './located';

export function formatJson(diagnostics: readonly LocatedDiagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      end: { line: d.endLine, column: d.endColumn },
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, end: { line: r.endLine, column: r.endColumn }, message: r.message })),
    })),
    null,
    2,
  );
}
