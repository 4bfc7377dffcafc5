// test/e2e/suite/extension.test.js: the extension inside a real VS Code (code-server 1.100.3): activation,
// diagnostics equal to the CLI's, completion, hover, language switching of .conf files.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const vscode = require('vscode');
const { ROOT, EXTENSION_ID, until, openExample, diagnosticsOf } = require('./helper');

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, note: vscode.DiagnosticSeverity.Information, info: vscode.DiagnosticSeverity.Information };

function cliFindings(relative) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/junos-ipsec.js'), 'check', '--format', 'json', relative], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.ok(run.stdout.trim().startsWith('['), `the CLI printed no JSON: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const key = (line, column, severity, message) => `${line}:${column} ${severity} ${message}`;

describe('activation and diagnostics', () => {
  it('activates on a Junos file and starts the server', async () => {
    await openExample('seed-as-published/r2.conf');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension.isActive, true);
  });

  for (const file of ['r2.conf', 'r3.set', 'r2-step-by-step.set']) {
    it(`shows for seed-as-published/${file} exactly what \`junos-ipsec check --format json\` reports`, async () => {
      const relative = `examples/seed-as-published/${file}`;
      const expected = cliFindings(relative);
      assert.ok(expected.length > 0, 'the seed has known defects');
      const editor = await openExample(`seed-as-published/${file}`);
      const shown = await diagnosticsOf(editor.document.uri, expected.length);
      const got = shown.map((d) => key(d.range.start.line + 1, d.range.start.character + 1, d.severity, d.message)).sort();
      const want = expected.map((f) => key(f.line, f.column, SEVERITY[f.severity], f.message)).sort();
      assert.deepEqual(got, want);
      assert.ok(shown.every((d) => d.source && /junos/i.test(d.source)), 'diagnostics name their source');
    });
  }

  it('switches a .conf file that starts like Junos to the junos language', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(ROOT, 'examples/ike-dynamic-sa/r1.conf')));
    await until('the junos language', () => document.languageId === 'junos');
    assert.equal(document.languageId, 'junos');
  });
});

describe('completion and hover', () => {
  it('offers the configured IKE proposal where the seed names an undefined one', async () => {
    const editor = await openExample('seed-as-published/r2.conf');
    const line = editor.document.lineAt(77).text;
    const column = line.indexOf('demo-proposal');
    assert.ok(column > 0, `line 78 is ${line}`);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(77, column));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('ike-demo-proposal'), `labels: ${labels.slice(0, 30).join(', ')}`);
  });

  it('offers the statements of an IKE policy on an empty line inside it', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'junos', content: 'services {\n    ipsec-vpn {\n        ike {\n            policy p1 {\n                \n            }\n        }\n    }\n}\n' });
    await vscode.window.showTextDocument(document);
    const list = await until('completion items', async () => {
      const found = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(4, 16));
      return found && found.items.length > 0 ? found : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const expected of ['proposals', 'pre-shared-key', 'mode']) assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(', ')}`);
    assert.ok(!labels.includes('pre-shared'), 'pre-shared is not a statement');
  });

  it('hovers the proposals statement with its documentation', async () => {
    const editor = await openExample('seed-as-published/r2.conf');
    const column = editor.document.lineAt(77).text.indexOf('proposals') + 2;
    const hovers = await until('a hover', async () => {
      const found = await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(77, column));
      return found && found.length > 0 ? found : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /proposals/);
    assert.match(text, /services ipsec-vpn ike policy/);
    assert.match(text, /Names an existing `services ipsec-vpn ike proposal` entry/, 'the reference resolved to its hierarchy');
    assert.doesNotMatch(text, /Names[^\n]*\.\. /, 'no `..` steps in the reference text');
  });
});
