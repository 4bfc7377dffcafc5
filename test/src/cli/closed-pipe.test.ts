/**
 * test/src/cli/closed-pipe.test.ts: `junos-ipsec ... | head` — a reader that stops early must not make the
 * command die on an unhandled EPIPE with a stack trace; it ends quietly with its own exit status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'junos-ipsec.js');

test('simulate piped into head: the first line arrives, no EPIPE crash, exit status 0', () => {
  // 300 pings print a few hundred lines after the verdict: far more than head's one line takes
  const script = `"${process.execPath}" "${BIN}" simulate examples/ike-dynamic-sa --ping R1:10.1.56.2 --count 300 | head -1; exit \${PIPESTATUS[0]}`;
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stdout.trim(), 'R2 <-> R3: ESTABLISHED');
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|at .*\.js:\d+/, r.stderr);
  assert.equal(r.status, 0, r.stderr);
});
