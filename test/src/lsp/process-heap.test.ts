/**
 * test/lsp/process-heap.test.ts: the V8 flags a server process sets on itself (lsp/process-heap.ts): set in a
 * child process (never in the test runner), left alone when the environment asks for V8's defaults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SERVER_V8_FLAGS, tuneHeapForServer } from '../../../server/src/lsp/process-heap';
import { REPO_ROOT } from './harness';

const MODULE = path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'process-heap.js');

test('a server process sets the heap flags on itself', () => {
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(MODULE)}).tuneHeapForServer({})))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [...SERVER_V8_FLAGS]);
  assert.ok(SERVER_V8_FLAGS.length > 0);
});

test('JUNOS_LSP_V8_DEFAULTS keeps V8 defaults (nothing is set)', () => {
  assert.deepEqual(tuneHeapForServer({ JUNOS_LSP_V8_DEFAULTS: '1' }), []);
});
