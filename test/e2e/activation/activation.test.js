// test/e2e/activation/activation.test.js: what activates the extension and starts the server, in a real
// VS Code (code-server 1.100.3) on a workspace with no `.junos`/`.jcfg`/`.set` file ($JUNOS_E2E_WS):
// notes.txt (plain text), nginx.conf (not Junos), edge-router (no extension, first line `## Last commit:`),
// r1.conf (a Junos configuration). The order matters: each step builds on the state the last one left.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, until } = require('../suite/helper');

const WS = process.env.JUNOS_E2E_WS || (vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0].uri.fsPath);

async function open(name) {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WS, name)));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Gives activation every chance to happen: a few round trips through the extension host and the workbench. */
async function settle() {
  for (let i = 0; i < 10; i++) {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('activation', () => {
  const extension = () => vscode.extensions.getExtension(EXTENSION_ID);

  it('is installed and not active in a workspace without Junos files', () => {
    assert.ok(extension(), `${EXTENSION_ID} is installed`);
    assert.equal(extension().isActive, false);
  });

  it('a plain-text file does not activate it', async () => {
    const document = await open('notes.txt');
    assert.equal(document.languageId, 'plaintext');
    await settle();
    assert.equal(extension().isActive, false, 'activated by a plain-text file');
  });

  it('a .conf file activates it (VS Code calls .conf `properties`), but one that is not Junos starts no server', async () => {
    const document = await open('nginx.conf');
    assert.equal(document.languageId, 'properties');
    await until('activation', () => extension().isActive);
    await settle();
    assert.equal(document.languageId, 'properties', 'nginx.conf stays properties');
    assert.equal(extension().exports.serverState(), 'stopped');
  });

  it('a file without extension whose first line is a Junos commit banner is junos (firstLine), and the server starts', async () => {
    const document = await open('edge-router');
    assert.equal(document.languageId, 'junos');
    await until('the server to be ready', () => extension().exports.serverState() === 'ready');
    const diagnostics = await until('diagnostics of edge-router', () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(diagnostics.some((d) => /demo-proposal/.test(d.message)), diagnostics.map((d) => d.message).join('; '));
  });

  it('a .conf file that looks like Junos becomes junos', async () => {
    const document = await open('r1.conf');
    await until('r1.conf to become junos', () => document.languageId === 'junos');
  });
});
