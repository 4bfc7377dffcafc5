#!/usr/bin/env node
// Runs every benchmark script in scripts/bench/ (each prints its own numbers), one after the other.
// Usage: npm run bench [-- substring-filter ...]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const benchDir = path.join(__dirname, 'bench');
const filters = process.argv.slice(2);
const scripts = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.js'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (scripts.length === 0) {
  console.error('run-bench: no benchmark scripts matched');
  process.exit(1);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n### ${script}`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(benchDir, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`run-bench: ${script} exited with ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
