// test/e2e/run-extension-tests.js: runs the extension-host suites through @vscode/test-electron's
// runTests: test/e2e/activation (what activates the extension, on a temporary workspace without Junos
// files), then test/e2e/suite (everything else, on examples/). No VS Code desktop build can be downloaded here, so the "executable"
// is scripts/e2e/code-shim.js, which drives code-server (VS Code 1.100.3) in headless Chromium.
// Env: CODE_SERVER_BIN (required), E2E_RESULTS (report file, default test-artifacts/extension-tests.txt).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '../..');

/** A workspace without `.junos`/`.jcfg`/`.set` files, for the activation suite. */
function activationWorkspace() {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-activation-ws-'));
  const r2 = fs.readFileSync(path.join(ROOT, 'examples/ike-dynamic-sa/r2.conf'), 'utf8');
  fs.writeFileSync(path.join(ws, 'notes.txt'), 'Maintenance window notes\n- move the tunnel to the new uplink\n');
  fs.writeFileSync(path.join(ws, 'nginx.conf'), 'worker_processes 4;\nevents {\n    worker_connections 1024;\n}\n');
  // no extension: only `firstLine` (package.json) can make it junos; the undefined proposal gives a diagnostic
  fs.writeFileSync(path.join(ws, 'edge-router'), r2.replace('proposals ike-demo-proposal;', 'proposals demo-proposal;'));
  fs.copyFileSync(path.join(ROOT, 'examples/ike-dynamic-sa/r1.conf'), path.join(ws, 'r1.conf'));
  return ws;
}

/** One runTests window: a fresh profile outside the repository (runTests would otherwise use ./.vscode-test). */
async function run(suite, workspace, results, env = {}) {
  fs.rmSync(results, { force: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-ext-tests-'));
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: path.join(ROOT, 'scripts/e2e/code-shim.js'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, suite, 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
      extensionTestsEnv: { E2E_RESULTS: results, ...env },
    });
  } catch (err) {
    console.error(`extension-host tests (${suite}) failed: ${err && err.message ? err.message : err}`);
    code = 1;
  }
  fs.rmSync(profile, { recursive: true, force: true });
  if (fs.existsSync(results)) process.stdout.write(fs.readFileSync(results, 'utf8'));
  else {
    console.error(`no report at ${results}: the ${suite} tests did not run`);
    code = 1;
  }
  return code;
}

(async () => {
  const results = process.env.E2E_RESULTS || path.join(ROOT, 'test-artifacts', 'extension-tests.txt');
  fs.mkdirSync(path.dirname(results), { recursive: true });
  const ws = activationWorkspace();
  const activation = await run('activation', ws, results.replace(/(\.txt)?$/, '-activation.txt'), { JUNOS_E2E_WS: ws });
  fs.rmSync(ws, { recursive: true, force: true });
  const suite = await run('suite', path.join(ROOT, 'examples'), results);
  process.exit(activation || suite);
})();
