/**
 * schema/generator/main.ts: command line entry of the schema generator.
 *   node out/server/src/schema/generator/main.js [YANG_RELEASE_DIR] [--out FILE]
 * Owns: argument handling, locating the repository and the default YANG folder
 *   (`../shared/yang/junos-24.4R1` beside the repository), writing the committed file, the summary.
 * Must not know: YANG details (generate.ts).
 * Invariants: the only IO edge of the generator; exits 1 with a message (no stack) when the YANG
 *   folder is missing.
 * Tests: test/src/schema/generator.test.ts (runs generate.ts directly)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILE_NAME } from '../encoding';
import { encodeSchemaFile, generateSchema } from './generate';

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server', 'src', 'schema', 'types.ts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

function main(argv: readonly string[]): number {
  const root = repoRoot();
  let yangDir = path.resolve(root, '..', 'shared', 'yang', 'junos-24.4R1');
  let out = path.join(root, 'server', 'src', 'schema', 'generated', SCHEMA_FILE_NAME);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') out = path.resolve(argv[++i] ?? out);
    else yangDir = path.resolve(a);
  }
  if (!fs.existsSync(path.join(yangDir, 'junos', 'conf'))) {
    process.stderr.write(`schema generator: no junos/conf folder under ${yangDir}\n`);
    return 1;
  }
  const started = process.hrtime.bigint();
  const { file, problems } = generateSchema(yangDir);
  const bytes = encodeSchemaFile(file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  for (const p of problems.slice(0, 20)) process.stderr.write(`warning: ${p}\n`);
  if (problems.length > 20) process.stderr.write(`warning: ... ${problems.length - 20} more\n`);
  process.stdout.write(
    `schema ${file.release}: ${file.nodes.length} stored nodes, ${file.strings.length} strings, ${file.values.length} values, ` +
      `${file.lists.length} child lists; ${JSON.stringify(file.stats)}\n` +
      `wrote ${path.relative(process.cwd(), out)} (${bytes.length} bytes) in ${ms.toFixed(0)} ms\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
