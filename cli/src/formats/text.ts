/**
 * cli/formats/text.ts: compiler-style text output (`file:line:col: error[code]: message`).
 * Owns: the human layout, with the source line and a caret under the offending words.
 * Tests: test/src/cli/check.test.ts
 */
import type { LocatedDiagnostic } from './located';

export function formatText(diagnostics: readonly LocatedDiagnostic[], options: { color?: boolean } = {}): string {
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  for (const d of diagnostics) {
    const label = d.severity === 'error' ? paint('31;1', 'error') : d.severity === 'warning' ? paint('33;1', 'warning') : paint('36', d.severity === 'information' ? 'info' : 'hint');
    out.push(`${d.file}:${d.line}:${d.column}: ${label}[${d.code}]: ${d.message}`);
    if (d.sourceLine !== '') {
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, d.sourceLine.length - d.column + 1);
      const gutter = String(d.line).padStart(5);
      out.push(`${gutter} | ${d.sourceLine}`);
      out.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint('32', '^'.repeat(width))}`);
    }
    for (const r of d.related) out.push(`      = note: ${r.file}:${r.line}:${r.column}: ${r.message}`);
  }
  return out.join('\n');
}

export function summaryLine(diagnostics: readonly LocatedDiagnostic[], fileCount: number): string {
  const count = (s: string): number => diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(fileCount, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(diagnostics.length - errors - warnings, 'note')}`;
}
