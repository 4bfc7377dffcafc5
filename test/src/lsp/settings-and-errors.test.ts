/**
 * test/lsp/settings-and-errors.test.ts: over stdio JSON-RPC, the settings taking effect (platform re-diagnoses
 * open documents with the other schema, trace level changes what is logged, file globs re-scan the workspace
 * and re-register the client's file watchers) and every request method answering malformed params with an
 * InvalidParams error while the server keeps serving.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResponseError, type SymbolInformation } from 'vscode-languageserver-protocol';
import { REQUEST_HANDLERS } from '../../../server/src/lsp/service';
import { fileUri, LspSession, REPO_ROOT } from './harness';

const R2 = path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r2.conf');

/** An SRX branch's IKE gateway in set form: valid SRX configuration; on an MX the `security ike` tree differs. */
const SRX_IKE = `set security ike proposal IKE-AES authentication-method pre-shared-keys
set security ike proposal IKE-AES dh-group group14
set security ike proposal IKE-AES encryption-algorithm aes-256-cbc
set security ike proposal IKE-AES authentication-algorithm sha-256
set security ike policy IKE-POL proposals IKE-AES
set security ike policy IKE-POL pre-shared-key ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"
set security ike gateway GW-HQ ike-policy IKE-POL
set security ike gateway GW-HQ address 198.51.100.1
set security ike gateway GW-HQ external-interface ge-0/0/0.0
set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30
`;

test('junos.platform: changing it re-diagnoses open documents against that platform\'s schema', async () => {
  const session = await LspSession.start({ settings: { platform: 'ms-pic' } });
  try {
    const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'srx-ike.set'));
    const onMx = await session.open(uri, SRX_IKE);
    assert.ok(onMx.diagnostics.some((d) => d.severity === 1), 'an MX schema rejects the SRX gateway statements');
    const republished = session.nextDiagnosticsFor(uri);
    await session.changeSettings({ platform: 'srx' });
    const onSrx = await republished;
    assert.deepEqual(onSrx.diagnostics.filter((d) => d.severity === 1 || d.severity === 2), [], 'valid on an SRX');
    await session.logLine(/platform is now srx/);
  } finally {
    session.dispose();
  }
});

test('junos.trace: verbose logs per-request timings, messages does not, off logs nothing', async () => {
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    const uri = fileUri(R2);
    await session.open(uri, fs.readFileSync(R2, 'utf8'));
    await session.request('textDocument/foldingRange', { textDocument: { uri } });
    await session.logLine(/textDocument\/foldingRange answered in/);
    for (const level of ['messages', 'off'] as const) {
      await session.changeSettings({ trace: level });
      await session.logLine(new RegExp(`trace level is now ${level}`));
      const before = session.logLines.length;
      await session.request('textDocument/foldingRange', { textDocument: { uri } });
      await session.request('junos/simulate', { uri: 7 }).catch(() => undefined); // an InvalidParams line at `messages`
      const lines = session.logLines.slice(before);
      assert.ok(!lines.some((l) => /answered in/.test(l)), `${level}: no timings (${lines.join(' | ')})`);
      if (level === 'off') assert.deepEqual(lines, [], 'off: silent');
      else assert.ok(lines.some((l) => /junos\/simulate: invalid params/.test(l)), 'messages: problems still logged');
    }
  } finally {
    session.dispose();
  }
});

test('junos.files: new globs re-scan the workspace and replace the client\'s file watchers', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-globs-'));
  fs.copyFileSync(R2, path.join(folder, 'r2.conf'));
  fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r3.conf'), path.join(folder, 'r3.txt'));
  const session = await LspSession.start({ workspaceFolders: [folder], settings: {} });
  const registrations: string[][] = [];
  const unregistrations: string[] = [];
  session.connection.onRequest('client/registerCapability', (params: { registrations: { id: string; registerOptions: { watchers: { globPattern: string }[] } }[] }) => {
    for (const r of params.registrations) registrations.push([r.id, ...r.registerOptions.watchers.map((w) => w.globPattern)]);
    return null;
  });
  session.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
    for (const u of params.unregisterations) unregistrations.push(u.id);
    return null;
  });
  const definers = async (): Promise<string[]> =>
    (await session.request<SymbolInformation[]>('workspace/symbol', { query: 'ike-demo-policy' })).map((s) => path.basename(new URL(s.location.uri).pathname)).sort();
  try {
    assert.deepEqual(await definers(), ['r2.conf'], 'the default globs do not take .txt files');
    assert.deepEqual(registrations.map((r) => r.slice(1)), [['**/*.{conf,set,junos,jcfg,cfg}']]);
    await session.changeSettings({ files: ['**/*.conf', '**/*.txt'] });
    await session.logLine(/file globs are now \*\*\/\*\.conf, \*\*\/\*\.txt/);
    assert.deepEqual(await definers(), ['r2.conf', 'r3.txt'], 'a .txt file that looks like Junos is indexed now');
    assert.deepEqual(registrations.map((r) => r.slice(1)), [['**/*.{conf,set,junos,jcfg,cfg}'], ['**/*.conf', '**/*.txt']]);
    await session.request('textDocument/foldingRange', { textDocument: { uri: fileUri(R2) } }); // lets the unregistration arrive
    assert.deepEqual(unregistrations, [registrations[0]![0]], 'the old watchers are dropped');
  } finally {
    session.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('every request method answers malformed params with InvalidParams, and the server keeps serving', async () => {
  const session = await LspSession.start({ settings: { platform: 'ms-pic' } });
  try {
    const uri = fileUri(R2);
    await session.open(uri, fs.readFileSync(R2, 'utf8'));
    const malformed: unknown[] = [42, 'text', { textDocument: 'nope', position: { line: -1 }, query: 3, uri: 9 }];
    const answers: string[] = [];
    for (const method of Object.keys(REQUEST_HANDLERS)) {
      // `junos/workspaceDiagnostics` reads no field: any object is well-formed for it
      for (const params of method === 'junos/workspaceDiagnostics' ? malformed.slice(0, 2) : malformed) {
        try {
          await session.request(method, params);
          answers.push(`${method} ${JSON.stringify(params)}: answered`);
        } catch (err) {
          assert.ok(err instanceof ResponseError, String(err));
          if (err.code !== -32602) answers.push(`${method} ${JSON.stringify(params)}: ${err.code} ${err.message}`);
        }
      }
    }
    assert.deepEqual(answers, []);
    assert.ok(session.isRunning);
    assert.ok((await session.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } })).length > 0, 'still serving');
    assert.ok(!session.logLines.some((l) => /unhandled rejection|failed:/.test(l)), session.logLines.filter((l) => /failed/.test(l)).join('\n'));
  } finally {
    session.dispose();
  }
});
