/**
 * test/lsp/custom-requests.test.ts: the project's own JSON-RPC methods over stdio, as the VS Code client and
 * any other LSP client use them: every `junos/*` request the server answers is announced in
 * `experimental.customRequests`; `junos/effectiveConfig` prints a document with its groups applied or as
 * written, in both forms, with secrets masked when asked, and answers bad params with an LSP error; a
 * `junos/simulate` (and workspace symbols) asked before the workspace index is built waits for it, and a
 * cancelled wait ends with RequestCancelled.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError, type SymbolInformation } from 'vscode-languageserver-protocol';
import { REQUEST_HANDLERS } from '../../../server/src/lsp/service';
import { fileUri, LspSession, REPO_ROOT } from './harness';

const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa');
const R2_TEXT = fs.readFileSync(path.join(EXAMPLE_DIR, 'r2.conf'), 'utf8');
const KEY = '$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87';

/** R2 of the example network with its IKE settings and the interface MTU kept in groups, as operators do. */
const R2_WITH_GROUPS = R2_TEXT.replace(
  /        ike \{\n[\s\S]*?\n        \}\n    \}\n\}\ninterfaces \{\n/,
  '    }\n}\ninterfaces {\n',
)
  .replace(
    'system {\n    host-name R2;\n}\n',
    `groups {
    ike-common {
        services {
            ipsec-vpn {
                ike {
                    proposal ike-demo-proposal {
                        authentication-method pre-shared-keys;
                        dh-group group2;
                    }
                    policy ike-demo-policy {
                        proposals ike-demo-proposal;
                        pre-shared-key ascii-text "${KEY}"; ## SECRET-DATA
                    }
                }
            }
        }
    }
    jumbo {
        interfaces {
            "<ge-*>" {
                mtu 9192;
            }
        }
    }
}
apply-groups [ ike-common jumbo ];
system {
    host-name R2;
}
`,
  );

let session: LspSession;
let scratch = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `custom-${++scratch}-${name}`));

before(async () => {
  session = await LspSession.start({ settings: { platform: 'ms-pic' } });
});
after(() => session?.dispose());

