/**
 * `junos-ipsec check` end to end: the built CLI run in a child process on the bundled examples, in the three
 * output formats, with its exit statuses and its messages for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root, computed from out/test/src/cli/. */
const repoRoot = path.resolve(__dirname, '../../../..');
const bin = path.join(repoRoot, 'bin', 'junos-ipsec.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'check', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('text format: compiler-style lines for each finding and a summary; exit 1 on errors', () => {
  const r = run('examples/seed-as-published/r2.conf', 'examples/seed-as-published/r3.conf');
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning|hint|info)\[/.test(l));
  assert.deepEqual(
    lines.map((l) => l.replace(/\]: .*/, ']')),
    [
      'examples/seed-as-published/r2.conf:78:27: error[undefined-reference]',
      'examples/seed-as-published/r2.conf:79:43: warning[secret-not-encoded]',
      'examples/seed-as-published/r2.conf:106:5: warning[duplicate-definition]',
      'examples/seed-as-published/r2.conf:112:27: error[conflicting-value]',
      'examples/seed-as-published/r2.conf:115:6: error[syntax-error]',
      'examples/seed-as-published/r3.conf:46:1: error[syntax-error]',
      'examples/seed-as-published/r3.conf:61:14: warning[unapplied-rule]',
      'examples/seed-as-published/r3.conf:79:27: error[undefined-reference]',
      'examples/seed-as-published/r3.conf:80:43: warning[secret-not-encoded]',
      'examples/seed-as-published/r3.conf:96:6: error[syntax-error]',
    ],
  );
  assert.match(r.stdout, /2 files checked: 6 errors, 4 warnings, 0 notes\n$/);
  assert.ok(!r.stdout.includes('ABC123'), 'the placeholder secret is masked in the source excerpt too');
});

test('the corrected examples: exit 0, nothing reported, in both forms', () => {
  const r = run('examples/ike-dynamic-sa', 'examples/ike-dynamic-sa-set');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '8 files checked: 0 errors, 0 warnings, 0 notes\n');
});

test('--format json: one object per diagnostic with 1-based places and related locations', () => {
  const r = run('--format', 'json', 'examples/seed-as-published/r2.conf');
  assert.equal(r.status, 1);
  const items = JSON.parse(r.stdout) as {
    file: string; line: number; column: number; end: { line: number; column: number };
    severity: string; code: string; message: string; related: { file: string; line: number; column: number; message: string }[];
  }[];
  assert.equal(items.length, 5);
  const conflict = items.find((d) => d.code === 'conflicting-value')!;
  assert.deepEqual([conflict.file, conflict.line, conflict.column, conflict.end.line, conflict.end.column, conflict.severity], ['examples/seed-as-published/r2.conf', 112, 27, 112, 36, 'error']);
  assert.deepEqual(conflict.related.map((x) => [x.line, x.column]), [[102, 27]]);
  assert.match(conflict.message, /local-gateway/);
});

test('--format sarif: a SARIF 2.1.0 log with rules and physical locations', () => {
  const r = run('--format', 'sarif', 'examples/seed-as-published/r3.conf');
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
  };
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0]!;
  assert.equal(run0.tool.driver.name, 'junos-ipsec');
  const ruleIds = run0.tool.driver.rules.map((x) => x.id);
  for (const res of run0.results) assert.ok(ruleIds.includes(res.ruleId), res.ruleId);
  const syntax = run0.results.find((x) => x.ruleId === 'syntax-error' && x.locations[0]!.physicalLocation.region.startLine === 46)!;
  assert.equal(syntax.level, 'error');
  assert.equal(syntax.locations[0]!.physicalLocation.region.startColumn, 1);
  assert.match(syntax.locations[0]!.physicalLocation.artifactLocation.uri, /r3\.conf$/);
});

test('usage errors exit 2: a bad --format, an unknown platform, no paths', () => {
  const badFormat = run('--format', 'xml', 'examples/ike-dynamic-sa');
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
  assert.equal(run('--platform', 'mx-pic', 'examples/ike-dynamic-sa').status, 2);
  const none = run();
  assert.equal(none.status, 2);
  assert.match(none.stderr, /give at least one file or folder/);
});

test('--platform changes the platform rules (ACX rejects match-direction output)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-check-'));
  const file = path.join(dir, 'r2.set');
  const text = fs.readFileSync(path.join(repoRoot, 'examples/ike-dynamic-sa-set/r2.set'), 'utf8').replace('match-direction input', 'match-direction output');
  fs.writeFileSync(file, text);
  assert.equal(run(file).status, 0);
  const acx = run('--platform', 'acx', file);
  assert.equal(acx.status, 1);
  assert.match(acx.stdout, /error\[platform-limit\]/);
});

test('a missing file and a binary file: clear messages, no stack trace, exit 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-check-'));
  const binary = path.join(dir, 'blob.conf');
  fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0xff, 0xfe]));
  const r = run(path.join(dir, 'missing.conf'), binary, 'examples/ike-dynamic-sa/r2.conf');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.conf: no such file or folder/);
  assert.match(r.stderr, /blob\.conf: not a text file \(binary content\); skipped/);
  assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
  assert.match(r.stdout, /1 file checked: 0 errors/);
});
