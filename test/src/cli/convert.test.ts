import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'bin', 'junos-ipsec.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const routers = ['r1', 'r2', 'r3', 'r4'];

for (const router of routers) {
  test(`convert --to set prints ${router}.conf exactly as its | display set file`, () => {
    const out = run(['convert', '--to', 'set', `examples/ike-dynamic-sa/${router}.conf`]);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, fs.readFileSync(path.join(root, 'examples/ike-dynamic-sa-set', `${router}.set`), 'utf8'));
  });

  test(`convert --to curly prints ${router}.set back as the show configuration body`, () => {
    const out = run(['convert', '--to', 'curly', `examples/ike-dynamic-sa-set/${router}.set`]);
    assert.equal(out.status, 0, out.stderr);
    const curly = fs.readFileSync(path.join(root, 'examples/ike-dynamic-sa', `${router}.conf`), 'utf8');
    // the curly files carry a `## Last commit` header comment that a set file has no place for
    const body = curly.replace(/^## Last commit:.*\n/, '');
    assert.equal(out.stdout, body);
  });
}

test('converting there and back is lossless for every example and fixture without syntax errors', () => {
  const files = [
    ...fs.readdirSync(path.join(root, 'examples/ike-dynamic-sa')).filter((f) => f.endsWith('.conf')).map((f) => `examples/ike-dynamic-sa/${f}`),
    ...fs.readdirSync(path.join(root, 'test/fixtures/realworld')).filter((f) => /\.(conf|set)$/.test(f)).map((f) => `test/fixtures/realworld/${f}`),
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-convert-'));
  for (const file of files) {
    const platform = /srx/.test(file) ? 'srx' : 'ms-pic';
    const set = run(['convert', '--platform', platform, '--to', 'set', file]);
    assert.equal(set.status, 0, `${file}: ${set.stderr}`);
    const setFile = path.join(tmp, `${path.basename(file)}.set`);
    fs.writeFileSync(setFile, set.stdout);
    const curly = run(['convert', '--platform', platform, '--to', 'curly', setFile]);
    assert.equal(curly.status, 0, `${file}: ${curly.stderr}`);
    const curlyFile = path.join(tmp, `${path.basename(file)}.conf`);
    fs.writeFileSync(curlyFile, curly.stdout);
    const setAgain = run(['convert', '--platform', platform, '--to', 'set', curlyFile]);
    assert.equal(setAgain.stdout, set.stdout, `${file}: set -> curly -> set changed the configuration`);
  }
});

test('convert refuses text with syntax errors instead of losing words', () => {
  const out = run(['convert', '--to', 'set', 'examples/seed-as-published/r3.conf']);
  assert.equal(out.status, 1);
  assert.equal(out.stdout, '');
  assert.match(out.stderr, /r3\.conf:\d+:\d+: error\[syntax-error\]/);
  assert.match(out.stderr, /fix them first/);
});

test('convert usage errors exit 2 with a message', () => {
  assert.equal(run(['convert', 'examples/ike-dynamic-sa/r1.conf']).status, 2);
  assert.equal(run(['convert', '--to', 'xml', 'examples/ike-dynamic-sa/r1.conf']).status, 2);
  assert.equal(run(['convert', '--to', 'set']).status, 2);
  const missing = run(['convert', '--to', 'set', 'nope.conf']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read nope\.conf: it does not exist/);
  assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/);
});