async function expectError(method: string, params: unknown, code: number, message?: RegExp): Promise<void> {
  await assert.rejects(session.request(method, params), (err: unknown) => {
    assert.ok(err instanceof ResponseError, `a ResponseError, not ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

interface Printed {
  available: boolean;
  text?: string;
  reason?: string;
}

test('every junos/* request the server answers is announced in experimental.customRequests', () => {
  const announced = (session.initializeResult!.capabilities.experimental as { customRequests: string[] }).customRequests;
  const answered = Object.keys(REQUEST_HANDLERS).filter((m) => m.startsWith('junos/'));
  assert.deepEqual([...announced].sort(), answered.sort());
  assert.ok(announced.includes('junos/effectiveConfig'));
});

test('junos/effectiveConfig: groups applied (the effective configuration) or as written, in curly and set form', async () => {
  assert.ok(R2_WITH_GROUPS.includes('apply-groups') && !/^        ike \{/m.test(R2_WITH_GROUPS), 'the fixture keeps IKE in a group');
  const uri = scratchUri('r2-groups.conf');
  const published = await session.open(uri, R2_WITH_GROUPS);
  assert.deepEqual(
    published.diagnostics.filter((d) => d.severity === 1 || d.severity === 2).map((d) => d.message),
    [],
    'the grouped R2 is a valid configuration',
  );

  const effective = await session.request<Printed>('junos/effectiveConfig', { uri });
  assert.equal(effective.available, true, effective.reason);
  const text = effective.text!;
  // the group's IKE policy is now where Junos applies it, and the wildcard group reached both ge interfaces
  assert.match(text, /^services \{\n[\s\S]*^ {8}ike \{\n {12}proposal ike-demo-proposal \{/m);
  assert.match(text, /^ {12}policy ike-demo-policy \{\n {16}proposals ike-demo-proposal;/m);
  assert.equal(text.match(/^ {8}mtu 9192;$/gm)?.length, 2, 'mtu on ge-0/0/0 and ge-0/0/1, not on ms-1/2/0 or lo0');
  assert.doesNotMatch(text, /^groups \{|apply-groups/m, 'the effective configuration has no groups left');
  assert.ok(text.includes(KEY), 'without maskSecrets the key stays as written (encrypted)');

  const asWritten = await session.request<Printed>('junos/effectiveConfig', { uri, applyGroups: false });
  assert.match(asWritten.text!, /^groups \{\n {4}ike-common \{/m);
  assert.match(asWritten.text!, /^apply-groups \[ ike-common jumbo \];$/m);
  assert.doesNotMatch(asWritten.text!, /^ {8}mtu 9192;$/m, 'as written, the mtu is only in the group');

  const set = await session.request<Printed>('junos/effectiveConfig', { uri, form: 'set' });
  const lines = set.text!.split('\n').filter((l) => l.length > 0);
  assert.ok(lines.every((l) => l.startsWith('set ')), 'one set command a line');
  assert.ok(lines.includes('set services ipsec-vpn ike policy ike-demo-policy proposals ike-demo-proposal'));
  assert.ok(lines.includes('set interfaces ge-0/0/1 mtu 9192'));
  assert.ok(!lines.some((l) => l.startsWith('set groups ') || l.startsWith('set apply-groups')));
});

test('junos/effectiveConfig: with maskSecrets no secret reaches the result, in either form', async () => {
  const uri = scratchUri('r2-secrets.conf');
  await session.open(uri, R2_WITH_GROUPS);
  for (const form of ['curly', 'set'] as const) {
    for (const applyGroups of [true, false]) {
      const printed = await session.request<Printed>('junos/effectiveConfig', { uri, form, applyGroups, maskSecrets: true });
      assert.equal(printed.available, true);
      assert.ok(!printed.text!.includes('$9$'), `${form}/${applyGroups}: no $9$ string`);
      assert.ok(!printed.text!.includes('Ap0I01heK8X'), `${form}/${applyGroups}: not even part of the key`);
      assert.match(printed.text!, /pre-shared-key ascii-text "\*{8}"/, `${form}/${applyGroups}: the secret is masked in place`);
    }
  }
});

test('junos/effectiveConfig: not open or with syntax errors is "not available"; bad params are LSP errors', async () => {
  const absent = scratchUri('never-opened.conf');
  assert.deepEqual(await session.request('junos/effectiveConfig', { uri: absent }), { available: false, reason: `${absent} is not open` });
  const broken = scratchUri('broken.conf');
  await session.open(broken, 'interfaces {\n    ge-0/0/0 {\n        unit 0 {\n            family inet {\n                address 10.1.12.1/30\n');
  const refused = await session.request<Printed>('junos/effectiveConfig', { uri: broken });
  assert.equal(refused.available, false);
  assert.match(refused.reason!, /syntax error/);

  await expectError('junos/effectiveConfig', {}, -32602, /uri/);
  await expectError('junos/effectiveConfig', { uri: 42 }, -32602);
  await expectError('junos/effectiveConfig', { uri: broken, form: 'xml' }, -32602, /form/);
  await expectError('junos/effectiveConfig', { uri: broken, applyGroups: 'yes' }, -32602, /applyGroups/);
  await expectError('junos/effectiveConfig', { uri: broken, maskSecrets: 1 }, -32602, /maskSecrets/);
  await expectError('junos/effectiveConfig', [1, 2], -32602);
  assert.ok(session.isRunning, 'still serving');
});

/** A copy of the example network in a temporary folder, and a session whose client holds back its answer
 *  to the settings pull (the server needs the file globs before it scans the folder) until `release`. */
async function heldWorkspace(): Promise<{ folder: string; own: LspSession; release: () => void }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-sim-'));
  for (const f of fs.readdirSync(EXAMPLE_DIR)) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(folder, f));
  const own = await LspSession.start({ workspaceFolders: [folder], settings: { platform: 'ms-pic' } });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = () => resolve()));
  own.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
    await held;
    return params.items.map(() => ({ platform: 'ms-pic' }));
  });
  return { folder, own, release };
}

interface Simulated {
  available: boolean;
  reason?: string;
  result?: { tunnels: { verdict: string; reason: string }[] };
}

test('junos/simulate right after the workspace folder opens finds the peer in the folder: ESTABLISHED', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-sim-'));
  for (const f of fs.readdirSync(EXAMPLE_DIR)) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(folder, f));
  const own = await LspSession.start({ workspaceFolders: [folder], settings: { platform: 'ms-pic' } });
  try {
    const r2 = fileUri(path.join(folder, 'r2.conf'));
    await own.notify('textDocument/didOpen', { textDocument: { uri: r2, languageId: 'junos', version: 1, text: R2_TEXT } });
    const answer = await own.request<Simulated>('junos/simulate', { uri: r2, seed: 1 });
    assert.equal(answer.available, true, answer.reason);
    assert.deepEqual(
      answer.result!.tunnels.map((t) => t.verdict),
      ['ESTABLISHED'],
      JSON.stringify(answer.result!.tunnels.map((t) => t.reason)),
    );
  } finally {
    own.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('junos/simulate and workspace symbols asked while the folder is still being indexed wait for the index', async () => {
  const { folder, own, release } = await heldWorkspace();
  try {
    const r2 = fileUri(path.join(folder, 'r2.conf'));
    await own.notify('textDocument/didOpen', { textDocument: { uri: r2, languageId: 'junos', version: 1, text: R2_TEXT } });
    let answered = false;
    const simulated = own.request<Simulated>('junos/simulate', { uri: r2, seed: 1 }).finally(() => (answered = true));
    const symbols = own.request<SymbolInformation[]>('workspace/symbol', { query: 'ike-demo-policy' });
    // a request sent after the simulate one is answered first: the simulate is waiting, not running
    await own.request('textDocument/documentSymbol', { textDocument: { uri: r2 } });
    assert.equal(answered, false, 'no answer while the index cannot have been built');
    release();
    const answer = await simulated;
    assert.equal(answer.available, true, answer.reason);
    assert.deepEqual(answer.result!.tunnels.map((t) => t.verdict), ['ESTABLISHED']);
    const files = new Set((await symbols).map((s) => path.basename(new URL(s.location.uri).pathname)));
    assert.deepEqual([...files].sort(), ['r2.conf', 'r3.conf'], 'both ends of the tunnel define ike-demo-policy');
  } finally {
    release();
    own.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a junos/simulate waiting for the index ends with RequestCancelled when the client cancels it', async () => {
  const { folder, own, release } = await heldWorkspace();
  try {
    const r2 = fileUri(path.join(folder, 'r2.conf'));
    await own.notify('textDocument/didOpen', { textDocument: { uri: r2, languageId: 'junos', version: 1, text: R2_TEXT } });
    const source = new CancellationTokenSource();
    const pending = own.connection.sendRequest('junos/simulate', { uri: r2, seed: 1 }, source.token);
    await own.request('textDocument/documentSymbol', { textDocument: { uri: r2 } });
    source.cancel();
    await assert.rejects(pending, (err: unknown) => {
      assert.ok(err instanceof ResponseError, String(err));
      assert.equal(err.code, -32800);
      return true;
    });
    release();
    const answer = await own.request<Simulated>('junos/simulate', { uri: r2, seed: 1 });
    assert.deepEqual(answer.result!.tunnels.map((t) => t.verdict), ['ESTABLISHED'], 'the server keeps serving');
  } finally {
    release();
    own.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
