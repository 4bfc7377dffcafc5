/**
 * Runs the grammar's native node-binding test (tree-sitter-junos/bindings/node/binding_test.js) inside
 * `npm test`, so the `tree-sitter` npm binding + bindings/node stay usable. Skipped, with the reason,
 * when the native addon has not been built (it is built by `npm install`/`npm ci` through node-gyp-build,
 * or by `scripts/grammar.sh --native`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const grammarDir = path.resolve(__dirname, '../../../..', 'tree-sitter-junos');
const addon = path.join(grammarDir, 'build', 'Release', 'tree_sitter_junos_binding.node');

function skipReason(): string | undefined {
  if (!fs.existsSync(addon)) return 'native addon not built (tree-sitter-junos/build/Release)';
  try {
    require.resolve('tree-sitter', { paths: [grammarDir] });
  } catch {
    return 'the tree-sitter npm binding is not installed';
  }
  return undefined;
}

const reason = skipReason();

test('native binding test (bindings/node/binding_test.js) passes', { skip: reason ?? false }, () => {
  // a nested test runner reports to its parent runner when NODE_TEST_CONTEXT is set; make it print TAP
  const env = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path.join('bindings', 'node', 'binding_test.js')], {
    cwd: grammarDir,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /# pass [1-9]/);
  assert.match(result.stdout, /# fail 0/);
});
