/**
 * test/lsp/process-heap.test.ts: the V8 flags a server process sets on itself (lsp/process-heap.ts): set in a
 * child process (never in the test runner), left alone when the environment asks for V8's defaults; the
 * environment a server is launched with, and that a server the harness starts really has it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_LAUNCH_ENV, SERVER_V8_FLAGS, serverLaunchEnv, tuneHeapForServer } from '../../../server/src/lsp/process-heap';
import { LspSession, REPO_ROOT } from './harness';

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

test('a launched server gets the environment a server starts with; a value already set wins; none for V8 defaults', () => {
  assert.equal(serverLaunchEnv({ PATH: '/bin' })['MALLOC_MMAP_THRESHOLD_'], SERVER_LAUNCH_ENV['MALLOC_MMAP_THRESHOLD_']);
  assert.equal(serverLaunchEnv({ PATH: '/bin' })['PATH'], '/bin');
  assert.equal(serverLaunchEnv({ MALLOC_MMAP_THRESHOLD_: '65536' })['MALLOC_MMAP_THRESHOLD_'], '65536');
  assert.deepEqual(serverLaunchEnv({ JUNOS_LSP_V8_DEFAULTS: '1' }), { JUNOS_LSP_V8_DEFAULTS: '1' });
});

test('a server the harness launches runs with that environment', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const session = await LspSession.start();
  try {
    const environ = fs.readFileSync(`/proc/${session.pid}/environ`, 'utf8').split('\0');
    for (const [name, value] of Object.entries(SERVER_LAUNCH_ENV)) {
      const expected = process.env[name] ?? value;
      assert.ok(environ.includes(`${name}=${expected}`), `${name}=${expected} in the server's environment`);
    }
    await session.shutdown();
  } finally {
    session.dispose();
  }
});
