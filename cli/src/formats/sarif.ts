/**
 * cli/formats/sarif.ts: SARIF 2.1.0 output for code-scanning services.
 * Owns: the mapping of our codes to SARIF rules and of severities to SARIF levels.
 * Tests: test/src/cli/check.test.ts
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../server/src/analysis/codes';
import type { LocatedDiagnostic, LocatedPlace } from './located';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function region(p: LocatedPlace): object {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

function artifactUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function formatSarif(diagnostics: readonly LocatedDiagnostic[], toolVersion: string): string {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'junos-ipsec',
            version: toolVersion,
            informationUri: 'https://example.invalid/junos-ipsec',
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: DIAGNOSTIC_CODES[code].meaning },
              defaultConfiguration: { level: LEVEL[DIAGNOSTIC_CODES[code].severity] },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: Math.max(0, codes.indexOf(d.code as DiagnosticCode)),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(d.file) }, region: region(d) } }],
          relatedLocations: d.related.map((r, i) => ({
            id: i + 1,
            message: { text: r.message },
            physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: region(r) },
          })),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
