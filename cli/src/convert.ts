/**
 * cli/convert.ts: `junos-ipsec convert --to set|curly FILE`: prints a configuration in the other form,
 * like Junos `show | display set` and back.
 * Owns: option parsing, refusing to convert text with syntax errors (nothing may be lost silently).
 * Must not know: how the forms are printed (server/src/model/print.ts does that).
 * Tests: test/src/cli/convert.test.ts
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isPlatform, PLATFORMS, schemaFamily } from '../../server/src/analysis/platform';
import { buildConfig, toCurly, toSetCommands } from '../../server/src/model';
import { loadSchema } from '../../server/src/schema';
import { initSyntax, parseText, syntaxProblems } from '../../server/src/syntax/parser';
import { LineIndex } from '../../server/src/text/line-index';
import { isBinary } from './inputs';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './io';

const USAGE = 'Usage: junos-ipsec convert --to set|curly [--platform ms-pic|as-pic|acx|srx] FILE\n';

export async function runConvert(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        to: { type: 'string', short: 't' },
        platform: { type: 'string', short: 'p', default: 'ms-pic' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`junos-ipsec convert: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (values.to !== 'set' && values.to !== 'curly') {
    io.err(`junos-ipsec convert: --to must be 'set' or 'curly'\n${USAGE}`);
    return EXIT_USAGE;
  }
  const platform = values.platform as string;
  if (!isPlatform(platform)) {
    io.err(`junos-ipsec convert: --platform must be one of ${PLATFORMS.join(', ')}\n`);
    return EXIT_USAGE;
  }
  if (positionals.length !== 1) {
    io.err(`junos-ipsec convert: give exactly one file\n${USAGE}`);
    return EXIT_USAGE;
  }
  const file = positionals[0]!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
    io.err(`junos-ipsec convert: cannot read ${file}: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code || String(err)}\n`);
    return EXIT_FINDINGS;
  }
  if (isBinary(bytes)) {
    io.err(`junos-ipsec convert: ${file} is not a text file\n`);
    return EXIT_FINDINGS;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  await initSyntax();
  const tree = parseText(text);
  const problems = syntaxProblems(tree);
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    for (const p of problems) {
      const pos = lines.positionAt(p.start);
      io.err(`${file}:${pos.line + 1}:${pos.character + 1}: error[syntax-error]: ${p.message}\n`);
    }
    io.err(`junos-ipsec convert: ${file} has syntax errors; fix them first so that nothing is lost in conversion\n`);
    return EXIT_FINDINGS;
  }
  const model = buildConfig({ id: file, text, tree }, loadSchema(schemaFamily(platform)));
  const output = values.to === 'set' ? toSetCommands(model.root) : toCurly(model.root);
  io.out(output.endsWith('\n') ? output : `${output}\n`);
  return EXIT_OK;
}
