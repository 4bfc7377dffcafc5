/**
 * No false findings: the corrected examples in both forms give no errors and no warnings, and neither do
 * the real-world fixtures (valid configurations as engineers write them).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, ready, render, repoRoot } from './support/check';

before(ready);

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir))
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function loud(rel: string, platform: 'ms-pic' | 'srx'): string[] {
  const text = fs.readFileSync(path.join(repoRoot, rel), 'utf8');
  return analyzeText(rel, text, platform)
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => render(d, text, { messages: true }));
}

for (const rel of [...files('examples/ike-dynamic-sa'), ...files('examples/ike-dynamic-sa-set')]) {
  test(`${rel}: no errors, no warnings, no hints`, () => {
    const text = fs.readFileSync(path.join(repoRoot, rel), 'utf8');
    assert.deepEqual(analyzeText(rel, text).diagnostics.map((d) => render(d, text, { messages: true })), []);
  });
}

for (const rel of files('test/fixtures/realworld')) {
  const name = path.basename(rel);
  const platform = name.startsWith('srx') ? 'srx' : 'ms-pic';
  test(`${rel}: no errors or warnings`, () => {
    assert.deepEqual(loud(rel, platform), []);
  });
}
