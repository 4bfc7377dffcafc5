// test/e2e/suite/index.js: the extension-host test entry (`extensionTestsPath`, @vscode/test-electron's
// contract: `run()` returns a Promise that rejects when a test fails). Runs every `*.test.js` beside it with
// mocha and, since code-server's extension host console reaches only the browser, also writes a plain
// report to $E2E_RESULTS (one line per test) for scripts/e2e/run.sh to print.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

/** Runs every `*.test.js` of `dir` (test/e2e/activation/index.js reuses this for its own folder). */
exports.runDir = function runDir(dir) {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  const lines = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      lines.push(`${failures === 0 ? 'PASS' : 'FAIL'}: ${runner.stats ? runner.stats.passes : '?'} passed, ${failures} failed`);
      if (process.env.E2E_RESULTS) fs.writeFileSync(process.env.E2E_RESULTS, `${lines.join('\n')}\n`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => lines.push(`ok   ${t.fullTitle()}`));
    runner.on('fail', (t, err) => lines.push(`FAIL ${t.fullTitle()}: ${String(err && err.message).split('\n').slice(0, 12).join(' | ')}`));
  });
};

exports.run = () => exports.runDir(__dirname);
