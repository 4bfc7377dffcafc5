/**
 * cli/check.ts: `junos-ipsec check`: diagnostics for files and folders in text, JSON or SARIF.
 * Owns: option parsing for check, the choice of output format, the exit status.
 * Must not know: how diagnostics are found (server/src/analysis does that).
 * Tests: test/src/cli/check.test.ts
 */
import { parseArgs } from 'node:util';
import { analyzeDocuments, isPlatform, PLATFORMS, type Platform } from '../../server/src/analysis';
import { formatJson } from './formats/json';
import { locateDiagnostics } from './formats/located';
import { formatSarif } from './formats/sarif';
import { formatText, summaryLine } from './formats/text';
import { collectInputs } from './inputs';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './io';
import { readVersion } from './version';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        platform: { type: 'string', short: 'p', default: 'ms-pic' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`junos-ipsec check: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out('Usage: junos-ipsec check [--format text|json|sarif] [--platform ms-pic|as-pic|acx|srx] PATH...\n');
    return EXIT_OK;
  }
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`junos-ipsec check: --format must be one of ${FORMATS.join(', ')} (got '${format}')\n`);
    return EXIT_USAGE;
  }
  const platform = values.platform as string;
  if (!isPlatform(platform)) {
    io.err(`junos-ipsec check: --platform must be one of ${PLATFORMS.join(', ')} (got '${platform}')\n`);
    return EXIT_USAGE;
  }
  if (positionals.length === 0) {
    io.err('junos-ipsec check: give at least one file or folder to check\n');
    return EXIT_USAGE;
  }
  return check(positionals, format as Format, platform, io);
}

async function check(paths: readonly string[], format: Format, platform: Platform, io: CommandIo): Promise<number> {
  const inputs = collectInputs(paths, io.cwd);
  for (const problem of inputs.problems) io.err(`${problem.path}: ${problem.message}\n`);
  const result = await analyzeDocuments(
    inputs.documents.map((d) => ({ id: d.id, text: d.text })),
    { platform },
  );
  const texts = new Map(inputs.documents.map((d) => [d.id, d.text] as const));
  const located = locateDiagnostics(result.diagnostics, texts);
  switch (format) {
    case 'json':
      io.out(`${formatJson(located)}\n`);
      break;
    case 'sarif':
      io.out(`${formatSarif(located, readVersion())}\n`);
      break;
    default: {
      const text = formatText(located, { color: io.isTty });
      if (text !== '') io.out(`${text}\n`);
      io.out(`${summaryLine(located, inputs.documents.length)}\n`);
    }
  }
  const hasErrors = located.some((d) => d.severity === 'error') || inputs.problems.length > 0;
  return hasErrors ? EXIT_FINDINGS : EXIT_OK;
}
