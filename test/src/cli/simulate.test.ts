/**
 * `junos-ipsec simulate` end to end: the built command (cli/src/simulate.ts `runSimulate`) run in a child
 * process on the bundled examples and a failure scenario: exit statuses, the summary and show outputs,
 * `--json` parsing, `--pcap` writing a file that tshark dissects without errors (when tshark is on PATH), and
 * no plain key in any output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root, computed from out/test/src/cli/. */
const repoRoot = path.resolve(__dirname, '../../../..');
const command = path.join(repoRoot, 'out', 'cli', 'src', 'simulate.js');
const io = path.join(repoRoot, 'out', 'cli', 'src', 'io.js');

/** Runs `junos-ipsec simulate ARGS` in a child process (the way main.ts dispatches to runSimulate). */
function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script =
    `const { runSimulate } = require(${JSON.stringify(command)}); const { processIo } = require(${JSON.stringify(io)});` +
    'runSimulate(process.argv.slice(1), processIo()).then((s) => { process.exitCode = s; }, (e) => { console.error(e); process.exitCode = 70; });';
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNoKey(text: string): void {
  assert.ok(!text.includes('keyfordemo'), 'no decoded key');
  assert.ok(!text.includes('$9$'), 'no $9$ string');
  assert.ok(!text.includes('ABC123'), 'no placeholder key');
}

function hasTshark(): boolean {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

test('ike-dynamic-sa: ESTABLISHED with the seed algorithms, both routers\' show outputs, exit 0', () => {
  const r = run('--seed', '1', 'examples/ike-dynamic-sa');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^R2 <-> R3: ESTABLISHED\n/);
  assert.match(r.stdout, /IKE: version 1, Main, 3des-cbc \/ sha1 \/ group2/);
  assert.match(r.stdout, /IPsec: ESP 3des-cbc \/ hmac-sha1-96, PFS group2/);
  for (const router of ['R2', 'R3']) {
    assert.ok(r.stdout.includes(`user@${router}> show services ipsec-vpn ike security-associations\n`), router);
    assert.ok(r.stdout.includes(`user@${router}> show services ipsec-vpn ipsec security-associations detail\n`), router);
  }
  assert.match(r.stdout, /^10\.1\.15\.2 +Matured +[0-9a-f]{16} +[0-9a-f]{16} +Main$/m);
  assert.match(r.stdout, /Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc/);
  assertNoKey(r.stdout + r.stderr);
});

test('seed-as-published: explains the rejected commit and the duplicate files, exit 1', () => {
  const r = run('examples/seed-as-published');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /CONFIG_ERROR\n {2}why: Junos would reject r2's commit: IKE policy ike-demo-policy names IKE proposal demo-proposal, which is not defined/);
  assert.match(r.stdout, /note: .*r2\.conf.* describe the same router/);
  assert.ok(!r.stdout.includes('user@'), 'no show output is invented');
  assertNoKey(r.stdout + r.stderr);
});

test('--json: the result parses; the same seed gives the same JSON; a failure exits 1 without the keys', () => {
  const a = run('--json', '--seed', '9', 'examples/ike-dynamic-sa');
  const b = run('--json', '--seed', '9', 'examples/ike-dynamic-sa');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const parsed = JSON.parse(a.stdout) as { tunnels: { verdict: string; messages: unknown[] }[]; showOutputs: unknown[] };
  assert.equal(parsed.tunnels[0]!.verdict, 'ESTABLISHED');
  assert.equal(parsed.tunnels[0]!.messages.length, 9);
  assert.equal(parsed.showOutputs.length, 2);
  const failed = run('--json', '--seed', '9', 'test/fixtures/scenarios/psk-differs');
  assert.equal(failed.status, 1);
  assert.equal((JSON.parse(failed.stdout) as { tunnels: { verdict: string }[] }).tunnels[0]!.verdict, 'IKE_AUTH_FAILED');
  assertNoKey(a.stdout + failed.stdout + failed.stderr);
});

test('--pcap: writes every packet; tshark dissects it as ISAKMP without errors', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-sim-'));
  const file = path.join(dir, 'r2-r3.pcap');
  try {
    const r = run('--seed', '4', '--show', 'none', '--pcap', file, 'examples/ike-dynamic-sa');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote 9 packet\(s\) to /);
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.readUInt32LE(0), 0xa1b2c3d4);
    if (!hasTshark()) {
      t.skip('tshark is not installed');
      return;
    }
    const dissected = spawnSync('tshark', ['-r', file, '-T', 'fields', '-e', 'isakmp.exchangetype', '-e', '_ws.expert.severity'], { encoding: 'utf8' });
    assert.equal(dissected.status, 0, dissected.stderr);
    const rows = dissected.stdout.trim().split('\n');
    assert.equal(rows.length, 9);
    assert.ok(rows.every((row) => row.split('\t')[0] !== ''), 'every packet is ISAKMP');
    const verbose = spawnSync('tshark', ['-r', file, '-V'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(verbose.status, 0);
    assert.doesNotMatch(verbose.stdout, /\[Malformed/);
    assert.doesNotMatch(verbose.stdout, /Expert Info \(Error/);
    assert.match(verbose.stdout, /Exchange type: Identity Protection \(Main Mode\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2: no path, a bad option value, an unknown option', () => {
  assert.equal(run().status, 2);
  const badShow = run('--show', 'everything', 'examples/ike-dynamic-sa');
  assert.equal(badShow.status, 2);
  assert.match(badShow.stderr, /--show must be one of all, ike, ipsec, none/);
  assert.equal(run('--seed', 'abc', 'examples/ike-dynamic-sa').status, 2);
  assert.equal(run('--platform', 'cisco', 'examples/ike-dynamic-sa').status, 2);
  assert.equal(run('--frobnicate', 'examples/ike-dynamic-sa').status, 2);
  assert.equal(run('no/such/folder').status, 2);
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: junos-ipsec simulate/);
});
