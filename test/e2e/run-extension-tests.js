// test/e2e/run-extension-tests.js: runs the extension-host suite (test/e2e/suite) through
// @vscode/test-electron's runTests. No VS Code desktop build can be downloaded here, so the "executable"
// is scripts/e2e/code-shim.js, which drives code-server (VS Code 1.100.3) in headless Chromium.
// Env: CODE_SERVER_BIN (required), E2E_RESULTS (report file, default test-artifacts/extension-tests.txt).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '../..');

(async () => {
  const results = process.env.E2E_RESULTS || path.join(ROOT, 'test-artifacts', 'extension-tests.txt');
  fs.mkdirSync(path.dirname(results), { recursive: true });
  fs.rmSync(results, { force: true });
  // a fresh profile outside the repository (runTests would otherwise use ./.vscode-test)
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-ext-tests-'));
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: path.join(ROOT, 'scripts/e2e/code-shim.js'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [path.join(ROOT, 'examples'), `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
      extensionTestsEnv: { E2E_RESULTS: results },
    });
  } catch (err) {
    console.error(`extension-host tests failed: ${err && err.message ? err.message : err}`);
    code = 1;
  }
  fs.rmSync(profile, { recursive: true, force: true });
  if (fs.existsSync(results)) process.stdout.write(fs.readFileSync(results, 'utf8'));
  else {
    console.error(`no report at ${results}: the tests did not run`);
    code = 1;
  }
  process.exit(code);
})();
