/** analysis/codes.ts: every declared code has a default severity and at least one focused test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../../server/src/analysis/index';
import { repoRoot } from './support/check';

test('every diagnostic code is exercised by a test in test/src/analysis', () => {
  const dir = path.join(repoRoot, 'test', 'src', 'analysis');
  const sources = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'codes.test.ts')
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const untested = Object.keys(DIAGNOSTIC_CODES).filter((code) => !sources.includes(`'${code}'`) && !sources.includes(`[${code}]`));
  assert.deepEqual(untested, []);
});

test('severities follow the policy: hints only for unused definitions', () => {
  for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) {
    if (severity === 'hint') assert.equal(code, 'unused-definition');
  }
});
