// test/e2e/suite/helper.js: shared steps of the extension-host tests: the repo root, opening an example
// file, waiting for the extension and for diagnostics. Waits poll with a deadline; they never assert timing.
'use strict';
const path = require('node:path');
const vscode = require('vscode');

/** the repository root: this file runs from test/e2e/suite/ in the source tree (plain JS, not compiled) */
const ROOT = path.resolve(__dirname, '../../..');
const EXTENSION_ID = 'junos-ipsec.junos-ipsec';

async function until(what, probe, timeoutMs = 45000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function openExample(relative) {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(ROOT, 'examples', relative)));
  const editor = await vscode.window.showTextDocument(document);
  await until(`${relative} to become junos`, () => document.languageId === 'junos');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await until('the extension to activate', () => extension.isActive);
  return editor;
}

async function diagnosticsOf(uri, minimum = 1) {
  return until(`diagnostics of ${uri.path}`, () => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.length >= minimum ? found : undefined;
  });
}

module.exports = { ROOT, EXTENSION_ID, until, openExample, diagnosticsOf };
